"""Carry-forward with the comparison "what changed from last year's plan": a year moving on is no
change, every real change is one row with last year's own text, the appendix is made again in
its place, one undo step, and last year's plan is read as it was issued."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InvalidInput
from app.model import Task, iter_tasks
from app.ops import plans, rows
from app.ops.checks import check
from app.versions import issue
from app.versions.last_year import HEADERS, NOTHING_CHANGED, add_last_year_comparison, is_comparison


def _task(ws, plan_id, content):
    return next(t for a in ws.plan(plan_id).appendices for t in iter_tasks(a.tasks) if t.content == content)


def _table(ws, plan_id):
    [table] = [a for a in ws.plan(plan_id).appendices if is_comparison(a)]
    return table


def _rows(ws, plan_id):
    return [(t.content, t.product, t.note) for t in _table(ws, plan_id).tasks]


def test_carried_forward_with_the_comparison_only_years_moved(ws, plan_id):
    plain = plans.carry_forward_plan(ws, plan_id, 2028)
    result = plans.carry_forward_plan(ws, plan_id, 2028, compare=True)
    table = ws.plan(result.plan_id).appendices[-1]
    assert is_comparison(table) and table.headers == HEADERS and table.columns == ("content", "product", "note")
    assert table.title == "SO SÁNH NỘI DUNG KẾ HOẠCH NĂM 2028 VỚI KẾ HOẠCH NĂM 2027"
    assert _rows(ws, result.plan_id) == [(NOTHING_CHANGED, "Giữ nguyên", "")]
    # last year's texts quoted in the table are not leftovers of a past year
    assert [lo.place.label for lo in result.leftovers] == [lo.place.label for lo in plain.leftovers]
    # next year's plan does not carry this year's comparison
    again = plans.carry_forward_plan(ws, result.plan_id, 2029)
    assert not any(is_comparison(a) for a in ws.plan(again.plan_id).appendices)


def test_every_real_change_is_one_row_with_last_years_text(ws, plan_id):
    new = plans.carry_forward_plan(ws, plan_id, 2028, compare=True).plan_id
    rows.set_fields(ws, rows.TASKS, _task(ws, new, "Rà soát văn bản").id, timeline="Quý II/2028")
    rows.remove(ws, rows.TASKS, [_task(ws, new, "Kiểm tra công vụ").id])
    rows.insert(ws, rows.TASKS, ws.plan(new).appendices[1].id, [Task(content="Đánh giá mức độ hài lòng")])
    plans.set_header(ws, new, legal_bases=("Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Kế hoạch mới;"))
    position = len(ws.plan(new).appendices) - 1
    changes = add_last_year_comparison(ws, new)
    assert [a for a in ws.plan(new).appendices if is_comparison(a)][0] is ws.plan(new).appendices[position]
    assert _rows(ws, new) == [
        ("Căn cứ Kế hoạch của tỉnh;", "Căn cứ Kế hoạch mới;", "Điều chỉnh căn cứ thứ 2"),
        ("Kiểm tra công vụ", "Không tiếp tục thực hiện", "Không tiếp tục nhiệm vụ số 1, mục III Phụ lục I"),
        ("Chưa có", "Đánh giá mức độ hài lòng", "Bổ sung nhiệm vụ số 3 Phụ lục II"),
        (
            "Thời gian thực hiện: Quý I/2027",  # last year's own words
            "Thời gian thực hiện: Quý II/2028",
            "Điều chỉnh nhiệm vụ số 1, mục I Phụ lục I",
        ),
    ]
    # the check finds nothing to say about the table (no cell left empty)
    table_ids = {t.id for t in _table(ws, new).tasks}
    assert not [f for f in check(ws, new).findings if f.place and f.place.kind == "task" and f.place.ref in table_ids]
    # one undo step puts the previous table back; its redo makes it again
    back = changes.undo(ws)
    assert _rows(ws, new) == [(NOTHING_CHANGED, "Giữ nguyên", "")]
    back.undo(ws)
    assert len(_rows(ws, new)) == 4 and sum(is_comparison(a) for a in ws.plan(new).appendices) == 1


def test_last_years_plan_is_read_as_issued(ws, plan_id):
    issue(ws, plan_id, "15", date(2027, 1, 20))
    rows.set_fields(ws, rows.TASKS, _task(ws, plan_id, "Đối thoại").id, content="Đối thoại với doanh nghiệp")
    new = plans.carry_forward_plan(ws, plan_id, 2028, compare=True).plan_id
    assert _rows(ws, new) == [
        ("Nội dung: Đối thoại", "Nội dung: Đối thoại với doanh nghiệp", "Điều chỉnh nhiệm vụ số 2, mục II Phụ lục I")
    ]


def test_a_plan_not_carried_forward_has_nothing_to_compare(ws, plan_id):
    before = ws.plan(plan_id)
    with pytest.raises(InvalidInput, match="không được tạo từ kế hoạch năm trước"):
        add_last_year_comparison(ws, plan_id)
    assert ws.plan(plan_id) == before
