"""Moving rows: to a place (a drag, an undo), one step up or down, indent and outdent."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from app.errors import InvalidInput
from app.ops.changes import NOTHING, Changes
from app.ops.row_kinds import RowKind, row_changes, snapshot
from app.records import Location
from app.workspace import Workspace


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
    return row_changes(ws, kind, new, (row_id,), label, undo=undo)


def _height(ws: Workspace, kind: RowKind, row_id: int) -> int:
    """Levels the row brings with it (1 for a row without children)."""
    item = snapshot(ws, kind, row_id)

    def h(x) -> int:
        kids = getattr(x, "subtasks", ()) or getattr(x, "sections", ())
        return 1 + max((h(k) for k in kids), default=0)

    return h(item) if item is not None else 1


def move_rows(
    ws: Workspace, kind: RowKind, row_ids: Sequence[int], before_id: int | None, label: str = "Kéo dòng"
) -> Changes:
    """Rows dragged by the mouse: each put before the row `before_id` (its sibling from then on),
    or at the end of the table when None; one undo step puts them all back."""
    store_kind = kind.storage(ws)
    ids = [ws.ids[kind.name].resolve(r) for r in row_ids]
    anchor = ws.ids[kind.name].resolve(before_id) if before_id is not None else None
    moved: list[tuple[int, Location]] = []
    with ws.atomic():
        for row_id in ids:
            if row_id == anchor:
                continue
            moved.append((row_id, _move_before(ws, kind, row_id, anchor)))
    if not moved:
        return NOTHING
    again = partial(move_rows, kind=kind, row_ids=tuple(ids), before_id=anchor, label=label)
    undo = partial(_move_back, kind=kind, moves=tuple(moved), redo=again, label=label)
    return row_changes(ws, kind, ws.db.locate(store_kind, moved[0][0]), [m[0] for m in moved], label, undo=undo)


def _move_before(ws: Workspace, kind: RowKind, row_id: int, anchor: int | None) -> Location:
    """Put a row just before the anchor row (its sibling), or last at the top level; the old place."""
    store_kind = kind.storage(ws)
    if anchor is None:
        return ws.db.move_row(store_kind, row_id, None, 1 << 30)
    target = ws.db.locate(store_kind, anchor)
    here = ws.db.locate(store_kind, row_id)
    before = here.parent_id == target.parent_id and here.position < target.position
    return ws.db.move_row(store_kind, row_id, target.parent_id, target.position - (1 if before else 0))


def _move_back(ws: Workspace, kind: RowKind, moves: tuple[tuple[int, Location], ...], redo, label: str) -> Changes:
    """Undo of a drag: each row back to where it was, the last moved first; redo drags again."""
    store_kind = kind.storage(ws)
    with ws.atomic():
        for row_id, loc in reversed(moves):
            parent = ws.ids[kind.name].resolve(loc.parent_id) if loc.parent_id is not None else None
            ws.db.move_row(store_kind, ws.ids[kind.name].resolve(row_id), parent, loc.position)
    ids = [ws.ids[kind.name].resolve(r) for r, _ in moves]
    return row_changes(ws, kind, ws.db.locate(store_kind, ids[0]), ids, label, undo=redo)


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
