"""Where a table's header is: its rows, its text per column, and the same header repeated lower down."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.importing.columns import column_key, header_score, is_column_number_row
from app.importing.labels import compact
from app.importing.readers import RawTable

# A row number such as "3" or "2.1" is no header word; a year ("2025" over a budget column) may be.
_SHORT_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")

HEADER_SEARCH_ROWS = 12
MAX_HEADER_ROWS = 3


@dataclass(frozen=True)
class Header:
    """The header at the top of a table; `count` 0 when the table has none."""

    start: int  # first header row (0-based); title rows above it are the table's caption
    count: int  # header rows, the column-number row under it included
    texts: list[str]  # header text of each column ('' when none)
    keys: frozenset[str] = frozenset()  # each header row's whole text, compacted
    cells: tuple[tuple[str, ...], ...] = ()  # each header row's cells, compacted

    @property
    def end(self) -> int:
        """The first body row."""
        return self.start + self.count


def detect_header(table: RawTable) -> Header:
    """Step 1: the header rows, their text per column, and what a repeat of them looks like."""
    start, count = find_header(table)
    if not count:
        return Header(start, 0, [""] * table.n_cols)
    rows = [table.filled[r] for r in range(start, start + count)]
    return Header(
        start,
        count,
        header_texts(table, start, count),
        frozenset(compact(" ".join(texts)) for texts in rows),
        tuple(tuple(compact(t) for t in texts) for texts in rows),
    )


def find_header(table: RawTable) -> tuple[int, int]:
    """(first header row, number of header rows); (0, 0) when no header is found."""
    best_row = _best_header_row(table)
    if best_row < 0:
        return 0, 0
    start = _top_line(table, best_row)
    return start, _header_end(table, start) - start


def _best_header_row(table: RawTable) -> int:
    """The row near the top that names the most fields (two at least), or -1."""
    best, best_row = 1, -1
    for r in range(min(HEADER_SEARCH_ROWS, table.n_rows)):
        score = header_score(table.filled[r])
        if score > best:
            best, best_row = score, r
    return best_row


def _top_line(table: RawTable, row: int) -> int:
    """The top line of a two-line header found by its lower line (which repeats the merged cells above it)."""
    while row > 0 and "v" in table.covered[row] and header_score(table.filled[row - 1]) >= 2:
        row -= 1
    return row


def _header_end(table: RawTable, start: int) -> int:
    """The row after the header: lower header lines and a column-number line belong to it."""
    end = start + 1
    while end < table.n_rows and end - start < MAX_HEADER_ROWS:
        if is_column_number_row(table.cells[end]):
            return end + 1
        if not _continues_header(table.cells[end], table.covered[end], table.covered[end - 1]):
            break
        end += 1
    return end


def _continues_header(row: list[str], covered: list[str], covered_above: list[str]) -> bool:
    """A line of short known words under a header cell merged down or across is more header."""
    nonempty = [c for c, t in enumerate(row) if t.strip()]
    if not nonempty:
        return False
    v_from_header = any(covered[c] == "v" for c in range(len(row)))
    spanned_above = any(x == "h" for x in covered_above)
    short = all(len(row[c]) <= 40 and not _SHORT_NUMBER.match(row[c].strip()) for c in nonempty)
    known = all(column_key(row[c]) or len(row[c]) <= 20 for c in nonempty)
    return short and known and (v_from_header or spanned_above)


def header_texts(table: RawTable, start: int, count: int) -> list[str]:
    """Each column's header text, its lines joined top to bottom (column numbers left out)."""
    out = []
    for c in range(table.n_cols):
        parts: list[str] = []
        for r in range(start, start + count):
            t = " ".join(table.filled[r][c].split())
            if t and not is_column_number_row([t, "1", "2"]) and (not parts or parts[-1] != t):
                if not re.fullmatch(r"\(?\d{1,2}\)?", t):
                    parts.append(t)
        out.append(" ".join(parts))
    return out


def is_repeated_header(texts: list[str], header: Header) -> bool:
    """A body row that repeats the header (at the top of each page), wholly or cell by cell."""
    if not header.count:
        return False
    if compact(" ".join(texts)) in header.keys:
        return True
    row = [compact(t) for t in texts]
    return any(_same_cells(row, cells) for cells in header.cells)


def _same_cells(row: list[str], header_row: tuple[str, ...]) -> bool:
    pairs = [(a, b) for a, b in zip(row, header_row, strict=False) if a or b]
    return bool(pairs) and sum(1 for a, b in pairs if a == b) >= max(2, 0.6 * len(pairs))
