"""Versions on a 2,000-task plan: issuing (freeze + compress + store), loading a version, comparing
a version with the plan now after 50 edits, 10 moves, 10 removals and 10 additions; database growth.

Run: python bench/bench_versions.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datetime import datetime  # noqa: E402

from bench_core import big_plan, ms  # noqa: E402

from app.model import Task  # noqa: E402
from app.ops import rows  # noqa: E402
from app.ops.row_moves import move_to  # noqa: E402
from app.versions import compare_versions, issue, load_version, save_version  # noqa: E402
from app.workspace import open_workspace  # noqa: E402
from exporters.build import ALL, build_document  # noqa: E402
from exporters.docx_tracked import write_tracked_docx  # noqa: E402
from exporters.docx_writer import write_docx  # noqa: E402


def _edit(ws, pid: int) -> None:
    tasks = ws.plan(pid).appendices[0].tasks
    for t in tasks[:50]:
        rows.set_fields(ws, rows.TASKS, t.id, content=t.content + " và báo cáo kết quả")
    for k, t in enumerate(tasks[100:110]):
        move_to(ws, rows.TASKS, t.id, None, 1500 + k)
    rows.remove(ws, rows.TASKS, [t.id for t in tasks[200:210]])
    app_id = ws.plan(pid).appendices[0].id
    rows.insert(ws, rows.TASKS, app_id, [Task(content=f"Nhiệm vụ bổ sung {k}") for k in range(10)], position=5)


def _size(path: Path) -> int:
    return path.stat().st_size


def main() -> None:
    db = Path(tempfile.mkdtemp()) / "bench.db"
    ws = open_workspace(db)
    pid = ws.db.insert_plan(big_plan())
    ws.plan(pid)
    before = _size(db)
    days = iter(range(1, 10_000))
    t_issue = ms(lambda: issue(ws, pid, str(next(days)), date(2026, 12, 20)), 10)
    grown = (_size(db) - before) / 10
    vid = save_version(ws, pid, "Dự thảo").created
    print(f"issue (freeze, zlib, store, header): {t_issue:.1f} ms (median of 10)")
    print(f"database growth per version: {grown / 1024:.0f} KB (database {before // 1024} KB before)")
    print(f"load a version as a Plan: {ms(lambda: load_version(ws, pid, vid), 10):.1f} ms (median of 10)")
    _edit(ws, pid)
    diff = compare_versions(ws, pid, str(vid))
    print(f"changes found: {len(diff.changes)}")
    t = ms(lambda: compare_versions(ws, pid, str(vid)), 10)
    print(f"compare version with now (load version + diff): {t:.1f} ms (median of 10)")
    old, new = load_version(ws, pid, vid), ws.plan(pid)
    out = db.parent / "changes.docx"
    plain = ms(lambda: write_docx(build_document(new, ALL), db.parent / "plain.docx"), 3)
    counts: dict[str, int] = {}
    t = ms(lambda: counts.update(write_tracked_docx(old, new, out, datetime(2027, 3, 1))), 3)
    print(f"tracked-changes DOCX: {t:.0f} ms (median of 3; one plain DOCX export: {plain:.0f} ms), marks {counts}")
    ws.close()


if __name__ == "__main__":
    main()
