"""Task records in SQLite: status, due override, result, completion day and reason, by task."""

from __future__ import annotations

from datetime import date

from app.errors import NotFound
from app.tracking.status import Status, TaskTracking
from app.vietnamese import clean_text
from storage import plans as plans_store
from storage.db import Store


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def task_plan_id(store: Store, task_id: int) -> int:
    row = store.execute("SELECT plan_id FROM tasks WHERE id = ?", (task_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy nhiệm vụ (mã {task_id}); có thể nó đã bị xóa.")
    return row[0]


def _record(row) -> TaskTracking:
    return TaskTracking(
        task_id=row[0],
        status=Status(row[1]),
        due_date=_date(row[2]),
        due_override=bool(row[3]),
        result=row[4],
        completed_on=_date(row[5]),
        reason=row[6],
    )


_COLS = "t.task_id, t.status, t.due_date, t.due_override, t.result, t.completed_on, t.reason"


def get_records(store: Store, plan_id: int) -> dict[int, TaskTracking]:
    """Every task record of a plan, by task id (tasks never touched have none)."""
    rows = store.execute(
        f"SELECT {_COLS} FROM task_tracking t JOIN tasks k ON k.id = t.task_id WHERE k.plan_id = ?", (plan_id,)
    ).fetchall()
    return {r[0]: _record(r) for r in rows}


def records_before_removal(store: Store, plan_id: int) -> dict[int, TaskTracking]:
    """What was recorded on the plan's removed tasks when they were removed, by task id (kept by
    the trigger of schema step 9; a task put back by undo has its live record again)."""
    rows = store.execute(
        "SELECT task_id, status, NULL, 0, result, completed_on, reason FROM tracking_before_removal WHERE plan_id = ?",
        (plan_id,),
    ).fetchall()
    return {r[0]: _record(r) for r in rows}


def get_record(store: Store, task_id: int) -> TaskTracking:
    task_plan_id(store, task_id)
    row = store.execute(f"SELECT {_COLS} FROM task_tracking t WHERE t.task_id = ?", (task_id,)).fetchone()
    return _record(row) if row else TaskTracking(task_id)


def put_record(store: Store, record: TaskTracking) -> None:
    """Write one task's record (insert or replace) in one transaction."""
    with store.atomic():
        plan_id = task_plan_id(store, record.task_id)
        store.execute(
            """INSERT INTO task_tracking (task_id, status, due_date, due_override, result, completed_on, reason)
               VALUES (?,?,?,?,?,?,?)
               ON CONFLICT(task_id) DO UPDATE SET status = excluded.status, due_date = excluded.due_date,
                 due_override = excluded.due_override, result = excluded.result,
                 completed_on = excluded.completed_on, reason = excluded.reason,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%S','now')""",
            (
                record.task_id,
                record.status.value,
                _iso(record.due_date),
                int(record.due_override),
                clean_text(record.result),
                _iso(record.completed_on),
                clean_text(record.reason),
            ),
        )
        plans_store.touch(store, plan_id)
