"""Table models over tasks and targets: STT computed, edits pushed as undo commands."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.model import TARGET_COLUMNS, Appendix, Plan
from app.numbering import NumberedRow, task_rows
from app.vietnamese import clean_text
from ui.commands import TARGETS, TASKS, RowKind, SetFieldsCommand
from ui.session import Change, PlanSession

STT_HEADER = "STT"
EDIT_CELL = "Sửa ô"
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """A flat list of numbered rows; column 0 is STT, the rest are fields of the row's item."""

    kind: RowKind

    def __init__(self, session: PlanSession, ref: int | None, parent=None):
        super().__init__(parent)
        self.session = session
        self.ref = ref
        self.rows: list[NumberedRow] = []
        self.columns: tuple[str, ...] = ()
        self._headers: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        session.changed.connect(self._on_changed)
        session.switched.connect(self.reload)
        self.reload()

    # -- subclass hooks
    def _build(self, plan: Plan) -> tuple[list[NumberedRow], tuple[str, ...], list[str]]:
        raise NotImplementedError

    def _is_mine(self, change: Change) -> bool:
        return change.kind == self.kind.name and (self.ref is None or change.ref == self.ref)

    # -- loading
    def reload(self) -> None:
        self.beginResetModel()
        self.rows, self.columns, self._headers = self._build(self.session.plan)
        self.endResetModel()

    def _on_changed(self, change: Change) -> None:
        if change.scope == self.kind.name and self._is_mine(change):
            self.reload()
        elif change.scope == "cell" and self._is_mine(change):
            self._update_row(change.row_id, dict(change.fields))

    def _update_row(self, row_id: int | None, fields: dict) -> None:
        """A plain cell edit: patch the one row, no reload from the database."""
        r = self.row_of(row_id)
        if r is None:
            return
        row = self.rows[r]
        self.rows[r] = replace(row, task=replace(row.task, **fields))
        self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    # -- lookups
    def row_of(self, row_id: int | None) -> int | None:
        for r, row in enumerate(self.rows):
            if row.task is not None and row.task.id == row_id:
                return r
        return None

    def item(self, r: int):
        return self.rows[r].task if 0 <= r < len(self.rows) else None

    def is_group(self, r: int) -> bool:
        return self.rows[r].kind == "group"

    def field_of(self, column: int) -> str | None:
        return self.columns[column - 1] if 1 <= column <= len(self.columns) else None

    def column_of(self, key: str) -> int | None:
        return self.columns.index(key) + 1 if key in self.columns else None

    # -- Qt model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return STT_HEADER if section == 0 else self._headers[section - 1]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        c = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if row.kind == "group":
                return row.label if c == 0 else (row.title if c == 1 else "")
            if c == 0:
                return row.label
            return getattr(row.task, self.columns[c - 1])
        if role == Qt.ItemDataRole.FontRole and row.kind == "group":
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and c == 0:
            return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == ROW_ID_ROLE:
            return row.task.id if row.task is not None else None
        if role == DEPTH_ROLE:
            return row.depth
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.rows[index.row()].kind == "group" or index.column() == 0:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        key = self.columns[index.column() - 1]
        item = self.rows[index.row()].task
        new = clean_text(str(value if value is not None else "")).strip("\n")
        old = getattr(item, key)
        if new == old:
            return False
        # push() runs redo(), which writes and then patches this row through the changed signal.
        return self.session.push(
            SetFieldsCommand(self.session, self.kind, self.ref, item.id, {key: old}, {key: new}, EDIT_CELL)
        )


class TaskTableModel(RowTableModel):
    """The rows of one task appendix (group rows bold and read-only)."""

    kind = TASKS

    def appendix(self) -> Appendix:
        return next(a for a in self.session.plan.appendices if a.id == self.ref)

    def _build(self, plan: Plan):
        a = next((a for a in plan.appendices if a.id == self.ref), None)
        if a is None:
            return [], (), []
        return task_rows(plan, a), a.columns, [a.header_for(k) for k in a.columns]


class TargetTableModel(RowTableModel):
    """The plan's targets, numbered 1, 2, 3 …"""

    kind = TARGETS

    def _build(self, plan: Plan):
        # NumberedRow.task holds the target: the model code is shared with tasks.
        rows = [NumberedRow("task", str(i), 0, t) for i, t in enumerate(plan.targets, 1)]  # type: ignore[arg-type]
        headers = dict(TARGET_COLUMNS)
        ta = next((a for a in plan.appendices if a.kind == "targets"), None)
        keys = tuple(k for k, _ in TARGET_COLUMNS)
        return rows, keys, [ta.header_for(k) if ta else headers[k] for k in keys]
