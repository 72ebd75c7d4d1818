"""Kill the process mid-work (SIGKILL, no clean-up) many times: the file stays intact and every
edit reported as committed is there. KEHOACH_CRASH_ROUNDS raises the number of rounds."""

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("KEHOACH_CRASH_ROUNDS", "6"))

WORKER = r"""
import sys
sys.path.insert(0, {root!r})
from app.model import Appendix, Plan, Task
from app.ops import plans, rows
from app.workspace import open_workspace

ws = open_workspace({db!r})
if not ws.db.list_plans():
    ws.db.insert_plan(Plan(2027, appendices=(Appendix(tasks=tuple(Task(content=str(i)) for i in range(20))),)))
plan = ws.plan(ws.db.list_plans()[0].id)
appendix = plan.appendices[0]
ids = [t.id for t in appendix.tasks]
n = int(sys.argv[1])
while True:
    n += 1
    kind = n % 4
    if kind == 0:
        rows.set_fields(ws, rows.TASKS, ids[n % len(ids)], content=f"edit {{n}}")
    elif kind == 1:
        rows.insert(ws, rows.TASKS, appendix.id, [Task(content=f"edit {{n}}")], position=0)
    elif kind == 2:
        rows.move_to(ws, rows.TASKS, ids[n % len(ids)], None, n % 7)
    else:
        plans.set_header(ws, plan.id, summary=f"edit {{n}}")
    print(n, flush=True)   # reported only after the commit returned
"""


def _committed(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tasks'").fetchone() is None:
            return set()  # killed before the schema was made (a slow start): nothing was reported either
        texts = {r[0] for r in conn.execute("SELECT content FROM tasks")}
        texts |= {r[0] for r in conn.execute("SELECT summary FROM plans")}
        # Positions stay dense after every interrupted move.
        for (parent,) in conn.execute("SELECT DISTINCT appendix_id FROM tasks"):
            pos = [
                r[0]
                for r in conn.execute(
                    "SELECT position FROM tasks WHERE appendix_id = ? AND parent_id IS NULL ORDER BY position",
                    (parent,),
                )
            ]
            assert pos == list(range(len(pos)))
        return texts
    finally:
        conn.close()


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    db = tmp_path / "crash.db"
    script = tmp_path / "worker.py"
    script.write_text(WORKER.format(root=str(ROOT), db=str(db)), encoding="utf-8")
    rng = random.Random(20261124)
    start, checked = 0, 0
    for i in range(ROUNDS):
        proc = subprocess.Popen([sys.executable, str(script), str(start)], stdout=subprocess.PIPE, text=True)
        # Every other round waits for the first committed edit before the random delay, so edits are
        # interrupted however slowly the machine starts Python; the others may also kill the start-up.
        first = proc.stdout.readline() if i % 2 else ""
        time.sleep(0.4 + rng.random() * 0.6)
        proc.kill()
        out, _ = proc.communicate()
        reported = [int(x) for x in (first + out).split()]
        texts = _committed(db)
        # Every task reported as added is there (added rows are never overwritten).
        adds = [n for n in reported if n % 4 == 1]
        missing = [n for n in adds if f"edit {n}" not in texts]
        assert missing == [], f"committed tasks lost after SIGKILL: {missing[:5]}"
        # The plan's summary is the last reported summary edit, or a later one not yet reported.
        summaries = [n for n in reported if n % 4 == 3]
        if summaries:
            summary = next(
                t
                for t in texts
                if t.startswith("edit ") and int(t.split()[1]) % 4 == 3 and int(t.split()[1]) >= summaries[-1]
            )
            assert summary
        checked += len(reported)
        if reported:
            start = reported[-1] + 1
    assert checked > 0
    print(f"crash safety: {ROUNDS} SIGKILL rounds, {checked} reported edits checked, 0 lost")
