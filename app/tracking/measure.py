"""Measurable targets: an operator, a value and a unit read from a target's text, and the verdict.

"đạt tối thiểu 92%" -> ≥ 92 %; "100% hồ sơ …" -> = 100 %; "trên 90%" -> > 90 %; "ít nhất 02 lớp"
-> ≥ 2 lớp. A bare percentage ("95% hồ sơ") is a floor (≥), except 100 % which is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.vietnamese import nfc

OPERATORS = (">=", "<=", "=", ">", "<")
SYMBOLS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


@dataclass(frozen=True)
class Measure:
    operator: str  # one of OPERATORS
    value: float
    unit: str = "%"

    def text(self) -> str:
        """'≥ 92%', '= 100%', '≥ 2 lớp'."""
        v = number_text(self.value)
        unit = self.unit if self.unit == "%" else f" {self.unit}" if self.unit else ""
        return f"{SYMBOLS[self.operator]} {v}{unit}"

    def met_by(self, value: float) -> bool:
        eps = 1e-9
        if self.operator == ">=":
            return value >= self.value - eps
        if self.operator == "<=":
            return value <= self.value + eps
        if self.operator == ">":
            return value > self.value + eps
        if self.operator == "<":
            return value < self.value - eps
        if self.unit == "%" and self.value >= 100:
            return value >= 100 - eps
        return abs(value - self.value) <= eps


def number_text(value: float) -> str:
    """92 -> '92', 93.5 -> '93,5' (Vietnamese decimal comma)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def parse_number(text: str) -> float | None:
    """'93,5' or '93.5' or '93,5%' -> 93.5; None when it is not a number."""
    t = text.strip().rstrip("%").strip().replace(" ", "")
    if re.fullmatch(r"\d+([.,]\d+)?", t):
        return float(t.replace(",", "."))
    return None


_NUM = r"(\d+(?:[.,]\d+)?)"
_OPS = (
    (
        re.compile(
            rf"(?:tối thiểu|ít nhất|không thấp hơn|không dưới|không ít hơn)\s*(?:là\s*)?{_NUM}\s*(%|[^\s,.;:()]+(?:/[^\s,.;:()]+)?)?"
        ),
        ">=",
    ),
    (
        re.compile(
            rf"(?:tối đa|không quá|không vượt quá|nhiều nhất)\s*(?:là\s*)?{_NUM}\s*(%|[^\s,.;:()]+(?:/[^\s,.;:()]+)?)?"
        ),
        "<=",
    ),
    (re.compile(rf"(?:trên|hơn|cao hơn)\s*{_NUM}\s*(%)"), ">"),
    (re.compile(rf"(?:dưới|thấp hơn|ít hơn)\s*{_NUM}\s*(%)"), "<"),
    (re.compile(rf"từ\s*{_NUM}\s*(%)\s*trở lên"), ">="),
)
_PERCENT = re.compile(rf"(?<![\d/.,]){_NUM}\s*%")


def parse_measure(text: str) -> Measure | None:
    """The first clear measure in a target's text, or None."""
    t = " ".join(nfc(text or "").lower().split())
    best: tuple[int, Measure] | None = None
    for rx, op in _OPS:
        m = rx.search(t)
        if m is None:
            continue
        value = float(m.group(1).replace(",", "."))
        unit = (m.group(2) or "").strip()
        if unit != "%" and (not unit or unit.isdigit()):
            continue
        if unit != "%" and re.fullmatch(r"20\d\d", m.group(1)):
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), Measure(op, value, unit))
    if best is not None:
        return best[1]
    m = _PERCENT.search(t)
    if m is None:
        return None
    value = float(m.group(1).replace(",", "."))
    return Measure("=" if value >= 100 else ">=", value, "%")


def verdict(measure: Measure, value: float | None) -> bool | None:
    """True (đạt), False (chưa đạt), None (no measured value)."""
    return None if value is None else measure.met_by(value)


def verdict_word(ok: bool | None) -> str:
    return "chưa có số liệu" if ok is None else "đạt" if ok else "chưa đạt"
