"""Import the upper level's appendix table (.docx or .xlsx) as tasks.

For the window's import dialog:

    tables = list_tables(path)                 # every table/sheet: .source, .title, .preview(), .encoding
    result = read_file(path, table_index=i, year_shift=1)   # or parse_table(tables[i], table_index=i)
    result.rows                                # ImportRow: kind, label, level, area, fields, checked, parent
    result.mapping / result.headers            # column -> field key; result.remap({0: "number", 1: "content", …})
    result.problems                            # what could not be understood, each one Vietnamese sentence
    result.counts()                            # (tasks, sub-tasks) that would be added
    app.ops.import_table.import_result(ws, plan_id, result)   # add them: one transaction, one undo step

Files are size-checked before they are opened (zip bombs, > 50 MB refused), nothing in them is
executed, and every failure is an ImportFileError (an InvalidInput) with one Vietnamese sentence.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput
from app.importing.columns import FIELD_KEYS, FIELD_NAMES, NUMBER, column_key
from app.importing.header import find_header
from app.importing.labels import guess_area
from app.importing.parse import ImportResult, guess_source_year, parse_table, shift_result
from app.importing.readers import RawTable, read_tables
from app.importing.rows import GROUP, TASK, UNKNOWN, ImportRow, Problem
from app.importing.safety import ImportFileError
from app.vietnamese import fold

__all__ = [
    "FIELD_KEYS",
    "FIELD_NAMES",
    "GROUP",
    "NUMBER",
    "TASK",
    "UNKNOWN",
    "ImportFileError",
    "ImportResult",
    "ImportRow",
    "Problem",
    "RawTable",
    "best_table_index",
    "column_key",
    "guess_area",
    "guess_source_year",
    "list_tables",
    "parse_table",
    "read_file",
    "shift_result",
]


def _first_row_key(t: RawTable) -> str:
    return " ".join(fold(" ".join(t.filled[0])).split()) if t.cells else ""


def _join_continued(tables: list[RawTable]) -> list[RawTable]:
    """A table split by a page (PDF-to-Word conversions make one table per page) is joined back:
    it follows the previous table with no text between, has as many columns, and either repeats
    the header or has none of its own."""
    out: list[RawTable] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev is not None and t.adjacent and t.cells and prev.n_cols == t.n_cols:
            start, count = find_header(prev)
            own_start, own_count = find_header(t)
            repeats = count > 0 and _first_row_key(t) == " ".join(fold(" ".join(prev.filled[start])).split())
            if count and (repeats or own_count == 0):
                prev.cells += t.cells
                prev.filled += t.filled
                prev.covered += t.covered
                prev.parts = prev.parts + t.parts
                prev.source = f"Bảng {prev.parts[0] + 1}–{prev.parts[-1] + 1}"
                prev.notes.append(
                    f"Bảng {t.parts[0] + 1} trong tệp là phần tiếp theo (sang trang) nên đã được nối vào bảng này."
                )
                if t.encoding and not prev.encoding:
                    prev.encoding = t.encoding
                continue
        out.append(t)
    return out


def list_tables(path: Path | str) -> list[RawTable]:
    """Every table of a .docx (continued tables joined) or every sheet of an .xlsx, with previews."""
    tables = _join_continued(read_tables(path))
    if not any(t.cells for t in tables):
        raise ImportFileError(f"Tệp «{Path(path).name}» không có bảng nào để nhập.")
    return tables


def best_table_index(tables: list[RawTable]) -> int:
    """The first table that reads as a task table (a content column and at least one task)."""
    return _best_table(tables)[0]


def _best_table(tables: list[RawTable]) -> tuple[int, ImportResult | None]:
    """The best table's index, and the table understood when that was needed to choose it."""
    for i, t in enumerate(tables):
        if not t.cells:
            continue
        res = parse_table(t, table_index=i)
        if "content" in res.mapping.values() and any(r.kind == TASK for r in res.rows) and find_header(t)[1]:
            return i, res
    return next((i for i, t in enumerate(tables) if t.cells), 0), None


def read_file(
    path: Path | str,
    table_index: int | None = None,
    mapping: dict | None = None,
    year_shift: int = 0,
    source_year: int | None = None,
) -> ImportResult:
    """The chosen table (0-based; None = the first task table) understood as tasks."""
    tables = list_tables(path)
    parsed = None
    if table_index is None:
        table_index, parsed = _best_table(tables)  # the table was understood to choose it: once is enough
    if not 0 <= table_index < len(tables):
        raise InvalidInput(f"Tệp chỉ có {len(tables)} bảng; không có bảng số {table_index + 1}.")
    result = (
        parsed
        if parsed is not None and mapping is None
        else parse_table(tables[table_index], mapping, table_index=table_index)
    )
    return shift_result(result, year_shift, source_year) if year_shift else result
