"""Word appendix tables: fixed column widths, the header row repeated, no row split across pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from exporters.document import Column, Row, Run, Table
from exporters.docx_notes import Notes
from exporters.docx_styles import S_TABLE, S_TABLE_GROUP, S_TABLE_HEADER
from exporters.docx_xml import clean, eighths, twips, w_ppr, w_r, w_rpr
from exporters.layout import TABLE

_JC = {"left": "left", "center": "center", "justify": "both", "right": "right", "both": "both"}


def _cell_paras(text: str, ppr: str, rpr: str = "") -> str:
    text = clean(text)
    if not text:
        return f"<w:p>{ppr}</w:p>"
    return "".join(f"<w:p>{ppr}{w_r(line, rpr, cleaned=True) if line else ''}</w:p>" for line in text.split("\n"))


def _rich_cell_paras(runs: tuple[Run, ...], ppr: str, rpr: str, notes: Notes) -> str:
    """Like _cell_paras for a cell given as runs: a line break starts a new paragraph, a note run
    becomes a footnote reference where it stands."""
    paras: list[list[str]] = [[]]
    for run in runs:
        if run.note is not None:
            paras[-1].append(notes.ref(run.note))
            continue
        run_rpr = rpr or w_rpr(bold=True if run.bold else None, italic=True if run.italic else None)
        for k, line in enumerate(clean(run.text).split("\n")):
            if k:
                paras.append([])
            if line:
                paras[-1].append(w_r(line, run_rpr, cleaned=True))
    return "".join(f"<w:p>{ppr}{''.join(p)}</w:p>" for p in paras)


def _row_cells(row: Row, n: int) -> list[tuple[Run, ...]]:
    """Every cell of a row as runs (plain cells as one run), padded to n cells."""
    cells: list[tuple[Run, ...]] = list(row.rich) if row.rich is not None else [(Run(c),) for c in row.cells]
    return cells[:n] + [(Run(""),)] * (n - len(cells))


_BOLD = w_rpr(bold=True)
_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"  # a row never splits across pages
_HEADER_ROW = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"  # repeated on every page
_GROUP_STT_PPR = w_ppr(S_TABLE_GROUP, jc="center")
_GROUP_PPR = w_ppr(S_TABLE_GROUP)
_PPR_START = re.compile(r'(<w:pPr><w:pStyle w:val="[^"]*"/>)')  # keepNext follows pStyle (w_ppr's order)


@dataclass(frozen=True)
class _Grid:
    """A table's columns as written."""

    cols: tuple[Column, ...]
    widths: list[int]  # twips
    cell_open: list[str]  # each column's <w:tc> with its properties
    cell_ppr: list[str]  # each column's paragraph properties
    content: int  # the column where sub-tasks indent
    group_open: str  # a group title's cell, across every column after STT

    @property
    def n(self) -> int:
        return len(self.cols)


def _tc(width: int, valign: str, span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}<w:vAlign w:val="{valign}"/></w:tcPr>'


def _jc(col: Column) -> str | None:
    return _JC.get(col.align, "left") if col.align != "left" else None


def _grid(cols: tuple[Column, ...], text_mm: float) -> _Grid:
    total_mm = sum(max(0.0, c.width_mm) for c in cols) or text_mm
    scale = text_mm / total_mm if total_mm > text_mm + TABLE.docx_overflow_mm else 1.0  # never wider than the text
    widths = [twips(max(0.0, c.width_mm) * scale) for c in cols]
    n = len(cols)
    return _Grid(
        cols,
        widths,
        [_tc(w, "top") for w in widths],
        [w_ppr(S_TABLE, jc=_jc(c)) for c in cols],
        next((i for i, c in enumerate(cols) if c.key == "content"), min(1, n - 1)),
        _tc(sum(widths[1:]), "top", n - 1) if n > 1 else "",
    )


def _table_start(widths: list[int]) -> str:
    """w:tbl up to its grid: fixed layout, single borders, the house cell padding."""
    pad, vpad = twips(TABLE.pad_x_mm), int(TABLE.pad_y_pt * 20)
    size = eighths(TABLE.grid_pt)
    single = "".join(
        f'<w:{s} w:val="single" w:sz="{size}" w:space="0" w:color="auto"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return "".join(
        [
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
            f'<w:tblBorders>{single}</w:tblBorders><w:tblLayout w:type="fixed"/>',
            f'<w:tblCellMar><w:top w:w="{vpad}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
            f'<w:bottom w:w="{vpad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>',
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
    )


def _header_row(grid: _Grid) -> str:
    ppr = w_ppr(S_TABLE_HEADER)
    cells = (
        f"{_tc(w, 'center')}{_cell_paras(c.header, ppr, _BOLD)}</w:tc>"
        for w, c in zip(grid.widths, grid.cols, strict=True)
    )
    return _HEADER_ROW + "".join(cells) + "</w:tr>"


def _ppr_for(grid: _Grid, row: Row, i: int) -> str:
    """A cell's paragraph properties; a sub-task's content is indented by its depth."""
    if row.depth > 0 and i == grid.content:
        return w_ppr(S_TABLE, ind_left=twips(TABLE.subtask_indent_mm * row.depth), jc=_jc(grid.cols[i]))
    return grid.cell_ppr[i]


def _group_cells(grid: _Grid, row: Row) -> str:
    """A group title: its label under STT, its title across the other columns (one cell for both
    in a one-column table)."""
    label = row.cells[0] if row.cells else ""
    title = row.cells[1] if len(row.cells) > 1 else ""
    if grid.n == 1:
        return f"{grid.cell_open[0]}{_cell_paras(f'{label} {title}'.strip(), _GROUP_PPR, _BOLD)}</w:tc>"
    return (
        f"{grid.cell_open[0]}{_cell_paras(label, _GROUP_STT_PPR, _BOLD)}</w:tc>"
        f"{grid.group_open}{_cell_paras(title, _GROUP_PPR, _BOLD)}</w:tc>"
    )


def _task_cells(grid: _Grid, row: Row) -> str:
    cells = tuple(row.cells[: grid.n]) + ("",) * (grid.n - len(row.cells))
    return "".join(
        f"{grid.cell_open[i]}{_cell_paras(text, _ppr_for(grid, row, i))}</w:tc>" for i, text in enumerate(cells)
    )


def _rich_cells(grid: _Grid, row: Row, notes: Notes) -> str:
    """A row whose cells hold footnotes (Row.rich), laid out like the plain rows."""
    cells = _row_cells(row, max(grid.n, 2))
    if row.kind != "group":
        return "".join(
            f"{grid.cell_open[i]}{_rich_cell_paras(runs, _ppr_for(grid, row, i), '', notes)}</w:tc>"
            for i, runs in enumerate(cells[: grid.n])
        )
    if grid.n == 1:
        runs = cells[0] + (Run(" "),) + cells[1]
        return f"{grid.cell_open[0]}{_rich_cell_paras(runs, _GROUP_PPR, _BOLD, notes)}</w:tc>"
    stt = f"{grid.cell_open[0]}{_rich_cell_paras(cells[0], _GROUP_STT_PPR, _BOLD, notes)}</w:tc>"
    return stt + f"{grid.group_open}{_rich_cell_paras(cells[1], _GROUP_PPR, _BOLD, notes)}</w:tc>"


def _row_xml(grid: _Grid, row: Row, notes: Notes) -> str:
    if row.rich is not None:
        cells = _rich_cells(grid, row, notes)
    elif row.kind == "group":
        cells = _group_cells(grid, row)
    else:
        cells = _task_cells(grid, row)
    if row.keep_with_next:
        # Word keeps a row with the next one when every paragraph in it is "keep with next";
        # the row itself never splits (cantSplit), so a group title is never left at a page foot.
        cells = _PPR_START.sub(r"\1<w:keepNext/>", cells)
    return f"{_ROW}{cells}</w:tr>"


def grid_table(table: Table, text_mm: float, notes: Notes) -> str:
    """An appendix table: the header row, then group and task rows."""
    if not table.columns:
        return ""
    grid = _grid(table.columns, text_mm)
    rows = "".join(_row_xml(grid, row, notes) for row in table.rows)
    return f"{_table_start(grid.widths)}{_header_row(grid)}{rows}</w:tbl>"
