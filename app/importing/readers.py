"""Every table of a .docx, every sheet of an .xlsx, as a grid of cell texts.

Merged cells are kept as two views: `cells` has the text only where a merged cell starts,
`filled` repeats it over the whole merged area, and `covered` says which cells a merge hides
("h" beside the start, "v" below it). Text typed in a legacy font encoding is converted here,
so every later step and every preview sees Unicode.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InvalidInput
from app.importing.safety import DOCX, MAX_UNCOMPRESSED_BYTES, ImportFileError, sniff
from app.legacy_encoding import ENCODING_NAMES, detect_legacy, to_unicode
from app.vietnamese import clean_text

MAX_ROWS = 5000
MAX_COLS = 60
PREVIEW_ROWS = 4

_UNICODE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


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
    if text is None:
        return ""
    text = clean_text(str(text)).replace("\u01a3", "\u01b0").replace("\u01a2", "\u01af")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _value_text(value) -> str:
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


class _Grid:
    def __init__(self) -> None:
        self.cells: list[list[str]] = []
        self.filled: list[list[str]] = []
        self.covered: list[list[str]] = []

    def new_row(self) -> None:
        self.cells.append([])
        self.filled.append([])
        self.covered.append([])

    def put(self, r: int, c: int, text: str, filled: str, covered: str) -> None:
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


# ---------------------------------------------------------------- docx


def _docx_tables(path: Path) -> list[RawTable]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception:
        raise ImportFileError(
            f"Không mở được tệp Word «{path.name}»; tệp có thể bị hỏng: hãy mở bằng Word, lưu lại rồi nhập."
        ) from None
    return _DocxReader().tables(document.element.body)


class _DocxReader:
    """A Word body's tables read straight from its XML, with the caption text before each."""

    def __init__(self) -> None:
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        self.qn, self.paragraph = qn, Paragraph
        self.w_p, self.w_tbl, self.w_tr, self.w_tc = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")

    def tables(self, body) -> list[RawTable]:
        """Every top-level table; `adjacent` when no text stands between it and the one before."""
        tables: list[RawTable] = []
        recent: list[str] = []  # non-empty paragraphs since the last table
        between = False  # text between the previous table and this one
        for el in body.iter(self.w_p, self.w_tbl):
            if next(el.iterancestors(self.w_tbl), None) is not None:
                continue  # inside a table: read with its table
            if el.tag == self.w_p:
                text = clean_cell(self.para_text(el))
                if text:
                    recent.append(text)
                    between = True
                continue
            g = self.grid(el)
            g.trim(columns=False)  # a Word table's columns are its structure (continued tables compare them)
            n = len(tables) + 1
            t = RawTable(f"Bảng {n}", "\n".join(recent[-3:]), g.cells, g.filled, g.covered, parts=(n - 1,))
            t.adjacent = bool(tables) and not between
            tables.append(t)
            recent, between = [], False
        return tables

    def grid(self, tbl) -> _Grid:
        """The table's own rows (not those of a table nested in a cell), spans and vertical merges spread."""
        g = _Grid()
        for r, tr in enumerate(x for x in tbl.iter(self.w_tr) if next(x.iterancestors(self.w_tbl)) is tbl):
            if r >= MAX_ROWS:
                break
            g.new_row()
            col = self.int_attr(tr.find(self.qn("w:trPr")), "w:gridBefore", 0)
            for tc in (x for x in tr.iter(self.w_tc) if next(x.iterancestors(self.w_tr)) is tr):
                col = self.put_cell(g, r, col, tc)
                if col >= MAX_COLS:
                    break
        g.square()
        return g

    def put_cell(self, g: _Grid, r: int, col: int, tc) -> int:
        """One cell put at column `col` over its grid span; the column after it."""
        tc_pr = tc.find(self.qn("w:tcPr"))
        span = max(1, self.int_attr(tc_pr, "w:gridSpan", 1))
        vmerge = tc_pr.find(self.qn("w:vMerge")) if tc_pr is not None else None
        cont = vmerge is not None and vmerge.get(self.qn("w:val"), "continue") == "continue"
        text = clean_cell(self.cell_text(tc))
        for k in range(span):
            c = col + k
            if cont and r > 0:
                above = g.filled[r - 1][c] if c < len(g.filled[r - 1]) else ""
                g.put(r, c, "", above, "v")
            else:
                g.put(r, c, text if k == 0 else "", text, "" if k == 0 else "h")
        return col + span

    def para_text(self, p) -> str:
        try:
            return self.paragraph(p, None).text  # type: ignore[arg-type]  # text needs no story part
        except Exception:
            return "".join(t.text or "" for t in p.iter(self.qn("w:t")))

    def cell_text(self, tc) -> str:
        return "\n".join(self.para_text(p) for p in tc.iter(self.w_p))

    def int_attr(self, el, tag: str, default: int) -> int:
        """A w:val number of a child element, kept within 0..MAX_COLS; `default` when absent or odd."""
        if el is None:
            return default
        child = el.find(self.qn(tag))
        if child is None:
            return default
        try:
            return max(0, min(int(child.get(self.qn("w:val"), default)), MAX_COLS))
        except (TypeError, ValueError):
            return default


# ---------------------------------------------------------------- xlsx


def _xlsx_tables(path: Path, uncompressed: int) -> list[RawTable]:
    read_only = uncompressed > MAX_UNCOMPRESSED_BYTES // 3  # big sheets: stream, without merge information
    wb = _open_workbook(path, read_only)
    tables: list[RawTable] = []
    try:
        for ws in wb.worksheets:
            g = _sheet_grid(ws, read_only)
            t = RawTable(f"Trang tính «{ws.title}»", ws.title, g.cells, g.filled, g.covered, parts=(len(tables),))
            if read_only:
                t.notes.append("Tệp lớn: đọc nhanh, không xét ô gộp.")
            tables.append(t)
    finally:
        try:
            wb.close()
        except Exception:
            pass
    return tables


def _open_workbook(path: Path, read_only: bool):
    import openpyxl

    try:
        # From the bytes: openpyxl refuses a path whose extension is not .xlsx (a renamed file).
        data = io.BytesIO(path.read_bytes())
        return openpyxl.load_workbook(data, read_only=read_only, data_only=True, keep_links=False)
    except Exception:
        raise ImportFileError(
            f"Không mở được tệp Excel «{path.name}»; tệp có thể bị hỏng: hãy mở bằng Excel, lưu lại rồi nhập."
        ) from None


def _sheet_grid(ws, read_only: bool) -> _Grid:
    """A sheet's values with its merged ranges spread; an empty grid when the sheet cannot be read."""
    g = _Grid()
    try:
        max_row = min(ws.max_row or 0, MAX_ROWS)
        max_col = min(ws.max_column or 0, MAX_COLS)
        if max_row and max_col:
            for r, values in enumerate(ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)):
                g.new_row()
                for c, v in enumerate(values):
                    text = clean_cell(_value_text(v))
                    g.put(r, c, text, text, "")
        g.square()
        for rng in [] if read_only else list(ws.merged_cells.ranges):
            r0, c0 = rng.min_row - 1, rng.min_col - 1
            if r0 < len(g.cells) and c0 < MAX_COLS:
                g.merge(r0, c0, rng.max_row, rng.max_col)
    except Exception:
        g = _Grid()
    g.trim()
    return g


# ---------------------------------------------------------------- legacy encodings


def convert_legacy(table: RawTable) -> RawTable:
    """Detect TCVN3/VNI text over the whole table and convert it (cells already in Unicode stay)."""
    sample = (
        "\n".join(t for row in table.cells for t in row if t and not _UNICODE_ONLY.search(t))
        + "\n"
        + (table.title if not _UNICODE_ONLY.search(table.title) else "")
    )
    enc = detect_legacy(sample)
    if enc is None:
        return table

    def conv(t: str) -> str:
        return t if not t or _UNICODE_ONLY.search(t) else clean_cell(to_unicode(t, enc))

    table.cells = [[conv(t) for t in row] for row in table.cells]
    table.filled = [[conv(t) for t in row] for row in table.filled]
    table.title = conv(table.title)
    table.encoding = enc
    table.notes.append(f"Chữ trong bảng gõ bằng bảng mã {ENCODING_NAMES[enc]}; đã chuyển sang Unicode.")
    return table


def read_tables(path: Path | str) -> list[RawTable]:
    """Every table of the file, safety-checked, legacy text converted; ImportFileError if unreadable."""
    path = Path(path)
    kind = sniff(path)
    try:
        if kind == DOCX:
            tables = _docx_tables(path)
        else:
            import zipfile

            with zipfile.ZipFile(path) as zf:
                uncompressed = sum(i.file_size for i in zf.infolist())
            tables = _xlsx_tables(path, uncompressed)
    except InvalidInput:
        raise
    except MemoryError:
        raise ImportFileError(f"Tệp «{path.name}» quá lớn để đọc; hãy chỉ giữ lại phần phụ lục rồi nhập lại.") from None
    except Exception:
        raise ImportFileError(
            f"Không đọc được bảng trong tệp «{path.name}»; hãy mở bằng Word/Excel, lưu lại rồi nhập."
        ) from None
    return [convert_legacy(t) for t in tables]
