"""The Word styles of an export: named paragraph styles the clerk can restyle, Times New Roman everywhere."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from exporters.docx_xml import NSDECL, half_points, style_id, twips
from exporters.layout import BODY, FONT, NOTES, PAGE, TABLE

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
BOLD_STYLES = {"KH Muc", "KH Khoan", S_TABLE_HEADER, S_TABLE_GROUP}


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
        f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="{style_id(name)}">',
        f'<w:name w:val="{name}"/>',
    ]
    if based_on:
        parts.append(f'<w:basedOn w:val="{style_id(based_on)}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{style_id(next_style)}"/>')
    parts.append(f'<w:uiPriority w:val="{ui_priority}"/><w:qFormat/>')
    parts.append(f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
    parts.append(f"<w:rPr>{_fonts_xml()}{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def _sz(pt: float) -> str:
    return f'<w:sz w:val="{half_points(pt)}"/><w:szCs w:val="{half_points(pt)}"/>'


def _custom_styles() -> list[str]:
    body_spacing = f'<w:spacing w:before="{int(BODY.space_before_pt * 20)}" w:after="0" w:line="{_line(BODY.line_spacing)}" w:lineRule="auto"/>'
    indent = f'<w:ind w:firstLine="{twips(BODY.first_line_indent_mm)}"/>'
    # Widow/orphan control said out loud (Word's default, but not every reader's): a paragraph
    # breaks with two lines or more on each page, as the PDF breaks it (pdf_keep.py).
    body_ppr = f'<w:widowControl/>{body_spacing}{indent}<w:jc w:val="both"/>'
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
        # Word's built-in footnote styles, in Times New Roman: the mark superscript.
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="{S_FOOTNOTE_TEXT}">'
        f'<w:name w:val="{S_FOOTNOTE_TEXT_NAME}"/><w:basedOn w:val="Normal"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:pPr>{single}<w:jc w:val="both"/></w:pPr><w:rPr>{_fonts_xml()}{_sz(NOTES.text.size)}</w:rPr></w:style>',
        f'<w:style {NSDECL} w:type="character" w:styleId="{S_FOOTNOTE_REF}">'
        f'<w:name w:val="{S_FOOTNOTE_REF_NAME}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:rPr>{_fonts_xml()}<w:vertAlign w:val="superscript"/></w:rPr></w:style>',
    ]
    return styles


def setup_styles(docx_doc, lang: str) -> None:
    styles = docx_doc.styles.element
    fonts = {qn(f"w:{slot}"): FONT.name for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
    theme_attrs = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    # docDefaults: fonts, the body size, language; single spacing, nothing after.
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    ppr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    if rpr_default is not None:
        for child in list(rpr_default):
            rpr_default.remove(child)
        for el in parse_xml(f'<w:rPr {NSDECL}>{_fonts_xml()}{_sz(BODY.text.size)}<w:lang w:val="{lang}"/></w:rPr>'):
            rpr_default.append(el)
    if ppr_default is not None:
        for child in list(ppr_default):
            ppr_default.remove(child)
        ppr_default.append(parse_xml(f'<w:spacing {NSDECL} w:after="0" w:line="240" w:lineRule="auto"/>'))
    # Normal: explicit fonts, size and language (spell-check in Vietnamese).
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    if normal is not None:
        old = normal.find(qn("w:rPr"))
        if old is not None:
            normal.remove(old)
        normal.append(parse_xml(f'<w:rPr {NSDECL}>{_fonts_xml()}{_sz(BODY.text.size)}<w:lang w:val="{lang}"/></w:rPr>'))
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
