"""Versions on a 2,000-task plan: issuing (freeze + compress + store), loading a version, comparing
a version with the plan now after 50 edits, 10 moves, 10 removals and 10 additions; database growth.

Then a fresh 2,000-task plan with 5 versions (2 issued, 3 drafts, edits between them): export-json
with its versions, import, export again (checked byte for byte), and the overview and report
draft of a plan whose issued version has 10 tasks repealed since.

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
    _round_trip(ws, db.parent)
    ws.close()


def _round_trip(ws, folder: Path) -> None:
    from app.ops import plans, reports
    from app.ops.tracking import repealed

    pid = ws.db.insert_plan(big_plan())
    issue(ws, pid, "15", date(2026, 12, 20))
    for k in range(3):
        _edit(ws, pid)
        save_version(ws, pid, f"Dự thảo {k + 1}")
    issue(ws, pid, "42", date(2027, 4, 2))
    _edit(ws, pid)  # 10 more tasks removed after the last issue: repealed
    first, again = folder / "with-versions.json", folder / "again.json"
    t_out = ms(lambda: plans.export_plan_json(ws, pid, first), 5)
    plain = ms(lambda: plans.export_plan_json(ws, pid, folder / "plain.json", versions=False), 5)
    ids: list[int] = []
    t_in = ms(lambda: ids.append(plans.import_plan_file(ws, first).created), 5)
    plans.export_plan_json(ws, ids[-1], again)
    same = again.read_bytes() == first.read_bytes()
    print(
        f"export-json with 5 versions: {t_out:.0f} ms (median of 5; without versions {plain:.0f} ms), "
        f"file {_size(first) / 1024 / 1024:.1f} MB (without versions {_size(folder / 'plain.json') / 1024 / 1024:.1f} MB)"
    )
    print(f"import it (plan, 5 versions, task identities): {t_in:.0f} ms (median of 5); re-export identical: {same}")
    from app.versions import _READ

    first_read = ms(lambda: (_READ.clear(), repealed(ws, pid)), 3)
    print(
        f"repealed tasks ({len(repealed(ws, pid))}): {ms(lambda: repealed(ws, pid), 5):.0f} ms (median of 5; "
        f"first read of the 2 issued versions: {first_read:.0f} ms)"
    )
    bare = plans.import_plan_file(ws, folder / "plain.json").created  # the same plan, no versions
    for name, plan_id in (("with them", pid), ("same plan without versions", bare)):
        print(
            f"overview {name}: {ms(lambda: reports.overview(ws, plan_id), 5):.0f} ms, "  # noqa: B023
            f"report draft: {ms(lambda: reports.preview(ws, plan_id, '6m'), 5):.0f} ms (medians of 5)"  # noqa: B023
        )


if __name__ == "__main__":
    main()
