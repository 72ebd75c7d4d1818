"""Document -> PDF with reportlab platypus: the Nghị định 30 layout, embedded serif fonts, no renumbering."""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exporters.document import (
    AppendixTitle,
    Block,
    Document,
    HeaderBlock,
    Para,
    Part,
    SignatureBlock,
    TitleBlock,
)
from exporters.document import Table as DocTable
from exporters.layout import BODY, FONT, HEADER, PAGE, RULE, SIGNATURE, TITLE
from exporters.pdf_keep import KeepWithFirstLines
from exporters.pdf_long import run_pieces, styled, text_pieces
from exporters.pdf_notes import NoteFrame, NotePara, NotesFlush, NoteState, row_notes, run_notes
from exporters.pdf_tables import grid_table
from exporters.pdf_text import (
    BODY_LEADING,
    SINGLE,
    Fonts,
    Styles,
    block_line,
    face,
    guard,
    markup,
    meta_text,
    pdf_fonts,
    pdf_styles,
    runs_markup,
    single_style,
    text_width,
)


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
    widest = max((text_width(x, font, size) for x in lines), default=0.0)
    return _Rule(max(minimum, RULE.fraction * min(widest, avail)))


def _borderless(data: list, widths: list[float], fonts: Fonts) -> Table:
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


def _header(b: HeaderBlock, fonts: Fonts) -> list[Flowable]:
    left: list[Flowable] = [block_line(x, HEADER.parent, fonts) for x in b.parent_lines]
    left += [block_line(x, HEADER.agency, fonts) for x in b.agency_lines]
    if b.agency_lines:
        agency = tuple(guard(x, fonts) for x in b.agency_lines)
        left.append(_short_rule(agency, face(fonts, HEADER.agency), HEADER.agency.size, HEADER.left_mm * mm))
    right_w = HEADER.right_mm * mm
    national = guard(b.national, fonts)
    font = face(fonts, HEADER.national)
    size = HEADER.national_pt(text_width(national, font, HEADER.national.size) / mm)  # on one line
    right: list[Flowable] = [Paragraph(markup(national, fonts), single_style(size, font=font))]
    if b.motto:
        right.append(block_line(b.motto, HEADER.motto, fonts))
        right.append(_Rule(text_width(guard(b.motto, fonts), face(fonts, HEADER.motto), HEADER.motto.size)))
    row2 = [block_line(b.number, HEADER.number, fonts), block_line(b.place_date, HEADER.place_date, fonts)]
    table = _borderless([[left, right], row2], [HEADER.left_mm * mm, right_w], fonts)
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, 1), HEADER.row_gap_pt)]))
    return [table]


def _title(b: TitleBlock, avail: float, fonts: Fonts) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, TITLE.space_before_pt), block_line(b.doc_type, TITLE.doc_type, fonts)]
    out += [p for x in b.summary_lines for p in _block_lines(x, TITLE.summary, fonts)]
    if b.note:  # "(Ban hành kèm theo Quyết định số …)"
        out += [*_block_lines(b.note, TITLE.note, fonts), Spacer(1, TITLE.pdf_note_gap_pt)]
    ruled = TITLE.summary if b.summary_lines else TITLE.doc_type
    lines = tuple(guard(x, fonts) for x in (b.summary_lines or (b.doc_type,)))
    out += [_short_rule(lines, face(fonts, ruled), ruled.size, avail), Spacer(1, TITLE.space_after_pt)]
    return out


def _paras(p: Para, fonts: Fonts, st: Styles) -> list[Paragraph]:
    """A body paragraph (a long one in pieces: pdf_long.py)."""
    base = st.heading if p.style.startswith("heading") else st.center if p.style == "center" else st.body
    out: list[Paragraph] = []
    for runs, style in styled(run_pieces(p.runs), base):
        notes = run_notes(runs)
        if notes:
            para = NotePara(runs_markup(runs, fonts, BODY.text.size), style)
            para._fn_all = notes
            out.append(para)
        else:
            out.append(Paragraph(runs_markup(runs, fonts, BODY.text.size), style))
    return out


def _block_lines(text: str, style, fonts: Fonts) -> list[Flowable]:
    """A centred title line; text far too long for a title comes in pieces (pdf_long.py)."""
    return [block_line(piece, style, fonts) for piece in text_pieces(text)]


def _signature(b: SignatureBlock, lead: Flowable | None, fonts: Fonts) -> list[Flowable]:
    """Recipients and signer in one unsplittable row, kept on one page together with the
    paragraph before it (as the DOCX's keep-with-next does; reportlab chains keepWithNext, so a
    heading before that paragraph comes along too)."""
    left: list[Flowable] = [block_line(b.recipients_title, SIGNATURE.recipients_title, fonts, TA_LEFT)]
    left += [block_line(x, SIGNATURE.recipient, fonts, TA_LEFT) for x in b.recipients]
    right: list[Flowable] = [block_line(x, SIGNATURE.authority, fonts) for x in b.authority_lines]
    right.append(Spacer(1, SIGNATURE.gap_lines * BODY.text.size * SINGLE))  # empty single-spaced body lines
    right.append(block_line(b.name, SIGNATURE.name, fonts))
    table = _borderless([[left, right]], [SIGNATURE.left_mm * mm, SIGNATURE.right_mm * mm], fonts)
    table.spaceBefore = SIGNATURE.space_before_pt
    if lead is None:
        return [KeepTogether([table])]
    lead.keepWithNext = 1
    return [lead, table]


def _appendix_title(b: AppendixTitle, avail: float, fonts: Fonts) -> list[Flowable]:
    out: list[Flowable] = [block_line(b.label, TITLE.appendix_label, fonts)]
    if b.title:
        out += _block_lines(b.title, TITLE.appendix_title, fonts)
    if b.attachment:
        out.append(block_line(b.attachment, TITLE.appendix_attachment, fonts))
    label = TITLE.appendix_label
    minimum = TITLE.appendix_rule_min_mm * mm
    rule = _short_rule((guard(b.label, fonts),), face(fonts, label), label.size, avail, minimum)
    out += [rule, Spacer(1, TITLE.space_after_pt)]
    return out


class _PageNumbers:
    """Running page numbers, centred in the top margin (layout.PAGE); hidden on page 1 and on the
    first page of each part that restarts (the appendices), which counts as 1."""

    def __init__(self, fonts: Fonts) -> None:
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
    blocks: tuple[Block, ...], avail_width: float, page_height: float, fonts: Fonts, st: Styles
) -> list[Flowable]:
    out: list[Flowable] = []
    for b in blocks:
        if isinstance(b, Para):
            out += _paras(b, fonts, st)
        elif isinstance(b, HeaderBlock):
            out += _header(b, fonts)
        elif isinstance(b, TitleBlock):
            out += _title(b, avail_width, fonts)
        elif isinstance(b, SignatureBlock):
            lead = out.pop() if out and isinstance(out[-1], Paragraph) else None
            out += _signature(b, lead, fonts)
        elif isinstance(b, AppendixTitle):
            out += _appendix_title(b, avail_width, fonts)
        elif isinstance(b, DocTable):
            out += grid_table(b, avail_width, page_height, fonts, st)
    return out


def _template(i: int, part: Part, numbers: _PageNumbers, notes: NoteState) -> PageTemplate:
    """Page size, the one frame inside the margins (with room for footnotes), the page-number
    callback and the footnotes drawn when the page ends."""
    w, h = _page_size(part)
    fw, fh = _frame_size(w, h)
    x, y = PAGE.margin_left_mm * mm, PAGE.margin_bottom_mm * mm
    frame = NoteFrame(notes, x, y, fw, fh, 0, 0, 0, 0, id=f"f{i}")

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
        if isinstance(b, Para) and run_notes(b.runs):
            return True
        if isinstance(b, DocTable) and any(r.rich and row_notes(r) for r in b.rows):
            return True
    return False


def _canvas_maker(pdfa: bool):
    if not pdfa:
        return Canvas
    from exporters.pdfa import canvas as pdfa_canvas  # loaded only when PDF/A is asked for

    return pdfa_canvas


def write_pdf(doc: Document, path: Path, pdfa: bool = False) -> int:
    """Render the Document to a PDF at path (PDF/A-2b when pdfa); returns the number of pages."""
    fonts, st = pdf_fonts(), pdf_styles()
    numbers = _PageNumbers(fonts)
    notes = NoteState(fonts, st.note)
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
            story.append(NotesFlush(notes))
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
        title=meta_text(m.title),
        author=meta_text(m.author),
        subject=meta_text(m.subject),
        creator=meta_text(m.creator),
        keywords=[meta_text(k) for k in m.keywords],
        lang=m.language,
        initialFontName=fonts.regular,
        initialFontSize=BODY.text.size,
        initialLeading=BODY_LEADING,
    )
    template.keepTogetherClass = KeepWithFirstLines  # a heading keeps the next paragraph's first lines
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # plain Flate streams: smaller, and no slow pure-Python ASCII85 pass
    try:
        template.build(story, canvasmaker=_canvas_maker(pdfa))
    finally:
        rl_config.useA85 = a85
    return numbers.pages
