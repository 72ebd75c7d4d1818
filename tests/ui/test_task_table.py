"""The task table: cell edits, row structure, paste, copy, suggestions, undo/redo, and what the file
holds afterwards — all by mouse and keyboard."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from app.legacy_encoding import from_unicode
from app.model import iter_tasks

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
RETURN = Qt.Key.Key_Return


def open_appendix(lan, number: str = "II"):
    """Click "Phụ lục II" in the outline: its task table."""
    lan.click_outline(f"Phụ lục {number} ")
    editor = lan.window.editors.current_task_editor()
    assert editor is not None and editor.isVisible()
    return editor


def tasks(stored, plan_id: int, n: int = 1):
    return stored(plan_id).appendices[n].tasks


def contents(stored, plan_id: int, n: int = 1) -> list[str]:
    return [t.content for t in tasks(stored, plan_id, n)]


def edit_cell(lan, editor, row: int, key: str, text: str) -> None:
    """Double-click a cell, replace what it holds, Enter."""
    lan.click_cell(editor.view, row, editor.model.column_of(key), double=True)
    lan.select_all()
    lan.type(text)
    lan.press(RETURN)


def undo_steps(window) -> int:
    return window.runner.group.activeStack().count()


def test_cell_edit_patches_one_row_and_undoes(window, lan, stored, plan_id):
    editor = open_appendix(lan)
    model = editor.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    col = model.column_of("lead")
    old = model.index(0, col).data()
    task_id = model.item(0).id

    edit_cell(lan, editor, 0, "lead", "Phòng Kinh tế")
    assert model.index(0, col).data() == "Phòng Kinh tế"
    assert resets == []  # a plain edit does not reload the table
    assert window.saved_label.text().startswith("Đã lưu tự động lúc")
    assert window.menu_actions.undo.text() == "Hoàn tác Sửa ô"  # the entry of the "Sửa" menu
    assert lan.undo_text() == "Sửa ô"
    assert tasks(stored, plan_id)[0].lead == "Phòng Kinh tế"

    lan.press(Qt.Key.Key_Z, CTRL)
    assert model.index(0, col).data() == old
    lan.press(Qt.Key.Key_Y, CTRL)
    assert model.index(0, col).data() == "Phòng Kinh tế"
    lan.press(Qt.Key.Key_Z, CTRL)
    assert next(t for t in iter_tasks(tasks(stored, plan_id)) if t.id == task_id).lead == old
    assert resets == []


def test_decomposed_input_is_stored_composed_and_a_same_value_edit_is_ignored(window, lan, stored, plan_id):
    editor = open_appendix(lan)
    nfd = unicodedata.normalize("NFD", "Quý I/2027")
    assert nfd != "Quý I/2027"
    edit_cell(lan, editor, 0, "budget", nfd)
    assert editor.model.index(0, editor.model.column_of("budget")).data() == "Quý I/2027"
    assert tasks(stored, plan_id)[0].budget == "Quý I/2027"
    steps = undo_steps(window)
    edit_cell(lan, editor, 0, "budget", "Quý I/2027")
    assert undo_steps(window) == steps


def test_add_move_indent_delete_with_undo_redo(window, lan, stored, plan_id):
    editor = open_appendix(lan)
    model, view = editor.model, editor.view
    before = contents(stored, plan_id)
    n = len(before)

    lan.click_cell(view, 0, 1)
    lan.press(Qt.Key.Key_Insert)
    assert lan.undo_text() == "Thêm nhiệm vụ"
    assert model.rowCount() == n + 1
    assert editor.current_row() == 1 and model.item(1).content == ""
    lan.type("Nhiệm vụ mới thêm")  # typing on the new row's cell opens it
    lan.press(RETURN)
    assert contents(stored, plan_id)[1] == "Nhiệm vụ mới thêm"

    lan.press(Qt.Key.Key_Down, CTRL)
    assert lan.undo_text() == "Di chuyển dòng"
    assert contents(stored, plan_id)[2] == "Nhiệm vụ mới thêm"
    assert model.item(editor.current_row()).content == "Nhiệm vụ mới thêm"

    lan.press(Qt.Key.Key_Tab)
    assert lan.undo_text() == "Lùi vào"
    assert [t.content for t in tasks(stored, plan_id)[1].subtasks] == ["Nhiệm vụ mới thêm"]
    assert model.index(2, 0).data() == "2.1"

    lan.press(Qt.Key.Key_Delete)
    assert lan.undo_text() == "Xóa nhiệm vụ"
    assert contents(stored, plan_id) == before
    assert not tasks(stored, plan_id)[1].subtasks

    # Undo the five steps one by one, then redo them all.
    lan.undo()  # the delete
    assert [t.content for t in tasks(stored, plan_id)[1].subtasks] == ["Nhiệm vụ mới thêm"]
    assert model.index(2, 0).data() == "2.1"
    lan.undo()  # the indent
    assert contents(stored, plan_id)[2] == "Nhiệm vụ mới thêm"
    lan.undo()  # the move
    assert contents(stored, plan_id)[1] == "Nhiệm vụ mới thêm"
    lan.undo()  # the typing
    assert contents(stored, plan_id)[1] == ""
    lan.undo()  # the new row
    assert contents(stored, plan_id) == before
    assert not lan.can_undo() and model.rowCount() == n
    for _ in range(5):
        lan.redo()
    assert contents(stored, plan_id) == before
    lan.undo()
    assert [t.content for t in tasks(stored, plan_id)[1].subtasks] == ["Nhiệm vụ mới thêm"]


def test_delete_with_subtasks_and_undo_restores_the_tree(window, lan, stored, plan_id):
    editor = open_appendix(lan)
    first = tasks(stored, plan_id)[0]
    lan.click_cell(editor.view, 0, 1)
    lan.press(Qt.Key.Key_Insert, CTRL | SHIFT)  # a sub-task
    assert lan.undo_text() == "Thêm nhiệm vụ con"
    lan.press(Qt.Key.Key_Insert)  # a second one, after the first
    assert len(tasks(stored, plan_id)[0].subtasks) == 2
    lan.click_cell(editor.view, 0, 1)
    lan.press(Qt.Key.Key_Delete)
    assert tasks(stored, plan_id)[0].content != first.content
    lan.press(Qt.Key.Key_Z, CTRL)
    restored = tasks(stored, plan_id)[0]
    assert restored.content == first.content and len(restored.subtasks) == 2
    assert [editor.model.index(r, 0).data() for r in range(3)] == ["1", "1.1", "1.2"]


def test_paste_two_rows_after_the_last(window, lan, stored, plan_id):
    editor = open_appendix(lan)
    model = editor.model
    n = model.rowCount()
    lan.click_cell(editor.view, n - 1, 1)
    QApplication.clipboard().setText(
        "1\tRà soát thủ tục hành chính\tBáo cáo\tVăn phòng HĐND và UBND\tCông an\tQuý I/2027\tNgân sách\r\n"
        '2\t"Số hóa hồ sơ\nđã giải quyết"\tDữ liệu số\tTrung tâm Phục vụ hành chính công\t\tQuý II/2027\t\r\n'
    )
    lan.press(Qt.Key.Key_V, CTRL)
    assert lan.undo_text() == "Dán 2 dòng"
    assert model.rowCount() == n + 2
    saved = tasks(stored, plan_id)
    assert saved[-2].content == "Rà soát thủ tục hành chính"
    assert saved[-2].lead == "Văn phòng HĐND và UBND" and saved[-2].timeline == "Quý I/2027"
    assert saved[-1].content == "Số hóa hồ sơ\nđã giải quyết" and saved[-1].partners == ""
    lan.undo()
    assert model.rowCount() == n and len(tasks(stored, plan_id)) == n
    lan.redo()
    assert model.rowCount() == n + 2 and contents(stored, plan_id)[-1] == "Số hóa hồ sơ\nđã giải quyết"


def test_copy_puts_the_row_on_the_clipboard_and_paste_copies_it(window, lan, stored, plan_id):
    editor = open_appendix(lan)
    first = tasks(stored, plan_id)[0]
    lan.click_cell(editor.view, 0, 1)
    lan.press(Qt.Key.Key_C, CTRL)
    text = QApplication.clipboard().text()
    assert text.startswith(first.content) or text.startswith('"')
    assert text.rstrip("\r\n").split("\t")[-1] == getattr(first, editor.model.columns[-1])
    lan.press(Qt.Key.Key_V, CTRL)
    copy = tasks(stored, plan_id)[1]
    assert [getattr(copy, k) for k in editor.model.columns] == [getattr(first, k) for k in editor.model.columns]


def test_keyboard_shortcuts(window, lan):
    editor = open_appendix(lan)
    model = editor.model
    n = model.rowCount()
    lan.click_cell(editor.view, 1, 1)
    lan.press(Qt.Key.Key_Insert)
    assert model.rowCount() == n + 1
    lan.press(Qt.Key.Key_Tab)
    assert lan.undo_text() == "Lùi vào"
    lan.press(Qt.Key.Key_Backtab, SHIFT)
    assert lan.undo_text() == "Lùi ra"
    lan.press(Qt.Key.Key_Up, CTRL)
    assert lan.undo_text() == "Di chuyển dòng"
    lan.press(Qt.Key.Key_Delete)
    assert model.rowCount() == n
    lan.press(Qt.Key.Key_Z, CTRL)
    assert model.rowCount() == n + 1


def test_unikey_letter_starts_editing_with_the_composed_letter(window, lan):
    editor = open_appendix(lan)
    lan.click_cell(editor.view, 0, editor.model.column_of("product"))
    lan.type("đ")  # Unikey sends a key event with key()==0 and the composed letter
    cell = QApplication.focusWidget()
    assert cell is not editor.view and isinstance(cell, QPlainTextEdit)
    assert cell.toPlainText().endswith("đ")
    lan.press(Qt.Key.Key_Escape)


def test_timeline_suggests_this_years_usual_forms(window, lan, qtbot):
    editor = open_appendix(lan)
    lan.click_cell(editor.view, 0, editor.model.column_of("timeline"), double=True)
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    lan.select_all()
    lan.type("Thường")
    popup = cell.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offers = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert "Thường xuyên trong năm 2027" in offers
    lan.press(Qt.Key.Key_Escape, widget=popup)
    lan.press(Qt.Key.Key_Escape, widget=cell)


def test_product_cell_suggests_products_used_before(window, lan, stored, plan_id, qtbot):
    editor = open_appendix(lan)
    lan.click_cell(editor.view, 0, editor.model.column_of("product"), double=True)
    cell = QApplication.focusWidget()
    assert isinstance(cell, QPlainTextEdit)
    lan.select_all()
    lan.type("Báo cáo")
    popup = cell.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    offers = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offers and all("\n" not in p and "báo cáo" in p.lower() for p in offers)
    lan.click_cell(popup, 0, 0)
    assert cell.toPlainText() == offers[0]
    lan.press(RETURN, widget=cell)
    assert tasks(stored, plan_id)[0].product == offers[0]


def test_paste_of_tcvn3_text_is_offered_as_unicode(window, lan, stored, plan_id):
    editor = open_appendix(lan)
    before = editor.model.rowCount()
    lan.click_cell(editor.view, 0, 1)
    asked = []
    QApplication.clipboard().setText(from_unicode("Rà soát thủ tục hành chính\tBáo cáo kết quả", "tcvn3"))
    lan.when_asked("Chuyển sang Unicode", then=lambda box: asked.append(box.text()))
    lan.press(Qt.Key.Key_V, CTRL)
    assert asked and "TCVN3" in asked[0] and "Rà soát thủ tục hành chính" in asked[0]
    assert editor.model.rowCount() == before + 1
    assert contents(stored, plan_id)[1] == "Rà soát thủ tục hành chính"
    assert tasks(stored, plan_id)[1].product == "Báo cáo kết quả"

    QApplication.clipboard().setText(from_unicode("Kiểm tra công vụ", "tcvn3"))
    lan.when_asked("Hủy")
    lan.press(Qt.Key.Key_V, CTRL)  # cancel pastes nothing
    assert editor.model.rowCount() == before + 1
    assert len(tasks(stored, plan_id)) == before + 1
