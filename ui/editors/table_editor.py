"""The task-table and target-table editors: a table view, its row actions, copy, paste and drag."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QDragMoveEvent, QDropEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model import Target, Task, iter_tasks
from app.ops import directory
from app.ops import rows as row_ops
from app.ops.changes import Changes, Part
from ui.context import PlanContext
from ui.editors.appendix_form import AppendixPanel
from ui.editors.delegates import CellDelegate
from ui.models.table import RowTableModel, TargetTableModel, TaskTableModel, dragged_ids

# A pasted first column that is only a row number (1, 1.2, a), IV) is dropped.
_STT = re.compile(r"^\s*([0-9]+(\.[0-9]+)*\.?|[a-zđ]\)|[IVXLC]+\.?)\s*$")
COLUMN_CHARS = {
    "content": 46,
    "product": 24,
    "lead": 20,
    "partners": 22,
    "timeline": 18,
    "budget": 18,
    "monitor": 20,
    "note": 14,
}


class RowTableView(QTableView):
    """Tab / Shift+Tab indent and outdent the row when no cell is being edited; rows are dragged
    by the mouse to a new place (the drop lands before the row under the pointer)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.on_tab: Callable[[bool], None] | None = None
        self.on_drop: Callable[[list[int], int], None] | None = None
        self.kind = ""
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.on_tab is not None and self.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.on_tab(False)
                return
            if event.key() == Qt.Key.Key_Backtab:
                self.on_tab(True)
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002
        if self.on_tab is not None and self.state() != QAbstractItemView.State.EditingState:
            return False  # keep Tab for indent instead of moving focus
        return super().focusNextPrevChild(next)

    def dragEnterEvent(self, event) -> None:
        if dragged_ids(event.mimeData(), self.kind):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)  # the drop indicator and the auto-scroll
        if dragged_ids(event.mimeData(), self.kind):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = dragged_ids(event.mimeData(), self.kind)
        if not ids or self.on_drop is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.on_drop(ids, self.drop_row(event.position().toPoint()))

    def drop_row(self, point: QPoint) -> int:
        """The row a drop goes before: the row under the pointer, or the next one when the pointer
        is on the lower half of it; past the last row, the end."""
        row = self.rowAt(point.y())
        if row < 0:
            return self.model().rowCount()
        rect = self.visualRect(self.model().index(row, 0))
        return row + 1 if point.y() > rect.center().y() else row


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of tab-separated text as Excel puts it on the clipboard (quoted cells may hold newlines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if not text.strip():
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t") if any(c.strip() for c in row)]


def to_tsv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def cells_to_fields(cells: list[str], columns: tuple[str, ...]) -> dict[str, str]:
    """One pasted row onto the table's columns: a leading row number is dropped, cells beyond the
    last column go into it rather than being lost."""
    n = len(columns)
    if len(cells) > n and _STT.match(cells[0]):
        cells = cells[1:]
    values = {k: (cells[j].strip() if j < len(cells) else "") for j, k in enumerate(columns)}
    if len(cells) > n:
        values[columns[-1]] = "\n".join(c.strip() for c in cells[n - 1 :] if c.strip())
    return values


class RowTableEditor(QWidget):
    """Common table editor; subclasses say what a row is and where a new one goes."""

    noun = "dòng"

    def __init__(self, context: PlanContext, model: RowTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = model
        model.setParent(self)  # the model lives and dies with its editor
        self._fitted: set[int] = set()
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)

        self.view = RowTableView(self)
        self.view.kind = model.kind.name
        self.view.on_drop = self.drop_rows
        self.view.setModel(model)
        self._setup_view()

        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        self.title_row = QHBoxLayout()
        self.title_row.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.title_row)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view, 1)
        self.hint = QLabel(
            "Enter: ghi ô · Alt+Enter: xuống dòng trong ô · Insert: thêm dòng · Delete: xóa · "
            "Ctrl+↑/↓ hoặc kéo chuột: di chuyển · Ctrl+Z: hoàn tác"
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.hint)

        self.actions_by_name: dict[str, QAction] = {}
        self._make_actions()
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(lambda _p, first, last: self._shift_fitted(first, last - first + 1))
        model.rowsRemoved.connect(lambda _p, first, last: self._shift_fitted(first, -(last - first + 1)))
        model.layoutChanged.connect(self._rows_changed)
        model.dataChanged.connect(self._data_changed)
        self._after_reset()

    # ---------------------------------------------------------------- set-up
    def _setup_view(self) -> None:
        view = self.view
        view.setWordWrap(True)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setItemDelegate(CellDelegate(self._suggestions, self.context.runner, view))
        view.verticalHeader().setVisible(False)
        # Rows are fitted to their text only when shown: ResizeToContents measures every row of a
        # 2,000-task table on each change (seconds); this measures the twenty or so on screen.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        view.verticalScrollBar().valueChanged.connect(lambda *_: self.fit_visible_rows())
        header = view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        header.setStretchLastSection(True)

    def _action(self, name: str, text: str, keys, slot: Callable[[], object], tip: str = "", button=True) -> QAction:
        act = QAction(text, self)
        if keys:
            seqs = [QKeySequence(k) for k in (keys if isinstance(keys, list) else [keys])]
            act.setShortcuts(seqs)
            act.setToolTip(f"{tip or text} ({seqs[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # triggered(bool) would reach a slot with an optional argument as its first value.
        act.triggered.connect(lambda _checked=False: slot())
        self.view.addAction(act)
        self.actions_by_name[name] = act
        if button:
            b = QToolButton(self)
            b.setDefaultAction(act)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addWidget(b)
        return act

    def _make_actions(self) -> None:
        self._action("add", "Thêm dòng", "Insert", self.add_row)
        self._extra_add_actions()
        self._action("delete", "Xóa", QKeySequence.StandardKey.Delete, self.delete_rows)
        self._action("up", "Lên", "Ctrl+Up", lambda: self.move_by(-1))
        self._action("down", "Xuống", "Ctrl+Down", lambda: self.move_by(+1))
        self._extra_move_actions()
        self._action("copy", "Sao chép", QKeySequence.StandardKey.Copy, self.copy_rows)
        self._action("paste", "Dán", QKeySequence.StandardKey.Paste, self.paste_rows)
        self.buttons.addStretch(1)

    def _extra_add_actions(self) -> None:
        pass

    def _extra_move_actions(self) -> None:
        pass

    def add_panel(self, panel: QWidget) -> None:
        """The appendix settings, shown and hidden by a button next to the title."""
        self.panel = panel
        self.panel_button = QToolButton(self)
        self.panel_button.setText("Thiết lập phụ lục")
        self.panel_button.setToolTip("Tên phụ lục, chọn và sắp xếp cột, tiêu đề cột, nhóm theo lĩnh vực")
        self.panel_button.setCheckable(True)
        self.panel_button.toggled.connect(panel.setVisible)
        panel.setVisible(False)
        self.title_row.addWidget(self.panel_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, panel)

    # ---------------------------------------------------------------- row heights
    def _after_reset(self) -> None:
        self._set_spans()
        self._size_columns()
        self._rows_changed()

    def _set_spans(self) -> None:
        self.view.clearSpans()
        for r, row in enumerate(self.model.rows):
            if row.kind == "group" and self.model.columnCount() > 2:
                self.view.setSpan(r, 1, 1, self.model.columnCount() - 1)

    def _rows_changed(self, *_args) -> None:
        if any(row.kind == "group" for row in self.model.rows):
            self._set_spans()
        self._fitted.clear()
        self.fit_visible_rows()

    def _shift_fitted(self, first: int, n: int) -> None:
        """Rows keep their fitted height when rows are inserted or removed above them."""
        if any(row.kind == "group" for row in self.model.rows):
            self._set_spans()
        if n > 0:
            self._fitted = {r if r < first else r + n for r in self._fitted}
        else:
            self._fitted = {r if r < first else r + n for r in self._fitted if not first <= r < first - n}
        self.fit_visible_rows()

    def _data_changed(self, top, bottom, *_args) -> None:
        if bottom.column() == 0:
            return  # only row numbers changed: they never wrap
        self._fitted.difference_update(range(top.row(), bottom.row() + 1))
        self.fit_visible_rows()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_visible_rows()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fitted.clear()
        self.fit_visible_rows()

    def fit_visible_rows(self) -> None:
        """Fit the rows on screen to their wrapped text (a few more as they grow or shrink)."""
        n = self.model.rowCount()
        if not n:
            return
        height = max(self.view.viewport().height(), 1)
        for _ in range(3):  # fitting changes what is on screen; settle in a few passes
            top = max(0, self.view.rowAt(0))
            bottom = self.view.rowAt(height - 1)
            bottom = n - 1 if bottom < 0 else min(n - 1, bottom + 1)
            todo = [r for r in range(top, bottom + 1) if r not in self._fitted]
            if not todo:
                return
            for r in todo:
                self.view.resizeRowToContents(r)
                self._fitted.add(r)

    def _size_columns(self) -> None:
        fm = self.fontMetrics()
        self.view.setColumnWidth(0, fm.horizontalAdvance("0000.0"))
        for c, key in enumerate(self.model.columns, 1):
            self.view.setColumnWidth(c, fm.averageCharWidth() * COLUMN_CHARS.get(key, 16))

    def _suggestions(self, field: str) -> list[str]:
        """Completion for a cell: units and officers from the directory; for time, product and
        budget, the usual forms of this year and the values used before (most used first)."""
        ws = self.context.ws
        if field in ("product", "budget"):
            lines = [
                line.strip().lstrip("-+ ").strip() for v in directory.values_used(ws, field) for line in v.split("\n")
            ]
            return list(dict.fromkeys(x for x in lines if len(x) > 2))
        if field == "timeline":
            y = self.context.plan.year
            quarters = [f"Quý {q}/{y}" for q in ("I", "II", "III", "IV")]
            usual = (
                quarters
                + [f"6 tháng đầu năm {y}", f"Năm {y}", f"Thường xuyên trong năm {y}"]
                + [f"Tháng {m:02d}/{y}" for m in range(1, 13)]
            )
            used = [v for v in directory.values_used(ws, "timeline") if "\n" not in v and v not in usual]
            return usual + used
        return directory.suggestions(ws)

    # ---------------------------------------------------------------- selection helpers
    def _busy(self) -> bool:
        return self.view.state() == QAbstractItemView.State.EditingState

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def current_id(self) -> int | None:
        item = self.model.item(self.current_row())
        return item.id if item is not None else None

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.current_row()}
        return sorted(r for r in rows if not self.model.is_group(r))

    def select_id(self, row_id: int | None, column: int | None = None) -> None:
        r = self.model.row_of(row_id)
        if r is None:
            return
        c = column if column is not None else max(1, self.view.currentIndex().column())
        idx = self.model.index(r, c)
        self.view.setCurrentIndex(idx)
        self.view.selectionModel().select(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(idx)

    def _after(self, done: Changes | None, row_id: int | None = None, column: int | None = None) -> None:
        if done is not None and not done.empty:
            target = row_id if row_id is not None else done.created
            if target is not None:
                self.select_id(self.context.ws.ids[self.model.kind.name].resolve(target), column)
        self.view.setFocus()

    # ---------------------------------------------------------------- operations (subclasses fill in)
    def _new_item(self, r: int):
        raise NotImplementedError

    def _scope(self) -> int:
        """The appendix (tasks) or the plan (targets) new rows go into."""
        raise NotImplementedError

    def add_row(self) -> None:
        if self._busy():
            return
        r = self.current_row()
        parent_id, position = row_ops.place_after(self.context.ws, self.model.kind, self.current_id())
        done = self.context.run(
            row_ops.insert,
            self.model.kind,
            self._scope(),
            [self._new_item(r)],
            parent_id,
            position,
            label=f"Thêm {self.noun}",
        )
        self._after(done, column=1)

    def delete_rows(self) -> None:
        if self._busy():
            return
        rows = self.selected_rows()
        ids = [self.model.item(r).id for r in rows]
        if not ids:
            return
        keep = rows[0]
        label = f"Xóa {self.noun}" if len(ids) == 1 else f"Xóa {len(ids)} {self.noun}"
        self.context.run(row_ops.remove, self.model.kind, ids, label=label)
        if self.model.rowCount():
            r = min(keep, self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(r, max(1, self.view.currentIndex().column())))
        self.view.setFocus()

    def move_by(self, delta: int) -> None:
        row_id = self.current_id()
        if self._busy() or row_id is None:
            return
        self._after(self.context.run(row_ops.move_by, self.model.kind, row_id, delta, label="Di chuyển dòng"), row_id)

    def drop_rows(self, ids: list[int], before_row: int) -> None:
        """Rows dragged by the mouse to the place before `before_row` (the end when past the last)."""
        rows = range(max(0, before_row), self.model.rowCount())
        target = next((self.model.item(r) for r in rows if self.model.item(r) is not None), None)
        if target is not None and target.id in ids:
            return
        before = target.id if target is not None else None
        done = self.context.run(row_ops.move_rows, self.model.kind, ids, before, label="Kéo dòng")
        self._after(done, ids[0])

    def copy_rows(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        data = [[getattr(self.model.item(r), k) for k in self.model.columns] for r in rows]
        QGuiApplication.clipboard().setText(to_tsv(data))

    def legacy_to_unicode(self, text: str) -> str | None:
        """Text typed in the old TCVN3 (.VnTime) or VNI fonts is offered as Unicode, with a preview.
        Returns the text to paste, or None when the officer cancels."""
        from app.legacy_encoding import convert_if_legacy

        converted, encoding = convert_if_legacy(text)
        if encoding is None:
            return text
        name = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI"}.get(encoding, encoding)
        preview = "\n".join(converted.replace("\t", "  |  ").splitlines()[:4])
        answer = self.ask_legacy(
            f"Văn bản dán vào được gõ bằng bảng mã cũ {name}. Chuyển sang Unicode trước khi dán?\n\n"
            f"Xem trước:\n{preview}"
        )
        if answer is None:
            return None
        return converted if answer else text

    def ask_legacy(self, message: str) -> bool | None:
        """Yes: convert; No: paste as it is; Cancel: nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, "Dán văn bản mã cũ", message, parent=self)
        yes = box.addButton("Chuyển sang Unicode", QMessageBox.ButtonRole.YesRole)
        no = box.addButton("Dán nguyên văn", QMessageBox.ButtonRole.NoRole)
        box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is yes else False if clicked is no else None

    def paste_rows(self) -> None:
        """Rows copied from Excel or a Word table (tab-separated on the clipboard), after the
        current row, as one undo step."""
        if self._busy():
            return
        text = self.legacy_to_unicode(QGuiApplication.clipboard().text())
        lines = parse_tsv(text) if text is not None else []
        if not lines:
            return
        template = self._new_item(self.current_row())
        items = [replace(template, **cells_to_fields(cells, self.model.columns)) for cells in lines]
        parent_id, position = row_ops.place_after(self.context.ws, self.model.kind, self.current_id())
        done = self.context.run(
            row_ops.insert, self.model.kind, self._scope(), items, parent_id, position, label=f"Dán {len(items)} dòng"
        )
        self._after(done, column=1)


class TaskTableEditor(RowTableEditor):
    """One task appendix."""

    noun = "nhiệm vụ"
    model: TaskTableModel
    panel: AppendixPanel

    def __init__(self, context: PlanContext, appendix_id: int, parent: QWidget | None = None):
        super().__init__(context, TaskTableModel(context, appendix_id), parent)
        self.view.on_tab = lambda back: self.indent(not back)
        self.add_panel(AppendixPanel(context, appendix_id))

    @property
    def appendix_id(self) -> int:
        assert self.model.ref is not None
        return self.model.ref

    def _scope(self) -> int:
        return self.appendix_id

    def _extra_add_actions(self) -> None:
        self._action("add_child", "Thêm dòng con", "Ctrl+Shift+Insert", self.add_child)

    def _extra_move_actions(self) -> None:
        self._action("indent", "Lùi vào", "Ctrl+]", lambda: self.indent(True), "Thành nhiệm vụ con của dòng trên")
        self._action("outdent", "Lùi ra", "Ctrl+[", lambda: self.indent(False))

    def _group_area(self, r: int) -> str:
        for k in range(min(r, len(self.model.rows) - 1), -1, -1):
            row = self.model.rows[k]
            if row.kind == "group":
                return row.area
            if row.task is not None and row.depth == 0:
                return row.task.area
        return self.model.appendix().area

    def _new_item(self, r: int) -> Task:
        return Task(area=self._group_area(r) if r >= 0 else self.model.appendix().area)

    def add_child(self) -> None:
        item = self.model.item(self.current_row())
        if item is None:
            self.add_row()
            return
        if self._busy():
            return
        done = self.context.run(
            row_ops.insert,
            row_ops.TASKS,
            self.appendix_id,
            [Task(area=item.area)],
            item.id,
            None,
            label="Thêm nhiệm vụ con",
        )
        self._after(done, column=1)

    def indent(self, inward: bool) -> None:
        row_id = self.current_id()
        if self._busy() or row_id is None:
            return
        op = row_ops.indent if inward else row_ops.outdent
        self._after(self.context.run(op, row_ops.TASKS, row_id, label="Lùi vào" if inward else "Lùi ra"), row_id)

    def descendants(self, item: Task):
        return iter_tasks((item,))


class TargetTableEditor(RowTableEditor):
    """The plan's targets (chỉ tiêu)."""

    noun = "chỉ tiêu"
    panel: AppendixPanel

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(context, TargetTableModel(context, None), parent)
        self.title.setText("Chỉ tiêu")
        self.add_panel(AppendixPanel(context, self._targets_appendix()))
        context.changed.connect(lambda c: self._follow_appendix() if c.touches(Part.APPENDICES) else None)
        context.switched.connect(lambda _id: self._follow_appendix())

    def _targets_appendix(self) -> int | None:
        return next((a.id for a in self.context.plan.appendices if a.kind == "targets"), None)

    def _follow_appendix(self) -> None:
        appendix_id = self._targets_appendix()
        if appendix_id != self.panel.appendix_id:
            self.panel.appendix_id = appendix_id
            self.panel.refresh()

    def _scope(self) -> int:
        return self.context.plan_id

    def _new_item(self, r: int) -> Target:
        item = self.model.item(r)
        return Target(area=item.area if item is not None else "")


__all__ = ["RowTableEditor", "TargetTableEditor", "TaskTableEditor", "parse_tsv", "to_tsv"]
