"""Task ids are never given again (schema 8: AUTOINCREMENT): a frozen version matches tasks by id,
so a task added after another was deleted must not take its id. A file made before schema 8 is
rebuilt keeping every row, tracking record and evidence link, and its schema is still ours."""

import json
import sqlite3
import zlib

import sqlite_utils

from app.model import Appendix, Plan, Task
from storage import backup
from storage import plans as plans_store
from storage.db import open_store
from storage.migrations import LATEST_VERSION, migrate
from storage.schema_check import schema_difference


def _plan(n=3):
    return Plan(2027, summary="Kế hoạch", appendices=(Appendix(tasks=tuple(Task(content=f"t{i}") for i in range(n))),))


def _task_ids(store):
    return [r[0] for r in store.execute("SELECT id FROM tasks ORDER BY id")]


def _add_task(store, plan_id):
    appendix_id = store.execute("SELECT id FROM appendices WHERE plan_id = ?", (plan_id,)).fetchone()[0]
    with store.atomic():
        return plans_store.insert_tasks(store, plan_id, appendix_id, None, [Task(content="mới")], 99)[0]


def test_deleting_the_highest_task_does_not_free_its_id(tmp_path):
    store = open_store(tmp_path / "k.db")
    plan_id = plans_store.insert_plan(store, _plan())
    highest = max(_task_ids(store))
    store.execute("DELETE FROM tasks WHERE id = ?", (highest,))
    assert _add_task(store, plan_id) == highest + 1
    store.close()
    store = open_store(tmp_path / "k.db")  # the counter is in the file, not the connection
    store.execute("DELETE FROM tasks WHERE id = ?", (highest + 1,))
    assert _add_task(store, plan_id) == highest + 2
    store.close()


def _v7_file(path):
    """A database as schema 7 left it: a plan, a tracking record, evidence, a version naming a
    task deleted since (id 41), and the deleted highest task (id 40 now free under rowid reuse)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(sqlite_utils.Database(conn), upto=7)
    conn.execute("INSERT INTO plans (id, year) VALUES (1, 2027)")
    conn.execute("INSERT INTO appendices (id, plan_id, position, kind) VALUES (1, 1, 0, 'tasks')")
    for tid, pos in ((10, 0), (40, 1)):
        conn.execute(
            "INSERT INTO tasks (id, plan_id, appendix_id, position, content) VALUES (?, 1, 1, ?, ?)",
            (tid, pos, f"t{tid}"),
        )
    conn.execute("INSERT INTO tasks (id, plan_id, appendix_id, parent_id, position) VALUES (11, 1, 1, 10, 0)")
    conn.execute("INSERT INTO task_tracking (task_id, status, result) VALUES (10, 'in_progress', 'đang làm')")
    conn.execute(
        "INSERT INTO evidence (plan_id, task_id, file_name, stored_path, sha256, size) VALUES (1, 11, 'a.pdf', 'x', 'h', 1)"
    )
    ids = zlib.compress(json.dumps([10, 11, 41]).encode())
    conn.execute("INSERT INTO plan_versions (plan_id, kind, body, task_ids) VALUES (1, 'draft', ?, ?)", (b"x", ids))
    conn.execute("DELETE FROM tasks WHERE id = 40")
    conn.close()


def test_an_older_file_is_rebuilt_keeping_every_link(tmp_path):
    path = tmp_path / "old.db"
    _v7_file(path)
    store = open_store(path)
    assert store.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # put back after the rebuild
    assert _task_ids(store) == [10, 11]
    assert store.execute("SELECT status, result FROM task_tracking WHERE task_id = 10").fetchone() == (
        "in_progress",
        "đang làm",
    )
    assert store.execute("SELECT task_id FROM evidence").fetchone() == (11,)
    # Above every id a frozen version names, not only above the ids left in the table.
    assert _add_task(store, 1) == 42
    # The foreign keys still work on the rebuilt table: a task's record goes with it.
    store.execute("DELETE FROM tasks WHERE id = 10")
    assert store.execute("SELECT count(*) FROM task_tracking").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM tasks WHERE id = 11").fetchone()[0] == 0
    assert schema_difference(store.conn) is None
    store.close()


def test_a_migrated_file_is_accepted_as_a_backup(tmp_path):
    old = tmp_path / "old.db"
    _v7_file(old)
    current = tmp_path / "data" / "kehoach.db"
    open_store(current).close()
    backup.restore(current, old)  # a genuine backup of schema 7: taken, then migrated
    store = open_store(current)
    assert _task_ids(store) == [10, 11] and schema_difference(store.conn) is None
    store.close()
    fresh = open_store(tmp_path / "fresh.db")  # built from empty: the same schema as a migrated one
    assert schema_difference(fresh.conn) is None
    assert "AUTOINCREMENT" in fresh.execute("SELECT sql FROM sqlite_master WHERE name = 'tasks'").fetchone()[0]
    fresh.close()
