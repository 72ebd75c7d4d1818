"""Undo commands: each wraps one editing use case and its inverse, named in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from PySide6.QtGui import QUndoCommand

from app.errors import UserError
from app.model import TASK_TEXT_FIELDS, Appendix, Decision, Plan, Section, Target, Task, iter_sections, iter_tasks
from app.usecases import editing
from app.vietnamese import clean_text
from storage.rows import Location
from ui.session import Change, IdMap, PlanSession, log_bug

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
        # No C++ parent: a macro runs its kids itself. A Qt-owned child command crashed the stack's
        # clear() (switching plans after a paste) when Qt and Python both deleted it.
        super().__init__(text)
        self.session = session
        if isinstance(parent, MacroCommand):
            parent.kids.append(self)

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
            for kid in self.kids:
                kid.redo()
        if self.kids and all(k.isObsolete() for k in self.kids):
            self.setObsolete(True)

    def undo(self) -> None:
        with self.session.batch():
            for kid in reversed(self.kids):
                kid.undo()


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
        ref = self.session.ids["appendices"].resolve(self.ref)
        return Change("cell", self.kind.name, ref, row_id, tuple(values.items()))

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
        return self.session.ids["appendices"].resolve(self.ref) if self.ref is not None else self.session.plan_id

    def _change(self, row_id: int | None = None, **op) -> Change:
        """What changed; for tasks `op` lets the open table patch itself instead of reloading."""
        ref = self.session.ids["appendices"].resolve(self.ref) if self.ref is not None else None
        if self.kind.name != "tasks" or not op:
            return Change(self.kind.name, self.kind.name, ref)
        return Change(self.kind.name, self.kind.name, ref, row_id, tuple(op.items()))

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
        snapshot = self.session.find_row(self.kind, row_id)
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
        fresh = isinstance(self.item, Task) and self.item.id is None and not self.item.subtasks
        new_id = self._insert(self.item, self.parent_key, self.position)
        if self.key is None:
            self.key = new_id
        if not fresh:
            return self._change()
        stored = replace(self.item, id=new_id, **{k: clean_text(getattr(self.item, k)) for k in TASK_TEXT_FIELDS})
        parent = self.ids.resolve(self.parent_key)
        return self._change(new_id, op="insert", item=stored, parent=parent, position=self.position)

    def _undo(self) -> Change:
        row_id = self.ids.resolve(self.key)
        snapshot, loc = self._remove(row_id)
        self.item = snapshot  # redo puts back exactly this, ids mapped
        self.parent_key, self.position = loc.parent_id, loc.position
        return self._change(row_id, op="remove")


class RemoveRowCommand(_TreeEdit):
    """Delete a row and its children; undo puts the same rows back at the old place."""

    def __init__(self, session, kind: RowKind, ref, row_id: int, text: str, parent: QUndoCommand | None = None):
        super().__init__(session, kind, ref, text, parent)
        self.key = row_id
        self.snapshot = None
        self.loc: Location | None = None

    def _redo(self) -> Change:
        row_id = self.ids.resolve(self.key)
        self.snapshot, self.loc = self._remove(row_id)
        return self._change(row_id, op="remove")

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
        row_id = self.ids.resolve(self.key)
        loc = self.step(self.session.store, row_id)
        if loc is None:
            return None
        self.loc = loc
        return self._change(row_id, op="move")

    def _undo(self) -> Change:
        assert self.loc is not None
        row_id = self.ids.resolve(self.key)
        self.kind.move(self.session.store, row_id, self.ids.resolve(self.loc.parent_id), self.loc.position)
        return self._change(row_id, op="move")


# ---------------------------------------------------------------- appendices


def find_appendix(plan: Plan, appendix_id: int | None) -> Appendix | None:
    return next((a for a in plan.appendices if a.id == appendix_id), None)


class SetAppendixCommand(_Command):
    """Change settings of one appendix: title, columns and their order, header wording, grouping, area."""

    def __init__(self, session: PlanSession, appendix_id: int, old: dict, new: dict, text: str):
        super().__init__(session, text)
        self.key, self.old, self.new = appendix_id, old, new

    def _apply(self, values: dict) -> Change:
        appendix_id = self.session.ids["appendices"].resolve(self.key)
        editing.update_appendix(self.session.store, appendix_id, **values)
        return Change("appendix", "appendices", appendix_id, fields=tuple(values.items()))

    def _redo(self) -> Change:
        return self._apply(self.new)

    def _undo(self) -> Change:
        return self._apply(self.old)


class _AppendixEdit(_Command):
    """Adding an appendix back gives it (and its tasks) new ids: map the old ones to them."""

    @property
    def ids(self) -> IdMap:
        return self.session.ids["appendices"]

    def _add(self, appendix: Appendix, position: int | None) -> int:
        new_id = editing.add_appendix(self.session.store, self.session.plan_id, appendix, position)
        if appendix.id is not None:
            self.ids.remap(appendix.id, new_id)
            self.session.invalidate()
            fresh = find_appendix(self.session.plan, new_id)
            if fresh is not None:
                for old, new in zip(iter_tasks(appendix.tasks), iter_tasks(fresh.tasks), strict=False):
                    if old.id is not None and new.id is not None:
                        self.session.ids["tasks"].remap(old.id, new.id)
        self.session.last_inserted = new_id
        return new_id

    def _remove(self, appendix_id: int) -> tuple[Appendix, int]:
        self.session.invalidate()
        snapshot = find_appendix(self.session.plan, appendix_id)
        if snapshot is None:
            raise UserError("Không tìm thấy phụ lục cần xóa; có thể nó đã bị xóa.")
        return snapshot, editing.delete_appendix(self.session.store, appendix_id)


class AddAppendixCommand(_AppendixEdit):
    def __init__(self, session: PlanSession, appendix: Appendix, position: int | None, text: str):
        super().__init__(session, text)
        self.appendix, self.position = appendix, position
        self.key: int | None = None

    def _redo(self) -> Change:
        new_id = self._add(self.appendix, self.position)
        if self.key is None:
            self.key = new_id
        return Change("appendices", "appendices", new_id)

    def _undo(self) -> Change:
        self.appendix, self.position = self._remove(self.ids.resolve(self.key))
        return Change("appendices", "appendices", None)


class DeleteAppendixCommand(_AppendixEdit):
    """Delete an appendix with its tasks (a backup is taken first); undo puts it back at its place."""

    def __init__(self, session: PlanSession, appendix_id: int, text: str = "Xóa phụ lục"):
        super().__init__(session, text)
        self.key = appendix_id
        self.snapshot: Appendix | None = None
        self.position = 0
        self.backed_up = False

    def _redo(self) -> Change:
        if not self.backed_up:
            from storage.backup import auto_backup

            auto_backup(self.session.store, "xoa-phu-luc")
            self.backed_up = True
        self.snapshot, self.position = self._remove(self.ids.resolve(self.key))
        return Change("appendices", "appendices", None)

    def _undo(self) -> Change:
        assert self.snapshot is not None
        new_id = self._add(self.snapshot, self.position)
        return Change("appendices", "appendices", new_id)


class MoveAppendixCommand(_AppendixEdit):
    def __init__(self, session: PlanSession, appendix_id: int, position: int, text: str = "Di chuyển phụ lục"):
        super().__init__(session, text)
        self.key, self.position = appendix_id, position
        self.old: int | None = None

    def _redo(self) -> Change | None:
        appendix_id = self.ids.resolve(self.key)
        old = editing.move_appendix(self.session.store, appendix_id, self.position)
        if old == self.position:
            return None
        self.old = old
        return Change("appendices", "appendices", appendix_id)

    def _undo(self) -> Change:
        assert self.old is not None
        appendix_id = self.ids.resolve(self.key)
        editing.move_appendix(self.session.store, appendix_id, self.old)
        return Change("appendices", "appendices", appendix_id)


# ---------------------------------------------------------------- decision


class IssueByDecisionCommand(_Command):
    """Issue the plan by a decision (generated, then editable) or on its own; undo restores the old one."""

    def __init__(self, session: PlanSession, on: bool, remembered: Decision | None = None):
        super().__init__(session, "Ban hành kèm theo quyết định" if on else "Bỏ quyết định ban hành")
        self.on, self.remembered = on, remembered
        self.old = session.plan.decision
        self.new: Decision | None = None
        self.done_once = False

    def _redo(self) -> Change:
        from app.usecases.plans import issue_by_decision

        pid = self.session.plan_id
        if not self.done_once:
            if self.on and self.remembered is not None:
                editing.update_plan_header(self.session.store, pid, decision=self.remembered)
                self.new = self.remembered
            else:
                self.new = issue_by_decision(self.session.store, pid, self.on)
            self.done_once = True
        else:
            editing.update_plan_header(self.session.store, pid, decision=self.new)
        return Change("header", fields=(("decision", self.new),))

    def _undo(self) -> Change:
        editing.update_plan_header(self.session.store, self.session.plan_id, decision=self.old)
        return Change("header", fields=(("decision", self.old),))


# ---------------------------------------------------------------- whole-plan rewrites


def plan_texts(session: PlanSession) -> list[str]:
    from app.text_walk import iter_texts

    session.invalidate()
    return [text for _, text in iter_texts(session.plan)]


def rewrite_to(session: PlanSession, source: list[str], target: list[str]) -> int:
    """Put back `target` texts where the plan holds `source` texts, place by place.

    rewrite_texts visits the texts in iter_texts order, the same order the lists were taken in,
    so the n-th call is the n-th place; a text that is not what was recorded is left alone.
    """
    calls = iter(range(len(source)))

    def fn(text: str) -> str:
        i = next(calls, None)
        if i is None or i >= len(source) or text != source[i]:
            return text
        return target[i]

    return editing.rewrite_texts(session.store, session.plan_id, fn)


class UnifyToneCommand(_Command):
    """Every 'hoà/hòa', 'uỷ/ủy' written one way; undo puts back each text exactly as it was."""

    def __init__(self, session: PlanSession, style: str):
        label = "hòa, ủy" if style == "new" else "hoà, uỷ"
        super().__init__(session, f"Thống nhất kiểu bỏ dấu ({label})")
        self.style = style
        self.before: list[str] | None = None
        self.after: list[str] = []
        self.count = 0

    def _redo(self) -> Change | None:
        if self.before is None:
            self.before = plan_texts(self.session)
            self.count = editing.unify_tone_style(self.session.store, self.session.plan_id, self.style)
            if not self.count:
                return None
            self.after = plan_texts(self.session)
        else:
            rewrite_to(self.session, self.before, self.after)
        return Change("all")

    def _undo(self) -> Change:
        assert self.before is not None
        rewrite_to(self.session, self.after, self.before)
        return Change("all")
