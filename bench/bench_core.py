"""Plan core figures on a 2,000-task plan: load, save one task, JSON export/import, check, `main.py list`.

Run: python bench/bench_core.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import plan_file  # noqa: E402
from app.checks import check_plan  # noqa: E402
from app.ops import rows  # noqa: E402
from app.templates import Agency, instantiate  # noqa: E402
from app.workspace import open_workspace  # noqa: E402


def big_plan(n_tasks: int = 2000):
    plan = instantiate("ward-grouped", 2027, Agency("Phường Phú Sơn", "UBND tỉnh Thanh Hóa", chairman="Nguyễn Văn An"))
    base = plan.appendices[0].tasks
    tasks = []
    i = 0
    while len(tasks) < n_tasks:
        t = base[i % len(base)]
        tasks.append(replace(t, content=f"{t.content} ({i + 1})", subtasks=()))
        i += 1
    return replace(plan, appendices=(replace(plan.appendices[0], tasks=tuple(tasks)),) + plan.appendices[1:])


def ms(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    db_path = tmp / "bench.db"
    ws = open_workspace(db_path)
    plan = big_plan()
    pid = ws.db.insert_plan(plan)
    n = sum(1 for a in plan.appendices for _ in a.tasks)
    print(f"plan: {n} tasks, database {db_path.stat().st_size // 1024} KB")
    print(f"plan load: {ms(lambda: ws.db.load_plan(pid), 20):.1f} ms (median of 20)")

    task_ids = [t.id for t in ws.plan(pid).appendices[0].tasks]
    k = iter(range(10_000))

    def save_one():
        i = next(k)
        rows.set_fields(ws, rows.TASKS, task_ids[(i * 7) % len(task_ids)], content=f"Nội dung đã sửa lần {i}")

    print(f"one task save: {ms(save_one, 200):.2f} ms (median of 200, synchronous=FULL)")
    loaded = ws.plan(pid)
    out = tmp / "plan.json"
    print(f"JSON export: {ms(lambda: out.write_text(plan_file.dumps(loaded), encoding='utf-8'), 10):.1f} ms")
    print(f"JSON import (parse + validate + insert): {ms(lambda: ws.db.insert_plan(plan_file.read(out)), 5):.1f} ms")
    print(f"check (all rules, near-duplicates included): {ms(lambda: check_plan(loaded), 5):.0f} ms (median of 5)")
    ws.close()

    def cli_list():
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "list"], check=True, capture_output=True
        )

    print(f"`python main.py list` wall: {ms(cli_list, 5):.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
