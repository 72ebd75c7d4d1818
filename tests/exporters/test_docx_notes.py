"""The .docx export: real Word footnotes, and a plan issued by a decision.

Read back with lxml and python-docx (no LibreOffice). Word numbers footnotes itself, in document
order, restarting in a section whose footnotePr says numRestart eachSect; the tests replay that rule
on document.xml and compare it with the numbers build.py gave (Run.note_number).
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from lxml import etree

from app.model import DocDate
from app.ops.plans import default_decision
from exporters import document as D
from exporters import layout as L
from exporters.build import build_document
from exporters.docx_writer import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
TNR = L.FONT.name

NOTE_PARA = "Quyết định số 1860/QĐ-UBND ngày 20/12/2026 của Ủy ban nhân dân tỉnh Thanh Hóa."
NOTE_PARA_2 = "Kế hoạch số hóa hồ sơ."
NOTE_CELL = "Gồm các phòng chuyên môn."
NOTE_CELL_2 = "Hằng quý, trước ngày 15."
NOTE_BASIS = "Đã được sửa đổi, bổ sung năm 2025."


# ---------------------------------------------------------------- helpers
def _plan_with_notes(plan, restart: bool = False, decision: bool = False):
    sections = list(plan.sections)
    sections[0] = replace(
        sections[0],
        paragraphs=(f"Theo Quyết định số 1860^[{NOTE_PARA}] của tỉnh và Kế hoạch số 70^[{NOTE_PARA_2}] đã ban hành.",),
    )
    apps = list(plan.appendices)
    t = apps[0].tasks
    apps[0] = replace(apps[0], tasks=(replace(t[0], content=t[0].content + f"^[{NOTE_CELL}]"),) + t[1:])
    t = apps[1].tasks
    apps[1] = replace(apps[1], tasks=(replace(t[0], product=f"Báo cáo^[{NOTE_CELL_2}]"),) + t[1:])
    plan = replace(plan, sections=tuple(sections), appendices=tuple(apps), footnotes_restart=restart)
    if decision:
        dec = replace(default_decision(plan), number="12", date=DocDate(2027, 1, 5))
        bases = (dec.legal_bases[0].rstrip(";") + f"^[{NOTE_BASIS}];",) + dec.legal_bases[1:]
        plan = replace(plan, decision=replace(dec, legal_bases=bases))
    return plan


def _write(doc: D.Document, tmp_path: Path, name: str = "plan.docx") -> Path:
    path = tmp_path / name
    write_docx(doc, path)
    return path


def _xml(path: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(member))


def _text(el) -> str:
    """The text of an element, a line break (w:br) as "\n"."""
    return "".join("\n" if t.tag == f"{W}br" else t.text or "" for t in el.iter(f"{W}t", f"{W}br"))


def _footnotes(path: Path) -> dict[int, etree._Element]:
    root = _xml(path, "word/footnotes.xml")
    return {int(f.get(f"{W}id")): f for f in root.findall(f"{W}footnote")}


def _sections(path: Path) -> list[tuple[list, etree._Element]]:
    """The body split into sections: (block elements, sectPr), as Word reads them."""
    body = _xml(path, "word/document.xml").find(f"{W}body")
    out, blocks = [], []
    for el in body:
        if el.tag == f"{W}sectPr":
            out.append((blocks, el))
            continue
        sect = el.find(f"{W}pPr/{W}sectPr") if el.tag == f"{W}p" else None
        if sect is not None:
            out.append((blocks, sect))
            blocks = []
        else:
            blocks.append(el)
    return out


def _word_numbers(path: Path) -> list[tuple[int, int]]:
    """(footnote id, the number Word prints) for every reference, in document order."""
    out, n = [], 0
    for blocks, sect in _sections(path):
        restart = sect.find(f"{W}footnotePr/{W}numRestart")
        if restart is not None and restart.get(f"{W}val") == "eachSect":
            n = 0
        for el in blocks:
            for ref in el.iter(f"{W}footnoteReference"):
                n += 1
                out.append((int(ref.get(f"{W}id")), n))
    return out


def _build_notes(doc: D.Document) -> list[tuple[int, str]]:
    """(note_number, note) of every note run, in document order (paragraphs and table cells)."""
    out = []
    for part in doc.parts:
        for block in part.blocks:
            runs: list[D.Run] = []
            if isinstance(block, D.Para):
                runs = list(block.runs)
            elif isinstance(block, D.Table):
                runs = [r for row in block.rows if row.rich for cell in row.rich for r in cell]
            out += [(r.note_number, r.note) for r in runs if r.note is not None]
    return out


def _is_ref_run(r) -> bool:
    style = r.find(f"{W}rPr/{W}rStyle")
    return (
        r.find(f"{W}footnoteReference") is not None
        and style is not None
        and style.get(f"{W}val") == "FootnoteReference"
    )


def _bold(run) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    return b is not None and b.get(f"{W}val") not in ("0", "false")


def _style(p) -> str | None:
    s = p.find(f"{W}pPr/{W}pStyle")
    return None if s is None else s.get(f"{W}val")


@pytest.fixture
def noted(sample_plan, tmp_path):
    doc = build_document(_plan_with_notes(sample_plan))
    return doc, _write(doc, tmp_path)


# ---------------------------------------------------------------- the footnotes part
def test_footnotes_part_content_type_relationship_and_separators(noted):
    _, path = noted
    with zipfile.ZipFile(path) as z:
        types = etree.fromstring(z.read("[Content_Types].xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    ct = {o.get("PartName"): o.get("ContentType") for o in types}
    assert ct["/word/footnotes.xml"] == CT_FOOTNOTES
    assert [r.get("Target") for r in rels if r.get("Type") == RT_FOOTNOTES] == ["footnotes.xml"]
    notes = _footnotes(path)
    assert notes[-1].get(f"{W}type") == "separator" and notes[-1].find(f".//{W}separator") is not None
    assert notes[0].get(f"{W}type") == "continuationSeparator"
    assert notes[0].find(f".//{W}continuationSeparator") is not None
    settings = _xml(path, "word/settings.xml")
    pr = settings.find(f"{W}footnotePr")
    assert [f.get(f"{W}id") for f in pr.findall(f"{W}footnote")] == ["-1", "0"]
    # settings schema order: footnotePr before compat
    tags = [el.tag for el in settings]
    assert tags.index(f"{W}footnotePr") < tags.index(f"{W}compat")


def test_plan_without_notes_has_no_footnotes_part(sample_doc, tmp_path):
    with zipfile.ZipFile(_write(sample_doc, tmp_path)) as z:
        assert "word/footnotes.xml" not in z.namelist()
        assert b"footnoteReference" not in z.read("word/document.xml")


def test_reference_in_paragraph_sits_after_its_word_and_note_text_matches(noted):
    _, path = noted
    body = _xml(path, "word/document.xml").find(f"{W}body")
    (p,) = [p for p in body.iter(f"{W}p") if _text(p).startswith("Theo Quyết định số 1860")]
    runs = p.findall(f"{W}r")
    kinds = ["ref" if _is_ref_run(r) else _text(r) for r in runs]
    assert kinds == ["Theo Quyết định số 1860", "ref", " của tỉnh và Kế hoạch số 70", "ref", " đã ban hành."]
    ids = [int(r.find(f"{W}footnoteReference").get(f"{W}id")) for r in runs if _is_ref_run(r)]
    notes = _footnotes(path)
    assert [_text(notes[i]).strip() for i in ids] == [NOTE_PARA, NOTE_PARA_2]
    assert "^[" not in _text(body)


def test_reference_in_table_cell(noted):
    doc, path = noted
    body = _xml(path, "word/document.xml").find(f"{W}body")
    cells = [tc for tc in body.iter(f"{W}tc") if tc.find(f".//{W}footnoteReference") is not None]
    assert len(cells) == 2
    first, second = cells
    runs = first.findall(f".//{W}r")
    assert _is_ref_run(runs[-1]) and _text(first).endswith("công khai kết quả giải quyết hồ sơ")
    assert [_text(r) if not _is_ref_run(r) else "ref" for r in second.findall(f".//{W}r")] == ["Báo cáo", "ref"]
    notes = _footnotes(path)
    ids = [int(tc.find(f".//{W}footnoteReference").get(f"{W}id")) for tc in cells]
    assert [_text(notes[i]).strip() for i in ids] == [NOTE_CELL, NOTE_CELL_2]
    # The cell sits in the content column of the first task row of Phụ lục I (STT "1").
    tr = first.getparent()
    assert _text(tr.findall(f"{W}tc")[0]) == "1" and tr.findall(f"{W}tc").index(first) == 1
    # the superscript digits of Row.cells are not written: the mark is Word's own
    assert "³" not in _text(body) and "¹" not in _text(body)
    assert any(row.rich for t in doc.tables() for row in t.rows)


def test_footnote_paragraphs_start_with_the_mark_in_footnote_styles(noted):
    _, path = noted
    for fid, fn in _footnotes(path).items():
        if fid <= 0:
            continue
        (p,) = fn.findall(f"{W}p")
        assert _style(p) == "FootnoteText"
        first = p.findall(f"{W}r")[0]
        assert first.find(f"{W}footnoteRef") is not None
        assert first.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    styles = {s.get(f"{W}styleId"): s for s in _xml(path, "word/styles.xml").iter(f"{W}style")}
    text, ref = styles["FootnoteText"], styles["FootnoteReference"]
    assert text.get(f"{W}type") == "paragraph" and ref.get(f"{W}type") == "character"
    assert text.find(f"{W}rPr/{W}sz").get(f"{W}val") == "24"  # 12 pt
    assert ref.find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"
    for style in (text, ref):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        assert all(fonts.get(f"{W}{slot}") == TNR for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
        assert not any(a.endswith("Theme") or a.endswith("theme") for a in fonts.attrib)


# ---------------------------------------------------------------- numbering: Word's = build's
@pytest.mark.parametrize("restart", [False, True])
@pytest.mark.parametrize("decision", [False, True])
def test_word_numbers_the_notes_as_build_did(sample_plan, tmp_path, restart, decision):
    doc = build_document(_plan_with_notes(sample_plan, restart=restart, decision=decision))
    path = _write(doc, tmp_path)
    built = _build_notes(doc)
    word = _word_numbers(path)
    assert [i for i, _ in word] == list(range(1, len(built) + 1))  # ids in document order
    assert [n for _, n in word] == [n for n, _ in built]
    notes = _footnotes(path)
    assert [_text(notes[i]).strip() for i, _ in word] == [text for _, text in built]
    expected = [1, 2, 3, 4] if not decision else [1, 2, 3, 4, 5]
    if restart:
        expected = expected[:-2] + [1, 1]
    assert [n for n, _ in built] == expected


def test_restart_writes_num_restart_in_appendix_sections_only(sample_plan, tmp_path):
    doc = build_document(_plan_with_notes(sample_plan, restart=True, decision=True))
    path = _write(doc, tmp_path)
    sections = _sections(path)
    assert len(sections) == len(doc.parts)
    for part, (_, sect) in zip(doc.parts, sections, strict=True):
        pr = sect.find(f"{W}footnotePr")
        if part.restart_footnotes:
            assert part.orientation == "landscape"
            assert pr.find(f"{W}numRestart").get(f"{W}val") == "eachSect"
            # CT_SectPr order: header/footer references, footnotePr, endnotePr, type, pgSz, …
            tags = [el.tag.split("}")[1] for el in sect]
            refs = [t for t in tags if t.endswith("Reference")]
            assert tags[: len(refs)] == refs and tags[len(refs)] == "footnotePr"
            assert tags.index("footnotePr") < tags.index("type") < tags.index("pgSz")
        else:
            assert pr is None
    continuous = _write(build_document(_plan_with_notes(sample_plan)), tmp_path, "c.docx")
    assert all(sect.find(f"{W}footnotePr") is None for _, sect in _sections(continuous))


# ---------------------------------------------------------------- a plan issued by a decision
@pytest.fixture
def decided(sample_plan, tmp_path):
    plan = _plan_with_notes(sample_plan, decision=True)
    doc = build_document(plan)
    return doc, _write(doc, tmp_path)


def test_decision_section(decided):
    doc, path = decided
    blocks, _ = _sections(path)[0]
    paras = [el for el in blocks if el.tag == f"{W}p"]
    texts = [_text(p) for p in paras]
    assert "QUYẾT ĐỊNH" in texts
    assert "Ban hành Kế hoạch cải cách hành chính năm 2027" in texts
    (authority,) = [p for p in paras if _text(p) == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN"]
    (decides,) = [p for p in paras if _text(p) == "QUYẾT ĐỊNH:"]
    for p in (authority, decides):
        assert _style(p) == "KHCenter"
        assert all(_bold(r) for r in p.findall(f"{W}r"))
    styles = {s.get(f"{W}styleId"): s for s in _xml(path, "word/styles.xml").iter(f"{W}style")}
    center = styles["KHCenter"].find(f"{W}pPr")
    assert center.find(f"{W}jc").get(f"{W}val") == "center"
    assert center.find(f"{W}ind").get(f"{W}firstLine") == "0"
    articles = [p for p in paras if _text(p).startswith("Điều ")]
    assert [_text(p).split(".")[0] for p in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    for p in articles:
        assert _style(p) == "KHBody"
        first, *rest = p.findall(f"{W}r")
        assert _text(first) == _text(p)[: len(_text(first))] and _text(first).strip().endswith(".")
        assert _bold(first) and not any(_bold(r) for r in rest)
    assert _text(articles[-1]).endswith("./.")
    # header block and signature in the decision; the national title only here
    all_text = "".join(_text(el) for el in blocks)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in all_text and "Số: 12/QĐ-UBND" in all_text
    assert "Nơi nhận:" in all_text and "Nguyễn Văn An" in all_text
    # the legal basis note is a reference in the decision
    assert any(el.find(f".//{W}footnoteReference") is not None for el in blocks)


def test_plan_section_after_the_decision(decided):
    doc, path = decided
    sections = _sections(path)
    blocks, sect = sections[1]
    text = "".join(_text(el) for el in blocks)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text and "Độc lập - Tự do - Hạnh phúc" not in text
    assert "Nơi nhận:" not in text
    paras = [el for el in blocks if el.tag == f"{W}p"]
    texts = [_text(p) for p in paras]
    assert texts[:2] == ["KẾ HOẠCH", "Cải cách hành chính năm 2027"]
    (note,) = [p for p in paras if _text(p).startswith("(Ban hành kèm theo Quyết định số 12/QĐ-UBND")]
    assert texts.index(_text(note)) == 2  # under the summary
    assert _text(note) == doc.parts[1].blocks[0].note
    r = note.find(f"{W}r")
    assert r.find(f"{W}rPr/{W}i") is not None and not _bold(r)
    assert _style(note) == "KHBlock"  # centred
    # a new page, numbered from 1, its own first page unnumbered
    assert sect.find(f"{W}type").get(f"{W}val") == "nextPage"
    assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
    assert sect.find(f"{W}titlePg") is not None
    assert sect.find(f"{W}pgSz").get(f"{W}orient") is None  # portrait
    dx = docx.Document(str(path))  # opens again
    s1 = dx.sections[1]
    assert s1.different_first_page_header_footer
    assert not s1.first_page_header.is_linked_to_previous
    assert _text(s1.first_page_header._element).strip() == ""
    assert s1.header.is_linked_to_previous  # the PAGE field of the first section
    assert "QUYẾT ĐỊNH" in [p.text for p in dx.paragraphs]
    assert len(dx.sections) == len(doc.parts)


def test_decision_only_and_plan_only_files(sample_plan, tmp_path):
    from exporters.build import DECISION_ONLY, PLAN_ONLY

    plan = _plan_with_notes(sample_plan, decision=True)
    dec = _write(build_document(plan, DECISION_ONLY), tmp_path, "d.docx")
    assert len(_sections(dec)) == 1
    assert [_text(fn).strip() for i, fn in _footnotes(dec).items() if i > 0] == [NOTE_BASIS]
    only = build_document(plan, PLAN_ONLY)
    path = _write(only, tmp_path, "p.docx")
    assert [n for _, n in _word_numbers(path)] == [n for n, _ in _build_notes(only)] == [1, 2, 3, 4]
    docx.Document(str(path))
