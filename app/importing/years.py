"""Years moved on during import: a plan of last year's province seeds this year's ward plan."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from app.carry_forward import shift_years
from app.importing.rows import ImportRow

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
TITLE_WEIGHT = 3  # a year in the table's title counts as much as three in its cells


def most_mentioned_year(title: str, texts: Iterable[str]) -> int | None:
    """The year the title and the texts speak of most often (the title's years weigh more), or None."""
    counts: Counter[int] = Counter()
    for y in _YEAR.findall(title):
        counts[int(y)] += TITLE_WEIGHT
    for text in texts:
        for y in _YEAR.findall(text):
            counts[int(y)] += 1
    return counts.most_common(1)[0][0] if counts else None


def shift_rows(rows: list[ImportRow], year: int, shift: int) -> list[ImportRow]:
    """Copies of the rows with `year` (and the one before) moved on by `shift` (app.carry_forward.shift_years)."""
    return [replace(r, fields={k: shift_years(v, year, year + shift) for k, v in r.fields.items()}) for r in rows]
