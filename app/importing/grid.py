"""A table as read from a file: the grid of cell texts, its merged cells, and the reading limits.

Merged cells are kept as two views: `cells` has the text only where a merged cell starts,
`filled` repeats it over the whole merged area, and `covered` says which cells a merge hides
("h" beside the start, "v" below it).

The limits keep a hostile file cheap: a table has at most MAX_ROWS rows and MAX_COLS columns,
a file at most MAX_TABLES tables and MAX_GRID_CELLS cells in all of them. Text beyond them is
never dropped silently: the file is refused with one Vietnamese sentence (`TooLarge`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.importing.safety import ImportFileError
from app.vietnamese import clean_text

MAX_ROWS = 5000  # rows of one table
MAX_COLS = 60  # columns of one table
MAX_TABLES = 100  # tables of a .docx, sheets of an .xlsx
MAX_GRID_CELLS = 1_000_000  # rows x columns over every table of a file
PREVIEW_ROWS = 4

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


class TooLarge(ImportFileError):
    """A table or file beyond the reading limits."""


def advice(name: str) -> str:
    return f"hãy chỉ giữ lại phần phụ lục trong tệp «{name}» rồi nhập lại."


def check_cell(name: str, where: str, r: int, c: int) -> None:
    """Refuse text at 0-based (r, c) beyond the limits of one table."""
    if r >= MAX_ROWS or c >= MAX_COLS:
        raise TooLarge(
            f"{where} có chữ ở {cell_name(r, c)}, ngoài giới hạn {number(MAX_ROWS)} dòng × {MAX_COLS} cột; {advice(name)}"
        )


def number(n: int) -> str:
    """5000 -> '5.000' (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def cell_name(r: int, c: int) -> str:
    """0-based (r, c) as Excel names it: (0, 0) -> 'ô A1'."""
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"ô {letters}{r + 1}"


class GridBudget:
    """The cells every table of one file may take together (MAX_GRID_CELLS)."""

    def __init__(self, name: str) -> None:
        self.name, self.left = name, MAX_GRID_CELLS

    def take(self, rows: int, cols: int) -> None:
        self.left -= rows * cols
        if self.left < 0:
            raise TooLarge(
                f"Các bảng trong tệp «{self.name}» có tổng cộng hơn {number(MAX_GRID_CELLS)} ô; {advice(self.name)}"
            )


@dataclass
class RawTable:
    """One table as found in the file (before any column is understood)."""

    source: str  # "Bảng 2" or "Trang tính «Phụ lục 1»"
    title: str  # the text just before the table (docx) or the sheet name (xlsx)
    cells: list[list[str]]
    filled: list[list[str]]
    covered: list[list[str]]
    encoding: str | None = None  # legacy encoding converted from, if any
    notes: list[str] = field(default_factory=list)  # Vietnamese sentences about how it was read
    parts: tuple[int, ...] = ()  # file tables joined into this one (continued across pages)
    adjacent: bool = False  # follows the previous table with no text between (a page's continuation?)

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.cells), default=0)

    def preview(self, rows: int = PREVIEW_ROWS) -> str:
        """A few lines of text to recognise the table by: its title, then the first rows."""
        lines = [self.title] if self.title else []
        for r in self.cells[: rows + 2]:
            texts = [" ".join(t.split()) for t in r if t.strip()]
            if texts:
                lines.append(" | ".join(texts))
            if len(lines) >= rows + 1:
                break
        return "\n".join(lines)


def clean_cell(text) -> str:
    """NFC, no control characters, 'ƣ' (a PDF-conversion artefact) as 'ư', spaces collapsed, blank lines dropped."""
    if text is None or text == "":  # "": most cells of a table read from Word
        return ""
    text = clean_text(str(text))
    if "\u01a3" in text or "\u01a2" in text:
        text = text.replace("\u01a3", "\u01b0").replace("\u01a2", "\u01af")
    if "\n" not in text:
        return _SPACES.sub(" ", text).strip()
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def value_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if not (value.hour or value.minute) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- grid building


class Grid:
    """The three views of a table being built (cells, filled, covered), row by row or all at once."""

    def __init__(self) -> None:
        self.cells: list[list[str]] = []
        self.filled: list[list[str]] = []
        self.covered: list[list[str]] = []

    @classmethod
    def blank(cls, rows: int, cols: int) -> Grid:
        g = cls()
        g.cells, g.filled, g.covered = ([[""] * cols for _ in range(rows)] for _ in range(3))
        return g

    def new_row(self) -> None:
        self.cells.append([])
        self.filled.append([])
        self.covered.append([])

    def put(self, r: int, c: int, text: str, filled: str, covered: str) -> None:
        """Set one cell; a cell past MAX_COLS is left out (callers refuse text there: check_cell)."""
        if c >= MAX_COLS:
            return
        for lst, value in ((self.cells, text), (self.filled, filled), (self.covered, covered)):
            row = lst[r]
            while len(row) <= c:
                row.append("")
            row[c] = value

    def square(self) -> None:
        n = max((len(r) for r in self.cells), default=0)
        for lst in (self.cells, self.filled, self.covered):
            for row in lst:
                row.extend([""] * (n - len(row)))

    def trim(self, columns: bool = True) -> None:
        """Drop trailing empty rows and columns (sheets often report a larger used range)."""
        while self.cells and not any(t.strip() for t in self.cells[-1]):
            for lst in (self.cells, self.filled, self.covered):
                lst.pop()
        if not columns:
            return
        n = max((len(r) for r in self.cells), default=0)
        while n and not any(len(r) >= n and r[n - 1].strip() for r in self.filled):
            n -= 1
        for lst in (self.cells, self.filled, self.covered):
            for i, row in enumerate(lst):
                lst[i] = row[:n]

    def merge(self, r0: int, c0: int, r_end: int, c_end: int) -> None:
        """The cell at (r0, c0) spread over rows r0..r_end-1 and columns c0..c_end-1 (within the grid)."""
        text = self.cells[r0][c0] if c0 < len(self.cells[r0]) else ""
        for r in range(r0, min(r_end, len(self.cells))):
            for c in range(c0, min(c_end, len(self.cells[r]))):
                if (r, c) == (r0, c0):
                    continue
                self.cells[r][c] = ""
                self.filled[r][c] = text
                self.covered[r][c] = "v" if c == c0 else "h"
