"""Window figures on a 2,000-task appendix (offscreen): open the editor, insert a row, move a row, undo;
and the `--smoke` first paint of the real program.

Run: python bench/bench_ui.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPEAT = 20


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples):.1f} ms (median of {len(samples)}, max {max(samples):.1f})"


_LOOP = None


def process_events() -> None:
    """Layout and paint of what changed. Not QApplication.processEvents(): in PySide6 6.12 the static
    call (and QTest.qWait) drops a reference to None on every call, and a long loop then aborts the
    interpreter ("deallocating None"); the QEventLoop instance method does not."""
    global _LOOP
    from PySide6.QtCore import QEventLoop

    if _LOOP is None:
        _LOOP = QEventLoop()
    _LOOP.processEvents()


def timed(app, fn) -> float:
    t0 = time.perf_counter()
    fn()
    process_events()
    return (time.perf_counter() - t0) * 1000


def window_figures() -> None:
    from PySide6.QtWidgets import QApplication

    from app.workspace import open_workspace
    from bench.bench_core import big_plan
    from ui.refcount_guard import guard_singletons

    guard_singletons()
    tmp = Path(tempfile.mkdtemp())
    os.environ["KEHOACH_DATA_DIR"] = str(tmp / "data")
    app = QApplication.instance() or QApplication([])
    from ui.main_window import MainWindow
    from ui.settings import Settings

    ws = open_workspace(tmp / "bench.db")
    plan_id = ws.db.insert_plan(big_plan())
    window = MainWindow(ws, plan_id, Settings(tmp / "settings.ini"))
    window.show()
    process_events()
    aid = window.context.plan.appendices[0].id
    n = sum(1 for _ in window.context.plan.appendices[0].tasks)
    print(f"appendix: {n} tasks")

    def open_editor() -> None:
        window.select_node(("appendix", aid))

    opens = []
    for _ in range(REPEAT):
        window.select_node(("header", None))
        window.editors.drop_editors(set())
        process_events()
        opens.append(timed(app, open_editor))
    print(f"open the appendix editor: {median_ms(opens)}")

    editor = window.editors.task_editors[aid]
    middle = editor.model.rowCount() // 2
    editor.view.setCurrentIndex(editor.model.index(middle, 1))
    process_events()
    stack = window.runner.stack(plan_id)
    inserts, moves, undos, edits = [], [], [], []
    for _ in range(REPEAT):
        inserts.append(timed(app, editor.add_row))
    for i in range(REPEAT):
        moves.append(timed(app, lambda i=i: editor.move_by(-1 if i % 2 else +1)))
    for _ in range(REPEAT):
        undos.append(timed(app, stack.undo))
    model = editor.model
    column = model.column_of("lead")
    for i in range(REPEAT):
        index = model.index(middle, column)
        edits.append(timed(app, lambda i=i, index=index: model.setData(index, f"Phòng Kinh tế {i}")))
    print(f"insert a row: {median_ms(inserts)}")
    print(f"move a row: {median_ms(moves)}")
    print(f"undo (moves): {median_ms(undos)}")
    print(f"edit a cell: {median_ms(edits)}")

    # The floor under those figures: the operation alone (one transaction, fsync), no window.
    from app.model import Task
    from app.ops import rows

    ids = [t.id for t in editor.model.appendix().tasks]
    db_insert = [
        timed(app, lambda: rows.insert(ws, rows.TASKS, aid, [Task(content="x")], None, 1000)) for _ in range(REPEAT)
    ]
    db_move = [timed(app, lambda: rows.move_by(ws, rows.TASKS, ids[500], +1)) for _ in range(REPEAT)]
    db_tree = [timed(app, lambda: rows.appendix_tasks(ws, aid)) for _ in range(REPEAT)]
    print(f"  of which the operation alone — insert: {median_ms(db_insert)}; move: {median_ms(db_move)}")
    print(f"  reading the appendix's 2,000 tasks again (what a table does after an edit): {median_ms(db_tree)}")
    if "--profile" in sys.argv:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for i in range(10):
            editor.add_row()
            editor.move_by(-1 if i % 2 else +1)
            stack.undo()
            process_events()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    window.close()
    ws.close()


def smoke_figures(runs: int = 5) -> None:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, KEHOACH_DATA_DIR=tmp, QT_QPA_PLATFORM="offscreen")
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "--smoke"], capture_output=True, text=True, env=env, cwd=ROOT
            ).stdout
            m = re.search(r"first paint: (\d+) ms", out)
            if m:
                times.append(float(m.group(1)))
    if times:
        print(f"--smoke first paint: {median_ms(times)} ({runs} runs)")
    else:
        print("--smoke printed no first-paint figure")


if __name__ == "__main__":
    window_figures()
    if "--no-smoke" not in sys.argv:
        smoke_figures()
