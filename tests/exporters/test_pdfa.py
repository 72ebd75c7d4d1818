"""PDF/A-2b from the PDF writer (write_pdf(..., pdfa=True)): what it adds, and what it leaves alone
(the pages, a plain export, the blank number and day). The rules themselves are checked by
pdfa_check.py; tests/exporters/test_pdfa_exports.py checks whole exports made by the CLI.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters import document as D
from exporters.build import build_document
from exporters.pdf_writer import write_pdf


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_exporters_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_plan = _load("conftest").make_plan
check = _load("pdfa_check")
pdfa_problems, icc_header = check.pdfa_problems, check.icc_header
ROOT = Path(__file__).resolve().parents[2]


def _text(reader: PdfReader) -> str:
    return " ".join(unicodedata.normalize("NFC", " ".join(p.extract_text().split())) for p in reader.pages)


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def doc():
    return build_document(make_plan())


@pytest.fixture(scope="module")
def pdfa(doc, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdfa") / "plan.pdf"
    write_pdf(doc, path, pdfa=True)
    return path


@pytest.fixture
def invariant(monkeypatch):
    """reportlab's reproducible mode: a fixed timestamp and /ID, so two writes can be compared byte for byte."""
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)


# ---------------------------------------------------------------- tests
def test_pdfa_export_breaks_none_of_the_checked_rules(doc, pdfa, tmp_path):
    plain = tmp_path / "plain.pdf"
    write_pdf(doc, plain)
    found = " | ".join(pdfa_problems(plain))  # the checker sees what a plain export lacks
    for rule in ("6.1.7: stream", "6.6.2.1: no /Metadata", "6.2.3: no /OutputIntents"):
        assert rule in found
    assert pdfa_problems(pdfa) == []


def test_xmp_identifies_pdfa_2b_and_repeats_the_info_dictionary(pdfa, doc):
    reader = PdfReader(str(pdfa))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": doc.meta.title}
    assert reader.metadata.title == doc.meta.title and "Cải cách hành chính năm 2027" in doc.meta.title
    assert xmp.dc_creator == [doc.meta.author]
    assert xmp.xmp_create_date is not None and xmp.xmp_modify_date is not None
    assert reader.metadata.creation_date == reader.metadata.modification_date
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in raw and "<pdfaid:conformance>B</pdfaid:conformance>" in raw


def test_output_intent_carries_the_shipped_srgb_profile(pdfa):
    from exporters.pdfa import icc_profile

    intent = PdfReader(str(pdfa)).trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data() == icc_profile()
    assert icc_header(profile.get_data()) == ("mntr", "RGB ", 2)
    assert (ROOT / "resources" / "icc" / "LICENSE-sRGB.txt").is_file()


def test_every_font_on_every_page_is_an_embedded_truetype_subset(pdfa):
    from exporters.fonts import reportlab_faces

    seen = set()
    for page in PdfReader(str(pdfa)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/FontDescriptor"].get_object()
            assert font["/Subtype"] == "/TrueType" and "/FontFile2" in desc, font
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    assert seen == set(reportlab_faces().values())  # all four faces drawn, each embedded


def test_pages_are_drawn_exactly_as_in_the_plain_pdf(doc, tmp_path, invariant):
    plain, archival = tmp_path / "plain.pdf", tmp_path / "a.pdf"
    write_pdf(doc, plain)
    write_pdf(doc, archival, pdfa=True)
    a, b = PdfReader(str(plain)), PdfReader(str(archival))
    assert len(a.pages) == len(b.pages)
    for pa, pb in zip(a.pages, b.pages, strict=True):
        assert pa.get_contents().get_data() == pb.get_contents().get_data()
        assert pa.mediabox == pb.mediabox


def test_a_plain_export_is_byte_for_byte_what_it_was(doc, tmp_path, invariant):
    """Writing a PDF/A installs the stream framing on reportlab's class; a plain document must not see it."""
    import exporters.pdfa  # noqa: F401 (the framing is installed)

    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    write_pdf(doc, first)
    write_pdf(doc, tmp_path / "a.pdf", pdfa=True)
    write_pdf(doc, second)
    assert first.read_bytes() == second.read_bytes()
    raw = first.read_bytes()
    assert b"/OutputIntents" not in raw and b"/Metadata" not in raw and b"/Trapped" in raw


def test_number_and_day_stay_blank_for_the_clerk(doc, pdfa):
    header = doc.parts[0].blocks[0]
    assert isinstance(header, D.HeaderBlock)
    text = _text(PdfReader(str(pdfa)))
    assert " ".join(header.number.split()) == "Số: /KH-UBND"  # Điều 15: the clerk writes number and date
    assert "Số: /KH-UBND" in text
    assert " ".join(header.place_date.split()) in text and "ngày tháng 01 năm 2027" in text


def test_an_empty_document_is_pdfa_too(tmp_path):
    path = tmp_path / "empty.pdf"
    write_pdf(D.Document(D.Meta("", "", ""), ()), path, pdfa=True)
    assert pdfa_problems(path) == []


def test_a_stream_whose_data_ends_in_cr_keeps_its_length_exact(tmp_path):
    """The EOL added before "endstream" is never part of the data: CR LF after a final CR."""
    from reportlab.pdfbase import pdfdoc

    from exporters.fonts import reportlab_faces
    from exporters.pdfa import canvas as pdfa_canvas

    path = tmp_path / "cr.pdf"
    c = pdfa_canvas(str(path), initialFontName=reportlab_faces()["regular"])
    c.setTitle("CR")
    c.line(10, 10, 100, 100)
    c.showPage()
    ending_in_cr = pdfdoc.PDFStream(content=b"1 0 0 1 0 0 cm\r")
    c._doc.Reference(ending_in_cr)
    c.save()
    raw = path.read_bytes()
    assert b"/Length 15\n>>\nstream\n1 0 0 1 0 0 cm\r\r\nendstream\n" in raw
    assert pdfa_problems(path) == []


def test_the_checker_sees_encryption_a_font_left_out_and_transparency(tmp_path):
    """What the exports must never have, drawn on purpose, is reported: the checker can fail."""
    from exporters.pdfa import canvas as pdfa_canvas

    locked = tmp_path / "locked.pdf"
    c = pdfa_canvas(str(locked), encrypt="mật khẩu")
    c.showPage()
    c.save()
    assert pdfa_problems(locked) == ["6.1.3: encrypted (/Encrypt in the trailer)"]
    path = tmp_path / "bad.pdf"
    c = pdfa_canvas(str(path))
    c.setFont("Helvetica", 12)  # a standard-14 font: never embedded by reportlab
    c.drawString(72, 720, "Helvetica")
    c.setFillAlpha(0.5)
    c.rect(72, 600, 100, 50, fill=1)
    c.showPage()
    c.save()
    found = " | ".join(pdfa_problems(path))
    assert "6.2.11.4: standard-14 font Helvetica in page 1" in found
    assert "transparency in page 1" in found


def test_a_missing_profile_is_named_and_leaves_no_file(doc, tmp_path, monkeypatch):
    """Not "cannot write <her PDF>": the message names the profile, and nothing is written."""
    import exporters.pdfa
    from app.errors import InvalidInput
    from exporters.api import write

    monkeypatch.setattr(exporters.pdfa, "resource_dir", lambda: tmp_path / "resources")
    exporters.pdfa._icc_bytes.cache_clear()
    try:
        with pytest.raises(InvalidInput) as err:
            write(doc, "pdf", tmp_path / "kh.pdf", pdfa=True)
    finally:
        exporters.pdfa._icc_bytes.cache_clear()
    assert str(err.value) == (
        f"Thiếu tệp hồ sơ màu «{tmp_path / 'resources' / 'icc' / 'sRGB.icc'}» để tạo PDF/A; hãy cài lại chương trình."
    )
    assert list(tmp_path.iterdir()) == []
