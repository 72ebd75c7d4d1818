"""The command line on a database in trouble: one Vietnamese line on stderr, exit 2, data intact
(docs/cli.md). Locked by another program, read-only file or folder, full disk, damaged page,
a hostile backup given to `restore`."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main
from storage import db as storage_db

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="a read-only folder does not stop writing on Windows")


def run(*args, db):
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env)


def one_vietnamese_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Lỗi: ") and "Traceback" not in err
    for english in ("database", "locked", "readonly", "unable", "attempt", "malformed"):
        assert english not in lines[0].split("«")[0].lower(), lines[0]
    return lines[0]


def summaries(db):
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT summary FROM plans ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kehoach.db"
    assert run("new", "--template", "ward-annual", "--year", "2027", db=path).returncode == 0
    return path


def test_locked_by_another_program(db, tmp_path, hold_lock):
    before = summaries(db)
    holder = hold_lock(db)
    r = run("new", "--template", "ward-annual", "--year", "2028", db=db)
    assert r.returncode == 2
    assert "chương trình khác" in one_vietnamese_line(r.stderr)
    backup = tmp_path / "b.db"
    r = run("restore", str(backup), db=db)  # a missing backup: refused before anything else
    assert r.returncode == 2
    assert sorted(p.name for p in tmp_path.glob("kehoach*.db")) == ["kehoach.db"]  # nothing set aside
    holder.release()
    assert summaries(db) == before


def test_restore_onto_a_locked_database_changes_nothing(db, tmp_path, hold_lock):
    backup = tmp_path / "b.db"
    assert run("backup", str(backup), db=db).returncode == 0
    before = summaries(db)
    holder = hold_lock(db)
    r = run("restore", str(backup), db=db)
    assert r.returncode == 2
    assert "chương trình khác" in one_vietnamese_line(r.stderr)
    assert sorted(p.name for p in tmp_path.glob("kehoach*.db")) == ["kehoach.db"]
    holder.release()
    assert summaries(db) == before


def in_process(capsys, *args) -> tuple[int, str]:
    code = main.main(list(args))
    return code, capsys.readouterr().err


def test_read_only_file(open_dir, unprivileged, capsys):
    db = open_dir / "kehoach.db"
    assert in_process(capsys, "--db", str(db), "new", "--template", "ward-annual", "--year", "2027")[0] == 0
    os.chmod(db, 0o444)
    with unprivileged():
        code, err = in_process(capsys, "--db", str(db), "new", "--template", "ward-annual", "--year", "2028")
    assert code == 2
    assert "chỉ cho phép đọc" in one_vietnamese_line(err)
    assert len(summaries(db)) == 1


@POSIX_ONLY
def test_read_only_folder(open_dir, unprivileged, capsys):
    folder = open_dir / "data"
    db = folder / "kehoach.db"
    assert in_process(capsys, "--db", str(db), "new", "--template", "ward-annual", "--year", "2027")[0] == 0
    os.chmod(db, 0o666)
    os.chmod(folder, 0o555)
    with unprivileged():
        code, err = in_process(capsys, "--db", str(db), "new", "--template", "ward-annual", "--year", "2028")
    assert code == 2
    assert f"«{folder}»" in one_vietnamese_line(err) and "chỉ cho phép đọc" in err
    assert len(summaries(db)) == 1


def test_full_disk(db, capsys, monkeypatch):
    """SQLITE_FULL for real, from SQLite's own page limit on the command's connection."""
    prepare = storage_db._prepare

    def at_the_page_limit(conn, path):
        prepare(conn, path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(storage_db, "_prepare", at_the_page_limit)
    before = summaries(db)
    code, err = in_process(capsys, "--db", str(db), "new", "--template", "ward-annual", "--year", "2028")
    assert code == 2
    assert "đã đầy" in one_vietnamese_line(err)
    assert summaries(db) == before


def test_damaged_page(db, tmp_path):
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tasks'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(bytes(range(256)) * (size // 256))
    r = run("export-json", "1", str(tmp_path / "p.json"), db=db)
    assert r.returncode == 2
    assert "đã hỏng" in one_vietnamese_line(r.stderr)


def test_restore_of_a_hostile_backup(db, tmp_path):
    bad = tmp_path / "trigger.db"
    assert run("backup", str(bad), db=db).returncode == 0
    conn = sqlite3.connect(bad)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON tasks BEGIN DELETE FROM tasks; END")
    conn.commit()
    conn.close()
    before = summaries(db)
    r = run("restore", str(bad), db=db)
    assert r.returncode == 2
    assert "trigger «t»" in one_vietnamese_line(r.stderr)
    assert summaries(db) == before


_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from ui.app import acquire_single_instance
app = QCoreApplication(sys.argv)
lock = acquire_single_instance(Path(sys.argv[1]))
print("held" if lock is not None else "busy", flush=True)
sys.stdin.read()
"""


def _window_holding(db) -> subprocess.Popen:
    """Another process holding the database's single-instance lock as the window does."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _WINDOW, str(db)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_restore_is_refused_while_the_window_has_the_database_open(db, tmp_path):
    backup = tmp_path / "b.db"
    assert run("backup", str(backup), db=db).returncode == 0
    assert run("new", "--template", "ward-annual", "--year", "2028", db=db).returncode == 0
    before = summaries(db)
    window = _window_holding(db)
    try:
        r = run("restore", str(backup), db=db)
        assert r.returncode == 2
        assert "đang mở" in one_vietnamese_line(r.stderr)
        assert summaries(db) == before
        assert sorted(p.name for p in tmp_path.glob("kehoach*.db")) == ["kehoach.db"]
        assert not list(tmp_path.glob("backups/*khoi-phuc*"))  # no safety copy either: nothing was begun
    finally:
        window.communicate("")
    r = run("restore", str(backup), db=db)  # the window closed: the restore goes ahead
    assert r.returncode == 0, r.stderr
    assert len(summaries(db)) == len(before) - 1


def test_a_lock_left_by_a_killed_window_does_not_block_restore(db, tmp_path):
    backup = tmp_path / "b.db"
    assert run("backup", str(backup), db=db).returncode == 0
    window = _window_holding(db)
    window.kill()
    window.communicate()
    assert Path(str(db) + ".lock").exists()  # left behind, as after a power cut
    r = run("restore", str(backup), db=db)
    assert r.returncode == 0, r.stderr
