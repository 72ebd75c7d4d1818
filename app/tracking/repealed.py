"""Tasks repealed after the plan was issued ("bãi bỏ"): in an issued version, gone from the plan.

They are read back from the issued versions (app/versions), not kept in the plan: the plan is
what is in force, the issued versions what was promised. Reports and the tracking views list them
as "Bãi bỏ", with the amendment plan that repealed them ("theo Kế hoạch số 20/KH-UBND ngày
15/06/2027") when one has been issued. A pure function of the versions, the plan and its
amendments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.model import Plan, Task, iter_tasks
from app.tracking.status import Status, TaskTracking
from app.versions.diff import placed_tasks
from app.vietnamese import number_symbol, short_date

REPEALED = "Bãi bỏ"
AMENDS = "amends:"  # the origin of an amendment plan: "amends:<id of the plan it amends>"


@dataclass(frozen=True)
class Repealed:
    task: Task  # as the issued version had it, with its id
    where: str  # its place in the issued plan: "nhiệm vụ số 3 Phụ lục II"
    area: str
    depth: int  # 0 for a task, 1 for a sub-task …
    by: str = ""  # "Kế hoạch số 20/KH-UBND ngày 15/06/2027", or "" when no amendment says so
    before: str = ""  # what was recorded on it when it was removed (done_before), or ""

    @property
    def status(self) -> str:
        """'Bãi bỏ theo Kế hoạch số 20/KH-UBND ngày 15/06/2027', or 'Bãi bỏ'."""
        return f"{REPEALED} theo {self.by}" if self.by else REPEALED


def done_before(record: TaskTracking | None) -> str:
    """'Trước khi bãi bỏ: Hoàn thành đúng hạn ngày 05/03/2027 — Đã tổ chức 2 buổi' from the record
    kept when the task was removed; '' when nothing had been recorded."""
    if record is None:
        return ""
    parts = []
    if record.status != Status.NOT_STARTED:
        when = f" ngày {record.completed_on:%d/%m/%Y}" if record.completed_on else ""
        parts.append(record.status.label + when)
    parts += [_squash(t) for t in (record.result, record.reason) if t.strip()]
    return f"Trước khi bãi bỏ: {' — '.join(parts)}" if parts else ""


def amendment_reference(plan: Plan) -> str:
    """'Kế hoạch số 20/KH-UBND ngày 15/06/2027' of an issued amendment plan."""
    when = f" ngày {short_date(plan.date)}" if plan.date is not None and plan.date.day else ""
    return f"Kế hoạch số {number_symbol(plan.number, plan.symbol)}{when}"


def _squash(text: str) -> str:
    return " ".join(text.split())


def _repealing(task: Task, amendments: Sequence[Plan]) -> str:
    """The issued amendment whose comparison table repeals this task (its text in Nội dung cũ and
    "Bãi bỏ" beside it), else the latest issued amendment, else ''."""
    issued = [a for a in amendments if a.number.strip()]
    content = _squash(task.content)
    for a in reversed(issued):
        for appendix in a.appendices:
            for row in iter_tasks(appendix.tasks):
                if _squash(row.content) == content and row.product.strip().startswith(REPEALED):
                    return amendment_reference(a)
    return amendment_reference(issued[-1]) if issued else ""


def repealed_from(
    issued: Sequence[Plan],
    current: Plan,
    amendments: Sequence[Plan] = (),
    before: Mapping[int, TaskTracking] | None = None,
) -> list[Repealed]:
    """Tasks of the issued versions (oldest first; the newest says where each was) that the plan
    no longer has, matched by task id, in the order of the newest version that has them.
    `amendments`: the plan's amendment plans, oldest first; `before`: the records kept when the
    tasks were removed, by task id."""
    before = before or {}
    now = {t.id for a in current.appendices for t in iter_tasks(a.tasks)}
    seen: set[int] = set()
    out: list[Repealed] = []
    for version in reversed(issued):
        appendix_area = {n: a.area for n, a in enumerate(version.appendices, 1)}
        depth: list[int | None] = []  # per placed task: its depth among the repealed, None if kept
        for p in placed_tasks(version):
            tid = p.task.id
            if tid is None or tid in now:
                depth.append(None)
                continue
            above = depth[p.parent] if p.parent is not None else None
            depth.append(0 if above is None else above + 1)
            if tid not in seen:
                seen.add(tid)
                area = p.task.area or appendix_area.get(p.appendix, "")
                by = _repealing(p.task, amendments)
                out.append(Repealed(p.task, p.where, area, depth[-1] or 0, by, done_before(before.get(tid))))
    return out
