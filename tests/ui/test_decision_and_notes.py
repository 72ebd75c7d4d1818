"""Issue by decision, the decision form, the period, footnote numbering, and footnotes in the editors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from app.model import Period
from ui.dialogs.export import ExportDialog
from ui.editors.decision_form import article_lines
from ui.editors.fields import NOTE_TEXT, insert_note
from ui.models.table import with_note_marks


def test_issue_by_decision_toggle_form_and_undo(window, reopen):
    form = window.header_form
    dec = form.decision
    pid = window.session.plan_id
    assert not dec.issue.isChecked() and dec.box.isHidden()
    dec.issue.setChecked(True)
    plan = reopen(pid)
    assert plan.decision is not None and len(plan.decision.articles) == 3
    assert window.session.stack.undoText() == "Ban hành kèm theo quyết định"
    assert not dec.box.isHidden()
    assert dec.articles.toPlainText().startswith("Ban hành kèm theo Quyết định này")

    dec.number.setText("15")
    dec.number.editingFinished.emit()
    dec.day.setValue(0)
    dec.month.setValue(12)
    dec.month.editingFinished.emit()
    dec.articles.setPlainText("Điều 1. Ban hành kế hoạch.\n\nQuyết định này có hiệu lực kể từ ngày ký.")
    dec.articles.editingFinished.emit()
    dec.bases.setPlainText("Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Kế hoạch số 9/KH-UBND;")
    dec.bases.editingFinished.emit()
    dec.name.setText("Lê Văn Bình")
    dec.name.editingFinished.emit()
    dec.recipients.setPlainText("Như Điều 3;\nLưu: VT.")
    dec.recipients.editingFinished.emit()
    d = reopen(pid).decision
    assert d.number == "15" and d.date.month == 12 and d.date.day is None
    assert d.articles == ("Ban hành kế hoạch.", "Quyết định này có hiệu lực kể từ ngày ký.")
    assert "Điều 2. Quyết định này" in dec.articles_preview.text()
    assert len(d.legal_bases) == 2 and d.signer.name == "Lê Văn Bình" and d.recipients[-1] == "Lưu: VT."

    # export dialog offers two files now
    ex = ExportDialog(window.session.plan, window.settings, window)
    assert ex.separate.isEnabled()
    ex.separate.setChecked(True)
    assert ex.request().separate is True
    ex.close()

    dec.issue.setChecked(False)
    assert reopen(pid).decision is None and dec.box.isHidden()
    window.session.stack.undo()
    assert reopen(pid).decision.number == "15" and dec.issue.isChecked()
    while window.session.stack.canUndo():
        window.session.stack.undo()
    assert reopen(pid).decision is None
    assert not dec.issue.isChecked()


def test_switching_back_on_keeps_the_edited_decision(window, reopen):
    dec = window.header_form.decision
    dec.issue.setChecked(True)
    dec.number.setText("7")
    dec.number.editingFinished.emit()
    dec.issue.setChecked(False)
    dec.issue.setChecked(True)
    assert reopen(window.session.plan_id).decision.number == "7"


def test_export_dialog_separate_disabled_without_decision(window):
    ex = ExportDialog(window.session.plan, window.settings, window)
    assert not ex.separate.isEnabled()
    assert ex.request().separate is False
    ex.close()


def test_article_lines():
    assert article_lines("Điều 1. A\n  điều 2: B \n\nC") == ("A", "B", "C")


def test_period_and_footnotes_restart(window, reopen):
    dec = window.header_form.decision
    pid = window.session.plan_id
    year = window.session.plan.year
    dec.period.setText(f"{year}-{year + 4}")
    dec.period.editingFinished.emit()
    assert reopen(pid).period == Period(year, year + 4)
    dec.period.setText("2020-abc")
    dec.period.editingFinished.emit()
    assert "không đúng dạng" in window.session.last_error
    assert dec.period.text() == f"{year}-{year + 4}"  # reverted to what is stored
    window.error_box.close()
    dec.footnotes_restart.setChecked(True)
    assert reopen(pid).footnotes_restart is True
    window.session.stack.undo()
    assert reopen(pid).footnotes_restart is False
    window.session.stack.undo()
    assert reopen(pid).period is None and dec.period.text() == ""


def test_insert_note_in_paragraphs_and_line_edits(window, qtbot):
    sec = window.session.plan.sections[0]
    window.select_node(("section", sec.id))
    ed = window.section_editor
    ed.paragraphs.setPlainText("Luật mới")
    cursor = ed.paragraphs.textCursor()
    cursor.setPosition(4)
    ed.paragraphs.setTextCursor(cursor)
    ed.paragraphs.setFocus()
    qtbot.keyClick(ed.paragraphs, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert ed.paragraphs.toPlainText() == "Luật^[] mới"
    assert ed.paragraphs.textCursor().position() == 6
    ed.paragraphs.insertPlainText("Số 1")  # typed text (QTest cannot type non-Latin-1)
    assert ed.paragraphs.toPlainText() == "Luật^[Số 1] mới"
    assert ed.note_action.text() == NOTE_TEXT
    line = QLineEdit("ab")
    line.setCursorPosition(1)
    insert_note(line)
    assert line.text() == "a^[]b" and line.cursorPosition() == 3


def test_cell_editor_note_and_superscript_display(window, qtbot, reopen):
    a = window.session.plan.appendices[1]
    window.select_node(("appendix", a.id))
    editor = window.task_editors[a.id]
    model = editor.model
    col = model.column_of("content")
    r = next(i for i, row in enumerate(model.rows) if row.task is not None)
    idx = model.index(r, col)
    editor.view.setCurrentIndex(idx)
    editor.view.edit(idx)
    cell = editor.view.indexWidget(idx) or editor.view.focusWidget()
    assert isinstance(cell, QPlainTextEdit)
    cell.setFocus()
    qtbot.keyClick(cell, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    cell.insertPlainText("Theo Nghị định 30")
    raw = cell.toPlainText()
    assert raw.endswith("^[Theo Nghị định 30]")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    assert model.data(idx, Qt.ItemDataRole.EditRole) == raw
    shown = model.data(idx, Qt.ItemDataRole.DisplayRole)
    assert "^[" not in shown and shown.endswith("¹")
    assert "Theo Nghị định 30" in model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert raw in [t.content for t in reopen(window.session.plan_id).appendices[1].tasks]


def test_note_marks_number_in_document_order():
    assert with_note_marks("a^[x] b^[y]", 2) == ("a³ b⁴", [(3, "x"), (4, "y")])
