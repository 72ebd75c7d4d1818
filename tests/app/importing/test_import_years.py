"""Years found in a table and moved on, row by row."""

from __future__ import annotations

from app.importing.rows import TASK, ImportRow
from app.importing.years import most_mentioned_year, shift_rows


def test_most_mentioned_year_weighs_the_title_more():
    assert most_mentioned_year("Kế hoạch năm 2023", ["Quý II/2024", "Cả năm 2024"]) == 2023
    assert most_mentioned_year("Kế hoạch", ["Quý II/2024", "Cả năm 2024", "2023"]) == 2024
    assert most_mentioned_year("Phụ lục", ["Thường xuyên", "Số 12345"]) is None


def test_shift_rows_copies_the_rows():
    row = ImportRow(
        TASK, "1", 0, "", {"timeline": "Quý II/2023", "content": "Kế hoạch số 150/KH-UBND ngày 24/11/2021"}, (2,)
    )
    (got,) = shift_rows([row], 2023, 1)
    assert got.fields == {"timeline": "Quý II/2024", "content": "Kế hoạch số 150/KH-UBND ngày 24/11/2021"}
    assert row.fields["timeline"] == "Quý II/2023"
    assert (got.kind, got.label, got.source_rows) == (TASK, "1", (2,))
