"""Document -> .docx in the layout of Nghị định 30/2020/NĐ-CP (python-docx + raw WordprocessingML)."""

# How the Word file is built, and why (layout rules: ../shared/docs/format-nd30.md; python-docx
# traps: ../shared/docs/pitfalls.md §1):
# - The body is written as one WordprocessingML string and parsed once (lxml). python-docx's table
#   API (add_row, cell.width) is far too slow for a 2,000-task appendix; the string route keeps a
#   normal plan well under 0.1 s.
# - Named paragraph styles (KH Body, KH Muc, KH Khoan, …) carry the layout, so the clerk can restyle
#   the whole document in Word; runs carry only what the Document says (bold/italic) and sizes in the
#   header block, signature block and titles.
# - Times New Roman in all four rFonts slots on docDefaults and every style; every theme font
#   attribute removed (a theme attribute wins over w:ascii).
# - Each Part is a section. Page numbers are a centred PAGE field in the default header (inherited by
#   later sections); the first section and every section that restarts numbering have w:titlePg and
#   their own empty first-page header, so page 1 of the plan and of each appendix shows no number.
# - Fixed table widths: tblLayout fixed + gridCol + every cell's tcW (LibreOffice reads gridCol,
#   Word reads tcW). Header rows repeat (w:tblHeader); no row splits across pages (w:cantSplit).
# - Footnotes are real Word footnotes (word/footnotes.xml): each note run becomes a footnoteReference
#   in the "footnote reference" style (superscript), each note a "footnote text" paragraph
#   that starts with the footnoteRef mark. Word numbers them itself, in document order; build.py
#   numbered them the same way, and a Part that restarts footnotes gets numRestart eachSect.
# - Short rules under the agency, the motto and the titles are empty 1-pt paragraphs with a top
#   border, indented so that the border has the measured length (reportlab metrics of the bundled
#   Liberation Serif, metric-compatible with Times New Roman).

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from docx import Document as new_docx
from docx.oxml.parser import element_class_lookup, parse_xml
from lxml import etree

from exporters.document import (
    AppendixTitle,
    Block,
    Document,
    HeaderBlock,
    Para,
    Part,
    SignatureBlock,
    Table,
    TitleBlock,
)
from exporters.docx_blocks import appendix_title, header_block, paragraph, signature_block, title_block
from exporters.docx_notes import Notes, add_footnotes
from exporters.docx_styles import S_PAGE_NUMBER, S_RULE, setup_styles
from exporters.docx_tables import grid_table
from exporters.docx_xml import NSDECL, clean, escape, twips, w_p, w_ppr
from exporters.layout import FONT, PAGE

RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _sect_pr(part: Part, first: bool) -> str:
    w, h = PAGE.size_mm(part.orientation)
    orient = ' w:orient="landscape"' if part.orientation == "landscape" else ""
    restart = part.restart_page_numbers
    return (
        f"<w:sectPr {NSDECL}>"
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


def _render_block(block: Block, text_mm: float, keep_next: bool, notes: Notes) -> str:
    if isinstance(block, Para):
        return paragraph(block, keep_next, notes)
    if isinstance(block, Table):
        return grid_table(block, text_mm, notes)
    if isinstance(block, HeaderBlock):
        return header_block(block)
    if isinstance(block, TitleBlock):
        return title_block(block, text_mm)
    if isinstance(block, SignatureBlock):
        return signature_block(block)
    if isinstance(block, AppendixTitle):
        return appendix_title(block, text_mm)
    return ""


_TABLE_BLOCKS = (Table, HeaderBlock, SignatureBlock)


def _body_xml(parts: tuple[Part, ...], notes: Notes) -> str:
    out = [f"<w:body {NSDECL}>"]
    filler = w_p(w_ppr(S_RULE))  # a 1-pt paragraph: between tables, and where Word needs a paragraph
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
            out.append(w_p(w_ppr(S_RULE, extra=sect)))
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
    return w_p(
        w_ppr(S_PAGE_NUMBER),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )


def _set_header_content(hdr, paragraph_xml: str) -> None:
    for child in list(hdr):
        hdr.remove(child)
    hdr.append(parse_xml(f"<w:wrapper {NSDECL}>{paragraph_xml}</w:wrapper>")[0])


def _setup_headers(docx_doc, parts: tuple[Part, ...]) -> None:
    sections = docx_doc.sections
    empty = w_p(w_ppr(S_PAGE_NUMBER))
    for i, section in enumerate(sections):
        part = parts[i] if i < len(parts) else None
        if i == 0:
            _set_header_content(section.header._element, _page_number_paragraph())
        if i == 0 or (part is not None and part.restart_page_numbers):
            # Its own empty first-page header; the default header stays linked (the PAGE field).
            section.first_page_header.is_linked_to_previous = False
            _set_header_content(section.first_page_header._element, empty)


# The body is XML we wrote ourselves (no entities, no DTD): a text node over libxml2's 10 MB
# default (a cell pasted from a database filled before the limits) must not stop the export.
_BODY_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)
_BODY_PARSER.set_element_class_lookup(element_class_lookup)
_PROPERTY_CHARS = 255  # python-docx (and Word) refuse longer core properties


def _prop(text: str) -> str:
    """A core property (title, subject …): clean, and cut with "…" at the 255-character limit."""
    text = clean(text)
    return text if len(text) <= _PROPERTY_CHARS else text[: _PROPERTY_CHARS - 1] + "…"


def _set_properties(docx_doc, doc: Document) -> None:
    meta = doc.meta
    cp = docx_doc.core_properties
    cp.title = _prop(meta.title)
    cp.author = _prop(meta.author)
    cp.last_modified_by = _prop(meta.author)
    cp.subject = _prop(meta.subject)
    cp.keywords = _prop(", ".join(meta.keywords))
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
        name = escape(clean(meta.creator))
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


def write_docx(doc: Document, path: Path) -> None:
    """Render the Document to a .docx at path (A4, Times New Roman, ND 30/2020 layout)."""
    lang = escape(clean(doc.meta.language) or FONT.language).replace('"', "&quot;")
    docx_doc = new_docx()
    _trim_template(docx_doc)
    setup_styles(docx_doc, lang)
    body = docx_doc.element.body
    notes = Notes()
    new_body = etree.fromstring(_body_xml(doc.parts, notes), _BODY_PARSER)
    body.getparent().replace(body, new_body)
    if notes.texts:
        add_footnotes(docx_doc, notes)
    _setup_headers(docx_doc, doc.parts)
    _set_properties(docx_doc, doc)
    docx_doc.save(str(path))
