"""In-place cell editors: multi-line text like Excel (Enter commits, Alt+Enter or Shift+Enter
breaks the line), and a one-line editor with completion for unit names and time frames."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QStyledItemDelegate, QWidget

from app import limits
from ui.editors.fields import add_note_action, cap_length
from ui.models.table import RowTableModel
from ui.ops import Runner

COMPLETED_FIELDS = ("lead", "partners", "timeline", "monitor", "budget")
TEXT_COMPLETED_FIELDS = ("product",)  # multi-line cells that still suggest values used before


class CompletingTextEdit(QPlainTextEdit):
    """A multi-line cell editor that suggests values used before for the line being typed
    (products: "Kế hoạch…", "Báo cáo kết quả…"). Typing goes on untouched (Unikey-safe): the
    popup only opens; Enter or a click on a suggestion replaces the current line with it."""

    MIN_PREFIX = 2

    def __init__(self, words: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.completer = QCompleter(words, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        fit_popup(self.completer, words, self)
        popup = self.completer.popup()
        assert popup is not None
        self.popup = popup
        self.completer.activated.connect(self.insert_completion)
        self.textChanged.connect(self._suggest)

    def popup_visible(self) -> bool:
        return self.popup.isVisible()

    def _suggest(self) -> None:
        if not self.hasFocus() and not self.property("_filled"):
            return
        line = self.textCursor().block().text().strip()
        if len(line) < self.MIN_PREFIX:
            self.popup.hide()
            return
        self.completer.setCompletionPrefix(line)
        if self.completer.completionCount() == 0 or self.completer.currentCompletion() == line:
            self.popup.hide()
            return
        rect = self.cursorRect()
        rect.setWidth(max(self.width(), self.popup.minimumWidth()))
        self.completer.complete(rect)

    def insert_completion(self, text: str) -> None:
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.StartOfBlock)
        cursor.movePosition(cursor.MoveOperation.EndOfBlock, cursor.MoveMode.KeepAnchor)
        self.blockSignals(True)
        cursor.insertText(text)
        self.blockSignals(False)
        self.setTextCursor(cursor)
        self.popup.hide()


def fit_popup(completer: QCompleter, words: list[str], editor: QWidget) -> None:
    """A suggestion list wide enough to read the longest suggestion, not as narrow as the cell."""
    popup = completer.popup()
    if popup is None:
        return
    fm = popup.fontMetrics()
    widest = max((fm.horizontalAdvance(w) for w in words[:300]), default=0)
    screen = editor.screen().availableGeometry().width() if editor.screen() is not None else 1200
    popup.setMinimumWidth(min(widest + 40, screen // 2))


class CellDelegate(QStyledItemDelegate):
    """Multi-line editor for long cells; completer editor for unit and time columns."""

    def __init__(self, suggestions: Callable[[str], list[str]], runner: Runner, parent: QObject | None = None):
        super().__init__(parent)
        self._suggestions = suggestions
        self.runner = runner
        self.closeEditor.connect(lambda editor, *_: runner.release(editor))

    def _field(self, index) -> str | None:
        model = index.model()
        return model.field_of(index.column()) if isinstance(model, RowTableModel) else None

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        editor = self._make_editor(parent, index)
        # An open cell is committed before any other operation (Ctrl+E exports what is typed).
        self.runner.hold(editor, lambda: self._commit(editor))
        return editor

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _make_editor(self, parent: QWidget, index) -> QWidget:
        field = self._field(index)
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if field in COMPLETED_FIELDS and "\n" not in value:
            line = QLineEdit(parent)
            words = self._suggestions(field)
            completer = QCompleter(words, line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            fit_popup(completer, words, line)
            line.setCompleter(completer)
            line.setFrame(False)
            cap_length(line, limits.CELL_CHARS)
            add_note_action(line)
            return line
        editor = (
            CompletingTextEdit(self._suggestions(field), parent)
            if field in TEXT_COMPLETED_FIELDS
            else (QPlainTextEdit(parent))
        )
        editor.setTabChangesFocus(True)
        editor.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        editor.installEventFilter(self)
        add_note_action(editor)
        return editor

    def setEditorData(self, editor: QWidget, index) -> None:
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QPlainTextEdit):
            # The view may have started editing with a typed character (Unikey sends key()==0
            # events carrying text): keep what is already in the editor instead of replacing it.
            if not editor.property("_filled"):
                editor.setPlainText(value)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
                editor.setProperty("_filled", True)
                cap_length(editor, limits.CELL_CHARS)  # typing from here on (a cell, app/limits.py)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def sizeHint(self, option, index) -> QSize:
        # Room under the last wrapped line so it never touches the cell border.
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + option.fontMetrics.lineSpacing() // 2 + 4)

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            # Room for a few lines even in a short row.
            rect = rect.adjusted(0, 0, 0, max(0, editor.fontMetrics().lineSpacing() * 4 - rect.height()))
        else:
            # One line where the cell's text starts, not lost in the middle of a tall row.
            rect.setHeight(min(rect.height(), editor.sizeHint().height() + 4))
        editor.setGeometry(rect)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, QPlainTextEdit) and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if isinstance(obj, CompletingTextEdit) and obj.popup_visible():
                return False  # Enter/Escape belong to the suggestion list
            key = event.key()
            mods = event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
                    obj.insertPlainText("\n")
                    return True
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
                return True
            if key == Qt.Key.Key_Escape:
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.RevertModelCache)
                return True
            return False  # every other key (Backspace, Unikey's key()==0 text) goes to the editor
        return super().eventFilter(obj, event)
