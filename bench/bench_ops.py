"""The slowest operations the window runs on its own thread, on the 2,000-task plan: is any of them
long enough (~100 ms) to need the background? Prints figures; never passes or fails.

Run: python bench/bench_ops.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.model import Task  # noqa: E402
from app.ops import backups, plans, rows  # noqa: E402
from app.workspace import open_workspace  # noqa: E402
from bench.bench_core import big_plan  # noqa: E402


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000, result


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    ws = open_workspace(tmp / "kehoach.db")
    plan_id = ws.db.insert_plan(big_plan())
    appendix = ws.plan(plan_id).appendices[0]
    assert appendix.id is not None
    figures = {}
    figures["carry forward (2,000 tasks, with its backup)"], _ = timed(
        lambda: plans.carry_forward_plan(ws, plan_id, 2028)
    )
    pasted = [Task(content=f"Nhiệm vụ dán {i}", lead="Văn phòng HĐND và UBND") for i in range(100)]
    figures["paste 100 rows"], done = timed(lambda: rows.insert(ws, rows.TASKS, appendix.id, pasted, None, 10))
    figures["undo the paste"], _ = timed(lambda: done.undo(ws))  # type: ignore[union-attr]
    figures["unify tone marks over the whole plan"], _ = timed(lambda: plans.unify_tone(ws, plan_id, "old"))
    path = backups.backup_now(ws)
    figures["backup now"], _ = timed(lambda: backups.backup_now(ws))
    figures["restore a backup (checked, the current file backed up first)"], _ = timed(
        lambda: backups.restore(ws, path)
    )
    for what, ms in figures.items():
        print(f"{what}: {ms:.0f} ms")
    ws.close()


if __name__ == "__main__":
    main()
