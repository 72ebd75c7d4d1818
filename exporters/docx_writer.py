"""Document -> .docx in the layout of Nghị định 30/2020/NĐ-CP (python-docx + raw WordprocessingML).

Only renders what build.py decided: every text, number and label is written as given. Layout rules:
../shared/docs/format-nd30.md ([house] values); python-docx traps: ../shared/docs/pitfalls.md §1.

How it is built, and why:
- The body is written as one WordprocessingML string and parsed once (lxml). python-docx's table
  API (add_row, cell.width) is far too slow for a 2,000-task appendix; the string route keeps a
  normal plan well under 0.1 s.
- Named paragraph styles (KH Body, KH Muc, KH Khoan, …) carry the layout, so the clerk can restyle
  the whole document in Word; runs carry only what the Document says (bold/italic) and sizes in the
  header block, signature block and titles.
- Times New Roman in all four rFonts slots on docDefaults and every style; every theme font
  attribute removed (a theme attribute wins over w:ascii).
- Each Part is a section. Page numbers are a centred PAGE field in the default header (inherited by
  later sections); the first section and every section that restarts numbering have w:titlePg and
  their own empty first-page header, so page 1 of the plan and of each appendix shows no number.
- Fixed table widths: tblLayout fixed + gridCol + every cell's tcW (LibreOffice reads gridCol,
  Word reads tcW). Header rows repeat (w:tblHeader); no row splits across pages (w:cantSplit).
- Footnotes are real Word footnotes (word/footnotes.xml): each note run becomes a footnoteReference
  in the "footnote reference" style (superscript), each note a "footnote text" paragraph (12 pt)
  that starts with the footnoteRef mark. Word numbers them itself, in document order; build.py
  numbered them the same way, and a Part that restarts footnotes gets numRestart eachSect.
- Short rules under the agency, the motto and the titles are empty 1-pt paragraphs with a top
  border, indented so that the border has the measured length (reportlab metrics of the bundled
  Liberation Serif, metric-compatible with Times New Roman).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from docx import Document as new_docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

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
    Table,
    TitleBlock,
)
from exporters.fonts import reportlab_faces
from exporters.layout import BODY, FONT, HEADER, NOTES, PAGE, RULE, SIGNATURE, TABLE, TITLE, TextStyle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


# Paragraph style names (what the clerk sees in Word) by Para.style.
PARA_STYLES = {
    "body": "KH Body",
    "legal_basis": "KH Can cu",
    "heading1": "KH Muc",
    "heading2": "KH Khoan",
    "heading3": "KH Diem",
    "heading4": "KH Tiet",
    "bullet": "KH Bullet",
    "subbullet": "KH Bullet 2",
    "center": "KH Center",
}
S_BLOCK = "KH Block"  # header block, titles, signature block: centred, single spacing
S_RULE = "KH Rule"  # the 1-pt paragraphs that draw short rules and end sections
S_TABLE = "KH Table"
S_TABLE_HEADER = "KH Table Header"
S_TABLE_GROUP = "KH Table Group"
S_PAGE_NUMBER = "KH Page Number"
# Word's built-in footnote styles (names as Word stores them; Word shows "Footnote Text").
S_FOOTNOTE_TEXT, S_FOOTNOTE_TEXT_NAME = "FootnoteText", "footnote text"
S_FOOTNOTE_REF, S_FOOTNOTE_REF_NAME = "FootnoteReference", "footnote reference"
_BOLD_STYLES = {"KH Muc", "KH Khoan", S_TABLE_HEADER, S_TABLE_GROUP}

# Characters no XML 1.0 file may hold (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF),
# plus C1 controls, which Word refuses; NEL and the Unicode line/paragraph separators become LF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n|[\r\x85\u2028\u2029]")
_JC = {"left": "left", "center": "center", "justify": "both", "right": "right", "both": "both"}


# ---------------------------------------------------------------- units and text
def twips(mm: float) -> int:
    return int(round(mm * 1440 / 25.4))


def _hp(pt: float) -> int:
    """Half-points, the unit of w:sz."""
    return int(round(pt * 2))


def _eighths(pt: float) -> int:
    """Eighths of a point, the unit of border widths."""
    return int(round(pt * 8))


def clean(text: object) -> str:
    """NFC text without characters XML cannot hold; never raises on any Unicode."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _INVALID_XML.sub("", text)
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _t(text: str, cleaned: bool = False) -> str:
    """w:t content for one run; tabs and line breaks become w:tab / w:br."""
    body = _esc(text if cleaned else clean(text))
    if "\t" in body:
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    if "\n" in body:
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return f'<w:t xml:space="preserve">{body}</w:t>'


def _rpr(size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> str:
    """Run properties in schema order. bold/italic: True on, False explicitly off, None inherit."""
    out = []
    if bold is not None:
        out.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if italic is not None:
        out.append("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    if size is not None:
        out.append(f'<w:sz w:val="{_hp(size)}"/><w:szCs w:val="{_hp(size)}"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def _text_rpr(style: TextStyle) -> str:
    """Run properties of a house text style: its size, and bold/italic when it has them."""
    return _rpr(style.size, bold=True if style.bold else None, italic=True if style.italic else None)


def _r(text: str, rpr: str = "", cleaned: bool = False) -> str:
    return f"<w:r>{rpr}{_t(text, cleaned)}</w:r>"


def _sid(name: str) -> str:
    """Style id from its name: 'KH Can cu' -> 'KHCancu'."""
    return name.replace(" ", "")


def _ppr(
    style: str,
    keep_next: bool = False,
    border_top: bool = False,
    before: float | None = None,
    after: float | None = None,
    ind_left: int | None = None,
    ind_right: int | None = None,
    first_line: int | None = None,
    jc: str | None = None,
    extra: str = "",
) -> str:
    """Paragraph properties in schema order (pStyle, keepNext, pBdr, spacing, ind, jc, rPr/sectPr)."""
    out = [f'<w:pPr><w:pStyle w:val="{_sid(style)}"/>']
    if keep_next:
        out.append("<w:keepNext/>")
    if border_top:
        out.append(
            f'<w:pBdr><w:top w:val="single" w:sz="{_eighths(RULE.width_pt)}" w:space="1" w:color="auto"/></w:pBdr>'
        )
    if before is not None or after is not None:
        attrs = ""
        if before is not None:
            attrs += f' w:before="{int(round(before * 20))}"'
        if after is not None:
            attrs += f' w:after="{int(round(after * 20))}"'
        out.append(f"<w:spacing{attrs}/>")
    if ind_left is not None or ind_right is not None or first_line is not None:
        attrs = ""
        if ind_left is not None:
            attrs += f' w:left="{ind_left}"'
        if ind_right is not None:
            attrs += f' w:right="{ind_right}"'
        if first_line is not None:
            attrs += f' w:firstLine="{first_line}"'
        out.append(f"<w:ind{attrs}/>")
    if jc is not None:
        out.append(f'<w:jc w:val="{jc}"/>')
    out.append(extra)
    out.append("</w:pPr>")
    return "".join(out)


def _p(ppr: str, runs: str = "") -> str:
    return f"<w:p>{ppr}{runs}</w:p>"


# ---------------------------------------------------------------- measurement
@lru_cache(maxsize=4)
def _font(style: str) -> str | None:
    """reportlab name of a serif face to measure with, or None when it cannot load."""
    try:
        return reportlab_faces()[style]
    except Exception:  # a missing or broken font file must not stop the export
        return None


@lru_cache(maxsize=1024)
def text_width_mm(text: str, size: float, bold: bool = True) -> float:
    """Printed width of one line of Times New Roman text (Liberation Serif metrics)."""
    from reportlab.pdfbase import pdfmetrics

    font = _font("bold" if bold else "regular")
    try:
        if font is not None:
            return pdfmetrics.stringWidth(text, font, size) * 25.4 / 72
    except Exception:
        pass
    # Fallback: reportlab's built-in Times metrics on the letters without their diacritics.
    base = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    base = base.encode("latin-1", "ignore").decode("latin-1")
    return pdfmetrics.stringWidth(base, "Times-Bold" if bold else "Times-Roman", size) * 25.4 / 72


def short_rule_mm(lines: tuple[str, ...] | list[str], size: float, avail_mm: float) -> float:
    """A short rule: RULE.fraction of the widest line above it (as printed, at most the width)."""
    widest = max((text_width_mm(clean(x), size) for x in lines), default=avail_mm / 2)
    return RULE.fraction * min(widest, avail_mm)


def _rule(avail_mm: float, rule_mm: float, after: float = 0.0) -> str:
    """An empty 1-pt paragraph whose top border is a centred rule rule_mm long."""
    rule_mm = max(1.0, min(rule_mm, avail_mm))
    side = max(0, twips((avail_mm - rule_mm) / 2))
    return _p(_ppr(S_RULE, border_top=True, before=RULE.gap_pt, after=after or None, ind_left=side, ind_right=side))


# ---------------------------------------------------------------- styles
def _fonts_xml() -> str:
    f = FONT.name
    return f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'


def _line(spacing: float) -> str:
    return str(int(round(240 * spacing)))


def _style_xml(
    name: str,
    based_on: str | None = "Normal",
    ppr: str = "",
    rpr: str = "",
    next_style: str | None = None,
    ui_priority: int = 1,
) -> str:
    parts = [
        f'<w:style {_NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="{_sid(name)}">',
        f'<w:name w:val="{name}"/>',
    ]
    if based_on:
        parts.append(f'<w:basedOn w:val="{_sid(based_on)}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{_sid(next_style)}"/>')
    parts.append(f'<w:uiPriority w:val="{ui_priority}"/><w:qFormat/>')
    parts.append(f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
    parts.append(f"<w:rPr>{_fonts_xml()}{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def _sz(pt: float) -> str:
    return f'<w:sz w:val="{_hp(pt)}"/><w:szCs w:val="{_hp(pt)}"/>'


def _custom_styles() -> list[str]:
    body_spacing = f'<w:spacing w:before="{int(BODY.space_before_pt * 20)}" w:after="0" w:line="{_line(BODY.line_spacing)}" w:lineRule="auto"/>'
    indent = f'<w:ind w:firstLine="{twips(BODY.first_line_indent_mm)}"/>'
    body_ppr = f'{body_spacing}{indent}<w:jc w:val="both"/>'
    bold = "<w:b/><w:bCs/>"
    body = PARA_STYLES["body"]
    single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    styles = [
        _style_xml(body, ppr=body_ppr, rpr=_sz(BODY.text.size), next_style=body),
        _style_xml(PARA_STYLES["legal_basis"], body, next_style=PARA_STYLES["legal_basis"]),
        _style_xml(PARA_STYLES["heading1"], body, '<w:keepNext/><w:outlineLvl w:val="0"/>', bold, body),
        _style_xml(PARA_STYLES["heading2"], body, '<w:keepNext/><w:outlineLvl w:val="1"/>', bold, body),
        _style_xml(PARA_STYLES["heading3"], body, '<w:keepNext/><w:outlineLvl w:val="2"/>', "", body),
        _style_xml(PARA_STYLES["heading4"], body, '<w:keepNext/><w:outlineLvl w:val="3"/>', "", body),
        _style_xml(PARA_STYLES["bullet"], body, next_style=PARA_STYLES["bullet"]),
        _style_xml(PARA_STYLES["subbullet"], body, next_style=PARA_STYLES["subbullet"]),
        _style_xml(PARA_STYLES["center"], body, '<w:ind w:firstLine="0"/><w:jc w:val="center"/>'),
        _style_xml(S_BLOCK, ppr=f'{single}<w:jc w:val="center"/>', rpr=_sz(BODY.text.size)),
        _style_xml(S_RULE, ppr='<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>', rpr=_sz(1)),
        _style_xml(S_TABLE, ppr=single, rpr=_sz(TABLE.text.size)),
        _style_xml(S_TABLE_HEADER, S_TABLE, '<w:keepNext/><w:jc w:val="center"/>', bold),
        _style_xml(S_TABLE_GROUP, S_TABLE, "", bold),
        _style_xml(S_PAGE_NUMBER, ppr=f'{single}<w:jc w:val="center"/>', rpr=_sz(PAGE.page_number.size)),
        # Word's built-in footnote styles, in Times New Roman: the note 12 pt, the mark superscript.
        f'<w:style {_NSDECL} w:type="paragraph" w:styleId="{S_FOOTNOTE_TEXT}">'
        f'<w:name w:val="{S_FOOTNOTE_TEXT_NAME}"/><w:basedOn w:val="Normal"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:pPr>{single}<w:jc w:val="both"/></w:pPr><w:rPr>{_fonts_xml()}{_sz(NOTES.text.size)}</w:rPr></w:style>',
        f'<w:style {_NSDECL} w:type="character" w:styleId="{S_FOOTNOTE_REF}">'
        f'<w:name w:val="{S_FOOTNOTE_REF_NAME}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:rPr>{_fonts_xml()}<w:vertAlign w:val="superscript"/></w:rPr></w:style>',
    ]
    return styles


def _setup_styles(docx_doc, lang: str) -> None:
    styles = docx_doc.styles.element
    fonts = {qn(f"w:{slot}"): FONT.name for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
    theme_attrs = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    # docDefaults: fonts, 14 pt, language; single spacing, nothing after.
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    ppr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    if rpr_default is not None:
        for child in list(rpr_default):
            rpr_default.remove(child)
        for el in parse_xml(f'<w:rPr {_NSDECL}>{_fonts_xml()}{_sz(BODY.text.size)}<w:lang w:val="{lang}"/></w:rPr>'):
            rpr_default.append(el)
    if ppr_default is not None:
        for child in list(ppr_default):
            ppr_default.remove(child)
        ppr_default.append(parse_xml(f'<w:spacing {_NSDECL} w:after="0" w:line="240" w:lineRule="auto"/>'))
    # Normal: explicit fonts, size and language (spell-check in Vietnamese).
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    if normal is not None:
        old = normal.find(qn("w:rPr"))
        if old is not None:
            normal.remove(old)
        normal.append(
            parse_xml(f'<w:rPr {_NSDECL}>{_fonts_xml()}{_sz(BODY.text.size)}<w:lang w:val="{lang}"/></w:rPr>')
        )
    # Every style of the template: no theme fonts anywhere (a theme attribute wins over w:ascii).
    for rfonts in styles.iter(qn("w:rFonts")):
        for a in theme_attrs:
            rfonts.attrib.pop(a, None)
        rfonts.attrib.update(fonts)
    for sid in (S_FOOTNOTE_TEXT, S_FOOTNOTE_REF):  # a template copy would keep its theme fonts
        for old_style in styles.findall(f"{qn('w:style')}[@{qn('w:styleId')}='{sid}']"):
            styles.remove(old_style)
    for xml in _custom_styles():
        styles.append(parse_xml(xml))


# ---------------------------------------------------------------- blocks
def _header_block(hb: HeaderBlock) -> str:
    left_mm, right_mm = HEADER.left_mm, HEADER.right_mm
    left: list[str] = []
    for line in hb.parent_lines:  # bold switched off explicitly: the agency lines under it are bold
        left.append(_p(_ppr(S_BLOCK), _r(line, _rpr(HEADER.parent.size, bold=HEADER.parent.bold))))
    for line in hb.agency_lines:
        left.append(_p(_ppr(S_BLOCK), _r(line, _text_rpr(HEADER.agency))))
    if hb.agency_lines:
        left.append(_rule(left_mm, short_rule_mm(hb.agency_lines, HEADER.agency.size, left_mm)))
    national = clean(hb.national)
    nat_pt = HEADER.national_pt(text_width_mm(national, HEADER.national.size))
    motto = clean(hb.motto)
    right = [
        _p(_ppr(S_BLOCK), _r(national, _rpr(nat_pt, bold=HEADER.national.bold or None))),
        _p(_ppr(S_BLOCK), _r(motto, _text_rpr(HEADER.motto))),
        _rule(right_mm, text_width_mm(motto, HEADER.motto.size)),
    ]
    gap = HEADER.row_gap_pt
    number = [_p(_ppr(S_BLOCK, before=gap), _r(hb.number, _text_rpr(HEADER.number)))]
    date = [_p(_ppr(S_BLOCK, before=gap), _r(hb.place_date, _text_rpr(HEADER.place_date)))]
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
            content = "".join(paras) or _p(_ppr(S_BLOCK))
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{content}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _title_block(tb: TitleBlock, text_mm: float) -> str:
    out = [_p(_ppr(S_BLOCK, before=TITLE.space_before_pt), _r(tb.doc_type, _text_rpr(TITLE.doc_type)))]
    for line in tb.summary_lines:
        out.append(_p(_ppr(S_BLOCK), _r(line, _text_rpr(TITLE.summary))))
    if tb.note:
        out.append(_p(_ppr(S_BLOCK), _r(tb.note, _text_rpr(TITLE.note))))
    lines, size = (tb.summary_lines, TITLE.summary.size) if tb.summary_lines else ((tb.doc_type,), TITLE.doc_type.size)
    out.append(_rule(text_mm, short_rule_mm(lines, size, text_mm), after=TITLE.space_after_pt))
    return "".join(out)


def _appendix_title(at: AppendixTitle, text_mm: float) -> str:
    out = [
        _p(_ppr(S_BLOCK), _r(at.label, _text_rpr(TITLE.appendix_label))),
        _p(_ppr(S_BLOCK), _r(at.title, _text_rpr(TITLE.appendix_title))),
    ]
    if at.attachment:
        out.append(_p(_ppr(S_BLOCK), _r(at.attachment, _text_rpr(TITLE.appendix_attachment))))
    rule = max(TITLE.appendix_rule_min_mm, short_rule_mm((at.label,), TITLE.appendix_label.size, text_mm))
    out.append(_rule(text_mm, rule, after=TITLE.space_after_pt))
    return "".join(out)


class _Notes:
    """The footnotes of one document, ids 1, 2, … in document order (0 and -1 are the separators)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def ref(self, note: str) -> str:
        """The reference run for a new footnote; Word prints its automatic number here."""
        self.texts.append(note)
        return (
            f'<w:r><w:rPr><w:rStyle w:val="{S_FOOTNOTE_REF}"/></w:rPr>'
            f'<w:footnoteReference w:id="{len(self.texts)}"/></w:r>'
        )

    def xml(self) -> str:
        sep = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        out = [
            f"<w:footnotes {_NSDECL}>",
            f'<w:footnote w:type="separator" w:id="-1"><w:p>{sep}<w:r><w:separator/></w:r></w:p></w:footnote>',
            f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{sep}'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
        ]
        mark = f'<w:r><w:rPr><w:rStyle w:val="{S_FOOTNOTE_REF}"/></w:rPr><w:footnoteRef/></w:r>'
        ppr = f'<w:pPr><w:pStyle w:val="{S_FOOTNOTE_TEXT}"/></w:pPr>'
        for i, text in enumerate(self.texts, 1):
            out.append(
                f'<w:footnote w:id="{i}"><w:p>{ppr}{mark}{_r(" " + clean(text).strip(), cleaned=True)}'
                "</w:p></w:footnote>"
            )
        out.append("</w:footnotes>")
        return "".join(out)


def _run_xml(run: Run, rpr: str, notes: _Notes) -> str:
    return notes.ref(run.note) if run.note is not None else _r(run.text, rpr)


def _para(para: Para, keep_next: bool, notes: _Notes) -> str:
    style = PARA_STYLES.get(para.style, PARA_STYLES["body"])
    style_bold = style in _BOLD_STYLES
    runs = []
    for run in para.runs:
        # As given: bold/italic on when the run says so; a bold style is switched off explicitly.
        bold = True if run.bold else (False if style_bold else None)
        runs.append(_run_xml(run, _rpr(bold=bold, italic=True if run.italic else None), notes))
    return _p(_ppr(style, keep_next=keep_next), "".join(runs))


def _signature_block(sb: SignatureBlock) -> str:
    before = SIGNATURE.space_before_pt  # in the first line of each column: a table has no space before
    left = [_p(_ppr(S_BLOCK, before=before, jc="left"), _r(sb.recipients_title, _text_rpr(SIGNATURE.recipients_title)))]
    left += [_p(_ppr(S_BLOCK, jc="left"), _r(line, _text_rpr(SIGNATURE.recipient))) for line in sb.recipients]
    right = []
    for i, line in enumerate(sb.authority_lines):
        right.append(_p(_ppr(S_BLOCK, before=before if i == 0 else None), _r(line, _text_rpr(SIGNATURE.authority))))
    right += [_p(_ppr(S_BLOCK)) for _ in range(SIGNATURE.gap_lines)]
    right.append(_p(_ppr(S_BLOCK), _r(sb.name, _text_rpr(SIGNATURE.name))))
    widths = [twips(SIGNATURE.left_mm), twips(SIGNATURE.right_mm)]
    return _borderless_table(widths, [[left, right]], cant_split=True)


def _cell_paras(text: str, ppr: str, rpr: str = "") -> str:
    text = clean(text)
    if not text:
        return f"<w:p>{ppr}</w:p>"
    return "".join(f"<w:p>{ppr}{_r(line, rpr, cleaned=True) if line else ''}</w:p>" for line in text.split("\n"))


def _rich_cell_paras(runs: tuple[Run, ...], ppr: str, rpr: str, notes: _Notes) -> str:
    """Like _cell_paras for a cell given as runs: a line break starts a new paragraph, a note run
    becomes a footnote reference where it stands."""
    paras: list[list[str]] = [[]]
    for run in runs:
        if run.note is not None:
            paras[-1].append(notes.ref(run.note))
            continue
        run_rpr = rpr or _rpr(bold=True if run.bold else None, italic=True if run.italic else None)
        for k, line in enumerate(clean(run.text).split("\n")):
            if k:
                paras.append([])
            if line:
                paras[-1].append(_r(line, run_rpr, cleaned=True))
    return "".join(f"<w:p>{ppr}{''.join(p)}</w:p>" for p in paras)


def _row_cells(row: Row, n: int) -> list[tuple[Run, ...]]:
    """Every cell of a row as runs (plain cells as one run), padded to n cells."""
    cells: list[tuple[Run, ...]] = list(row.rich) if row.rich is not None else [(Run(c),) for c in row.cells]
    return cells[:n] + [(Run(""),)] * (n - len(cells))


def _table(table: Table, text_mm: float, notes: _Notes) -> str:
    cols = table.columns
    n = len(cols)
    if n == 0:
        return ""
    total_mm = sum(max(0.0, c.width_mm) for c in cols) or text_mm
    scale = text_mm / total_mm if total_mm > text_mm + TABLE.docx_overflow_mm else 1.0  # never wider than the text
    widths = [twips(max(0.0, c.width_mm) * scale) for c in cols]
    pad, vpad = twips(TABLE.pad_x_mm), int(TABLE.pad_y_pt * 20)
    grid = _eighths(TABLE.grid_pt)
    single = "".join(
        f'<w:{s} w:val="single" w:sz="{grid}" w:space="0" w:color="auto"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        f'<w:tblBorders>{single}</w:tblBorders><w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="{vpad}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="{vpad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]

    def tc(width: int, valign: str, span: int = 1) -> str:
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}<w:vAlign w:val="{valign}"/></w:tcPr>'

    # Header row: bold, centred, repeated on every page.
    head_ppr = _ppr(S_TABLE_HEADER)
    bold = _rpr(bold=True)
    out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    for w, c in zip(widths, cols, strict=True):
        out.append(f"{tc(w, 'center')}{_cell_paras(c.header, head_ppr, bold)}</w:tc>")
    out.append("</w:tr>")

    cell_open = [tc(w, "top") for w in widths]
    cell_ppr = [_ppr(S_TABLE, jc=_JC.get(c.align, "left") if c.align != "left" else None) for c in cols]
    content_idx = next((i for i, c in enumerate(cols) if c.key == "content"), min(1, n - 1))
    group_stt_ppr = _ppr(S_TABLE_GROUP, jc="center")
    group_ppr = _ppr(S_TABLE_GROUP)
    group_open = tc(sum(widths[1:]), "top", n - 1) if n > 1 else ""
    row_open = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"

    def ppr_for(row: Row, i: int) -> str:
        """A cell's paragraph properties; a sub-task's content is indented by its depth."""
        if row.depth > 0 and i == content_idx:
            c = cols[i]
            return _ppr(
                S_TABLE,
                ind_left=twips(TABLE.subtask_indent_mm * row.depth),
                jc=_JC.get(c.align, "left") if c.align != "left" else None,
            )
        return cell_ppr[i]

    def rich_row(row: Row) -> None:
        """A row whose cells hold footnotes (Row.rich), laid out like the plain rows below."""
        cells = _row_cells(row, max(n, 2))
        if row.kind == "group":
            if n == 1:
                runs = cells[0] + (Run(" "),) + cells[1]
                out.append(f"{cell_open[0]}{_rich_cell_paras(runs, group_ppr, bold, notes)}</w:tc>")
            else:
                out.append(f"{cell_open[0]}{_rich_cell_paras(cells[0], group_stt_ppr, bold, notes)}</w:tc>")
                out.append(f"{group_open}{_rich_cell_paras(cells[1], group_ppr, bold, notes)}</w:tc>")
            return
        for i, runs in enumerate(cells[:n]):
            out.append(f"{cell_open[i]}{_rich_cell_paras(runs, ppr_for(row, i), '', notes)}</w:tc>")

    for row in table.rows:
        out.append(row_open)
        if row.rich is not None:
            rich_row(row)
        elif row.kind == "group":
            label = row.cells[0] if row.cells else ""
            title = row.cells[1] if len(row.cells) > 1 else ""
            if n == 1:
                out.append(f"{cell_open[0]}{_cell_paras(f'{label} {title}'.strip(), group_ppr, bold)}</w:tc>")
            else:
                out.append(f"{cell_open[0]}{_cell_paras(label, group_stt_ppr, bold)}</w:tc>")
                out.append(f"{group_open}{_cell_paras(title, group_ppr, bold)}</w:tc>")
        else:
            cells = tuple(row.cells[:n]) + ("",) * (n - len(row.cells))
            for i, text in enumerate(cells):
                out.append(f"{cell_open[i]}{_cell_paras(text, ppr_for(row, i))}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# ---------------------------------------------------------------- sections
def _sect_pr(part: Part, first: bool) -> str:
    w, h = PAGE.size_mm(part.orientation)
    orient = ' w:orient="landscape"' if part.orientation == "landscape" else ""
    restart = part.restart_page_numbers
    return (
        f"<w:sectPr {_NSDECL}>"
        # Footnote numbers start again at 1 in this section (schema: footnotePr before type, pgSz).
        + ('<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>' if part.restart_footnotes else "")
        + ("" if first else '<w:type w:val="nextPage"/>')
        + f'<w:pgSz w:w="{twips(w)}" w:h="{twips(h)}"{orient}/>'
        + f'<w:pgMar w:top="{twips(PAGE.margin_top_mm)}" w:right="{twips(PAGE.margin_right_mm)}" '
        f'w:bottom="{twips(PAGE.margin_bottom_mm)}" w:left="{twips(PAGE.margin_left_mm)}" '
        f'w:header="{twips(PAGE.header_mm)}" w:footer="{twips(PAGE.header_mm)}" w:gutter="0"/>'
        + ('<w:pgNumType w:start="1"/>' if restart else "")
        + '<w:cols w:space="720"/>'
        + ("<w:titlePg/>" if first or restart else "")
        + '<w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def _render_block(block: Block, text_mm: float, keep_next: bool, notes: _Notes) -> str:
    if isinstance(block, Para):
        return _para(block, keep_next, notes)
    if isinstance(block, Table):
        return _table(block, text_mm, notes)
    if isinstance(block, HeaderBlock):
        return _header_block(block)
    if isinstance(block, TitleBlock):
        return _title_block(block, text_mm)
    if isinstance(block, SignatureBlock):
        return _signature_block(block)
    if isinstance(block, AppendixTitle):
        return _appendix_title(block, text_mm)
    return ""


_TABLE_BLOCKS = (Table, HeaderBlock, SignatureBlock)


def _body_xml(parts: tuple[Part, ...], notes: _Notes) -> str:
    out = [f"<w:body {_NSDECL}>"]
    filler = _p(_ppr(S_RULE))  # a 1-pt paragraph: between tables, and where Word needs a paragraph
    for i, part in enumerate(parts):
        text_mm = PAGE.text_width_mm(part.orientation)
        blocks = part.blocks
        prev_table = False
        for j, block in enumerate(blocks):
            is_table = isinstance(block, _TABLE_BLOCKS)
            if is_table and prev_table:
                out.append(filler)  # two adjacent tables would merge into one
            keep_next = j + 1 < len(blocks) and isinstance(blocks[j + 1], SignatureBlock)
            out.append(_render_block(block, text_mm, keep_next, notes))
            prev_table = is_table
        sect = _sect_pr(part, first=i == 0)
        if i < len(parts) - 1:
            out.append(_p(_ppr(S_RULE, extra=sect)))
        else:
            if prev_table or not blocks:
                out.append(filler)
            out.append(sect)
    if not parts:
        out.append(filler)
        out.append(_sect_pr(Part("portrait", ()), first=True))
    out.append("</w:body>")
    return "".join(out)


def _page_number_paragraph() -> str:
    return _p(
        _ppr(S_PAGE_NUMBER),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )


def _set_header_content(hdr, paragraph_xml: str) -> None:
    for child in list(hdr):
        hdr.remove(child)
    hdr.append(parse_xml(f"<w:wrapper {_NSDECL}>{paragraph_xml}</w:wrapper>")[0])


def _setup_headers(docx_doc, parts: tuple[Part, ...]) -> None:
    sections = docx_doc.sections
    empty = _p(_ppr(S_PAGE_NUMBER))
    for i, section in enumerate(sections):
        part = parts[i] if i < len(parts) else None
        if i == 0:
            _set_header_content(section.header._element, _page_number_paragraph())
        if i == 0 or (part is not None and part.restart_page_numbers):
            # Its own empty first-page header; the default header stays linked (the PAGE field).
            section.first_page_header.is_linked_to_previous = False
            _set_header_content(section.first_page_header._element, empty)


# ---------------------------------------------------------------- properties
def _set_properties(docx_doc, doc: Document) -> None:
    meta = doc.meta
    cp = docx_doc.core_properties
    cp.title = clean(meta.title)
    cp.author = clean(meta.author)
    cp.last_modified_by = clean(meta.author)
    cp.subject = clean(meta.subject)
    cp.keywords = clean(", ".join(meta.keywords))
    cp.language = clean(meta.language) or FONT.language
    cp.comments = ""
    cp.revision = 1
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    cp.created = now
    cp.modified = now
    # The generating application (docProps/app.xml) instead of the template's "Microsoft Macintosh Word".
    app = docx_doc.part.package.rels.part_with_reltype(RT_APP) if _has_rel(docx_doc.part.package, RT_APP) else None
    if app is not None and hasattr(app, "_blob"):
        blob = app.blob.decode("utf-8")
        name = _esc(clean(meta.creator))
        app._blob = re.sub(
            "<Application>.*?</Application>", lambda _m: f"<Application>{name}</Application>", blob
        ).encode("utf-8")


def _has_rel(source, reltype: str) -> bool:
    return any(rel.reltype == reltype for rel in source.rels.values())


def _trim_template(docx_doc) -> None:
    """Drop parts of python-docx's template that would misrepresent the export: the blank-page
    thumbnail, and stylesWithEffects.xml (a second copy of the template's styles, theme fonts
    included, which Word 2010 may read instead of styles.xml)."""
    for source, reltype in ((docx_doc.part.package, RT_THUMBNAIL), (docx_doc.part, RT_STYLES_WITH_EFFECTS)):
        for rId in [rId for rId, rel in source.rels.items() if rel.reltype == reltype]:
            source.rels.pop(rId)


# ---------------------------------------------------------------- footnotes part
_SETTINGS_AFTER_FOOTNOTE_PR = {
    qn(t)
    for t in (
        "w:endnotePr",
        "w:compat",
        "w:docVars",
        "w:rsids",
        "w:attachedSchema",
        "w:themeFontLang",
        "w:clrSchemeMapping",
        "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures",
        "w:forceUpgrade",
        "w:captions",
        "w:readModeInkLockDown",
        "w:smartTagType",
        "w:shapeDefaults",
        "w:doNotEmbedSmartTags",
        "w:decimalSymbol",
        "w:listSeparator",
    )
} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}


def _add_footnotes(docx_doc, notes: _Notes) -> None:
    """word/footnotes.xml, related from the document part, and the separators named in settings.xml
    (w:footnotePr with the ids -1 and 0), as Word writes them."""
    blob = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + notes.xml()).encode("utf-8")
    package = docx_doc.part.package
    part = OpcPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, package)
    docx_doc.part.relate_to(part, RT.FOOTNOTES)
    settings = docx_doc.settings.element
    for old in settings.findall(qn("w:footnotePr")):
        settings.remove(old)
    pr = parse_xml(f'<w:footnotePr {_NSDECL}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    successor = next((el for el in settings if el.tag in _SETTINGS_AFTER_FOOTNOTE_PR), None)
    if successor is not None:
        successor.addprevious(pr)
    else:
        settings.append(pr)


# ---------------------------------------------------------------- entry point
def write_docx(doc: Document, path: Path) -> None:
    """Render the Document to a .docx at path (A4, Times New Roman, ND 30/2020 layout)."""
    lang = _esc(clean(doc.meta.language) or FONT.language).replace('"', "&quot;")
    docx_doc = new_docx()
    _trim_template(docx_doc)
    _setup_styles(docx_doc, lang)
    body = docx_doc.element.body
    notes = _Notes()
    new_body = parse_xml(_body_xml(doc.parts, notes))
    body.getparent().replace(body, new_body)
    if notes.texts:
        _add_footnotes(docx_doc, notes)
    _setup_headers(docx_doc, doc.parts)
    _set_properties(docx_doc, doc)
    docx_doc.save(str(path))
