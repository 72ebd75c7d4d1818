"""Edit the ordered rows of a plan: tasks (a tree per appendix), sections (a tree) and targets (a list).

Each operation is one transaction and returns its Changes with the step that undoes it. A row put
back by an undo keeps its id when it is free, else gets a new one that the workspace remembers
(old id -> new id); every operation resolves the ids it is given, so older undo steps still find
their rows. Moves are in row_moves.py, the kinds in row_kinds.py; all are reached from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from app import limits
from app.errors import InvalidInput, NotFound
from app.model import Task
from app.ops.changes import NOTHING, Changes
from app.ops.row_kinds import (
    KINDS,
    MAX_SECTION_DEPTH,
    MAX_TASK_DEPTH,
    SECTIONS,
    TARGETS,
    TASKS,
    Item,
    RowKind,
    row_changes,
    snapshot,
)
from app.ops.row_moves import indent, move_by, move_rows, move_to, outdent
from app.ops.row_tracked import UNTRACKED, Tracked, put_tracked, tracked_with
from app.records import Location
from app.vietnamese import clean_text
from app.workspace import Workspace

__all__ = [
    "KINDS",
    "MAX_SECTION_DEPTH",
    "MAX_TASK_DEPTH",
    "SECTIONS",
    "TARGETS",
    "TASKS",
    "UNTRACKED",
    "Item",
    "RowKind",
    "Tracked",
    "appendix_tasks",
    "fields_of",
    "indent",
    "insert",
    "move_by",
    "move_rows",
    "move_to",
    "outdent",
    "place_after",
    "put_tracked",
    "remove",
    "set_fields",
    "snapshot",
    "tracked_with",
    "where_are",
]


# ---------------------------------------------------------------- fields


def set_fields(ws: Workspace, kind: RowKind, row_id: int, label: str = "", **fields: Any) -> Changes:
    """Change some fields of one row ("Sửa ô"); unchanged values make no undo step."""
    row_id = ws.ids[kind.name].resolve(row_id)
    loc = ws.db.locate(kind.storage(ws), row_id)
    new = {k: _clean(v) for k, v in fields.items()}
    limits.check_fields(kind.name, new)
    old: dict[str, Any] = ws.db.read_row(kind.storage(ws), row_id, tuple(new))
    if old == new:
        return NOTHING
    ws.db.update_row(kind.storage(ws), row_id, **new)
    label = label or "Sửa ô"
    return row_changes(ws, kind, loc, (row_id,), label, new.keys(), lambda w: set_fields(w, kind, row_id, label, **old))


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
    _check_room(ws, kind, plan_id, scope_id, parent_id, items)
    new_ids = ws.db.insert_rows(kind.storage(ws), plan_id, (scope_id,), parent_id, position, list(items), keep_ids=True)
    ws.forget(plan_id)
    _remap_snapshots(ws, kind, plan_id, items, new_ids)
    loc = ws.db.locate(kind.storage(ws), new_ids[0])
    label = label or f"Thêm {kind.noun}"
    undo = partial(remove, kind=kind, row_ids=tuple(new_ids), label=label)
    return row_changes(ws, kind, loc, new_ids, label, undo=undo, created=new_ids[0])


_ROW_LIMITS = {"tasks": limits.TASKS, "sections": limits.SECTIONS, "targets": limits.TARGETS}


def _check_room(
    ws: Workspace, kind: RowKind, plan_id: int, scope_id: int, parent_id: int | None, items: Sequence[Item]
) -> None:
    """Rows about to be added (typed, pasted, imported) within the limits: their texts, their levels
    under the parent, the parent's sub-tasks and the plan's rows of this kind."""
    limits.check_items(kind.name, items)
    levels = max(limits.height(item) for item in items)
    if (
        kind.tree
        and (ws.db.depth(kind.storage(ws), parent_id) + 1 if parent_id is not None else 0) + levels > kind.max_depth
    ):
        raise InvalidInput(f"Không thể thêm cấp con nữa: tối đa {kind.max_depth} cấp.")
    if kind is TASKS and parent_id is not None:
        children = len(ws.db.sibling_ids(kind.storage(ws), (scope_id,), parent_id)) + len(items)
        limits.check_count(children, limits.SUBTASKS, "nhiệm vụ con", "trong một nhiệm vụ")
    total = ws.db.count_in_plan(kind.storage(ws), plan_id) + limits.rows_added(items)
    limits.check_count(total, _ROW_LIMITS[kind.name], kind.noun, "trong kế hoạch")


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
    the same rows back at the same places, with their tracking data."""
    resolved = list(dict.fromkeys(ws.ids[kind.name].resolve(r) for r in row_ids))  # a row named twice goes once
    if not resolved:
        return NOTHING
    loc0 = ws.db.locate(kind.storage(ws), resolved[0])
    snapshots = {r: snapshot(ws, kind, r) for r in resolved}
    todo = _outermost(kind, resolved, snapshots)
    kept = _tracked_of(ws, kind, loc0.plan_id, snapshots)
    with ws.atomic():
        locs = ws.db.delete_rows(kind.storage(ws), todo)
    gone: list[tuple[Item, Location]] = [(snapshots[r], loc) for r, loc in zip(todo, locs, strict=True)]  # type: ignore[misc]
    label = label or (f"Xóa {kind.noun}" if len(todo) == 1 else f"Xóa {len(todo)} {kind.noun}")
    undo = partial(_put_back, kind=kind, rows=tuple(gone), label=label, tracked=kept)
    tables = [loc.scope[0] for _, loc in gone]
    return row_changes(ws, kind, loc0, todo, label, undo=undo, tables=tables, parts=kept.parts)


def _outermost(kind: RowKind, resolved: list[int], snapshots: dict[int, Item | None]) -> list[int]:
    """The rows to delete: those not inside another row being deleted (they go with it)."""
    if any(item is None for item in snapshots.values()):
        raise NotFound(f"Không tìm thấy {kind.noun} cần xóa; có thể nó đã bị xóa.")
    inside = {x.id for item in snapshots.values() if item is not None for x in list(kind.walk(item))[1:]}
    return [r for r in resolved if r not in inside]


def _tracked_of(ws: Workspace, kind: RowKind, plan_id: int, snapshots: dict[int, Item | None]) -> Tracked:
    """The tracking data of every row that a delete takes away, children included."""
    every = [x.id for item in snapshots.values() if item is not None for x in kind.walk(item) if x.id is not None]
    if kind is TASKS:
        return tracked_with(ws, plan_id, task_ids=every)
    if kind is TARGETS:
        return tracked_with(ws, plan_id, target_ids=every)
    return UNTRACKED


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
    return row_changes(ws, kind, loc, new_ids, label, undo=undo, tables=tables, parts=tracked.parts)


# ---------------------------------------------------------------- reading


def appendix_tasks(ws: Workspace, appendix_id: int) -> tuple[Task, ...]:
    """One appendix's task tree as stored now (what its table shows)."""
    return ws.db.load_appendix_tasks(ws.ids["appendices"].resolve(appendix_id))


def where_are(ws: Workspace, kind: RowKind, row_ids: Sequence[int]) -> dict[int, Location | None]:
    """Where each row is now (None: it is gone): a table follows an edit from this alone."""
    out: dict[int, Location | None] = {}
    for row_id in row_ids:
        try:
            out[row_id] = ws.db.locate(kind.storage(ws), row_id)
        except NotFound:
            out[row_id] = None
    return out


def fields_of(ws: Workspace, kind: RowKind, row_id: int, names: Sequence[str]) -> dict[str, object]:
    """Some fields of one row as stored now (a table repaints one cell from this)."""
    return ws.db.read_row(kind.storage(ws), row_id, tuple(names))


# ---------------------------------------------------------------- where new rows go


def place_after(ws: Workspace, kind: RowKind, row_id: int | None) -> tuple[int | None, int | None]:
    """(parent id, position) for a new sibling right after a row; (None, None): at the end."""
    if row_id is None:
        return None, None
    loc = ws.db.locate(kind.storage(ws), ws.ids[kind.name].resolve(row_id))
    return loc.parent_id, loc.position + 1
