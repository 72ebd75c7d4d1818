"""Word revision marks on the XML of a paragraph or table row: text put in inside `w:ins`, text
taken out inside `w:del` as `w:delText`, a whole paragraph's mark or a row's properties flagged, all
with one author and date and ids of their own (used by exporters/docx_tracked.py)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from app.versions.words import DELETE, EQUAL, INSERT, word_diff

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Marker:
    """Makes w:ins / w:del elements with unique ids, one author and one date."""

    author: str
    date: str
    next_id: int = 9000
    counts: dict[str, int] = field(default_factory=lambda: {"ins": 0, "del": 0})

    def make(self, kind: str) -> etree._Element:
        el = etree.Element(q(kind))
        el.set(q("id"), str(self.next_id))
        el.set(q("author"), self.author)
        el.set(q("date"), self.date)
        self.next_id += 1
        self.counts[kind] += 1
        return el


def para_text(p: etree._Element) -> str:
    out = []
    for el in p.iter(q("t"), q("delText"), q("tab"), q("br")):
        out.append(el.text or "" if el.tag in (q("t"), q("delText")) else ("\t" if el.tag == q("tab") else "\n"))
    return "".join(out)


def _rpr_of(run: etree._Element) -> etree._Element | None:
    rpr = run.find(q("rPr"))
    return copy.deepcopy(rpr) if rpr is not None else None


def _run(rpr: etree._Element | None, *children: etree._Element) -> etree._Element:
    r = etree.Element(q("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    r.extend(children)
    return r


def _t(text: str, tag: str = "t") -> etree._Element:
    t = etree.Element(q(tag))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return t


Atom = tuple["etree._Element | None", "etree._Element", str]


def _atoms(p: etree._Element) -> list[Atom]:
    """The paragraph's runs cut into pieces of one child each: (run properties, child, its text)."""
    out: list[Atom] = []
    for r in p.findall(q("r")):
        rpr = _rpr_of(r)
        for child in r:
            if child.tag == q("rPr"):
                continue
            text = child.text or "" if child.tag == q("t") else {q("tab"): "\t", q("br"): "\n"}.get(child.tag, "")
            out.append((rpr, child, text))
        p.remove(r)
    return out


class _Cursor:
    def __init__(self, atoms: list[Atom]) -> None:
        self.atoms, self.i, self.off = atoms, 0, 0

    def zero_width(self) -> list[etree._Element]:
        """Runs without text at the cursor (a footnote reference): kept outside any mark."""
        out = []
        while self.i < len(self.atoms) and self.atoms[self.i][2] == "" and self.off == 0:
            rpr, el, _ = self.atoms[self.i]
            out.append(_run(rpr, copy.deepcopy(el)))
            self.i += 1
        return out

    def take(self, n: int) -> list[etree._Element]:
        out: list[etree._Element] = []
        while n > 0 and self.i < len(self.atoms):
            rpr, el, text = self.atoms[self.i]
            k = min(n, len(text) - self.off)
            piece = _t(text[self.off : self.off + k]) if el.tag == q("t") else copy.deepcopy(el)
            out.append(_run(rpr, piece))
            self.off, n = self.off + k, n - k
            if self.off >= len(text):
                self.i, self.off = self.i + 1, 0
        return out

    def rpr(self) -> etree._Element | None:
        atoms = self.atoms
        return atoms[min(self.i, len(atoms) - 1)][0] if atoms else None


def _deleted(text: str, rpr: etree._Element | None, marker: Marker) -> etree._Element:
    d = marker.make("del")
    r = _run(rpr)
    for part in re.split(r"(\t|\n)", text):
        if part == "\t":
            r.append(etree.Element(q("tab")))
        elif part == "\n":
            r.append(etree.Element(q("br")))
        elif part:
            r.append(_t(part, "delText"))
    d.append(r)
    return d


def mark_changed(p: etree._Element, old_text: str, marker: Marker) -> None:
    """Rewrite the runs of `p` (the new text) with the words of `old_text` it lacks as deleted and
    the words it added as inserted; run properties are kept."""
    cur = _Cursor(_atoms(p))
    new_text = "".join(a[2] for a in cur.atoms)
    out: list[etree._Element] = []
    for kind, text in word_diff(old_text, new_text):
        out += cur.zero_width()
        if kind == DELETE:
            out.append(_deleted(text, cur.rpr(), marker))
        elif kind == INSERT:
            ins = marker.make("ins")
            ins.extend(cur.take(len(text)))
            out.append(ins)
        else:
            assert kind == EQUAL
            out += cur.take(len(text))
    out += cur.zero_width()
    p.extend(out)


def _mark_paragraph_mark(p: etree._Element, kind: str, marker: Marker) -> None:
    ppr = p.find(q("pPr"))
    if ppr is None:
        ppr = etree.Element(q("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(q("rPr"))
    if rpr is None:
        rpr = etree.Element(q("rPr"))
        later = [c for c in ppr if c.tag in (q("sectPr"), q("pPrChange"))]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, marker.make(kind))


def mark_inserted(p: etree._Element, marker: Marker) -> None:
    for r in p.findall(q("r")):
        ins = marker.make("ins")
        r.addprevious(ins)
        ins.append(r)
    _mark_paragraph_mark(p, "ins", marker)


def mark_deleted(p: etree._Element, marker: Marker) -> None:
    """`p` is a copy of an old paragraph: its text becomes deleted text (a footnote reference of
    the old file has no note in the new one, so it is left out)."""
    for r in p.findall(q("r")):
        if r.find(q("footnoteReference")) is not None:
            p.remove(r)
            continue
        for t in r.findall(q("t")):
            t.tag = q("delText")
        d = marker.make("del")
        r.addprevious(d)
        d.append(r)
    _mark_paragraph_mark(p, "del", marker)


def mark_row(tr: etree._Element, kind: str, marker: Marker) -> None:
    trpr = tr.find(q("trPr"))
    if trpr is None:
        trpr = etree.Element(q("trPr"))
        prex = tr.find(q("tblPrEx"))
        tr.insert(1 if prex is not None else 0, trpr)
    trpr.append(marker.make(kind))
    for p in list(tr.iter(q("p"))):
        (mark_inserted if kind == "ins" else mark_deleted)(p, marker)
