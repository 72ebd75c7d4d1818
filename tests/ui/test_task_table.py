"""The task table: cell edits, row structure, paste, undo/redo, and what the file holds afterwards."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.model import iter_tasks


def open_appendix(window, n: int = 1):
    a = window.session.plan.appendices[n]
    assert window.select_node(("appendix", a.id))
    editor = window.stack.currentWidget()
    assert editor is window.task_editors[a.id]
    return editor, a.id


def contents(window, appendix_id):
    a = next(a for a in window.session.plan.appendices if a.id == appendix_id)
    return [t.content for t in a.tasks]


def test_cell_edit_patches_one_row_and_undoes(window, reopen):
    editor, aid = open_appendix(window)
    model = editor.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    col = model.column_of("lead")
    idx = model.index(0, col)
    assert model.setData(idx, "Phòng Kinh tế")
    assert model.data(idx) == "Phòng Kinh tế"
    assert resets == []  # a plain edit does not reload the table
    assert window.saved_label.text().startswith("Đã lưu tự động lúc")
    assert window.undo_action.text() == "Hoàn tác Sửa ô"
    task_id = model.item(0).id
    assert reopen(window.session.plan_id).appendices[1].tasks[0].lead == "Phòng Kinh tế"
    window.session.stack.undo()
    assert model.data(idx) != "Phòng Kinh tế"
    old = model.data(idx)
    window.session.stack.redo()
    assert model.data(idx) == "Phòng Kinh tế"
    window.session.stack.undo()
    assert (
        next(t for t in iter_tasks(reopen(window.session.plan_id).appendices[1].tasks) if t.id == task_id).lead == old
    )


def test_nfd_input_is_stored_nfc_and_noop_is_ignored(window):
    import unicodedata

    editor, _ = open_appendix(window)
    model = editor.model
    idx = model.index(0, model.column_of("note") or model.column_of("budget"))
    nfd = unicodedata.normalize("NFD", "Quý I/2027")
    assert model.setData(idx, nfd)
    assert model.data(idx) == "Quý I/2027"
    count = window.session.stack.count()
    assert not model.setData(idx, "Quý I/2027")
    assert window.session.stack.count() == count


def test_add_move_indent_delete_with_undo_redo(window, reopen):
    editor, aid = open_appendix(window)
    model = editor.model
    stack = window.session.stack
    before = contents(window, aid)
    n = len(before)

    editor.view.setCurrentIndex(model.index(0, 1))
    editor.add_row()
    assert stack.undoText() == "Thêm nhiệm vụ"
    assert model.rowCount() == n + 1
    new_row = editor.current_row()
    assert new_row == 1 and model.item(1).content == ""
    assert model.setData(model.index(1, 1), "Nhiệm vụ mới thêm")
    assert contents(window, aid)[1] == "Nhiệm vụ mới thêm"

    editor.move(+1)
    assert stack.undoText() == "Di chuyển dòng"
    assert contents(window, aid)[2] == "Nhiệm vụ mới thêm"
    assert model.item(editor.current_row()).content == "Nhiệm vụ mới thêm"

    editor.indent(True)
    assert stack.undoText() == "Lùi vào"
    parent = window.session.plan.appendices[1].tasks[1]
    assert [t.content for t in parent.subtasks] == ["Nhiệm vụ mới thêm"]
    assert model.rows[2].label == "2.1"

    editor.delete_rows()
    assert stack.undoText() == "Xóa nhiệm vụ"
    assert contents(window, aid) == before
    assert not window.session.plan.appendices[1].tasks[1].subtasks

    # Undo all four, checking each step, then redo all.
    stack.undo()  # delete
    assert [t.content for t in window.session.plan.appendices[1].tasks[1].subtasks] == ["Nhiệm vụ mới thêm"]
    stack.undo()  # indent (on the re-inserted row: its id changed)
    assert contents(window, aid)[2] == "Nhiệm vụ mới thêm"
    stack.undo()  # move
    assert contents(window, aid)[1] == "Nhiệm vụ mới thêm"
    stack.undo()  # cell edit
    stack.undo()  # add
    assert contents(window, aid) == before
    for _ in range(5):
        stack.redo()
    assert contents(window, aid) == before
    stack.undo()
    assert [t.content for t in reopen(window.session.plan_id).appendices[1].tasks[1].subtasks] == ["Nhiệm vụ mới thêm"]


def test_delete_with_subtasks_and_undo_restores_the_tree(window, reopen):
    editor, aid = open_appendix(window)
    model = editor.model
    editor.view.setCurrentIndex(model.index(0, 1))
    editor.add_row(child=True)
    editor.add_row(child=False)  # sibling of the child
    assert len(window.session.plan.appendices[1].tasks[0].subtasks) == 2
    first = window.session.plan.appendices[1].tasks[0]
    editor.view.setCurrentIndex(model.index(0, 1))
    editor.delete_rows()
    assert window.session.plan.appendices[1].tasks[0].content != first.content
    window.session.stack.undo()
    restored = reopen(window.session.plan_id).appendices[1].tasks[0]
    assert restored.content == first.content and len(restored.subtasks) == 2


def test_paste_two_tab_separated_rows(window, reopen):
    editor, aid = open_appendix(window)
    model = editor.model
    n = model.rowCount()
    editor.view.setCurrentIndex(model.index(n - 1, 1))
    text = (
        "1\tRà soát thủ tục hành chính\tBáo cáo\tVăn phòng HĐND và UBND\tCông an\tQuý I/2027\tNgân sách\r\n"
        '2\t"Số hóa hồ sơ\nđã giải quyết"\tDữ liệu số\tTrung tâm Phục vụ hành chính công\t\tQuý II/2027\t\r\n'
    )
    editor.paste_rows(text)
    assert window.session.stack.undoText() == "Dán 2 dòng"
    assert model.rowCount() == n + 2
    tasks = reopen(window.session.plan_id).appendices[1].tasks
    assert tasks[-2].content == "Rà soát thủ tục hành chính"
    assert tasks[-2].lead == "Văn phòng HĐND và UBND" and tasks[-2].timeline == "Quý I/2027"
    assert tasks[-1].content == "Số hóa hồ sơ\nđã giải quyết" and tasks[-1].partners == ""
    window.session.stack.undo()
    assert model.rowCount() == n
    assert len(reopen(window.session.plan_id).appendices[1].tasks) == n
    window.session.stack.redo()
    assert model.rowCount() == n + 2


def test_copy_puts_rows_on_clipboard(window, qapp):
    editor, _ = open_appendix(window)
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    editor.copy_rows()
    text = qapp.clipboard().text()
    first = editor.model.item(0)
    assert text.startswith(first.content) or text.startswith('"')
    assert text.rstrip("\r\n").split("\t")[-1] == getattr(first, editor.model.columns[-1])


def test_keyboard_shortcuts(window, qtbot):
    editor, aid = open_appendix(window)
    model = editor.model
    n = model.rowCount()
    editor.view.setFocus()
    editor.view.setCurrentIndex(model.index(1, 1))
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    assert model.rowCount() == n + 1
    qtbot.keyClick(editor.view, Qt.Key.Key_Tab)
    assert window.session.stack.undoText() == "Lùi vào"
    qtbot.keyClick(editor.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.stack.undoText() == "Lùi ra"
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.session.stack.undoText() == "Di chuyển dòng"
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert model.rowCount() == n
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == n + 1


def test_unikey_event_starts_editing_with_the_composed_letter(window, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    editor, _ = open_appendix(window)
    model = editor.model
    editor.view.setFocus()
    editor.view.setCurrentIndex(model.index(0, model.column_of("product")))
    ev = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "đ")
    QApplication.sendEvent(editor.view, ev)
    w = QApplication.focusWidget()
    assert w is not editor.view
    text = w.toPlainText() if hasattr(w, "toPlainText") else w.text()
    assert text.endswith("đ"), text


def test_product_and_timeline_suggest_values_used_before(qtbot, tmp_path):
    from app.templates import Agency
    from app.usecases.plans import create_from_template
    from storage.db import open_store
    from ui.main_window import MainWindow

    store = open_store(tmp_path / "s.db")
    pid = create_from_template(store, "ward-annual", 2027, Agency("Phường Phú Sơn"))
    window = MainWindow(store, pid)
    qtbot.addWidget(window)
    editor = window.appendix_editor(window.session.plan.appendices[0].id)
    products = editor._suggestions("product")
    assert products and all("\n" not in p for p in products)
    timelines = editor._suggestions("timeline")
    assert timelines[0] == "Quý I/2027" and "Thường xuyên trong năm 2027" in timelines
    window.close()
    store.close()


def test_paste_of_tcvn3_text_is_offered_as_unicode(window):
    from app.legacy_encoding import from_unicode

    editor, _ = open_appendix(window)
    asked = []
    editor.ask_legacy = lambda message: asked.append(message) or True
    before = editor.model.rowCount()
    editor.paste_rows(from_unicode("Rà soát thủ tục hành chính\tBáo cáo kết quả", "tcvn3"))
    assert asked and "TCVN3" in asked[0] and "Rà soát thủ tục hành chính" in asked[0]
    assert editor.model.rowCount() == before + 1
    contents = [t.content for a in window.session.plan.appendices for t in a.tasks]
    assert "Rà soát thủ tục hành chính" in contents
    # Cancel pastes nothing.
    editor.ask_legacy = lambda message: None
    editor.paste_rows(from_unicode("Kiểm tra công vụ", "tcvn3"))
    assert editor.model.rowCount() == before + 1


def test_product_cell_suggests_products_used_before(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from ui.editors.delegates import CompletingTextEdit

    editor, _ = open_appendix(window)
    model = editor.model
    index = model.index(0, model.column_of("product"))
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    cell = QApplication.focusWidget()
    assert isinstance(cell, CompletingTextEdit)
    cell.setPlainText("")
    cell.insertPlainText("Báo cáo")  # as typed (Unikey sends composed letters as text)
    assert cell.completer.completionCount() > 0
    first = cell.completer.currentCompletion()
    cell.insert_completion(first)
    assert cell.toPlainText() == first
