"""Form pages whose fields commit plan-header values on focus-out, each edit an undo step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.model import Plan
from ui.commands import SetHeaderCommand
from ui.session import Change, PlanSession


class PlainText(QPlainTextEdit):
    """A QPlainTextEdit that says when the user leaves it (like QLineEdit.editingFinished)."""

    editingFinished = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None, grow: bool = False):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        if grow:
            self.setMinimumHeight(height)
        else:
            self.setFixedHeight(height)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def lines_of(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@dataclass
class Binding:
    field: str
    label: str
    widget: QWidget
    read: Callable[[], object]  # the domain value the widgets now show
    write: Callable[[Plan], None]  # fill the widgets from the plan


class FormPage(QScrollArea):
    """A scrollable form over header-level plan fields."""

    def __init__(self, session: PlanSession, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        outer.addWidget(heading)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.setWidget(inner)
        self.bindings: dict[str, Binding] = {}
        session.changed.connect(self._on_changed)
        session.switched.connect(self.refresh)

    def bind(self, field: str, label: str, widget: QWidget, signal, read, write, row_label: str | None = None) -> None:
        self.bindings[field] = Binding(field, label, widget, read, write)
        signal.connect(lambda *_: self.commit(field))
        if row_label is not None:
            self.form.addRow(row_label, widget)

    def value_of(self, plan: Plan, field: str):
        return getattr(plan, field)

    def commit(self, field: str) -> None:
        b = self.bindings[field]
        new = b.read()
        old = self.value_of(self.session.plan, field)
        if new == old:
            return
        self.session.push(SetHeaderCommand(self.session, {field: old}, {field: new}, f"Sửa {b.label}"))

    def refresh(self) -> None:
        plan = self.session.plan
        for b in self.bindings.values():
            b.widget.blockSignals(True)
            try:
                b.write(plan)
            finally:
                b.widget.blockSignals(False)

    def _on_changed(self, change: Change) -> None:
        if change.scope in ("header", "all"):
            self.refresh()

    def focus_field(self, field: str) -> bool:
        b = self.bindings.get(field)
        if b is None:
            return False
        self.ensureWidgetVisible(b.widget)
        b.widget.setFocus()
        return True


NOTE_SHORTCUT = "Ctrl+Alt+F"
NOTE_TEXT = "Chèn chú thích"


def insert_note(editor: QWidget) -> None:
    """Insert '^[]' at the cursor with the cursor inside the brackets (a selection goes inside)."""
    if isinstance(editor, QPlainTextEdit):
        cursor = editor.textCursor()
        selected = cursor.selectedText().replace("\u2029", " ")
        cursor.insertText(f"^[{selected}]")
        cursor.movePosition(cursor.MoveOperation.Left)
        editor.setTextCursor(cursor)
    elif isinstance(editor, QLineEdit):
        selected = editor.selectedText()
        editor.insert(f"^[{selected}]")
        editor.cursorBackward(False)


def add_note_action(editor: QWidget) -> QAction:
    """'Chèn chú thích' (Ctrl+Alt+F) on a text editor, also in its context menu."""
    act = QAction(NOTE_TEXT, editor)
    act.setShortcut(QKeySequence(NOTE_SHORTCUT))
    act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    act.setToolTip(f"{NOTE_TEXT} ({NOTE_SHORTCUT}): ghi chú thích vào giữa hai ngoặc ^[…]")
    act.triggered.connect(lambda: insert_note(editor))
    editor.addAction(act)
    return act


def blank_spin(low: int, high: int) -> QSpinBox:
    """A day or month box whose lowest value shows as blank: the clerk fills it in by hand."""
    box = QSpinBox()
    box.setRange(low - 1, high)
    box.setSpecialValueText("(để trống)")
    return box


def date_row(day: QSpinBox, month: QSpinBox, year: QSpinBox) -> QWidget:
    """'Ngày [..] tháng [..] năm [....]' on one line."""
    row = QWidget()
    h = QHBoxLayout(row)
    h.setContentsMargins(0, 0, 0, 0)
    for text, w in (("Ngày", day), ("tháng", month), ("năm", year)):
        h.addWidget(QLabel(text))
        h.addWidget(w)
    h.addStretch(1)
    return row
