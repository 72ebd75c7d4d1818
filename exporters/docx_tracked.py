"""A Word file of one plan version with the changes from another as Word tracked changes.

Both versions are laid out by the ordinary exporters (build_document, write_docx); the new one is
the file written. Its body is then compared with the old one's, unit by unit (a paragraph, or a
table row), and every difference is marked as Word marks a reviewer's edits: text put in inside
`w:ins`, text taken out inside `w:del` (as `w:delText`), a whole paragraph or table row added or
removed with its mark or row property flagged too. So "Accept all" in Word gives the new version's
text and "Reject all" the old one's, and a reviewer can take or refuse each change. Within a
paragraph or cell the difference is word by word (app/versions/words.py).
"""

from __future__ import annotations

import copy
import re
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree

from app.model import Plan
from app.versions.diff import in_order
from app.versions.words import similarity
from exporters.build import ALL, build_document
from exporters.docx_marks import Marker, mark_changed, mark_deleted, mark_inserted, mark_row, para_text, q
from exporters.docx_writer import write_docx

AUTHOR = "Kế hoạch CCHC"
# A printed number at the start of a paragraph or alone in a cell ("II.", "3.", "2.1", "a)"):
# left out when pairing, so an inserted row or section does not unpair everything after it.
LOOK_AHEAD = 50  # units of the new side tried for each old one in an edited stretch (bounds the work)
_LABEL = re.compile(r"^\s*(?:[0-9IVXLCDM]+(?:\.[0-9]+)*\.?|[a-zđ]\))(?:\s+|$)")


@dataclass
class Unit:
    kind: str  # "p" or "tr"
    el: etree._Element
    text: str
    key: str


def _cells(tr: etree._Element) -> list[etree._Element]:
    return tr.findall(q("tc"))


def _unit(el: etree._Element) -> Unit:
    if el.tag == q("p"):
        text = para_text(el)
        return Unit("p", el, text, "p:" + _LABEL.sub("", text, count=1))
    cells = ["\n".join(para_text(p) for p in tc.iter(q("p"))) for tc in _cells(el)]
    key_cells = [c for c in cells if not _LABEL.fullmatch(c + " ") and c.strip()]
    return Unit("tr", el, "\x1f".join(cells), "tr:" + "\x1f".join(key_cells))


def body_units(body: etree._Element) -> list[Unit]:
    """Top-level paragraphs and table rows, in document order."""
    out: list[Unit] = []
    for el in body:
        if el.tag == q("p"):
            out.append(_unit(el))
        elif el.tag == q("tbl"):
            out += [_unit(tr) for tr in el.findall(q("tr"))]
    return out


# ---------------------------------------------------------------- pairing old and new units


def pair_units(old: list[Unit], new: list[Unit]) -> list[tuple[int | None, int | None]]:
    """(old, new) index pairs in new-document order: same units, edited units, and the rest alone.

    Patience-style: units whose key occurs once on each side and keep their order are anchors
    (a moved row then breaks one anchor, not the run after it); between anchors, difflib."""
    olds, news = Counter(u.key for u in old), Counter(u.key for u in new)
    at_new = {u.key: j for j, u in enumerate(new) if news[u.key] == 1}
    cand = [(i, at_new[u.key]) for i, u in enumerate(old) if olds[u.key] == 1 and u.key in at_new]
    kept = in_order([j for _, j in cand])
    anchors = [c for k, c in enumerate(cand) if k in kept] + [(len(old), len(new))]
    out: list[tuple[int | None, int | None]] = []
    i0 = j0 = 0
    for i, j in anchors:
        out += _pair_stretch(old, new, range(i0, i), range(j0, j))
        if i < len(old):
            out.append((i, j))
        i0, j0 = i + 1, j + 1
    return out


def _pair_stretch(old: list[Unit], new: list[Unit], olds: range, news: range) -> list[tuple[int | None, int | None]]:
    out: list[tuple[int | None, int | None]] = []
    a, b = [old[i].key for i in olds], [new[j].key for j in news]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        i1, i2, j1, j2 = i1 + olds.start, i2 + olds.start, j1 + news.start, j2 + news.start
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        else:
            out += _pair_block(old, new, range(i1, i2), range(j1, j2))
    return out


def _pair_block(old: list[Unit], new: list[Unit], olds: range, news: range) -> list[tuple[int | None, int | None]]:
    """Inside an edited stretch: each old unit with the next new unit of its kind alike enough."""
    out: list[tuple[int | None, int | None]] = []
    j = news.start
    for i in olds:
        found = next(
            (
                k
                for k in range(j, min(news.stop, j + LOOK_AHEAD))
                if new[k].kind == old[i].kind and _alike(old[i], new[k], olds, news)
            ),
            None,
        )
        if found is None:
            out.append((i, None))
            continue
        out += [(None, k) for k in range(j, found)]
        out.append((i, found))
        j = found + 1
    out += [(None, k) for k in range(j, news.stop)]
    return out


def _alike(a: Unit, b: Unit, olds: range, news: range) -> bool:
    if len(olds) == len(news) and a.kind == "tr" and len(_cells(a.el)) == len(_cells(b.el)):
        return True  # a stretch of rows edited in place
    return similarity(a.text, b.text) >= 0.5


# ---------------------------------------------------------------- marking


def _mark_pair(a: Unit, b: Unit, marker: Marker) -> bool:
    """Mark `b` (new) as edited from `a` (old); False when the two cannot be compared cell by cell."""
    if a.kind == "p":
        mark_changed(b.el, a.text, marker)
        return True
    old_cells, new_cells = _cells(a.el), _cells(b.el)
    if len(old_cells) != len(new_cells):
        return False
    for tc_old, tc_new in zip(old_cells, new_cells, strict=True):
        ps_old, ps_new = tc_old.findall(q("p")), tc_new.findall(q("p"))
        if len(ps_old) == len(ps_new):
            for po, pn in zip(ps_old, ps_new, strict=True):
                if para_text(po) != para_text(pn):
                    mark_changed(pn, para_text(po), marker)
            continue
        for po in ps_old:
            gone = copy.deepcopy(po)
            mark_deleted(gone, marker)
            ps_new[0].addprevious(gone)
        for pn in ps_new:
            mark_inserted(pn, marker)
    return True


class _Placer:
    """Puts copies of removed units into the new body where they were."""

    def __init__(self, body: etree._Element) -> None:
        self.body, self.anchor = body, None  # the last unit placed, new or old

    def seen(self, el: etree._Element) -> None:
        self.anchor = el

    def put(self, u: Unit, next_new: Unit | None, marker: Marker) -> None:
        el = copy.deepcopy(u.el)
        if u.kind == "p":
            mark_deleted(el, marker)
            self._put_paragraph(el)
        else:
            mark_row(el, "del", marker)
            self._put_row(el, u.el.getparent(), next_new)
        self.anchor = el

    def _put_paragraph(self, el: etree._Element) -> None:
        if self.anchor is None:
            self.body.insert(0, el)
        elif self.anchor.tag == q("tr"):
            self.anchor.getparent().addnext(el)
        else:
            self.anchor.addnext(el)

    def _put_row(self, el: etree._Element, old_table: etree._Element, next_new: Unit | None) -> None:
        if self.anchor is not None and self.anchor.tag == q("tr"):
            self.anchor.addnext(el)
        elif next_new is not None and next_new.kind == "tr":
            next_new.el.addprevious(el)
        else:  # a table that is gone: a table of its own with the old table's properties
            tbl = etree.Element(q("tbl"))
            tbl.extend(copy.deepcopy(c) for c in old_table if c.tag in (q("tblPr"), q("tblGrid")))
            tbl.append(el)
            self._put_paragraph(tbl)


def track_body(old_body: etree._Element, new_body: etree._Element, marker: Marker) -> None:
    """Mark in `new_body` every difference from `old_body` as a tracked change."""
    old, new = body_units(old_body), body_units(new_body)
    pairs = pair_units(old, new)
    placer = _Placer(new_body)
    for n, (i, j) in enumerate(pairs):
        if j is None:
            assert i is not None
            later = next((new[jj] for _, jj in pairs[n + 1 :] if jj is not None), None)
            placer.put(old[i], later, marker)
            continue
        b = new[j]
        if i is None:
            (mark_row(b.el, "ins", marker) if b.kind == "tr" else mark_inserted(b.el, marker))
        elif old[i].text != b.text and not _mark_pair(old[i], b, marker):
            placer.seen(b.el)
            placer.put(old[i], b, marker)
            mark_row(b.el, "ins", marker)
        placer.seen(b.el)


# ---------------------------------------------------------------- the file


DOCUMENT = "word/document.xml"


def write_tracked_docx(old: Plan, new: Plan, path: Path, when: datetime, author: str = AUTHOR) -> dict[str, int]:
    """Write `new` laid out as `export --docx` does, with the changes from `old` tracked;
    returns how many insertions and deletions were marked."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "old.docx", Path(tmp) / "new.docx"
        write_docx(build_document(old, ALL), a)
        write_docx(build_document(new, ALL), b)
        with zipfile.ZipFile(a) as za:
            old_root = etree.fromstring(za.read(DOCUMENT))
        marker = Marker(author, when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        with zipfile.ZipFile(b) as zb:
            entries = [(info, zb.read(info)) for info in zb.infolist()]
        new_root = etree.fromstring(dict((i.filename, d) for i, d in entries)[DOCUMENT])
        track_body(old_root.find(q("body")), new_root.find(q("body")), marker)
        xml = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in entries:
                out.writestr(info, xml if info.filename == DOCUMENT else data)
    return dict(marker.counts)
