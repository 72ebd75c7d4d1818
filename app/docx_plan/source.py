"""A .docx read as a flat list of what the recogniser needs, in body order.

Paragraphs carry their text with Word's own list numbers written in front ("I. ", "a) ", "- "),
footnotes written inline as `^[…]` (app/footnotes.py), text boxes read as paragraphs of their own,
and whether they are bold, italic or centred (run formatting over the paragraph style). Tables
keep their cells' paragraphs; appendix tables are read again by the table importer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from app.docx_plan.numbering import ListNumbers
from app.footnotes import strip_notes
from app.importing.readers import clean_cell

MAX_ITEMS = 60_000  # paragraphs and table cells of a plan's body; more is not a plan

W_P, W_TBL, W_TR, W_TC, W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_FNREF, W_TXBX = qn("w:footnoteReference"), qn("w:txbxContent")
W_PPR, W_RPR, W_VAL = qn("w:pPr"), qn("w:rPr"), qn("w:val")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OFF = ("0", "false", "off", "none")


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    center: bool = False
    style: str = ""  # the paragraph style's name ("KH Muc", "Heading 1", …)
    boxed: bool = False  # read from a text box


@dataclass
class Tbl:
    """A table, read lazily: a 2,000-row appendix is read by the table importer, and only its
    cells with footnotes are read here."""

    number: int  # the table's place among the body's top-level tables (0-based)
    element: Any = None
    reader: Reader | None = None
    _rows: list[list[list[Para]]] | None = field(default=None, repr=False)

    @property
    def rows(self) -> list[list[list[Para]]]:
        """Row -> cell -> paragraphs."""
        if self._rows is None:
            assert self.reader is not None
            self._rows = [
                [self.reader.cell(tc) for tc in tr.iterchildren(W_TC)] for tr in self.element.iterchildren(W_TR)
            ]
        return self._rows

    @property
    def n_rows(self) -> int:
        return sum(1 for _ in self.element.iterchildren(W_TR))

    def noted_cells(self) -> list[dict[str, str]]:
        """Per row: the text of each cell that holds footnotes, without them -> with them (^[…])."""
        assert self.reader is not None
        out = []
        for tr in self.element.iterchildren(W_TR):
            found = {}
            for tc in tr.iterchildren(W_TC):
                if next(tc.iter(W_FNREF), None) is not None:
                    text = "\n".join(p.text for p in self.reader.cell(tc) if p.text)
                    found[clean_cell(strip_notes(text))] = clean_cell(text)
            out.append(found)
        return out

    def column_lines(self, col: int) -> list[Para]:
        """The non-empty paragraphs of one column, top to bottom."""
        return [p for row in self.rows if col < len(row) for p in row[col] if p.text]

    def texts(self) -> list[str]:
        return [p.text for row in self.rows for cell in row for p in cell if p.text]


Item = Para | Tbl


class TooLarge(Exception):
    """More paragraphs than a plan can have."""


@dataclass
class _StyleInfo:
    name: str = ""
    bold: bool = False
    italic: bool = False
    center: bool = False
    num: tuple[str, int] | None = None


def _flag(el, tag: str) -> bool | None:
    if el is None:
        return None
    child = el.find(qn(tag))
    if child is None:
        return None
    return child.get(W_VAL, "1").lower() not in _OFF


def _styles(document) -> dict[str, _StyleInfo]:
    """Paragraph styles by id, with bold/italic/centred/numbering resolved through `basedOn`."""
    out: dict[str, _StyleInfo] = {}
    raw = {s.style_id: s for s in document.styles if getattr(s, "style_id", None)}

    def resolve(sid: str, depth: int = 0) -> _StyleInfo:
        if sid in out or sid not in raw or depth > 20:
            return out.get(sid, _StyleInfo())
        el = raw[sid].element
        base = el.find(qn("w:basedOn"))
        info = _StyleInfo(**vars(resolve(base.get(W_VAL), depth + 1))) if base is not None else _StyleInfo()
        info.name = raw[sid].name or sid
        rpr, ppr = el.find(W_RPR), el.find(W_PPR)
        info.bold = b if (b := _flag(rpr, "w:b")) is not None else info.bold
        info.italic = i if (i := _flag(rpr, "w:i")) is not None else info.italic
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        if jc is not None:
            info.center = jc.get(W_VAL) == "center"
        num = _num_pr(ppr)
        info.num = num if num is not None else info.num
        out[sid] = info
        return info

    for sid in raw:
        resolve(sid)
    return out


def _num_pr(ppr) -> tuple[str, int] | None:
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        return None
    num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    try:
        level = int(ilvl.get(W_VAL, "0")) if ilvl is not None else 0
    except ValueError:
        level = 0
    return num_id.get(W_VAL, ""), max(0, min(level, 8))


class Reader:
    """Reads one python-docx Document into Items."""

    def __init__(self, document) -> None:
        self.styles = _styles(document)
        self.notes = _footnotes(document)
        self.lists = ListNumbers(document)
        self.count = 0

    def items(self, body) -> list[Item]:
        """Body paragraphs and tables (in content controls too); tables are numbered as the
        table importer numbers them (every table not inside another table)."""
        out: list[Item] = []
        tables = 0
        for el in body.iter(W_P, W_TBL):
            if next(el.iterancestors(W_TBL, W_TXBX, MC_FALLBACK), None) is not None:
                tables += el.tag == W_TBL and next(el.iterancestors(W_TBL), None) is None
                continue
            if el.tag == W_P:
                out += self.boxes(el)
                out.append(self.para(el))
            else:
                out.append(self.table(el, tables))
                tables += 1
        return out

    def boxes(self, p) -> list[Para]:
        """Paragraphs of the text boxes anchored in `p` (the Fallback copy of a box skipped)."""
        found = []
        for box in p.iter(W_TXBX):
            if any(a.tag in (MC_FALLBACK, W_TXBX) for a in box.iterancestors()):
                continue
            for q in box.iter(W_P):
                para = self.para(q)
                para.boxed = True
                if para.text:
                    found.append(para)
        return found

    def table(self, tbl, number: int) -> Tbl:
        self.count += sum(1 for _ in tbl.iter(W_TC))
        if self.count > MAX_ITEMS:
            raise TooLarge
        return Tbl(number, tbl, self)

    def cell(self, tc) -> list[Para]:
        return [self.para(p, counted=False) for p in tc.iter(W_P) if _own_cell(p, tc)]

    def para(self, p, counted: bool = True) -> Para:
        self.count += counted
        if self.count > MAX_ITEMS:
            raise TooLarge
        ppr = p.find(W_PPR)
        sid = (
            ppr.find(qn("w:pStyle")).get(W_VAL, "") if ppr is not None and ppr.find(qn("w:pStyle")) is not None else ""
        )
        style = self.styles.get(sid, _StyleInfo(name=sid))
        text, bold, italic = self.runs(p, style)
        num = _num_pr(ppr) or style.num
        label = self.lists.label(*num) if num is not None and text.strip() else ""
        if label:
            text = f"{label} {text.lstrip()}"
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        center = jc.get(W_VAL) == "center" if jc is not None else style.center
        return Para(_clean_lines(text), bold, italic, center, style.name)

    def runs(self, p, style: _StyleInfo) -> tuple[str, bool, bool]:
        """The paragraph's text (tabs, breaks and notes kept) and whether all its text is bold/italic."""
        parts: list[str] = []
        bold = italic = True
        seen = False
        for r in _runs(p):
            rpr = r.find(W_RPR)
            text = _run_text(r, self.notes)
            if text.strip() and "^[" not in text:
                seen = True
                b, i = _flag(rpr, "w:b"), _flag(rpr, "w:i")
                bold = bold and (b if b is not None else style.bold)
                italic = italic and (i if i is not None else style.italic)
            parts.append(text)
        return "".join(parts), bold and seen, italic and seen


def _own_cell(p, tc) -> bool:
    """A paragraph of this cell, not of a table nested in it."""
    return next(p.iterancestors(W_TC)) is tc


def _runs(p):
    """The paragraph's runs (in hyperlinks, fields and smart tags too), not those of text boxes."""
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        if el.tag == W_R:
            yield el
        elif el.tag not in (W_TXBX, MC_FALLBACK, W_PPR) and isinstance(el.tag, str):
            stack.extend(reversed(list(el)))


def _run_text(r, notes: dict[str, str]) -> str:
    out = []
    for el in r:
        if el.tag == W_T:
            out.append(el.text or "")
        elif el.tag == W_TAB:
            out.append("\t")
        elif el.tag in (W_BR, W_CR):
            out.append("\n")
        elif el.tag == W_FNREF:
            note = notes.get(el.get(qn("w:id"), ""), "")
            out.append(f"^[{note}]" if note else "")
    return "".join(out)


def _clean_lines(text: str) -> str:
    """Each line cleaned (spaces collapsed, NFC); tabs kept between the pieces of a line."""
    lines = ("\t".join(clean_cell(piece) for piece in line.split("\t")).strip("\t") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _footnotes(document) -> dict[str, str]:
    """Footnote id -> its text (paragraphs joined by spaces)."""
    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/footnotes")),
        None,
    )
    if part is None:
        return {}
    from lxml import etree

    try:
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    notes = {}
    for fn in root.iterchildren(qn("w:footnote")):
        texts = [clean_cell("".join(t.text or "" for t in p.iter(W_T))) for p in fn.iter(W_P)]
        notes[fn.get(qn("w:id"), "")] = " ".join(t for t in texts if t)
    return notes
