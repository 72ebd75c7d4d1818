"""Years moved on during import: a plan of last year's province seeds this year's ward plan."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from app.carry_forward import shift_years
from app.importing.parse import ImportResult

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def guess_source_year(result: ImportResult) -> int | None:
    """The year the table speaks of most often (its title first), or None."""
    counts: Counter[int] = Counter()
    for y in _YEAR.findall(result.table.title):
        counts[int(y)] += 3
    for row in result.rows:
        for text in row.fields.values():
            for y in _YEAR.findall(text):
                counts[int(y)] += 1
    return counts.most_common(1)[0][0] if counts else None


def shift_result(result: ImportResult, shift: int, source_year: int | None = None) -> ImportResult:
    """Every text of the rows with the source year (and the one before) moved on by `shift`.

    `source_year` defaults to the year the table mentions most; periods ("2021 - 2025"), document
    symbols ("90/2020/NĐ-CP") and the dates of cited documents stay (app.carry_forward.shift_years).
    """
    if not shift:
        return result
    year = source_year if source_year is not None else guess_source_year(result)
    if year is None:
        return result
    rows = [
        replace(r, fields={k: shift_years(v, year, year + shift) for k, v in r.fields.items()}) for r in result.rows
    ]
    return replace(result, rows=rows, year_shift=shift, source_year=year)
