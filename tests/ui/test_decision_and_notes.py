"""Issue by decision, the decision form, the period, footnote numbering, and footnotes typed in the
editors (Ctrl+Alt+F) and shown as superscripts."""

from __future__ import annotations

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QMessageBox, QPlainTextEdit

from app.model import Period
from ui.editors.decision_form import article_lines
from ui.editors.fields import NOTE_TEXT
from ui.models.table import with_note_marks

CTRL = Qt.KeyboardModifier.ControlModifier
NOTE_KEYS = (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)


def header(lan):
    lan.click_outline("Thông tin chung")
    return lan.window.editors.header_form


def fill(lan, form, field, text: str) -> None:
    """Scroll to a field of the form, click it, type over it and leave it with Tab."""
    if hasattr(form, "ensureWidgetVisible"):
        form.ensureWidgetVisible(field)
    lan.click(field)
    lan.select_all()
    lan.type(text)
    lan.press(Qt.Key.Key_Tab)


def tick(lan, form, box: QCheckBox) -> None:
    form.ensureWidgetVisible(box)
    lan.click(box)


def test_issue_by_decision_the_form_the_export_and_undo(window, lan, stored, plan_id, tmp_path, qtbot):
    form = header(lan)
    dec = form.decision
    assert not dec.issue.isChecked() and dec.box.isHidden()
    tick(lan, form, dec.issue)
    plan = stored(plan_id)
    assert plan.decision is not None and len(plan.decision.articles) == 3
    assert lan.undo_text() == "Ban hành kèm theo quyết định"
    assert not dec.box.isHidden()
    assert dec.articles.toPlainText().startswith("Ban hành kèm theo Quyết định này")

    fill(lan, form, dec.number, "15")
    form.ensureWidgetVisible(dec.day)
    lan.click(dec.day)
    lan.press(Qt.Key.Key_PageDown)  # the day left blank for the clerk
    lan.press(Qt.Key.Key_Tab)
    fill(lan, form, dec.month, "12")
    fill(lan, form, dec.articles, "Điều 1. Ban hành kế hoạch.\n\nQuyết định này có hiệu lực kể từ ngày ký.")
    fill(lan, form, dec.bases, "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Kế hoạch số 9/KH-UBND;")
    fill(lan, form, dec.name, "Lê Văn Bình")
    fill(lan, form, dec.recipients, "Như Điều 3;\nLưu: VT.")
    d = stored(plan_id).decision
    assert d.number == "15" and d.date.month == 12 and d.date.day is None
    assert d.articles == ("Ban hành kế hoạch.", "Quyết định này có hiệu lực kể từ ngày ký.")
    assert "Điều 2. Quyết định này" in dec.articles_preview.text()
    assert len(d.legal_bases) == 2 and d.signer.name == "Lê Văn Bình" and d.recipients[-1] == "Lưu: VT."

    # The export offers two files now: the decision, and the plan in "…-ke-hoach".
    lan.press(Qt.Key.Key_E, CTRL)
    export = lan.dialog("Xuất văn bản")
    assert export.separate.isEnabled()
    lan.click(export.separate)
    for box in export.panel.checks.values():
        if box.isChecked() != (box is export.panel.checks["docx"]):
            lan.click(box)
    out = tmp_path / "xuat"
    fill(lan, export, export.panel.folder, str(out))
    base = export.panel.name.text()
    lan.click("Xuất", within=export)
    qtbot.waitUntil(lambda: (out / f"{base}-ke-hoach.docx").exists() and export.open_button.isEnabled(), timeout=20000)
    assert sorted(p.name for p in out.iterdir()) == [f"{base}-ke-hoach.docx", f"{base}.docx"]
    decision = Document(out / f"{base}.docx")
    decision_text = "\n".join(p.text for p in decision.paragraphs)
    signature = "\n".join(c.text for t in decision.tables for r in t.rows for c in r.cells)
    assert "Điều 1. Ban hành kế hoạch." in decision_text and "Lê Văn Bình" in signature
    lan.click("Đóng", within=export)

    tick(lan, form, dec.issue)
    assert stored(plan_id).decision is None and dec.box.isHidden()
    lan.undo()
    assert stored(plan_id).decision.number == "15" and dec.issue.isChecked()
    while lan.can_undo():
        lan.undo()
    assert stored(plan_id).decision is None
    assert not dec.issue.isChecked() and dec.box.isHidden()


def test_switching_back_on_keeps_the_edited_decision(window, lan, stored, plan_id):
    form = header(lan)
    dec = form.decision
    tick(lan, form, dec.issue)
    fill(lan, form, dec.number, "7")
    tick(lan, form, dec.issue)
    assert stored(plan_id).decision is None
    tick(lan, form, dec.issue)
    assert stored(plan_id).decision.number == "7"
    assert dec.number.text() == "7"


def test_export_offers_no_separate_files_without_a_decision(window, lan):
    lan.press(Qt.Key.Key_E, CTRL)
    export = lan.dialog("Xuất văn bản")
    assert not export.separate.isEnabled()
    assert "quyết định" in export.separate.toolTip()
    lan.click("Đóng", within=export)


def test_article_lines():
    assert article_lines("Điều 1. A\n  điều 2: B \n\nC") == ("A", "B", "C")


def test_period_and_footnotes_restart(window, lan, stored, plan_id):
    form = header(lan)
    dec = form.decision
    year = stored(plan_id).year
    fill(lan, form, dec.period, f"{year}-{year + 4}")
    assert stored(plan_id).period == Period(year, year + 4)
    fill(lan, form, dec.period, "2020-abc")
    box = lan.dialog()
    assert isinstance(box, QMessageBox) and "không đúng dạng" in box.text()
    assert dec.period.text() == f"{year}-{year + 4}"  # back to what is stored
    lan.click("Đóng", within=box)
    assert stored(plan_id).period == Period(year, year + 4)

    tick(lan, form, dec.footnotes_restart)
    assert stored(plan_id).footnotes_restart is True
    lan.undo()
    assert stored(plan_id).footnotes_restart is False and not dec.footnotes_restart.isChecked()
    lan.undo()
    assert stored(plan_id).period is None and dec.period.text() == ""


def test_a_multi_year_plan_without_a_decision_shows_and_keeps_its_period(prepare, start, person, stored):
    from app.templates import Agency

    from given import new_plan as create_from_template

    plan_id = prepare(create_from_template, "ward-annual", 2026, Agency("Phường Phú Sơn"), period="2026-2030")
    window = start()
    lan = person(window)
    assert window.plan_id == plan_id and stored(plan_id).decision is None
    form = header(lan)
    assert form.decision.period.text() == "2026-2030"
    assert form.decision.box.isHidden() and not form.decision.issue.isChecked()
    form.ensureWidgetVisible(form.decision.period)
    lan.click(form.decision.period)
    lan.press(Qt.Key.Key_Tab)  # passing through the field changes nothing
    assert stored(plan_id).period == Period(2026, 2030)
    assert not lan.can_undo()


def test_insert_note_in_paragraphs_and_in_a_one_line_cell(window, lan):
    lan.click_outline("I. MỤC ĐÍCH, YÊU CẦU")
    ed = window.editors.section_editor
    lan.click(ed.paragraphs)
    lan.select_all()
    lan.type("Luật mới")
    lan.press(Qt.Key.Key_Home)
    for _ in range(4):
        lan.press(Qt.Key.Key_Right)
    lan.press(*NOTE_KEYS)
    assert ed.paragraphs.toPlainText() == "Luật^[] mới"
    assert ed.paragraphs.textCursor().position() == 6
    lan.type("Số 1")
    assert ed.paragraphs.toPlainText() == "Luật^[Số 1] mới"
    lan.press(Qt.Key.Key_End)
    lan.click(NOTE_TEXT, within=ed)  # the button does the same, the cursor staying in the text
    assert ed.paragraphs.toPlainText() == "Luật^[Số 1] mới^[]"
    assert ed.paragraphs.hasFocus()

    lan.click_outline("Phụ lục II")
    editor = window.editors.current_task_editor()
    lan.click_cell(editor.view, 0, editor.model.column_of("lead"), double=True)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    lan.select_all()
    lan.type("ab")
    lan.press(Qt.Key.Key_Left)
    lan.press(*NOTE_KEYS)
    assert line.text() == "a^[]b" and line.cursorPosition() == 3
    lan.press(Qt.Key.Key_Escape)


def test_cell_note_is_stored_and_shown_as_a_superscript(window, lan, stored, plan_id):
    lan.click_outline("Phụ lục II")
    editor = window.editors.current_task_editor()
    model = editor.model
    idx = model.index(0, model.column_of("content"))
    lan.click_cell(editor.view, 0, idx.column(), double=True)
    cell = QApplication.focusWidget()
    assert isinstance(cell, QPlainTextEdit)
    lan.press(*NOTE_KEYS)
    lan.type("Theo Nghị định 30")
    raw = cell.toPlainText()
    assert raw.endswith("^[Theo Nghị định 30]")
    lan.press(Qt.Key.Key_Return)
    assert model.data(idx, Qt.ItemDataRole.EditRole) == raw
    shown = model.data(idx, Qt.ItemDataRole.DisplayRole)
    assert "^[" not in shown and shown.endswith("¹")
    assert "Theo Nghị định 30" in model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert stored(plan_id).appendices[1].tasks[0].content == raw


def test_note_marks_number_in_document_order():
    assert with_note_marks("a^[x] b^[y]", 2) == ("a³ b⁴", [(3, "x"), (4, "y")])
