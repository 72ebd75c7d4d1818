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


# ---------------------------------------------------------------- docx


def _docx_tables(path: Path) -> list[RawTable]:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception:
        raise ImportFileError(
            f"Không mở được tệp Word «{path.name}»; tệp có thể bị hỏng: hãy mở bằng Word, lưu lại rồi nhập."
        ) from None

    w_p, w_tbl, w_tr, w_tc = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")

    def para_text(p) -> str:
        try:
            return Paragraph(p, None).text  # type: ignore[arg-type]  # text needs no story part
        except Exception:
            return "".join(t.text or "" for t in p.iter(qn("w:t")))

    def cell_text(tc) -> str:
        return "\n".join(para_text(p) for p in tc.iter(w_p))

    def int_attr(el, tag: str, default: int) -> int:
        if el is None:
            return default
        child = el.find(qn(tag))
        if child is None:
            return default
        try:
            return max(0, min(int(child.get(qn("w:val"), default)), MAX_COLS))
        except (TypeError, ValueError):
            return default

    def read_table(tbl) -> _Grid:
        g = _Grid()
        for r, tr in enumerate(x for x in tbl.iter(w_tr) if next(x.iterancestors(w_tbl)) is tbl):
            if r >= MAX_ROWS:
                break
            g.new_row()
            col = int_attr(tr.find(qn("w:trPr")), "w:gridBefore", 0)
            for tc in (x for x in tr.iter(w_tc) if next(x.iterancestors(w_tr)) is tr):
                tc_pr = tc.find(qn("w:tcPr"))
                span = max(1, int_attr(tc_pr, "w:gridSpan", 1))
                vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
                cont = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
                text = clean_cell(cell_text(tc))
                for k in range(span):
                    c = col + k
                    if cont and r > 0:
                        above = g.filled[r - 1][c] if c < len(g.filled[r - 1]) else ""
                        g.put(r, c, "", above, "v")
                    else:
                        g.put(r, c, text if k == 0 else "", text, "" if k == 0 else "h")
                col += span
                if col >= MAX_COLS:
                    break
        g.square()
        return g

    body = document.element.body
    tables: list[RawTable] = []
    recent: list[str] = []  # non-empty paragraphs since the last table
    between = False  # text between the previous table and this one
    for el in body.iter(w_p, w_tbl):
        if next(el.iterancestors(w_tbl), None) is not None:
            continue  # inside a table: read with its table
        if el.tag == w_p:
            text = clean_cell(para_text(el))
            if text:
                recent.append(text)
                between = True
            continue
        g = read_table(el)
        g.trim(columns=False)  # a Word table's columns are its structure (continued tables compare them)
        n = len(tables) + 1
        title = "\n".join(recent[-3:])
        t = RawTable(f"Bảng {n}", title, g.cells, g.filled, g.covered, parts=(n - 1,))
        t.adjacent = bool(tables) and not between
        tables.append(t)
        recent, between = [], False
    return tables


# ---------------------------------------------------------------- xlsx


def _xlsx_tables(path: Path, uncompressed: int) -> list[RawTable]:
    import openpyxl

    read_only = uncompressed > MAX_UNCOMPRESSED_BYTES // 3  # big sheets: stream, without merge information
    try:
        # From the bytes: openpyxl refuses a path whose extension is not .xlsx (a renamed file).
        data = io.BytesIO(path.read_bytes())
        wb = openpyxl.load_workbook(data, read_only=read_only, data_only=True, keep_links=False)
    except Exception:
        raise ImportFileError(
            f"Không mở được tệp Excel «{path.name}»; tệp có thể bị hỏng: hãy mở bằng Excel, lưu lại rồi nhập."
        ) from None
    tables: list[RawTable] = []
    try:
        for ws in wb.worksheets:
            g = _Grid()
            try:
                max_row = min(ws.max_row or 0, MAX_ROWS)
                max_col = min(ws.max_column or 0, MAX_COLS)
                if max_row and max_col:
                    for r, values in enumerate(
                        ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)
                    ):
                        g.new_row()
                        for c, v in enumerate(values):
                            text = clean_cell(_value_text(v))
                            g.put(r, c, text, text, "")
                g.square()
                merged = [] if read_only else list(ws.merged_cells.ranges)
                for rng in merged:
                    r0, c0 = rng.min_row - 1, rng.min_col - 1
                    if r0 >= len(g.cells) or c0 >= MAX_COLS:
                        continue
                    text = g.cells[r0][c0] if c0 < len(g.cells[r0]) else ""
                    for r in range(r0, min(rng.max_row, len(g.cells))):
                        for c in range(c0, min(rng.max_col, len(g.cells[r]))):
                            if (r, c) == (r0, c0):
                                continue
                            g.cells[r][c] = ""
                            g.filled[r][c] = text
                            g.covered[r][c] = "v" if c == c0 else "h"
            except Exception:
                g = _Grid()
            g.trim()
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
