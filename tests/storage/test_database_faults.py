"""Each database failure gets its own Vietnamese sentence, the data stays as it was, and a file is
set aside only when it is proven damaged: never because another program holds a lock on it.

All on real files: a second process holding `BEGIN EXCLUSIVE`, file and folder modes, SQLite's
own page limit (`PRAGMA max_page_count`) for a full disk, bytes overwritten for a damaged page.
"""

import os
import re
import sqlite3
import sys
from datetime import datetime

import pytest

from app.errors import DatabaseDamaged, DatabaseLocked, DatabaseReadOnly, DiskFull, UserError
from app.model import Appendix, Plan, Task
from app.ops import plans, rows
from app.paths import Paths, backups_dir
from app.workspace import Workspace
from storage import backup
from storage.db import open_store

ENGLISH = ("database", "locked", "readonly", "disk", "unable", "attempt", "malformed", "error", "permission")
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="a read-only folder does not stop writing on Windows")


def english_in(message: str) -> list[str]:
    """English words of SQLite or the system in a message (the paths it quotes in «» aside)."""
    words = re.sub(r"«[^»]*»", "", message).lower()
    return [w for w in ENGLISH if w in words]


def make_db(path, tasks=3, summary="Kế hoạch CCHC năm 2027"):
    ws = Workspace(open_store(path), Paths(path))
    content = "Rà soát thủ tục hành chính " * 20
    tasks = tuple(Task(content=f"{i} {content}") for i in range(tasks))
    pid = ws.db.insert_plan(Plan(2027, summary=summary, appendices=(Appendix(tasks=tasks),)))
    ws.close()
    return pid


def open_ws(path, wait=0.2):
    return Workspace(open_store(path, wait), Paths(path))


def summary_of(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT summary FROM plans").fetchall()
    finally:
        conn.close()


# ---------------------------------------------------------------- a lock is not damage


def test_a_locked_file_at_start_is_never_set_aside(tmp_path, hold_lock):
    db = tmp_path / "kehoach.db"
    make_db(db)
    holder = hold_lock(db)
    with pytest.raises(DatabaseLocked) as caught:
        backup.open_checked(db, wait=0.2)
    assert "chương trình khác" in caught.value.message and not english_in(caught.value.message)
    assert sorted(p.name for p in tmp_path.glob("kehoach*.db")) == ["kehoach.db"]  # nothing renamed
    holder.release()
    store, recovery = backup.open_checked(db, wait=0.2)
    assert recovery is None
    assert store.execute("SELECT summary FROM plans").fetchall() == [("Kế hoạch CCHC năm 2027",)]
    store.close()


def test_an_edit_while_another_program_holds_the_file_is_refused_and_nothing_changes(tmp_path, hold_lock):
    db = tmp_path / "kehoach.db"
    pid = make_db(db)
    ws = open_ws(db)
    holder = hold_lock(db)
    try:
        with pytest.raises(DatabaseLocked) as caught:
            plans.set_header(ws, pid, summary="Sửa trong lúc bị khóa")
        assert not english_in(caught.value.message)
        holder.release()
        assert summary_of(db) == [("Kế hoạch CCHC năm 2027",)]
        plans.set_header(ws, pid, summary="Sửa sau khi được giải phóng")  # the same workspace works again
    finally:
        ws.close()
    assert summary_of(db) == [("Sửa sau khi được giải phóng",)]


# ---------------------------------------------------------------- read-only, full, damaged


def test_a_read_only_file_says_so(open_dir, unprivileged):
    db = open_dir / "kehoach.db"
    pid = make_db(db)
    os.chmod(db, 0o444)
    with unprivileged():
        ws = open_ws(db)
        try:
            with pytest.raises(DatabaseReadOnly) as caught:
                plans.set_header(ws, pid, summary="Không lưu được")
        finally:
            ws.close()
    assert "chỉ cho phép đọc" in caught.value.message and "Chỉ đọc" in caught.value.message
    assert not english_in(caught.value.message)
    assert summary_of(db) == [("Kế hoạch CCHC năm 2027",)]


@POSIX_ONLY
def test_a_read_only_folder_says_so(open_dir, unprivileged):
    folder = open_dir / "data"
    folder.mkdir()
    db = folder / "kehoach.db"
    pid = make_db(db)
    os.chmod(db, 0o666)
    os.chmod(folder, 0o555)
    with unprivileged():
        ws = open_ws(db)
        try:
            with pytest.raises(DatabaseReadOnly) as caught:
                plans.set_header(ws, pid, summary="Không lưu được")
        finally:
            ws.close()
    assert f"thư mục dữ liệu «{folder}»" in caught.value.message and "chỉ cho phép đọc" in caught.value.message
    assert not english_in(caught.value.message)
    assert summary_of(db) == [("Kế hoạch CCHC năm 2027",)]


def test_a_full_disk_says_so_and_the_edit_is_undone(tmp_path):
    db = tmp_path / "kehoach.db"
    pid = make_db(db)
    ws = open_ws(db)
    appendix = ws.plan(pid).appendices[0].id
    pages = ws._store.execute("PRAGMA page_count").fetchone()[0]
    ws._store.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's SQLITE_FULL, as on a full disk
    try:
        with pytest.raises(DiskFull) as caught:
            rows.insert(ws, rows.TASKS, appendix, [Task(content="x" * 20_000) for _ in range(50)], position=0)
    finally:
        ws.close()
    assert "đã đầy" in caught.value.message and not english_in(caught.value.message)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM tasks").fetchone()[0] == 3
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def damage_page(db, table="tasks"):
    """Overwrite the root page of a table with garbage (as a bad sector or a sync tool would)."""
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(bytes(range(256)) * (size // 256))


def test_a_damaged_page_says_so_and_the_file_is_set_aside_at_start(tmp_path):
    db = tmp_path / "kehoach.db"
    pid = make_db(db, tasks=60)
    damage_page(db)
    ws = open_ws(db)
    try:
        with pytest.raises(DatabaseDamaged) as caught:
            ws.plan(pid)
    finally:
        ws.close()
    assert "đã hỏng" in caught.value.message and not english_in(caught.value.message)
    damaged_bytes = db.read_bytes()
    store, recovery = backup.open_checked(db, wait=0.2)
    store.close()
    assert recovery is not None and "kiểm tra toàn vẹn" in recovery.message
    assert recovery.aside.read_bytes() == damaged_bytes  # kept, untouched


def test_the_system_text_goes_to_the_log_not_the_message(tmp_path, hold_lock):
    db = tmp_path / "kehoach.db"
    make_db(db)
    hold_lock(db)
    with pytest.raises(DatabaseLocked):
        open_store(db, wait=0.1)
    assert "database is locked" in (tmp_path / "kehoach.log").read_text(encoding="utf-8")


# ---------------------------------------------------------------- start: empty file, which backup


def test_a_0_byte_file_offers_the_backups_instead_of_starting_again(tmp_path):
    db = tmp_path / "kehoach.db"
    make_db(db)
    store = open_store(db)
    backup.auto_backup(store, "khoi-dong")
    store.close()
    db.write_bytes(b"")
    store, recovery = backup.open_checked(db, wait=0.2)
    store.close()
    assert recovery is not None and "trống (0 byte)" in recovery.message
    assert recovery.newest_backup is not None
    assert recovery.aside.exists() and recovery.aside.stat().st_size == 0


def test_the_message_names_the_backup_the_button_restores_skipping_damaged_ones(tmp_path):
    db = tmp_path / "kehoach.db"
    make_db(db)
    store = open_store(db)
    good = backup.auto_backup(store, "khoi-dong", datetime(2026, 11, 20, 8, 15))
    newest = backup.auto_backup(store, "khoi-dong", datetime(2026, 11, 24, 9, 30))
    store.close()
    newest.write_bytes(b"\x00" * 8192)  # the newest backup is itself damaged
    db.write_bytes(b"not a database" * 100)
    store, recovery = backup.open_checked(db, wait=0.2)
    store.close()
    assert recovery is not None and recovery.newest_backup == good
    assert "20/11/2026 08:15" in recovery.message and "24/11/2026" not in recovery.message


def test_no_usable_backup_is_said_plainly(tmp_path):
    db = tmp_path / "kehoach.db"
    db.write_bytes(b"")
    store, recovery = backup.open_checked(db, wait=0.2)
    store.close()
    assert recovery is not None and recovery.newest_backup is None
    assert "Không tìm thấy bản sao lưu" in recovery.message


@pytest.mark.skipif(sys.platform != "win32", reason="only Windows refuses to rename an open file")
def test_a_damaged_file_held_open_by_another_program_is_not_renamed_on_windows(tmp_path):
    db = tmp_path / "kehoach.db"
    db.write_bytes(b"not a database" * 100)
    with open(db, "rb"):
        with pytest.raises(DatabaseLocked):
            backup.open_checked(db, wait=0.2)
    assert db.exists()


def test_every_database_error_is_a_user_error():
    for kind in (DatabaseDamaged, DatabaseLocked, DatabaseReadOnly, DiskFull):
        assert issubclass(kind, UserError)
    assert backups_dir  # the module under test names the backups folder through app.paths


def test_system_reasons_are_said_in_vietnamese(tmp_path):
    import errno

    from app.errors import os_reason

    try:
        open(tmp_path / "không có.txt", "rb")
    except OSError as e:
        assert os_reason(e) == "không tìm thấy tệp hoặc thư mục"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "ổ đĩa đã đầy"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "ổ đĩa chỉ cho phép đọc"
    assert not english_in(os_reason(OSError(999, "Some English text")))
