"""`restore` takes only a file whose schema is exactly ours, at a known user_version, after
`integrity_check`: a backup carrying a trigger or a view, a foreign file with just a `plans` table,
a wrong user_version are refused, and the current database stays as it was."""

import sqlite3

import pytest
import sqlite_utils

from app.errors import DatabaseError
from app.model import Appendix, Plan, Task
from app.ops.plans import export_plan_json, import_plan_file
from app.paths import Paths
from app.workspace import Workspace
from storage import backup
from storage.db import open_store
from storage.migrations import LATEST_VERSION, migrate


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "data" / "kehoach.db"
    ws = Workspace(open_store(path), Paths(path))
    tasks = tuple(Task(content=f"Nhiệm vụ {i}") for i in range(5))
    ws.db.insert_plan(Plan(2027, summary="Kế hoạch thật", appendices=(Appendix(tasks=tasks),)))
    ws.close()
    return path


def copy_of(db, dest, *statements):
    """A real backup of `db`, then changed by `statements` (what a hostile colleague would do)."""
    store = open_store(db)
    backup.backup_to(store, dest)
    store.close()
    conn = sqlite3.connect(dest, isolation_level=None)
    for sql in statements:
        conn.execute(sql)
    conn.close()
    return dest


def contents(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT summary FROM plans").fetchall(), conn.execute(
            "SELECT content FROM tasks"
        ).fetchall()
    finally:
        conn.close()


def refused(db, file, fragment):
    before = contents(db)
    with pytest.raises(DatabaseError) as caught:
        backup.restore(db, file)
    assert fragment in caught.value.message
    assert contents(db) == before
    assert not db.with_name(db.name + ".restore").exists()


def test_a_backup_carrying_a_trigger_is_refused(db, tmp_path):
    bad = copy_of(
        db,
        tmp_path / "trigger.db",
        "CREATE TRIGGER t AFTER INSERT ON tasks BEGIN UPDATE tasks SET content = 'bị ghi đè'; END",
    )
    refused(db, bad, "có thêm trigger «t»")


def test_our_trigger_with_another_body_is_refused(db, tmp_path):
    bad = copy_of(
        db,
        tmp_path / "same-name.db",
        "DROP TRIGGER evidence_keep_on_plan_delete",
        "CREATE TRIGGER evidence_keep_on_plan_delete AFTER DELETE ON plans BEGIN DELETE FROM tasks; END",
    )
    refused(db, bad, "trigger «evidence_keep_on_plan_delete» khác")


def test_a_backup_carrying_a_view_is_refused(db, tmp_path):
    refused(db, copy_of(db, tmp_path / "view.db", "CREATE VIEW v AS SELECT * FROM tasks"), "có thêm view «v»")


def test_a_foreign_file_with_just_a_plans_table_is_refused(db, tmp_path):
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, year INTEGER, summary TEXT)")
    conn.execute("INSERT INTO plans VALUES (1, 2027, 'giả')")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION}")
    conn.commit()
    conn.close()
    refused(db, foreign, "không phải bản sao lưu của phần mềm")


def test_a_wrong_user_version_is_refused(db, tmp_path):
    refused(db, copy_of(db, tmp_path / "v0.db", "PRAGMA user_version = 0"), "phiên bản cấu trúc 0")
    older_label = copy_of(db, tmp_path / "v3.db", "PRAGMA user_version = 3")  # today's schema, labelled v3
    refused(db, older_label, "không phải bản sao lưu của phần mềm")
    refused(db, copy_of(db, tmp_path / "v99.db", "PRAGMA user_version = 99"), "phiên bản mới hơn")


def test_an_extra_index_or_column_is_refused(db, tmp_path):
    refused(db, copy_of(db, tmp_path / "idx.db", "CREATE INDEX extra ON tasks(content)"), "chỉ mục «extra»")
    refused(db, copy_of(db, tmp_path / "col.db", "ALTER TABLE tasks ADD COLUMN x TEXT"), "bảng «tasks» khác")


def test_a_damaged_backup_is_refused(db, tmp_path):
    bad = copy_of(db, tmp_path / "damaged.db")
    conn = sqlite3.connect(bad)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tasks'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(bad, "r+b") as f:  # the tasks table's page overwritten, as a bad sector would
        f.seek((root - 1) * size)
        f.write(bytes(range(256)) * (size // 256))
    refused(db, bad, "đã hỏng")


def test_the_trigger_attack_of_the_issue_does_nothing(db, tmp_path):
    """The issue's attack: a restored trigger rewrote every task at the next import."""
    bad = copy_of(
        db,
        tmp_path / "attack.db",
        "CREATE TRIGGER t AFTER INSERT ON tasks BEGIN UPDATE tasks SET content = 'bị ghi đè'; END",
    )
    with pytest.raises(DatabaseError):
        backup.restore(db, bad)
    ws = Workspace(open_store(db), Paths(db))
    try:
        pid = ws.db.list_plans()[0].id
        export_plan_json(ws, pid, tmp_path / "p.json")
        import_plan_file(ws, tmp_path / "p.json")
    finally:
        ws.close()
    assert ("bị ghi đè",) not in contents(db)[1]


def test_a_genuine_backup_of_an_older_version_is_restored_and_migrated(db, tmp_path):
    old = tmp_path / "v3-backup.db"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(sqlite_utils.Database(conn), upto=3)
    conn.execute("INSERT INTO plans (year, summary) VALUES (2025, 'Kế hoạch cũ')")
    conn.close()
    backup.restore(db, old)
    store = open_store(db)
    try:
        assert store.execute("SELECT summary FROM plans").fetchall() == [("Kế hoạch cũ",)]
        assert store.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        store.close()
