"""Document -> PDF with reportlab platypus: the Nghị định 30 layout, embedded serif fonts, no renumbering.

Footnotes: a flowable that holds note marks (a paragraph, a table or a piece of one) reports its
notes (`_fn`); the page's frame (_NoteFrame) raises its bottom by the notes' height when it places
such a flowable, and splits it so that the part kept on the page fits together with the notes of
the marks in that part. The notes are drawn at the foot of the page under a short rule when the
page ends. Flowables without notes take the ordinary reportlab path.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import NullActionFlowable

from exporters.document import (
    AppendixTitle,
    Block,
    Document,
    HeaderBlock,
    Para,
    Part,
    Row,
    Run,
    SignatureBlock,
    TitleBlock,
)
from exporters.document import (
    Table as DocTable,
)
from exporters.fonts import reportlab_faces
from exporters.layout import BODY, FONT, HEADER, NOTES, PAGE, RULE, SIGNATURE, TABLE, TITLE, TextStyle

# Word's "1.15 lines" is 1.15 single lines of the font; the same leading keeps the page breaks
# close to the DOCX.
SINGLE = FONT.single_line_em
BODY_LEADING = BODY.text.size * SINGLE * BODY.line_spacing
PAD_X, PAD_Y = TABLE.pad_x_mm * mm, TABLE.pad_y_pt
SUBSTITUTE = "\u25a1"  # □, drawn for characters the font has no glyph for
SUPERSCRIPT_ZERO = "\u2070"  # ⁰, missing from the faces; drawn as a raised 0 (see _markup)
NOTE_PT = NOTES.text.size
NOTE_SEP = NOTES.space_above_pt + NOTES.rule_width_pt + NOTES.space_below_pt  # body -> rule -> first note
_SPACES = re.compile(r" {2,}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DROP = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]"
    r"|[\U000e0000-\U000e01ef]"
)


# ---------------------------------------------------------------------------------------------- fonts


@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    missing: re.Pattern[str]  # matches characters that any of the four faces lacks


def _ranges(codes: list[int]) -> str:
    """A regex character-class body for sorted code points, as ranges."""
    out: list[tuple[int, int]] = []
    for c in codes:
        if out and c == out[-1][1] + 1:
            out[-1] = (out[-1][0], c)
        else:
            out.append((c, c))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out)


@lru_cache(maxsize=1)
def _fonts() -> _Fonts:
    """The four serif faces, and which characters all of them can draw."""
    names = reportlab_faces()
    covered: set[int] | None = None
    for name in names.values():
        cmap = set(pdfmetrics.getFont(name).face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    codes = sorted((covered or set()) | {0x0A, 0x20, 0xA0, ord(SUPERSCRIPT_ZERO)})
    missing = re.compile(f"[^{_ranges(codes)}]")
    return _Fonts(names["regular"], names["bold"], names["italic"], names["bolditalic"], missing)


def _guard(text: str, fonts: _Fonts) -> str:
    """Text the font can draw: drop invisible controls, replace glyph-less characters by □."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    if fonts.missing.search(text) is None:
        return text
    text = _DROP.sub("", text)
    return fonts.missing.sub(SUBSTITUTE, text)


def _meta(text: str) -> str:
    """Metadata needs no glyphs, only valid, NFC Unicode."""
    return unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", _DROP.sub("", text)))


def _escape(text: str) -> str:
    """xml.sax.saxutils.escape without its import cost (it pulls in urllib and http.client)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markup(text: str, fonts: _Fonts) -> str:
    """Plain text -> Paragraph markup: escaped, newlines as <br/>, runs of spaces kept (non-breaking)."""
    text = _escape(_guard(text, fonts))
    if SUPERSCRIPT_ZERO in text:  # the faces lack U+2070 (note marks 10, 20 …): raise a plain 0
        text = text.replace(SUPERSCRIPT_ZERO, "<super>0</super>")
    if "  " in text:
        text = _SPACES.sub(lambda m: "\u00a0" * (len(m.group()) - 1) + " ", text)
    return text.replace("\n", "<br/>")


def _note_mark(number: int, size: float) -> str:
    """A footnote number as a superscript, about 2/3 of the text size and raised 1/3 (as Word)."""
    size, rise = round(size * NOTES.mark_scale, 1), round(size * NOTES.mark_rise, 1)
    return f'<super size="{size}" rise="{rise}">{int(number or 0)}</super>'


def _runs_markup(para: Para, fonts: _Fonts) -> str:
    return _runs_to_markup(para.runs, fonts, BODY.text.size)


def _runs_to_markup(runs: tuple[Run, ...], fonts: _Fonts, size: float) -> str:
    out = []
    for r in runs:
        if getattr(r, "note", None) is not None:  # a footnote reference: its number as a superscript mark
            out.append(_note_mark(getattr(r, "note_number", 0), size))
            continue
        t = _markup(r.text, fonts)
        if r.italic:
            t = f"<i>{t}</i>"
        if r.bold:
            t = f"<b>{t}</b>"
        out.append(t)
    return "".join(out)


def _tagged(markup: str, style: TextStyle) -> str:
    """Markup set bold and/or italic as the house style says."""
    if style.italic:
        markup = f"<i>{markup}</i>"
    return f"<b>{markup}</b>" if style.bold else markup


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


# --------------------------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    heading: ParagraphStyle
    center: ParagraphStyle
    th: ParagraphStyle
    td: dict[str, ParagraphStyle]
    note: ParagraphStyle


def _face(fonts: _Fonts, style: TextStyle) -> str:
    if style.bold:
        return fonts.bold_italic if style.italic else fonts.bold
    return fonts.italic if style.italic else fonts.regular


@lru_cache(maxsize=64)
def _single(size: float, align: int = TA_CENTER, font: str = "") -> ParagraphStyle:
    """Single-spaced lines of one size and face (the blocks, table cells and notes)."""
    font = font or _fonts().regular
    return ParagraphStyle(
        f"single-{size}-{align}-{font}", fontName=font, fontSize=size, leading=size * SINGLE, alignment=align
    )


def _line(text: str, style: TextStyle, fonts: _Fonts, align: int = TA_CENTER) -> Paragraph:
    """A line of a header, title or signature block in its house style."""
    return Paragraph(_markup(text, fonts), _single(style.size, align, _face(fonts, style)))


@lru_cache(maxsize=1)
def _styles() -> _Styles:
    f = _fonts()
    body = ParagraphStyle(
        "body",
        fontName=f.regular,
        fontSize=BODY.text.size,
        leading=BODY_LEADING,
        alignment=TA_JUSTIFY,
        firstLineIndent=BODY.first_line_indent_mm * mm,
        spaceBefore=BODY.space_before_pt,
        spaceAfter=0,
    )
    cell = TABLE.text.size
    return _Styles(
        body=body,
        heading=ParagraphStyle("heading", parent=body, keepWithNext=1),
        center=ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0),
        th=_single(TABLE.header.size, font=_face(f, TABLE.header)),
        td={"left": _single(cell, TA_LEFT), "center": _single(cell), "justify": _single(cell, TA_JUSTIFY)},
        note=_single(NOTE_PT, TA_JUSTIFY),
    )


@lru_cache(maxsize=32)
def _indented(style: ParagraphStyle, depth: int) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_{depth}", parent=style, leftIndent=TABLE.subtask_indent_mm * mm * depth)


# ------------------------------------------------------------------------------------------ flowables


class _Cell(Paragraph):
    """A table-cell Paragraph that remembers its line breaks: a table measures every cell and then
    wraps it again to draw it; the result depends only on the width, so the second break is skipped."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        if availWidth == self._wrapped_at:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


class _Rule(Flowable):
    """A horizontal rule of a given length, centred in the available width."""

    def __init__(self, length: float, space_before: float = RULE.gap_pt, space_after: float = 0.0) -> None:
        super().__init__()
        self.length = length
        self._before = space_before
        self._after = space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self._before + RULE.width_pt + self._after
        return self.width, self.height

    def draw(self) -> None:
        length = min(self.length, self.width)
        x = (self.width - length) / 2
        y = self._after + RULE.width_pt / 2
        self.canv.setLineWidth(RULE.width_pt)
        self.canv.line(x, y, x + length, y)


def _short_rule(lines: tuple[str, ...], font: str, size: float, avail: float, minimum: float = 0.0) -> _Rule:
    """RULE.fraction of the widest line above it (as printed, at most the available width)."""
    widest = max((_width(x, font, size) for x in lines), default=0.0)
    return _Rule(max(minimum, RULE.fraction * min(widest, avail)))


def _borderless(data: list, widths: list[float], fonts: _Fonts) -> Table:
    t = Table(data, colWidths=widths, splitInRow=1, hAlign="CENTER")
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t


def _header(b: HeaderBlock, fonts: _Fonts, st: _Styles) -> list[Flowable]:
    left: list[Flowable] = [_line(x, HEADER.parent, fonts) for x in b.parent_lines]
    left += [_line(x, HEADER.agency, fonts) for x in b.agency_lines]
    if b.agency_lines:
        agency = tuple(_guard(x, fonts) for x in b.agency_lines)
        face = _face(fonts, HEADER.agency)
        left.append(_short_rule(agency, face, HEADER.agency.size, HEADER.left_mm * mm))
    right_w = HEADER.right_mm * mm
    national = _guard(b.national, fonts)
    face = _face(fonts, HEADER.national)
    size = HEADER.national_pt(_width(national, face, HEADER.national.size) / mm)  # on one line
    right: list[Flowable] = [Paragraph(_markup(national, fonts), _single(size, font=face))]
    if b.motto:
        right.append(_line(b.motto, HEADER.motto, fonts))
        right.append(_Rule(_width(_guard(b.motto, fonts), _face(fonts, HEADER.motto), HEADER.motto.size)))
    row2 = [_line(b.number, HEADER.number, fonts), _line(b.place_date, HEADER.place_date, fonts)]
    table = _borderless([[left, right], row2], [HEADER.left_mm * mm, right_w], fonts)
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, 1), HEADER.row_gap_pt)]))
    return [table]


def _title(b: TitleBlock, avail: float, fonts: _Fonts, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, TITLE.space_before_pt), _line(b.doc_type, TITLE.doc_type, fonts)]
    out += [_line(x, TITLE.summary, fonts) for x in b.summary_lines]
    if b.note:  # "(Ban hành kèm theo Quyết định số …)"
        out += [_line(b.note, TITLE.note, fonts), Spacer(1, TITLE.pdf_note_gap_pt)]
    ruled = TITLE.summary if b.summary_lines else TITLE.doc_type
    lines = tuple(_guard(x, fonts) for x in (b.summary_lines or (b.doc_type,)))
    out += [_short_rule(lines, _face(fonts, ruled), ruled.size, avail), Spacer(1, TITLE.space_after_pt)]
    return out


def _para(p: Para, fonts: _Fonts, st: _Styles) -> Paragraph:
    style = st.heading if p.style.startswith("heading") else st.center if p.style == "center" else st.body
    notes = _run_notes(p.runs)
    if notes:
        para = _NotePara(_runs_markup(p, fonts), style)
        para._fn_all = notes
        return para
    return Paragraph(_runs_markup(p, fonts), style)


def _signature(b: SignatureBlock, lead: Flowable | None, fonts: _Fonts, st: _Styles) -> list[Flowable]:
    """Recipients and signer in one unsplittable row, kept on one page together with the
    paragraph before it (as the DOCX's keep-with-next does; reportlab chains keepWithNext, so a
    heading before that paragraph comes along too)."""
    left: list[Flowable] = [_line(b.recipients_title, SIGNATURE.recipients_title, fonts, TA_LEFT)]
    left += [_line(x, SIGNATURE.recipient, fonts, TA_LEFT) for x in b.recipients]
    right: list[Flowable] = [_line(x, SIGNATURE.authority, fonts) for x in b.authority_lines]
    right.append(Spacer(1, SIGNATURE.gap_lines * BODY.text.size * SINGLE))  # empty single-spaced body lines
    right.append(_line(b.name, SIGNATURE.name, fonts))
    table = _borderless([[left, right]], [SIGNATURE.left_mm * mm, SIGNATURE.right_mm * mm], fonts)
    table.spaceBefore = SIGNATURE.space_before_pt
    if lead is None:
        return [KeepTogether([table])]
    lead.keepWithNext = 1
    return [lead, table]


def _appendix_title(b: AppendixTitle, avail: float, fonts: _Fonts, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = [_line(b.label, TITLE.appendix_label, fonts)]
    if b.title:
        out.append(_line(b.title, TITLE.appendix_title, fonts))
    if b.attachment:
        out.append(_line(b.attachment, TITLE.appendix_attachment, fonts))
    label = TITLE.appendix_label
    minimum = TITLE.appendix_rule_min_mm * mm
    rule = _short_rule((_guard(b.label, fonts),), _face(fonts, label), label.size, avail, minimum)
    out += [rule, Spacer(1, TITLE.space_after_pt)]
    return out


def _table(t: DocTable, avail_width: float, page_height: float, fonts: _Fonts, st: _Styles) -> list[Flowable]:
    cols = t.columns
    if not cols:
        return []
    n = len(cols)
    widths = [max(c.width_mm, TABLE.pdf_min_column_mm) * mm for c in cols]
    total = sum(widths)
    if total > avail_width:  # rounding in the column widths must not push the grid past the margin
        widths = [w * avail_width / total for w in widths]
    col_styles = [st.td.get(c.align, st.td["left"]) for c in cols]
    inner = [w - 2 * PAD_X - 0.5 for w in widths]  # 0.5 pt slack: a string cell must never overflow
    header = [_Cell(_markup(c.header, fonts), st.th) for c in cols]
    content = next((i for i, c in enumerate(cols) if c.key == "content"), min(1, n - 1))  # sub-tasks indent here
    rows = [_row(row, n, col_styles, inner, content, fonts, st) for row in t.rows]
    groups = [row.kind == "group" and n > 1 for row in t.rows]
    centred = [i for i, c in enumerate(cols) if c.align == "center"]
    _, head = Table([header], colWidths=widths, style=[("FONTNAME", (0, 0), (-1, -1), fonts.regular)]).wrap(
        avail_width, page_height
    )
    notes = {i: _row_notes(row) for i, row in enumerate(t.rows) if row.rich}
    notes = {i: v for i, v in notes.items() if v}
    if head > page_height / 2:  # an absurd header is printed once, as a row, not repeated
        rows, groups, header = [header, *rows], [False, *groups], None  # type: ignore[assignment]
        notes = {i + 1: v for i, v in notes.items()}
    return [_PagedTable(header, rows, groups, widths, fonts.regular, page_height, centred, notes=notes or None)]


def _row_notes(row: Row) -> tuple[tuple[int, str], ...]:
    return tuple(n for cell in row.rich or () for n in _run_notes(cell))


def _row(
    row: Row, n: int, col_styles: list[ParagraphStyle], inner: list[float], content: int, fonts: _Fonts, st: _Styles
) -> list:
    cells = list(row.cells)
    if row.kind == "group":
        label = cells[0] if cells else ""
        title = "\n".join(cells[1:])
        if n == 1:
            return [
                _Cell(_tagged(_markup(" ".join(x for x in (label, title) if x), fonts), TABLE.group), st.td["left"])
            ]
        return [
            _Cell(_tagged(_markup(label, fonts), TABLE.group), st.td["center"]),
            _Cell(_tagged(_markup(title, fonts), TABLE.group), st.td[TABLE.pdf_group_title_align]),
        ] + [""] * (n - 2)
    # cells with note marks are drawn from their runs (real superscripts the frame can find);
    # when extra cells are merged, the marks stay the plain superscript digits of `cells`
    rich = row.rich if row.rich and len(row.rich) == len(cells) <= n else None
    if len(cells) > n:  # never drop text: extra cells go into the last column
        cells = cells[: n - 1] + ["\n".join(cells[n - 1 :])]
    cells += [""] * (n - len(cells))
    out: list = []
    for i, text in enumerate(cells):
        if not text:
            out.append("")
            continue
        indent = row.depth > 0 and i == content
        if rich is not None and _run_notes(rich[i]):
            style = _indented(col_styles[i], min(row.depth, TABLE.pdf_max_indent_depth)) if indent else col_styles[i]
            out.append(_Cell(_runs_to_markup(rich[i], fonts, TABLE.text.size), style))
            continue
        if not indent:
            # a one-line cell is drawn as a plain string (same font, size and baseline as a
            # Paragraph, but about ten times cheaper); anything longer wraps in a Paragraph
            line = _guard(text, fonts).strip()
            if (
                "\n" not in line
                and SUPERSCRIPT_ZERO not in line
                and _width(line, fonts.regular, TABLE.text.size) <= inner[i]
            ):
                out.append(line)
                continue
        style = _indented(col_styles[i], min(row.depth, TABLE.pdf_max_indent_depth)) if indent else col_styles[i]
        out.append(_Cell(_markup(text, fonts), style))
    return out


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
    ) -> None:
        super().__init__()
        self.notes = notes  # footnotes by row index (only rows that have some), or None
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
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
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
        m, total = 0, head
        while m < len(heights) and total + heights[m] <= ah:
            total += heights[m]
            m += 1
        if 0 < m < len(self.rows) and self.groups[m - 1] and (m > 1 or not fresh):
            m -= 1  # a group title never ends a page alone
            total -= heights[m]
        n = len(self.rows)
        if (
            m < n
            and head + heights[m] > self.page_height
            and ah - total >= 3 * TABLE.text.size * SINGLE + PAD_Y + PAD_Y
        ):
            # a row taller than a page: its cells split between lines, the rest of the page first
            top, bottom = self._split_row(m, ah - total)
            if top is not None:
                first = self._make(0, m + 1, heights=[head, *heights[:m], None], rows=[*self.rows[:m], top])  # type: ignore[list-item]  # None: measure the split row
                row_notes = self.notes.get(m, ()) if self.notes else ()
                marks = _cell_marks(top)
                top_notes = tuple(x for x in row_notes if str(x[0]) in marks)
                first._fn = self._notes_before(m) + top_notes
                rest = _PagedTable(
                    self.header,
                    [bottom, *self.rows[m + 1 :]],
                    self.groups[m:],
                    self.widths,
                    self.font,
                    self.page_height,
                    self.centred,
                    (aw, head, []),
                    self._notes_from(m, tuple(x for x in row_notes if x not in top_notes)),
                )
                return [first, rest]
        if m == 0:
            if fresh:  # only when even the header cannot fit: let reportlab place what it can
                pieces = self._make(0, 1).split(aw, ah)
                if pieces:
                    pieces[0]._fn = self._notes_before(1)
                return pieces
            return []  # the next row fits on the next page: rows are not split (house rule)
        first = self._make(0, m, heights=[head, *heights[:m]])
        first._fn = self._notes_before(m)
        if m == n:
            return [first]
        rest = _PagedTable(
            self.header,
            self.rows[m:],
            self.groups[m:],
            self.widths,
            self.font,
            self.page_height,
            self.centred,
            (aw, head, heights[m:]),
            self._notes_from(m),
        )
        return [first, rest]

    def _split_row(self, i: int, avail: float) -> tuple[list | None, list]:
        """Row i cut to fit avail points: (top cells, bottom cells), or (None, _) if nothing fits."""
        row = self.rows[i]
        widths = list(self.widths)
        if self.groups[i] and len(widths) > 1:
            widths = [widths[0], sum(widths[1:])] + [0.0] * (len(widths) - 2)
        h = avail - PAD_Y - PAD_Y
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


# ------------------------------------------------------------------------------------------ footnotes

Note = tuple[int, str]  # (number, text)


def _run_notes(runs: tuple[Run, ...]) -> tuple[Note, ...]:
    return tuple((int(r.note_number or 0), r.note) for r in runs if r.note is not None)


def _marks(frags) -> set[str]:
    """The superscript texts (note marks) in a Paragraph's fragments, before or after wrapping
    (reportlab then keeps them as words: [width, (frag, text), …])."""
    out: set[str] = set()
    for f in frags or ():
        if isinstance(f, list):
            out.update(t for g, t in f[1:] if getattr(g, "rise", 0) > 0)
        elif getattr(f, "rise", 0) > 0:
            out.add(f.text)
    return out


def _cell_marks(cells) -> set[str]:
    out: set[str] = set()
    for value in cells:
        items = value if isinstance(value, (list, tuple)) else [value]
        for f in items:
            if isinstance(f, Paragraph):
                out |= _marks(f.frags)
    return out


class _NotePara(Paragraph):
    """A paragraph with footnote marks; `_fn` gives the notes whose marks are in this piece of it."""

    _fn_all: tuple[Note, ...] = ()

    @property
    def _fn(self) -> tuple[Note, ...]:
        marks = _marks(self.frags)
        return tuple(x for x in self._fn_all if str(x[0]) in marks)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        pieces = super().split(availWidth, availHeight)
        for k, piece in enumerate(pieces):
            if isinstance(piece, Paragraph) and piece is not self:
                piece.__class__ = _NotePara
                piece._fn_all = self._fn_all
                piece._continued = k > 0
        return pieces

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab API)
        # the rest of a split paragraph follows on without a gap (when notes keep it on the page)
        return 0.0 if getattr(self, "_continued", False) else super().getSpaceBefore()


def _notes_of(f: Flowable) -> tuple[Note, ...]:
    """The footnotes a flowable carries: its own, or those of its content (KeepTogether)."""
    fn = getattr(f, "_fn", None)
    if fn is not None:
        return fn
    content = getattr(f, "_content", None)
    if content:
        return tuple(x for c in content for x in _notes_of(c))
    return ()


class _NoteState:
    """The footnotes of the page being laid out, shared by the frames of all templates."""

    def __init__(self, fonts: _Fonts, style: ParagraphStyle) -> None:
        self.fonts, self.style = fonts, style
        self.items: list[tuple[Flowable, float]] = []  # note paragraphs (or continued pieces) on this page
        self.numbers: set[int] = set()
        self.overflow: list[Flowable] = []  # what did not fit: continues at the foot of the next page
        self._cache: dict[tuple[int, str, float], tuple[Paragraph, float]] = {}

    def para(self, note: Note, width: float) -> tuple[Paragraph, float]:
        key = (note[0], note[1], width)
        hit = self._cache.get(key)
        if hit is None:
            p = Paragraph(f"{_note_mark(note[0], NOTE_PT)} {_markup(note[1], self.fonts)}", self.style)
            hit = (p, p.wrap(width, 1e6)[1])
            self._cache[key] = hit
        return hit

    def reserve(self) -> float:
        return NOTE_SEP + sum(h for _, h in self.items) if self.items else 0.0

    def new(self, notes: tuple[Note, ...]) -> tuple[Note, ...]:
        return tuple(x for x in notes if x[0] not in self.numbers)

    def need(self, notes: tuple[Note, ...], width: float) -> float:
        """Extra height for notes not yet on the page (with the rule if they are the first)."""
        if not notes:
            return 0.0
        h = sum(self.para(x, width)[1] for x in notes)
        return h + (0.0 if self.items else NOTE_SEP)

    def place(self, flowables: list[Flowable], width: float, room: float) -> None:
        """Put notes on the page in order while they fit in room (the rule included); the note
        that straddles the limit is split between lines; everything after goes to the next page."""
        for i, f in enumerate(flowables):
            sep = 0.0 if self.items else NOTE_SEP
            _, h = f.wrap(width, 1e6)
            if sep + h <= room + 0.01:
                self.items.append((f, h))
                room -= sep + h
                continue
            rest = flowables[i:]
            if room - sep >= NOTE_PT * SINGLE:
                pieces = f.split(width, room - sep)
                if len(pieces) >= 2:
                    self.items.append((pieces[0], pieces[0].wrap(width, 1e6)[1]))
                    rest = [*pieces[1:], *flowables[i + 1 :]]
            self.overflow.extend(rest)
            return


class _NoteFrame(Frame):
    """The body frame of a page that keeps room at its foot for the footnotes of what it holds."""

    def __init__(self, notes: _NoteState, *args, **kwargs) -> None:
        self._notes = notes
        super().__init__(*args, **kwargs)

    def _reset(self) -> None:
        super()._reset()
        n = self._notes
        self._base = self._y1 + self._bottomPadding
        n.items, n.numbers = [], set()
        carried, n.overflow = n.overflow, []
        if carried:  # notes continued from the previous page: at most half of this one
            n.place(carried, self._aW, self._aH / 2)
        self._y1p = self._base + n.reserve()

    def fill_notes(self) -> None:
        """Continued notes take all the room left on the page (the part's body has ended)."""
        n = self._notes
        carried, n.overflow = n.overflow, []
        if carried:
            n.place(carried, self._aW, self._y - self._y1p)
            self._y1p = self._base + n.reserve()

    def _commit(self, notes: tuple[Note, ...]) -> None:
        n = self._notes
        for x in notes:
            n.items.append(n.para(x, self._aW))
            n.numbers.add(x[0])
        self._y1p = self._base + n.reserve()

    def _add(self, flowable: Flowable, canv, trySplit: int = 0) -> int:  # noqa: N803 (reportlab API)
        notes = _notes_of(flowable)
        if notes:
            notes = self._notes.new(notes)
        if not notes:
            return Frame._add(self, flowable, canv, trySplit)
        if getattr(flowable, "_fn_force", False):
            return self._add_forced(flowable, canv, notes, trySplit)
        need = self._notes.need(notes, self._aW)
        self._y1p += need
        ok = Frame._add(self, flowable, canv, trySplit)
        if ok:
            self._commit(notes)
        else:
            self._y1p -= need
        return ok

    add = _add

    def _add_forced(self, flowable: Flowable, canv, notes: tuple[Note, ...], trySplit: int) -> int:  # noqa: N803
        """A piece too tall to sit with all its notes even on an empty page: it is placed, and the
        notes fill what is left of the page and continue at the foot of the next one."""
        flowable._fn_force = False
        n = self._notes
        s = 0.0 if self._atTop else flowable.getSpaceBefore()
        avail = self._y - self._y1p - s
        _, h = flowable.wrap(self._getAvailableWidth(), avail)
        n.numbers.update(x[0] for x in notes)
        n.place([n.para(x, self._aW)[0] for x in notes], self._aW, max(0.0, avail - h))
        self._y1p = self._base + n.reserve()
        return Frame._add(self, flowable, canv, trySplit)

    def _split_at(self, flowable: Flowable, canv, reserve: float, base: float) -> list[Flowable]:
        self._y1p = base + reserve
        try:
            return Frame.split(self, flowable, canv)
        finally:
            self._y1p = base

    def split(self, flowable: Flowable, canv) -> list[Flowable]:
        notes = _notes_of(flowable)
        if notes:
            notes = self._notes.new(notes)
        if not notes:
            return Frame.split(self, flowable, canv)
        base, n, w = self._y1p, self._notes, self._aW
        if getattr(flowable, "_content", None) is not None:
            # KeepTogether: moves on when it does not fit with its notes; at the top of a page it
            # falls apart into its content, whose pieces then find room for their own notes
            if not self._atTop:
                return self._split_at(flowable, canv, n.need(notes, w), base)
            return [NullActionFlowable(), *flowable._content]  # each placed (and split) on its own

        # split so that the first piece fits with the notes of the marks it holds
        def need_of(pieces: list[Flowable]) -> float:
            return n.need(n.new(_notes_of(pieces[0])), w)

        r = 0.0
        while True:  # usually one or two steps
            pieces = self._split_at(flowable, canv, r, base)
            if not pieces or isinstance(pieces[0], ActionFlowable):
                break
            need = need_of(pieces)
            if need <= r + 0.01:
                return pieces
            r = need
        if pieces:
            return pieces
        # the steps jumped over (a piece with many marks): search the reserve between 0 and r;
        # too small a reserve leaves notes out, too large leaves no line
        lo, hi = 0.0, r
        found, smallest = None, None
        for _ in range(16):
            mid = (lo + hi) / 2
            pieces = self._split_at(flowable, canv, mid, base)
            if not pieces or isinstance(pieces[0], ActionFlowable):
                hi = mid
            elif need_of(pieces) <= mid + 0.01:
                found, hi = pieces, mid
            else:
                smallest, lo = pieces, mid
        if found:
            return found
        smallest = smallest or self._split_at(flowable, canv, 0.0, base)
        if not smallest or isinstance(smallest[0], ActionFlowable):
            return [] if not self._atTop else smallest
        # Nothing fits here with its notes. If the smallest first piece fits with its notes on an
        # empty page, everything moves on; if not (notes longer than a page), it is placed here
        # and its notes continue at the foot of the next page.
        first = smallest[0]
        if not self._atTop:
            alone = NOTE_SEP + sum(n.para(x, w)[1] for x in _notes_of(first))
            if first.wrap(self._getAvailableWidth(), self._aH)[1] + alone <= self._aH:
                return []
        first._fn_force = True
        return smallest

    def draw_notes(self, canv) -> None:
        """The page's footnotes at the foot of the frame, under a short rule at the left edge."""
        items = self._notes.items
        if not items:
            return
        x = self._x1 + self._leftPadding
        y = self._base + self._notes.reserve() - NOTES.space_above_pt - NOTES.rule_width_pt / 2
        canv.saveState()
        canv.setLineWidth(NOTES.rule_width_pt)
        canv.line(x, y, x + min(NOTES.rule_mm * mm, self._aW), y)
        canv.restoreState()
        y -= NOTES.rule_width_pt / 2 + NOTES.space_below_pt
        for f, h in items:
            y -= h
            f.drawOn(canv, x, y)


class _NotesFlush(Flowable):
    """At the end of a part: notes still waiting (continued) get their own page before the next part."""

    _ZEROSIZE = True

    def __init__(self, notes: _NoteState) -> None:
        super().__init__()
        self.notes = notes

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        if self.notes.overflow and isinstance(frame, _NoteFrame):
            frame.fill_notes()
        return (0, ah + 1e6) if self.notes.overflow else (0, 0)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return [PageBreak(), _NotesFlush(self.notes)] if self.notes.overflow else []

    def draw(self) -> None:
        pass


# ----------------------------------------------------------------------------------------- pages


class _PageNumbers:
    """Running page numbers: 14 pt, centred in the top margin; hidden on page 1 and on the first
    page of each part that restarts (the appendices), which counts as 1."""

    def __init__(self, fonts: _Fonts) -> None:
        self.font = fonts.regular
        self.part = -1
        self.number = 0
        self.pages = 0

    def callback(self, index: int, part: Part, pagesize: tuple[float, float]):
        w, h = pagesize

        def on_page(canv, doc) -> None:
            self.pages += 1
            if index != self.part:
                self.part = index
                self.number = 1 if (part.restart_page_numbers or self.number == 0) else self.number + 1
            else:
                self.number += 1
            if self.number == 1:
                return
            size = PAGE.page_number.size
            x = PAGE.margin_left_mm * mm + (w - (PAGE.margin_left_mm + PAGE.margin_right_mm) * mm) / 2
            y = h - PAGE.header_mm * mm - FONT.ascent_em * size  # the baseline of a line whose top is there
            canv.saveState()
            canv.setFont(self.font, size)
            canv.drawCentredString(x, y, str(self.number))
            canv.restoreState()

        return on_page


def _page_size(part: Part) -> tuple[float, float]:
    w, h = PAGE.size_mm(part.orientation)
    return w * mm, h * mm


def _frame_size(w: float, h: float) -> tuple[float, float]:
    """The text area of a page of this size (pt)."""
    horizontal = (PAGE.margin_left_mm + PAGE.margin_right_mm) * mm
    return w - horizontal, h - (PAGE.margin_top_mm + PAGE.margin_bottom_mm) * mm


def _blocks(
    blocks: tuple[Block, ...], avail_width: float, page_height: float, fonts: _Fonts, st: _Styles
) -> list[Flowable]:
    out: list[Flowable] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(_para(b, fonts, st))
        elif isinstance(b, HeaderBlock):
            out += _header(b, fonts, st)
        elif isinstance(b, TitleBlock):
            out += _title(b, avail_width, fonts, st)
        elif isinstance(b, SignatureBlock):
            lead = out.pop() if out and isinstance(out[-1], Paragraph) else None
            out += _signature(b, lead, fonts, st)
        elif isinstance(b, AppendixTitle):
            out += _appendix_title(b, avail_width, fonts, st)
        elif isinstance(b, DocTable):
            out += _table(b, avail_width, page_height, fonts, st)
    return out


def _template(i: int, part: Part, numbers: _PageNumbers, notes: _NoteState) -> PageTemplate:
    """Page size, the one frame inside the margins (with room for footnotes), the page-number
    callback and the footnotes drawn when the page ends."""
    w, h = _page_size(part)
    fw, fh = _frame_size(w, h)
    x, y = PAGE.margin_left_mm * mm, PAGE.margin_bottom_mm * mm
    frame = _NoteFrame(notes, x, y, fw, fh, 0, 0, 0, 0, id=f"f{i}")

    def on_page_end(canv, doc) -> None:
        frame.draw_notes(canv)

    return PageTemplate(
        id=f"p{i}",
        frames=[frame],
        pagesize=(w, h),
        onPage=numbers.callback(i, part, (w, h)),
        onPageEnd=on_page_end,
    )


def _has_notes(part: Part) -> bool:
    for b in part.blocks:
        if isinstance(b, Para) and _run_notes(b.runs):
            return True
        if isinstance(b, DocTable) and any(r.rich and _row_notes(r) for r in b.rows):
            return True
    return False


def write_pdf(doc: Document, path: Path) -> int:
    """Render the Document to a PDF at path; returns the number of pages."""
    fonts, st = _fonts(), _styles()
    numbers = _PageNumbers(fonts)
    notes = _NoteState(fonts, st.note)
    templates: list[PageTemplate] = []
    story: list[Flowable] = []
    for part in doc.parts:
        w, h = _page_size(part)
        fw, fh = _frame_size(w, h)
        flowables = _blocks(part.blocks, fw, fh, fonts, st)
        if not flowables:  # a part with nothing to print gets no (blank) page
            continue
        if templates:
            story += [NextPageTemplate(f"p{len(templates)}"), PageBreak()]
        templates.append(_template(len(templates), part, numbers, notes))
        story += flowables
        if _has_notes(part):
            story.append(_NotesFlush(notes))
    if not templates:  # an empty document is still a valid one-page A4 PDF
        templates.append(_template(0, Part("portrait", ()), numbers, notes))
        story.append(Spacer(1, 1))
    m = doc.meta
    template = BaseDocTemplate(
        str(path),
        pagesize=templates[0].pagesize,
        pageTemplates=templates,
        leftMargin=PAGE.margin_left_mm * mm,
        rightMargin=PAGE.margin_right_mm * mm,
        topMargin=PAGE.margin_top_mm * mm,
        bottomMargin=PAGE.margin_bottom_mm * mm,
        title=_meta(m.title),
        author=_meta(m.author),
        subject=_meta(m.subject),
        creator=_meta(m.creator),
        keywords=[_meta(k) for k in m.keywords],
        lang=m.language,
        initialFontName=fonts.regular,
        initialFontSize=BODY.text.size,
        initialLeading=BODY_LEADING,
    )
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # plain Flate streams: smaller, and no slow pure-Python ASCII85 pass
    try:
        template.build(story)
    finally:
        rl_config.useA85 = a85
    return numbers.pages
