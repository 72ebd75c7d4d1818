"""Warnings of the check the officer dismissed, per plan and place (table dismissed_findings)."""

from __future__ import annotations

from app.records import Dismissal
from storage.db import Store

_MATCH = (
    "plan_id = ? AND code = ? AND kind = ? AND ifnull(ref, -1) = ifnull(?, -1) AND field = ? "
    "AND ifnull(idx, -1) = ifnull(?, -1) AND message = ?"
)


def _key(plan_id: int, d: Dismissal) -> tuple:
    return (plan_id, d.code, d.kind, d.ref, d.field, d.index, d.message)


def list_dismissed(store: Store, plan_id: int) -> list[Dismissal]:
    """The plan's dismissed warnings, oldest first."""
    rows = store.execute(
        "SELECT code, kind, ref, field, idx, message FROM dismissed_findings WHERE plan_id = ? ORDER BY id",
        (plan_id,),
    ).fetchall()
    return [Dismissal(*r) for r in rows]


def add_dismissal(store: Store, plan_id: int, d: Dismissal) -> bool:
    """Remember a dismissed warning; False when it was already remembered."""
    with store.atomic():
        cur = store.execute(
            "INSERT OR IGNORE INTO dismissed_findings (plan_id, code, kind, ref, field, idx, message) "
            "VALUES (?,?,?,?,?,?,?)",
            _key(plan_id, d),
        )
        return cur.rowcount == 1


def remove_dismissal(store: Store, plan_id: int, d: Dismissal) -> bool:
    """Forget a dismissed warning (it is shown again); False when it was not remembered."""
    with store.atomic():
        return store.execute(f"DELETE FROM dismissed_findings WHERE {_MATCH}", _key(plan_id, d)).rowcount > 0
