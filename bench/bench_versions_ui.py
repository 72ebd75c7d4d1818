"""The versions views on the 2,000-task plan: the comparison after 80 changes (bench_versions.py's
edits) and after every task's text changed (more rows than are laid out), and a version read.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_versions_ui.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_core import big_plan, ms  # noqa: E402
from bench_versions import _edit  # noqa: E402

from app.model import iter_tasks  # noqa: E402
from app.ops import rows  # noqa: E402
from app.versions import compare_versions, load_version, save_version  # noqa: E402
from app.workspace import open_workspace  # noqa: E402


def main() -> None:
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from ui.versions.html import MAX_ROWS, compare_html
    from ui.versions.viewer import build_html

    app = QApplication.instance() or QApplication([])
    browser = QTextBrowser()
    browser.resize(1300, 600)
    browser.show()

    def shown(html: str) -> None:
        browser.setHtml(html)
        browser.document().size()  # laid out at the view's width
        app.processEvents()

    ws = open_workspace(Path(tempfile.mkdtemp()) / "bench.db")
    pid = ws.db.insert_plan(big_plan())
    vid = save_version(ws, pid, "Dự thảo").created
    _edit(ws, pid)
    diff = compare_versions(ws, pid, str(vid))
    html = compare_html(diff)
    print(
        f"80 changes: compare {ms(lambda: compare_versions(ws, pid, str(vid)), 5):.0f} ms, "
        f"rows as rich text {ms(lambda: compare_html(diff), 5):.0f} ms, shown {ms(lambda: shown(html), 5):.0f} ms"
    )
    for t in [t for a in ws.plan(pid).appendices for t in iter_tasks(a.tasks)]:
        rows.set_fields(ws, rows.TASKS, t.id, content=t.content.replace("năm", "trong năm", 1) + " đúng hạn")
    diff = compare_versions(ws, pid, str(vid))
    html = compare_html(diff)
    print(
        f"{len(diff.changes)} changes ({MAX_ROWS} laid out): rows as rich text {ms(lambda: compare_html(diff), 3):.0f} ms, "
        f"shown {ms(lambda: shown(html), 3):.0f} ms"
    )
    plan = load_version(ws, pid, vid)
    text = build_html(plan)
    print(
        f"a version read: built {ms(lambda: build_html(plan), 3):.0f} ms (off the GUI thread), "
        f"shown {ms(lambda: shown(text), 3):.0f} ms"
    )
    ws.close()


if __name__ == "__main__":
    main()
