"""The amendment plan built from the issued version and the plan as amended."""

from __future__ import annotations

from datetime import date

import pytest

from app.checks import has_errors
from app.errors import InvalidInput
from app.model import Task, iter_tasks
from app.ops import rows
from app.ops.checks import check
from app.versions import create_amendment, issue


def _task(ws, plan_id, content):
    plan = ws.plan(plan_id)
    return next(t for a in plan.appendices for t in iter_tasks(a.tasks) if t.content == content)


@pytest.fixture
def amended(ws, plan_id):
    vid = issue(ws, plan_id, "15", date(2027, 1, 20)).created
    rows.set_fields(ws, rows.TASKS, _task(ws, plan_id, "Đối thoại").id, content="Đối thoại với doanh nghiệp")
    rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Kiểm tra công vụ").id])
    digital = ws.plan(plan_id).appendices[1].id
    rows.insert(ws, rows.TASKS, digital, [Task(content="Khảo sát mức độ hài lòng", timeline="Quý IV/2027")])
    return create_amendment(ws, plan_id, str(vid)).created


def test_amendment_lists_each_change_as_such_plans_do(ws, plan_id, amended):
    plan = ws.plan(amended)
    assert plan.summary.startswith("Sửa đổi, bổ sung một số nội dung của Kế hoạch số 15/KH-UBND ngày 20/01/2027 của ")
    assert plan.legal_bases[-1].startswith("Căn cứ Kế hoạch số 15/KH-UBND ngày 20/01/2027")
    assert (plan.number, plan.date.day) == ("", None)
    items = plan.sections[0].sections
    heads = [s.heading for s in items]
    assert heads[0].startswith("Bãi bỏ nhiệm vụ số 1, mục ") and heads[0].endswith(": “Kiểm tra công vụ”.")
    assert heads[1] == "Bổ sung nhiệm vụ số 3 Phụ lục II kèm theo Kế hoạch số 15/KH-UBND như sau:"
    assert items[1].paragraphs == ("- Nội dung: “Khảo sát mức độ hài lòng”", "- Thời gian thực hiện: “Quý IV/2027”")
    assert heads[2].startswith("Sửa đổi nhiệm vụ số ") and heads[2].endswith(" như sau:")
    assert items[2].paragraphs == ("- Nội dung: “Đối thoại với doanh nghiệp”",)
    [table] = plan.appendices
    assert [h for _, h in table.headers] == ["Nội dung cũ", "Nội dung sửa đổi, bổ sung", "Lý do"]
    assert [(t.content, t.product) for t in table.tasks] == [
        ("Kiểm tra công vụ", "Bãi bỏ"),
        ("Chưa có", "Khảo sát mức độ hài lòng"),
        ("Nội dung: Đối thoại", "Nội dung: Đối thoại với doanh nghiệp"),
    ]


def test_amendment_passes_the_check(ws, amended):
    found = check(ws, amended).findings
    assert not has_errors(found), [f.line() for f in found]


def test_nothing_to_amend_is_refused(ws, plan_id):
    vid = issue(ws, plan_id, "15", date(2027, 1, 20)).created
    before = len(ws.db.list_plans())
    with pytest.raises(InvalidInput, match="không có gì để sửa đổi"):
        create_amendment(ws, plan_id, str(vid))
    assert len(ws.db.list_plans()) == before
