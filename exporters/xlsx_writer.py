"""Document -> .xlsx: each appendix table on its own print-ready sheet (openpyxl).

Only renders what build.py decided (numbering, wording, order); see ../shared/docs/format-nd30.md
("Tables", Excel line) and pitfalls.md §3 for the openpyxl traps handled here:
fitToPage flag, margins in inches, print titles, borders on every merged cell, row heights
estimated with reportlab's simpleSplit on the Liberation Serif metrics, and user text never
becoming a formula.
"""

from __future__ import annotations

import re
from functools import lru_cache
from math import ceil
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from exporters.build import superscript
from exporters.document import Document, Table
from exporters.fonts import reportlab_faces
from exporters.layout import FONT, MM_PER_INCH, NOTES, PAGE, TABLE, TITLE, TextStyle

TABLE_PT = TABLE.text.size
# The caption rows above a table: the appendix label and title (one style: the layout sets them
# alike), then the attachment line.
CAPTION, CAPTION_ITALIC = TITLE.appendix_title, TITLE.appendix_attachment
# Excel column widths are in "characters" of the workbook's Normal font (Calibri 11: a 7 px digit,
# plus 5 px of padding), at 96 px per inch.
DIGIT_PX = 7.0
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
    """Millimetres -> Excel character units of the workbook's Normal font (Calibri 11, whose widest
    digit is 7 px: a column of w units is w * 7 + 5 px at 96 px/inch)."""
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
def _write_table(wb: Workbook, table: Table, first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    ws.title = table.sheet_name
    fonts = reportlab_faces()
    ncols = len(table.columns)
    widths = [excel_width(c.width_mm) for c in table.columns]
    col_pt = [_column_pt(w) for w in widths]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    table_pt = sum(col_pt) + CELL_PAD_PT * (ncols - 1)
    row_dims = ws.row_dimensions

    # Caption: label (bold), title (bold), "(Kèm theo …)" (italic), each merged across the table.
    r = 0
    for i, line in enumerate(table.caption):
        r += 1
        italic = i >= 2  # (label, title, attachment)
        style, kind = (_S_CAPTION_ITALIC, CAPTION_ITALIC) if italic else (_S_CAPTION, CAPTION)
        text = clean_cell_text(line)
        _merge(ws, r, 1, r, ncols, style)
        _put(ws, r, 1, text, style)
        lines = _line_count(text, fonts[_face(kind)], kind.size, table_pt)
        row_dims[r].height = _height(lines, kind.size)
    if table.caption:
        r += 1  # a blank row between the caption and the table

    # Header row: bold, centred, repeated on every printed page, frozen on screen.
    r += 1
    header_row = r
    lines = 1
    for c, col in enumerate(table.columns, 1):
        text = clean_cell_text(col.header)
        _put(ws, r, c, text, _S_HEADER)
        lines = max(lines, _line_count(text, fonts[_face(TABLE.header)], TABLE.header.size, col_pt[c - 1]))
    row_dims[r].height = _height(lines, TABLE.header.size)

    cell_styles = [_S_CELL.get(col.align, _S_CELL["left"]) for col in table.columns]
    rest_pt = sum(col_pt[1:]) + CELL_PAD_PT * (ncols - 2) if ncols > 1 else col_pt[0]
    for row in table.rows:
        r += 1
        if row.kind == "group":
            label = clean_cell_text(row.cells[0] if row.cells else "")
            title = clean_cell_text(row.cells[1] if len(row.cells) > 1 else "")
            if ncols == 1:  # no column to span: keep both in the one cell
                label, title = " ".join(t for t in (label, title) if t), ""
            group = fonts[_face(TABLE.group)]
            lines = _line_count(label, group, TABLE.group.size, col_pt[0])
            if ncols > 1:
                lines = max(lines, _line_count(title, group, TABLE.group.size, rest_pt))
            span, height = _span(lines)
            _merge(ws, r, 1, r + span - 1, 1, _S_GROUP_STT)
            _put(ws, r, 1, label, _S_GROUP_STT)
            if ncols > 1:
                _merge(ws, r, 2, r + span - 1, ncols, _S_GROUP)
                _put(ws, r, 2, title, _S_GROUP)
        else:
            cells = row.cells
            texts = [clean_cell_text(cells[c]) if c < len(cells) else "" for c in range(ncols)]
            lines = max(
                (_line_count(t, fonts[_face(TABLE.text)], TABLE_PT, col_pt[c]) for c, t in enumerate(texts) if t),
                default=1,
            )
            span, height = _span(lines)
            for c, text in enumerate(texts):
                _merge(ws, r, c + 1, r + span - 1, c + 1, cell_styles[c])
                _put(ws, r, c + 1, text, cell_styles[c])
        for i in range(span):
            row_dims[r + i].height = height
        r += span - 1

    # Footnotes of the table's cells, listed under it: "¹ text", smaller type, no border.
    if table.notes:
        r += 1
        for number, note in table.notes:
            r += 1
            text = clean_cell_text(f"{superscript(number)} {note}")
            _merge(ws, r, 1, r, ncols, _S_NOTE)
            _put(ws, r, 1, text, _S_NOTE)
            small = NOTES.sheet_text
            row_dims[r].height = _height(_line_count(text, fonts[_face(small)], small.size, table_pt), small.size)

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
    wb = Workbook()  # Normal stays Calibri 11: its 7 px digit is Excel's column-width unit
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
