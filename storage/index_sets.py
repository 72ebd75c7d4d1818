"""Reform-index criteria sets: one row per set, one per criterion (points as decimal text)."""

from __future__ import annotations

import json
from decimal import Decimal

from app.errors import InvalidInput, NotFound
from app.index.model import CriteriaSet, Criterion, Rule
from app.vietnamese import clean_text
from storage.db import Store


def _rule_json(rule: Rule | None, part: str = "") -> str | None:
    """The `rule` column: the scoring rule and, for a bonus, penalty or survey area, its part
    ({"part": "bonus"}), so that the parts need no schema change."""
    d: dict = {"kind": rule.kind, "bands": [[str(a), str(b)] for a, b in rule.bands]} if rule is not None else {}
    if part:
        d["part"] = part
    return json.dumps(d) if d else None


def _rule(text: str | None) -> Rule | None:
    if not text:
        return None
    d = json.loads(text)
    if "kind" not in d:
        return None
    return Rule(d["kind"], tuple((Decimal(a), Decimal(b)) for a, b in d.get("bands", [])))


def _part(text: str | None) -> str:
    return str(json.loads(text).get("part", "")) if text else ""


def insert_set(store: Store, cs: CriteriaSet) -> int:
    """Store a whole set (already checked by app.index.validate); returns its id."""
    with store.atomic():
        cur = store.execute(
            "INSERT INTO index_sets (name, total, source) VALUES (?,?,?)",
            (clean_text(cs.name), str(cs.total), clean_text(cs.source)),
        )
        set_id = cur.lastrowid
        assert set_id is not None
        for pos, c in enumerate(cs.criteria):
            store.execute(
                "INSERT INTO index_criteria (set_id, position, number, title, max_points, guidance, rule)"
                " VALUES (?,?,?,?,?,?,?)",
                (
                    set_id,
                    pos,
                    c.number,
                    clean_text(c.title),
                    str(c.max_points),
                    clean_text(c.guidance),
                    _rule_json(c.rule, c.part),
                ),
            )
    return set_id


def list_sets(store: Store) -> list[tuple[int, str, Decimal, str, int]]:
    """(id, name, total, source, number of criteria) of every set, oldest first."""
    rows = store.execute(
        "SELECT s.id, s.name, s.total, s.source, count(c.id) FROM index_sets s"
        " LEFT JOIN index_criteria c ON c.set_id = s.id GROUP BY s.id ORDER BY s.id"
    )
    return [(i, name, Decimal(total), source, n) for i, name, total, source, n in rows]


def load_set(store: Store, set_id: int) -> CriteriaSet:
    head = store.execute("SELECT name, total, source FROM index_sets WHERE id = ?", (set_id,)).fetchone()
    if head is None:
        raise NotFound(f"Không có bộ tiêu chí số hiệu {set_id}.")
    criteria = [
        Criterion(number, title, Decimal(points), guidance, _rule(rule), _part(rule))
        for number, title, points, guidance, rule in store.execute(
            "SELECT number, title, max_points, guidance, rule FROM index_criteria WHERE set_id = ? ORDER BY position",
            (set_id,),
        )
    ]
    return CriteriaSet(head[0], Decimal(head[1]), criteria, id=set_id, source=head[2])


def delete_set(store: Store, set_id: int) -> None:
    with store.atomic():
        if store.execute("SELECT 1 FROM index_assessments WHERE set_id = ?", (set_id,)).fetchone():
            raise InvalidInput("Bộ tiêu chí này đã dùng cho bản tự đánh giá nên không xóa được.")
        if store.execute("DELETE FROM index_sets WHERE id = ?", (set_id,)).rowcount == 0:
            raise NotFound(f"Không có bộ tiêu chí số hiệu {set_id}.")
