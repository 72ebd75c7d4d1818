"""The overview: counts by status and area, overdue, due soon, tasks lacking a lead or due date,
and the next reporting deadline. A pure function of the plan, the records and today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.model import Plan
from app.numbering import grouped
from app.tracking.calendar import ReportPeriod, deadline_line, default_periods, next_period
from app.tracking.repealed import Repealed
from app.tracking.status import STATUS_ORDER, Status, TaskTracking
from app.tracking.tasks import TrackedTask, due_day, tracked_tasks
from app.tracking.timeline import NONE, RELATIVE

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class AreaCount:
    area: str
    title: str
    total: int
    done: int
    overdue: int


@dataclass(frozen=True)
class Overview:
    today: date
    total: int
    by_status: tuple[tuple[Status, int], ...]
    by_area: tuple[AreaCount, ...]
    overdue: tuple[TrackedTask, ...]  # oldest due date first
    due_soon: tuple[TrackedTask, ...]  # due today .. today + 30 days, nearest first
    no_lead: tuple[TrackedTask, ...]
    no_due: tuple[TrackedTask, ...]  # relative or unreadable timelines without the officer's date
    next_report: ReportPeriod | None
    repealed: tuple[Repealed, ...] = ()  # repealed since the plan was issued: listed, not counted

    def count(self, status: Status) -> int:
        return dict(self.by_status).get(status, 0)

    @property
    def report_line(self) -> str:
        return deadline_line(self.next_report, self.today) if self.next_report else ""

    def lines(self) -> list[str]:
        """The overview as plain lines (the command line prints them)."""
        done = self.count(Status.DONE_ON_TIME) + self.count(Status.DONE_LATE)
        out = [
            f"Tổng số: {self.total} nhiệm vụ; đã hoàn thành {done}/{self.total}, {len(self.overdue)} nhiệm vụ quá hạn."
        ]
        out.append("; ".join(f"{s.label}: {n}" for s, n in self.by_status) + ".")
        if self.by_area:
            out.append("Theo lĩnh vực:")
            out += [f"  {a.title}: {a.done}/{a.total} hoàn thành, {a.overdue} quá hạn" for a in self.by_area]
        for title, items, what in (
            ("Quá hạn", self.overdue, "late"),
            (f"Đến hạn trong {DUE_SOON_DAYS} ngày tới", self.due_soon, "soon"),
            ("Chưa có đơn vị chủ trì", self.no_lead, "lead"),
            ("Chưa có thời hạn", self.no_due, "due"),
        ):
            out.append(f"{title}: {len(items)}")
            out += [f"  {task_line(t, self.today, what)}" for t in items]
        if self.repealed:
            out.append(f"Đã bãi bỏ: {sum(1 for r in self.repealed if r.depth == 0)}")
            out += [f"  [{r.where}] {short(r.task.content)} — {r.status}" for r in self.repealed if r.depth == 0]
        if self.report_line:
            out.append(self.report_line)
        return out


def short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def task_line(t: TrackedTask, today: date, what: str) -> str:
    head = f"[{t.ref}] {short(t.task.content)}"
    if what == "late" and t.due.date:
        return f"{head} — hạn {t.due.label()}, quá {t.days_late(today)} ngày — {t.lead or 'chưa có chủ trì'}"
    if what == "soon" and t.due.date:
        left = (t.due.date - today).days
        return f"{head} — hạn {t.due.label()}, {'hôm nay' if left == 0 else f'còn {left} ngày'}"
    if what == "due":
        return f"{head} — «{short(t.timeline, 50) or 'trống'}»"
    return head


def compute_overview(
    plan: Plan,
    records: dict[int, TaskTracking],
    today: date,
    periods: tuple[ReportPeriod, ...] | None = None,
    repealed: Sequence[Repealed] = (),
) -> Overview:
    tasks = [t for t in tracked_tasks(plan, records) if t.leaf]
    unfinished = [t for t in tasks if not t.status_on(today).finished]
    return Overview(
        today=today,
        total=len(tasks),
        by_status=_by_status(tasks, today),
        by_area=_by_area(plan, tasks, today),
        overdue=tuple(sorted((t for t in tasks if t.overdue_on(today)), key=due_day)),
        due_soon=_due_soon(unfinished, today),
        no_lead=tuple(t for t in unfinished if not t.lead.strip()),
        no_due=tuple(t for t in unfinished if t.due.kind in (RELATIVE, NONE)),
        next_report=next_period(periods if periods is not None else default_periods(plan.year), today),
        repealed=tuple(repealed),
    )


def _by_status(tasks: list[TrackedTask], today: date) -> tuple[tuple[Status, int], ...]:
    return tuple((s, sum(1 for t in tasks if t.status_on(today) is s)) for s in STATUS_ORDER)


def _due_soon(unfinished: list[TrackedTask], today: date) -> tuple[TrackedTask, ...]:
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    return tuple(
        sorted((t for t in unfinished if t.due.date is not None and today <= t.due.date <= horizon), key=due_day)
    )


def _by_area(plan: Plan, tasks: list[TrackedTask], today: date) -> tuple[AreaCount, ...]:
    return tuple(
        AreaCount(
            area,
            plan.area_title(area) if area else "Nhiệm vụ khác",
            len(items),
            sum(1 for t in items if t.status_on(today).done),
            sum(1 for t in items if t.overdue_on(today)),
        )
        for area, items in grouped(plan, tasks, lambda t: t.area)
    )
