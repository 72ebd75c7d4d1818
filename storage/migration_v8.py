"""Schema step 8: `tasks` rebuilt with AUTOINCREMENT (storage/migrations.py runs it with foreign
keys off, as SQLite's documented way to rebuild a table requires)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_TASK_COLUMNS = "id, plan_id, appendix_id, parent_id, position, area, content, product, lead, partners, timeline, budget, monitor, note"
_V8_TASKS = """CREATE TABLE tasks_v8 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    appendix_id INTEGER NOT NULL REFERENCES appendices(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    product TEXT NOT NULL DEFAULT '',
    lead TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    timeline TEXT NOT NULL DEFAULT '',
    budget TEXT NOT NULL DEFAULT '',
    monitor TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
)"""
_TASK_INDEXES = (
    "CREATE INDEX idx_tasks_plan ON tasks(plan_id)",
    "CREATE INDEX idx_tasks_appendix ON tasks(appendix_id, parent_id, position)",
    "CREATE INDEX idx_tasks_parent ON tasks(parent_id)",
)


_IDS_BYTES = 16 * 1024 * 1024  # a task id list inflates to ~60 KB for 10,000 tasks: more is not ours


def _highest_versioned_task(db: sqlite_utils.Database) -> int:
    """The highest task id any frozen version names (its task may have been deleted since)."""
    import json
    import zlib

    highest = 0
    for (blob,) in db.execute("SELECT task_ids FROM plan_versions"):
        inflate = zlib.decompressobj()
        try:
            raw = inflate.decompress(bytes(blob), _IDS_BYTES)
            ids = None if inflate.unconsumed_tail else json.loads(raw)
        except (zlib.error, ValueError):
            continue  # a damaged list: the version is read without ids (app/versions)
        if isinstance(ids, list):
            # a plausible row id only: a huge one would leave no ids to give (SQLite stops at 2**63 - 1)
            highest = max([highest] + [x for x in ids if type(x) is int and 0 < x < 2**31])
    return highest


def v8(db: sqlite_utils.Database) -> None:
    """Task ids are never given again (AUTOINCREMENT): a version matches tasks by id, so a task
    added after another was deleted must not take its id. SQLite cannot add AUTOINCREMENT to a
    table, so `tasks` is rebuilt (SQLite's documented way: foreign keys off around it, see
    migrate) and its id counter starts above every id the table or a frozen version holds."""
    db.execute(_V8_TASKS)
    db.execute(f"INSERT INTO tasks_v8 ({_TASK_COLUMNS}) SELECT {_TASK_COLUMNS} FROM tasks")
    db.execute("DROP TABLE tasks")
    db.execute("ALTER TABLE tasks_v8 RENAME TO tasks")
    for stmt in _TASK_INDEXES:
        db.execute(stmt)
    floor = max(_highest_versioned_task(db), db.execute("SELECT ifnull(max(id), 0) FROM tasks").fetchone()[0])
    db.execute("DELETE FROM sqlite_sequence WHERE name = 'tasks'")
    if floor:
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('tasks', ?)", (floor,))
