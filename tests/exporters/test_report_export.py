"""The periodic report exports to DOCX, PDF and XLSX with the plan's format checks (Nghị định 30/2020)."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import unicodedata
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from app.model import DocDate
from app.tracking.calendar import default_periods, period_by_key
from app.tracking.report import build_report
from exporters import layout as L
from exporters.api import ExportRequest, export_report
from exporters.document import AppendixTitle, HeaderBlock, Para, SignatureBlock, Table, TitleBlock
from exporters.report_build import build_report_document

_spec = importlib.util.spec_from_file_location(
    "_report_test", Path(__file__).resolve().parents[1] / "app" / "test_report.py"
)
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
known_plan, records = _mod.known_plan, _mod.records

NUMBER_RE = re.compile(r"^Số:\s*(0[1-9]|[1-9]\d+)?\s*/BC-[A-ZĐ]+$")
DATE_RE = re.compile(r", ngày (0[1-9]|[12]\d|3[01]|\s+) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
MM = 72 / 25.4


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def report():
    period = period_by_key(default_periods(2027), "6m")
    return build_report(known_plan(), records(), period, date(2027, 6, 20), target_values={11: 93.5, 12: 87})


@pytest.fixture(scope="module")
def doc(report):
    return build_report_document(report)


@pytest.fixture(scope="module")
def files(report, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    written = export_report(report, ExportRequest(docx=out / "bao-cao", pdf=out / "bao-cao", xlsx=out / "bao-cao"))
    return dict(zip(("docx", "pdf", "xlsx"), written, strict=True))


def test_document_blocks(doc, report):
    body, appendix = doc.parts
    assert body.orientation == "portrait" and appendix.orientation == "landscape" and appendix.restart_page_numbers
    hb, title = body.blocks[0], body.blocks[1]
    assert isinstance(hb, HeaderBlock) and isinstance(title, TitleBlock)
    assert hb.agency_lines == ("ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ SƠN")
    assert hb.parent_lines == ("UBND TỈNH THANH HÓA",)
    assert NUMBER_RE.match(hb.number) and hb.number == "Số:      /BC-UBND"
    assert DATE_RE.search(hb.place_date) and hb.place_date.startswith("Phú Sơn, ngày ")
    assert title.doc_type == "BÁO CÁO"
    assert title.summary_lines == ("Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027",)
    assert isinstance(body.blocks[-1], SignatureBlock)
    assert body.blocks[-1].authority_lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    paras = [b for b in body.blocks if isinstance(b, Para)]
    assert paras[-1].text.endswith("./.")
    assert [p.text for p in paras if p.style == "heading1"] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
    ]
    at, table = appendix.blocks
    assert isinstance(at, AppendixTitle) and isinstance(table, Table)
    assert at.title == "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2027"
    assert at.attachment.startswith("(Kèm theo Báo cáo số       /BC-UBND ngày      tháng 6 năm 2027 của Ủy ban")
    assert [c.header for c in table.columns] == [
        "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả thực hiện",
    ]  # fmt: skip
    text_mm = L.PAGE.height_mm - L.PAGE.margin_left_mm - L.PAGE.margin_right_mm
    assert abs(sum(c.width_mm for c in table.columns) - text_mm) < 0.5
    assert len(table.rows) == len(report.rows) == 12


@pytest.mark.parametrize("num", ["9", "15", ""])
def test_number_forms(report, num):
    hb = build_report_document(dataclasses.replace(report, number=num, date=DocDate(2027, 6, 5))).parts[0].blocks[0]
    assert NUMBER_RE.match(hb.number), hb.number
    assert DATE_RE.search(hb.place_date)


def test_docx_format(files, doc):
    dx = docx.Document(str(files["docx"]))
    assert len(dx.sections) == 2
    for section, part in zip(dx.sections, doc.parts, strict=True):
        landscape = part.orientation == "landscape"
        assert section.orientation == (WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT)
        w, h = (L.PAGE.height_mm, L.PAGE.width_mm) if landscape else (L.PAGE.width_mm, L.PAGE.height_mm)
        assert abs(section.page_width - Mm(w)) < Mm(0.1) and abs(section.page_height - Mm(h)) < Mm(0.1)
        assert abs(section.left_margin - Mm(L.PAGE.margin_left_mm)) < Mm(0.1)
        assert abs(section.top_margin - Mm(L.PAGE.margin_top_mm)) < Mm(0.1)
    assert dx.sections[0]._sectPr.find(qn("w:titlePg")) is not None
    header = dx.tables[0]
    right = [p.text for p in header.rows[0].cells[1].paragraphs if p.text]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number = header.rows[1].cells[0].text.strip("\n")
    assert NUMBER_RE.match(number), number
    assert DATE_RE.search(header.rows[1].cells[1].text.strip("\n"))
    texts = [p.text for p in dx.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027" in texts
    results = dx.tables[-1]
    assert results.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert [c.text for c in results.rows[0].cells][:2] == ["STT", "Nhiệm vụ"]
    for t in texts:
        assert t == unicodedata.normalize("NFC", t)


def test_pdf_format_and_text(files, report):
    reader = PdfReader(str(files["pdf"]))
    kinds = []
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        small, big = sorted((w, h))
        assert abs(small - 210 * MM) < MM and abs(big - 297 * MM) < MM
        kinds.append("landscape" if w > h else "portrait")
        fonts = page["/Resources"]["/Font"]
        for f in fonts.values():
            f = f.get_object()
            desc = f.get("/FontDescriptor") or f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert kinds[0] == "portrait" and kinds[-1] == "landscape"
    text = " ".join(_norm(p.extract_text()) for p in reader.pages)
    for needle in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "/BC-UBND",
        "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027",
        "đã hoàn thành 3/8 nhiệm vụ, 2 nhiệm vụ chậm",
        "kết quả 93,5% (chỉ tiêu ≥ 92%), đạt.",
        "kết quả 87% (chỉ tiêu = 100%), chưa đạt.",
        "Hoàn thành quá hạn (10/03/2027)",
        "Nguyễn Văn An",
    ):
        assert _norm(needle) in text, needle


def test_xlsx_results_table(files, doc):
    wb = openpyxl.load_workbook(files["xlsx"])
    (table,) = doc.tables()
    ws = wb[table.sheet_name]
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.fitToWidth) == 1
    h = len(table.caption) + 2
    assert ws.print_title_rows == f"${h}:${h}"
    assert [ws.cell(row=h, column=c).value for c in range(1, 7)] == [c.header for c in table.columns]
    assert ws.cell(row=h, column=1).font.name == L.FONT.name
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Niêm yết 120 thủ tục" in values and "Hoàn thành quá hạn (10/03/2027)" in values


def test_nothing_requested(report):
    from app.errors import InvalidInput

    with pytest.raises(InvalidInput, match="Chưa chọn"):
        export_report(report, ExportRequest())
