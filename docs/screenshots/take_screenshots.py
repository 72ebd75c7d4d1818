"""Retake docs/screenshots/*.png from the real window on a real X server.

Run under Xvfb with a window manager, at the size the officer's screen has:

    Xvfb :99 -screen 0 1366x768x24 & openbox &
    DISPLAY=:99 python docs/screenshots/take_screenshots.py [OUT_FOLDER]

Each shot is the whole screen (window frame and all), grabbed after the window has painted.
QT_SCALE_FACTOR=1.5 in the environment shows the window at 150 %.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QLineEdit, QTableView

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "journeys"))


def wait(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(out: Path, name: str) -> None:
    wait(500)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def index_set_preview(page, data: Path, out: Path) -> None:
    """The criteria-set import preview of a province table whose areas do not add up to its total."""
    import openpyxl

    from app.index.import_table import preview_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Hướng dẫn chấm điểm"])
    for a, area in enumerate(("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH TTHC"), 1):
        ws.append([str(a), area, "3", ""])
        ws.append([f"{a}.1", "Ban hành kế hoạch, văn bản đúng hạn", "2", ""])
        ws.append([f"{a}.1.1", "Ban hành đúng hạn", "1", "Đúng hạn: 1 điểm; muộn: 0"])
        ws.append([f"{a}.1.2", "Tổ chức thực hiện đầy đủ", "1", "100%: 1 điểm; 80% trở lên: 0,5"])
        ws.append([f"{a}.2", "Báo cáo định kỳ", "1", "Đủ, đúng hạn: 1 điểm"])
    ws.append(["", "Tổng cộng", "10", ""])
    wb.save(data / "Bo tieu chi tinh.xlsx")
    page.import_set()
    dialog = page.import_dialog
    dialog.file.setText(str(data / "Bo tieu chi tinh.xlsx"))
    dialog._show(preview_file(data / "Bo tieu chi tinh.xlsx"))
    wait(500)
    shot(out, "index-set-import")
    dialog.reject()


def main(out: Path) -> None:
    from app import clock
    from ui.app import open_window, prepare_application
    from ui.refcount_guard import guard_singletons

    import given

    guard_singletons()
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="kehoach-anh-"))
    import os

    os.environ["KEHOACH_DATA_DIR"] = str(data)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prepare_application(app)
    clock.pin(date(2027, 6, 10))
    given.last_years_plan(data / "kehoach.db")
    plan_id = given.tracked_plan(data / "kehoach.db", date(2027, 6, 10))
    given.spell_both_ways(data / "kehoach.db", plan_id)
    window = open_window(data / "kehoach.db")
    window.show()
    window.raise_()
    window.activateWindow()
    wait(800)
    shot(out, "main-window")

    window.select_node(("appendix", window.context.plan.appendices[1].id))
    editor = window.editors.current_task_editor()
    assert editor is not None
    editor.view.setCurrentIndex(editor.model.index(1, editor.model.column_of("lead") or 3))
    editor.view.edit(editor.view.currentIndex())
    wait()
    cell = QApplication.focusWidget()
    if isinstance(cell, QLineEdit) and cell.completer() is not None:
        cell.setText("Trung")
        cell.completer().setCompletionPrefix("Trung")
        cell.completer().complete()
    shot(out, "task-table")
    if isinstance(cell, QLineEdit):
        editor.view.closeEditor(cell, QAbstractItemDelegate.EndEditHint.RevertModelCache)

    editor.panel_button.setChecked(True)
    shot(out, "appendix-settings")
    editor.panel_button.setChecked(False)

    window.run_checks()
    shot(out, "check-panel")
    window.check_dock.hide()

    window.select_node(("header", None))
    window.editors.header_form.decision.issue.setChecked(True)
    window.editors.header_form.ensureWidgetVisible(window.editors.header_form.decision.box)
    shot(out, "decision")
    window.runner.stack(window.plan_id).undo()

    window.select_node(("overview", None))
    shot(out, "overview")
    window.select_node(("tracking", None))
    view = window.editors.tracking_view("tracking")
    table = view.findChild(QTableView)
    table.selectRow(2)
    view.mark_selected_done()  # type: ignore[attr-defined]
    shot(out, "tracking")
    view.done_dialog.reject()  # type: ignore[attr-defined]
    window.select_node(("target_results", None))
    shot(out, "targets")
    window.select_node(("index", None))
    page = window.editors.tracking_views["index"]
    page.new_button.click()  # type: ignore[attr-defined]
    wait(800)
    page.tree.expandAll()  # type: ignore[attr-defined]
    shot(out, "index-assessment")
    leaf = next(i for i in page._all_items() if i.data(0, 256).leaf)  # type: ignore[attr-defined]
    page.tree.setCurrentItem(leaf)  # type: ignore[attr-defined]
    page.pick_links()  # type: ignore[attr-defined]
    wait(500)
    shot(out, "index-links")
    page.picker.reject()  # type: ignore[attr-defined]
    index_set_preview(page, data, out)

    window.menu_actions.print_document(True)
    wait(2500)
    shot(out, "print-appendix")
    window.menu_actions.dialogs["print"].reject()  # type: ignore[attr-defined]
    window.menu_actions.print_document(False)
    wait(2500)
    shot(out, "preview")
    window.menu_actions.dialogs["print"].reject()  # type: ignore[attr-defined]

    window.menu_actions.make_report()
    wait(1500)
    shot(out, "report-editor")
    window.menu_actions.dialogs["report"].reject()  # type: ignore[attr-defined]

    window.menu_actions.new_plan()
    shot(out, "new-plan")
    dialog = window.menu_actions.dialogs["new_plan"]
    dialog.year.setValue(2027)  # type: ignore[attr-defined]
    dialog.from_previous.setChecked(True)  # type: ignore[attr-defined]
    dialog.accept()  # type: ignore[attr-defined]
    wait(800)
    shot(out, "leftovers")
    window.leftovers_dock.hide()

    window.select_node(("appendix", window.context.plan.appendices[2].id))
    window.menu_actions.import_table()
    dialog = window.menu_actions.dialogs["import"]
    from screen_fit import wide_table

    dialog.open_file(wide_table(data / "bang-cua-tinh.xlsx"))  # type: ignore[attr-defined]
    wait(2000)
    shot(out, "import-preview")
    dialog.reject()  # type: ignore[attr-defined]

    sys.path.insert(0, str(ROOT / "tests" / "app"))
    from test_docx_plan_clerk import _header_table, _write

    window.menu_actions.import_plan_docx()
    dialog = window.menu_actions.dialogs["import_docx"]
    dialog.open_file(_write(data, _header_table))  # type: ignore[attr-defined]
    wait(2000)
    shot(out, "import-plan-docx")
    dialog.reject()  # type: ignore[attr-defined]

    versions(window, out)

    window.menu_actions.show_backups()
    shot(out, "backups")
    window.menu_actions.dialogs["backups"].reject()  # type: ignore[attr-defined]
    window.close()


def versions(window, out: Path) -> None:
    """The plan issued in January, then amended in June: a draft saved, compared with the issued one."""
    from app.model import Task
    from app.ops import rows
    from app.versions import issue, save_version

    run, pid = window.runner.run, window.plan_id
    run(issue, pid, "15", date(2027, 1, 8))
    a = window.context.plan.appendices[1]
    first = a.tasks[0]
    run(
        rows.set_fields,
        rows.TASKS,
        first.id,
        content=first.content.replace("năm 2027;", "năm 2027 theo Kế hoạch của tỉnh;"),
    )
    run(rows.set_fields, rows.TASKS, a.tasks[1].id, lead="Công chức Văn phòng - Thống kê")
    run(rows.move_to, rows.TASKS, a.tasks[3].id, None, 1)
    run(rows.remove, rows.TASKS, [a.tasks[-1].id])
    run(
        rows.insert,
        rows.TASKS,
        a.id,
        [
            Task(
                content="Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                lead="Trung tâm Phục vụ hành chính công",
                timeline="Quý III/2027",
            )
        ],
        None,
        2,
    )
    run(save_version, pid, "Dự thảo lấy ý kiến 10/06")
    window.select_node(("versions", None))
    shot(out, "versions")
    page = window.editors.tracking_view("versions")
    page.tree.setCurrentItem(page.tree.topLevelItem(1))  # type: ignore[attr-defined]
    page.compare()  # type: ignore[attr-defined]
    wait(800)
    shot(out, "versions-compare")
    page.dialogs["compare"].reject()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
