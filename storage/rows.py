"""Ordered rows in a tree (tasks, sections) or a list (targets): edit, insert, delete, move.

Sibling order is the `position` column inside one scope (appendix + parent for tasks,
plan + parent for sections, plan for targets). Every function runs in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.errors import InvalidInput, NotFound
from app.model import TARGET_TEXT_FIELDS, TASK_TEXT_FIELDS, Section, Target, Task
from app.records import Location
from app.vietnamese import clean_text
from storage import plans as plans_store
from storage.db import Store


@dataclass(frozen=True)
class Kind:
    table: str
    scope: tuple[str, ...]  # columns that, with parent_id, hold one sibling list
    tree: bool
    fields: tuple[str, ...]
    noun: str


TASKS = Kind("tasks", ("appendix_id",), True, TASK_TEXT_FIELDS, "nhiệm vụ")
SECTIONS = Kind("sections", ("plan_id",), True, ("heading", "run_in", "paragraphs"), "mục")
TARGETS = Kind("targets", ("plan_id",), False, TARGET_TEXT_FIELDS, "chỉ tiêu")


def locate(store: Store, kind: Kind, row_id: int) -> Location:
    parent = "parent_id" if kind.tree else "NULL"
    scope_cols = ", ".join(kind.scope)
    row = store.execute(
        f"SELECT plan_id, {scope_cols}, {parent}, position FROM {kind.table} WHERE id = ?", (row_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy {kind.noun} (mã {row_id}); có thể nó đã bị xóa.")
    n = len(kind.scope)
    return Location(row_id, row[0], tuple(row[1 : 1 + n]), row[1 + n], row[2 + n])


def _where_siblings(kind: Kind, scope: tuple[int, ...], parent_id: int | None) -> tuple[str, list]:
    clauses = [f"{c} = ?" for c in kind.scope]
    params: list = list(scope)
    if kind.tree:
        if parent_id is None:
            clauses.append("parent_id IS NULL")
        else:
            clauses.append("parent_id = ?")
            params.append(parent_id)
    return " AND ".join(clauses), params


def _count(store: Store, kind: Kind, scope: tuple[int, ...], parent_id: int | None) -> int:
    where, params = _where_siblings(kind, scope, parent_id)
    return store.execute(f"SELECT count(*) FROM {kind.table} WHERE {where}", params).fetchone()[0]


def sibling_ids(store: Store, kind: Kind, scope: tuple[int, ...], parent_id: int | None) -> list[int]:
    where, params = _where_siblings(kind, scope, parent_id)
    return [r[0] for r in store.execute(f"SELECT id FROM {kind.table} WHERE {where} ORDER BY position", params)]


def _encode(kind: Kind, key: str, value):
    if key == "paragraphs":
        return json.dumps([clean_text(p) for p in value], ensure_ascii=False)
    if key == "run_in":
        return int(bool(value))
    if not isinstance(value, str):
        raise InvalidInput(f"Giá trị của «{key}» phải là văn bản.")
    return clean_text(value)


def read(store: Store, kind: Kind, row_id: int, names: tuple[str, ...]) -> dict[str, object]:
    """Some fields of one row, as the domain holds them."""
    for key in names:
        if key not in kind.fields:
            raise InvalidInput(f"Không có trường «{key}» cho {kind.noun}.")
    row = store.execute(f"SELECT {', '.join(names)} FROM {kind.table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy {kind.noun} (mã {row_id}); có thể nó đã bị xóa.")
    return {k: _decode(k, v) for k, v in zip(names, row, strict=True)}


def _decode(key: str, value):
    if key == "paragraphs":
        return tuple(json.loads(value))
    if key == "run_in":
        return bool(value)
    return value


def update(store: Store, kind: Kind, row_id: int, **fields) -> None:
    """Change some fields of one row."""
    for key in fields:
        if key not in kind.fields:
            raise InvalidInput(f"Không có trường «{key}» cho {kind.noun}.")
    if not fields:
        return
    assigns = ", ".join(f"{k} = ?" for k in fields)
    values = [_encode(kind, k, v) for k, v in fields.items()]
    with store.atomic():
        loc = locate(store, kind, row_id)
        store.execute(f"UPDATE {kind.table} SET {assigns} WHERE id = ?", (*values, row_id))
        plans_store.touch(store, loc.plan_id)


def _shift(store: Store, kind: Kind, scope, parent_id, from_position: int, delta: int) -> None:
    where, params = _where_siblings(kind, scope, parent_id)
    store.execute(
        f"UPDATE {kind.table} SET position = position + ? WHERE {where} AND position >= ?",
        (delta, *params, from_position),
    )


def insert(
    store: Store,
    kind: Kind,
    plan_id: int,
    scope: tuple[int, ...],
    parent_id: int | None,
    position: int | None,
    item,
    keep_ids: bool = False,
) -> int:
    """Insert `item` (a Task with sub-tasks, a Section with children, or a Target) at `position`
    among the siblings (None = at the end). Returns the new id. `keep_ids`: a row put back by an
    undo keeps its id, and its children theirs, when no row has them now."""
    return insert_many(store, kind, plan_id, scope, parent_id, position, (item,), keep_ids)[0]


def insert_many(
    store: Store,
    kind: Kind,
    plan_id: int,
    scope: tuple[int, ...],
    parent_id: int | None,
    position: int | None,
    items,
    keep_ids: bool = False,
) -> list[int]:
    """Insert items one after another from `position` (a paste): the later siblings are moved down
    once for all of them. Returns the new ids in order."""
    with store.atomic():
        n = _count(store, kind, scope, parent_id)
        pos = n if position is None else max(0, min(position, n))
        _shift(store, kind, scope, parent_id, pos, len(items))
        if kind is TASKS:
            assert all(isinstance(i, Task) for i in items)
            ids = plans_store.insert_tasks(store, plan_id, scope[0], parent_id, items, pos, keep_ids)
        elif kind is SECTIONS:
            assert all(isinstance(i, Section) for i in items)
            ids = plans_store.insert_sections(store, plan_id, parent_id, items, pos, keep_ids)
        else:
            ids = [_insert_target(store, plan_id, pos + i, item, keep_ids) for i, item in enumerate(items)]
        plans_store.touch(store, plan_id)
        return ids


def _insert_target(store: Store, plan_id: int, position: int, item, keep_ids: bool) -> int:
    assert isinstance(item, Target)
    cur = store.execute(
        "INSERT INTO targets (id, plan_id, position, area, content, lead, partners, note) VALUES (?,?,?,?,?,?,?,?)",
        (
            plans_store.kept_id(store, "targets", item.id, keep_ids),
            plan_id,
            position,
            *(clean_text(getattr(item, f)) for f in TARGET_TEXT_FIELDS),
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def delete_many(store: Store, kind: Kind, row_ids: list[int]) -> list[Location]:
    """Delete rows (each with everything under it) in one go; returns where each was, as if they
    had been deleted one after another in the order given (what an undo puts back, last first).
    The siblings left are renumbered once per list, not once per row."""
    with store.atomic():
        found = [locate(store, kind, r) for r in row_ids]
        out = []
        for n, loc in enumerate(found):
            before = sum(
                1
                for other in found[:n]
                if (other.scope, other.parent_id) == (loc.scope, loc.parent_id) and other.position < loc.position
            )
            out.append(Location(loc.id, loc.plan_id, loc.scope, loc.parent_id, loc.position - before))
        store.conn.executemany(f"DELETE FROM {kind.table} WHERE id = ?", [(r,) for r in row_ids])
        for scope, parent_id in {(loc.scope, loc.parent_id) for loc in found}:
            _renumber(store, kind, scope, parent_id)
        for plan_id in {loc.plan_id for loc in found}:
            plans_store.touch(store, plan_id)
        return out


def _renumber(store: Store, kind: Kind, scope: tuple[int, ...], parent_id: int | None) -> None:
    """Positions 0, 1, 2 … again in one sibling list, writing only the rows that moved."""
    where, params = _where_siblings(kind, scope, parent_id)
    rows = store.execute(f"SELECT id, position FROM {kind.table} WHERE {where} ORDER BY position", params).fetchall()
    moved = [(i, row_id) for i, (row_id, position) in enumerate(rows) if position != i]
    store.conn.executemany(f"UPDATE {kind.table} SET position = ? WHERE id = ?", moved)


def delete(store: Store, kind: Kind, row_id: int) -> Location:
    """Delete a row and everything under it; returns where it was (for undo)."""
    return delete_many(store, kind, [row_id])[0]


def move(store: Store, kind: Kind, row_id: int, parent_id: int | None, position: int) -> Location:
    """Put a row under `parent_id` at `position` (same scope). Returns its old location."""
    with store.atomic():
        loc = locate(store, kind, row_id)
        if kind.tree and parent_id is not None:
            # Never under itself or its own descendants.
            p: int | None = parent_id
            while p is not None:
                if p == row_id:
                    raise InvalidInput(f"Không thể chuyển {kind.noun} vào trong chính nó.")
                p = locate(store, kind, p).parent_id
            if locate(store, kind, parent_id).scope != loc.scope:
                raise InvalidInput(f"Chỉ di chuyển {kind.noun} trong cùng một bảng.")
        # Shift only the rows between the old and the new place (positions stay dense 0..n-1).
        same_list = not kind.tree or parent_id == loc.parent_id
        count = _count(store, kind, loc.scope, parent_id)
        pos = max(0, min(position, count - 1 if same_list else count))
        where_old, params_old = _where_siblings(kind, loc.scope, loc.parent_id)
        if same_list:
            if pos < loc.position:
                store.execute(
                    f"UPDATE {kind.table} SET position = position + 1 WHERE {where_old} AND position >= ? AND position < ?",
                    (*params_old, pos, loc.position),
                )
            elif pos > loc.position:
                store.execute(
                    f"UPDATE {kind.table} SET position = position - 1 WHERE {where_old} AND position > ? AND position <= ?",
                    (*params_old, loc.position, pos),
                )
            store.execute(f"UPDATE {kind.table} SET position = ? WHERE id = ?", (pos, row_id))
        else:
            store.execute(
                f"UPDATE {kind.table} SET position = position - 1 WHERE {where_old} AND position > ?",
                (*params_old, loc.position),
            )
            _shift(store, kind, loc.scope, parent_id, pos, 1)
            store.execute(f"UPDATE {kind.table} SET parent_id = ?, position = ? WHERE id = ?", (parent_id, pos, row_id))
        plans_store.touch(store, loc.plan_id)
        return loc


def count_in_plan(store: Store, kind: Kind, plan_id: int) -> int:
    """How many rows of this kind a plan holds (every level)."""
    return store.execute(f"SELECT count(*) FROM {kind.table} WHERE plan_id = ?", (plan_id,)).fetchone()[0]


def depth(store: Store, kind: Kind, row_id: int) -> int:
    d = 0
    p = locate(store, kind, row_id).parent_id
    while p is not None:
        d += 1
        p = locate(store, kind, p).parent_id
    return d
