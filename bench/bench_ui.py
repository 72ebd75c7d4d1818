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

    from bench.bench_core import big_plan
    from ui.refcount_guard import guard_singletons

    guard_singletons()
    from storage.db import open_store
    from storage.plans import insert_plan

    tmp = Path(tempfile.mkdtemp())
    os.environ["KEHOACH_DATA_DIR"] = str(tmp / "data")
    app = QApplication.instance() or QApplication([])
    from ui.main_window import MainWindow
    from ui.settings import Settings

    store = open_store(tmp / "bench.db")
    plan_id = insert_plan(store, big_plan())
    window = MainWindow(store, plan_id, Settings(tmp / "settings.ini"))
    window.show()
    process_events()
    aid = window.session.plan.appendices[0].id
    n = sum(1 for _ in window.session.plan.appendices[0].tasks)
    print(f"appendix: {n} tasks")

    def open_editor() -> None:
        window.select_node(("appendix", aid))

    opens = []
    for _ in range(REPEAT):
        window.select_node(("header", None))
        window._drop_task_editors(set())
        process_events()
        opens.append(timed(app, open_editor))
    print(f"open the appendix editor: {median_ms(opens)}")

    editor = window.task_editors[aid]
    middle = editor.model.rowCount() // 2
    editor.view.setCurrentIndex(editor.model.index(middle, 1))
    process_events()
    inserts, moves, undos = [], [], []
    for _ in range(REPEAT):
        inserts.append(timed(app, lambda: editor.add_row(child=False)))
    for i in range(REPEAT):
        moves.append(timed(app, lambda i=i: editor.move(-1 if i % 2 else +1)))
    for _ in range(REPEAT):
        undos.append(timed(app, window.session.stack.undo))
    print(f"insert a row: {median_ms(inserts)}")
    print(f"move a row: {median_ms(moves)}")
    print(f"undo (moves): {median_ms(undos)}")

    # The floor under those figures: the use case alone (one transaction, fsync), no window.
    from app.model import Task
    from app.usecases import editing

    ids = [t.id for t in editor.model.appendix().tasks]
    db_insert = [timed(app, lambda: editing.add_task(store, aid, Task(content="x"), None, 1000)) for _ in range(REPEAT)]
    db_move = [timed(app, lambda: editing.move_task_down(store, ids[500])) for _ in range(REPEAT)]
    print(f"  of which the database alone — insert: {median_ms(db_insert)}; move: {median_ms(db_move)}")
    if "--profile" in sys.argv:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for i in range(10):
            editor.add_row(child=False)
            editor.move(-1 if i % 2 else +1)
            window.session.stack.undo()
            process_events()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    window.close()
    store.close()


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
