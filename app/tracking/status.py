"""Task statuses with their Vietnamese labels, and one task's tracking record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Status(str, Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    NOT_DONE = "not_done"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def finished(self) -> bool:
        """Nothing more is expected: done (on time or late) or dropped with a reason."""
        return self in (Status.DONE_ON_TIME, Status.DONE_LATE, Status.NOT_DONE)

    @property
    def done(self) -> bool:
        return self in (Status.DONE_ON_TIME, Status.DONE_LATE)


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: "Chưa thực hiện",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Status.DONE_LATE: "Hoàn thành quá hạn",
    Status.NOT_DONE: "Không thực hiện",
}
STATUS_ORDER: tuple[Status, ...] = tuple(Status)


def done_status(completed_on: date, due: date | None) -> Status:
    """On time when finished on or before the due date (or when there is none)."""
    return Status.DONE_LATE if due is not None and completed_on > due else Status.DONE_ON_TIME


@dataclass(frozen=True)
class TaskTracking:
    """What the officer records about one task or sub-task during the year.

    `due_override`: the officer has set the due date herself (`due_date`, or None for "no due
    date"); otherwise the due date is read from the task's timeline text."""

    task_id: int
    status: Status = Status.NOT_STARTED
    due_override: bool = False
    due_date: date | None = None
    result: str = ""
    completed_on: date | None = None
    reason: str = ""  # why a task is not done (Không thực hiện)
