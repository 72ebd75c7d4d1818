"""The task-table and target-table editors: a table view, its row actions, copy and paste."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
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
from app.usecases import directory, editing
from ui.commands import TARGETS, TASKS, InsertRowCommand, MacroCommand, MoveRowCommand, RemoveRowCommand
from ui.editors.appendix_form import AppendixPanel
from ui.editors.delegates import CellDelegate
from ui.models.table import RowTableModel, TargetTableModel, TaskTableModel
from ui.session import PlanSession

# A pasted first column that is only a row number (1, 1.2, a), IV) is dropped.
_STT = re.compile(r"^\s*([0-9]+(\.[0-9]+)*\.?|[a-zđ]\)|[IVXLC]+\.?)\s*$")


class RowTableView(QTableView):
    """Tab / Shift+Tab indent and outdent the row when no cell is being edited."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.on_tab: Callable[[bool], None] | None = None

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


class RowTableEditor(QWidget):
    """Common table editor; subclasses say what a row is and where a new one goes."""

    noun = "dòng"
    add_text = "Thêm dòng"

    def __init__(self, session: PlanSession, model: RowTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
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
        self.view.setModel(model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setItemDelegate(CellDelegate(self._suggestions, self.view))
        self.view.verticalHeader().setVisible(False)
        # Rows are fitted to their text only when shown: ResizeToContents measures every row of a
        # 2,000-task table on each change (seconds); this measures the twenty or so on screen.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        self.view.verticalScrollBar().valueChanged.connect(lambda *_: self.fit_visible_rows())
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        header.setStretchLastSection(True)

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
            "Ctrl+↑/↓: di chuyển · Ctrl+Z: hoàn tác"
        )
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
    def _action(self, name: str, text: str, keys, slot, tip: str = "", button: bool = True) -> QAction:
        act = QAction(text, self)
        if keys:
            seqs = [QKeySequence(k) for k in (keys if isinstance(keys, list) else [keys])]
            act.setShortcuts(seqs)
            act.setToolTip(f"{tip or text} ({seqs[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.view.addAction(act)
        self.actions_by_name[name] = act
        if button:
            b = QToolButton(self)
            b.setDefaultAction(act)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addWidget(b)
        return act

    def _make_actions(self) -> None:
        self._action("add", self.add_text, "Insert", lambda: self.add_row(child=False))
        self._extra_add_actions()
        self._action("delete", "Xóa", QKeySequence.StandardKey.Delete, self.delete_rows)
        self._action("up", "Lên", "Ctrl+Up", lambda: self.move(-1))
        self._action("down", "Xuống", "Ctrl+Down", lambda: self.move(+1))
        self._extra_move_actions()
        self._action("copy", "Sao chép", QKeySequence.StandardKey.Copy, self.copy_rows)
        self._action("paste", "Dán", QKeySequence.StandardKey.Paste, self.paste_rows)
        self.buttons.addStretch(1)

    def _extra_add_actions(self) -> None:
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

    def _extra_move_actions(self) -> None:
        pass

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
        widths = {
            "content": 46,
            "product": 24,
            "lead": 20,
            "partners": 22,
            "timeline": 18,
            "budget": 18,
            "monitor": 20,
            "note": 14,
        }
        self.view.setColumnWidth(0, fm.horizontalAdvance("0000.0"))
        for c, key in enumerate(self.model.columns, 1):
            self.view.setColumnWidth(c, fm.averageCharWidth() * widths.get(key, 16))

    def _suggestions(self, field: str) -> list[str]:
        """Completion for a cell: units and officers from the directory; for time, product and
        budget, the usual forms of this year and the values used before (most used first)."""
        store = self.session.store
        if field in ("product", "budget"):
            lines = [
                line.strip().lstrip("-+ ").strip()
                for v in directory.values_used(store, field)
                for line in v.split("\n")
            ]
            return list(dict.fromkeys(x for x in lines if len(x) > 2))
        if field == "timeline":
            y = self.session.plan.year
            quarters = [f"Quý {q}/{y}" for q in ("I", "II", "III", "IV")]
            usual = (
                quarters
                + [f"6 tháng đầu năm {y}", f"Năm {y}", f"Thường xuyên trong năm {y}"]
                + [f"Tháng {m:02d}/{y}" for m in range(1, 13)]
            )
            used = [v for v in directory.values_used(store, "timeline") if "\n" not in v and v not in usual]
            return usual + used
        return directory.suggestions(store)

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

    def _after(self, ok: bool, row_id: int | None, column: int | None = None) -> None:
        if ok:
            self.select_id(row_id, column)
        self.view.setFocus()

    # ---------------------------------------------------------------- operations (subclasses fill in)
    def _new_item(self, r: int):
        raise NotImplementedError

    def _place_after(self, r: int) -> tuple[int | None, int | None]:
        """(parent id, position) for a new sibling after row r; (None, None) = end of the table."""
        raise NotImplementedError

    def add_row(self, child: bool = False) -> None:
        if self._busy():
            return
        r = self.current_row()
        parent_id, position = self._place_after(r)
        cmd = InsertRowCommand(
            self.session,
            self.model.kind,
            self.model.ref,
            self._new_item(r),
            parent_id,
            position,
            self.add_text.replace("dòng", self.noun),
        )
        self._after(self.session.push(cmd), self.session.last_inserted, 1)

    def delete_rows(self) -> None:
        if self._busy():
            return
        rows = self.selected_rows()
        ids = [self.model.item(r).id for r in rows]
        # A row whose ancestor is also selected goes with it.
        inside = {t.id for r in rows for t in list(self._descendants(self.model.item(r)))[1:]}
        ids = [i for i in ids if i not in inside]
        if not ids:
            return
        keep = rows[0]
        if len(ids) == 1:
            cmd = RemoveRowCommand(self.session, self.model.kind, self.model.ref, ids[0], f"Xóa {self.noun}")
        else:
            cmd = MacroCommand(self.session, f"Xóa {len(ids)} {self.noun}")
            for i in ids:
                RemoveRowCommand(self.session, self.model.kind, self.model.ref, i, f"Xóa {self.noun}", cmd)
        self.session.push(cmd)
        if self.model.rowCount():
            r = min(keep, self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(r, max(1, self.view.currentIndex().column())))
        self.view.setFocus()

    def _descendants(self, item):
        return self.model.kind.walk(item)

    def _step(self, delta: int):
        raise NotImplementedError

    def move(self, delta: int) -> None:
        self._move(self._step(delta), "Di chuyển dòng")

    def _move(self, step, text: str) -> None:
        if self._busy():
            return
        row_id = self.current_id()
        if row_id is None:
            return
        ok = self.session.push(MoveRowCommand(self.session, self.model.kind, self.model.ref, row_id, step, text))
        self._after(ok, row_id)

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
        """Yes: convert; No: paste as it is; Cancel: nothing (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Dán văn bản mã cũ", message, parent=self)
        yes = box.addButton("Chuyển sang Unicode", QMessageBox.ButtonRole.YesRole)
        no = box.addButton("Dán nguyên văn", QMessageBox.ButtonRole.NoRole)
        box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is yes else False if clicked is no else None

    def paste_rows(self, text: str | None = None) -> None:
        if self._busy():
            return
        if text is None:
            text = QGuiApplication.clipboard().text()
        text = self.legacy_to_unicode(text)
        if text is None:
            return
        lines = parse_tsv(text)
        if not lines:
            return
        ncols = len(self.model.columns)
        r = self.current_row()
        parent_id, position = self._place_after(r)
        template = self._new_item(r)
        macro = MacroCommand(self.session, f"Dán {len(lines)} dòng")
        children: list[InsertRowCommand] = []
        for i, cells in enumerate(lines):
            if len(cells) > ncols and _STT.match(cells[0]):
                cells = cells[1:]
            values = {k: (cells[j].strip() if j < len(cells) else "") for j, k in enumerate(self.model.columns)}
            if len(cells) > ncols:  # extra cells go into the last column rather than being lost
                values[self.model.columns[-1]] = "\n".join(c.strip() for c in cells[ncols - 1 :] if c.strip())
            pos = None if position is None else position + i
            children.append(
                InsertRowCommand(
                    self.session,
                    self.model.kind,
                    self.model.ref,
                    replace(template, **values),
                    parent_id,
                    pos,
                    "Thêm dòng",
                    macro,
                )
            )
        ok = self.session.push(macro)
        self._after(ok, children[0].key if ok else None, 1)


class TaskTableEditor(RowTableEditor):
    """One task appendix."""

    noun = "nhiệm vụ"
    add_text = "Thêm dòng"

    def __init__(self, session: PlanSession, appendix_id: int, parent: QWidget | None = None):
        super().__init__(session, TaskTableModel(session, appendix_id), parent)
        self.view.on_tab = lambda back: self.indent(not back)
        self.add_panel(AppendixPanel(session, appendix_id))

    def _extra_add_actions(self) -> None:
        self._action("add_child", "Thêm dòng con", "Ctrl+Shift+Insert", lambda: self.add_row(child=True))

    def _extra_move_actions(self) -> None:
        self._action("indent", "Lùi vào", "Ctrl+]", lambda: self.indent(True), "Thành nhiệm vụ con của dòng trên")
        self._action("outdent", "Lùi ra", "Ctrl+[", lambda: self.indent(False))

    def _tree(self) -> dict[int, tuple[int | None, int]]:
        """task id -> (parent id, position among siblings), from the appendix as loaded."""
        out: dict[int, tuple[int | None, int]] = {}

        def walk(tasks: tuple[Task, ...], parent: int | None) -> None:
            for i, t in enumerate(tasks):
                out[t.id] = (parent, i)
                walk(t.subtasks, t.id)

        walk(self.model.appendix().tasks, None)
        return out

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

    def _place_after(self, r: int) -> tuple[int | None, int | None]:
        item = self.model.item(r)
        if item is None:
            return None, None
        parent, pos = self._tree()[item.id]
        return parent, pos + 1

    def add_row(self, child: bool = False) -> None:
        item = self.model.item(self.current_row())
        if not child or item is None:
            return super().add_row()
        if self._busy():
            return
        if self.model.rows[self.current_row()].depth + 1 >= editing.MAX_TASK_DEPTH:
            self.session.report(f"Không thể thêm cấp con nữa: tối đa {editing.MAX_TASK_DEPTH} cấp.")
            return
        cmd = InsertRowCommand(
            self.session, TASKS, self.model.ref, Task(area=item.area), item.id, None, "Thêm nhiệm vụ con"
        )
        self._after(self.session.push(cmd), self.session.last_inserted, 1)

    def _step(self, delta: int):
        return editing.move_task_up if delta < 0 else editing.move_task_down

    def indent(self, inward: bool) -> None:
        if inward:
            self._move(editing.indent_task, "Lùi vào")
        else:
            self._move(editing.outdent_task, "Lùi ra")

    def _descendants(self, item):
        return iter_tasks((item,))


class TargetTableEditor(RowTableEditor):
    """The plan's targets (chỉ tiêu)."""

    noun = "chỉ tiêu"
    add_text = "Thêm dòng"

    def __init__(self, session: PlanSession, parent: QWidget | None = None):
        super().__init__(session, TargetTableModel(session, None), parent)
        self.title.setText("Chỉ tiêu")
        self.add_panel(AppendixPanel(session, self._targets_appendix()))
        session.changed.connect(self._follow_appendix)
        session.switched.connect(lambda: self._follow_appendix(None))

    def _targets_appendix(self) -> int | None:
        return next((a.id for a in self.session.plan.appendices if a.kind == "targets"), None)

    def _follow_appendix(self, change) -> None:
        if change is None or change.scope == "appendices":
            self.panel.appendix_id = self._targets_appendix()
            self.panel.refresh()

    def _new_item(self, r: int) -> Target:
        item = self.model.item(r)
        return Target(area=item.area if item is not None else "")

    def _place_after(self, r: int) -> tuple[int | None, int | None]:
        return (None, r + 1) if self.model.item(r) is not None else (None, None)

    def _step(self, delta: int):
        session = self.session

        def step(store, target_id: int):
            ids = [t.id for t in session.plan.targets]
            j = ids.index(target_id) + delta
            if not 0 <= j < len(ids):
                return None
            return editing.move_target(store, target_id, j)

        return step


__all__ = ["TARGETS", "RowTableEditor", "TaskTableEditor", "TargetTableEditor", "parse_tsv", "to_tsv"]
