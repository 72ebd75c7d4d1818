"""Row inserts, moves, indents, deletes and their undo patch the table in place: same rows as a reload."""

from __future__ import annotations

from app.numbering import task_rows
from ui.models import tasktree


def shown(model):
    return [
        (r.kind, r.label, r.depth, r.task.id if r.task else r.area, r.task.content if r.task else r.title)
        for r in model.rows
    ]


def reloaded(window, reopen, aid):
    plan = reopen(window.session.plan_id)
    a = next(a for a in plan.appendices if a.id == aid)
    return [
        (r.kind, r.label, r.depth, r.task.id if r.task else r.area, r.task.content if r.task else r.title)
        for r in task_rows(plan, a)
    ]


def structure_steps(editor):
    return [
        lambda: editor.add_row(child=False),
        lambda: editor.model.setData(editor.view.currentIndex(), "Nhiệm vụ mới thêm"),
        lambda: editor.add_row(child=True),
        lambda: editor.move(-1),
        lambda: editor.move(+1),
        lambda: editor.indent(True),
        lambda: editor.indent(False),
        lambda: editor.delete_rows(),
        lambda: editor.paste_rows("Dán một\tSản phẩm\nDán hai\tSản phẩm 2"),
    ]


def test_structure_edits_do_not_reset_and_match_a_reload(window, reopen):
    for a in window.session.plan.appendices:
        if a.kind != "tasks":
            continue
        window.select_node(("appendix", a.id))
        editor = window.task_editors[a.id]
        model = editor.model
        editor.view.setCurrentIndex(model.index(min(1, model.rowCount() - 1), 1))
        steps = structure_steps(editor)
        for step in steps:
            step()
            assert shown(model) == reloaded(window, reopen, a.id)
        stack = window.session.stack
        while stack.canUndo():
            stack.undo()
            assert shown(model) == reloaded(window, reopen, a.id)
        while stack.canRedo():
            stack.redo()
            assert shown(model) == reloaded(window, reopen, a.id)
        stack.clear()


def test_tasktree_helpers():
    from app.model import Task

    t = (Task(content="a", id=1, subtasks=(Task(content="b", id=2),)), Task(content="c", id=3))
    rest, gone = tasktree.remove(t, 2)
    assert gone.content == "b" and rest[0].subtasks == ()
    assert tasktree.insert(rest, gone, 3, 0)[1].subtasks[0].id == 2
    assert tasktree.insert(rest, gone, 99, 0) is None
    assert tasktree.find(t, 2).content == "b"
    assert tasktree.update(t, 2, {"content": "B"})[0].subtasks[0].content == "B"


def test_insert_move_undo_signal_rows_not_reset(window):
    a = window.session.plan.appendices[1]
    window.select_node(("appendix", a.id))
    editor = window.task_editors[a.id]
    model = editor.model
    seen = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda *_: seen.append("insert"))
    model.rowsRemoved.connect(lambda *_: seen.append("remove"))
    editor.view.setCurrentIndex(model.index(0, 1))
    editor.add_row()
    editor.move(+1)
    window.session.stack.undo()
    window.session.stack.undo()
    assert "reset" not in seen and seen.count("insert") >= 2 and seen.count("remove") >= 2
