"""Year-round tracking of tasks: status, completion date, due date, result — each an undo step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from app import clock, limits
from app.errors import InvalidInput, NotFound
from app.ops.changes import NOTHING, Changes, Part
from app.tracking.repealed import AMENDS, Repealed, repealed_from
from app.tracking.status import Status, TaskTracking, done_status
from app.tracking.tasks import TrackedTask, tracked_tasks
from app.vietnamese import clean_text
from app.workspace import Workspace


def tracked(ws: Workspace, plan_id: int) -> list[TrackedTask]:
    """Every task and sub-task with its record and effective due date (the tracking table)."""
    return tracked_tasks(ws.plan(plan_id), ws.db.get_records(plan_id))


def repealed(ws: Workspace, plan_id: int) -> list[Repealed]:
    """Tasks repealed since the plan was issued (in an issued version, gone from the plan), each
    with the issued amendment that repealed it (app/tracking/repealed.py): the tracking views and
    the reports list them as "Bãi bỏ" instead of losing them."""
    from app.versions import issued_versions

    issued = issued_versions(ws, plan_id)
    if not issued:
        return []
    origin = f"{AMENDS}{plan_id}"
    amendments = [ws.plan(p.id) for p in sorted(ws.db.list_plans(), key=lambda p: p.id) if p.origin == origin]
    return repealed_from(issued, ws.plan(plan_id), amendments, ws.db.records_before_removal(plan_id))


def tracked_task(ws: Workspace, task_id: int) -> TrackedTask:
    task_id = ws.ids["tasks"].resolve(task_id)
    for t in tracked(ws, ws.db.task_plan_id(task_id)):
        if t.id == task_id:
            return t
    raise NotFound(f"Không tìm thấy nhiệm vụ (mã {task_id}); có thể nó đã bị xóa.")


def _put(ws: Workspace, record: TaskTracking, label: str) -> Changes:
    """Store a task's record; the undo puts the one it replaced back."""
    task_id = ws.ids["tasks"].resolve(record.task_id)
    record = replace(record, task_id=task_id)
    limits.check_text(record.result, limits.CELL_CHARS, "Kết quả thực hiện")
    limits.check_text(record.reason, limits.CELL_CHARS, "Lý do không thực hiện")
    old = ws.db.get_record(task_id)
    if old == record:
        return NOTHING
    ws.db.put_record(record)
    return Changes.of(
        ws.db.task_plan_id(task_id),
        Part.TRACKING,
        ids=(task_id,),
        label=label,
        undo=partial(_put, record=old, label=label),
    )


def _status(value: Status | str) -> Status:
    if isinstance(value, Status):
        return value
    for s in Status:
        if value in (s.value, s.label):
            return s
    raise InvalidInput(f"Tình trạng «{value}» không hợp lệ.")


def set_status(
    ws: Workspace, task_id: int, status: Status | str, completed_on: date | None = None, reason: str = ""
) -> Changes:
    """Set a task's status. Done needs a completion date, not after today (default: the earlier of
    today and the due date); "Không thực hiện" needs a reason; other statuses clear the date."""
    status = _status(status)
    record = ws.db.get_record(ws.ids["tasks"].resolve(task_id))
    today = clock.today()
    if status.done:
        completed_on = completed_on or record.completed_on or default_completion(ws, task_id)
        if completed_on > today:
            raise InvalidInput("Ngày hoàn thành không thể sau ngày hôm nay.")
    else:
        completed_on = None
    reason = clean_text(reason).strip()
    if status is Status.NOT_DONE and not reason:
        raise InvalidInput("Hãy ghi lý do không thực hiện nhiệm vụ.")
    new = replace(record, status=status, completed_on=completed_on, reason=reason if status is Status.NOT_DONE else "")
    return _put(ws, new, f"Đổi tình trạng: {status.label}")


def default_completion(ws: Workspace, task_id: int) -> date:
    """The day to offer for "done": the due date when it has passed, else today."""
    due = tracked_task(ws, task_id).due.date
    today = clock.today()
    return due if due is not None and due < today else today


def mark_done(ws: Workspace, task_id: int, completed_on: date | None = None, result: str | None = None) -> Changes:
    """Done on a day (default: see default_completion), on time or late by the due date, with the
    result line when given — one undo step."""
    task = tracked_task(ws, task_id)
    day = completed_on or default_completion(ws, task.id)
    if day > clock.today():
        raise InvalidInput("Ngày hoàn thành không thể sau ngày hôm nay.")
    record = replace(task.record, status=done_status(day, task.due.date), completed_on=day, reason="")
    if result is not None:
        record = replace(record, result=clean_text(result).strip())
    return _put(ws, record, "Đánh dấu hoàn thành")


def set_completed_on(ws: Workspace, task_id: int, day: date) -> Changes:
    """Change the completion date of a done task (on time or late follows the new date)."""
    task = tracked_task(ws, task_id)
    if not task.record.status.done:
        raise InvalidInput("Chỉ ghi ngày hoàn thành cho nhiệm vụ đã hoàn thành.")
    if day > clock.today():
        raise InvalidInput("Ngày hoàn thành không thể sau ngày hôm nay.")
    record = replace(task.record, status=done_status(day, task.due.date), completed_on=day)
    return _put(ws, record, "Sửa ngày hoàn thành")


def set_due(ws: Workspace, task_id: int, on: date | None, *, clear: bool = False) -> Changes:
    """The officer's due date (`None`: "no due date"); `clear=True` goes back to the timeline text."""
    record = ws.db.get_record(ws.ids["tasks"].resolve(task_id))
    new = replace(record, due_override=not clear, due_date=None if clear else on)
    return _put(ws, new, "Đặt lại thời hạn theo văn bản" if clear else "Đặt thời hạn")


def set_result(ws: Workspace, task_id: int, text: str) -> Changes:
    record = ws.db.get_record(ws.ids["tasks"].resolve(task_id))
    return _put(ws, replace(record, result=clean_text(text).strip()), "Sửa kết quả thực hiện")
