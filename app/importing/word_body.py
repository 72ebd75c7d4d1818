"""The body of a .docx's main document, read without opening the rest of the package.

python-docx's `Document()` parses every part the package links (styles, numbering, settings,
headers, footers, themes, fonts…): about 13 ms for one of our own exports, and every one of those
parts is a place where a hostile file can cost time. The table reader needs only the body, so it
follows the same path python-docx does to the main part (the package's `officeDocument`
relationship, the part's content type) and parses that one part as python-docx's parser does
(no entities resolved, no network, blank text removed) but into plain lxml elements: python-docx's
element classes made walking a table three times slower, and the reader needs none of them.
The archive has already passed app.importing.safety (sizes, ratios, no DOCTYPE).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

_RELS = "_rels/.rels"
_CONTENT_TYPES = "[Content_Types].xml"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


class NotWordDocument(Exception):
    """The package has no Word main document that python-docx would open."""


def parse_xml(data: bytes) -> Any:
    """python-docx's parser settings, without its element classes (a parser per call: lxml's
    parsers are not to be shared between threads)."""
    return etree.fromstring(data, etree.XMLParser(remove_blank_text=True, resolve_entities=False))


def word_body(path: Path) -> Any:
    """The `w:body` element of the main document (None when the document has no body)."""
    from docx.oxml.ns import qn

    with zipfile.ZipFile(path) as zf:
        part = _main_part(zf)
        if _content_type(zf, part) != _WORD_MAIN:
            raise NotWordDocument(part)
        root = parse_xml(zf.read(part))
    if root.tag != qn("w:document"):
        raise NotWordDocument(part)
    return root.find(qn("w:body"))


def _main_part(zf: zipfile.ZipFile) -> str:
    """The member named by the package's officeDocument relationship (resolved as python-docx's
    PackURI does: against the package root, '..' and '.' folded)."""
    for rel in parse_xml(zf.read(_RELS)).iter(f"{_PKG}Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode", "Internal") == "Internal":
            target = rel.get("Target") or ""
            return posixpath.normpath(posixpath.join("/", target)).lstrip("/")
    raise NotWordDocument(_RELS)


def _content_type(zf: zipfile.ZipFile, part: str) -> str:
    """The part's content type: its Override, else the Default for its extension (both matched
    without regard to case, as python-docx does)."""
    types = parse_xml(zf.read(_CONTENT_TYPES))
    name = "/" + part.lower()
    for o in types.iter(f"{_CT}Override"):
        if (o.get("PartName") or "").lower() == name:
            return o.get("ContentType") or ""
    ext = posixpath.splitext(part)[1].lstrip(".").lower()
    for d in types.iter(f"{_CT}Default"):
        if (d.get("Extension") or "").lower() == ext:
            return d.get("ContentType") or ""
    return ""
