"""Plans in SQLite: insert a whole plan, load it back as domain objects, list, delete, edit header."""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.errors import NotFound
from app.model import (
    TASK_COLUMN_KEYS,
    Appendix,
    Area,
    Decision,
    DocDate,
    Period,
    Plan,
    Section,
    Signer,
    Target,
    Task,
)
from app.plan_file import decision_from_dict, decision_to_dict
from app.vietnamese import clean_text
from storage.db import Store

_TASK_FIELDS = ("area",) + TASK_COLUMN_KEYS
_TARGET_FIELDS = ("area", "content", "lead", "partners", "note")


def _t(value: str) -> str:
    return clean_text(value)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _decision_json(decision: Decision | None) -> str | None:
    if decision is None:
        return None
    return _dumps(decision_to_dict(decision_from_dict(decision_to_dict(decision))))  # cleaned, canonical


# ---------------------------------------------------------------- insert


def insert_plan(store: Store, plan: Plan) -> int:
    """Write a whole plan (ids ignored) in one transaction; returns the new plan id."""
    with store.atomic():
        d = plan.date
        cur = store.execute(
            """INSERT INTO plans (year, summary, parent_agency, agency, number, symbol, place,
                date_year, date_month, date_day, legal_bases, legal_bases_italic, preamble, closing,
                signer_authority, signer_position, signer_name, recipients, areas,
                heading_numbering, subtask_numbering, appendix_numbering,
                period_from, period_to, decision, footnotes_restart)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                plan.year,
                _t(plan.summary),
                _t(plan.parent_agency),
                _t(plan.agency),
                _t(plan.number),
                _t(plan.symbol),
                _t(plan.place),
                d.year if d else None,
                d.month if d else None,
                d.day if d else None,
                _dumps([_t(x) for x in plan.legal_bases]),
                int(plan.legal_bases_italic),
                _t(plan.preamble),
                _t(plan.closing),
                _t(plan.signer.authority),
                _t(plan.signer.position),
                _t(plan.signer.name),
                _dumps([_t(x) for x in plan.recipients]),
                _dumps([[a.id, _t(a.title)] for a in plan.areas]),
                _dumps(list(plan.heading_numbering)),
                plan.subtask_numbering,
                plan.appendix_numbering,
                plan.period.start if plan.period else None,
                plan.period.end if plan.period else None,
                _decision_json(plan.decision),
                int(plan.footnotes_restart),
            ),
        )
        plan_id = cur.lastrowid
        assert plan_id is not None
        insert_sections(store, plan_id, None, plan.sections, 0)
        store.conn.executemany(
            "INSERT INTO targets (plan_id, position, area, content, lead, partners, note) VALUES (?,?,?,?,?,?,?)",
            [(plan_id, i, *(_t(getattr(t, f)) for f in _TARGET_FIELDS)) for i, t in enumerate(plan.targets)],
        )
        for i, a in enumerate(plan.appendices):
            insert_appendix(store, plan_id, i, a)
    return plan_id


def insert_sections(store: Store, plan_id: int, parent_id: int | None, sections, start: int) -> list[int]:
    ids = []
    for i, s in enumerate(sections, start):
        cur = store.execute(
            "INSERT INTO sections (plan_id, parent_id, position, heading, run_in, paragraphs) VALUES (?,?,?,?,?,?)",
            (plan_id, parent_id, i, _t(s.heading), int(s.run_in), _dumps([_t(p) for p in s.paragraphs])),
        )
        assert cur.lastrowid is not None
        ids.append(cur.lastrowid)
        insert_sections(store, plan_id, cur.lastrowid, s.sections, 0)
    return ids


def insert_appendix(store: Store, plan_id: int, position: int, a: Appendix) -> int:
    cur = store.execute(
        "INSERT INTO appendices (plan_id, position, kind, title, columns, headers, group_by_area, area)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (
            plan_id,
            position,
            a.kind,
            _t(a.title),
            _dumps(list(a.columns)),
            _dumps({k: _t(v) for k, v in a.headers}),
            int(a.group_by_area),
            a.area,
        ),
    )
    appendix_id = cur.lastrowid
    assert appendix_id is not None
    insert_tasks(store, plan_id, appendix_id, None, a.tasks, 0)
    return appendix_id


def insert_tasks(store: Store, plan_id: int, appendix_id: int, parent_id: int | None, tasks, start: int) -> list[int]:
    """Insert tasks (and their sub-tasks) at positions start, start+1, …; returns the top-level ids."""
    ids = []
    sql = (
        "INSERT INTO tasks (plan_id, appendix_id, parent_id, position, area, content, product, lead, partners,"
        " timeline, budget, monitor, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    for i, t in enumerate(tasks, start):
        cur = store.execute(sql, (plan_id, appendix_id, parent_id, i, *(_t(getattr(t, f)) for f in _TASK_FIELDS)))
        assert cur.lastrowid is not None
        ids.append(cur.lastrowid)
        if t.subtasks:
            insert_tasks(store, plan_id, appendix_id, cur.lastrowid, t.subtasks, 0)
    return ids


# ---------------------------------------------------------------- load


def load_plan(store: Store, plan_id: int) -> Plan:
    """The whole plan with ids; NotFound when there is no such plan."""
    conn = store.conn
    row = conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không có kế hoạch số hiệu {plan_id}; xem danh sách bằng lệnh «list».")
    cols = [c[0] for c in conn.execute("SELECT * FROM plans LIMIT 0").description]
    p = dict(zip(cols, row, strict=False))

    # Sections: build children lists bottom-up from one query.
    sec_rows = conn.execute(
        "SELECT id, parent_id, heading, run_in, paragraphs FROM sections WHERE plan_id = ? ORDER BY parent_id, position",
        (plan_id,),
    ).fetchall()
    sec_children: dict[int | None, list] = {}
    for r in sec_rows:
        sec_children.setdefault(r[1], []).append(r)

    def build_sections(parent: int | None) -> tuple[Section, ...]:
        return tuple(
            Section(
                heading=r[2],
                paragraphs=tuple(json.loads(r[4])),
                sections=build_sections(r[0]),
                run_in=bool(r[3]),
                id=r[0],
            )
            for r in sec_children.get(parent, ())
        )

    task_rows = conn.execute(
        "SELECT id, appendix_id, parent_id, area, content, product, lead, partners, timeline, budget, monitor, note"
        " FROM tasks WHERE plan_id = ? ORDER BY appendix_id, parent_id, position",
        (plan_id,),
    ).fetchall()
    children: dict[tuple[int, int | None], list] = {}
    for r in task_rows:
        children.setdefault((r[1], r[2]), []).append(r)

    def build_tasks(appendix_id: int, parent: int | None) -> tuple[Task, ...]:
        return tuple(
            Task(
                area=r[3],
                content=r[4],
                product=r[5],
                lead=r[6],
                partners=r[7],
                timeline=r[8],
                budget=r[9],
                monitor=r[10],
                note=r[11],
                subtasks=build_tasks(appendix_id, r[0]),
                id=r[0],
            )
            for r in children.get((appendix_id, parent), ())
        )

    appendices = tuple(
        Appendix(
            kind=r[1],
            title=r[2],
            columns=tuple(json.loads(r[3])),
            group_by_area=bool(r[5]),
            area=r[6],
            headers=tuple(json.loads(r[4]).items()),
            tasks=build_tasks(r[0], None),
            id=r[0],
        )
        for r in conn.execute(
            "SELECT id, kind, title, columns, headers, group_by_area, area FROM appendices"
            " WHERE plan_id = ? ORDER BY position",
            (plan_id,),
        )
    )
    targets = tuple(
        Target(area=r[1], content=r[2], lead=r[3], partners=r[4], note=r[5], id=r[0])
        for r in conn.execute(
            "SELECT id, area, content, lead, partners, note FROM targets WHERE plan_id = ? ORDER BY position",
            (plan_id,),
        )
    )
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
        sections=build_sections(None),
        closing=p["closing"],
        targets=targets,
        appendices=appendices,
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


# ---------------------------------------------------------------- list, delete, header


@dataclass(frozen=True)
class PlanSummary:
    id: int
    year: int
    summary: str
    agency: str
    updated_at: str
    tasks: int


def list_plans(store: Store) -> list[PlanSummary]:
    rows = store.execute(
        "SELECT p.id, p.year, p.summary, p.agency, p.updated_at,"
        " (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id)"
        " FROM plans p ORDER BY p.year DESC, p.id DESC"
    ).fetchall()
    return [PlanSummary(*r) for r in rows]


def plan_exists(store: Store, plan_id: int) -> bool:
    return store.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone() is not None


def delete_plan(store: Store, plan_id: int) -> None:
    with store.atomic():
        if store.execute("DELETE FROM plans WHERE id = ?", (plan_id,)).rowcount == 0:
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")


HEADER_FIELDS = {
    "year",
    "summary",
    "parent_agency",
    "agency",
    "number",
    "symbol",
    "place",
    "legal_bases",
    "legal_bases_italic",
    "preamble",
    "closing",
    "recipients",
    "areas",
    "heading_numbering",
    "subtask_numbering",
    "appendix_numbering",
    "date",
    "signer",
    "period",
    "decision",
    "footnotes_restart",
}


def update_plan(store: Store, plan_id: int, **fields) -> None:
    """Change header-level fields of a plan (the domain names of Plan) in one statement."""
    cols: dict[str, object] = {}
    for key, value in fields.items():
        if key not in HEADER_FIELDS:
            raise ValueError(key)
        if key == "date":
            cols.update(
                date_year=value.year if value else None,
                date_month=value.month if value else None,
                date_day=value.day if value else None,
            )
        elif key == "signer":
            cols.update(
                signer_authority=_t(value.authority), signer_position=_t(value.position), signer_name=_t(value.name)
            )
        elif key in ("legal_bases", "recipients"):
            cols[key] = _dumps([_t(x) for x in value])
        elif key == "heading_numbering":
            cols[key] = _dumps(list(value))
        elif key == "areas":
            cols[key] = _dumps([[a.id, _t(a.title)] for a in value])
        elif key == "period":
            cols.update(period_from=value.start if value else None, period_to=value.end if value else None)
        elif key == "decision":
            cols[key] = _decision_json(value)
        elif key in ("legal_bases_italic", "footnotes_restart"):
            cols[key] = int(value)
        elif isinstance(value, str):
            cols[key] = _t(value)
        else:
            cols[key] = value
    if not cols:
        return
    assigns = ", ".join(f"{c} = ?" for c in cols)
    with store.atomic():
        cur = store.execute(
            f"UPDATE plans SET {assigns}, updated_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?",
            (*cols.values(), plan_id),
        )
        if cur.rowcount == 0:
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")


def touch(store: Store, plan_id: int) -> None:
    store.execute("UPDATE plans SET updated_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?", (plan_id,))


APPENDIX_FIELDS = {"title", "columns", "headers", "group_by_area", "area"}


def update_appendix(store: Store, appendix_id: int, **fields) -> None:
    cols: dict[str, object] = {}
    for key, value in fields.items():
        if key not in APPENDIX_FIELDS:
            raise ValueError(key)
        if key == "columns":
            cols[key] = _dumps(list(value))
        elif key == "headers":
            cols[key] = _dumps({k: _t(v) for k, v in dict(value).items()})
        elif key == "group_by_area":
            cols[key] = int(value)
        else:
            cols[key] = _t(value)
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


def add_appendix(store: Store, plan_id: int, appendix: Appendix, position: int | None = None) -> int:
    """Insert an appendix (with its tasks) at `position` among the plan's appendices."""
    with store.atomic():
        n = store.execute("SELECT count(*) FROM appendices WHERE plan_id = ?", (plan_id,)).fetchone()[0]
        pos = n if position is None else max(0, min(position, n))
        store.execute(
            "UPDATE appendices SET position = position + 1 WHERE plan_id = ? AND position >= ?", (plan_id, pos)
        )
        new_id = insert_appendix(store, plan_id, pos, appendix)
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
