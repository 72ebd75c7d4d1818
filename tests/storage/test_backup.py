import sqlite3
from datetime import datetime, timedelta

import pytest

from app.errors import DatabaseError
from app.model import Appendix, Plan
from app.paths import backups_dir
from storage import backup
from storage.db import open_store
from storage.plans import insert_plan, list_plans


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data" / "kehoach.db")
    insert_plan(s, Plan(2027, summary="Cải cách hành chính năm 2027"))
    yield s
    s.close()


def test_backup_is_a_consistent_copy_not_in_wal_mode(store, tmp_path):
    dest = backup.backup_to(store, tmp_path)
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT summary FROM plans").fetchone()[0] == "Cải cách hành chính năm 2027"
    conn.close()
    backup.check_file(dest)


def test_daily_backup_once_a_day_and_rotation_keeps_10_plus_one_per_month(store):
    now = datetime(2026, 11, 24, 9, 0)
    assert backup.daily_backup(store, now) is not None
    assert backup.daily_backup(store, now + timedelta(hours=3)) is None
    folder = backups_dir(store.path)
    for i in range(30):  # one every 5 days back over five months
        backup.auto_backup(store, "thu", now - timedelta(days=5 * i + 1))
    kept = backup.list_backups(folder)
    months = {f"{b.taken:%Y-%m}" for b in kept}
    assert len(kept) <= 10 + len(months)
    assert kept[0].taken == now  # the newest is always kept
    assert {"2026-07", "2026-08", "2026-09", "2026-10", "2026-11"} <= months


def test_restore_backs_up_the_current_file_first(store, tmp_path):
    first = backup.backup_to(store, tmp_path / "b1.db")
    insert_plan(store, Plan(2028))
    db_path = store.path
    store.close()
    safety = backup.restore(db_path, first)
    assert safety is not None and safety.exists()
    s = open_store(db_path)
    assert [p.year for p in list_plans(s)] == [2027]
    s.close()
    s = open_store(safety)
    assert sorted(p.year for p in list_plans(s)) == [2027, 2028]
    s.close()


def test_restore_refuses_a_broken_backup_and_keeps_the_database(store, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\0" * 4096)
    db_path = store.path
    store.close()
    with pytest.raises(DatabaseError):
        backup.restore(db_path, bad)
    s = open_store(db_path)
    assert len(list_plans(s)) == 1
    s.close()


def test_damaged_database_at_start_is_set_aside_and_newest_good_backup_offered(store):
    backup.auto_backup(store, "thu")
    db_path = store.path
    store.close()
    db_path.write_bytes(b"garbage that is not sqlite" * 200)
    s, recovery = backup.open_checked(db_path)
    assert recovery is not None
    assert recovery.aside.exists() and recovery.aside.read_bytes().startswith(b"garbage")
    assert recovery.newest_backup is not None and "khôi phục" in recovery.message
    assert list_plans(s) == []
    s.close()
    backup.restore(db_path, recovery.newest_backup)
    s = open_store(db_path)
    assert len(list_plans(s)) == 1
    s.close()


def test_healthy_database_opens_without_recovery(store):
    db_path = store.path
    store.close()
    s, recovery = backup.open_checked(db_path)
    assert recovery is None
    s.close()


def test_risky_actions_make_a_backup_first(store, tmp_path):
    from app.ops import appendices
    from app.ops.plans import carry_forward_plan, delete_plan, export_plan_json, import_plan_file
    from app.workspace import open_workspace

    folder = backups_dir(store.path)
    pid = list_plans(store)[0].id
    store.close()
    ws = open_workspace(folder.parent / "kehoach.db")
    assert ws.paths.backups == folder
    carry_forward_plan(ws, pid, 2028)
    assert [b.reason for b in backup.list_backups(folder)] == ["truoc-chuyen-nam"]
    export_plan_json(ws, pid, tmp_path / "p.json")
    import_plan_file(ws, tmp_path / "p.json")
    new = ws.db.insert_plan(Plan(2027, appendices=(Appendix(),)))
    appendices.delete(ws, ws.plan(new).appendices[0].id)
    delete_plan(ws, pid)
    reasons = {b.reason for b in backup.list_backups(folder)}
    assert {"truoc-chuyen-nam", "truoc-nhap", "xoa-phu-luc", "truoc-xoa-ke-hoach"} <= reasons
    ws.close()


def test_backups_in_folders_with_vietnamese_spaces_and_url_characters(store, tmp_path):
    folder = tmp_path / "Sao lưu #1 ?% của chị Lan"
    folder.mkdir()
    dest = backup.backup_to(store, folder / "bản sao.db")
    backup.check_file(dest)
    db_path = store.path
    store.close()
    backup.restore(db_path, dest)
    s = open_store(db_path)
    assert len(list_plans(s)) == 1
    s.close()
