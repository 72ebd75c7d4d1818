"""The self-assessment exports on a tracked plan: the XLSX table (Times New Roman, the six
columns, the totals), the DOCX and PDF report with the table as appendix, and the evidence
package whose index lists every file with the sha256 of the bytes in the package."""

from __future__ import annotations

import csv
import hashlib
from datetime import date

import docx
import openpyxl
import pytest
from index_helpers import D, tracked_setup

from app.errors import InvalidInput
from app.index import assess
from app.index.model import TASK
from app.index.report import assessment_report
from exporters.api import ExportRequest, export_assessment
from exporters.index_evidence import INDEX_NAME


@pytest.fixture
def report(ws, tmp_path, clock_at):
    clock_at(date(2027, 12, 10))
    plan_id, set_id, tasks, _ = tracked_setup(ws, tmp_path)
    aid = assess.start(ws, set_id, 2027, plan_id)
    assess.link(ws, aid, "1.1", TASK, tasks[0])
    assess.apply_proposals(ws, aid)
    assess.set_score(ws, aid, "2.1", D("0.5"), "Rà soát 12/20 văn bản")
    extra = tmp_path / "Biên bản: kiểm tra?.pdf"
    extra.write_bytes(b"%PDF bien ban")
    assess.add_file(ws, aid, "2.1", extra)
    return assessment_report(ws, aid)


def test_the_xlsx_table_has_the_six_columns_and_the_totals_in_times_new_roman(report, tmp_path):
    (path,) = export_assessment(report, ExportRequest(xlsx=tmp_path / "bang.xlsx"))
    sheet = openpyxl.load_workbook(path).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "STT")
    assert header == ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Giải trình", "Tài liệu kiểm chứng"]
    by_number = {r[0]: r for r in rows if r and r[0]}
    assert by_number["1.1"][2:4] == ["1", "1"] and by_number["1.1"][5] == "Kế hoạch số 05.pdf"
    assert by_number["2.1"][3:6] == ["0,5", "Rà soát 12/20 văn bản", "Biên bản: kiểm tra?.pdf"]
    assert by_number["1"][3] == "1"  # the area's total
    total = next(r for r in rows if r and r[1] == "TỔNG CỘNG")
    assert total[2:4] == ["4", "1,5"]
    assert {c.font.name for r in sheet.iter_rows() for c in r if c.value} == {"Times New Roman"}


def test_the_report_names_the_year_and_carries_the_table_as_appendix(report, tmp_path):
    paths = export_assessment(report, ExportRequest(docx=tmp_path / "bc.docx", pdf=tmp_path / "bc.pdf"))
    d = docx.Document(paths[0])
    text = "\n".join(p.text for p in d.paragraphs)
    assert "BÁO CÁO" in text and "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2027" in text
    assert "Tổng điểm tự đánh giá: 1,5/4 điểm (37,5%)." in text
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    assert "Điểm tự chấm" in cells and "TỔNG CỘNG" in cells
    assert paths[1].read_bytes().startswith(b"%PDF")


def test_the_evidence_package_lists_every_file_with_its_sha256(report, tmp_path):
    (folder,) = export_assessment(report, ExportRequest(), evidence=tmp_path / "goi")
    with open(folder / INDEX_NAME, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["STT", "Tiêu chí", "Tên tiêu chí", "Tên tệp"]
    listed = {(r[1], r[3]): (r[4], r[5]) for r in rows[1:]}
    assert set(listed) == {("1.1", "Kế hoạch số 05.pdf"), ("2.1", "Biên bản: kiểm tra?.pdf")}
    for rel, sha in listed.values():
        assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == sha
    assert listed[("2.1", "Biên bản: kiểm tra?.pdf")][0] == "2.1/Biên bản_ kiểm tra_.pdf"
    assert sorted(p.name for p in folder.iterdir()) == ["1.1", "2.1", INDEX_NAME]


def test_a_missing_evidence_file_refuses_the_package_and_writes_nothing(report, tmp_path):
    report.files[0].path.unlink()
    with pytest.raises(InvalidInput) as e:
        export_assessment(report, ExportRequest(), evidence=tmp_path / "goi")
    assert e.value.message == (
        "Tiêu chí 1.1: không tìm thấy tệp kiểm chứng «Kế hoạch số 05.pdf» trong thư mục dữ liệu;"
        " hãy gắn lại tệp rồi xuất lại."
    )
    assert not (tmp_path / "goi").exists()


def test_a_folder_with_content_is_not_overwritten(report, tmp_path):
    (tmp_path / "goi").mkdir()
    (tmp_path / "goi" / "x.txt").write_text("x")
    with pytest.raises(InvalidInput, match="đã có nội dung"):
        export_assessment(report, ExportRequest(), evidence=tmp_path / "goi")


def _pdf_fonts(path) -> dict[str, set[str]]:
    """Each text piece drawn on the PDF's pages with the base font names it was drawn in."""
    from pypdf import PdfReader

    out: dict[str, set[str]] = {}

    def visit(text, _cm, _tm, font, _size):
        if text.strip() and font is not None:
            out.setdefault(text.strip(), set()).add(str(font.get("/BaseFont", "")).split("+")[-1])

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return out


def test_area_rows_and_the_total_are_bold_in_the_pdf_and_the_xlsx(report, tmp_path):
    pdf, xlsx = export_assessment(report, ExportRequest(pdf=tmp_path / "bc.pdf", xlsx=tmp_path / "bang.xlsx"))
    fonts = _pdf_fonts(pdf)
    assert all(f.endswith("-Bold") for f in fonts["Chỉ đạo điều hành"]), fonts["Chỉ đạo điều hành"]
    assert all(f.endswith("-Bold") for f in fonts["TỔNG CỘNG"])
    criterion = next(k for k in fonts if k.startswith("Ban hành kế hoạch CCHC"))
    assert not any(f.endswith("-Bold") for f in fonts[criterion])
    sheet = openpyxl.load_workbook(xlsx).active
    by_text = {c.value: c for r in sheet.iter_rows() for c in r if c.value}
    assert by_text["Chỉ đạo điều hành"].font.b and by_text["TỔNG CỘNG"].font.b
    assert not by_text["Ban hành kế hoạch CCHC đúng hạn"].font.b
    assert by_text["Chỉ đạo điều hành"].font.name == "Times New Roman"


def test_the_evidence_package_as_a_zip_keeps_vietnamese_names_and_the_index(report, tmp_path):
    import zipfile

    (path,) = export_assessment(report, ExportRequest(), evidence=tmp_path / "Gói kiểm chứng.zip")
    assert path == tmp_path / "Gói kiểm chứng.zip" and path.is_file()
    with zipfile.ZipFile(path) as zf:
        infos = {i.filename: i for i in zf.infolist()}
        assert set(infos) == {"1.1/Kế hoạch số 05.pdf", "2.1/Biên bản_ kiểm tra_.pdf", INDEX_NAME}
        assert infos["1.1/Kế hoạch số 05.pdf"].flag_bits & 0x800  # the name flagged as UTF-8
        rows = list(csv.reader(zf.read(INDEX_NAME).decode("utf-8-sig").splitlines()))
        for r in rows[1:]:
            assert hashlib.sha256(zf.read(r[4])).hexdigest() == r[5]
        assert len(rows) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_a_missing_file_refuses_the_zip_and_writes_nothing(report, tmp_path):
    report.files[-1].path.unlink()
    with pytest.raises(InvalidInput) as e:
        export_assessment(report, ExportRequest(), evidence=tmp_path / "goi.zip")
    assert "không tìm thấy tệp kiểm chứng «Biên bản: kiểm tra?.pdf»" in e.value.message
    assert not (tmp_path / "goi.zip").exists()
