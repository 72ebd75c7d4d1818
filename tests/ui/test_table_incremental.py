"""Row inserts, moves, indents, deletes, pastes and their undo and redo patch the task table in
place (rows inserted and removed, never a reset) and leave the same rows a reload of the file shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.numbering import task_rows
from app.templates import Agency

from given import new_plan as create_from_template

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def shown(model) -> list[tuple]:
    return [
        (r.kind, r.label, r.depth, r.task.id if r.task else r.area, r.task.content if r.task else r.title)
        for r in model.rows
    ]


def reloaded(stored, plan_id: int, appendix_id: int) -> list[tuple]:
    plan = stored(plan_id)
    a = next(a for a in plan.appendices if a.id == appendix_id)
    return [
        (r.kind, r.label, r.depth, r.task.id if r.task else r.area, r.task.content if r.task else r.title)
        for r in task_rows(plan, a)
    ]


def steps(lan):
    """What she does to the table, one key command (or a typed cell) at a time, each an undo step:
    a new task with two sub-tasks, the second moved up and back, indented and back, deleted, and
    two rows pasted."""

    def paste():
        QApplication.clipboard().setText("Dán một\tSản phẩm\nDán hai\tSản phẩm 2")
        lan.press(Qt.Key.Key_V, CTRL)

    def type_cell():
        lan.type("Nhiệm vụ mới thêm")
        lan.press(Qt.Key.Key_Return)

    return [
        lambda: lan.press(Qt.Key.Key_Insert),
        type_cell,
        lambda: lan.press(Qt.Key.Key_Insert, CTRL | SHIFT),
        lambda: lan.press(Qt.Key.Key_Insert),
        lambda: lan.press(Qt.Key.Key_Up, CTRL),
        lambda: lan.press(Qt.Key.Key_Down, CTRL),
        lambda: lan.press(Qt.Key.Key_Tab),
        lambda: lan.press(Qt.Key.Key_Backtab, SHIFT),
        lambda: lan.press(Qt.Key.Key_Delete),
        paste,
    ]


def edit_and_compare(window, lan, stored, outline_label: str) -> None:
    lan.click_outline(outline_label)
    editor = window.editors.current_task_editor()
    model = editor.model
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda *_: seen.append("insert"))
    model.rowsRemoved.connect(lambda *_: seen.append("remove"))
    lan.click_cell(editor.view, min(1, model.rowCount() - 1), 1)
    stack = window.runner.group.activeStack()
    depth = stack.count()
    for step in steps(lan):
        step()
        assert shown(model) == reloaded(stored, window.plan_id, editor.appendix_id)
    done = stack.count() - depth
    assert done == len(steps(lan))
    for _ in range(done):
        lan.undo()
        assert shown(model) == reloaded(stored, window.plan_id, editor.appendix_id)
    for _ in range(done):
        lan.redo()
        assert shown(model) == reloaded(stored, window.plan_id, editor.appendix_id)
    assert "reset" not in seen
    assert seen.count("insert") >= 4 and seen.count("remove") >= 4


def test_structure_edits_patch_every_appendix_and_match_a_reload(window, lan, stored):
    labels = [lan.outline().topLevelItem(i).text(0) for i in range(lan.outline().topLevelItemCount())]
    appendices = [label for label in labels if label.startswith("Phụ lục")]
    assert len(appendices) == 7
    for label in appendices:
        edit_and_compare(window, lan, stored, label)


def test_structure_edits_patch_a_table_grouped_by_area(prepare, start, person, stored):
    prepare(create_from_template, "ward-grouped", 2027, Agency("Ủy ban nhân dân phường Phú Sơn"))
    window = start()
    lan = person(window)
    assert window.plan_id == max(p.id for p in stored())
    assert any(r.kind == "group" for r in task_rows(stored(window.plan_id), stored(window.plan_id).appendices[0]))
    edit_and_compare(window, lan, stored, "Phụ lục I ")
