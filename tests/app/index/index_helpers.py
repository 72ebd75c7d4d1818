"""A tracked plan and a small criteria set for the assessment and export tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.index.model import ON_TIME, RATE, CriteriaSet, Criterion, Rule
from app.index.sets import save_set
from app.model import Appendix, DocDate, Plan, Task
from app.ops import evidence, tracking

D = Decimal


def tracked_plan() -> Plan:
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        date=DocDate(2027, 1, 5),
        appendices=(
            Appendix(
                title="Nhiệm vụ năm 2027",
                tasks=(
                    Task(content="Ban hành Kế hoạch CCHC năm 2027", timeline="Trước ngày 15/01/2027"),
                    Task(content="Báo cáo CCHC quý I", timeline="Trước ngày 15/03/2027"),
                    Task(content="Báo cáo CCHC 6 tháng", timeline="Trước ngày 15/06/2027"),
                    Task(content="Kiểm tra CCHC", timeline="Quý II/2027"),
                ),
            ),
        ),
    )


def small_set() -> CriteriaSet:
    return CriteriaSet(
        "Bộ thử",
        D("4"),
        [
            Criterion("1", "Chỉ đạo điều hành", D("3")),
            Criterion("1.1", "Ban hành kế hoạch CCHC đúng hạn", D("1"), "Đúng hạn: 1", Rule(ON_TIME)),
            Criterion("1.2", "Báo cáo định kỳ", D("1"), "", Rule(RATE, ((D("100"), D("1")), (D("50"), D("0.5"))))),
            Criterion("1.3", "Kiểm tra CCHC", D("1"), "", Rule(ON_TIME)),
            Criterion("2", "Thể chế", D("1")),
            Criterion("2.1", "Rà soát văn bản", D("1")),
        ],
    )


def tracked_setup(ws, tmp_path):
    """(plan id, set id, task ids, evidence id): the plan's first task done on time with a file
    attached, one report done late, one not done."""
    plan_id = ws.db.insert_plan(tracked_plan())
    tasks = [t.id for t in ws.plan(plan_id).appendices[0].tasks]
    tracking.mark_done(ws, tasks[0], date(2027, 1, 5))
    tracking.mark_done(ws, tasks[1], date(2027, 3, 20))
    src = tmp_path / "Kế hoạch số 05.pdf"
    src.write_bytes(b"%PDF-1.4 ke hoach")
    evidence.add(ws, tasks[0], src)
    ev_id = ws.db.list_evidence(plan_id, tasks[0])[0].id
    return plan_id, save_set(ws, small_set()), tasks, ev_id
