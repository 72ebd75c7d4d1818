"""Word blocks outside the tables: the header block, titles, body paragraphs and the signature block."""

from __future__ import annotations

from exporters.document import AppendixTitle, HeaderBlock, Para, Run, SignatureBlock, TitleBlock
from exporters.docx_notes import Notes
from exporters.docx_styles import BOLD_STYLES, PARA_STYLES, S_BLOCK, S_RULE
from exporters.docx_xml import clean, short_rule_mm, text_rpr, text_width_mm, twips, w_p, w_ppr, w_r, w_rpr
from exporters.layout import HEADER, RULE, SIGNATURE, TITLE


def _rule(avail_mm: float, rule_mm: float, after: float = 0.0) -> str:
    """An empty 1-pt paragraph whose top border is a centred rule rule_mm long."""
    rule_mm = max(1.0, min(rule_mm, avail_mm))
    side = max(0, twips((avail_mm - rule_mm) / 2))
    return w_p(w_ppr(S_RULE, border_top=True, before=RULE.gap_pt, after=after or None, ind_left=side, ind_right=side))


def header_block(hb: HeaderBlock) -> str:
    left_mm, right_mm = HEADER.left_mm, HEADER.right_mm
    left: list[str] = []
    for line in hb.parent_lines:  # bold switched off explicitly: the agency lines under it are bold
        left.append(w_p(w_ppr(S_BLOCK), w_r(line, w_rpr(HEADER.parent.size, bold=HEADER.parent.bold))))
    for line in hb.agency_lines:
        left.append(w_p(w_ppr(S_BLOCK), w_r(line, text_rpr(HEADER.agency))))
    if hb.agency_lines:
        left.append(_rule(left_mm, short_rule_mm(hb.agency_lines, HEADER.agency.size, left_mm)))
    national = clean(hb.national)
    nat_pt = HEADER.national_pt(text_width_mm(national, HEADER.national.size))
    motto = clean(hb.motto)
    right = [
        w_p(w_ppr(S_BLOCK), w_r(national, w_rpr(nat_pt, bold=HEADER.national.bold or None))),
        w_p(w_ppr(S_BLOCK), w_r(motto, text_rpr(HEADER.motto))),
        _rule(right_mm, text_width_mm(motto, HEADER.motto.size)),
    ]
    gap = HEADER.row_gap_pt
    number = [w_p(w_ppr(S_BLOCK, before=gap), w_r(hb.number, text_rpr(HEADER.number)))]
    date = [w_p(w_ppr(S_BLOCK, before=gap), w_r(hb.place_date, text_rpr(HEADER.place_date)))]
    widths = [twips(left_mm), twips(right_mm)]
    return _borderless_table(widths, [[left, right], [number, date]], cant_split=False)


def _borderless_table(widths: list[int], rows: list[list[list[str]]], cant_split: bool) -> str:
    """A layout table: no borders, no cell padding, fixed column widths."""
    nil = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>',
        f'<w:tblBorders>{nil}</w:tblBorders><w:tblLayout w:type="fixed"/>',
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for row in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if cant_split else "<w:tr>")
        for w, paras in zip(widths, row, strict=True):
            content = "".join(paras) or w_p(w_ppr(S_BLOCK))
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{content}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def title_block(tb: TitleBlock, text_mm: float) -> str:
    out = [w_p(w_ppr(S_BLOCK, before=TITLE.space_before_pt), w_r(tb.doc_type, text_rpr(TITLE.doc_type)))]
    for line in tb.summary_lines:
        out.append(w_p(w_ppr(S_BLOCK), w_r(line, text_rpr(TITLE.summary))))
    if tb.note:
        out.append(w_p(w_ppr(S_BLOCK), w_r(tb.note, text_rpr(TITLE.note))))
    lines, size = (tb.summary_lines, TITLE.summary.size) if tb.summary_lines else ((tb.doc_type,), TITLE.doc_type.size)
    out.append(_rule(text_mm, short_rule_mm(lines, size, text_mm), after=TITLE.space_after_pt))
    return "".join(out)


def appendix_title(at: AppendixTitle, text_mm: float) -> str:
    out = [
        w_p(w_ppr(S_BLOCK), w_r(at.label, text_rpr(TITLE.appendix_label))),
        w_p(w_ppr(S_BLOCK), w_r(at.title, text_rpr(TITLE.appendix_title))),
    ]
    if at.attachment:
        out.append(w_p(w_ppr(S_BLOCK), w_r(at.attachment, text_rpr(TITLE.appendix_attachment))))
    rule = max(TITLE.appendix_rule_min_mm, short_rule_mm((at.label,), TITLE.appendix_label.size, text_mm))
    out.append(_rule(text_mm, rule, after=TITLE.space_after_pt))
    return "".join(out)


def _run_xml(run: Run, rpr: str, notes: Notes) -> str:
    return notes.ref(run.note) if run.note is not None else w_r(run.text, rpr)


def paragraph(para: Para, keep_next: bool, notes: Notes) -> str:
    style = PARA_STYLES.get(para.style, PARA_STYLES["body"])
    style_bold = style in BOLD_STYLES
    runs = []
    for run in para.runs:
        # As given: bold/italic on when the run says so; a bold style is switched off explicitly.
        bold = True if run.bold else (False if style_bold else None)
        runs.append(_run_xml(run, w_rpr(bold=bold, italic=True if run.italic else None), notes))
    return w_p(w_ppr(style, keep_next=keep_next), "".join(runs))


def signature_block(sb: SignatureBlock) -> str:
    before = SIGNATURE.space_before_pt  # in the first line of each column: a table has no space before
    left = [
        w_p(w_ppr(S_BLOCK, before=before, jc="left"), w_r(sb.recipients_title, text_rpr(SIGNATURE.recipients_title)))
    ]
    left += [w_p(w_ppr(S_BLOCK, jc="left"), w_r(line, text_rpr(SIGNATURE.recipient))) for line in sb.recipients]
    right = []
    for i, line in enumerate(sb.authority_lines):
        right.append(w_p(w_ppr(S_BLOCK, before=before if i == 0 else None), w_r(line, text_rpr(SIGNATURE.authority))))
    right += [w_p(w_ppr(S_BLOCK)) for _ in range(SIGNATURE.gap_lines)]
    right.append(w_p(w_ppr(S_BLOCK), w_r(sb.name, text_rpr(SIGNATURE.name))))
    widths = [twips(SIGNATURE.left_mm), twips(SIGNATURE.right_mm)]
    return _borderless_table(widths, [[left, right]], cant_split=True)
