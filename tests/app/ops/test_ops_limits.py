"""Typing, pasting and importing rows stop at the documented limits (app/limits.py), with one
sentence, and leave the database as it was."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest
from ops_helpers import content

from app import limits
from app.errors import InvalidInput
from app.model import Appendix, Plan, Section, Task
from app.ops import appendices, plans, rows, tracking
from app.ops.import_table import import_table

sys.path.insert(0, str(Path(__file__).parent.parent))
from import_builders import SEED000_HEADER  # noqa: E402

OVER = "x" * (limits.CELL_CHARS + 1)


def first_task(plan) -> Task:
    return next(a for a in plan.appendices if a.kind == "tasks").tasks[0]


def refused(ws, plan_id, action) -> str:
    before = content(ws, plan_id)
    with pytest.raises(InvalidInput) as e:
        action()
    assert content(ws, plan_id) == before
    return e.value.message


def test_typing_a_cell_over_the_limit_is_refused(ws, plan_id, plan):
    task = first_task(plan)
    message = refused(ws, plan_id, lambda: rows.set_fields(ws, rows.TASKS, task.id, content=OVER))
    assert message == "Nội dung dài 20.001 ký tự, quá giới hạn 20.000."
    rows.set_fields(ws, rows.TASKS, task.id, content=OVER[:-1])  # exactly the limit is fine


def test_a_section_heading_is_a_title(ws, plan_id, plan):
    section = plan.sections[0]
    message = refused(ws, plan_id, lambda: rows.set_fields(ws, rows.SECTIONS, section.id, heading="H" * 2_001))
    assert message == "Tiêu đề mục dài 2.001 ký tự, quá giới hạn 2.000."


def test_pasting_rows_with_a_long_cell_adds_none_of_them(ws, plan_id, plan):
    a = next(a for a in plan.appendices if a.kind == "tasks")
    pasted = [Task(content="ngắn"), Task(content="ngắn", subtasks=(Task(product=OVER),))]
    message = refused(ws, plan_id, lambda: rows.insert(ws, rows.TASKS, a.id, pasted))
    assert message == "«Sản phẩm» ở một dòng con của dòng 2 dài 20.001 ký tự, quá giới hạn 20.000."


def test_pasting_a_tree_too_deep_under_a_sub_task_is_refused(ws, plan_id, plan):
    a = next(a for a in plan.appendices if a.kind == "tasks")
    parent = a.tasks[0]
    pasted = [Task(content="a", subtasks=(Task(content="b", subtasks=(Task(content="c"),)),))]
    message = refused(ws, plan_id, lambda: rows.insert(ws, rows.TASKS, a.id, pasted, parent_id=parent.id))
    assert message == "Không thể thêm cấp con nữa: tối đa 3 cấp."


def test_a_plan_holds_at_most_10000_tasks(ws):
    full = Plan(2027, appendices=(Appendix(tasks=tuple(Task(content=f"{i}") for i in range(limits.TASKS))),))
    plan_id = ws.db.insert_plan(full)
    appendix_id = ws.plan(plan_id).appendices[0].id
    message = refused(ws, plan_id, lambda: rows.insert(ws, rows.TASKS, appendix_id, [Task(content="một nữa")]))
    assert message == "Có 10.001 nhiệm vụ trong kế hoạch, quá giới hạn 10.000."


def test_header_appendix_and_tracking_texts_have_limits(ws, plan_id, plan):
    msg = refused(ws, plan_id, lambda: plans.set_header(ws, plan_id, summary="S" * 2_001))
    assert msg == "Trích yếu dài 2.001 ký tự, quá giới hạn 2.000."
    msg = refused(ws, plan_id, lambda: plans.set_header(ws, plan_id, legal_bases=("Căn cứ",) * 201))
    assert msg == "Có 201 căn cứ, quá giới hạn 200."
    a = plan.appendices[0]
    msg = refused(ws, plan_id, lambda: appendices.set_settings(ws, a.id, title="T" * 2_001))
    assert msg == "Tên phụ lục dài 2.001 ký tự, quá giới hạn 2.000."
    task = first_task(plan)
    with pytest.raises(InvalidInput) as e:
        tracking.set_result(ws, task.id, OVER)
    assert e.value.message == "Kết quả thực hiện dài 20.001 ký tự, quá giới hạn 20.000."


def test_sections_paragraphs_are_counted(ws, plan_id, plan):
    section = plan.sections[0]
    paras = ("đoạn",) * (limits.PARAGRAPHS + 1)
    msg = refused(ws, plan_id, lambda: rows.set_fields(ws, rows.SECTIONS, section.id, paragraphs=paras))
    assert msg == "Có 501 đoạn văn trong một mục, quá giới hạn 500."
    rows.insert(ws, rows.SECTIONS, plan_id, [Section("Mục mới", paragraphs=("đoạn",))])


def test_a_huge_cell_in_a_word_table_is_not_imported(ws, plan_id, tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=len(SEED000_HEADER))
    for c, v in enumerate(SEED000_HEADER):
        t.cell(0, c).text = v
    t.cell(1, 0).text = "1"
    t.cell(1, 1).text = "Tuyên truyền cải cách hành chính " * 1_000  # 33,000 characters
    t.cell(1, 2).text = "Báo cáo"
    path = tmp_path / "pl.docx"
    d.save(str(path))
    before = content(ws, plan_id)
    with pytest.raises(InvalidInput) as e:
        import_table(ws, plan_id, path)
    assert "quá giới hạn 20.000" in e.value.message
    assert content(ws, plan_id) == before
