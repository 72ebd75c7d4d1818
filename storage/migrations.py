"""Schema versions: ordered forward steps, each in one transaction with PRAGMA user_version."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.errors import DatabaseDamaged
from storage.migration_v8 import v8 as _v8
from storage.migration_v9 import v9 as _v9

if TYPE_CHECKING:  # sqlite-utils is loaded only when a migration runs (see storage/db.py)
    import sqlite_utils

_V1 = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    parent_agency TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL DEFAULT '',
    symbol TEXT NOT NULL DEFAULT 'KH-UBND',
    place TEXT NOT NULL DEFAULT '',
    date_year INTEGER, date_month INTEGER, date_day INTEGER,
    legal_bases TEXT NOT NULL DEFAULT '[]',
    legal_bases_italic INTEGER NOT NULL DEFAULT 1,
    preamble TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    signer_authority TEXT NOT NULL DEFAULT '',
    signer_position TEXT NOT NULL DEFAULT '',
    signer_name TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '[]',
    areas TEXT NOT NULL DEFAULT '[]',
    heading_numbering TEXT NOT NULL DEFAULT '["roman","arabic","letter"]',
    subtask_numbering TEXT NOT NULL DEFAULT 'decimal',
    appendix_numbering TEXT NOT NULL DEFAULT 'roman',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading TEXT NOT NULL DEFAULT '',
    run_in INTEGER NOT NULL DEFAULT 0,
    paragraphs TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX idx_sections_plan ON sections(plan_id, parent_id, position);
CREATE INDEX idx_sections_parent ON sections(parent_id);
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    lead TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_targets_plan ON targets(plan_id, position);
CREATE TABLE appendices (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('tasks', 'targets')),
    title TEXT NOT NULL DEFAULT '',
    columns TEXT NOT NULL DEFAULT '[]',
    headers TEXT NOT NULL DEFAULT '{}',
    group_by_area INTEGER NOT NULL DEFAULT 0,
    area TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_appendices_plan ON appendices(plan_id, position);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
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
);
CREATE INDEX idx_tasks_plan ON tasks(plan_id);
CREATE INDEX idx_tasks_appendix ON tasks(appendix_id, parent_id, position);
CREATE INDEX idx_tasks_parent ON tasks(parent_id);
CREATE TABLE directory (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'officer')),
    name TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, name)
);
"""


def _v1(db: sqlite_utils.Database) -> None:
    # Statement by statement: executescript() would commit the surrounding transaction.
    for stmt in _V1.split(";"):
        if stmt.strip():
            db.execute(stmt)


def _v2(db: sqlite_utils.Database) -> None:
    """Multi-year plans, the issuing decision, footnote numbering per appendix."""
    for stmt in (
        "ALTER TABLE plans ADD COLUMN period_from INTEGER",
        "ALTER TABLE plans ADD COLUMN period_to INTEGER",
        "ALTER TABLE plans ADD COLUMN decision TEXT",
        "ALTER TABLE plans ADD COLUMN footnotes_restart INTEGER NOT NULL DEFAULT 0",
    ):
        db.execute(stmt)


_V3 = (
    """CREATE TABLE task_tracking (
        task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'not_started'
            CHECK (status IN ('not_started', 'in_progress', 'done_on_time', 'done_late', 'not_done')),
        due_date TEXT,
        due_override INTEGER NOT NULL DEFAULT 0,
        result TEXT NOT NULL DEFAULT '',
        completed_on TEXT,
        reason TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    # Evidence rows outlive their task (SET NULL) and their plan (no foreign key; the trigger
    # below marks them): a file the officer attached is never deleted behind her back.
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER,
        task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
        file_name TEXT NOT NULL,
        stored_path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now')),
        removed_at TEXT
    )""",
    "CREATE INDEX idx_evidence_task ON evidence(task_id)",
    "CREATE INDEX idx_evidence_plan ON evidence(plan_id)",
    """CREATE TRIGGER evidence_keep_on_plan_delete AFTER DELETE ON plans BEGIN
        UPDATE evidence SET plan_id = NULL,
            removed_at = coalesce(removed_at, strftime('%Y-%m-%dT%H:%M:%S','now'))
        WHERE plan_id = OLD.id;
    END""",
    """CREATE TABLE target_measures (
        target_id INTEGER PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
        operator TEXT NOT NULL CHECK (operator IN ('>=', '<=', '=', '>', '<', 'none')),
        value REAL,
        unit TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE target_results (
        target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        value REAL,
        PRIMARY KEY (target_id, period)
    )""",
    """CREATE TABLE report_periods (
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        cutoff TEXT NOT NULL,
        due TEXT NOT NULL,
        PRIMARY KEY (plan_id, key)
    )""",
    """CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        number TEXT NOT NULL DEFAULT '',
        date_year INTEGER, date_month INTEGER, date_day INTEGER,
        texts TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    "CREATE INDEX idx_reports_plan ON reports(plan_id, period)",
)


def _v3(db: sqlite_utils.Database) -> None:
    """Year-round tracking: task status and results, evidence files, target measures and
    results, the reporting calendar, periodic reports."""
    for stmt in _V3:
        db.execute(stmt)


def _v4(db: sqlite_utils.Database) -> None:
    """Where a plan came from ("sample", "template:<id>", "carried:<plan id>", "imported"), so the
    plan list tells the sample and two plans of one year apart."""
    db.execute("ALTER TABLE plans ADD COLUMN origin TEXT NOT NULL DEFAULT ''")


_V5 = (
    # A warning of the check the officer dismissed, at one place of one plan. The message holds
    # the words the warning quotes: when they change, the warning comes back.
    """CREATE TABLE dismissed_findings (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        ref INTEGER,
        field TEXT NOT NULL DEFAULT '',
        idx INTEGER,
        message TEXT NOT NULL,
        dismissed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    """CREATE UNIQUE INDEX idx_dismissed_findings ON dismissed_findings
        (plan_id, code, kind, ifnull(ref, -1), field, ifnull(idx, -1), message)""",
)


def _v5(db: sqlite_utils.Database) -> None:
    """Warnings of the check dismissed by the officer, remembered per plan and place."""
    for stmt in _V5:
        db.execute(stmt)


_V6 = (
    # A reform-index criteria set (sample, imported or typed). Points are decimal text ("0.5"),
    # never REAL: the parts of a criterion must add up to it exactly.
    """CREATE TABLE index_sets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        total TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    """CREATE TABLE index_criteria (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES index_sets(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        number TEXT NOT NULL,
        title TEXT NOT NULL,
        max_points TEXT NOT NULL,
        guidance TEXT NOT NULL DEFAULT '',
        rule TEXT,
        UNIQUE (set_id, number)
    )""",
    "CREATE INDEX idx_index_criteria_set ON index_criteria(set_id, position)",
    # A year's self-assessment against a set. It belongs to its year: carry-forward never copies
    # or changes it; the plan it draws evidence from may go (SET NULL), the set may not.
    """CREATE TABLE index_assessments (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES index_sets(id),
        plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
        year INTEGER NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    """CREATE TABLE index_scores (
        assessment_id INTEGER NOT NULL REFERENCES index_assessments(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        score TEXT,
        explanation TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (assessment_id, number)
    )""",
    # A criterion's links: plan tasks and targets, and evidence rows already attached to tasks
    # (the file is linked, never copied twice).
    """CREATE TABLE index_links (
        assessment_id INTEGER NOT NULL REFERENCES index_assessments(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('task', 'target', 'evidence')),
        ref INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, number, kind, ref)
    )""",
    # Files added for a criterion only, copied into <data folder>/evidence/index-<assessment id>/.
    """CREATE TABLE index_files (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES index_assessments(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        file_name TEXT NOT NULL,
        stored_path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    "CREATE INDEX idx_index_files ON index_files(assessment_id, number)",
)


def _v6(db: sqlite_utils.Database) -> None:
    """Reform-index criteria sets (a tree of numbered criteria with their maximum points) and the
    yearly self-assessments scored against them."""
    for stmt in _V6:
        db.execute(stmt)


# Frozen versions of a plan: an issued one (the number and date the clerk assigned) or a named
# draft. `body` is the plan file (app/plan_file.py) compressed with zlib; `task_ids` the zlib'd
# JSON list of the task row ids in plan-file order, so a later diff matches tasks by identity.
# A version is never edited (the trigger refuses any UPDATE); it goes with its plan (CASCADE).
_V7 = (
    """CREATE TABLE plan_versions (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('issued', 'draft')),
        name TEXT NOT NULL DEFAULT '',
        number TEXT NOT NULL DEFAULT '',
        issued_on TEXT,
        body BLOB NOT NULL,
        task_ids BLOB NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    "CREATE INDEX idx_plan_versions ON plan_versions(plan_id, id)",
    """CREATE TRIGGER plan_versions_frozen BEFORE UPDATE ON plan_versions
    BEGIN SELECT RAISE(ABORT, 'plan versions are never edited'); END""",
)


def _v7(db: sqlite_utils.Database) -> None:
    """Frozen plan versions: issued (number and date) and named drafts, stored compressed."""
    for stmt in _V7:
        db.execute(stmt)


MIGRATIONS: list[tuple[int, Callable[[sqlite_utils.Database], None]]] = [
    (1, _v1),
    (2, _v2),
    (3, _v3),
    (4, _v4),
    (5, _v5),
    (6, _v6),
    (7, _v7),
    (8, _v8),
    (9, _v9),
]
# Steps that rebuild a table others refer to: foreign keys must be off while the old table is
# dropped (else its rows' dependants would be deleted with it), and are checked before commit.
_REBUILDS = frozenset({8})
LATEST_VERSION = MIGRATIONS[-1][0]


def migrate(db: sqlite_utils.Database, upto: int = LATEST_VERSION) -> int:
    """Bring the file to `upto` (the latest version by default); each step commits with its
    version or not at all."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for target, step in MIGRATIONS:
        if version < target <= upto:
            if target in _REBUILDS:
                _rebuild(db, target, step)
            else:
                with db.atomic():
                    step(db)
                    db.execute(f"PRAGMA user_version = {int(target)}")
            version = target
    return version


def _rebuild(db: sqlite_utils.Database, target: int, step: Callable[[sqlite_utils.Database], None]) -> None:
    """A table-rebuilding step with foreign keys off (they cannot change inside a transaction),
    every reference checked before it commits, and the connection's setting put back."""
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            step(db)
            broken = db.execute("PRAGMA foreign_key_check").fetchone()
            if broken is not None:
                raise DatabaseDamaged(
                    f"Cơ sở dữ liệu có liên kết hỏng ở bảng «{broken[0]}»; hãy khôi phục từ một bản sao lưu."
                )
            db.execute(f"PRAGMA user_version = {int(target)}")
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
