"""Comparing versions: tasks matched by identity (a move is a move), every changed cell exact."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidInput, NotFound
from app.model import Task, iter_tasks
from app.ops import plans, rows
from app.ops.row_moves import move_to
from app.versions import compare_versions, save_version
from app.versions.diff import ADDED, CHANGED, MOVED, REMOVED, compare
from app.versions.diff_text import render
from app.versions.words import DELETE, EQUAL, INSERT, new_text, old_text, word_diff


def _task(ws, plan_id, content):
    plan = ws.plan(plan_id)
    return next(t for a in plan.appendices for t in iter_tasks(a.tasks) if t.content == content)


def _edit_plan(ws, plan_id):
    """An edited cell, a moved task, an added and a removed one."""
    rows.set_fields(ws, rows.TASKS, _task(ws, plan_id, "Rà soát văn bản").id, content="Rà soát, hệ thống hóa văn bản")
    niem_yet = _task(ws, plan_id, "Niêm yết thủ tục")
    move_to(ws, rows.TASKS, niem_yet.id, None, 2)  # after "Đối thoại"
    rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Kiểm tra công vụ").id])
    digital = ws.plan(plan_id).appendices[1].id
    rows.insert(ws, rows.TASKS, digital, [Task(content="Đánh giá mức độ hài lòng")])


def _summary(diff):
    return sorted((c.action, (c.old_item or c.new_item).content) for c in diff.of_kind("task"))


def test_moved_edited_added_removed_tasks_exactly(ws, plan_id):
    v1 = save_version(ws, plan_id, "Dự thảo 1").created
    _edit_plan(ws, plan_id)
    v2 = save_version(ws, plan_id, "Dự thảo 2").created
    for diff in (compare_versions(ws, plan_id, str(v1)), compare_versions(ws, plan_id, str(v1), str(v2))):
        assert _summary(diff) == [
            (ADDED, "Đánh giá mức độ hài lòng"),
            (CHANGED, "Rà soát văn bản"),
            (MOVED, "Niêm yết thủ tục"),
            (REMOVED, "Kiểm tra công vụ"),
        ]
        [edited] = [c for c in diff.changes if c.action == CHANGED]
        [cell] = edited.cells
        assert (cell.field, cell.old, cell.new) == ("content", "Rà soát văn bản", "Rà soát, hệ thống hóa văn bản")
        assert cell.words == ((EQUAL, "Rà "), (DELETE, "soát"), (INSERT, "soát, hệ thống hóa"), (EQUAL, " văn bản"))
        [moved] = [c for c in diff.changes if c.action == MOVED]
        assert moved.cells == () and moved.old_at != moved.new_at
        assert [c.kind for c in diff.changes] == ["task"] * 4  # subtasks of the moved task did not move


def test_a_rewritten_task_is_matched_by_its_id(ws, plan_id):
    v1 = save_version(ws, plan_id, "Dự thảo").created
    rows.set_fields(ws, rows.TASKS, _task(ws, plan_id, "Đối thoại").id, content="Tổ chức hội nghị với doanh nghiệp")
    diff = compare_versions(ws, plan_id, str(v1))
    assert _summary(diff) == [(CHANGED, "Đối thoại")]


def test_without_ids_tasks_are_matched_by_similar_content(plan):
    old = replace(plan, appendices=tuple(replace(a, tasks=_no_ids(a.tasks)) for a in plan.appendices))
    a1, a2, a3 = old.appendices
    moved = a1.tasks[3]  # "Kiểm tra công vụ" edited and moved to the other appendix
    new_a1 = replace(a1, tasks=a1.tasks[:3])
    new_a2 = replace(a2, tasks=a2.tasks + (replace(moved, area="", content="Kiểm tra công vụ định kỳ"),))
    new = replace(old, appendices=(new_a1, new_a2, a3))
    diff = compare(old, new)
    [c] = diff.of_kind("task")
    assert c.action == MOVED and c.old_at.endswith("Phụ lục I") and c.new_at == "nhiệm vụ số 3 Phụ lục II"
    assert {cell.field for cell in c.cells} == {"area", "content"}


def _no_ids(tasks):
    return tuple(replace(t, id=None, subtasks=_no_ids(t.subtasks)) for t in tasks)


def test_header_legal_bases_sections_targets_and_recipients(ws, plan_id):
    v1 = save_version(ws, plan_id, "Dự thảo").created
    plan = ws.plan(plan_id)
    plans.set_header(ws, plan_id, summary="Cải cách hành chính năm 2027 (sửa đổi)")
    plans.set_header(ws, plan_id, legal_bases=plan.legal_bases[:1] + ("Căn cứ Quyết định số 282/QĐ-TTg;",))
    section = plan.sections[1]
    rows.set_fields(ws, rows.SECTIONS, section.id, paragraphs=("Ủy ban thực hiện.", "Đoạn mới."))
    rows.set_fields(ws, rows.TARGETS, plan.targets[0].id, content="Mức độ hài lòng đạt tối thiểu 95%")
    got = [(c.action, c.kind, c.new_at or c.old_at) for c in compare_versions(ws, plan_id, str(v1)).changes]
    assert got == [
        (CHANGED, "header", "Trích yếu"),
        (CHANGED, "legal_basis", "căn cứ thứ 2"),
        (CHANGED, "paragraph", "mục II. NHIỆM VỤ, đoạn thứ 1"),
        (ADDED, "paragraph", "mục II. NHIỆM VỤ, đoạn thứ 2"),
        (CHANGED, "target", "chỉ tiêu thứ 1"),
    ]


def test_same_plan_has_no_changes_and_prints_so(ws, plan_id):
    v1 = save_version(ws, plan_id, "Dự thảo").created
    diff = compare_versions(ws, plan_id, str(v1), "now")
    assert diff.changes == ()
    assert render(diff) == ["So sánh «phiên bản 1: Dự thảo» với «kế hoạch hiện tại»: không có thay đổi."]


def test_bad_version_names(ws, plan_id):
    with pytest.raises(InvalidInput, match="không phải mã phiên bản"):
        compare_versions(ws, plan_id, "hôm qua")
    with pytest.raises(NotFound):
        compare_versions(ws, plan_id, "5")


@pytest.mark.parametrize(
    "old,new",
    [
        ("", "a b"),
        ("a b", ""),
        ("Rà soát văn bản", "Rà  soát văn bản mới"),
        ("x\ny", "x\n\ny z"),
        ("một hai ba", "ba hai một"),
    ],
)
def test_word_diff_gives_both_texts_back(old, new):
    ops = word_diff(old, new)
    assert old_text(ops) == old and new_text(ops) == new


def test_a_replaced_phrase_is_one_deletion_and_one_insertion():
    """Word lists each op as a revision: words deleted and inserted in turn read as noise."""
    ops = word_diff("Trung tâm Phục vụ hành chính công của phường", "Công chức một cửa của phường")
    assert ops == (
        (DELETE, "Trung tâm Phục vụ hành chính công"),
        (INSERT, "Công chức một cửa"),
        (EQUAL, " của phường"),
    )


@given(st.text(alphabet="ab ,\n", max_size=30), st.text(alphabet="ab ,\n", max_size=30))
def test_word_diff_round_trips_and_never_alternates(old, new):
    ops = word_diff(old, new)
    assert old_text(ops) == old and new_text(ops) == new
    for before, (kind, text), after in zip(ops, ops[1:], ops[2:], strict=False):
        changes_around = before[0] != EQUAL and after[0] != EQUAL
        assert not (kind == EQUAL and text.isspace() and changes_around), ops
    assert all((a[0], b[0]) != (INSERT, DELETE) for a, b in zip(ops, ops[1:], strict=False)), ops


def test_a_draft_is_deleted_and_put_back_by_undo_an_issued_version_never(ws, plan_id):
    from datetime import date

    from app.versions import delete_draft, issue, list_versions, version_text

    issued = issue(ws, plan_id, "15", date(2027, 1, 20)).created
    draft = save_version(ws, plan_id, "Dự thảo lấy ý kiến 10/12").created
    text = version_text(ws, plan_id, draft)
    with pytest.raises(InvalidInput, match="Bản ban hành là văn bản đã ký"):
        delete_draft(ws, plan_id, issued)
    done = delete_draft(ws, plan_id, draft)
    assert [v.id for v in list_versions(ws, plan_id)] == [issued]
    assert done.label == "Xóa bản dự thảo «Dự thảo lấy ý kiến 10/12»"
    back = done.undo(ws)
    [v1, v2] = list_versions(ws, plan_id)
    assert (v2.id, v2.name) == (draft, "Dự thảo lấy ý kiến 10/12") and v1.id == issued
    assert version_text(ws, plan_id, draft) == text  # the same frozen bytes
    back.undo(ws)  # redo: gone again
    assert [v.id for v in list_versions(ws, plan_id)] == [issued]


def test_an_undone_deletion_does_not_take_an_id_another_version_took(ws, plan_id):
    from app.versions import delete_draft, list_versions

    first = save_version(ws, plan_id, "Bản 1").created
    done = delete_draft(ws, plan_id, first)
    second = save_version(ws, plan_id, "Bản 2").created  # sqlite may give it the freed id
    done.undo(ws)
    assert sorted(v.name for v in list_versions(ws, plan_id)) == ["Bản 1", "Bản 2"]
    assert second in {v.id for v in list_versions(ws, plan_id)}
