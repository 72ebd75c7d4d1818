"""PDF appendix tables: every row measured once, split a page at a time, a row taller than a page between lines."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from exporters.document import Column, Row, Run
from exporters.document import Table as DocTable
from exporters.layout import TABLE
from exporters.pdf_long import LONG_TEXT, Stack, run_pieces, styled, text_pieces
from exporters.pdf_notes import Note, cell_marks, row_notes, run_notes
from exporters.pdf_text import (
    SINGLE,
    SUPERSCRIPT_ZERO,
    Fonts,
    Styles,
    guard,
    indented,
    markup,
    runs_markup,
    tagged,
    text_width,
)

PAD_X, PAD_TOP, PAD_BOTTOM = TABLE.pad_x_mm * mm, TABLE.pdf_pad_top_pt, TABLE.pdf_pad_bottom_pt
_ROW_SPLIT_ROOM = (
    3 * TABLE.text.size * SINGLE + PAD_TOP + PAD_BOTTOM
)  # a row taller than a page starts on a page with 3 lines left


def formatted(runs: tuple[Run, ...]) -> bool:
    """True when a cell's runs carry bold or italic (drawn from the runs, not as plain text)."""
    return any(r.text and (r.bold or r.italic) for r in runs)


class _Cell(Paragraph):
    """A table-cell Paragraph that remembers its line breaks: a table measures every cell and then
    wraps it again to draw it; the result depends only on the width, so the second break is skipped."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        if availWidth == self._wrapped_at and hasattr(self, "blPara"):  # a refused split drops blPara
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


@dataclass(frozen=True)
class _Grid:
    """A table's columns as drawn."""

    widths: list[float]  # pt, never wider than the text area together
    styles: list[ParagraphStyle]  # of each column's cells
    inner: list[float]  # the text width a one-line cell may take
    content: int  # the column where sub-tasks indent


def _grid(cols: tuple[Column, ...], avail_width: float, st: Styles) -> _Grid:
    widths = [max(c.width_mm, TABLE.pdf_min_column_mm) * mm for c in cols]
    total = sum(widths)
    if total > avail_width:  # rounding in the column widths must not push the grid past the margin
        widths = [w * avail_width / total for w in widths]
    return _Grid(
        widths,
        [st.td.get(c.align, st.td["left"]) for c in cols],
        [w - 2 * PAD_X - 0.5 for w in widths],  # 0.5 pt slack: a string cell must never overflow
        next((i for i, c in enumerate(cols) if c.key == "content"), min(1, len(cols) - 1)),
    )


def grid_table(t: DocTable, avail_width: float, page_height: float, fonts: Fonts, st: Styles) -> list[Flowable]:
    """An appendix table as one flowable that splits itself page by page."""
    cols = t.columns
    if not cols:
        return []
    grid = _grid(cols, avail_width, st)
    header = [_Cell(markup(c.header, fonts), st.th) for c in cols]
    rows = [_group_row(row, len(cols), fonts, st) if row.kind == "group" else _row(row, grid, fonts) for row in t.rows]
    groups = [row.kind == "group" and len(cols) > 1 for row in t.rows]
    keeps = [row.keep_with_next for row in t.rows]
    notes = _notes_by_row(t.rows)
    table_style = [("FONTNAME", (0, 0), (-1, -1), fonts.regular)]
    _, head = Table([header], colWidths=grid.widths, style=table_style).wrap(avail_width, page_height)
    absurd = head > page_height / 2  # an absurd header is printed once, as a row, not repeated
    if absurd:
        rows, groups, notes = [header, *rows], [False, *groups], {i + 1: v for i, v in notes.items()}
        keeps = [False, *keeps]
    centred = [i for i, c in enumerate(cols) if c.align == "center"]
    return [
        _PagedTable(
            None if absurd else header,
            rows,
            groups,
            grid.widths,
            fonts.regular,
            page_height,
            centred,
            notes=notes or None,
            keeps=keeps,
        )
    ]


def _notes_by_row(rows: tuple[Row, ...]) -> dict[int, tuple[Note, ...]]:
    """The footnotes of each row that has some, by the row's index."""
    return {i: found for i, row in enumerate(rows) if row.rich and (found := row_notes(row))}


def _group_row(row: Row, n: int, fonts: Fonts, st: Styles) -> list:
    """A group title: its label under STT, its title across the other columns."""
    label = row.cells[0] if row.cells else ""
    title = "\n".join(row.cells[1:])
    if n == 1:
        return [_Cell(tagged(markup(" ".join(x for x in (label, title) if x), fonts), TABLE.group), st.td["left"])]
    return [
        _Cell(tagged(markup(label, fonts), TABLE.group), st.td["center"]),
        _Cell(tagged(markup(title, fonts), TABLE.group), st.td[TABLE.pdf_group_title_align]),
    ] + [""] * (n - 2)


def _row(row: Row, grid: _Grid, fonts: Fonts) -> list:
    """A task row, one cell per column."""
    n = len(grid.widths)
    cells = list(row.cells)
    # cells with note marks are drawn from their runs (real superscripts the frame can find);
    # when extra cells are merged, the marks stay the plain superscript digits of `cells`
    rich = row.rich if row.rich and len(row.rich) == len(cells) <= n else None
    if len(cells) > n:  # never drop text: extra cells go into the last column
        cells = cells[: n - 1] + ["\n".join(cells[n - 1 :])]
    cells += [""] * (n - len(cells))
    return [_cell(text, i, row.depth, rich, grid, fonts) if text else "" for i, text in enumerate(cells)]


def _cell(text: str, i: int, depth: int, rich: tuple[tuple[Run, ...], ...] | None, grid: _Grid, fonts: Fonts):
    """Column i of a task row: a Paragraph, or a plain string for a one-line cell."""
    indent = depth > 0 and i == grid.content
    style = indented(grid.styles[i], min(depth, TABLE.pdf_max_indent_depth)) if indent else grid.styles[i]
    if rich is not None and (run_notes(rich[i]) or formatted(rich[i])):
        cells = [_Cell(runs_markup(r, fonts, TABLE.text.size), s) for r, s in styled(run_pieces(rich[i]), style)]
        return cells[0] if len(cells) == 1 else Stack(list(cells))
    if len(text) > LONG_TEXT:  # in pieces, so the row splits across pages in linear time (pdf_long.py)
        return Stack([_Cell(markup(t, fonts), s) for t, s in styled(text_pieces(text), style)])
    if not indent:
        # a one-line cell is drawn as a plain string (same font, size and baseline as a
        # Paragraph, but about ten times cheaper); anything longer wraps in a Paragraph
        line = guard(text, fonts).strip()
        if (
            "\n" not in line
            and SUPERSCRIPT_ZERO not in line
            and text_width(line, fonts.regular, TABLE.text.size) <= grid.inner[i]
        ):
            return line
    return _Cell(markup(text, fonts), style)


class _PagedTable(Flowable):
    """A long grid table, split one page at a time.

    reportlab 5.1 re-measures every remaining row at each page split (LongTable's early stop only
    works with row spans), which is quadratic for thousands of rows. This flowable measures each
    row once, then hands reportlab only the rows of the current page (header row + a prefix, with
    their heights fixed), so a 2,000-task appendix stays linear. Each piece is a Table with the
    header repeated; a row taller than a page splits between lines (splitInRow).
    """

    def __init__(
        self,
        header: list | None,
        rows: list[list],
        groups: list[bool],
        widths: list[float],
        font: str,
        page_height: float,
        centred: list[int],
        heights: tuple[float, float, list[float]] | None = None,
        notes: dict[int, tuple[tuple[int, str], ...]] | None = None,
        keeps: list[bool] | None = None,
    ) -> None:
        super().__init__()
        self.notes = notes  # footnotes by row index (only rows that have some), or None
        self.keeps = keeps or [False] * len(rows)  # rows kept with the next (Row.keep_with_next)
        self.centred = centred  # columns whose one-line (string) cells are centred
        self.header, self.rows, self.groups, self.widths, self.font = header, rows, groups, widths, font
        self.page_height = page_height  # the frame's full height
        self.hAlign = "CENTER"
        # (width measured at, header height, row heights measured so far)
        self._heights = heights

    @property
    def _fn(self) -> tuple[tuple[int, str], ...]:
        if not self.notes:
            return ()
        return tuple(x for i in sorted(self.notes) for x in self.notes[i])

    def _notes_before(self, m: int) -> tuple[tuple[int, str], ...]:
        if not self.notes:
            return ()
        return tuple(x for i in sorted(self.notes) if i < m for x in self.notes[i])

    def _notes_from(self, m: int, row_m: tuple | None = None) -> dict | None:
        """The notes of rows[m:], re-indexed; row_m replaces those of row m (the rest of a split row)."""
        if not self.notes:
            return None
        out = {i - m: v for i, v in self.notes.items() if i > m}
        first = self.notes.get(m, ()) if row_m is None else row_m
        if first:
            out[0] = first
        return out or None

    def _make(
        self,
        start: int,
        stop: int,
        header: bool = True,
        heights: list[float] | None = None,
        rows: list[list] | None = None,
    ) -> Table:
        """A grid of rows[start:stop] (or of the given rows, grouped like those), header on top."""
        if self.header is None:
            header, heights = False, heights[1:] if heights else heights
        first = 1 if header else 0
        cmds: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), TABLE.text.size),
            ("GRID", (0, 0), (-1, -1), TABLE.grid_pt, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
        ]
        cmds += [("ALIGN", (c, 0), (c, -1), "CENTER") for c in self.centred]
        cmds.append(("LEADING", (0, 0), (-1, -1), TABLE.text.size * SINGLE))
        if header:
            cmds.append(("VALIGN", (0, 0), (-1, 0), "MIDDLE"))
        for r, group in enumerate(self.groups[start:stop], first):
            if group:
                cmds.append(("SPAN", (1, r), (-1, r)))
        data = ([self.header] if header else []) + (self.rows[start:stop] if rows is None else rows)
        return Table(
            data,
            colWidths=self.widths,
            rowHeights=heights,
            repeatRows=first,
            splitInRow=1,
            style=TableStyle(cmds),
            hAlign="CENTER",
        )

    def _measure(self, aw: float, ah: float) -> tuple[float, list[float]]:
        """Header height and the heights of enough rows to fill ah (all rows if they fit)."""
        if self._heights is None or self._heights[0] != aw:
            head = 0.0
            if self.header is not None:
                t = self._make(0, 0)
                t.wrap(aw, ah)
                head = t._rowHeights[0]
            self._heights = (aw, head, [])
        _, head, heights = self._heights
        total = head + sum(heights)
        step = 8
        while (total <= ah or not heights) and len(heights) < len(self.rows):
            stop = min(len(self.rows), len(heights) + step)
            t = self._make(len(heights), stop, header=False)
            t.wrap(aw, ah)
            heights.extend(t._rowHeights)
            total = head + sum(heights)
            step *= 2
        return head, heights

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        head, heights = self._measure(aw, ah)
        self.width = sum(self.widths)
        self.height = head + sum(heights)
        if len(heights) < len(self.rows):
            self.height = max(self.height, ah + 1)  # more rows follow: never "fits"
        return self.width, self.height

    def draw(self) -> None:
        _, head, heights = self._heights or (0, 0, [])
        table = self._make(0, len(self.rows), heights=[head, *heights])
        table.wrap(self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        head, heights = self._measure(aw, ah)
        fresh = ah >= self.page_height - 1  # at the top of a page: nothing can move further
        m, total = self._rows_that_fit(head, heights, ah, fresh)
        if m < len(self.rows) and head + heights[m] > self.page_height and ah - total >= _ROW_SPLIT_ROOM:
            pieces = self._split_tall_row(m, aw, ah - total, head, heights)
            if pieces:
                return pieces
        if m == 0:
            # the next row fits on the next page: rows are not split (house rule); only when even
            # the header cannot fit does reportlab place what it can
            return self._split_at_top(aw, ah) if fresh else []
        first = self._make(0, m, heights=[head, *heights[:m]])
        first._fn = self._notes_before(m)
        if m == len(self.rows):
            return [first]
        return [first, self._rest(self.rows[m:], m, (aw, head, heights[m:]), self._notes_from(m))]

    def _rows_that_fit(self, head: float, heights: list[float], ah: float, fresh: bool) -> tuple[int, float]:
        """How many rows fit in ah under the header, and their height with the header's."""
        m, total = 0, head
        while m < len(heights) and total + heights[m] <= ah:
            total += heights[m]
            m += 1
        if 0 < m < len(self.rows):
            k = m
            while k > 0 and self.keeps[k - 1]:
                k -= 1  # a group title, or a task before its sub-tasks, never ends a page
            if k > 0 or not fresh:  # unless nothing would be left on an empty page
                total -= sum(heights[k:m])
                m = k
        return m, total

    def _rest(self, rows: list[list], m: int, heights: tuple, notes: dict | None) -> _PagedTable:
        """What follows the first m rows: rows (the first may be the rest of a split row) and their
        groups, with the heights measured so far and the notes re-indexed."""
        return _PagedTable(
            self.header,
            rows,
            self.groups[m:],
            self.widths,
            self.font,
            self.page_height,
            self.centred,
            heights,
            notes,
            self.keeps[m:],
        )

    def _split_tall_row(self, m: int, aw: float, avail: float, head: float, heights: list[float]) -> list[Flowable]:
        """Row m is taller than a page: its cells split between lines, the top on this page after
        the rows before it; [] when no line of it fits in avail."""
        top, bottom = self._split_row(m, avail)
        if top is None:
            return []
        # None: measure the split row
        first = self._make(0, m + 1, heights=[head, *heights[:m], None], rows=[*self.rows[:m], top])  # type: ignore[list-item]
        row_notes = self.notes.get(m, ()) if self.notes else ()
        marks = cell_marks(top)
        top_notes = tuple(x for x in row_notes if str(x[0]) in marks)
        first._fn = self._notes_before(m) + top_notes
        rest_notes = self._notes_from(m, tuple(x for x in row_notes if x not in top_notes))
        return [first, self._rest([bottom, *self.rows[m + 1 :]], m, (aw, head, []), rest_notes)]

    def _split_at_top(self, aw: float, ah: float) -> list[Flowable]:
        """Even the header does not fit on an empty page: reportlab's own split of the first row."""
        pieces = self._make(0, 1).split(aw, ah)
        if pieces:
            pieces[0]._fn = self._notes_before(1)
        return pieces

    def _split_row(self, i: int, avail: float) -> tuple[list | None, list]:
        """Row i cut to fit avail points: (top cells, bottom cells), or (None, _) if nothing fits."""
        row = self.rows[i]
        widths = list(self.widths)
        if self.groups[i] and len(widths) > 1:
            widths = [widths[0], sum(widths[1:])] + [0.0] * (len(widths) - 2)
        h = avail - PAD_TOP - PAD_BOTTOM
        top, bottom = [], []
        for value, w in zip(row, widths, strict=False):
            t, b = _split_cell(value, w - 2 * PAD_X, h)
            top.append(t)
            bottom.append(b)
        if not any(top) or not any(bottom):  # nothing fits, or everything does: no split here
            return None, row
        return top, bottom


def _split_cell(value, width: float, height: float) -> tuple:
    """A cell's flowables cut at height: (what fits, the rest); strings stay whole (short labels)."""
    if isinstance(value, str) or width <= 0:
        return value, ""
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    top: list[Flowable] = []
    used = 0.0
    for j, f in enumerate(items):
        _, fh = f.wrap(width, height)
        if used + fh <= height:
            top.append(f)
            used += fh
            continue
        parts = f.split(width, height - used)
        if len(parts) >= 2:
            top.append(parts[0])
            return top, list(parts[1:]) + items[j + 1 :]
        return top, items[j:]
    return top, ""
