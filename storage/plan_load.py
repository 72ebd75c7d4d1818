"""Loading a whole plan from SQLite as domain objects: one query per table, trees built in memory."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from app.errors import NotFound
from app.model import TASK_TEXT_FIELDS, Appendix, Area, DocDate, Period, Plan, Section, Signer, Target, Task
from app.plan_file import decision_from_dict
from storage.db import Store

_TASK_COLS = ", ".join(TASK_TEXT_FIELDS)  # every task text column, in the model's order


def load_plan(store: Store, plan_id: int) -> Plan:
    """The whole plan with ids; NotFound when there is no such plan."""
    conn = store.conn
    p = _plan_row(conn, plan_id)
    return Plan(
        year=p["year"],
        summary=p["summary"],
        parent_agency=p["parent_agency"],
        agency=p["agency"],
        number=p["number"],
        symbol=p["symbol"],
        place=p["place"],
        date=DocDate(p["date_year"], p["date_month"], p["date_day"]) if p["date_year"] else None,
        legal_bases=tuple(json.loads(p["legal_bases"])),
        legal_bases_italic=bool(p["legal_bases_italic"]),
        preamble=p["preamble"],
        sections=_sections(conn, plan_id),
        closing=p["closing"],
        targets=_targets(conn, plan_id),
        appendices=_appendices(conn, plan_id),
        signer=Signer(p["signer_authority"], p["signer_position"], p["signer_name"]),
        recipients=tuple(json.loads(p["recipients"])),
        areas=tuple(Area(i, t) for i, t in json.loads(p["areas"])),
        heading_numbering=tuple(json.loads(p["heading_numbering"])),
        subtask_numbering=p["subtask_numbering"],
        appendix_numbering=p["appendix_numbering"],
        period=Period(p["period_from"], p["period_to"]) if p["period_from"] else None,
        decision=decision_from_dict(json.loads(p["decision"])) if p["decision"] else None,
        footnotes_restart=bool(p["footnotes_restart"]),
        id=p["id"],
    )


def _plan_row(conn: sqlite3.Connection, plan_id: int) -> dict[str, Any]:
    row = conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không có kế hoạch số hiệu {plan_id}; xem danh sách bằng lệnh «list».")
    cols = [c[0] for c in conn.execute("SELECT * FROM plans LIMIT 0").description]
    return dict(zip(cols, row, strict=False))


def _sections(conn: sqlite3.Connection, plan_id: int) -> tuple[Section, ...]:
    """The section tree, built from one query by grouping rows under their parent."""
    children: dict[int | None, list] = {}
    for r in conn.execute(
        "SELECT id, parent_id, heading, run_in, paragraphs FROM sections WHERE plan_id = ? ORDER BY parent_id, position",
        (plan_id,),
    ).fetchall():
        children.setdefault(r[1], []).append(r)

    def build(parent: int | None) -> tuple[Section, ...]:
        return tuple(
            Section(heading=r[2], paragraphs=tuple(json.loads(r[4])), sections=build(r[0]), run_in=bool(r[3]), id=r[0])
            for r in children.get(parent, ())
        )

    return build(None)


def _appendices(conn: sqlite3.Connection, plan_id: int) -> tuple[Appendix, ...]:
    tasks = _task_trees(conn, plan_id)
    return tuple(
        Appendix(
            kind=r[1],
            title=r[2],
            columns=tuple(json.loads(r[3])),
            group_by_area=bool(r[5]),
            area=r[6],
            headers=tuple(json.loads(r[4]).items()),
            tasks=tasks(r[0]),
            id=r[0],
        )
        for r in conn.execute(
            "SELECT id, kind, title, columns, headers, group_by_area, area FROM appendices"
            " WHERE plan_id = ? ORDER BY position",
            (plan_id,),
        )
    )


def _task_trees(
    conn: sqlite3.Connection, plan_id: int, appendix_id: int | None = None
) -> Callable[[int], tuple[Task, ...]]:
    """The plan's tasks (or one appendix's) from one query; returns the function giving an
    appendix's task tree."""
    children: dict[tuple[int, int | None], list] = {}
    only = "" if appendix_id is None else " AND appendix_id = ?"
    params = (plan_id,) if appendix_id is None else (plan_id, appendix_id)
    for r in conn.execute(
        f"SELECT id, appendix_id, parent_id, {_TASK_COLS}"
        f" FROM tasks WHERE plan_id = ?{only} ORDER BY appendix_id, parent_id, position",
        params,
    ).fetchall():
        children.setdefault((r[1], r[2]), []).append(r)

    def build(appendix_id: int, parent: int | None = None) -> tuple[Task, ...]:
        return tuple(
            Task(**dict(zip(TASK_TEXT_FIELDS, r[3:], strict=True)), subtasks=build(appendix_id, r[0]), id=r[0])
            for r in children.get((appendix_id, parent), ())
        )

    return build


_SUBTREE = (
    "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT t.id FROM tasks t JOIN sub ON t.parent_id = sub.id)"
    f" SELECT t.id, t.appendix_id, t.parent_id, {', '.join('t.' + f for f in TASK_TEXT_FIELDS)}"
    " FROM tasks t JOIN sub ON t.id = sub.id ORDER BY t.parent_id, t.position"
)


def load_task(store: Store, task_id: int) -> Task:
    """One task with its sub-tasks, read alone (an undo snapshot, a row a table shows anew)."""
    rows = store.conn.execute(_SUBTREE, (task_id,)).fetchall()
    if not rows:
        raise NotFound("Không tìm thấy nhiệm vụ; có thể nó đã bị xóa.")
    children: dict[int | None, list] = {}
    for r in rows:
        children.setdefault(r[2], []).append(r)

    def build(r) -> Task:
        kids = tuple(build(k) for k in children.get(r[0], ()))
        return Task(**dict(zip(TASK_TEXT_FIELDS, r[3:], strict=True)), subtasks=kids, id=r[0])

    return build(next(r for r in rows if r[0] == task_id))


def load_appendix_tasks(store: Store, appendix_id: int) -> tuple[Task, ...]:
    """One appendix's task tree (what its table shows), without loading the rest of the plan."""
    row = store.conn.execute("SELECT plan_id FROM appendices WHERE id = ?", (appendix_id,)).fetchone()
    if row is None:
        raise NotFound("Không tìm thấy phụ lục; có thể nó đã bị xóa.")
    return _task_trees(store.conn, row[0], appendix_id)(appendix_id)


def _targets(conn: sqlite3.Connection, plan_id: int) -> tuple[Target, ...]:
    return tuple(
        Target(area=r[1], content=r[2], lead=r[3], partners=r[4], note=r[5], id=r[0])
        for r in conn.execute(
            "SELECT id, area, content, lead, partners, note FROM targets WHERE plan_id = ? ORDER BY position",
            (plan_id,),
        )
    )
