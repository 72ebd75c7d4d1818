"""The editors stop typing and pasting at the plan's limits (app/limits.py) and say why."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from app import limits

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_cell_takes_at_most_the_cell_limit_and_says_so(window, lan, stored, plan_id):
    lan.click_outline("Phụ lục II ")
    editor = window.editors.current_task_editor()
    lan.click_cell(editor.view, 0, editor.model.column_of("content"), double=True)
    box = QApplication.focusWidget()
    assert isinstance(box, QPlainTextEdit)
    lan.select_all()
    QApplication.clipboard().setText("Nội dung dán vào. " * 2_000)  # 36,000 characters
    lan.press(Qt.Key.Key_V, CTRL)
    assert len(box.toPlainText()) == limits.CELL_CHARS
    assert box.toolTip() == "Ô này dài tối đa 20.000 ký tự; phần gõ thêm không được nhận."
    tips = [w for w in QApplication.topLevelWidgets() if w.metaObject().className() == "QTipLabel" and w.isVisible()]
    assert [tip.text() for tip in tips] == [box.toolTip()]
    box_rect = QRect(box.mapToGlobal(QPoint(0, 0)), box.size())
    assert box_rect.top() <= tips[0].geometry().top() <= box_rect.bottom() + 30  # by the box, not far below it
    lan.press(Qt.Key.Key_Return)
    assert len(stored(plan_id).appendices[1].tasks[0].content) == limits.CELL_CHARS


def test_title_fields_are_capped_at_the_title_limit(window, lan):
    caps = {w.maxLength() for w in window.findChildren(QLineEdit) if w.maxLength() == limits.TITLE_CHARS}
    assert caps == {limits.TITLE_CHARS}  # the header's one-line fields and the section heading
