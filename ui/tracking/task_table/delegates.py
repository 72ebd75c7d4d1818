"""Cell editors of the tracking table: status, dates typed as read (dd/mm/yyyy), result, evidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)

from app.tracking.status import STATUS_ORDER
from ui.tracking.common import dmy
from ui.tracking.task_table.model import TASK_ID_ROLE

_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})\s*$")


def parse_date(text: str) -> date | None:
    """'15/02/2027', '15-2-2027', '15.2.27' -> date; '' -> None; ValueError when it is no date."""
    if not text.strip():
        return None
    m = _DATE.match(text)
    if not m:
        raise ValueError(text)
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return date(year + 2000 if year < 100 else year, month, day)


class StatusDelegate(QStyledItemDelegate):
    """A combo of the Vietnamese labels; choosing one commits at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:
        combo = QComboBox(parent)
        for s in STATUS_ORDER:
            combo.addItem(s.label, s)
        combo.activated.connect(lambda *_: self._chosen(combo))
        QTimer.singleShot(0, combo.showPopup)  # one click to choose, as in Excel's drop-down cells
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index) -> None:
        rect = option.rect
        rect.setHeight(min(rect.height(), editor.sizeHint().height()))
        editor.setGeometry(rect)


class DateDelegate(QStyledItemDelegate):
    """A date typed the way it is read, dd/mm/yyyy (no spin sections that carry a typed digit into
    the wrong field); an empty cell means "no date" where `blank` allows it. A date that cannot be
    read is refused with a message and the cell keeps its value."""

    def __init__(self, parent: QObject, report: Callable[[str], None], blank: bool = False):
        super().__init__(parent)
        self.report, self.blank = report, blank

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:
        edit = QLineEdit(parent)
        edit.setPlaceholderText("ngày/tháng/năm" + (" (để trống: không có)" if self.blank else ""))
        return edit

    def setEditorData(self, editor: QWidget, index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(dmy(index.data(Qt.ItemDataRole.EditRole)))
        editor.selectAll()  # typing replaces the whole date

    def setModelData(self, editor: QWidget, model, index) -> None:
        assert isinstance(editor, QLineEdit)
        try:
            day = parse_date(editor.text())
        except ValueError:
            self.report(
                f"«{editor.text().strip()}» không phải là ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 15/02/2027."
            )
            return
        if day is None and not self.blank:
            return
        model.setData(index, day, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index) -> None:
        """One line at the top of the cell, where the text is read, however tall the row."""
        rect = option.rect
        rect.setHeight(min(rect.height(), editor.sizeHint().height() + 4))
        editor.setGeometry(rect)


class ResultDelegate(QStyledItemDelegate):
    """Multi-line result in place: Enter makes a new line, Ctrl+Enter or leaving the cell saves."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        edit.installEventFilter(self)
        return edit

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 12))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model, index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Only Ctrl+Enter is taken; every other key (Unikey's key()==0 events included) goes to the editor.
        if (
            isinstance(obj, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
        ):
            self.commitData.emit(obj)
            self.closeEditor.emit(obj)
            return True
        return super().eventFilter(obj, event)


class EvidenceDelegate(QStyledItemDelegate):
    """Paints the evidence count as a button; a click opens the task's evidence dialog."""

    def __init__(self, parent: QObject, on_click: Callable[[int], None]):
        super().__init__(parent)
        self.on_click = on_click

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(4, 4, -4, -4)
        button.rect.setHeight(min(button.rect.height(), option.fontMetrics.lineSpacing() + 12))
        button.text = index.data(Qt.ItemDataRole.DisplayRole)
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, option.widget)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.on_click(index.data(TASK_ID_ROLE))
            return True
        return super().editorEvent(event, model, option, index)
