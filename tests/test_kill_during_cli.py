"""kill -9 in the middle of `main.py export` and `main.py restore` (a power cut, the task manager):
the exported file is the old one or the complete new one, the database the old one or the
restored one, never a damaged file. KEHOACH_CRASH_ROUNDS raises the number of kills."""

import os
import random
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("KEHOACH_CRASH_ROUNDS", "6"))


def cli(*args, db):
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *map(str, args)]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "utf-8"}
    )


def run(*args, db) -> str:
    proc = cli(*args, db=db)
    out, err = proc.communicate()
    assert proc.returncode == 0, err.decode("utf-8")
    return out.decode("utf-8").strip()


def kill_after(proc: subprocess.Popen, delay: float) -> None:
    time.sleep(delay)
    proc.kill()
    proc.communicate()


def timed(*args, db) -> float:
    t0 = time.monotonic()
    run(*args, db=db)
    return time.monotonic() - t0


def big_plan(db: Path) -> int:
    """A plan with 600 tasks, so writing and copying take long enough to be interrupted."""
    from dataclasses import replace

    from app.model import Task
    from app.workspace import open_workspace

    plan_id = int(run("new", "--template", "ward-annual", "--year", "2027", "--agency", "Phường Phú Sơn", db=db))
    ws = open_workspace(db)
    try:
        plan = ws.db.load_plan(plan_id)
        first = plan.appendices[0]
        tasks = tuple(
            Task(content=f"Nhiệm vụ số {i}: rà soát, đơn giản hóa thủ tục hành chính " * 3) for i in range(600)
        )
        ws.db.delete_plan(plan_id)
        plan_id = ws.db.insert_plan(replace(plan, appendices=(replace(first, tasks=tasks),) + plan.appendices[1:]))
    finally:
        ws.close()
    return plan_id


def test_kill_during_export_leaves_the_old_file_or_the_whole_new_one(tmp_path):
    db = tmp_path / "kehoach.db"
    plan_id = big_plan(db)
    out = tmp_path / "xuất"
    out.mkdir()
    docx, pdf = out / "Kế hoạch.docx", out / "Kế hoạch.pdf"
    duration = timed("export", plan_id, "--docx", docx, "--pdf", pdf, db=db)
    old = {p: p.read_bytes() for p in (docx, pdf)}
    rng = random.Random(20261202)
    for _ in range(ROUNDS):
        kill_after(cli("export", plan_id, "--docx", docx, "--pdf", pdf, db=db), rng.uniform(0.2, 1.1) * duration)
        for p in (docx, pdf):
            data = p.read_bytes()
            if data != old[p]:  # replaced: then by a whole file (the writers are deterministic but for dates)
                if p.suffix == ".docx":
                    assert zipfile.ZipFile(p).testzip() is None
                else:
                    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
                old[p] = data
    assert sorted(x.name for x in out.iterdir() if not x.name.startswith(".")) == ["Kế hoạch.docx", "Kế hoạch.pdf"]
    # The next export clears the hidden temporary files the killed ones left.
    run("export", plan_id, "--docx", docx, "--pdf", pdf, db=db)
    assert sorted(x.name for x in out.iterdir()) == ["Kế hoạch.docx", "Kế hoạch.pdf"]


def plan_ids(db: Path) -> set[int]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {r[0] for r in conn.execute("SELECT id FROM plans")}
    finally:
        conn.close()


def test_kill_during_restore_leaves_the_old_database_or_the_restored_one(tmp_path):
    db = tmp_path / "data" / "kehoach.db"
    db.parent.mkdir()
    big_plan(db)
    backup = Path(run("backup", tmp_path / "sao lưu.db", db=db))
    restored = plan_ids(backup)
    run("new", "--template", "ward-annual", "--year", "2028", db=db)
    old = plan_ids(db)
    assert old != restored
    pristine = tmp_path / "pristine.db"
    pristine.write_bytes(db.read_bytes())
    duration = timed("restore", backup, db=db)
    assert plan_ids(db) == restored
    rng = random.Random(20261203)
    for _ in range(ROUNDS):
        db.write_bytes(pristine.read_bytes())
        kill_after(cli("restore", backup, db=db), rng.uniform(0.2, 1.1) * duration)
        ids = plan_ids(db)
        assert ids in (old, restored)
        listed = run("list", db=db).splitlines()  # the app opens what is there
        assert len(listed) == len(ids)
    run("restore", backup, db=db)  # the next restore clears what a killed one left behind
    assert plan_ids(db) == restored
    assert not db.with_name(db.name + ".restore").exists()
    assert not db.with_name(db.name + "-journal").exists()
