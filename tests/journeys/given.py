"""What is already in the officer's data before a journey starts (set up without the window).

One place that writes test data, so the journeys read as what she does, not how it was prepared.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from app.templates import Agency
from app.usecases import editing
from app.usecases.directory import ensure_defaults
from app.usecases.plans import SAMPLE_AGENCY, create_from_template
from storage.db import open_store
from storage.plans import load_plan

WARD = Agency(
    agency="Ủy ban nhân dân phường Phú Sơn",
    parent_agency="",
    place="Phú Sơn",
    province="tỉnh Thanh Hóa",
    chairman="Nguyễn Văn An",
)


def _open(db: Path):
    store = open_store(db)
    ensure_defaults(store)
    return store


def last_years_plan(db: Path) -> int:
    """Her 2026 plan, as she finished it a year ago: the province's plan cited, a paragraph on 2025."""
    store = _open(db)
    try:
        pid = create_from_template(store, "ward-annual", 2026, WARD)
        plan = load_plan(store, pid)
        bases = list(plan.legal_bases)
        bases[-1] = (
            "Căn cứ Kế hoạch số 215/KH-UBND ngày 10/12/2025 của Ủy ban nhân dân tỉnh Thanh Hóa "
            "về cải cách hành chính năm 2026"
        )
        editing.update_plan_header(store, pid, legal_bases=tuple(bases), date=replace(plan.date, day=5))
        first = plan.sections[0]
        editing.update_section(
            store,
            first.id,
            paragraphs=first.paragraphs + ("Phát huy kết quả đạt được trong năm 2025, khắc phục hạn chế.",),
        )
        return pid
    finally:
        store.close()


def plan_to_check(db: Path) -> int:
    """The 2027 plan with three things the check must find: a task with no product, "năm 2026"
    left in a paragraph, and "Uỷ ban" written the old way once."""
    store = _open(db)
    try:
        pid = create_from_template(store, "ward-annual", 2027, SAMPLE_AGENCY)
        plan = load_plan(store, pid)
        editing.update_task(store, plan.appendices[1].tasks[0].id, product="")
        first = plan.sections[0]
        editing.update_section(
            store, first.id, paragraphs=first.paragraphs + ("Tiếp tục các nhiệm vụ còn dở dang của năm 2026.",)
        )
        editing.update_plan_header(store, pid, preamble=plan.preamble.replace("Ủy ban", "Uỷ ban", 1))
        return pid
    finally:
        store.close()


def tracked_plan(db: Path, today: date) -> int:
    """The 2027 plan in June 2027: some tasks done, three overdue."""
    from app.model import iter_tasks
    from app.tracking.status import Status
    from app.usecases import tracking as tr

    store = _open(db)
    try:
        pid = create_from_template(store, "ward-annual", 2027, SAMPLE_AGENCY)
        tasks = [t for a in load_plan(store, pid).appendices for t in iter_tasks(a.tasks)]
        done = 0
        for t in tasks:
            tracked = tr.tracked_task(store, t.id)
            due = tracked.due.date
            if due is not None and due < today and done < 5:
                tr.set_status(store, t.id, Status.DONE_ON_TIME, due, today=today)
                tr.set_result(store, t.id, "Đã hoàn thành theo kế hoạch.")
                done += 1
        return pid
    finally:
        store.close()


def spell_both_ways(db: Path, plan_id: int) -> None:
    """'Uỷ ban' written the old way once, and a task with no product: what the check finds."""
    store = _open(db)
    try:
        plan = load_plan(store, plan_id)
        editing.update_plan_header(store, plan_id, preamble=plan.preamble.replace("Ủy ban", "Uỷ ban", 1))
        editing.update_task(store, plan.appendices[1].tasks[0].id, product="")
    finally:
        store.close()
