"""app.ops.rows on a real file: what each edit of tasks, sections and targets reports, and that its
undo puts the stored plan back exactly and the undo of that redoes it."""

from __future__ import annotations

import pytest
from ops_helpers import content, rich_plan, round_trip, stored, undo_redo

from app.errors import InvalidInput, NotFound
from app.model import Appendix, Plan, Section, Target, Task, iter_sections, iter_tasks
from app.ops import rows
from app.ops.changes import NOTHING, Part


def tasks_of(plan, n=0):
    return plan.appendices[n].tasks


def _content(plan_id):
    return lambda ws: content(ws, plan_id)


def _stored(plan_id):
    return lambda ws: stored(ws, plan_id)


# ---------------------------------------------------------------- set_fields


def test_set_fields_of_a_task(ws, plan):
    task = tasks_of(plan)[0]
    aid = plan.appendices[0].id
    changes, undone, redone = round_trip(
        ws,
        lambda: rows.set_fields(ws, rows.TASKS, task.id, content="Rà soát  văn bản QPPL", timeline="Quý II/2027"),
        _stored(plan.id),
    )
    assert changes.plan_id == plan.id and changes.parts == {Part.TASKS}
    assert changes.ids == {task.id} and changes.appendix_ids == {aid}
    assert changes.fields == {"content", "timeline"} and changes.label == "Sửa ô" and changes.created is None
    assert (undone.ids, undone.appendix_ids, undone.fields) == ({task.id}, {aid}, {"content", "timeline"})
    assert tasks_of(ws.plan(plan.id))[0].content == "Rà soát  văn bản QPPL"


def test_set_fields_cleans_text_and_unchanged_values_make_no_step(ws, plan):
    task = tasks_of(plan)[0]
    assert rows.set_fields(ws, rows.TASKS, task.id, content=task.content, lead=task.lead) is NOTHING
    rows.set_fields(ws, rows.TASKS, task.id, content="Rà soát\x00 văn bản", label="Dán")
    assert tasks_of(stored(ws, plan.id))[0].content == "Rà soát văn bản"
    assert rows.set_fields(ws, rows.TASKS, task.id, content="Rà soát\x07 văn bản") is NOTHING


def test_set_fields_of_a_section_and_a_target(ws, plan):
    section = plan.sections[0].sections[0]
    changes, *_ = round_trip(
        ws,
        lambda: rows.set_fields(ws, rows.SECTIONS, section.id, heading="Mục đích chung", paragraphs=("a", "- b")),
        _stored(plan.id),
    )
    assert changes.parts == {Part.SECTIONS} and changes.ids == {section.id} and changes.appendix_ids == frozenset()
    assert changes.fields == {"heading", "paragraphs"}
    target = plan.targets[1]
    changes, *_ = round_trip(
        ws, lambda: rows.set_fields(ws, rows.TARGETS, target.id, lead="Trung tâm"), _stored(plan.id)
    )
    assert changes.parts == {Part.TARGETS} and changes.ids == {target.id} and changes.appendix_ids == frozenset()


def test_set_fields_refuses_unknown_fields_and_rows(ws, plan):
    before = stored(ws, plan.id)
    with pytest.raises(InvalidInput):
        rows.set_fields(ws, rows.TASKS, tasks_of(plan)[0].id, colour="red")
    with pytest.raises(NotFound):
        rows.set_fields(ws, rows.TASKS, 99999, content="x")
    assert stored(ws, plan.id) == before


# ---------------------------------------------------------------- insert


def test_insert_tasks_with_sub_tasks(ws, plan):
    aid = plan.appendices[0].id
    pasted = [Task(content="Mới 1", subtasks=(Task(content="Con"),)), Task(content="Mới 2")]
    changes, undone, redone = round_trip(
        ws, lambda: rows.insert(ws, rows.TASKS, aid, pasted, position=1, label="Dán 2 dòng"), _content(plan.id)
    )
    assert changes.plan_id == plan.id and changes.parts == {Part.TASKS} and changes.appendix_ids == {aid}
    assert changes.label == "Dán 2 dòng" and len(changes.ids) == 2 and changes.created in changes.ids
    assert undone.ids == changes.ids and undone.label == "Dán 2 dòng"
    now = tasks_of(ws.plan(plan.id))
    assert [t.content for t in now[1:3]] == ["Mới 1", "Mới 2"] and now[1].subtasks[0].content == "Con"
    assert redone.ids == {now[1].id, now[2].id} and redone.appendix_ids == {aid}


def test_insert_under_a_parent_and_at_the_end(ws, plan):
    parent = tasks_of(plan)[2]
    changes, *_ = round_trip(
        ws,
        lambda: rows.insert(ws, rows.TASKS, plan.appendices[0].id, [Task(content="Con")], parent.id),
        _content(plan.id),
    )
    assert changes.label == "Thêm nhiệm vụ"
    assert tasks_of(ws.plan(plan.id))[2].subtasks[-1].content == "Con"
    rows.insert(ws, rows.TASKS, plan.appendices[1].id, [Task(content="Cuối")])
    assert tasks_of(ws.plan(plan.id), 1)[-1].content == "Cuối"


def test_insert_refuses_a_fourth_level_a_targets_table_and_a_deleted_appendix(ws, plan):
    before = content(ws, plan.id)
    level3 = tasks_of(plan)[1].subtasks[0].subtasks[0]
    with pytest.raises(InvalidInput, match="tối đa 3 cấp"):
        rows.insert(ws, rows.TASKS, plan.appendices[0].id, [Task(content="x")], level3.id)
    with pytest.raises(InvalidInput, match="bảng chỉ tiêu"):
        rows.insert(ws, rows.TASKS, plan.appendices[2].id, [Task(content="x")])
    with pytest.raises(InvalidInput, match="Không tìm thấy phụ lục"):
        rows.insert(ws, rows.TASKS, 99999, [Task(content="x")])
    assert rows.insert(ws, rows.TASKS, plan.appendices[0].id, []) is NOTHING
    assert content(ws, plan.id) == before


def test_insert_sections_and_targets(ws, plan):
    parent = plan.sections[0]
    changes, *_ = round_trip(
        ws,
        lambda: rows.insert(ws, rows.SECTIONS, plan.id, [Section("Mới", sections=(Section("Con"),))], parent.id, 1),
        _content(plan.id),
    )
    assert changes.parts == {Part.SECTIONS} and changes.appendix_ids == frozenset() and changes.label == "Thêm mục"
    assert [s.heading for s in ws.plan(plan.id).sections[0].sections] == ["Mục đích", "Mới", "Yêu cầu"]
    changes, *_ = round_trip(
        ws,
        lambda: rows.insert(ws, rows.TARGETS, plan.id, [Target(content="Chỉ tiêu mới")], position=0),
        _content(plan.id),
    )
    assert changes.parts == {Part.TARGETS} and changes.label == "Thêm chỉ tiêu"
    assert ws.plan(plan.id).targets[0].content == "Chỉ tiêu mới"


# ---------------------------------------------------------------- remove


def test_remove_a_task_with_sub_tasks_and_put_it_back(ws, plan):
    parent = tasks_of(plan)[1]
    aid = plan.appendices[0].id
    changes, undone, redone = round_trip(ws, lambda: rows.remove(ws, rows.TASKS, [parent.id]), _content(plan.id))
    assert changes.plan_id == plan.id and changes.parts == {Part.TASKS}
    assert changes.ids == {parent.id} and changes.appendix_ids == {aid} and changes.label == "Xóa nhiệm vụ"
    assert undone.appendix_ids == {aid} and len(undone.ids) == 1 and undone.created is None
    assert parent.content not in [t.content for t in tasks_of(ws.plan(plan.id))]


def test_remove_rows_of_two_tables_and_a_child_of_a_removed_row(ws, plan):
    a0, a1 = plan.appendices[0], plan.appendices[1]
    picked = [a0.tasks[3].id, a0.tasks[1].id, a0.tasks[1].subtasks[1].id, a1.tasks[0].id, a0.tasks[0].id]
    changes, *_ = round_trip(ws, lambda: rows.remove(ws, rows.TASKS, picked), _content(plan.id))
    # the sub-task goes with its parent: four rows removed, from both tables
    assert changes.ids == {a0.tasks[3].id, a0.tasks[1].id, a1.tasks[0].id, a0.tasks[0].id}
    assert changes.appendix_ids == {a0.id, a1.id} and changes.label == "Xóa 4 nhiệm vụ"
    assert [t.content for t in tasks_of(ws.plan(plan.id))] == ["Đối thoại"]


def test_remove_sections_and_targets(ws, plan):
    changes, *_ = round_trip(
        ws, lambda: rows.remove(ws, rows.SECTIONS, [plan.sections[0].id, plan.sections[2].id]), _content(plan.id)
    )
    assert changes.parts == {Part.SECTIONS} and changes.label == "Xóa 2 mục"
    assert [s.heading for s in ws.plan(plan.id).sections] == ["NHIỆM VỤ"]
    changes, *_ = round_trip(ws, lambda: rows.remove(ws, rows.TARGETS, [plan.targets[1].id]), _content(plan.id))
    assert changes.parts == {Part.TARGETS} and changes.appendix_ids == frozenset()


def test_remove_of_a_missing_row_changes_nothing(ws, plan):
    before = content(ws, plan.id)
    with pytest.raises(NotFound):
        rows.remove(ws, rows.TASKS, [tasks_of(plan)[0].id, 99999])
    assert rows.remove(ws, rows.TASKS, []) is NOTHING
    assert content(ws, plan.id) == before


def test_an_older_undo_step_finds_a_row_put_back_by_an_undo(ws, plan):
    task = tasks_of(plan)[1]
    child = task.subtasks[0].subtasks[0]
    original = content(ws, plan.id)
    edit = rows.set_fields(ws, rows.TASKS, child.id, content="Danh mục đã sửa")
    move = rows.move_by(ws, rows.TASKS, task.id, +1)
    removed = rows.remove(ws, rows.TASKS, [task.id])
    put_back = removed.undo(ws)
    assert put_back.ids == {task.id}  # with the ids it had, its sub-tasks' too
    move.undo(ws)  # the older steps still find the row and its sub-task
    edit_undone = edit.undo(ws)
    assert content(ws, plan.id) == original
    # and their redo steps, with the ids they hold, too
    redone = edit_undone.undo(ws)
    new_child = tasks_of(ws.plan(plan.id))[1].subtasks[0].subtasks[0]
    assert new_child.content == "Danh mục đã sửa" and redone.ids == {new_child.id} == {child.id}
    redone.undo(ws)
    assert content(ws, plan.id) == original


def test_a_deleted_task_id_is_not_given_to_another_plan_and_comes_back_with_undo(ws, plan):
    """The newest task deleted, then a plan made (not undoable): task ids are never given again
    (schema 8), so the new plan's tasks get new ids and the undo puts the row back with its own."""
    last = tasks_of(plan, 1)[1]
    assert last.subtasks[0].id == max(t.id for a in plan.appendices for t in iter_tasks(a.tasks))
    original = content(ws, plan.id)
    removed = rows.remove(ws, rows.TASKS, [last.id])
    other = ws.db.insert_plan(Plan(2028, appendices=(Appendix(tasks=(Task(content="X"), Task(content="Y"))),)))
    taken = {t.id for t in tasks_of(ws.plan(other))}
    assert min(taken) > last.subtasks[0].id
    put_back = removed.undo(ws)
    assert content(ws, plan.id) == original and put_back.ids == {last.id}
    rows.set_fields(ws, rows.TASKS, last.id, note="của kế hoạch này")
    assert tasks_of(ws.plan(plan.id), 1)[1].note == "của kế hoạch này"
    assert [t.note for t in tasks_of(ws.plan(other))] == ["", ""]


def test_removing_twice_through_undo_and_redo_keeps_the_chain(ws, plan):
    task = tasks_of(plan)[0]
    edit = rows.set_fields(ws, rows.TASKS, task.id, note="ghi chú")
    removed = rows.remove(ws, rows.TASKS, [task.id])
    back = removed.undo(ws)
    gone = back.undo(ws)
    back = gone.undo(ws)  # the row has had three ids
    undone = edit.undo(ws)
    assert tasks_of(ws.plan(plan.id))[0].note == "" and undone.ids == back.ids


# ---------------------------------------------------------------- moves


def test_move_to_another_parent_and_back(ws, plan):
    row = tasks_of(plan)[3]
    parent = tasks_of(plan)[2]
    changes, undone, _ = round_trip(ws, lambda: rows.move_to(ws, rows.TASKS, row.id, parent.id, 0), _stored(plan.id))
    assert changes.parts == {Part.TASKS} and changes.ids == {row.id} and changes.appendix_ids == {plan.appendices[0].id}
    assert changes.label == "Di chuyển dòng" and undone.ids == {row.id}
    assert tasks_of(ws.plan(plan.id))[2].subtasks[0].id == row.id


def test_move_refuses_into_itself_and_below_three_levels(ws, plan):
    before = stored(ws, plan.id)
    parent = tasks_of(plan)[1]
    with pytest.raises(InvalidInput):
        rows.move_to(ws, rows.TASKS, parent.id, parent.subtasks[0].id, 0)
    # a row with two levels under it cannot go under a row of the second level
    with pytest.raises(InvalidInput, match="tối đa 3 cấp"):
        rows.move_to(ws, rows.TASKS, parent.subtasks[0].id, parent.subtasks[1].id, 0)
    with pytest.raises(InvalidInput, match="cùng một bảng"):
        rows.move_to(ws, rows.TASKS, tasks_of(plan)[0].id, tasks_of(plan, 1)[1].id, 0)
    assert rows.move_to(ws, rows.TASKS, tasks_of(plan)[0].id, None, 0) is NOTHING
    assert stored(ws, plan.id) == before


def test_move_by_up_and_down(ws, plan):
    first, second = tasks_of(plan)[:2]
    changes, *_ = round_trip(ws, lambda: rows.move_by(ws, rows.TASKS, second.id, -1), _stored(plan.id))
    assert changes.ids == {second.id} and [t.id for t in tasks_of(ws.plan(plan.id))[:2]] == [second.id, first.id]
    assert rows.move_by(ws, rows.TASKS, second.id, -1) is NOTHING  # already first
    assert rows.move_by(ws, rows.TASKS, tasks_of(plan)[3].id, +1) is NOTHING  # already last
    round_trip(ws, lambda: rows.move_by(ws, rows.TARGETS, plan.targets[0].id, +1), _stored(plan.id))
    round_trip(ws, lambda: rows.move_by(ws, rows.SECTIONS, plan.sections[2].id, -2), _stored(plan.id))


def test_indent_and_outdent(ws, plan):
    row = tasks_of(plan)[2]
    changes, *_ = round_trip(ws, lambda: rows.indent(ws, rows.TASKS, row.id), _stored(plan.id))
    assert changes.label == "Lùi vào" and changes.ids == {row.id}
    # now the last child of the row above
    assert tasks_of(ws.plan(plan.id))[1].subtasks[-1].id == row.id
    changes, *_ = round_trip(ws, lambda: rows.outdent(ws, rows.TASKS, row.id), _stored(plan.id))
    assert changes.label == "Lùi ra"
    assert [t.id for t in tasks_of(ws.plan(plan.id))][1:3] == [tasks_of(plan)[1].id, row.id]


def test_indent_and_outdent_at_the_edges(ws, plan):
    before = stored(ws, plan.id)
    assert rows.indent(ws, rows.TASKS, tasks_of(plan)[0].id) is NOTHING  # nothing above
    assert rows.outdent(ws, rows.TASKS, tasks_of(plan)[0].id) is NOTHING  # already at the top
    assert rows.indent(ws, rows.TARGETS, plan.targets[1].id) is NOTHING  # a list, not a tree
    deepest = tasks_of(plan)[1].subtasks[1]  # level 2, with a level-2 sibling above it holding a level 3
    rows.indent(ws, rows.TASKS, deepest.id)
    with pytest.raises(InvalidInput, match="tối đa 3 cấp"):
        rows.indent(ws, rows.TASKS, deepest.id)
    rows.outdent(ws, rows.TASKS, deepest.id)
    assert stored(ws, plan.id) == before


def test_sections_go_six_levels_deep(ws, plan):
    parent = plan.sections[2].id
    for level in range(5):
        parent = rows.insert(ws, rows.SECTIONS, plan.id, [Section(f"Cấp {level + 2}")], parent).created
    with pytest.raises(InvalidInput, match="tối đa 6 cấp"):
        rows.insert(ws, rows.SECTIONS, plan.id, [Section("Cấp 7")], parent)
    depths = [d for d, _ in iter_sections(ws.plan(plan.id).sections)]
    assert max(depths) == 5


def test_place_after(ws, plan):
    sub = tasks_of(plan)[1].subtasks[0]
    assert rows.place_after(ws, rows.TASKS, sub.id) == (tasks_of(plan)[1].id, 1)
    assert rows.place_after(ws, rows.TASKS, None) == (None, None)
    assert rows.place_after(ws, rows.TARGETS, plan.targets[2].id) == (None, 3)


def test_snapshot_is_the_row_with_its_children(ws, plan):
    parent = tasks_of(plan)[1]
    assert rows.snapshot(ws, rows.TASKS, parent.id) == parent
    assert rows.snapshot(ws, rows.SECTIONS, plan.sections[0].id) == plan.sections[0]
    assert rows.snapshot(ws, rows.TARGETS, plan.targets[2].id) == plan.targets[2]


def test_every_task_id_of_the_plan_is_different(plan):
    ids = [t.id for a in plan.appendices for t in iter_tasks(a.tasks)]
    assert len(ids) == len(set(ids)) == 10


def test_undo_redo_helper_on_an_edit(ws, plan):
    changes = rows.set_fields(ws, rows.TASKS, tasks_of(plan)[0].id, budget="Ngân sách")
    undo_redo(ws, changes, _stored(plan.id))


def test_paste_undo_redo_undo_of_rows_with_sub_tasks(ws, plan):
    """The ids the database gives rows put back may be ids other rows of the same step had."""
    aid = plan.appendices[1].id
    before = content(ws, plan.id)
    pasted = rows.insert(ws, rows.TASKS, aid, [Task(content="A", subtasks=(Task(content="A.1"),)), Task(content="B")])
    after = content(ws, plan.id)
    step = pasted
    for _ in range(3):
        step = step.undo(ws)
        assert content(ws, plan.id) == before
        step = step.undo(ws)
        assert content(ws, plan.id) == after
    # a row added later under A, at the top: the order of the ids is no longer the order of the rows
    first = tasks_of(ws.plan(plan.id), 1)[2]
    rows.insert(ws, rows.TASKS, aid, [Task(content="A.0")], first.id, 0)
    a_id = first.id
    removed = rows.remove(ws, rows.TASKS, [t.id for t in tasks_of(ws.plan(plan.id), 1)[2:]])
    removed.undo(ws)
    rows.set_fields(ws, rows.TASKS, a_id, note="ghi chú của A")
    assert [(t.content, t.note) for t in tasks_of(ws.plan(plan.id), 1)[2:]] == [("A", "ghi chú của A"), ("B", "")]


def test_a_pasted_copy_of_a_row_leaves_the_original_where_its_id_points(ws, plan):
    original = tasks_of(plan)[0]
    copy = rows.snapshot(ws, rows.TASKS, original.id)  # what a copy holds, ids included
    pasted = rows.insert(ws, rows.TASKS, plan.appendices[0].id, [copy], position=1)
    assert pasted.created != original.id
    rows.set_fields(ws, rows.TASKS, original.id, content="Bản gốc đã sửa")
    assert [t.content for t in tasks_of(ws.plan(plan.id))[:2]] == ["Bản gốc đã sửa", original.content]


def test_a_redone_paste_keeps_the_ids_later_steps_hold(ws, plan):
    aid = plan.appendices[1].id
    pasted = rows.insert(ws, rows.TASKS, aid, [Task(content="A", subtasks=(Task(content="A.1"),)), Task(content="B")])
    b = tasks_of(ws.plan(plan.id), 1)[3]
    edit = rows.set_fields(ws, rows.TASKS, b.id, note="ghi chú của B")
    unpaste = edit.undo(ws), pasted.undo(ws)
    unpaste[1].undo(ws)  # the paste again
    unpaste[0].undo(ws)  # the edit again: on B
    assert [(t.content, t.note) for t in iter_tasks(tasks_of(ws.plan(plan.id), 1)[2:])] == [
        ("A", ""),
        ("A.1", ""),
        ("B", "ghi chú của B"),
    ]


def test_a_row_named_twice_is_removed_once(ws, plan):
    """A selection of several cells of one row names the row once per cell."""
    row = tasks_of(plan, 1)[0]
    changes, *_ = round_trip(ws, lambda: rows.remove(ws, rows.TASKS, [row.id, row.id]), _content(plan.id))
    assert changes.ids == {row.id} and changes.label == "Xóa nhiệm vụ"


def test_insert_under_a_row_of_another_table_is_refused(ws, plan):
    """The row would be stored in one table under a parent of the other: in neither when shown."""
    before = content(ws, plan.id)
    other_table_row = tasks_of(plan, 1)[0]
    with pytest.raises(InvalidInput, match="cùng một bảng"):
        rows.insert(ws, rows.TASKS, plan.appendices[0].id, [Task(content="lạc")], other_table_row.id)
    other = ws.db.insert_plan(rich_plan())
    with pytest.raises(InvalidInput, match="cùng một bảng"):
        rows.insert(ws, rows.SECTIONS, plan.id, [Section("lạc")], ws.plan(other).sections[0].id)
    assert content(ws, plan.id) == before and ws.db.list_plans()[-1].tasks == 10


@pytest.mark.parametrize("picked", [(6, 1, 3), (0, 7), (2, 3, 4), (7, 5, 0, 2), tuple(range(8))])
def test_removing_scattered_siblings_keeps_the_others_in_order_and_undo_puts_each_back(ws, picked):
    eight = tuple(Task(area="procedures", content=f"Việc {n}") for n in range(8))
    pid = ws.db.insert_plan(Plan(year=2027, summary="Tám việc", appendices=(Appendix(title="PL", tasks=eight),)))
    ids = [t.id for t in tasks_of(ws.plan(pid))]
    before = stored(ws, pid)
    changes = rows.remove(ws, rows.TASKS, [ids[n] for n in picked])
    left = tasks_of(stored(ws, pid))
    assert [t.content for t in left] == [f"Việc {n}" for n in range(8) if n not in picked]
    assert [ws.db.locate(rows.TASKS.storage(ws), t.id).position for t in left] == list(range(len(left)))
    undone = changes.undo(ws)
    assert stored(ws, pid) == before and undone.ids == set(ids[n] for n in picked)
