"""A plan's tasks as the tracker sees them: label, area, inherited lead and due date, record."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.model import Appendix, Plan, Task
from app.numbering import NumberedRow, task_rows
from app.tracking.status import Status, TaskTracking
from app.tracking.timeline import DATE, Due, overridden_due, parse_timeline


@dataclass(frozen=True)
class TrackedTask:
    task: Task
    label: str  # the row number in the results table ("2", "2.1")
    depth: int
    area: str
    lead: str  # the task's lead, or its parent's when left empty
    timeline: str  # the task's timeline, or its parent's when left empty
    due: Due
    record: TaskTracking
    leaf: bool  # a task without sub-tasks: what the counts count
    group: str = ""  # the area group's number in the results table ("II")

    @property
    def ref(self) -> str:
        """'II.3', 'II.3.1': where the task sits in the results table."""
        return f"{self.group}.{self.label}" if self.group else self.label

    @property
    def id(self) -> int:
        assert self.task.id is not None
        return self.task.id

    def status_on(self, as_of: date) -> Status:
        """The status as of a day: a task completed after that day was still in progress."""
        s = self.record.status
        if s.done and self.record.completed_on is not None and self.record.completed_on > as_of:
            return Status.IN_PROGRESS
        return s

    def overdue_on(self, as_of: date) -> bool:
        return not self.status_on(as_of).finished and self.due.date is not None and self.due.date < as_of

    def days_late(self, as_of: date) -> int:
        return (as_of - self.due.date).days if self.due.date is not None else 0


def due_day(t: TrackedTask) -> date:
    """The due date of a task known to have one (a sort key)."""
    assert t.due.date is not None
    return t.due.date


def effective_due(task_timeline: str, record: TaskTracking, plan_year: int) -> Due:
    if record.due_override:
        return overridden_due(record.due_date)
    return parse_timeline(task_timeline, plan_year)


def task_areas(plan: Plan) -> list[tuple[Appendix, Task]]:
    """Every top-level task of every task appendix with its area filled (the appendix's area
    when a per-area appendix leaves the task's own area empty)."""
    out = []
    for a in plan.appendices:
        if a.kind != "tasks":
            continue
        for t in a.tasks:
            out.append((a, t if t.area or not a.area else replace(t, area=a.area)))
    return out


def all_tasks_appendix(plan: Plan) -> Appendix:
    """One table of every task, grouped by area in the plan's order (the results appendix)."""
    return Appendix(kind="tasks", group_by_area=True, tasks=tuple(t for _, t in task_areas(plan)))


def tracked_tasks(plan: Plan, records: dict[int, TaskTracking]) -> list[TrackedTask]:
    """Every task and sub-task in the order of the results table."""
    out: list[TrackedTask] = []
    parents: list[TrackedTask] = []  # the row's ancestors, nearest last
    group = ""
    for row in task_rows(plan, all_tasks_appendix(plan)):
        if row.kind == "group":
            group = row.label
        if row.kind != "task" or row.task is None:
            continue
        del parents[row.depth :]
        tt = _tracked(row, row.task, group, parents[-1] if parents else None, records, plan.year)
        out.append(tt)
        parents.append(tt)
    return out


def _tracked(
    row: NumberedRow, t: Task, group: str, parent: TrackedTask | None, records: dict[int, TaskTracking], plan_year: int
) -> TrackedTask:
    """A task with what it takes from its parent when left empty: lead, timeline, area and a dated due."""
    record = records.get(t.id, TaskTracking(t.id)) if t.id is not None else TaskTracking(0)
    timeline = t.timeline if t.timeline.strip() or parent is None else parent.timeline
    lead = t.lead if t.lead.strip() or parent is None else parent.lead
    area = t.area or (parent.area if parent else "")
    due = effective_due(timeline, record, plan_year)
    if parent is not None and not t.timeline.strip() and not record.due_override and parent.due.kind == DATE:
        due = parent.due  # the parent's own override too
    return TrackedTask(t, row.label, row.depth, area, lead, timeline, due, record, not t.subtasks, group)
