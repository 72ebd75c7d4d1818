"""Document -> .xlsx: each appendix table on its own print-ready sheet (openpyxl)."""

# Only renders what build.py decided (numbering, wording, order); see ../shared/docs/format-nd30.md
# ("Tables", Excel line) and pitfalls.md §3 for the openpyxl traps handled here:
# fitToPage flag, margins in inches, print titles, borders on every merged cell, row heights
# estimated with reportlab's simpleSplit on the Liberation Serif metrics, and user text never
# becoming a formula.

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from math import ceil
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from exporters.build import superscript
from exporters.document import Column, Document, Row, Table
from exporters.fonts import reportlab_faces
from exporters.layout import FONT, MM_PER_INCH, NOTES, PAGE, TABLE, TITLE, TextStyle

TABLE_PT = TABLE.text.size
# The caption rows above a table: the appendix label and title (one style: the layout sets them
# alike), then the attachment line.
CAPTION, CAPTION_ITALIC = TITLE.appendix_title, TITLE.appendix_attachment
# The workbook's Normal style: Times New Roman at the table size, not openpyxl's Calibri 11.
# Excel and LibreOffice measure column widths in digits of that font, so with Calibri the widths
# held only where Calibri is installed: LibreOffice without it fell back to a wider sans face and
# printed the appendix at 77 %. Times New Roman and its metric twin Liberation Serif give the
# same digit everywhere.
NORMAL = TABLE.text
# Column widths are in "characters" of the Normal font: its widest digit (Times New Roman 12:
# 0.5 em = 8 px) plus 5 px of padding, at 96 px per inch.
DIGIT_PX = 8.0
COLUMN_PAD_PX = 5.0
PX_PER_INCH = 96.0
CELL_PAD_PT = 6.0  # Excel's left+right text inset in a cell, with a little slack
LINE_FACTOR = 15.75 / 12.0  # Excel's own single-line height for Times New Roman 12 is 15.75 pt
ROW_PAD_PT = 2.0
MAX_ROW_PT = 409.5  # Excel's limit for one row
MAX_CELL_CHARS = 32767  # Excel's limit for one cell, in UTF-16 units
ELLIPSIS = "…"

# Not allowed in XML 1.0 (openpyxl raises IllegalCharacterError / lxml refuses): C0 controls other
# than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_S_CAPTION = "KH Caption"
_S_NOTE = "KH Footnote"
_S_CAPTION_ITALIC = "KH Caption Italic"
_S_HEADER = "KH Header"
_S_GROUP_STT = "KH Group STT"
_S_GROUP = "KH Group"
_S_CELL = {"left": "KH Cell Left", "center": "KH Cell Center", "justify": "KH Cell Justify"}
_BOLD = " Bold"  # the bold variant of a cell style: a cell whose runs are all bold (an area row)


# ---------------------------------------------------------------- text
def clean_cell_text(text: str) -> str:
    """Drop characters no XML file may hold; cut at Excel's 32,767-character cell limit with '…'."""
    text = _INVALID_XML.sub("", text)
    if len(text) * 2 <= MAX_CELL_CHARS or len(text.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS:
        return text
    units = 0  # Excel counts UTF-16 units: a character outside the BMP (emoji) counts twice
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > MAX_CELL_CHARS - 1:
            return text[:i] + ELLIPSIS
    return text


# ---------------------------------------------------------------- measurement
@lru_cache(maxsize=65536)
def _line_count(text: str, font: str, size: float, width_pt: float) -> int:
    if not text:
        return 1
    if "\n" not in text and pdfmetrics.stringWidth(text, font, size) <= width_pt:
        return 1
    lines = 0
    for line in simpleSplit(text, font, size, width_pt):
        # simpleSplit never breaks a word, so only a one-word line can be too wide; Excel breaks
        # such a word between letters.
        w = pdfmetrics.stringWidth(line, font, size) if " " not in line.strip() else 0.0
        lines += max(1, ceil(w / width_pt))
    return max(1, lines)


def _height(lines: int, size: float) -> float:
    return min(MAX_ROW_PT, round(lines * size * LINE_FACTOR + ROW_PAD_PT, 2))


def _span(lines: int, size: float = TABLE_PT) -> tuple[int, float]:
    """(rows, height of each) for a table row of `lines` lines. Excel caps one row at 409.5 pt, so a
    taller row becomes cells merged down over several rows instead of hiding its end."""
    needed = lines * size * LINE_FACTOR + ROW_PAD_PT
    if needed <= MAX_ROW_PT:
        return 1, round(needed, 2)
    span = -(-needed // MAX_ROW_PT)
    return int(span), round(needed / span + 0.005, 2)


def excel_width(width_mm: float) -> float:
    """Millimetres -> Excel character units of the workbook's Normal font (Times New Roman 12,
    whose widest digit is 8 px: a column of w units is w * 8 + 5 px at 96 px/inch)."""
    px = width_mm / MM_PER_INCH * PX_PER_INCH
    return round(max(0.0, (px - COLUMN_PAD_PX) / DIGIT_PX), 2)


def _column_pt(width_chars: float) -> float:
    """The printed width (pt) Excel gives a column of width_chars, as a text box."""
    px = int(width_chars * DIGIT_PX + COLUMN_PAD_PX)
    return max(1.0, px * 0.75 - CELL_PAD_PT)


# ---------------------------------------------------------------- styles
def _font(style: TextStyle) -> Font:
    return Font(name=FONT.name, size=style.size, bold=style.bold or None, italic=style.italic or None)


def _face(style: TextStyle) -> str:
    """The measuring face (a key of reportlab_faces) of a house text style."""
    return ("bold" if style.bold else "") + ("italic" if style.italic else "") or "regular"


def _normal_style(wb: Workbook) -> None:
    """Times New Roman as the Normal style's font and as font 0, the one unstyled cells use.
    openpyxl has no public way to change the default font: the Normal named style can be given
    a new font, but font 0 stays Calibri 11 unless the private font list is replaced
    (pitfalls.md §3). Done on a new workbook, before any other style exists."""
    font = _font(NORMAL)
    font.family = 1  # roman (serif), as Excel writes it for Times New Roman
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font  # bound to wb: recomputed against the new list


def _register_styles(wb: Workbook) -> None:
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    def add(name, font, horizontal, vertical="top", border=None):
        style = NamedStyle(
            name=name,
            font=font,
            number_format="@",
            alignment=Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True),
        )
        if border is not None:
            style.border = border
        wb.add_named_style(style)

    add(_S_CAPTION, _font(CAPTION), "center", "center")
    add(_S_NOTE, _font(NOTES.sheet_text), "left")
    add(_S_CAPTION_ITALIC, _font(CAPTION_ITALIC), "center", "center")
    add(_S_HEADER, _font(TABLE.header), "center", "center", box)
    add(_S_GROUP_STT, _font(TABLE.group), "center", border=box)
    add(_S_GROUP, _font(TABLE.group), "left", border=box)
    for align, name in _S_CELL.items():
        add(name, _font(TABLE.text), align, border=box)


def _put(ws, row: int, col: int, text: str, style: str):
    """Write text as text: never a formula, whatever it starts with."""
    cell = ws.cell(row=row, column=col)
    cell.style = style
    if text:
        cell.value = text
        cell.data_type = "s"  # after the value: a leading "=" made it "f"
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True
    return cell


def _merge(ws, r1: int, c1: int, r2: int, c2: int, style: str) -> None:
    """Merge a range (when it has more than one cell) and style every cell after the first, so that
    every edge keeps its border (openpyxl only copies the outer edges of the first cell). Call it
    before styling the first cell: openpyxl's own border copy then has nothing to do."""
    if r1 == r2 and c1 == c2:
        return
    ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            if r != r1 or c != c1:
                ws.cell(row=r, column=c).style = style


# ---------------------------------------------------------------- sheets
@dataclass(frozen=True)
class _Sheet:
    """A table's worksheet, with the printed widths its row heights are estimated for."""

    ws: Any
    ncols: int
    col_pt: list[float]  # the text width of each column
    fonts: dict[str, str]  # the measuring faces

    @property
    def table_pt(self) -> float:
        """The text width of a row merged across the table."""
        return sum(self.col_pt) + CELL_PAD_PT * (self.ncols - 1)

    @property
    def rest_pt(self) -> float:
        """The text width of a group title, merged across every column after STT."""
        return sum(self.col_pt[1:]) + CELL_PAD_PT * (self.ncols - 2) if self.ncols > 1 else self.col_pt[0]

    def lines(self, text: str, style: TextStyle, width_pt: float) -> int:
        return _line_count(text, self.fonts[_face(style)], style.size, width_pt)

    def heights(self, r: int, span: int, height: float) -> int:
        """Give rows r … r + span - 1 a height; returns the last of them."""
        for i in range(span):
            self.ws.row_dimensions[r + i].height = height
        return r + span - 1


def _sheet(ws: Any, table: Table) -> _Sheet:
    widths = [excel_width(c.width_mm) for c in table.columns]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    return _Sheet(ws, len(table.columns), [_column_pt(w) for w in widths], reportlab_faces())


def _caption_rows(sheet: _Sheet, caption: tuple[str, ...]) -> int:
    """Label (bold), title (bold), "(Kèm theo …)" (italic), each merged across the table, and a
    blank row under them; returns the last row used."""
    for r, line in enumerate(caption, 1):
        italic = r >= 3  # (label, title, attachment)
        style, kind = (_S_CAPTION_ITALIC, CAPTION_ITALIC) if italic else (_S_CAPTION, CAPTION)
        text = clean_cell_text(line)
        _merge(sheet.ws, r, 1, r, sheet.ncols, style)
        _put(sheet.ws, r, 1, text, style)
        sheet.heights(r, 1, _height(sheet.lines(text, kind, sheet.table_pt), kind.size))
    return len(caption) + 1 if caption else 0


def _header_row(sheet: _Sheet, r: int, columns: tuple[Column, ...]) -> None:
    """Bold, centred; repeated on every printed page and frozen on screen (_page_setup)."""
    lines = 1
    for c, col in enumerate(columns, 1):
        text = clean_cell_text(col.header)
        _put(sheet.ws, r, c, text, _S_HEADER)
        lines = max(lines, sheet.lines(text, TABLE.header, sheet.col_pt[c - 1]))
    sheet.heights(r, 1, _height(lines, TABLE.header.size))


def _group_row(sheet: _Sheet, r: int, row: Row) -> int:
    """Label under STT, title merged across the other columns; returns the last row used."""
    label = clean_cell_text(row.cells[0] if row.cells else "")
    title = clean_cell_text(row.cells[1] if len(row.cells) > 1 else "")
    if sheet.ncols == 1:  # no column to span: keep both in the one cell
        label, title = " ".join(t for t in (label, title) if t), ""
    lines = sheet.lines(label, TABLE.group, sheet.col_pt[0])
    if sheet.ncols > 1:
        lines = max(lines, sheet.lines(title, TABLE.group, sheet.rest_pt))
    span, height = _span(lines)
    _merge(sheet.ws, r, 1, r + span - 1, 1, _S_GROUP_STT)
    _put(sheet.ws, r, 1, label, _S_GROUP_STT)
    if sheet.ncols > 1:
        _merge(sheet.ws, r, 2, r + span - 1, sheet.ncols, _S_GROUP)
        _put(sheet.ws, r, 2, title, _S_GROUP)
    return sheet.heights(r, span, height)


_BOLD_TEXT = replace(TABLE.text, bold=True)


def _bold_style(wb: Workbook, name: str) -> str:
    """The bold variant of a cell style, registered on first use (workbooks without bold cells
    stay as they were)."""
    bold = name + _BOLD
    if bold not in wb.named_styles:
        thin = Side(style="thin", color="000000")
        align = next(a for a, n in _S_CELL.items() if n == name)
        style = NamedStyle(
            name=bold,
            font=_font(_BOLD_TEXT),
            number_format="@",
            alignment=Alignment(horizontal=align, vertical="top", wrap_text=True),
            border=Border(left=thin, right=thin, top=thin, bottom=thin),
        )
        wb.add_named_style(style)
    return bold


def _all_bold(row: Row, c: int) -> bool:
    """True when the row's runs say cell c is bold throughout (a cell has one font in a sheet)."""
    runs = [x for x in row.rich[c] if x.text] if row.rich and c < len(row.rich) else []
    return bool(runs) and all(x.bold for x in runs)


def _task_row(sheet: _Sheet, r: int, row: Row, styles: list[str]) -> int:
    """One cell per column (a row taller than Excel allows spans several); returns the last row used."""
    texts = [clean_cell_text(row.cells[c]) if c < len(row.cells) else "" for c in range(sheet.ncols)]
    bold = [_all_bold(row, c) for c in range(sheet.ncols)]
    lines = max(
        (sheet.lines(t, _BOLD_TEXT if bold[c] else TABLE.text, sheet.col_pt[c]) for c, t in enumerate(texts) if t),
        default=1,
    )
    span, height = _span(lines)
    for c, text in enumerate(texts):
        style = _bold_style(sheet.ws.parent, styles[c]) if bold[c] else styles[c]
        _merge(sheet.ws, r, c + 1, r + span - 1, c + 1, style)
        _put(sheet.ws, r, c + 1, text, style)
    return sheet.heights(r, span, height)


def _note_rows(sheet: _Sheet, last: int, notes: tuple[tuple[int, str], ...]) -> None:
    """The footnotes of the table's cells, after a blank row under its last row: "¹ text",
    smaller, no border."""
    for r, (number, note) in enumerate(notes, last + 2):
        text = clean_cell_text(f"{superscript(number)} {note}")
        _merge(sheet.ws, r, 1, r, sheet.ncols, _S_NOTE)
        _put(sheet.ws, r, 1, text, _S_NOTE)
        sheet.heights(r, 1, _height(sheet.lines(text, NOTES.sheet_text, sheet.table_pt), NOTES.sheet_text.size))


def _write_table(wb: Workbook, table: Table, first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    ws.title = table.sheet_name
    sheet = _sheet(ws, table)
    header_row = _caption_rows(sheet, table.caption) + 1
    _header_row(sheet, header_row, table.columns)
    styles = [_S_CELL.get(col.align, _S_CELL["left"]) for col in table.columns]
    r = header_row
    for row in table.rows:
        r = _group_row(sheet, r + 1, row) if row.kind == "group" else _task_row(sheet, r + 1, row, styles)
    _note_rows(sheet, r, table.notes)
    _page_setup(ws, header_row)


def _page_setup(ws, header_row: int) -> None:
    ps = ws.page_setup
    ps.paperSize = ws.PAPERSIZE_A4
    ps.orientation = "landscape"
    ps.fitToWidth = 1
    ps.fitToHeight = 0  # as many pages tall as needed
    ps.firstPageNumber = 1  # each appendix restarts at 1
    ps.useFirstPageNumber = True
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # without it Excel ignores fitTo*
    ws.page_margins = PageMargins(
        left=PAGE.margin_left_mm / MM_PER_INCH,
        right=PAGE.margin_right_mm / MM_PER_INCH,
        top=PAGE.margin_top_mm / MM_PER_INCH,
        bottom=PAGE.margin_bottom_mm / MM_PER_INCH,
        header=PAGE.header_mm / MM_PER_INCH,
        footer=PAGE.sheet_footer_mm / MM_PER_INCH,
    )
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    # Page number centred at the top, none on an appendix's first page (as in the DOCX/PDF).
    ws.HeaderFooter.differentFirst = True
    header = ws.oddHeader.center
    header.text = "&P"
    header.size = PAGE.page_number.size
    header.font = f"{FONT.name},Regular"


def write_xlsx(doc: Document, path: Path) -> None:
    """Write every table of doc as a sheet of a print-ready workbook at path."""
    wb = Workbook()
    _normal_style(wb)
    _register_styles(wb)
    tables = doc.tables()
    for i, table in enumerate(tables):
        _write_table(wb, table, first=i == 0)
    if not tables:
        wb.active.title = "Trống"

    meta = doc.meta
    props = wb.properties
    props.title = clean_cell_text(meta.title)
    props.creator = clean_cell_text(meta.author or meta.creator)
    props.lastModifiedBy = props.creator
    props.subject = clean_cell_text(meta.subject)
    props.keywords = clean_cell_text(", ".join(meta.keywords))
    props.language = meta.language
    wb.save(Path(path))
