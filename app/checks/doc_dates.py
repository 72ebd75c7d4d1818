"""Issue dates written in a text ("ngày 12/02/2026", "ngày 12 tháng 02 năm 2026"), and whether
one date is known to come after another when a draft leaves its day or month blank."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.model import DocDate

# A day or month left for the clerk: "…", "..", or nothing at all ("ngày   tháng 01 năm 2026").
_PART = r"(\d{1,2}|…+|\.{2,})?"
_SLASHED = re.compile(rf"ngày\s+{_PART}\s*[/-]\s*{_PART}\s*[/-]\s*((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_WORDED = re.compile(rf"ngày\s+{_PART}\s*tháng\s+{_PART}\s*năm\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)


def _number(text: str | None, highest: int) -> int | None:
    if text is None or not text.isdigit():
        return None
    n = int(text)
    return n if 1 <= n <= highest else None


def dates_in(text: str) -> Iterator[tuple[DocDate, str]]:
    """Every issue date written in `text`, with the words that wrote it, in the order they come."""
    found = [(m.start(), m) for pattern in (_SLASHED, _WORDED) for m in pattern.finditer(text)]
    for _, m in sorted(found, key=lambda x: x[0]):
        day, month, year = m.groups()
        yield DocDate(int(year), _number(month, 12), _number(day, 31)), " ".join(m.group().split())


def known_after(a: DocDate, b: DocDate) -> bool:
    """True when `a` is certainly later than `b`: compared at the precision both dates give
    (a plan of "tháng 01 năm 2026" comes before a decision of 12/02/2026; a plan of "năm 2026"
    may not)."""
    if a.year != b.year:
        return a.year > b.year
    if a.month is None or b.month is None or a.month != b.month:
        return a.month is not None and b.month is not None and a.month > b.month
    return a.day is not None and b.day is not None and a.day > b.day


def date_text(d: DocDate) -> str:
    """'12/02/2026', 'tháng 01/2026' or 'năm 2026': as much of the date as is known."""
    if d.month is None:
        return f"năm {d.year}"
    if d.day is None:
        return f"tháng {d.month:02d}/{d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
