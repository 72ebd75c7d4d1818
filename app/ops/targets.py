"""Target results: the measure of each target (read from its text or set by the officer) and the
value measured in each reporting period — each an undo step."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from app.errors import InvalidInput
from app.ops.changes import NOTHING, Changes, Part
from app.tracking.calendar import PERIOD_KEYS
from app.tracking.measure import OPERATORS, Measure, parse_measure, parse_number, verdict
from app.vietnamese import clean_text
from app.workspace import Workspace

_KEEP = object()  # "the measure read from the text" (no measure of the officer's)


@dataclass(frozen=True)
class TargetRow:
    """One line of the target results table."""

    target_id: int
    content: str
    measure: Measure | None
    own: bool  # set by the officer (else read from the text)
    value: float | None

    @property
    def ok(self) -> bool | None:
        return verdict(self.measure, self.value) if self.measure is not None else None


def rows(ws: Workspace, plan_id: int, period: str) -> list[TargetRow]:
    own = ws.db.get_measures(plan_id)
    values = ws.db.get_target_values(plan_id, period)
    out = []
    for t in ws.plan(plan_id).targets:
        if t.id is None or not t.content.strip():
            continue
        measure = own[t.id] if t.id in own else parse_measure(t.content)
        out.append(TargetRow(t.id, " ".join(t.content.split()), measure, t.id in own, values.get(t.id)))
    return out


def _own_measure(ws: Workspace, target_id: int):
    """The officer's measure of a target (None = "not measurable"), or _KEEP when she set none."""
    own = ws.db.get_measures(ws.db.target_plan_id(target_id))
    return own[target_id] if target_id in own else _KEEP


def _put_measure(ws: Workspace, target_id: int, measure, label: str) -> Changes:
    target_id = ws.ids["targets"].resolve(target_id)
    old = _own_measure(ws, target_id)
    if old == measure:
        return NOTHING
    if measure is _KEEP:
        ws.db.put_measure(target_id, None, clear=True)
    else:
        ws.db.put_measure(target_id, measure)
    undo = partial(_put_measure, target_id=target_id, measure=old, label=label)
    return Changes.of(ws.db.target_plan_id(target_id), Part.TARGET_RESULTS, ids=(target_id,), label=label, undo=undo)


def set_measure(
    ws: Workspace, target_id: int, operator: str | None, value: float | None = None, unit: str = "%"
) -> Changes:
    """The officer's measure: operator one of ≥ ≤ = > < (or >=, <=); `None` = "not measurable"."""
    if operator is None:
        return _put_measure(ws, target_id, None, "Đánh dấu chỉ tiêu không đo được")
    op = {"≥": ">=", "≤": "<="}.get(operator.strip(), operator.strip())
    if op not in OPERATORS or value is None:
        raise InvalidInput("Chỉ tiêu cần một phép so sánh (≥, ≤, =, >, <) và một giá trị.")
    return _put_measure(ws, target_id, Measure(op, float(value), clean_text(unit).strip()), "Sửa mức chỉ tiêu")


def clear_measure(ws: Workspace, target_id: int) -> Changes:
    """Back to the measure read from the target's text."""
    return _put_measure(ws, target_id, _KEEP, "Đọc lại mức chỉ tiêu theo văn bản")


def check_period(key: str) -> None:
    if key not in PERIOD_KEYS:
        raise InvalidInput(f"Kỳ báo cáo «{key}» không hợp lệ; chọn một trong: {', '.join(PERIOD_KEYS)}.")


def parse_value(value: float | str | None) -> float | None:
    """'93,5' or 93.5 -> 93.5; empty or None -> None (no value yet)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    parsed = parse_number(text) if text else None
    if text and parsed is None:
        raise InvalidInput(f"«{value}» không phải là số; hãy nhập ví dụ 93,5.")
    return parsed


def set_result(ws: Workspace, target_id: int, period: str, value: float | str | None) -> Changes:
    """The value measured for a target in a period; undo puts the old value back."""
    check_period(period)
    target_id = ws.ids["targets"].resolve(target_id)
    number = parse_value(value)
    plan_id = ws.db.target_plan_id(target_id)
    old = ws.db.get_target_values(plan_id, period).get(target_id)
    if old == number:
        return NOTHING
    ws.db.put_target_value(target_id, period, number)
    undo = partial(set_result, target_id=target_id, period=period, value=old)
    return Changes.of(plan_id, Part.TARGET_RESULTS, ids=(target_id,), label="Ghi kết quả chỉ tiêu", undo=undo)
