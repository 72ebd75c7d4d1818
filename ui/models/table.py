"""Table models over tasks and targets: STT computed, edits run as operations, rows dragged.

The task model keeps its appendix's task tree. When an operation names this appendix, it reads
the appendix's tasks again (one query) and signals only the rows that differ — an insert, a
move or an edit repaints a few rows of a 2,000-row table, never resets it.
"""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.footnotes import split_notes
from app.model import TARGET_COLUMNS, Appendix, Plan, Task
from app.numbering import NumberedRow, task_rows
from app.ops import rows as row_ops
from app.ops.changes import Changes, Part
from app.vietnamese import clean_text
from ui.context import PlanContext
from ui.models import tasktree

STT_HEADER = "STT"
EDIT_CELL = "Sửa ô"
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 2
ROWS_MIME = "application/x-kehoach-rows"

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

    kind: row_ops.RowKind

    def __init__(self, context: PlanContext, ref: int | None, parent=None):
        super().__init__(parent)
        self.context = context
        self.ref = ref
        self.rows: list[NumberedRow] = []
        self.columns: tuple[str, ...] = ()
        self._headers: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._note_offsets: dict[tuple[int, str], int] | None = None
        context.changed.connect(self._on_changed)
        context.switched.connect(lambda _id: self.reload())
        self.reload()

    # -- subclass hooks
    def _build(self, plan: Plan) -> tuple[list[NumberedRow], tuple[str, ...], list[str]]:
        raise NotImplementedError

    def _refresh(self, changes: Changes) -> None:
        """Follow an operation that touched this table."""
        self.reload()

    def _concerns(self, changes: Changes) -> bool:
        raise NotImplementedError

    # -- loading
    def reload(self) -> None:
        self.beginResetModel()
        self.rows, self.columns, self._headers = self._build(self.context.plan)
        self._note_offsets = None
        self.endResetModel()

    def _on_changed(self, changes: Changes) -> None:
        if not self.context.mine(changes):
            return
        if Part.EVERYTHING in changes.parts or changes.touches(Part.HEADER):
            self.reload()
        elif self._concerns(changes):
            self._refresh(changes)

    def notes_before(self, row_id: int, key: str) -> int:
        """How many footnotes come before this cell in the table (document order, row by row)."""
        if self._note_offsets is None:
            offsets: dict[tuple[int, str], int] = {}
            n = 0
            for row in self.rows:
                if row.task is None or row.task.id is None:
                    continue
                for k in self.columns:
                    text = getattr(row.task, k)
                    if "^[" in text:
                        offsets[(row.task.id, k)] = n
                        n += len(with_note_marks(text, 0)[1])
            self._note_offsets = offsets
        return self._note_offsets.get((row_id, key), 0)

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
            return self._text(row, c, role)
        if role == Qt.ItemDataRole.ToolTipRole and row.task is not None and c > 0:
            return self._notes_tip(row, c)
        if role == Qt.ItemDataRole.FontRole and row.kind == "group":
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if c == 0 else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        if role == ROW_ID_ROLE:
            return row.task.id if row.task is not None else None
        if role == DEPTH_ROLE:
            return row.depth
        return None

    def _text(self, row: NumberedRow, c: int, role: int) -> str:
        if row.kind == "group" or row.task is None:
            return row.label if c == 0 else (row.title if c == 1 else "")
        if c == 0:
            return row.label
        text = getattr(row.task, self.columns[c - 1])
        if role == Qt.ItemDataRole.DisplayRole and "^[" in text:
            return with_note_marks(text, self.notes_before(row.task.id or 0, self.columns[c - 1]))[0]
        return text

    def _notes_tip(self, row: NumberedRow, c: int) -> str | None:
        assert row.task is not None
        text = getattr(row.task, self.columns[c - 1])
        if "^[" not in text:
            return None
        notes = with_note_marks(text, self.notes_before(row.task.id or 0, self.columns[c - 1]))[1]
        return "\n".join(f"{superscript(n)} {note}" for n, note in notes) or None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        if self.rows[index.row()].kind == "group":
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == 0:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        key = self.columns[index.column() - 1]
        item = self.rows[index.row()].task
        assert item is not None and item.id is not None
        new = clean_text(str(value if value is not None else "")).strip("\n")
        if new == getattr(item, key):
            return False
        done = self.context.run(row_ops.set_fields, self.kind, item.id, label=EDIT_CELL, **{key: new})
        return bool(done)

    # -- dragging rows
    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({self.rows[i.row()].task.id for i in indexes if self.rows[i.row()].task is not None})
        mime = QMimeData()
        mime.setData(ROWS_MIME, json.dumps({"kind": self.kind.name, "ids": ids}).encode())
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


def dragged_ids(mime: QMimeData, kind: str) -> list[int]:
    """The row ids a drag carries, when they are rows of this kind."""
    if not mime.hasFormat(ROWS_MIME):
        return []
    try:
        data = json.loads(bytes(mime.data(ROWS_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [int(i) for i in data.get("ids", [])] if data.get("kind") == kind else []


def _row_key(row: NumberedRow) -> tuple:
    return ("task", row.task.id) if row.task is not None else ("group", row.area)


class TaskTableModel(RowTableModel):
    """The rows of one task appendix (group rows bold and read-only)."""

    kind = row_ops.TASKS

    def __init__(self, context: PlanContext, ref: int, parent=None):
        self._plan: Plan | None = None
        self._appendix: Appendix | None = None
        super().__init__(context, ref, parent)

    def appendix(self) -> Appendix:
        assert self._appendix is not None
        return self._appendix

    def detach(self) -> None:
        """The editor is going away: stop following the data."""
        self.context.changed.disconnect(self._on_changed)

    def _build(self, plan: Plan):
        assert self.ref is not None
        self.ref = self.context.ws.ids["appendices"].resolve(self.ref)
        a = next((a for a in plan.appendices if a.id == self.ref), None)
        self._plan, self._appendix = plan, a
        if a is None:
            return [], (), []
        return task_rows(plan, a), a.columns, [a.header_for(k) for k in a.columns]

    def _concerns(self, changes: Changes) -> bool:
        if self.ref not in changes.appendix_ids:
            return False
        return changes.touches(Part.TASKS, Part.APPENDICES)

    def _refresh(self, changes: Changes) -> None:
        if changes.touches(Part.APPENDICES) and not changes.touches(Part.TASKS):
            self.reload()  # columns, headers or grouping changed
            return
        if self._appendix is None or self._plan is None:
            self.reload()
            return
        runner = self.context.runner
        if changes.fields and changes.ids:
            self._repaint_fields(changes)
            return
        tasks = self._patched(changes) if changes.ids else runner.call(row_ops.appendix_tasks, self.ref)
        if tasks is None:
            self.reload()
            return
        self._apply_tree(tasks)

    def _repaint_fields(self, changes: Changes) -> None:
        """A cell edit: the edited fields read again for the rows named, those rows repainted."""
        assert self._appendix is not None
        tree = self._appendix.tasks
        for row_id in changes.ids:
            r = self.row_of(row_id)
            if r is None:
                continue
            values = self.context.runner.call(row_ops.fields_of, row_ops.TASKS, row_id, tuple(changes.fields))
            if values is None:
                continue
            row = self.rows[r]
            assert row.task is not None
            self.rows[r] = row._replace(task=replace(row.task, **values))  # type: ignore[arg-type]
            tree = tasktree.update(tree, row_id, values)
            self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))
        self._appendix = replace(self._appendix, tasks=tree)
        self._note_offsets = None

    def _patched(self, changes: Changes) -> tuple[Task, ...] | None:
        """The tree after a structural edit, from where the rows it names are now: rows gone or
        moved to another table leave, rows moved or added here take their place."""
        assert self._appendix is not None
        runner = self.context.runner
        places = runner.call(row_ops.where_are, row_ops.TASKS, sorted(changes.ids))
        if places is None:
            return None
        tree = self._appendix.tasks
        kept: dict[int, Task] = {}
        for row_id in changes.ids:
            tree, gone = tasktree.remove(tree, row_id)
            if gone is not None:
                kept[row_id] = gone
        here = [(loc, row_id) for row_id, loc in places.items() if loc is not None and loc.scope[0] == self.ref]
        for loc, row_id in sorted(here, key=lambda p: (p[0].parent_id or 0, p[0].position)):
            item = kept.get(row_id) or runner.call(row_ops.snapshot, row_ops.TASKS, row_id)
            if not isinstance(item, Task):
                return None
            placed = tasktree.insert(tree, item, loc.parent_id, loc.position)
            if placed is None:
                return None  # its parent is not in this table as held: read it all again
            tree = placed
        return tree

    def _apply_tree(self, tasks: tuple[Task, ...]) -> None:
        """Swap in the new tree: one remove and/or insert signal for the changed span, then the
        rows kept on either side whose number or content changed."""
        assert self._appendix is not None and self._plan is not None
        self._appendix = replace(self._appendix, tasks=tasks)
        old, new = self.rows, task_rows(self._plan, self._appendix)
        ok, nk = [_row_key(r) for r in old], [_row_key(r) for r in new]
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
        shift = len(nk) - len(ok)
        pairs = [(i, i) for i in range(p)] + [(j, j - shift) for j in range(len(nk) - s, len(nk))]
        self._signal_kept(old, new, pairs)

    def _signal_kept(self, old: list[NumberedRow], new: list[NumberedRow], pairs: list[tuple[int, int]]) -> None:
        relabelled, changed = [], []
        for j, i in pairs:
            a, b = new[j], old[i]
            if a == b:
                continue
            if a.task == b.task and a.depth == b.depth and a.kind == b.kind and a.title == b.title:
                relabelled.append(j)  # only the number moved on: the STT column alone
            else:
                changed.append(j)
        if relabelled:
            self.dataChanged.emit(self.index(relabelled[0], 0), self.index(relabelled[-1], 0))
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1))


class TargetTableModel(RowTableModel):
    """The plan's targets, numbered 1, 2, 3 …"""

    kind = row_ops.TARGETS

    def _build(self, plan: Plan):
        # NumberedRow.task holds the target: the model code is shared with tasks.
        rows = [NumberedRow("task", str(i), 0, t) for i, t in enumerate(plan.targets, 1)]  # type: ignore[arg-type]
        headers = dict(TARGET_COLUMNS)
        ta = next((a for a in plan.appendices if a.kind == "targets"), None)
        keys = tuple(k for k, _ in TARGET_COLUMNS)
        return rows, keys, [ta.header_for(k) if ta else headers[k] for k in keys]

    def _concerns(self, changes: Changes) -> bool:
        return changes.touches(Part.TARGETS, Part.APPENDICES)

    def _refresh(self, changes: Changes) -> None:
        plan = self.context.plan
        if changes.touches(Part.TARGETS) and len(plan.targets) == len(self.rows):
            self.rows = self._build(plan)[0]  # same rows: repaint, keep the selection and editor
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))
            return
        self.reload()


__all__ = ["ROW_ID_ROLE", "RowTableModel", "TargetTableModel", "TaskTableModel", "dragged_ids"]
