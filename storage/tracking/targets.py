"""Targets' tracking in SQLite: the officer's measures and the values measured per period."""

from __future__ import annotations

from app.errors import NotFound
from app.tracking.measure import Measure
from app.vietnamese import clean_text
from storage import plans as plans_store
from storage.db import Store


def target_plan_id(store: Store, target_id: int) -> int:
    row = store.execute("SELECT plan_id FROM targets WHERE id = ?", (target_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy chỉ tiêu (mã {target_id}); có thể nó đã bị xóa.")
    return row[0]


def get_measures(store: Store, plan_id: int) -> dict[int, Measure | None]:
    """The officer's own measures by target id (None: "not measurable"); absent ids use the text."""
    out: dict[int, Measure | None] = {}
    for tid, op, value, unit in store.execute(
        "SELECT m.target_id, m.operator, m.value, m.unit FROM target_measures m"
        " JOIN targets t ON t.id = m.target_id WHERE t.plan_id = ?",
        (plan_id,),
    ):
        out[tid] = None if op == "none" else Measure(op, value, unit)
    return out


def put_measure(store: Store, target_id: int, measure: Measure | None, *, clear: bool = False) -> None:
    """Set the officer's measure (None = not measurable); `clear` goes back to the text's."""
    with store.atomic():
        plan_id = target_plan_id(store, target_id)
        if clear:
            store.execute("DELETE FROM target_measures WHERE target_id = ?", (target_id,))
        else:
            op, value, unit = ("none", None, "") if measure is None else (measure.operator, measure.value, measure.unit)
            store.execute(
                "INSERT OR REPLACE INTO target_measures (target_id, operator, value, unit) VALUES (?,?,?,?)",
                (target_id, op, value, clean_text(unit)),
            )
        plans_store.touch(store, plan_id)


def get_target_values(store: Store, plan_id: int, period: str) -> dict[int, float]:
    return {
        tid: value
        for tid, value in store.execute(
            "SELECT r.target_id, r.value FROM target_results r JOIN targets t ON t.id = r.target_id"
            " WHERE t.plan_id = ? AND r.period = ? AND r.value IS NOT NULL",
            (plan_id, period),
        )
    }


def put_target_value(store: Store, target_id: int, period: str, value: float | None) -> None:
    with store.atomic():
        plan_id = target_plan_id(store, target_id)
        if value is None:
            store.execute("DELETE FROM target_results WHERE target_id = ? AND period = ?", (target_id, period))
        else:
            store.execute(
                "INSERT OR REPLACE INTO target_results (target_id, period, value) VALUES (?,?,?)",
                (target_id, period, float(value)),
            )
        plans_store.touch(store, plan_id)
