"""Form pages whose fields save themselves: a second after typing stops, when the field is left,
and before any other operation runs — each save one undo step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app import limits
from app.model import Plan
from app.ops import plans
from app.ops.changes import Changes, Part
from ui.context import PlanContext

AUTOSAVE_MS = 1000  # a pause in typing this long saves what was typed


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


def limit_message(limit: int) -> str:
    return f"Ô này dài tối đa {limits.number(limit)} ký tự; phần gõ thêm không được nhận."


def cap_length(editor: QPlainTextEdit | QLineEdit, limit: int) -> None:
    """At most `limit` characters typed or pasted (the app-level limit, app/limits.py): a line edit
    by its maxLength, a text box by cutting what went past the limit at the cursor, with a tip
    saying why. Text filled in from the data is never cut here (the operation says so on saving)."""
    if isinstance(editor, QLineEdit):
        editor.setMaxLength(limit)
        return

    def check() -> None:
        extra = editor.document().characterCount() - 1 - limit
        cursor = editor.textCursor()
        if extra <= 0 or editor.signalsBlocked() or cursor.position() == 0:
            return
        cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, min(extra, cursor.position()))
        cursor.removeSelectedText()
        editor.setToolTip(limit_message(limit))
        # Under the cursor, kept inside the box: after a long paste the cursor is still far below
        # the view (the box scrolls to it later), and the tip went to the bottom of the screen.
        view = editor.viewport().rect()
        at = editor.cursorRect().bottomLeft()
        at.setX(min(max(at.x(), view.left()), view.right()))
        at.setY(min(max(at.y(), view.top()), view.bottom()))
        QToolTip.showText(editor.viewport().mapToGlobal(at), limit_message(limit), editor)

    editor.textChanged.connect(check)


class Autosave(QObject):
    """Saves a field after a pause in typing, on leaving it, and when the runner asks (before any
    operation, so Ctrl+E exports what is on screen). `save()` decides whether anything changed."""

    def __init__(self, context: PlanContext, edited, left, save: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self.context, self.save = context, save
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)
        self.quiet = False  # set while the widget is filled from the data
        edited.connect(self._typed)
        left.connect(self.flush)

    def _typed(self, *_args) -> None:
        if self.quiet:
            return
        self.context.runner.hold(self, self.flush)
        self.timer.start()

    def flush(self, *_args) -> None:
        self.timer.stop()
        self.context.runner.release(self)
        self.save()


def lines_of(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@dataclass
class Binding:
    field: str
    label: str
    widget: QWidget
    read: Callable[[], object]  # the domain value the widgets now show
    write: Callable[[Plan], None]  # fill the widgets from the plan
    autosave: Autosave | None = None


class FormPage(QScrollArea):
    """A scrollable form over header-level plan fields."""

    def __init__(self, context: PlanContext, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
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
        context.changed.connect(self._on_changed)
        context.switched.connect(lambda _id: self.refresh())

    def bind(
        self, field: str, label: str, widget: QWidget, read, write, edited=None, left=None, row_label=None
    ) -> None:
        """A plan field shown by `widget`: saved after a pause in `edited`, or at once on `left`."""
        binding = Binding(field, label, widget, read, write)
        if isinstance(widget, QLineEdit):  # one-line header fields: titles, names, numbers
            cap_length(widget, limits.TITLE_CHARS)
        if edited is not None:
            binding.autosave = Autosave(self.context, edited, left, lambda: self.commit(field), self)
        elif left is not None:
            left.connect(lambda *_: self.commit(field))
        self.bindings[field] = binding
        if row_label is not None:
            self.form.addRow(row_label, widget)

    def value_of(self, plan: Plan, field: str):
        return getattr(plan, field)

    def commit(self, field: str) -> None:
        b = self.bindings[field]
        new = b.read()
        if new == self.value_of(self.context.plan, field):
            return
        self.context.run(plans.set_header, self.context.plan_id, label=f"Sửa {b.label}", **{field: new})

    def refresh(self, force: bool = True) -> None:
        """Fill the fields from the plan. After an edit (`force` False) a field that already shows
        the stored value is left alone: the cursor of the one being typed in stays where it is."""
        plan = self.context.plan
        for b in self.bindings.values():
            if not force and b.read() == self.value_of(plan, b.field):
                continue
            if b.autosave is not None:
                b.autosave.quiet = True
            b.widget.blockSignals(True)
            try:
                b.write(plan)
            finally:
                b.widget.blockSignals(False)
                if b.autosave is not None:
                    b.autosave.quiet = False

    def _on_changed(self, changes: Changes) -> None:
        if self.context.mine(changes) and changes.touches(Part.HEADER, Part.PLANS):
            self.refresh(force=False)

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
