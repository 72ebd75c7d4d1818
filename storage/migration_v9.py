"""Schema step 9: the tracking records of removed tasks, kept by a trigger."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

# What was recorded on a task before it was removed from the plan (status, result, completion
# date, reason): a task repealed after issue is listed as "bãi bỏ" in the reports, with what had
# been done by then. Kept by a trigger whatever removes the task (a row deleted, an appendix
# deleted, a sub-task cascaded); nothing is kept for a task with nothing recorded, and the
# rows go with their plan.
_V9 = (
    """CREATE TABLE tracking_before_removal (
        task_id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        result TEXT NOT NULL DEFAULT '',
        completed_on TEXT,
        reason TEXT NOT NULL DEFAULT '',
        removed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now'))
    )""",
    "CREATE INDEX idx_tracking_before_removal ON tracking_before_removal(plan_id)",
    """CREATE TRIGGER tracking_keep_on_task_delete BEFORE DELETE ON tasks BEGIN
        INSERT OR REPLACE INTO tracking_before_removal (task_id, plan_id, status, result, completed_on, reason)
        SELECT OLD.id, OLD.plan_id, status, result, completed_on, reason FROM task_tracking
        WHERE task_id = OLD.id AND (status != 'not_started' OR result != '' OR reason != '');
    END""",
    """CREATE TRIGGER tracking_kept_go_with_plan AFTER DELETE ON plans BEGIN
        DELETE FROM tracking_before_removal WHERE plan_id = OLD.id;
    END""",
)


def v9(db: sqlite_utils.Database) -> None:
    """Tracking records of removed tasks kept, so a repealed task's report keeps what was done."""
    for stmt in _V9:
        db.execute(stmt)
