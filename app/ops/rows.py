"""Edit the ordered rows of a plan: tasks (a tree per appendix), sections (a tree) and targets (a list).

Each operation is one transaction and returns its Changes with the step that undoes it. A row put
back by an undo gets new ids; the workspace remembers old id -> new id, and every operation
resolves the ids it is given, so older undo steps still find their rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from app.errors import InvalidInput, NotFound
from app.model import Plan, Section, Target, Task, iter_sections, iter_tasks
from app.ops.changes import NOTHING, Changes, Part
from app.records import Location
from app.tracking.calendar import PERIOD_KEYS
from app.tracking.measure import Measure
from app.tracking.status import TaskTracking
from app.vietnamese import clean_text
from app.workspace import Workspace

MAX_TASK_DEPTH = 3
MAX_SECTION_DEPTH = 6
Item = Task | Section | Target


@dataclass(frozen=True)
class RowKind:
    """One kind of ordered row, as the operations see it."""

    name: str  # "tasks" | "sections" | "targets" (also the workspace's id map)
    part: Part
    noun: str  # for undo texts and messages
    tree: bool
    max_depth: int

    def storage(self, ws: Workspace):
        return {"tasks": ws.db.TASKS, "sections": ws.db.SECTIONS, "targets": ws.db.TARGETS}[self.name]

    def find(self, plan: Plan, row_id: int) -> Item | None:
        for item in self.walk_plan(plan):
            if item.id == row_id:
                return item
        return None

    def walk_plan(self, plan: Plan) -> Iterator[Item]:
        if self.name == "tasks":
            for a in plan.appendices:
                yield from iter_tasks(a.tasks)
        elif self.name == "sections":
            yield from (s for _, s in iter_sections(plan.sections))
        else:
            yield from plan.targets

    def walk(self, item: Item) -> Iterator[Item]:
        """The item and its descendants, depth first."""
        yield item
        for child in getattr(item, "subtasks", ()) or getattr(item, "sections", ()):
            yield from self.walk(child)


TASKS = RowKind("tasks", Part.TASKS, "nhiệm vụ", True, MAX_TASK_DEPTH)
SECTIONS = RowKind("sections", Part.SECTIONS, "mục", True, MAX_SECTION_DEPTH)
TARGETS = RowKind("targets", Part.TARGETS, "chỉ tiêu", False, 1)
KINDS = {k.name: k for k in (TASKS, SECTIONS, TARGETS)}


def _changes(
    ws: Workspace,
    kind: RowKind,
    loc: Location,
    ids,
    label: str,
    fields=(),
    undo=None,
    created=None,
    tables=(),
    parts: Iterable[Part] = (),
):
    ws.forget(loc.plan_id)
    appendices = {loc.scope[0], *tables} if kind is TASKS else set()
    return Changes.of(
        loc.plan_id,
        kind.part,
        *parts,
        ids=ids,
        appendix_ids=appendices,
        fields=fields,
        label=label,
        undo=undo,
        created=created,
    )


# ---------------------------------------------------------------- fields


def set_fields(ws: Workspace, kind: RowKind, row_id: int, label: str = "", **fields: Any) -> Changes:
    """Change some fields of one row ("Sửa ô"); unchanged values make no undo step."""
    row_id = ws.ids[kind.name].resolve(row_id)
    loc = ws.db.locate(kind.storage(ws), row_id)
    new = {k: _clean(v) for k, v in fields.items()}
    old: dict[str, Any] = ws.db.read_row(kind.storage(ws), row_id, tuple(new))
    if old == new:
        return NOTHING
    ws.db.update_row(kind.storage(ws), row_id, **new)
    label = label or "Sửa ô"
    return _changes(
        ws, kind, loc, (row_id,), label, new.keys(), partial(set_fields, kind=kind, row_id=row_id, label=label, **old)
    )


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, tuple):
        return tuple(clean_text(v) if isinstance(v, str) else v for v in value)
    return value


# ---------------------------------------------------------------- insert and remove


def insert(
    ws: Workspace,
    kind: RowKind,
    scope_id: int,
    items: Sequence[Item],
    parent_id: int | None = None,
    position: int | None = None,
    label: str = "",
) -> Changes:
    """Insert rows (with their children) one after another at `position` among the children of
    `parent_id` (None: at the end); `scope_id` is the appendix (tasks) or the plan. One transaction."""
    if not items:
        return NOTHING
    parent_id = ws.ids[kind.name].resolve(parent_id) if parent_id is not None else None
    if kind is TASKS:
        scope_id = ws.ids["appendices"].resolve(scope_id)
        plan_id = _task_table(ws, scope_id)
    else:
        plan_id = scope_id
    if parent_id is not None and ws.db.locate(kind.storage(ws), parent_id).scope != (scope_id,):
        raise InvalidInput(f"Chỉ thêm {kind.noun} con vào một dòng của cùng một bảng.")
    if parent_id is not None and kind.tree and ws.db.depth(kind.storage(ws), parent_id) + 1 >= kind.max_depth:
        raise InvalidInput(f"Không thể thêm cấp con nữa: tối đa {kind.max_depth} cấp.")
    new_ids: list[int] = []
    with ws.atomic():
        for i, item in enumerate(items):
            pos = None if position is None else position + i
            new_ids.append(
                ws.db.insert_row(kind.storage(ws), plan_id, (scope_id,), parent_id, pos, item, keep_ids=True)
            )
    ws.forget(plan_id)
    _remap_snapshots(ws, kind, plan_id, items, new_ids)
    loc = ws.db.locate(kind.storage(ws), new_ids[0])
    label = label or f"Thêm {kind.noun}"
    undo = partial(remove, kind=kind, row_ids=tuple(new_ids), label=label)
    return _changes(ws, kind, loc, new_ids, label, undo=undo, created=new_ids[0])


def _task_table(ws: Workspace, appendix_id: int) -> int:
    row = ws.db.appendix_kind(appendix_id)
    if row is None:
        raise InvalidInput("Không tìm thấy phụ lục để thêm nhiệm vụ; có thể nó đã bị xóa.")
    if row[1] != "tasks":
        raise InvalidInput("Phụ lục này là bảng chỉ tiêu; hãy thêm chỉ tiêu thay cho nhiệm vụ.")
    return row[0]


def _remap_snapshots(ws: Workspace, kind: RowKind, plan_id: int, items: Sequence[Item], new_ids: list[int]) -> None:
    """Rows put back by an undo carry their old ids: map each old id (children too) to the new one.
    An old id that is still a row's is a copy's source (a pasted copy), not a row coming back."""
    _remap_ids(ws, kind, _id_pairs(ws, kind, items, new_ids))


def _id_pairs(ws: Workspace, kind: RowKind, items: Sequence[Item], new_ids: list[int]) -> dict[int, int]:
    """Old id -> new id of every row inserted from `items` (children too) that carried an id."""
    pairs: dict[int, int] = {}
    if not any(item.id is not None for item in items):
        return pairs
    for item, new_id in zip(items, new_ids, strict=True):
        fresh = snapshot(ws, kind, new_id)
        if item.id is None or fresh is None:
            continue
        for old, new in zip(kind.walk(item), kind.walk(fresh), strict=False):
            if old.id is not None and new.id is not None:
                pairs[old.id] = new.id
    return pairs


def _remap_ids(ws: Workspace, kind: RowKind, pairs: dict[int, int]) -> None:
    ids = ws.ids[kind.name]
    for old, new in pairs.items():
        if old == new or not _exists(ws, kind, old):
            ids.remap(old, new)


def _exists(ws: Workspace, kind: RowKind, row_id: int) -> bool:
    try:
        ws.db.locate(kind.storage(ws), row_id)
    except NotFound:
        return False
    return True


def remove(ws: Workspace, kind: RowKind, row_ids: Sequence[int], label: str = "") -> Changes:
    """Delete rows with their children (a row inside another removed row goes with it); undo puts
    the same rows back at the same places."""
    resolved = list(dict.fromkeys(ws.ids[kind.name].resolve(r) for r in row_ids))  # a row named twice goes once
    if not resolved:
        return NOTHING
    loc0 = ws.db.locate(kind.storage(ws), resolved[0])
    snapshots = {r: snapshot(ws, kind, r) for r in resolved}
    inside = {x.id for item in snapshots.values() if item is not None for x in list(kind.walk(item))[1:]}
    todo = [r for r in resolved if r not in inside]
    every = [x.id for item in snapshots.values() if item is not None for x in kind.walk(item) if x.id is not None]
    kept = tracked_with(ws, loc0.plan_id, every if kind is TASKS else (), every if kind is TARGETS else ())
    gone: list[tuple[Item, Location]] = []
    with ws.atomic():
        for r in todo:
            item = snapshots[r]
            if item is None:
                raise NotFound(f"Không tìm thấy {kind.noun} cần xóa; có thể nó đã bị xóa.")
            gone.append((item, ws.db.delete_row(kind.storage(ws), r)))
    label = label or (f"Xóa {kind.noun}" if len(todo) == 1 else f"Xóa {len(todo)} {kind.noun}")
    undo = partial(_put_back, kind=kind, rows=tuple(gone), label=label, tracked=kept)
    tables = [loc.scope[0] for _, loc in gone]
    return _changes(ws, kind, loc0, todo, label, undo=undo, tables=tables, parts=kept.parts)


@dataclass(frozen=True)
class Tracked:
    """What the database deletes or unlinks with rows besides their text, for the undo of the
    delete to put back: task records and evidence links, target measures and results."""

    records: tuple[TaskTracking, ...] = ()
    evidence: tuple[tuple[int, int], ...] = ()  # (evidence id, task id)
    measures: tuple[tuple[int, Measure | None], ...] = ()  # None: "not measurable"
    results: tuple[tuple[int, str, float], ...] = ()  # (target id, period, value)

    @property
    def parts(self) -> tuple[Part, ...]:
        found = ((Part.TRACKING, self.records), (Part.EVIDENCE, self.evidence))
        return tuple(p for p, x in found if x) + ((Part.TARGET_RESULTS,) if self.measures or self.results else ())


UNTRACKED = Tracked()


def tracked_with(ws: Workspace, plan_id: int, task_ids: Iterable[int] = (), target_ids: Iterable[int] = ()) -> Tracked:
    """The tracking data of these tasks and targets of a plan, as stored now."""
    tasks, targets = set(task_ids), set(target_ids)
    found = UNTRACKED
    if tasks:
        found = replace(
            found,
            records=tuple(r for t, r in ws.db.get_records(plan_id).items() if t in tasks),
            evidence=tuple((e.id, e.task_id) for e in ws.db.list_evidence(plan_id) if e.task_id in tasks),
        )
    if targets:
        found = replace(
            found,
            measures=tuple((t, m) for t, m in ws.db.get_measures(plan_id).items() if t in targets),
            results=tuple(
                (t, p, v) for p in PERIOD_KEYS for t, v in ws.db.get_target_values(plan_id, p).items() if t in targets
            ),
        )
    return found


def put_tracked(ws: Workspace, tracked: Tracked, new_ids: dict[int, int]) -> None:
    """Store tracking data again for rows put back (`new_ids`: old id -> id now)."""
    for r in tracked.records:
        ws.db.put_record(replace(r, task_id=new_ids.get(r.task_id, r.task_id)))
    for evidence_id, task_id in tracked.evidence:
        ws.db.relink_evidence(evidence_id, new_ids.get(task_id, task_id))
    for target_id, measure in tracked.measures:
        ws.db.put_measure(new_ids.get(target_id, target_id), measure)
    for target_id, period, value in tracked.results:
        ws.db.put_target_value(new_ids.get(target_id, target_id), period, value)


def snapshot(ws: Workspace, kind: RowKind, row_id: int) -> Item | None:
    """The row as stored now, with its children (a task from its appendix alone)."""
    loc = ws.db.locate(kind.storage(ws), row_id)
    if kind is TASKS:
        return _find_task(ws.db.load_appendix_tasks(loc.scope[0]), row_id)
    return kind.find(ws.plan(loc.plan_id), row_id)


def _find_task(tasks: tuple[Task, ...], task_id: int) -> Task | None:
    return next((t for t in iter_tasks(tasks) if t.id == task_id), None)


def _put_back(
    ws: Workspace, kind: RowKind, rows: tuple[tuple[Item, Location], ...], label: str, tracked: Tracked = UNTRACKED
) -> Changes:
    """Undo of a delete: the rows at their old places, last deleted first, with their old ids when
    free (ids the database would give could be ids other steps hold for other rows), and the
    tracking data they took with them."""
    new_ids: list[int] = []
    plan_id = rows[0][1].plan_id
    with ws.atomic():
        for item, loc in reversed(rows):
            parent = ws.ids[kind.name].resolve(loc.parent_id) if loc.parent_id is not None else None
            scope = (ws.ids["appendices"].resolve(loc.scope[0]),) if kind is TASKS else loc.scope
            new_ids.insert(
                0, ws.db.insert_row(kind.storage(ws), plan_id, scope, parent, loc.position, item, keep_ids=True)
            )
        ws.forget(plan_id)
        pairs = _id_pairs(ws, kind, [item for item, _ in rows], new_ids)
        put_tracked(ws, tracked, pairs)
    _remap_ids(ws, kind, pairs)
    loc = ws.db.locate(kind.storage(ws), new_ids[0])
    tables = [ws.db.locate(kind.storage(ws), i).scope[0] for i in new_ids] if kind is TASKS else []
    undo = partial(remove, kind=kind, row_ids=tuple(new_ids), label=label)
    return _changes(ws, kind, loc, new_ids, label, undo=undo, tables=tables, parts=tracked.parts)


# ---------------------------------------------------------------- moves


def move_to(
    ws: Workspace, kind: RowKind, row_id: int, parent_id: int | None, position: int, label: str = ""
) -> Changes:
    """Put a row under `parent_id` at `position` among its children (a drag, or an undo)."""
    row_id = ws.ids[kind.name].resolve(row_id)
    parent_id = ws.ids[kind.name].resolve(parent_id) if parent_id is not None else None
    if (
        parent_id is not None
        and ws.db.depth(kind.storage(ws), parent_id) + 1 + _height(ws, kind, row_id) > kind.max_depth
    ):
        raise InvalidInput(f"Không thể chuyển vào đó: tối đa {kind.max_depth} cấp.")
    old = ws.db.move_row(kind.storage(ws), row_id, parent_id, position)
    new = ws.db.locate(kind.storage(ws), row_id)
    if (new.parent_id, new.position) == (old.parent_id, old.position):
        return NOTHING
    label = label or "Di chuyển dòng"
    undo = partial(move_to, kind=kind, row_id=row_id, parent_id=old.parent_id, position=old.position, label=label)
    return _changes(ws, kind, new, (row_id,), label, undo=undo)


def _height(ws: Workspace, kind: RowKind, row_id: int) -> int:
    """Levels the row brings with it (1 for a row without children)."""
    item = snapshot(ws, kind, row_id)

    def h(x) -> int:
        kids = getattr(x, "subtasks", ()) or getattr(x, "sections", ())
        return 1 + max((h(k) for k in kids), default=0)

    return h(item) if item is not None else 1


def move_by(ws: Workspace, kind: RowKind, row_id: int, delta: int, label: str = "Di chuyển dòng") -> Changes:
    """One place up (-1) or down (+1) among its siblings (Ctrl+↑/↓); nothing at either end."""
    row_id = ws.ids[kind.name].resolve(row_id)
    loc = ws.db.locate(kind.storage(ws), row_id)
    target = loc.position + delta
    if not 0 <= target < len(ws.db.sibling_ids(kind.storage(ws), loc.scope, loc.parent_id)):
        return NOTHING
    return move_to(ws, kind, row_id, loc.parent_id, target, label)


def indent(ws: Workspace, kind: RowKind, row_id: int, label: str = "Lùi vào") -> Changes:
    """Make the row the last child of the sibling above it (Tab)."""
    row_id = ws.ids[kind.name].resolve(row_id)
    store_kind = kind.storage(ws)
    loc = ws.db.locate(store_kind, row_id)
    if loc.position == 0 or not kind.tree:
        return NOTHING
    if ws.db.depth(store_kind, row_id) + 1 >= kind.max_depth:
        raise InvalidInput(f"Không thể lùi vào thêm: tối đa {kind.max_depth} cấp.")
    above = ws.db.sibling_ids(store_kind, loc.scope, loc.parent_id)[loc.position - 1]
    n = len(ws.db.sibling_ids(store_kind, loc.scope, above))
    return move_to(ws, kind, row_id, above, n, label)


def outdent(ws: Workspace, kind: RowKind, row_id: int, label: str = "Lùi ra") -> Changes:
    """Put the row right after its parent (Shift+Tab)."""
    row_id = ws.ids[kind.name].resolve(row_id)
    loc = ws.db.locate(kind.storage(ws), row_id)
    if loc.parent_id is None:
        return NOTHING
    parent = ws.db.locate(kind.storage(ws), loc.parent_id)
    return move_to(ws, kind, row_id, parent.parent_id, parent.position + 1, label)


# ---------------------------------------------------------------- where new rows go


def place_after(ws: Workspace, kind: RowKind, row_id: int | None) -> tuple[int | None, int | None]:
    """(parent id, position) for a new sibling right after a row; (None, None): at the end."""
    if row_id is None:
        return None, None
    loc = ws.db.locate(kind.storage(ws), ws.ids[kind.name].resolve(row_id))
    return loc.parent_id, loc.position + 1
