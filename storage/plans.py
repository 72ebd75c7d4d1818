"""Plans in SQLite: write a whole plan, list and delete plans, edit appendices; re-exports loading and header updates."""

from __future__ import annotations

from app.errors import NotFound
from app.model import TARGET_TEXT_FIELDS, TASK_COLUMN_KEYS, Appendix, Plan
from app.records import PlanSummary
from app.vietnamese import clean_text
from storage.columns import date_columns, decision_json, json_text
from storage.db import Store
from storage.plan_header import HEADER_FIELDS, touch, update_plan
from storage.plan_load import load_plan

__all__ = [
    "APPENDIX_FIELDS",
    "HEADER_FIELDS",
    "PlanSummary",
    "add_appendix",
    "appendix_ids",
    "appendix_kind",
    "appendix_plan_id",
    "delete_appendix",
    "delete_plan",
    "insert_appendix",
    "insert_plan",
    "insert_sections",
    "insert_tasks",
    "list_plans",
    "load_plan",
    "move_appendix",
    "plan_exists",
    "touch",
    "update_appendix",
    "update_plan",
]

_TASK_FIELDS = ("area",) + TASK_COLUMN_KEYS
_TARGET_FIELDS = TARGET_TEXT_FIELDS


# ---------------------------------------------------------------- insert


def insert_plan(store: Store, plan: Plan) -> int:
    """Write a whole plan (ids ignored) in one transaction; returns the new plan id."""
    with store.atomic():
        cur = store.execute(
            """INSERT INTO plans (year, summary, parent_agency, agency, number, symbol, place,
                date_year, date_month, date_day, legal_bases, legal_bases_italic, preamble, closing,
                signer_authority, signer_position, signer_name, recipients, areas,
                heading_numbering, subtask_numbering, appendix_numbering,
                period_from, period_to, decision, footnotes_restart)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                plan.year,
                clean_text(plan.summary),
                clean_text(plan.parent_agency),
                clean_text(plan.agency),
                clean_text(plan.number),
                clean_text(plan.symbol),
                clean_text(plan.place),
                *date_columns(plan.date),
                json_text([clean_text(x) for x in plan.legal_bases]),
                int(plan.legal_bases_italic),
                clean_text(plan.preamble),
                clean_text(plan.closing),
                clean_text(plan.signer.authority),
                clean_text(plan.signer.position),
                clean_text(plan.signer.name),
                json_text([clean_text(x) for x in plan.recipients]),
                json_text([[a.id, clean_text(a.title)] for a in plan.areas]),
                json_text(list(plan.heading_numbering)),
                plan.subtask_numbering,
                plan.appendix_numbering,
                plan.period.start if plan.period else None,
                plan.period.end if plan.period else None,
                decision_json(plan.decision),
                int(plan.footnotes_restart),
            ),
        )
        plan_id = cur.lastrowid
        assert plan_id is not None
        insert_sections(store, plan_id, None, plan.sections, 0)
        store.conn.executemany(
            "INSERT INTO targets (plan_id, position, area, content, lead, partners, note) VALUES (?,?,?,?,?,?,?)",
            [(plan_id, i, *(clean_text(getattr(t, f)) for f in _TARGET_FIELDS)) for i, t in enumerate(plan.targets)],
        )
        for i, a in enumerate(plan.appendices):
            insert_appendix(store, plan_id, i, a)
    return plan_id


def kept_id(store: Store, table: str, row_id: int | None, keep_ids: bool) -> int | None:
    """The id to insert a row with: its own (a row put back by an undo) when `keep_ids` and no row
    has it now; else None, and SQLite gives a new one. Ids held by undo steps stay the row's."""
    if not keep_ids or row_id is None:
        return None
    taken = store.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return None if taken else row_id


def insert_sections(
    store: Store, plan_id: int, parent_id: int | None, sections, start: int, keep_ids: bool = False
) -> list[int]:
    ids = []
    for i, s in enumerate(sections, start):
        cur = store.execute(
            "INSERT INTO sections (id, plan_id, parent_id, position, heading, run_in, paragraphs)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                kept_id(store, "sections", s.id, keep_ids),
                plan_id,
                parent_id,
                i,
                clean_text(s.heading),
                int(s.run_in),
                json_text([clean_text(p) for p in s.paragraphs]),
            ),
        )
        assert cur.lastrowid is not None
        ids.append(cur.lastrowid)
        insert_sections(store, plan_id, cur.lastrowid, s.sections, 0, keep_ids)
    return ids


def insert_appendix(store: Store, plan_id: int, position: int, a: Appendix, keep_ids: bool = False) -> int:
    cur = store.execute(
        "INSERT INTO appendices (id, plan_id, position, kind, title, columns, headers, group_by_area, area)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        (
            kept_id(store, "appendices", a.id, keep_ids),
            plan_id,
            position,
            a.kind,
            clean_text(a.title),
            json_text(list(a.columns)),
            json_text({k: clean_text(v) for k, v in a.headers}),
            int(a.group_by_area),
            a.area,
        ),
    )
    appendix_id = cur.lastrowid
    assert appendix_id is not None
    insert_tasks(store, plan_id, appendix_id, None, a.tasks, 0, keep_ids)
    return appendix_id


def insert_tasks(
    store: Store, plan_id: int, appendix_id: int, parent_id: int | None, tasks, start: int, keep_ids: bool = False
) -> list[int]:
    """Insert tasks (and their sub-tasks) at positions start, start+1, …; returns the top-level ids.
    `keep_ids`: each task keeps its id when no row has it (see kept_id)."""
    ids = []
    sql = (
        f"INSERT INTO tasks (id, plan_id, appendix_id, parent_id, position, {', '.join(_TASK_FIELDS)})"
        f" VALUES ({', '.join('?' * (5 + len(_TASK_FIELDS)))})"
    )
    for i, t in enumerate(tasks, start):
        cur = store.execute(
            sql,
            (
                kept_id(store, "tasks", t.id, keep_ids),
                plan_id,
                appendix_id,
                parent_id,
                i,
                *(clean_text(getattr(t, f)) for f in _TASK_FIELDS),
            ),
        )
        assert cur.lastrowid is not None
        ids.append(cur.lastrowid)
        if t.subtasks:
            insert_tasks(store, plan_id, appendix_id, cur.lastrowid, t.subtasks, 0, keep_ids)
    return ids


# ---------------------------------------------------------------- list, delete


def list_plans(store: Store) -> list[PlanSummary]:
    rows = store.execute(
        "SELECT p.id, p.year, p.summary, p.agency, p.updated_at,"
        " (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id), p.created_at, p.origin"
        " FROM plans p ORDER BY p.year DESC, p.id DESC"
    ).fetchall()
    return [PlanSummary(*r) for r in rows]


def set_origin(store: Store, plan_id: int, origin: str) -> None:
    """Record where a plan came from (the plan list shows the sample as such)."""
    store.execute("UPDATE plans SET origin = ? WHERE id = ?", (origin, plan_id))


def plan_exists(store: Store, plan_id: int) -> bool:
    return store.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone() is not None


def delete_plan(store: Store, plan_id: int) -> None:
    with store.atomic():
        if store.execute("DELETE FROM plans WHERE id = ?", (plan_id,)).rowcount == 0:
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")


# ---------------------------------------------------------------- appendices


APPENDIX_FIELDS = {"title", "columns", "headers", "group_by_area", "area"}


def update_appendix(store: Store, appendix_id: int, **fields) -> None:
    cols: dict[str, object] = {}
    for key, value in fields.items():
        if key not in APPENDIX_FIELDS:
            raise ValueError(key)
        if key == "columns":
            cols[key] = json_text(list(value))
        elif key == "headers":
            cols[key] = json_text({k: clean_text(v) for k, v in dict(value).items()})
        elif key == "group_by_area":
            cols[key] = int(value)
        else:
            cols[key] = clean_text(value)
    if not cols:
        return
    with store.atomic():
        row = store.execute("SELECT plan_id FROM appendices WHERE id = ?", (appendix_id,)).fetchone()
        if row is None:
            raise NotFound("Không tìm thấy phụ lục; có thể nó đã bị xóa.")
        assigns = ", ".join(f"{c} = ?" for c in cols)
        store.execute(f"UPDATE appendices SET {assigns} WHERE id = ?", (*cols.values(), appendix_id))
        touch(store, row[0])


def appendix_plan_id(store: Store, appendix_id: int) -> int:
    row = store.execute("SELECT plan_id FROM appendices WHERE id = ?", (appendix_id,)).fetchone()
    if row is None:
        raise NotFound("Không tìm thấy phụ lục; có thể nó đã bị xóa.")
    return row[0]


def add_appendix(
    store: Store, plan_id: int, appendix: Appendix, position: int | None = None, keep_ids: bool = False
) -> int:
    """Insert an appendix (with its tasks) at `position` among the plan's appendices; `keep_ids`:
    an appendix put back by an undo keeps its id and its tasks' (see kept_id)."""
    with store.atomic():
        n = store.execute("SELECT count(*) FROM appendices WHERE plan_id = ?", (plan_id,)).fetchone()[0]
        pos = n if position is None else max(0, min(position, n))
        store.execute(
            "UPDATE appendices SET position = position + 1 WHERE plan_id = ? AND position >= ?", (plan_id, pos)
        )
        new_id = insert_appendix(store, plan_id, pos, appendix, keep_ids)
        touch(store, plan_id)
        return new_id


def _renumber_appendices(store: Store, plan_id: int, order: list[int]) -> None:
    store.conn.executemany("UPDATE appendices SET position = ? WHERE id = ?", [(i, x) for i, x in enumerate(order)])


def appendix_ids(store: Store, plan_id: int) -> list[int]:
    return [r[0] for r in store.execute("SELECT id FROM appendices WHERE plan_id = ? ORDER BY position", (plan_id,))]


def delete_appendix(store: Store, appendix_id: int) -> int:
    """Delete an appendix and its tasks; returns its former position (for undo)."""
    with store.atomic():
        plan_id = appendix_plan_id(store, appendix_id)
        order = appendix_ids(store, plan_id)
        position = order.index(appendix_id)
        store.execute("DELETE FROM appendices WHERE id = ?", (appendix_id,))
        _renumber_appendices(store, plan_id, [x for x in order if x != appendix_id])
        touch(store, plan_id)
        return position


def move_appendix(store: Store, appendix_id: int, position: int) -> int:
    """Move an appendix to `position`; returns its old position."""
    with store.atomic():
        plan_id = appendix_plan_id(store, appendix_id)
        order = appendix_ids(store, plan_id)
        old = order.index(appendix_id)
        order.remove(appendix_id)
        order.insert(max(0, min(position, len(order))), appendix_id)
        _renumber_appendices(store, plan_id, order)
        touch(store, plan_id)
        return old


def appendix_kind(store: Store, appendix_id: int) -> tuple[int, str] | None:
    """(plan id, "tasks" or "targets") of an appendix, or None when it no longer exists."""
    row = store.execute("SELECT plan_id, kind FROM appendices WHERE id = ?", (appendix_id,)).fetchone()
    return None if row is None else (row[0], row[1])
