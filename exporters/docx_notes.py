"""Real Word footnotes: the reference runs in the text, word/footnotes.xml and its settings."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from exporters.docx_styles import S_FOOTNOTE_REF, S_FOOTNOTE_TEXT
from exporters.docx_xml import NSDECL, clean, w_r


class Notes:
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
            f"<w:footnotes {NSDECL}>",
            f'<w:footnote w:type="separator" w:id="-1"><w:p>{sep}<w:r><w:separator/></w:r></w:p></w:footnote>',
            f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{sep}'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
        ]
        mark = f'<w:r><w:rPr><w:rStyle w:val="{S_FOOTNOTE_REF}"/></w:rPr><w:footnoteRef/></w:r>'
        ppr = f'<w:pPr><w:pStyle w:val="{S_FOOTNOTE_TEXT}"/></w:pPr>'
        for i, text in enumerate(self.texts, 1):
            out.append(
                f'<w:footnote w:id="{i}"><w:p>{ppr}{mark}{w_r(" " + clean(text).strip(), cleaned=True)}'
                "</w:p></w:footnote>"
            )
        out.append("</w:footnotes>")
        return "".join(out)


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


def add_footnotes(docx_doc, notes: Notes) -> None:
    """word/footnotes.xml, related from the document part, and the separators named in settings.xml
    (w:footnotePr with the ids -1 and 0), as Word writes them."""
    blob = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + notes.xml()).encode("utf-8")
    package = docx_doc.part.package
    part = OpcPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, package)
    docx_doc.part.relate_to(part, RT.FOOTNOTES)
    settings = docx_doc.settings.element
    for old in settings.findall(qn("w:footnotePr")):
        settings.remove(old)
    pr = parse_xml(f'<w:footnotePr {NSDECL}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    successor = next((el for el in settings if el.tag in _SETTINGS_AFTER_FOOTNOTE_PR), None)
    if successor is not None:
        successor.addprevious(pr)
    else:
        settings.append(pr)
