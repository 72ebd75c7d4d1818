"""What is already in the officer's data before a journey starts (set up without the window).

One place that writes test data, so the journeys read as what she does, not how it was prepared.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from app.model import iter_tasks
from app.ops import directory, plans, rows, tracking
from app.ops.plans import SAMPLE_AGENCY
from app.templates import Agency
from app.tracking.status import Status
from app.workspace import Workspace, open_workspace

WARD = Agency(
    agency="Ủy ban nhân dân phường Phú Sơn",
    parent_agency="",
    place="Phú Sơn",
    province="tỉnh Thanh Hóa",
    chairman="Nguyễn Văn An",
)


def _open(db: Path) -> Workspace:
    ws = open_workspace(db)
    directory.ensure_defaults(ws)
    return ws


def new_plan(ws: Workspace, template_id: str, year: int, agency: Agency, **kw) -> int:
    """A plan from a template; its id."""
    created = plans.create_from_template(ws, template_id, year, agency, **kw).created
    assert created is not None
    return created


def _new_plan(ws: Workspace, year: int, agency: Agency) -> int:
    return new_plan(ws, "ward-annual", year, agency)


def last_years_plan(db: Path) -> int:
    """Her 2026 plan, as she finished it a year ago: the province's plan cited, a paragraph on 2025."""
    ws = _open(db)
    try:
        pid = _new_plan(ws, 2026, WARD)
        plan = ws.plan(pid)
        bases = list(plan.legal_bases)
        bases[-1] = (
            "Căn cứ Kế hoạch số 215/KH-UBND ngày 10/12/2025 của Ủy ban nhân dân tỉnh Thanh Hóa "
            "về cải cách hành chính năm 2026"
        )
        plans.set_header(ws, pid, legal_bases=tuple(bases), date=replace(plan.doc_date, day=5))
        first = plan.sections[0]
        assert first.id is not None
        more = first.paragraphs + ("Phát huy kết quả đạt được trong năm 2025, khắc phục hạn chế.",)
        rows.set_fields(ws, rows.SECTIONS, first.id, paragraphs=more)
        return pid
    finally:
        ws.close()


def plan_to_check(db: Path) -> int:
    """The 2027 plan with three things the check must find: a task with no product, "năm 2026"
    left in a paragraph, and "Uỷ ban" written the old way once."""
    ws = _open(db)
    try:
        pid = _new_plan(ws, 2027, SAMPLE_AGENCY)
        plan = ws.plan(pid)
        first_task = plan.appendices[1].tasks[0]
        assert first_task.id is not None
        rows.set_fields(ws, rows.TASKS, first_task.id, product="")
        first = plan.sections[0]
        assert first.id is not None
        more = first.paragraphs + ("Tiếp tục các nhiệm vụ còn dở dang của năm 2026.",)
        rows.set_fields(ws, rows.SECTIONS, first.id, paragraphs=more)
        plans.set_header(ws, pid, preamble=plan.preamble.replace("Ủy ban", "Uỷ ban", 1))
        return pid
    finally:
        ws.close()


def tracked_plan(db: Path, today: date) -> int:
    """The 2027 plan in June 2027 (the caller has set the clock to `today`): five tasks done on
    their due dates, others overdue."""
    ws = _open(db)
    try:
        pid = _new_plan(ws, 2027, SAMPLE_AGENCY)
        done = 0
        for t in (t for a in ws.plan(pid).appendices for t in iter_tasks(a.tasks)):
            assert t.id is not None
            due = tracking.tracked_task(ws, t.id).due.date
            if due is not None and due < today and done < 5:
                tracking.set_status(ws, t.id, Status.DONE_ON_TIME, due)
                tracking.set_result(ws, t.id, "Đã hoàn thành theo kế hoạch.")
                done += 1
        return pid
    finally:
        ws.close()


def spell_both_ways(db: Path, plan_id: int) -> None:
    """'Uỷ ban' written the old way once, and a task with no product: what the check finds."""
    ws = _open(db)
    try:
        plan = ws.plan(plan_id)
        plans.set_header(ws, plan_id, preamble=plan.preamble.replace("Ủy ban", "Uỷ ban", 1))
        first_task = plan.appendices[1].tasks[0]
        assert first_task.id is not None
        rows.set_fields(ws, rows.TASKS, first_task.id, product="")
    finally:
        ws.close()
