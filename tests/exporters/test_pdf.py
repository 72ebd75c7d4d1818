"""The PDF export, read back with pypdf only (no poppler, no LibreOffice).

Checks the Nghị định 30/2020 layout ([house] values of docs/format-nd30.md) and that the writer
only renders: every text, number and label is what build.py put in the Document.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters import document as D
from exporters import layout as L
from exporters.build import build_document
from exporters.fonts import serif_family
from exporters.pdf_text import SUBSTITUTE
from exporters.pdf_writer import write_pdf

# tests/ is not a package: load this folder's conftest by path for make_plan and LONG.
_spec = importlib.util.spec_from_file_location("_exporters_conftest_pdf", Path(__file__).with_name("conftest.py"))
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
LONG, make_plan = _conftest.LONG, _conftest.make_plan

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


# ---------------------------------------------------------------- helpers
def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclasses.dataclass
class Pdf:
    path: Path
    pages_returned: int
    reader: PdfReader

    @functools.cached_property
    def texts(self) -> list[str]:
        """Per page, whitespace-normalised, NFC."""
        return [_norm(p.extract_text()) for p in self.reader.pages]

    @property
    def all_text(self) -> str:
        return " ".join(self.texts)


def _render(doc: D.Document, path: Path) -> Pdf:
    n = write_pdf(doc, path)
    return Pdf(path, n, PdfReader(str(path)))


def _spans(page) -> list[tuple[str, float, float, str, float]]:
    """(text, x, y, base font, size) of every text run on a page, in drawing order."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str(font.get("/BaseFont", "")) if font else ""
            out.append((text.strip(), x, y, base, size * abs(tm[0] or 1)))

    page.extract_text(visitor_text=visit)
    return out


def _top_margin(page) -> list[str]:
    """Texts whose baseline lies in the top margin (where the page number goes)."""
    h = float(page.mediabox.height)
    return [t for t, _, y, _, _ in _spans(page) if y > h - L.PAGE.margin_top_mm * MM]


def _landscape(page) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


def _appendix_starts(pdf: Pdf) -> list[int]:
    return [i for i, t in enumerate(pdf.texts) if re.match(r"^Phụ lục [IVX\d]", t)]


@pytest.fixture(scope="module")
def plan():
    return make_plan()


@pytest.fixture(scope="module")
def doc(plan):
    return build_document(plan)


@pytest.fixture(scope="module")
def pdf(doc, tmp_path_factory) -> Pdf:
    return _render(doc, tmp_path_factory.mktemp("pdf") / "plan.pdf")


# ---------------------------------------------------------------- pages
def test_page_count_returned(pdf):
    assert pdf.pages_returned == len(pdf.reader.pages) > 5


def test_pages_are_a4_portrait_then_landscape(pdf, doc):
    kinds = []
    for page in pdf.reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        size = (h, w) if w > h else (w, h)
        assert abs(size[0] - A4[0]) < MM and abs(size[1] - A4[1]) < MM, (w, h)
        kinds.append("landscape" if w > h else "portrait")
    # the body (portrait) first, then the appendices (landscape), each part on new pages
    first_landscape = kinds.index("landscape")
    assert set(kinds[:first_landscape]) == {"portrait"}
    assert set(kinds[first_landscape:]) == {"landscape"}
    starts = _appendix_starts(pdf)
    assert starts[0] == first_landscape
    assert len(starts) == len([p for p in doc.parts if p.orientation == "landscape"]) == 3
    assert [pdf.texts[i].split()[2] for i in starts] == ["I", "II", "III"]


def test_fonts_embedded_and_serif(pdf):
    family = serif_family().name
    seen = set()
    for page in pdf.reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font["/BaseFont"]).lstrip("/")
            seen.add(base.split("+", 1)[-1])
            assert base.split("+", 1)[-1].startswith(family), base
            assert "Helvetica" not in base
            fonts_to_check = [font]
            if "/DescendantFonts" in font:
                fonts_to_check = [d.get_object() for d in font["/DescendantFonts"]]
            for f in fonts_to_check:
                desc = f["/FontDescriptor"].get_object()
                assert "/FontFile2" in desc, base  # an embedded TrueType program
    # regular, bold, italic and bold italic are real faces, not synthesised
    assert len(seen) == 4, seen


def test_page_numbers_in_body(pdf):
    pages = pdf.reader.pages
    body = _appendix_starts(pdf)[0]
    assert _top_margin(pages[0]) == []
    for i in range(1, body):
        assert _top_margin(pages[i]) == [str(i + 1)]
    # 14 pt, centred over the text area
    page = pages[1]
    text, x, _, _, size = next(s for s in _spans(page) if s[0] == "2")
    assert size == pytest.approx(L.PAGE.page_number.size)
    left, right = L.PAGE.margin_left_mm, L.PAGE.margin_right_mm
    centre = left * MM + (float(page.mediabox.width) - (left + right) * MM) / 2
    assert abs(x + 3.5 - centre) < 2  # "2" is 7 pt wide at 14 pt


def test_each_appendix_restarts_and_hides_its_first_number(pdf):
    pages = pdf.reader.pages
    starts = _appendix_starts(pdf)
    ends = starts[1:] + [len(pages)]
    assert any(e - s > 1 for s, e in zip(starts, ends, strict=True))  # the first appendix runs over several pages
    for s, e in zip(starts, ends, strict=True):
        assert _top_margin(pages[s]) == []
        for k in range(s + 1, e):
            assert _top_margin(pages[k]) == [str(k - s + 1)]


def test_text_stays_inside_the_margins(pdf):
    for page in pdf.reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        for text, x, y, _, _ in _spans(page):
            assert x >= L.PAGE.margin_left_mm * MM - 0.5 and x < w - L.PAGE.margin_right_mm * MM, (text, x)
            assert y >= L.PAGE.margin_bottom_mm * MM - 0.5, (text, y)
            if y > h - L.PAGE.margin_top_mm * MM:
                assert text.isdigit(), text  # only the page number sits in the top margin


# ---------------------------------------------------------------- text
def test_header_and_title_texts(pdf, doc):
    header = doc.parts[0].blocks[0]
    assert isinstance(header, D.HeaderBlock)
    first = pdf.texts[0]
    for line in (
        *header.parent_lines,
        *header.agency_lines,
        header.national,
        header.motto,
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2027",
    ):
        assert _norm(line) in first, line
    # the draft blanks keep their width: runs of spaces survive (as spaces or no-break spaces)
    raw = unicodedata.normalize("NFC", pdf.reader.pages[0].extract_text())
    assert re.search(r"Số:[\s\u00a0]{3,}/KH-UBND", raw)
    assert re.search(r"Phú Sơn, ngày[\s\u00a0]{3,}tháng 01 năm 2027", raw)
    assert "Phú Sơn, ngày tháng 01 năm 2027" in first


def test_body_headings_and_paragraphs(pdf, doc):
    text = pdf.all_text
    for heading in (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG, NHIỆM VỤ",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Cải cách thể chế",
        "a) Mục tiêu",
        "b) Nhiệm vụ",
    ):
        assert heading in text
    for block in doc.parts[0].blocks:
        if isinstance(block, D.Para):
            assert _norm(block.text)[:200] in text, block.text[:60]
    assert "- Rà soát văn bản." in text and "+ Công khai kết quả." in text
    assert "Các phòng triển khai thực hiện Kế hoạch này./." in text


def test_decimal_headings(plan, tmp_path):
    decimal = dataclasses.replace(plan, heading_numbering=("roman", "arabic", "decimal"))
    out = _render(build_document(decimal), tmp_path / "decimal.pdf")
    assert "2.1. Mục tiêu" in out.all_text and "2.2. Nhiệm vụ" in out.all_text


def test_signature_block(pdf, doc):
    sig = next(b for b in doc.parts[0].blocks if isinstance(b, D.SignatureBlock))
    body_end = _appendix_starts(pdf)[0] - 1
    last = pdf.texts[body_end]
    for line in (sig.recipients_title, *sig.recipients, *sig.authority_lines, sig.name):
        assert _norm(line) in last, line  # all on one page


def test_signature_block_never_splits(plan, tmp_path):
    # push the end of the body down step by step: the signature block always moves as a whole,
    # with the paragraph before it (and that paragraph's heading)
    for extra in range(0, 14, 2):
        sections = plan.sections + tuple(
            dataclasses.replace(plan.sections[-1], heading=f"PHẦN THÊM {i}") for i in range(extra)
        )
        body_only = dataclasses.replace(plan, sections=sections, appendices=())
        out = _render(build_document(body_only), tmp_path / f"s{extra}.pdf")
        pages = {i for i, t in enumerate(out.texts) for line in ("Nơi nhận:", "CHỦ TỊCH", "Nguyễn Văn An") if line in t}
        assert len(pages) == 1, (extra, pages)
        assert "Kế hoạch này./. Nơi nhận:" in out.texts[pages.pop()]


def test_every_table_cell_text(pdf, doc):
    text = pdf.all_text
    for table in doc.tables():
        for col in table.columns:
            assert _norm(col.header) in text
        for row in table.rows:
            for cell in row.cells:
                if cell:
                    assert _norm(cell)[:300] in text, cell[:60]
    # the long task is complete: its end is printed too
    assert _norm(LONG)[-200:] in text


def test_group_titles_and_subtask_labels(pdf, doc):
    table = doc.tables()[0]
    groups = [r for r in table.rows if r.kind == "group"]
    assert len(groups) == 7
    text = pdf.all_text
    for g in groups:
        assert f"{g.cells[0]} {_norm(g.cells[1])}" in text
    assert "2.1 Nhiệm vụ con thứ nhất" in text


def test_styles_of_runs(pdf):
    spans = _spans(pdf.reader.pages[0])

    def face(prefix):
        return next(s for s in spans if s[0].startswith(prefix))

    assert face("CỘNG HÒA")[3].endswith("-Bold") and face("CỘNG HÒA")[4] in (12, 13)
    assert face("Độc lập")[3].endswith("-Bold")
    assert face("ỦY BAN NHÂN DÂN")[3].endswith("-Bold") and face("ỦY BAN NHÂN DÂN")[4] == 13
    assert not face("UBND TỈNH")[3].endswith(("-Bold", "-Italic"))
    assert face("Phú Sơn, ngày")[3].endswith("-Italic") and face("Phú Sơn, ngày")[4] == 14
    assert face("Căn cứ Luật")[3].endswith("-Italic")  # legal bases italic in this plan
    assert face("I. MỤC ĐÍCH")[3].endswith("-Bold") and face("I. MỤC ĐÍCH")[4] == L.BODY.text.size
    assert face("a) Mục tiêu")[3].split("+")[-1] == serif_family().name  # điểm: regular
    body_end = _appendix_starts(pdf)[0] - 1
    last = _spans(pdf.reader.pages[body_end])
    noi_nhan = next(s for s in last if s[0].startswith("Nơi nhận"))
    assert noi_nhan[3].endswith("-BoldItalic") and noi_nhan[4] == 12
    assert next(s for s in last if s[0].startswith("- Lưu"))[4] == 11
    assert next(s for s in last if s[0] == "Nguyễn Văn An")[3].endswith("-Bold")


def test_body_indent_and_justification(pdf):
    spans = _spans(pdf.reader.pages[0])
    left = L.PAGE.margin_left_mm * MM
    first = next(s for s in spans if s[0].startswith("Ủy ban nhân dân phường"))
    assert first[1] == pytest.approx(left + L.BODY.first_line_indent_mm * MM, abs=0.5)
    second = next(s for s in spans if s[0].startswith("năm 2027 như sau"))
    assert second[1] == pytest.approx(left, abs=0.5)


def test_table_header_repeated_once_at_the_top_of_every_page(pdf):
    pages = pdf.reader.pages
    starts = _appendix_starts(pdf)
    for i in range(starts[0], starts[1]):
        spans = _spans(pages[i])
        stt = [s for s in spans if s[0] == "STT"]
        assert len(stt) == 1, i  # never a second header in the middle of a page
        assert stt[0][3].endswith("-Bold") and stt[0][4] == L.TABLE.text.size
        if i > starts[0]:
            body = [s for s in spans if not s[0].isdigit() or s[2] < float(pages[i].mediabox.height) - 20 * MM]
            assert max(s[2] for s in body) - stt[0][2] < 20  # the header is the first row on the page


def _table_gaps(path: Path) -> list[float]:
    """On every landscape page: the distance (pt) from the bottom of each line of table text (as
    inked, descenders and dots below included) down to the nearest rule under it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    gaps = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            if page.get_width() < page.get_height():
                continue
            rules, texts = [], []
            for obj in page.get_objects(max_depth=5):
                left, bottom, right, top = obj.get_bounds()
                if obj.type == raw.FPDF_PAGEOBJ_PATH and top - bottom < 1.5 and right - left > 5:
                    rules.append(((bottom + top) / 2, left, right))
                elif obj.type == raw.FPDF_PAGEOBJ_TEXT:
                    texts.append((bottom, (left + right) / 2))
            for bottom, x in texts:
                below = [y for y, x0, x1 in rules if y < bottom and x0 <= x <= x1]
                if below and rules:
                    gaps.append(bottom - max(below))
    finally:
        document.close()
    return gaps


def test_table_text_never_touches_the_rule_under_it(pdf):
    # reportlab set the first baseline a font size under the top of a cell's text (Word: an
    # ascent), so the last line's descenders ran into the bottom border. At least the house
    # padding now lies between the ink and the rule, as in the Word file.
    gaps = _table_gaps(pdf.path)
    assert len(gaps) > 100
    assert min(gaps) >= L.TABLE.pad_y_pt - 0.05


def test_nfc_everywhere(pdf):
    for t in pdf.texts:
        assert unicodedata.is_normalized("NFC", t)


# ---------------------------------------------------------------- metadata
def test_metadata(pdf, doc):
    meta = pdf.reader.metadata
    assert meta.title == doc.meta.title and "Cải cách hành chính năm 2027" in meta.title
    assert meta.author == doc.meta.author
    assert meta.subject == doc.meta.subject
    assert meta.creator == doc.meta.creator
    assert "cải cách hành chính" in meta["/Keywords"]
    assert pdf.reader.trailer["/Root"]["/Lang"] == "vi-VN"


# ---------------------------------------------------------------- hostile input
HOSTILE = (
    "Emoji 😀👍🏽👨‍👩‍👧 ✔️ dấu e\u0301\u0323 NFD Nguye\u0302\u0303n CJK 中文 RTL مرحبا "
    "ctrl\x00\x07\x1b\x0b\ttab lone\ud800 <b>bold?</b> &amp; & < > \"' "
    + "https://example.gov.vn/"
    + "a" * 120
    + " \u200b\ufeff\u2028end"
)


def _table_doc(rows, columns=None, header="Nội dung") -> D.Document:
    cols = columns or (
        D.Column("stt", "STT", 12, "center"),
        D.Column("content", header, 140, "justify"),
        D.Column("lead", "Đơn vị", 100, "left"),
    )
    return D.Document(
        D.Meta("t", "a", "s"),
        (
            D.Part(
                "landscape", (D.AppendixTitle("Phụ lục I", "X", "(Kèm theo)"), D.Table(cols, tuple(rows), "x")), True
            ),
        ),
    )


def test_hostile_text_never_raises(tmp_path):
    rows = [
        D.Row("group", ("I", HOSTILE)),
        D.Row("task", ("1", HOSTILE, HOSTILE)),
        D.Row("task", ("1.1", HOSTILE, ""), depth=1),
        D.Row("task", ("2",)),
        D.Row("task", ("3", "a", "b", "c", "d")),
        D.Row("group", ("II",)),
        D.Row("group", ()),
    ]
    doc = D.Document(
        D.Meta(HOSTILE, HOSTILE, HOSTILE, keywords=(HOSTILE,)),
        (
            D.Part(
                "portrait",
                (
                    D.HeaderBlock((HOSTILE,), (HOSTILE,), HOSTILE, HOSTILE, HOSTILE, HOSTILE),
                    D.TitleBlock(HOSTILE, (HOSTILE,), HOSTILE),
                    D.Para((D.Run(HOSTILE, True, True), D.Run(HOSTILE)), "heading1"),
                    D.Para((D.Run(HOSTILE),), "no-such-style"),
                    D.SignatureBlock((HOSTILE,) * 3, (HOSTILE,), HOSTILE),
                ),
            ),
            D.Part(
                "landscape", (D.AppendixTitle(HOSTILE, HOSTILE, HOSTILE), *_table_doc(rows).parts[0].blocks[1:]), True
            ),
            D.Part("portrait", ()),
            D.Part("landscape", (D.Table((), (), "y"),)),
        ),
    )
    out = _render(doc, tmp_path / "hostile.pdf")
    text = out.all_text
    assert "<b>bold?</b> &amp; & < >" in text  # markup characters are printed, not interpreted
    assert "Nguyễn" in text and "ctrl" in text and "tab" in text
    assert SUBSTITUTE in text  # emoji and CJK: a visible box, no crash and no NUL
    assert "\x00" not in text
    assert out.reader.metadata.title.startswith("Emoji")
    assert all(out.texts)  # parts with nothing to print add no blank page
    assert _landscape(out.reader.pages[-1])


def test_nfd_input_prints_composed_text(tmp_path):
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn An, Ủy ban nhân dân phường Phú Sơn")
    out = _render(_table_doc([D.Row("task", ("1", nfd, nfd))]), tmp_path / "nfd.pdf")
    assert out.all_text.count("Nguyễn Văn An, Ủy ban nhân dân phường Phú Sơn") == 2
    assert SUBSTITUTE not in out.all_text


def test_cell_longer_than_a_page_splits(tmp_path):
    huge = " ".join(f"Câu số {i} của một ô rất dài, dài hơn một trang giấy." for i in range(400))
    rows = [D.Row("task", (str(i), f"Nhiệm vụ {i}", "Phòng")) for i in range(1, 12)]
    rows.insert(5, D.Row("task", ("99", huge, huge[:3000])))
    rows.insert(0, D.Row("group", ("I", huge[:5000])))
    out = _render(_table_doc(rows), tmp_path / "long.pdf")
    assert len(out.reader.pages) >= 4
    text = out.all_text
    assert "Câu số 0 của" in text and "Câu số 399 của một ô rất dài, dài hơn một trang giấy." in text
    assert "Nhiệm vụ 11" in text
    for i, page in enumerate(out.reader.pages):
        assert [s for s in _spans(page) if s[0] == "STT"], i  # the header on every page


def test_absurd_column_header(tmp_path):
    header = "Tiêu đề cột rất dài " * 300
    out = _render(_table_doc([D.Row("task", ("1", "a", "b"))], header=header), tmp_path / "hdr.pdf")
    assert "Tiêu đề cột rất dài" in out.all_text


def test_5000_rows(tmp_path):
    rows = [D.Row("task", (str(i), f"Nhiệm vụ {i}", "Phòng Văn hóa - Xã hội")) for i in range(1, 5001)]
    out = _render(_table_doc(rows), tmp_path / "5000.pdf")
    assert out.pages_returned == len(out.reader.pages) > 50
    assert "Nhiệm vụ 1 " in _norm(out.reader.pages[0].extract_text())
    assert "Nhiệm vụ 5000" in _norm(out.reader.pages[-1].extract_text())


def test_empty_document(tmp_path):
    out = _render(D.Document(D.Meta("", "", ""), ()), tmp_path / "empty.pdf")
    page = out.reader.pages[0]
    assert out.pages_returned == 1
    assert abs(float(page.mediabox.width) - A4[0]) < MM


# ---------------------------------------------------------------- speed
def test_speed_normal_plan(doc, tmp_path):
    write_pdf(doc, tmp_path / "warm.pdf")
    assert write_pdf(doc, tmp_path / "a.pdf") == write_pdf(doc, tmp_path / "b.pdf")


def test_speed_2000_tasks(tmp_path):
    big = build_document(make_plan(tasks_per_area=285))
    write_pdf(D.Document(D.Meta("", "", ""), ()), tmp_path / "warm.pdf")
    pages = write_pdf(big, tmp_path / "big.pdf")  # its speed is measured in bench/bench_export.py
    assert pages > 300
