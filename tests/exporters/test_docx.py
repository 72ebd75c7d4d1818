"""The .docx export, read back with python-docx and lxml (no LibreOffice needed).

Checks the layout of Nghị định 30/2020 ([house] values of docs/format-nd30.md) and that the writer
only renders: every text, number and label is what build.py put in the Document.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from app.model import DocDate
from exporters import document as D
from exporters import layout as L
from exporters.build import build_document
from exporters.docx_styles import PARA_STYLES
from exporters.docx_writer import write_docx
from exporters.docx_xml import clean, text_width_mm, twips

# tests/ is not a package: load this folder's conftest by path for make_plan and LONG.
_spec = importlib.util.spec_from_file_location("_exporters_conftest_docx", Path(__file__).with_name("conftest.py"))
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
LONG, make_plan = _conftest.LONG, _conftest.make_plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER_RE = re.compile(r"^Số:\s*(0[1-9]|[1-9]\d+)?\s*/KH-[A-ZĐ]+$")
DATE_RE = re.compile(r", ngày (0[1-9]|[12]\d|3[01]|\s+) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
ROMAN_HEADING_RE = re.compile(r"^[IVXLCDM]+\. \S")
TNR = L.FONT.name
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


# ---------------------------------------------------------------- helpers
def _write(doc: D.Document, tmp_path: Path, name: str = "plan.docx") -> Path:
    path = tmp_path / name
    write_docx(doc, path)
    return path


@pytest.fixture
def out(sample_doc, tmp_path):
    return _write(sample_doc, tmp_path)


@pytest.fixture
def dx(out):
    return docx.Document(str(out))


def _xml(path: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(member))


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _body_tables(dx):
    return dx.tables  # header block, signature block, then one table per appendix


def _appendix_tables(dx, doc):
    tables = dx.tables
    return tables[len(tables) - len(doc.tables()) :]


def _run_size(run, para) -> float | None:
    if run.font.size is not None:
        return run.font.size.pt
    style = para.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


def _style_bold(para) -> bool:
    style = para.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _run_bold(run, para) -> bool:
    return bool(run.bold) if run.bold is not None else _style_bold(para)


def _para_fmt(para, attr):
    value = getattr(para.paragraph_format, attr)
    style = para.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


def _cell_paragraph_texts(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


# ---------------------------------------------------------------- page setup
def test_every_section_is_a4_with_house_margins(sample_doc, dx):
    assert len(dx.sections) == len(sample_doc.parts)
    for section, part in zip(dx.sections, sample_doc.parts, strict=True):
        landscape = part.orientation == "landscape"
        assert section.orientation == (WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT)
        w, h = (L.PAGE.height_mm, L.PAGE.width_mm) if landscape else (L.PAGE.width_mm, L.PAGE.height_mm)
        assert abs(section.page_width - Mm(w)) < Mm(0.1)
        assert abs(section.page_height - Mm(h)) < Mm(0.1)
        assert abs(section.top_margin - Mm(L.PAGE.margin_top_mm)) < Mm(0.1)
        assert abs(section.bottom_margin - Mm(L.PAGE.margin_bottom_mm)) < Mm(0.1)
        assert abs(section.left_margin - Mm(L.PAGE.margin_left_mm)) < Mm(0.1)
        assert abs(section.right_margin - Mm(L.PAGE.margin_right_mm)) < Mm(0.1)
    assert [s.orientation for s in dx.sections][1:] == [WD_ORIENT.LANDSCAPE] * 3


def test_appendices_start_new_pages(dx):
    for section in dx.sections[1:]:
        assert section._sectPr.find(qn("w:type")).get(qn("w:val")) == "nextPage"


# ---------------------------------------------------------------- fonts
def test_doc_defaults_normal_and_every_style_times_new_roman_without_theme_fonts(out, dx):
    styles = _xml(out, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert defaults.get(f"{W}{slot}") == TNR
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "vi-VN"
    for rfonts in styles.iter(f"{W}rFonts"):
        for a in THEME_ATTRS:
            assert rfonts.get(f"{W}{a}") is None
        assert rfonts.get(f"{W}ascii") == TNR
    # every style used (document and headers) has all four slots itself
    used = set()
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if re.match(r"word/(document|header\d+)\.xml$", name):
                used |= {el.get(f"{W}val") for el in etree.fromstring(z.read(name)).iter(f"{W}pStyle")}
    assert used
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    for sid in used | {"Normal"}:
        rfonts = by_id[sid].find(f"{W}rPr/{W}rFonts")
        assert rfonts is not None, sid
        assert all(rfonts.get(f"{W}{slot}") == TNR for slot in ("ascii", "hAnsi", "eastAsia", "cs")), sid
    normal = by_id["Normal"]
    assert normal.find(f"{W}rPr/{W}lang").get(f"{W}val") == "vi-VN"


def test_all_runs_times_new_roman(out):
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if not re.match(r"word/(document|header\d+)\.xml$", name):
                continue
            root = etree.fromstring(z.read(name))
            for rfonts in root.iter(f"{W}rFonts"):  # runs normally inherit; any explicit font must be TNR
                assert rfonts.get(f"{W}ascii") == TNR
                assert all(rfonts.get(f"{W}{a}") is None for a in THEME_ATTRS)
    dx = docx.Document(str(out))
    for p in dx.paragraphs:
        for r in p.runs:
            assert (r.font.name or p.style.font.name) == TNR


# ---------------------------------------------------------------- page numbers
def _has_page_field(hdr_el) -> bool:
    instr = "".join(t.text or "" for t in hdr_el.iter(qn("w:instrText")))
    return instr.strip() == "PAGE" and hdr_el.find(f".//{qn('w:fldChar')}") is not None


def test_page_number_centred_at_top_but_not_on_page_one(dx):
    s0 = dx.sections[0]
    assert s0.different_first_page_header_footer
    assert s0._sectPr.find(qn("w:titlePg")) is not None
    header = s0.header
    assert not header.is_linked_to_previous
    assert _has_page_field(header._element)
    para = header.paragraphs[0]
    assert _para_fmt(para, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    size = L.PAGE.page_number.size
    assert _run_size(para.runs[0], para) == size or para.style.font.size == Pt(size)
    first = s0.first_page_header
    assert not first.is_linked_to_previous
    assert _text(first._element).strip() == ""
    assert not _has_page_field(first._element)
    assert not dx.sections[0].footer._has_definition


def test_each_appendix_restarts_numbering_and_hides_its_first_number(sample_doc, dx):
    for section, part in zip(dx.sections[1:], sample_doc.parts[1:], strict=True):
        assert part.restart_page_numbers
        pg = section._sectPr.find(qn("w:pgNumType"))
        assert pg is not None and pg.get(qn("w:start")) == "1"
        assert section._sectPr.find(qn("w:titlePg")) is not None
        assert not section.first_page_header.is_linked_to_previous  # its own, empty
        assert _text(section.first_page_header._element).strip() == ""
        assert section.header.is_linked_to_previous  # inherits the PAGE field
        assert _has_page_field(section.header._element)


def test_part_without_restart_resets_title_page(sample_doc, tmp_path):
    parts = list(sample_doc.parts)
    parts.append(D.Part("portrait", (D.Para((D.Run("Phần tiếp theo."),)),), restart_page_numbers=False))
    dx = docx.Document(str(_write(dataclasses.replace(sample_doc, parts=tuple(parts)), tmp_path)))
    last = dx.sections[-1]
    assert not last.different_first_page_header_footer
    assert last._sectPr.find(qn("w:pgNumType")) is None
    assert last.orientation == WD_ORIENT.PORTRAIT


# ---------------------------------------------------------------- header block
def _header_cells(dx):
    table = dx.tables[0]
    return table.rows[0].cells[0], table.rows[0].cells[1], table.rows[1].cells[0], table.rows[1].cells[1]


def test_header_block_is_a_borderless_fixed_two_column_table(dx):
    table = dx.tables[0]
    tbl = table._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    borders = tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    grid = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [twips(L.HEADER.left_mm), twips(L.HEADER.right_mm)]
    for row in table.rows:
        assert [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in row._tr.tc_lst] == grid


def test_header_texts_sizes_and_styles(sample_doc, dx):
    hb = sample_doc.parts[0].blocks[0]
    left, right, number, date = _header_cells(dx)
    paras = [p for p in left.paragraphs if p.text]
    assert [p.text for p in paras] == list(hb.parent_lines + hb.agency_lines)
    for p in paras[: len(hb.parent_lines)]:
        assert _run_size(p.runs[0], p) == 13 and not _run_bold(p.runs[0], p)
    for p in paras[len(hb.parent_lines) :]:
        assert _run_size(p.runs[0], p) == 13 and _run_bold(p.runs[0], p)
    national, motto = [p for p in right.paragraphs if p.text]
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert _run_bold(national.runs[0], national) and _run_size(national.runs[0], national) in (12, 13)
    assert _run_bold(motto.runs[0], motto) and _run_size(motto.runs[0], motto) in (13, 14)
    # 13 pt only if it fits on one line of the right column
    nat_pt = _run_size(national.runs[0], national)
    assert text_width_mm(national.text, nat_pt) <= L.HEADER.right_mm
    assert nat_pt == 13  # the house column is 103 mm
    (num,) = [p for p in number.paragraphs if p.text]
    assert num.text == hb.number and NUMBER_RE.match(num.text)
    assert _run_size(num.runs[0], num) == 13
    (pd,) = [p for p in date.paragraphs if p.text]
    assert pd.text == hb.place_date and DATE_RE.search(pd.text)
    assert pd.runs[0].italic and _run_size(pd.runs[0], pd) == 14
    for p in (num, pd, national, motto, *paras):
        assert _para_fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_draft_blanks_stay_as_editable_spaces(sample_doc, dx):
    hb = sample_doc.parts[0].blocks[0]
    assert "      " in hb.number and "      " in hb.place_date  # the fixture is a draft
    _, _, number, date = _header_cells(dx)
    assert hb.number in number.text and hb.place_date in date.text
    t = number._tc.find(f".//{qn('w:t')}")
    assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


@pytest.mark.parametrize("num,day,month", [("9", 5, 1), ("12", 17, 11), ("", None, 3)])
def test_number_and_date_forms(sample_plan, tmp_path, num, day, month):
    plan = dataclasses.replace(sample_plan, number=num, date=DocDate(2027, month, day))
    dx = docx.Document(str(_write(build_document(plan), tmp_path)))
    _, _, number, date = _header_cells(dx)
    assert NUMBER_RE.match(number.text.strip("\n")), number.text
    assert DATE_RE.search(date.text), date.text


def _rule_length_mm(p_el, avail_mm: float) -> float:
    ind = p_el.find(f"{W}pPr/{W}ind")
    left = int(ind.get(f"{W}left")) / 1440 * 25.4
    right = int(ind.get(f"{W}right")) / 1440 * 25.4
    assert abs(left - right) < 0.1  # centred
    return avail_mm - left - right


def _rules(cell_or_body) -> list:
    return [p for p in cell_or_body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pBdr/{W}top") is not None]


def test_rules_under_agency_and_motto(sample_doc, dx):
    hb = sample_doc.parts[0].blocks[0]
    left, right, _, _ = _header_cells(dx)
    (agency_rule,) = _rules(left._tc)
    agency_w = max(text_width_mm(x, 13) for x in hb.agency_lines)
    length = _rule_length_mm(agency_rule, L.HEADER.left_mm)
    assert agency_w / 3 - 0.2 <= length <= agency_w / 2 + 0.2
    (motto_rule,) = _rules(right._tc)
    assert abs(_rule_length_mm(motto_rule, L.HEADER.right_mm) - text_width_mm(hb.motto, 13)) < 0.2
    # the rule is a paragraph border, in schema order before spacing/ind
    names = [etree.QName(c).localname for c in motto_rule.find(f"{W}pPr")]
    assert names.index("pBdr") < names.index("spacing") < names.index("ind")


def test_title_block(sample_doc, out, dx):
    tb = sample_doc.parts[0].blocks[1]
    texts = [p.text for p in dx.paragraphs]
    i = texts.index(tb.doc_type)
    title = dx.paragraphs[i]
    assert _run_bold(title.runs[0], title) and _run_size(title.runs[0], title) == 14
    assert _para_fmt(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    for k, line in enumerate(tb.summary_lines, 1):
        p = dx.paragraphs[i + k]
        assert p.text == line and _run_bold(p.runs[0], p) and _run_size(p.runs[0], p) == 14
        assert _para_fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    rule = dx.paragraphs[i + len(tb.summary_lines) + 1]._p
    assert rule.find(f"{W}pPr/{W}pBdr/{W}top") is not None
    widest = max(text_width_mm(x, 14) for x in tb.summary_lines)
    text_mm = L.PAGE.width_mm - L.PAGE.margin_left_mm - L.PAGE.margin_right_mm
    assert abs(_rule_length_mm(rule, text_mm) - L.RULE.fraction * widest) < 0.2


def test_title_note_is_italic(sample_doc, tmp_path):
    blocks = list(sample_doc.parts[0].blocks)
    blocks[1] = dataclasses.replace(blocks[1], note="(Ban hành kèm theo Quyết định số 01/QĐ-UBND)")
    doc = dataclasses.replace(sample_doc, parts=(dataclasses.replace(sample_doc.parts[0], blocks=tuple(blocks)),))
    dx = docx.Document(str(_write(doc, tmp_path)))
    (note,) = [p for p in dx.paragraphs if p.text.startswith("(Ban hành")]
    assert note.runs[0].italic and _run_size(note.runs[0], note) == 14


# ---------------------------------------------------------------- body
def _body_paras(sample_doc):
    return [b for b in sample_doc.parts[0].blocks if isinstance(b, D.Para)]


def test_body_paragraphs_keep_text_order_and_styles(sample_doc, dx):
    paras = _body_paras(sample_doc)
    styled = [p for p in dx.paragraphs if p.style.name in PARA_STYLES.values()]
    assert [p.text for p in styled] == [p.text for p in paras]
    assert [p.style.name for p in styled] == [PARA_STYLES[p.style] for p in paras]


def test_heading1_roman_caps_bold(sample_doc, dx):
    heads = [p for p in dx.paragraphs if p.style.name == "KH Muc"]
    assert [p.text for p in heads] == [p.text for p in _body_paras(sample_doc) if p.style == "heading1"]
    assert len(heads) == 3
    for p in heads:
        assert ROMAN_HEADING_RE.match(p.text) and p.text == p.text.upper()
        assert all(_run_bold(r, p) for r in p.runs)
        assert _run_size(p.runs[0], p) == 14
    assert dx.styles["KH Muc"].font.bold
    assert dx.styles["KH Khoan"].font.bold
    assert not dx.styles["KH Diem"].font.bold


def test_body_justified_with_indent_spacing_and_line_height(dx):
    style = dx.styles["KH Body"]
    pf = style.paragraph_format
    assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(pf.first_line_indent - Mm(L.BODY.first_line_indent_mm)) < Mm(0.05)
    assert pf.space_before == Pt(L.BODY.space_before_pt) and pf.space_after == Pt(0)
    assert abs(pf.line_spacing - L.BODY.line_spacing) < 0.01
    assert style.font.size == Pt(L.BODY.text.size)
    body = [p for p in dx.paragraphs if p.style.name in ("KH Body", "KH Bullet", "KH Bullet 2", "KH Can cu")]
    assert body
    for p in body:
        assert _para_fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert abs(_para_fmt(p, "first_line_indent") - Mm(L.BODY.first_line_indent_mm)) < Mm(0.05)
        assert _run_size(p.runs[0], p) == 14


def test_legal_bases_render_run_italic_as_given(sample_plan, tmp_path):
    for italic in (True, False):
        plan = dataclasses.replace(sample_plan, legal_bases_italic=italic)
        dx = docx.Document(str(_write(build_document(plan), tmp_path)))
        bases = [p for p in dx.paragraphs if p.style.name == "KH Can cu"]
        assert len(bases) == 2
        assert all(bool(r.italic) is italic for p in bases for r in p.runs)


def test_body_ends_with_end_mark_and_keeps_with_signature(dx):
    body = [p for p in dx.paragraphs if p.style.name in PARA_STYLES.values()]
    assert body[-1].text.endswith("./.")
    assert body[-1].paragraph_format.keep_with_next


# ---------------------------------------------------------------- signature block
def test_signature_block(sample_doc, dx):
    sb = [b for b in sample_doc.parts[0].blocks if isinstance(b, D.SignatureBlock)][0]
    table = dx.tables[1]
    assert len(table.rows) == 1 and len(table.columns) == 2
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert {b.get(qn("w:val")) for b in table._tbl.tblPr.find(qn("w:tblBorders"))} == {"nil"}
    left, right = table.rows[0].cells
    lp = [p for p in left.paragraphs if p.text]
    assert lp[0].text == "Nơi nhận:"
    assert lp[0].runs[0].bold and lp[0].runs[0].italic and _run_size(lp[0].runs[0], lp[0]) == 12
    assert [p.text for p in lp[1:]] == list(sb.recipients)
    assert all(_run_size(p.runs[0], p) == 11 for p in lp[1:])
    rp = right.paragraphs
    n = len(sb.authority_lines)
    assert [p.text for p in rp[:n]] == list(sb.authority_lines)
    assert all(p.text == "" for p in rp[n : n + 4])
    assert rp[n + 4].text == sb.name and len(rp) == n + 5
    for p in rp[:n] + [rp[n + 4]]:
        assert _run_bold(p.runs[0], p) and _run_size(p.runs[0], p) == 14
        assert _para_fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


# ---------------------------------------------------------------- appendices
def test_appendix_titles(sample_doc, dx):
    titles = [b for p in sample_doc.parts for b in p.blocks if isinstance(b, D.AppendixTitle)]
    texts = [p.text for p in dx.paragraphs]
    for at in titles:
        i = texts.index(at.label)
        label, title, att = dx.paragraphs[i : i + 3]
        assert title.text == at.title and att.text == at.attachment
        for p in (label, title):
            assert _run_bold(p.runs[0], p) and _run_size(p.runs[0], p) == 14
        assert att.runs[0].italic and _run_size(att.runs[0], att) == 14
        assert all(_para_fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER for p in (label, title, att))
        assert dx.paragraphs[i + 3]._p.find(f"{W}pPr/{W}pBdr/{W}top") is not None


def test_appendix_tables_fixed_widths_in_grid_and_every_cell(sample_doc, dx):
    for table, spec in zip(_appendix_tables(dx, sample_doc), sample_doc.tables(), strict=True):
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert grid == [twips(c.width_mm) for c in spec.columns]
        for tr in tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                assert int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == sum(grid[col : col + span])
                col += span
            assert col == len(grid)
        borders = tbl.tblPr.find(qn("w:tblBorders"))
        assert {etree.QName(b).localname for b in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
        assert {b.get(qn("w:val")) for b in borders} == {"single"}


def test_table_header_row_repeats_and_rows_never_split(sample_doc, dx):
    for table, spec in zip(_appendix_tables(dx, sample_doc), sample_doc.tables(), strict=True):
        rows = table._tbl.tr_lst
        assert len(rows) == len(spec.rows) + 1
        head = rows[0].trPr
        names = [etree.QName(c).localname for c in head]
        assert names == ["cantSplit", "tblHeader"]  # schema order
        assert [c.text for c in table.rows[0].cells] == [c.header for c in spec.columns]
        for cell in table.rows[0].cells:
            p = cell.paragraphs[0]
            assert _run_bold(p.runs[0], p) and _para_fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        for tr in rows[1:]:
            assert tr.trPr.find(qn("w:cantSplit")) is not None
            assert tr.trPr.find(qn("w:tblHeader")) is None
            for tc in tr.tc_lst:
                assert tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "top"


def test_table_text_12pt_and_column_alignment(sample_doc, dx):
    for table, spec in zip(_appendix_tables(dx, sample_doc), sample_doc.tables(), strict=True):
        want = {"left": None, "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
        for row, r in zip(table.rows[1:], spec.rows, strict=True):
            if r.kind != "task":
                continue
            for cell, col in zip(row.cells, spec.columns, strict=True):
                p = cell.paragraphs[0]
                align = _para_fmt(p, "alignment")
                assert align in ((want[col.align],) if col.align != "left" else (None, WD_ALIGN_PARAGRAPH.LEFT))
                if p.runs:
                    assert _run_size(p.runs[0], p) == L.TABLE.text.size


def test_group_rows_bold_and_merged(sample_doc, dx):
    seen = 0
    for table, spec in zip(_appendix_tables(dx, sample_doc), sample_doc.tables(), strict=True):
        n = len(spec.columns)
        for tr, r in zip(table._tbl.tr_lst[1:], spec.rows, strict=True):
            if r.kind != "group":
                continue
            seen += 1
            tcs = tr.tc_lst
            assert len(tcs) == 2 and tcs[1].grid_span == n - 1
            assert [_text(tc) for tc in tcs] == list(r.cells[:2])
            for tc in tcs:
                for run in tc.iter(qn("w:r")):
                    assert run.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
    assert seen >= 7 + 7  # Phụ lục I and III group by area


def test_numbered_rows_stt_equal_build_labels(sample_doc, dx):
    for table, spec in zip(_appendix_tables(dx, sample_doc), sample_doc.tables(), strict=True):
        got = [_text(tr.tc_lst[0]) for tr in table._tbl.tr_lst[1:]]
        assert got == [r.cells[0] for r in spec.rows]
    first = sample_doc.tables()[0]
    assert {"1", "2", "2.1", "2.2", "I", "VII"} <= {r.cells[0] for r in first.rows}


def test_every_cell_text_rendered_verbatim(sample_doc, dx):
    for table, spec in zip(_appendix_tables(dx, sample_doc), sample_doc.tables(), strict=True):
        for tr, r in zip(table._tbl.tr_lst[1:], spec.rows, strict=True):
            cells = ["\n".join(_text(p) for p in tc.iter(qn("w:p"))) for tc in tr.tc_lst]
            want = list(r.cells) if r.kind == "task" else list(r.cells[:2])
            assert cells == want


def test_subtasks_indented(sample_doc, dx):
    table, spec = _appendix_tables(dx, sample_doc)[0], sample_doc.tables()[0]
    content = [c.key for c in spec.columns].index("content")
    for tr, r in zip(table._tbl.tr_lst[1:], spec.rows, strict=True):
        if r.kind != "task":
            continue
        ind = tr.tc_lst[content].find(f".//{qn('w:ind')}")
        if r.depth > 0:
            assert ind is not None and int(ind.get(qn("w:left"))) > 0
        else:
            assert ind is None


def test_formula_like_text_verbatim(out):
    text = _text(_xml(out, "word/document.xml"))
    for s in ('=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+2"):
        assert s in text


# ---------------------------------------------------------------- text hygiene
def test_all_text_nfc(out):
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                data = z.read(name).decode("utf-8")
                assert unicodedata.is_normalized("NFC", data), name


def test_nfd_input_written_nfc(sample_doc, tmp_path):
    nfd = unicodedata.normalize("NFD", "Cải cách hành chính phường Phú Sơn")
    blocks = list(sample_doc.parts[0].blocks) + [D.Para((D.Run(nfd),))]
    doc = dataclasses.replace(sample_doc, parts=(D.Part("portrait", tuple(blocks)),))
    dx = docx.Document(str(_write(doc, tmp_path)))
    assert unicodedata.normalize("NFC", nfd) in [p.text for p in dx.paragraphs]


ODD = (
    "😀👩‍👩‍👧 \u200b\u200d\u202e مرحبا \U0001f1fb\U0001f1f3 \ufeff\ufdd0 a\u0301 \ud83d lone \x01\x0b\x1f\x7f\x9f "
    "\ufffe\uffff tab\there line\nbreak cr\r\nlf \u2028 & < > ]]> \"' 𝔘𝔫𝔦"
)


def test_odd_unicode_in_cells_and_text_does_not_raise(sample_doc, tmp_path):
    table = sample_doc.tables()[0]
    cols = len(table.columns)
    rows = table.rows + (
        D.Row("task", ("99",) + (ODD,) * (cols - 1), depth=2),
        D.Row("group", ("X", ODD)),
        D.Row("task", ("1",)),
    )  # too few cells: padded
    odd_table = dataclasses.replace(table, rows=rows)
    parts = list(sample_doc.parts)
    parts[1] = dataclasses.replace(parts[1], blocks=(parts[1].blocks[0], odd_table))
    parts[0] = dataclasses.replace(parts[0], blocks=parts[0].blocks + (D.Para((D.Run(ODD, bold=True),)),))
    meta = dataclasses.replace(sample_doc.meta, title=ODD, keywords=(ODD,), author=ODD, language='vi-VN"<&')
    doc = D.Document(meta, tuple(parts))
    path = _write(doc, tmp_path)
    dx = docx.Document(str(path))  # well-formed XML
    text = _text(_xml(path, "word/document.xml"))
    assert "😀👩‍👩‍👧" in text and "مرحبا" in text and "𝔘𝔫𝔦" in text and "& < > ]]>" in text
    assert "\x01" not in text and "\ufffe" not in text
    last = _appendix_tables(dx, sample_doc)[0].rows[-1]
    assert last.cells[0].text == "1"
    assert clean(ODD) == unicodedata.normalize("NFC", clean(ODD))


def test_clean_never_raises():
    for s in ("\x00", "\ud800", "\udfff\ud800", "a\u0301", "", "\U0010ffff", "\r\n\r"):
        out = clean(s)
        assert "\x00" not in out and "\r" not in out
    assert clean(None) == ""


def test_core_properties(sample_doc, dx):
    cp = dx.core_properties
    m = sample_doc.meta
    assert cp.title == m.title and cp.author == m.author and cp.subject == m.subject
    assert cp.keywords == ", ".join(m.keywords)
    assert cp.language == "vi-VN"
    assert "python-docx" not in (cp.comments or "") + (cp.author or "") + (cp.last_modified_by or "")


def test_no_template_leftovers(out):
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert "word/stylesWithEffects.xml" not in names
        assert "docProps/thumbnail.jpeg" not in names
        assert b"<Application>K" in z.read("docProps/app.xml")


def test_empty_document_still_valid(tmp_path):
    doc = D.Document(D.Meta(title="", author="", subject=""), ())
    dx = docx.Document(str(_write(doc, tmp_path)))
    assert len(dx.sections) == 1 and abs(dx.sections[0].page_width - Mm(210)) < Mm(0.1)


# ---------------------------------------------------------------- speed
def test_speed_normal_plan(sample_doc, tmp_path):
    write_docx(sample_doc, tmp_path / "warm.docx")
    write_docx(sample_doc, tmp_path / "a.docx")
    assert (tmp_path / "a.docx").read_bytes()[:2] == b"PK"


def test_speed_2000_tasks(tmp_path):
    doc = build_document(make_plan(tasks_per_area=285))
    write_docx(doc, tmp_path / "big.docx")  # its speed is measured in bench/bench_export.py
    assert len(docx.Document(str(tmp_path / "big.docx")).tables) >= 1
