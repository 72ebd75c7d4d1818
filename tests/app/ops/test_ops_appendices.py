"""app.ops.appendices on a real file: settings, add, delete (with a backup), move — each with its
Changes, and an undo that puts the stored plan back exactly."""

from __future__ import annotations

import pytest
from ops_helpers import content, round_trip, stored

from app.errors import InvalidInput, NotFound
from app.model import Appendix, Plan, Task, iter_tasks
from app.ops import appendices, rows
from app.ops.changes import NOTHING, Part


def _stored(plan_id):
    return lambda ws: stored(ws, plan_id)


def test_settings(ws, plan):
    a = plan.appendices[0]
    changes, undone, redone = round_trip(
        ws,
        lambda: appendices.set_settings(
            ws, a.id, title="Nhiệm vụ trọng tâm", columns=("content", "lead", "timeline"), headers={"lead": "Chủ trì"}
        ),
        _stored(plan.id),
    )
    assert changes.plan_id == plan.id and changes.parts == {Part.APPENDICES} and changes.appendix_ids == {a.id}
    assert changes.fields == {"title", "columns", "headers"} and changes.label == "Sửa phụ lục"
    assert undone.appendix_ids == redone.appendix_ids == {a.id}
    now = ws.plan(plan.id).appendices[0]
    assert now.title == "Nhiệm vụ trọng tâm" and now.header_for("lead") == "Chủ trì"
    changes, *_ = round_trip(
        ws, lambda: appendices.set_settings(ws, a.id, group_by_area=False, area="institutions"), _stored(plan.id)
    )
    assert changes.fields == {"group_by_area", "area"}


def test_settings_unchanged_or_invalid(ws, plan):
    a, _, t = plan.appendices
    before = stored(ws, plan.id)
    assert appendices.set_settings(ws, a.id, title=a.title) is NOTHING
    for columns in ((), ("content", "content"), ("content", "colour")):
        with pytest.raises(InvalidInput, match="Danh sách cột"):
            appendices.set_settings(ws, a.id, columns=columns)
    with pytest.raises(InvalidInput):
        appendices.set_settings(ws, t.id, columns=("content", "product"))  # not a target column
    with pytest.raises(NotFound):
        appendices.set_settings(ws, 99999, title="x")
    assert stored(ws, plan.id) == before


def test_add_a_task_appendix_and_a_first_targets_appendix(ws, plan):
    changes, undone, redone = round_trip(
        ws, lambda: appendices.add(ws, plan.id, appendices.new_appendix("tasks"), position=1), _stored(plan.id)
    )
    assert changes.plan_id == plan.id and changes.parts == {Part.APPENDICES}
    assert changes.created is not None and changes.appendix_ids == {changes.created}
    assert changes.label == "Thêm phụ lục nhiệm vụ"
    assert ws.plan(plan.id).appendices[1].id == redone.created == changes.created  # it keeps its id
    assert not ws.paths.backups.exists()  # taking an added appendix away needs no backup
    with pytest.raises(InvalidInput, match="chỉ cần một bảng chỉ tiêu"):
        appendices.add(ws, plan.id, appendices.new_appendix("targets"))
    with pytest.raises(InvalidInput, match="bảng nhiệm vụ hoặc bảng chỉ tiêu"):
        appendices.add(ws, plan.id, Appendix(kind="notes"))
    appendices.delete(ws, plan.appendices[2].id)
    changes, *_ = round_trip(
        ws, lambda: appendices.add(ws, plan.id, appendices.new_appendix("targets")), _stored(plan.id)
    )
    assert changes.label == "Thêm phụ lục chỉ tiêu"
    assert ws.plan(plan.id).appendices[-1].kind == "targets"


def test_delete_with_its_tasks_backs_up_and_puts_back_in_place(ws, plan):
    a = plan.appendices[0]
    changes, undone, redone = round_trip(ws, lambda: appendices.delete(ws, a.id), _stored(plan.id))
    assert changes.plan_id == plan.id and changes.parts == {Part.APPENDICES} and changes.appendix_ids == {a.id}
    assert changes.label == "Xóa phụ lục" and undone.created == a.id
    assert [b.reason for b in ws.db.list_backups(ws.paths.backups)] == ["xoa-phu-luc"]  # the delete only
    assert [x.id for x in ws.plan(plan.id).appendices] == [plan.appendices[1].id, plan.appendices[2].id]


def test_older_steps_find_an_appendix_put_back_and_its_tasks(ws, plan):
    a = plan.appendices[0]
    original = content(ws, plan.id)
    edit = rows.set_fields(ws, rows.TASKS, a.tasks[1].subtasks[0].id, note="ghi chú")
    removed = rows.remove(ws, rows.TASKS, [a.tasks[3].id])
    added = rows.insert(ws, rows.TASKS, a.id, [Task(content="Mới")], position=0)
    settings = appendices.set_settings(ws, a.id, title="Đổi tên")
    deleted = appendices.delete(ws, a.id)
    for step in (deleted, settings, added, removed, edit):
        step.undo(ws)
    assert content(ws, plan.id) == original
    assert stored(ws, plan.id) == plan  # every id as it was


def test_move(ws, plan):
    a = plan.appendices[0]
    changes, undone, _ = round_trip(ws, lambda: appendices.move(ws, a.id, 2), _stored(plan.id))
    assert (
        changes.parts == {Part.APPENDICES} and changes.appendix_ids == {a.id} and changes.label == "Di chuyển phụ lục"
    )
    assert ws.plan(plan.id).appendices[2].id == a.id
    assert appendices.move(ws, a.id, 2) is NOTHING
    assert appendices.move(ws, a.id, 9).empty  # past the end is the end, where it is


def test_an_appendix_put_back_whose_ids_another_plan_took(ws, plan):
    """The newest appendix and tasks deleted, then a plan made (not undoable): the database gives
    the appendices' ids away (task ids never); the appendix comes back with new ids and the other
    plan keeps its own."""
    digital, targets = plan.appendices[1], plan.appendices[2]
    original = content(ws, plan.id)
    gone = [appendices.delete(ws, targets.id), appendices.delete(ws, digital.id)]
    other = ws.db.insert_plan(
        Plan(2028, appendices=(Appendix(tasks=(Task(content="X"), Task(content="Y"), Task(content="Z"))),) * 2)
    )
    theirs = ws.plan(other).appendices
    assert {a.id for a in theirs} == {digital.id, targets.id}
    # task ids are never given again (schema 8): only the appendices' ids were taken
    assert not {t.id for a in theirs for t in a.tasks} & {t.id for t in iter_tasks(digital.tasks)}
    for step in reversed(gone):
        step.undo(ws)
    assert content(ws, plan.id) == original
    appendices.set_settings(ws, theirs[1].id, title="Của kế hoạch kia")
    rows.set_fields(ws, rows.TASKS, theirs[0].tasks[0].id, note="của kế hoạch kia")
    assert content(ws, plan.id) == original
    assert ws.plan(other).appendices[1].title == "Của kế hoạch kia"
    assert ws.plan(other).appendices[0].tasks[0].note == "của kế hoạch kia"
