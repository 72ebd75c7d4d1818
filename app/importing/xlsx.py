"""Every sheet of an .xlsx as a grid of cell texts, read as a stream.

openpyxl is not used to read: it trusts a sheet's declared <dimension>, loads small files whole
and makes an object for every cell a merged range covers, so a 2 KB file could take gigabytes.
Here each part's XML is streamed (lxml iterparse: no DTD, no entities, no network), only the
cells holding text are kept, a sheet is clamped to the cells actually present (its <dimension>
is never read), merges are spread only inside that range, and every limit is a refusal in one
Vietnamese sentence, never a silent cut: MAX_ELEMENTS cells, rows, strings and merges read per
file, the table limits of app.importing.grid, and merged areas no larger than twice their table.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from app.importing.grid import (
    MAX_COLS,
    MAX_TABLES,
    Grid,
    GridBudget,
    RawTable,
    TooLarge,
    advice,
    check_cell,
    clean_cell,
    number,
    value_text,
)
from app.importing.safety import ImportFileError

MAX_ELEMENTS = 500_000  # cells, rows, shared strings and merges read from one file (a few seconds at most)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
ROW, CELL, MERGE = _MAIN + "row", _MAIN + "c", _MAIN + "mergeCell"
_V, _IS, _T, _RPH, _SI = _MAIN + "v", _MAIN + "is", _MAIN + "t", _MAIN + "rPh", _MAIN + "si"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


class _Book:
    """One open workbook: its archive, shared strings, date styles and what is left of the budget."""

    def __init__(self, path: Path, zf: zipfile.ZipFile) -> None:
        self.path, self.zf = path, zf
        self.names = set(zf.namelist())
        self.left = MAX_ELEMENTS
        self.strings: list[str] = []
        self.dates: set[int] = set()
        self.durations: set[int] = set()
        self.epoch = None

    def elements(self, member: str, *tags: str) -> Iterator:
        """The elements of a part with these tags, each freed (with what came before it) once used."""
        with self.zf.open(member) as f:
            for _, el in etree.iterparse(f, events=("end",), tag=tags, **_SAFE):
                self.left -= 1
                if self.left < 0:
                    raise TooLarge(f"Tệp «{self.path.name}» có hơn {number(MAX_ELEMENTS)} ô; {advice(self.path.name)}")
                yield el
                el.clear(keep_tail=False)
                if self.left % 256 == 0:  # now and then, not each time: it costs as much as the rest
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, member name) of a part."""
        folder, _, file = part.rpartition("/")
        name = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
        if name not in self.names:
            return {}
        return {
            el.get("Id", ""): (el.get("Type", ""), _resolve(folder, el.get("Target", "")))
            for el in self.elements(name, _PKG_REL)
            if el.get("TargetMode") != "External"
        }


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a member name: relative to the part's folder unless it starts with '/'."""
    parts: list[str] = []
    for p in (target if target.startswith("/") else f"{folder}/{target}").split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p not in ("", "."):
            parts.append(p)
    return "/".join(parts)


def _workbook_part(book: _Book) -> str:
    for kind, target in book.rels("").values():
        if kind.endswith("/officeDocument") and target in book.names:
            return target
    return "xl/workbook.xml"


def _sheets(book: _Book, part: str) -> list[tuple[str, str]]:
    """(sheet name, member) of every worksheet in the workbook's order (chart sheets left out)."""
    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

    rels = book.rels(part)
    sheets: list[tuple[str, str]] = []
    book.epoch = WINDOWS_EPOCH
    for el in book.elements(part, _MAIN + "sheet", _MAIN + "workbookPr"):
        if el.tag == _MAIN + "workbookPr":
            if el.get("date1904", "").lower() in ("1", "true"):
                book.epoch = MAC_EPOCH
            continue
        kind, member = rels.get(el.get(_R_ID, ""), ("", ""))
        if kind.endswith("/worksheet") and member in book.names:
            sheets.append((clean_cell(el.get("name", "")) or f"Trang {len(sheets) + 1}", member))
        if len(sheets) > MAX_TABLES:
            raise TooLarge(f"Tệp «{book.path.name}» có hơn {MAX_TABLES} trang tính; {advice(book.path.name)}")
    _read_strings(book, part, rels)
    _read_styles(book, rels)
    return sheets


def _text_of(el) -> str:
    """The text of a shared or inline string: its runs, without phonetic guides (rPh)."""
    if len(el) == 1 and el[0].tag == _T:  # plain text, by far the most common
        return el[0].text or ""
    if el.find(_RPH) is None:
        return "".join(el.itertext(_T, with_tail=False))
    return "".join(t.text or "" for t in el.iter(_T) if t.getparent().tag != _RPH)


def _read_strings(book: _Book, part: str, rels: dict[str, tuple[str, str]]) -> None:
    member = next((m for k, m in rels.values() if k.endswith("/sharedStrings")), "xl/sharedStrings.xml")
    if member in book.names:
        book.strings = [_text_of(el) for el in book.elements(member, _SI)]


def _read_styles(book: _Book, rels: dict[str, tuple[str, str]]) -> None:
    """Which cell styles show a number as a date or a duration (as Excel would display it)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    member = next((m for k, m in rels.values() if k.endswith("/styles")), "xl/styles.xml")
    if member not in book.names:
        return
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    index = 0
    for el in book.elements(member, _MAIN + "numFmt", _MAIN + "xf"):
        if el.tag == _MAIN + "numFmt":
            codes[_int(el.get("numFmtId"), -1)] = el.get("formatCode", "")
            continue
        if el.getparent() is None or el.getparent().tag != _MAIN + "cellXfs":
            continue
        code = codes.get(_int(el.get("numFmtId"), 0), "")
        if is_date_format(code):
            (book.durations if is_timedelta_format(code) else book.dates).add(index)
        index += 1


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


def _cell_text(book: _Book, el) -> str:
    """The text Excel shows for a cell's stored value (formulas: their last computed value)."""
    kind = el.get("t", "n")
    if kind == "inlineStr":
        inline = el.find(_IS)
        return clean_cell(_text_of(inline)) if inline is not None else ""
    v = el.findtext(_V)
    if not v:
        return ""
    if kind == "s":
        i = _int(v, -1)
        return clean_cell(book.strings[i]) if 0 <= i < len(book.strings) else ""
    if kind == "b":
        return value_text(v.strip() in ("1", "true"))
    if kind in ("n", "d"):
        return clean_cell(_number_text(book, v, kind, _int(el.get("s"), 0)))
    return clean_cell(v)


def _number_text(book: _Book, v: str, kind: str, style: int) -> str:
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    try:
        if kind == "d":
            return value_text(from_ISO8601(v))
        number = float(v) if any(ch in v for ch in ".eE") else int(v)
        if style in book.dates or style in book.durations:
            return value_text(from_excel(number, book.epoch, timedelta=style in book.durations))
        return value_text(number)
    except (ValueError, OverflowError, TypeError):
        return v


def _ref(text: str | None) -> tuple[int, int] | None:
    """'B3' -> (2, 1), 0-based (row, column); None when absent or odd."""
    m = _REF.match(text or "")
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


class _SheetReader:
    """One worksheet streamed: the text of each cell by position, and its merged ranges."""

    def __init__(self, book: _Book, where: str) -> None:
        self.book, self.where = book, where
        self.texts: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.row = -1  # the current row, 0-based
        self.pending: list[tuple[str | None, str]] = []  # (reference, text) of the cells of the row being read

    def read(self, member: str) -> None:
        for el in self.book.elements(member, ROW, CELL, MERGE):
            if el.tag == CELL:
                self.pending.append((el.get("r"), _cell_text(self.book, el)))
            elif el.tag == ROW:
                r = _int(el.get("r"), 0)
                self.row = r - 1 if r > 0 else self.row + 1
                self.place()
            else:
                self.merge(el.get("ref", ""))
        self.place()

    def place(self) -> None:
        """The cells of the row just read: at their reference, or after the cell before them."""
        col = -1
        last = len(self.pending) - 1
        for i, (attr, text) in enumerate(self.pending):
            if not text and (i == last or self.pending[i + 1][0] is not None):
                continue  # empty, and no cell counts its place from it
            ref = _ref(attr)
            r, col = ref if ref is not None else (self.row, col + 1)
            if text:
                check_cell(self.book.path.name, self.where, r, col)
                self.texts[(r, col)] = text
        self.pending = []

    def merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        a, b = _ref(first), _ref(last)
        if a is not None and b is not None:
            self.merges.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))

    def grid(self, budget: GridBudget) -> Grid:
        """The used range only: down to the last row with text, across to the last column with
        text or merged from a cell with text; merges spread inside it."""
        rows = 1 + max((r for r, _ in self.texts), default=-1)
        cols = 1 + max((c for _, c in self.texts), default=-1)
        for r0, c0, _r1, c1 in self.merges:
            if (r0, c0) in self.texts:
                cols = max(cols, min(c1 + 1, MAX_COLS))
        budget.take(rows, cols)
        g = Grid.blank(rows, cols)
        for (r, c), text in self.texts.items():
            g.cells[r][c] = g.filled[r][c] = text
        spread = 0
        for r0, c0, r1, c1 in self.merges:
            if r0 < rows and c0 < cols:
                spread += (min(r1 + 1, rows) - r0) * (min(c1 + 1, cols) - c0)
                if spread > 2 * rows * cols:
                    raise TooLarge(
                        f"{self.where} có các vùng gộp ô chồng lên nhau; hãy mở bằng Excel, bỏ gộp ô rồi lưu lại "
                        f"và nhập lại tệp «{self.book.path.name}»."
                    )
                g.merge(r0, c0, r1 + 1, c1 + 1)
        g.trim()
        return g


def xlsx_tables(path: Path) -> list[RawTable]:
    """Every worksheet of the workbook as a table (a sheet with no text: an empty table)."""
    try:
        with zipfile.ZipFile(path) as zf:
            book = _Book(path, zf)
            budget = GridBudget(path.name)
            tables: list[RawTable] = []
            for title, member in _sheets(book, _workbook_part(book)):
                sheet = _SheetReader(book, f"Trang tính «{title}»")
                sheet.read(member)
                g = sheet.grid(budget)
                tables.append(RawTable(sheet.where, title, g.cells, g.filled, g.covered, parts=(len(tables),)))
            return tables
    except (ImportFileError, MemoryError):
        raise
    except Exception:  # XMLSyntaxError, BadZipFile, KeyError, zlib.error…: a damaged part
        raise ImportFileError(
            f"Không mở được tệp Excel «{path.name}»; tệp có thể bị hỏng: hãy mở bằng Excel, lưu lại rồi nhập."
        ) from None
