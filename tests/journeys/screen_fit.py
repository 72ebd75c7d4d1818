"""Open the window and every dialog on a screen of a given size and print where each one lands.

Run by tests/journeys/test_screen_sizes.py in a fresh process, because the screen (size, scaling)
is fixed when Qt starts: QT_QPA_PLATFORM=offscreen:configfile=… sets it, QT_SCALE_FACTOR scales.
Prints one JSON object: {"screen": [x, y, w, h], "windows": {name: [x, y, w, h]}, "columns": …}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QTableView


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def rect(w) -> list[int]:
    g = w.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]


def wide_table(path: Path) -> Path:
    """An .xlsx from another office with many wide columns (what made the import dialog grow)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(
        ["STT"] + [f"Tiêu đề cột rất dài số {i} của bảng phụ lục nhiệm vụ cải cách hành chính" for i in range(1, 12)]
    )
    for n in range(1, 30):
        ws.append(
            [str(n)] + [f"Nội dung ô {n}.{i} khá dài để thử độ rộng của hộp thoại nhập bảng" for i in range(1, 12)]
        )
    wb.save(path)
    return path


def main(data: Path) -> None:
    from ui.app import open_window, prepare_application
    from ui.refcount_guard import guard_singletons

    guard_singletons()
    app = QApplication.instance() or QApplication([])
    prepare_application(app)
    window = open_window(data / "kehoach.db")
    window.show()
    wait(200)
    out: dict[str, object] = {"screen": [*window.screen().availableGeometry().getRect()], "windows": {}}
    windows: dict[str, list[int]] = {"main": rect(window)}
    actions = window.menu_actions
    for name, open_it in (
        ("new_plan", actions.new_plan),
        ("export", actions.export),
        ("print", lambda: actions.print_document(True)),
        ("backups", actions.show_backups),
        ("settings", actions.show_settings),
        ("report", actions.make_report),
    ):
        open_it()
        wait(300)
        dialog = actions.dialogs[name if name != "new_plan" else "new_plan"]
        windows[name] = rect(dialog)
        dialog.reject()
    window.select_node(("versions", None))
    page = window.editors.tracking_view("versions")
    page.issue()  # type: ignore[attr-defined]
    wait(200)
    windows["issue"] = rect(page.dialogs["issue"])  # type: ignore[attr-defined]
    page.dialogs["issue"].number.setText("15")  # type: ignore[attr-defined]
    page.dialogs["issue"].ok()  # type: ignore[attr-defined]
    for name, open_it in (("compare", page.compare), ("viewer", page.view_selected)):  # type: ignore[attr-defined]
        open_it()
        wait(300)
        windows[name] = rect(page.dialogs[name])  # type: ignore[attr-defined]
        page.dialogs[name].reject()  # type: ignore[attr-defined]
    window.select_node(("appendix", window.context.plan.appendices[1].id))
    actions.import_table()
    dialog = actions.dialogs["import"]
    dialog.open_file(wide_table(data / "rong.xlsx"))
    for _ in range(50):
        wait(100)
        if dialog.parsed is not None:
            break
    wait(200)
    windows["import_loaded"] = rect(dialog)
    dialog.reject()
    window.select_node(("tracking", None))
    wait(200)
    table = window.editors.tracking_view("tracking").findChild(QTableView)
    out["task_column"] = table.columnWidth(1)
    out["char"] = table.fontMetrics().averageCharWidth()
    view = window.editors.tracking_view("tracking")
    view.view.selectRow(0)
    view.mark_selected_done()
    wait(200)
    windows["done"] = rect(view.done_dialog)
    view.done_dialog.reject()
    leftovers = [w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    out["still_open"] = [w.windowTitle() for w in leftovers]
    out["windows"] = windows
    print(json.dumps(out))
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
