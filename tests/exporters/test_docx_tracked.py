"""Word tracked changes between two versions: every w:ins / w:del is attributed and dated, and
accepting all gives the new version's text, rejecting all the old one's, paragraph by paragraph."""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from app.model import Section, Task
from app.templates import Agency, instantiate
from exporters.build import ALL, build_document
from exporters.docx_marks import W, para_text, q
from exporters.docx_tracked import AUTHOR, DOCUMENT, write_tracked_docx
from exporters.docx_writer import write_docx

WHEN = datetime(2027, 3, 1, 8, 30)


def body_of(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(DOCUMENT)).find(q("body"))


def texts(body: etree._Element) -> list[str]:
    return [para_text(p) for p in body.iter(q("p"))]


def _mark(el: etree._Element, kind: str) -> bool:
    """A paragraph whose mark, or a row whose properties, carry `kind` (ins/del)."""
    holder = el.find(f"{q('pPr')}/{q('rPr')}") if el.tag == q("p") else el.find(q("trPr"))
    return holder is not None and holder.find(q(kind)) is not None


def resolve(body: etree._Element, accept: bool) -> etree._Element:
    """What Word shows after "Accept all" (accept=True) or "Reject all"."""
    body = copy.deepcopy(body)
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for el in list(body.iter(q("tr"), q("p"))):
        if _mark(el, drop) and el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(body.iter(q(drop))):
        if el.getparent() is not None and el.getparent().tag != q("rPr") and el.getparent().tag != q("trPr"):
            el.getparent().remove(el)
    for el in list(body.iter(q(keep))):
        parent = el.getparent()
        if parent.tag in (q("rPr"), q("trPr")):
            parent.remove(el)
            continue
        for child in list(el):
            el.addprevious(child)
        parent.remove(el)
    for t in body.iter(q("delText")):
        t.tag = q("t")
    return body


@pytest.fixture
def versions():
    old = instantiate("ward-annual", 2027, Agency("Ủy ban nhân dân phường Phú Sơn", "", place="Phú Sơn"))
    a1, a2 = old.appendices[0], old.appendices[1]
    t1 = list(a1.tasks)
    t1[0] = replace(t1[0], content=t1[0].content.replace("văn bản", "văn bản, hệ thống hóa văn bản", 1))
    moved = t1.pop(1)
    t1.append(moved)
    removed = t1.pop(2)
    t2 = (Task(content="Nhiệm vụ mới: khảo sát mức độ hài lòng", lead="Văn phòng"),) + a2.tasks
    sections = list(old.sections)
    sections[0] = replace(sections[0], paragraphs=sections[0].paragraphs + ("Đoạn bổ sung mới.",))
    new = replace(
        old,
        summary=old.summary + " (sửa đổi)",
        legal_bases=old.legal_bases[1:] + ("Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026;",),
        sections=tuple(sections[:-1]) + (Section("MỤC MỚI", paragraphs=("Nội dung mới.",)),),
        appendices=(replace(a1, tasks=tuple(t1)), replace(a2, tasks=t2)) + old.appendices[2:],
    )
    assert removed.content
    return old, new


def _plain(plan, path):
    write_docx(build_document(plan, ALL), path)
    return texts(body_of(path))


def test_accept_all_is_new_and_reject_all_is_old(versions, tmp_path):
    old, new = versions
    out = tmp_path / "changes.docx"
    counts = write_tracked_docx(old, new, out, WHEN)
    assert counts["ins"] > 0 and counts["del"] > 0
    body = body_of(out)
    assert texts(resolve(body, accept=True)) == _plain(new, tmp_path / "new.docx")
    assert texts(resolve(body, accept=False)) == _plain(old, tmp_path / "old.docx")


def test_every_change_is_attributed_and_dated(versions, tmp_path):
    old, new = versions
    out = tmp_path / "changes.docx"
    write_tracked_docx(old, new, out, WHEN)
    body = body_of(out)
    marks = list(body.iter(q("ins"), q("del")))
    assert marks
    assert {m.get(f"{{{W}}}author") for m in marks} == {AUTHOR}
    assert {m.get(f"{{{W}}}date") for m in marks} == {"2027-03-01T08:30:00Z"}
    ids = [m.get(f"{{{W}}}id") for m in marks]
    assert len(ids) == len(set(ids))
    # the edited cell: only the words put in are inserted, the rest of the cell is untouched
    inserted = ["".join(t.text for t in m.iter(q("t"))) for m in body.iter(q("ins"))]
    assert " văn bản, hệ thống hóa" in inserted


def test_same_versions_give_no_marks_and_the_plain_file_text(versions, tmp_path):
    old, _ = versions
    out = tmp_path / "same.docx"
    assert write_tracked_docx(old, old, out, WHEN) == {"ins": 0, "del": 0}
    assert texts(body_of(out)) == _plain(old, tmp_path / "old.docx")


def test_opens_with_python_docx(versions, tmp_path):
    import docx

    old, new = versions
    out = tmp_path / "changes.docx"
    write_tracked_docx(old, new, out, WHEN)
    d = docx.Document(str(out))
    assert d.paragraphs and d.tables


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed on this machine")
def test_libreoffice_lists_the_changes(versions, tmp_path):
    """LibreOffice reads the file as a document with tracked changes (converted to ODT: each
    change a changed-region with its author and date; the removed task among the deletions)."""
    old, new = versions
    src = tmp_path / "changes.docx"
    write_tracked_docx(old, new, src, WHEN)
    r = subprocess.run(
        [shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless"]
        + ["--convert-to", "odt", "--outdir", str(tmp_path / "out"), str(src)],
        capture_output=True,
        timeout=180,
    )
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "out" / "changes.odt") as z:
        root = etree.fromstring(z.read("content.xml"))
    ns = {
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    regions = root.findall(".//text:tracked-changes/text:changed-region", ns)
    kinds = {child.tag.split("}")[1] for reg in regions for child in reg}
    assert kinds == {"insertion", "deletion"}
    assert {c.text for c in root.findall(".//text:changed-region//dc:creator", ns)} == {AUTHOR}
    deleted = " ".join("".join(d.itertext()) for d in root.findall(".//text:changed-region/text:deletion", ns))
    removed = old.appendices[0].tasks[3].content  # taken out of the first appendix
    assert removed[:60] in deleted


def test_only_the_moved_and_removed_rows_are_whole_row_changes(versions, tmp_path):
    """Renumbered rows (STT 3 -> 2) keep their text: only the number is marked; the moved task is
    removed where it was and inserted where it is; the removed task is removed."""
    old, new = versions
    out = tmp_path / "changes.docx"
    write_tracked_docx(old, new, out, WHEN)
    body = body_of(out)

    def rows(kind):
        return [para_text(tr.findall(q("tc"))[1].find(q("p")))[:40] for tr in body.iter(q("tr")) if _mark(tr, kind)]

    tasks = old.appendices[0].tasks
    added = new.appendices[1].tasks[0].content
    assert rows("del") == [tasks[1].content[:40], tasks[3].content[:40]]
    assert rows("ins") == [tasks[1].content[:40], added[:40]]
