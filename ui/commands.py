"""Undo commands: each wraps one editing use case and its inverse, named in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from app.errors import UserError
from app.model import Plan, Section, Target, Task, iter_sections, iter_tasks
from app.usecases import editing
from storage.rows import Location
from ui.session import Change, PlanSession, log_bug

# ---------------------------------------------------------------- row kinds


def find_task(plan: Plan, task_id: int) -> tuple[int, Task] | None:
    """(appendix id, task) for a task id anywhere in the plan."""
    for a in plan.appendices:
        for t in iter_tasks(a.tasks):
            if t.id == task_id:
                assert a.id is not None
                return a.id, t
    return None


def find_section(plan: Plan, section_id: int) -> Section | None:
    return next((s for _, s in iter_sections(plan.sections) if s.id == section_id), None)


def find_target(plan: Plan, target_id: int) -> Target | None:
    return next((t for t in plan.targets if t.id == target_id), None)


@dataclass(frozen=True)
class RowKind:
    """How to insert, delete, move, update and find one kind of row."""

    name: str  # "tasks" | "sections" | "targets" (also the IdMap key)
    insert: Callable[..., int]  # (store, scope_id, item, parent_id, position) -> new id
    delete: Callable[..., Location]
    move: Callable[..., Location]  # (store, id, parent_id, position) -> old location
    update: Callable[..., None]
    find: Callable[[Plan, int], object]
    walk: Callable[[object], Iterator]  # the item and its descendants, depth first


def _find_task_only(plan: Plan, task_id: int):
    found = find_task(plan, task_id)
    return found[1] if found else None


TASKS = RowKind(
    "tasks",
    lambda s, scope, item, parent, pos: editing.add_task(s, scope, item, parent, pos),
    editing.delete_task,
    editing.move_task,
    editing.update_task,
    _find_task_only,
    lambda t: iter_tasks((t,)),
)
SECTIONS = RowKind(
    "sections",
    lambda s, scope, item, parent, pos: editing.add_section(s, scope, item, parent, pos),
    editing.delete_section,
    editing.move_section,
    editing.update_section,
    find_section,
    lambda s: (x for _, x in iter_sections((s,))),
)
TARGETS = RowKind(
    "targets",
    lambda s, scope, item, parent, pos: editing.add_target(s, scope, item, pos),
    editing.delete_target,
    lambda s, row_id, parent, pos: editing.move_target(s, row_id, pos),
    editing.update_target,
    find_target,
    lambda t: iter((t,)),
)


# ---------------------------------------------------------------- base


class _Command(QUndoCommand):
    """Runs a use case in redo/undo; a failure is reported and the command dropped (setObsolete)."""

    def __init__(self, session: PlanSession, text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.session = session
        if isinstance(parent, MacroCommand):
            parent.kids.append(self)  # PySide does not keep a child's Python half alive for its parent

    def _run(self, fn: Callable[[], Change | None]) -> None:
        try:
            change = fn()
        except UserError as e:
            self.setObsolete(True)
            self.session.report(e.message)
            return
        except Exception as e:  # a bug: log it, keep the window alive
            self.setObsolete(True)
            self.session.report(log_bug(e))
            return
        if change is None:  # nothing to do (first row moved up…): drop silently
            self.setObsolete(True)
            return
        self.session.notify(change)

    def redo(self) -> None:
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _redo(self) -> Change | None:
        raise NotImplementedError

    def _undo(self) -> Change | None:
        raise NotImplementedError


class MacroCommand(QUndoCommand):
    """Several commands as one undo step ("Dán 5 dòng"), announced once."""

    def __init__(self, session: PlanSession, text: str):
        super().__init__(text)
        self.session = session
        self.kids: list[QUndoCommand] = []

    def redo(self) -> None:
        with self.session.batch():
            super().redo()

    def undo(self) -> None:
        with self.session.batch():
            super().undo()


# ---------------------------------------------------------------- header


class SetHeaderCommand(_Command):
    """Change plan header fields (`old`/`new` hold the domain values)."""

    def __init__(self, session: PlanSession, old: dict, new: dict, text: str = "Sửa thông tin chung"):
        super().__init__(session, text)
        self.plan_id = session.plan_id
        self.old, self.new = old, new

    def _apply(self, values: dict) -> Change:
        editing.update_plan_header(self.session.store, self.plan_id, **values)
        return Change("header", fields=tuple(values.items()))

    def _redo(self) -> Change:
        return self._apply(self.new)

    def _undo(self) -> Change:
        return self._apply(self.old)


# ---------------------------------------------------------------- rows


class SetFieldsCommand(_Command):
    """Change fields of one task, section or target; every commit is its own undo step, as in Excel."""

    def __init__(
        self, session: PlanSession, kind: RowKind, ref: int | None, row_id: int, old: dict, new: dict, text: str
    ):
        super().__init__(session, text)
        self.kind, self.ref, self.key = kind, ref, row_id
        self.old, self.new = old, new

    def _apply(self, values: dict) -> Change:
        row_id = self.session.ids[self.kind.name].resolve(self.key)
        self.kind.update(self.session.store, row_id, **values)
        return Change("cell", self.kind.name, self.ref, row_id, tuple(values.items()))

    def _redo(self) -> Change:
        return self._apply(self.new)

    def _undo(self) -> Change:
        return self._apply(self.old)


class _TreeEdit(_Command):
    """Shared insert/remove logic: re-inserting a snapshot maps its old ids to the new ones."""

    def __init__(self, session: PlanSession, kind: RowKind, ref: int | None, text: str, parent=None):
        super().__init__(session, text, parent)
        self.kind, self.ref = kind, ref

    @property
    def ids(self):
        return self.session.ids[self.kind.name]

    def _scope(self) -> int:
        return self.ref if self.ref is not None else self.session.plan_id

    def _change(self) -> Change:
        return Change(self.kind.name, self.kind.name, self.ref)

    def _insert(self, item, parent_key: int | None, position: int | None) -> int:
        store = self.session.store
        new_id = self.kind.insert(store, self._scope(), item, self.ids.resolve(parent_key), position)
        if getattr(item, "id", None) is not None:
            self.session.invalidate()
            fresh = self.kind.find(self.session.plan, new_id)
            for old, new in zip(self.kind.walk(item), self.kind.walk(fresh), strict=False):
                if old.id is not None and new.id is not None:
                    self.ids.remap(old.id, new.id)
        self.session.last_inserted = new_id
        return new_id

    def _remove(self, row_id: int):
        """Delete a row; returns (snapshot with ids, old location)."""
        self.session.invalidate()
        snapshot = self.kind.find(self.session.plan, row_id)
        if snapshot is None:
            raise UserError("Không tìm thấy dòng cần xóa; có thể nó đã bị xóa.")
        loc = self.kind.delete(self.session.store, row_id)
        return snapshot, loc


class InsertRowCommand(_TreeEdit):
    """Add a task, section or target (with its children) at a place among its siblings."""

    def __init__(
        self,
        session,
        kind: RowKind,
        ref,
        item,
        parent_id: int | None,
        position: int | None,
        text: str,
        parent: QUndoCommand | None = None,
    ):
        super().__init__(session, kind, ref, text, parent)
        self.item, self.parent_key, self.position = item, parent_id, position
        self.key: int | None = None

    def _redo(self) -> Change:
        new_id = self._insert(self.item, self.parent_key, self.position)
        if self.key is None:
            self.key = new_id
        return self._change()

    def _undo(self) -> Change:
        snapshot, loc = self._remove(self.ids.resolve(self.key))
        self.item = snapshot  # redo puts back exactly this, ids mapped
        self.parent_key, self.position = loc.parent_id, loc.position
        return self._change()


class RemoveRowCommand(_TreeEdit):
    """Delete a row and its children; undo puts the same rows back at the old place."""

    def __init__(self, session, kind: RowKind, ref, row_id: int, text: str, parent: QUndoCommand | None = None):
        super().__init__(session, kind, ref, text, parent)
        self.key = row_id
        self.snapshot = None
        self.loc: Location | None = None

    def _redo(self) -> Change:
        self.snapshot, self.loc = self._remove(self.ids.resolve(self.key))
        return self._change()

    def _undo(self) -> Change:
        assert self.loc is not None
        self._insert(self.snapshot, self.loc.parent_id, self.loc.position)
        return self._change()


class MoveRowCommand(_TreeEdit):
    """Move a row with a step use case (up, down, indent, outdent); undo moves it back."""

    def __init__(self, session, kind: RowKind, ref, row_id: int, step: Callable[..., Location | None], text: str):
        super().__init__(session, kind, ref, text)
        self.key, self.step = row_id, step
        self.loc: Location | None = None

    def _redo(self) -> Change | None:
        loc = self.step(self.session.store, self.ids.resolve(self.key))
        if loc is None:
            return None
        self.loc = loc
        return self._change()

    def _undo(self) -> Change:
        assert self.loc is not None
        self.kind.move(
            self.session.store, self.ids.resolve(self.key), self.ids.resolve(self.loc.parent_id), self.loc.position
        )
        return self._change()
