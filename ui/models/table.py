"""Table models over tasks and targets: STT computed, edits pushed as undo commands."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.footnotes import split_notes
from app.model import TARGET_COLUMNS, Appendix, Plan, Task
from app.numbering import NumberedRow, task_rows
from app.vietnamese import clean_text
from ui.commands import TARGETS, TASKS, RowKind, SetFieldsCommand
from ui.models import tasktree
from ui.session import Change, PlanSession

STT_HEADER = "STT"
EDIT_CELL = "Sửa ô"
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    return str(n).translate(_SUPERSCRIPT)


def with_note_marks(text: str, first: int) -> tuple[str, list[tuple[int, str]]]:
    """'Luật^[Số 1/2025] mới' -> ('Luật¹ mới', [(1, 'Số 1/2025')]), numbering from `first`."""
    out, notes = [], []
    n = first
    for piece in split_notes(text):
        if piece.note is None:
            out.append(piece.text)
        else:
            n += 1
            notes.append((n, piece.note))
            out.append(superscript(n))
    return "".join(out), notes


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
        self._note_offsets: dict[tuple[int, str], int] | None = None
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
        self._note_offsets = None
        self.endResetModel()

    def _on_changed(self, change: Change) -> None:
        if change.scope == self.kind.name and self._is_mine(change):
            self.reload()
        elif change.scope == "cell" and self._is_mine(change):
            self._update_row(change.row_id, dict(change.fields))
        elif change.scope == "all" or (change.scope == "appendix" and self._is_my_appendix(change.ref)):
            self.reload()

    def _patch_item(self, row_id: int | None, fields: dict) -> None:
        """Keep a model's own copy of the items in step with a cell edit (task models keep a tree)."""

    def _is_my_appendix(self, appendix_id: int | None) -> bool:
        return self.ref is None or appendix_id == self.ref

    def notes_before(self, task_id: int, key: str) -> int:
        """How many footnotes come before this cell in the table (document order, row by row)."""
        if self._note_offsets is None:
            offsets: dict[tuple[int, str], int] = {}
            n = 0
            for row in self.rows:
                if row.task is None:
                    continue
                for k in self.columns:
                    text = getattr(row.task, k)
                    if "^[" in text:
                        offsets[(row.task.id, k)] = n
                        n += len(with_note_marks(text, 0)[1])
            self._note_offsets = offsets
        return self._note_offsets.get((task_id, key), 0)

    def _update_row(self, row_id: int | None, fields: dict) -> None:
        """A plain cell edit: patch the one row, no reload from the database."""
        r = self.row_of(row_id)
        if r is None:
            return
        row = self.rows[r]
        self.rows[r] = row._replace(task=replace(row.task, **fields))
        self._note_offsets = None
        self._patch_item(row_id, fields)
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
            text = getattr(row.task, self.columns[c - 1])
            if role == Qt.ItemDataRole.DisplayRole and "^[" in text:
                return with_note_marks(text, self.notes_before(row.task.id, self.columns[c - 1]))[0]
            return text
        if role == Qt.ItemDataRole.ToolTipRole and row.task is not None and c > 0:
            text = getattr(row.task, self.columns[c - 1])
            if "^[" in text:
                notes = with_note_marks(text, self.notes_before(row.task.id, self.columns[c - 1]))[1]
                return "\n".join(f"{superscript(n)} {note}" for n, note in notes) or None
            return None
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


def _row_key(row: NumberedRow) -> tuple:
    return ("task", row.task.id) if row.task is not None else ("group", row.area)


class TaskTableModel(RowTableModel):
    """The rows of one task appendix (group rows bold and read-only).

    The appendix's task tree is kept here: an insert, delete or move patches it and signals only
    the rows that changed (numbers recomputed with task_rows), without reloading the plan.
    """

    kind = TASKS

    def __init__(self, session: PlanSession, ref: int | None, parent=None):
        self._plan: Plan | None = None
        self._appendix: Appendix | None = None
        self._keys: list[tuple] = []  # row keys as last signalled, to diff the next edit against
        super().__init__(session, ref, parent)
        session.add_row_source(self.find_task)

    def appendix(self) -> Appendix:
        if self._appendix is None:
            self._appendix = next(a for a in self.session.plan.appendices if a.id == self.ref)
        return self._appendix

    def _patch_item(self, row_id: int | None, fields: dict) -> None:
        if self._appendix is not None and row_id is not None:
            tasks = tasktree.update(self._appendix.tasks, row_id, fields)
            self._appendix = replace(self._appendix, tasks=tasks)

    def detach(self) -> None:
        """The editor is going away: stop answering for rows it no longer follows."""
        self._appendix = None
        self._plan = None
        self.session.changed.disconnect(self._on_changed)
        self.session.switched.disconnect(self.reload)

    def find_task(self, task_id: int) -> Task | None:
        return tasktree.find(self._appendix.tasks, task_id) if self._appendix is not None else None

    def _build(self, plan: Plan):
        a = next((a for a in plan.appendices if a.id == self.ref), None)
        self._plan, self._appendix = plan, a
        if a is None:
            self._keys = []
            return [], (), []
        rows = task_rows(plan, a)
        self._keys = [_row_key(r) for r in rows]
        return rows, a.columns, [a.header_for(k) for k in a.columns]

    def _on_changed(self, change: Change) -> None:
        op = dict(change.fields).get("op") if change.scope == "tasks" else None
        if op is not None and self._is_mine(change) and self._appendix is not None and self._plan is not None:
            tasks = self._patched(op, change)
            if tasks is not None:
                self._apply_tree(tasks)
                return
        super()._on_changed(change)

    def _patched(self, op: str, change: Change) -> tuple[Task, ...] | None:
        """The appendix's tasks after the edit, or None when only a reload can tell."""
        assert self._appendix is not None
        f = dict(change.fields)
        tasks = self._appendix.tasks
        if op == "insert":
            return tasktree.insert(tasks, f["item"], f["parent"], f["position"])
        if op == "remove":
            rest, gone = tasktree.remove(tasks, change.row_id)
            return rest if gone is not None else None
        if op == "move":
            from storage.rows import TASKS as TASK_ROWS
            from storage.rows import locate

            loc = locate(self.session.store, TASK_ROWS, change.row_id)
            rest, moved = tasktree.remove(tasks, change.row_id)
            if moved is None:
                return None
            return tasktree.insert(rest, moved, loc.parent_id, loc.position)
        return None

    def _apply_tree(self, tasks: tuple[Task, ...]) -> None:
        """Swap in the new tree: one remove and/or insert signal for the changed span, new numbers after it."""
        assert self._appendix is not None and self._plan is not None
        self._appendix = replace(self._appendix, tasks=tasks)
        old, new = self.rows, task_rows(self._plan, self._appendix)
        ok = self._keys if len(self._keys) == len(old) else [_row_key(r) for r in old]
        nk = [_row_key(r) for r in new]
        self._keys = nk
        p = 0
        while p < len(ok) and p < len(nk) and ok[p] == nk[p]:
            p += 1
        s = 0
        while s < len(ok) - p and s < len(nk) - p and ok[-1 - s] == nk[-1 - s]:
            s += 1
        self._note_offsets = None
        if len(ok) - s > p:
            self.beginRemoveRows(QModelIndex(), p, len(ok) - s - 1)
            self.rows = old[:p] + old[len(ok) - s :]
            self.endRemoveRows()
        if len(nk) - s > p:
            self.beginInsertRows(QModelIndex(), p, len(nk) - s - 1)
            self.rows = new
            self.endInsertRows()
        self.rows = new
        # rows kept on either side whose number, depth or task changed (indent, renumbering)
        shift = len(nk) - len(ok)
        pairs = [(i, i) for i in range(p)] + [(j, j - shift) for j in range(len(nk) - s, len(nk))]
        relabelled, changed = [], []
        for j, i in pairs:
            a, b = new[j], old[i]
            if a is b or a == b:
                continue
            if a.task is b.task and a.depth == b.depth and a.kind == b.kind and a.title == b.title:
                relabelled.append(j)  # only the number moved on: the STT column alone
            else:
                changed.append(j)
        if relabelled:
            self.dataChanged.emit(self.index(relabelled[0], 0), self.index(relabelled[-1], 0))
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1))


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
