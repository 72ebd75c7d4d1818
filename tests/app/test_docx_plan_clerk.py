"""A plan typed the way clerks type it, written here with python-docx, is recognised whole:
numbers typed as text and Word's own list numbering, the header in a borderless two-column table
(or tab-separated lines), italic bases, the signature beside "Nơi nhận" in a table, a landscape
appendix with a repeated header row, a continuation row and a sub-task."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement

from app.docx_plan import ImportFileError, read_plan
from app.model import DocDate, Signer


def _p(doc, text: str, bold: bool = False, italic: bool = False, center: bool = False, style: str | None = None):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _cell(cell, lines: list[tuple[str, bool]]) -> None:
    cell.paragraphs[0].add_run(lines[0][0]).bold = lines[0][1]
    for text, bold in lines[1:]:
        cell.add_paragraph().add_run(text).bold = bold


def _header_table(doc) -> None:
    t = doc.add_table(rows=2, cols=2)  # python-docx's default table: no borders
    _cell(t.cell(0, 0), [("UBND THỊ XÃ BỈM SƠN", False), ("ỦY BAN NHÂN DÂN", True), ("PHƯỜNG PHÚ SƠN", True)])
    _cell(t.cell(0, 1), [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True)])
    _cell(t.cell(1, 0), [("Số: 09/KH-UBND", False)])
    _cell(t.cell(1, 1), [("Phú Sơn, ngày 17 tháng 01 năm 2023", False)])


def _header_tabs(doc) -> None:
    _p(doc, "UBND THỊ XÃ BỈM SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    _p(doc, "ỦY BAN NHÂN DÂN\tĐộc lập - Tự do - Hạnh phúc")
    _p(doc, "PHƯỜNG PHÚ SƠN")
    _p(doc, "Số:      /KH-UBND\tPhú Sơn, ngày    tháng 01 năm 2023")


def _body(doc) -> None:
    _p(doc, "KẾ HOẠCH", bold=True, center=True)
    _p(doc, "Cải cách hành chính năm 2023", bold=True, center=True)
    _p(doc, "---------------", center=True)
    _p(doc, "Căn cứ Kế hoạch số 150/KH-UBND ngày 24/11/2021 của UBND thị xã về cải cách hành chính;", italic=True)
    _p(doc, "Căn cứ Kế hoạch số 10/KH-UBND ngày 10/01/2023 của UBND thị xã;", italic=True)
    _p(doc, "Ủy ban nhân dân phường Phú Sơn xây dựng Kế hoạch cải cách hành chính năm 2023 như sau:")
    _p(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _p(doc, "1. Cụ thể hóa mục tiêu, nhiệm vụ cải cách hành chính của thị xã.")
    _p(doc, "2. Xác định rõ trách nhiệm của người đứng đầu.")
    _p(doc, "II. NHIỆM VỤ TRỌNG TÂM", bold=True)
    _p(doc, "Cải cách thể chế", bold=True, style="List Number")
    _p(doc, "a) Mục tiêu")
    _p(doc, "- 100% văn bản được ban hành đúng quy định.")
    _p(doc, "+ Rà soát văn bản hằng quý.")
    _p(doc, "b) Nhiệm vụ")
    _p(doc, "Thực hiện tốt công tác phổ biến pháp luật.", style="List Bullet")
    _p(doc, "Cải cách thủ tục hành chính", bold=True, style="List Number")
    _p(doc, "Tiếp tục rà soát thủ tục hành chính.")
    _p(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    _p(doc, "Công chức Văn phòng - thống kê chủ trì, theo dõi.")
    _p(doc, "Trên đây là Kế hoạch cải cách hành chính năm 2023 của UBND phường Phú Sơn./.")


def _signature(doc) -> None:
    t = doc.add_table(rows=1, cols=2)
    _cell(t.cell(0, 0), [("Nơi nhận:", True), ("- Phòng Nội vụ thị xã;", False), ("- Lưu: VT.", False)])
    right = [("TM. ỦY BAN NHÂN DÂN", True), ("KT. CHỦ TỊCH", True), ("PHÓ CHỦ TỊCH", True), ("", False)]
    _cell(t.cell(0, 1), right + [("Nguyễn Văn An", True)])


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def _appendix(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    _p(doc, "Phụ lục I", bold=True, center=True)
    _p(doc, "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023", bold=True, center=True)
    _p(doc, "(Kèm theo Kế hoạch số 09/KH-UBND ngày 17/01/2023 của UBND phường Phú Sơn)", italic=True, center=True)
    head = ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian thực hiện"]
    rows = [
        head,
        ["I", "Cải cách thể chế", "", ""],
        ["1", "Rà soát văn bản quy phạm pháp luật", "Công chức Tư pháp", "Quý I/2023"],
        ["1.1", "Rà soát văn bản về đất đai", "Công chức Địa chính", "Tháng 3/2023"],
        ["2", "Tuyên truyền, phổ biến pháp luật", "Công chức Tư pháp", "Cả năm"],
        head,
        ["", "cho cán bộ và nhân dân trên địa bàn", "", ""],
        ["II", "Cải cách thủ tục hành chính", "", ""],
        ["1", "Niêm yết công khai thủ tục hành chính", "Bộ phận một cửa", "Thường xuyên"],
    ]
    t = doc.add_table(rows=len(rows), cols=4)
    t.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            t.cell(r, c).text = text
    _repeat_header(t.rows[0])
    _p(doc, "Ghi chú: phụ lục được cập nhật hằng quý.")


def _write(tmp_path: Path, header) -> Path:
    doc = docx.Document()
    header(doc)
    _body(doc)
    _signature(doc)
    _appendix(doc)
    path = tmp_path / "ke-hoach-go-tay.docx"
    doc.save(str(path))
    return path


def test_clerk_typed_plan_is_recognised(tmp_path):
    found = read_plan(_write(tmp_path, _header_table), fallback_year=2000)
    plan = found.plan
    assert (plan.parent_agency, plan.agency) == ("UBND THỊ XÃ BỈM SƠN", "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ SƠN")
    assert (plan.number, plan.symbol, plan.place, plan.date) == ("09", "KH-UBND", "Phú Sơn", DocDate(2023, 1, 17))
    assert (plan.year, plan.summary) == (2023, "Cải cách hành chính năm 2023")
    assert len(plan.legal_bases) == 2 and plan.legal_bases_italic
    assert plan.preamble.startswith("Ủy ban nhân dân phường Phú Sơn xây dựng")
    assert [s.heading for s in plan.sections] == ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ TRỌNG TÂM", "TỔ CHỨC THỰC HIỆN"]
    first, tasks, _ = plan.sections
    assert [(s.heading[:10], s.run_in) for s in first.sections] == [("Cụ thể hóa", True), ("Xác định r", True)]
    assert [s.heading for s in tasks.sections] == ["Cải cách thể chế", "Cải cách thủ tục hành chính"]
    goal, duty = tasks.sections[0].sections
    assert (goal.heading, goal.paragraphs) == (
        "Mục tiêu",
        ("- 100% văn bản được ban hành đúng quy định.", "+ Rà soát văn bản hằng quý."),
    )
    assert duty.paragraphs == ("- Thực hiện tốt công tác phổ biến pháp luật.",)
    assert plan.heading_numbering == ("roman", "arabic", "letter")
    assert plan.closing == "Trên đây là Kế hoạch cải cách hành chính năm 2023 của UBND phường Phú Sơn."
    assert plan.signer == Signer("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")
    assert plan.recipients == ("Phòng Nội vụ thị xã", "Lưu: VT")
    (appendix,) = plan.appendices
    assert appendix.title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023" and appendix.group_by_area
    assert appendix.columns == ("content", "lead", "timeline")
    assert [(t.area, t.content) for t in appendix.tasks] == [
        ("institutions", "Rà soát văn bản quy phạm pháp luật"),
        ("institutions", "Tuyên truyền, phổ biến pháp luật cho cán bộ và nhân dân trên địa bàn"),
        ("procedures", "Niêm yết công khai thủ tục hành chính"),
    ]
    assert [s.content for s in appendix.tasks[0].subtasks] == ["Rà soát văn bản về đất đai"]
    assert found.unplaced == ["Ghi chú: phụ lục được cập nhật hằng quý."]
    assert plan.sections[-1].paragraphs[-1] == "Ghi chú: phụ lục được cập nhật hằng quý."
    assert found.summary() == (
        "cơ quan ban hành, 3 mục, 2 căn cứ, 1 phụ lục với 3 nhiệm vụ và 1 nhiệm vụ con, người ký, 2 nơi nhận; "
        "1 đoạn chưa xếp được"
    )


def test_tab_separated_header_with_blank_number_and_day(tmp_path):
    plan = read_plan(_write(tmp_path, _header_tabs), fallback_year=2000).plan
    assert (plan.parent_agency, plan.agency) == ("UBND THỊ XÃ BỈM SƠN", "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ SƠN")
    assert (plan.number, plan.symbol, plan.place, plan.date) == ("", "KH-UBND", "Phú Sơn", DocDate(2023, 1, None))
    assert len(plan.sections) == 3


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"%PDF-1.7\n", "là tệp PDF; hãy mở bản Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "là tệp Word kiểu cũ (.doc)"),
        (b"PK\x03\x04 not really a zip", "bị hỏng"),
        (b"", "rỗng"),
    ],
)
def test_files_that_are_not_a_docx_are_refused_in_one_sentence(tmp_path, content, says):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as e:
        read_plan(path, fallback_year=2000)
    assert says in str(e.value) and "\n" not in str(e.value)


def test_a_workbook_is_not_a_plan(tmp_path):
    import openpyxl

    path = tmp_path / "bang.docx"
    wb = openpyxl.Workbook()
    wb.save(str(path))
    with pytest.raises(ImportFileError, match="không phải văn bản Word"):
        read_plan(path, fallback_year=2000)


def test_too_many_paragraphs_are_refused(tmp_path, monkeypatch):
    import app.docx_plan.source as source

    monkeypatch.setattr(source, "MAX_ITEMS", 50)
    with pytest.raises(ImportFileError, match="quá nhiều đoạn văn"):
        read_plan(_write(tmp_path, _header_table), fallback_year=2000)


def test_word_numbering_is_read_as_typed_numbers(tmp_path):
    doc = docx.Document()
    _p(doc, "KẾ HOẠCH", bold=True, center=True)
    _p(doc, "Cải cách hành chính năm 2024", bold=True, center=True)
    _p(doc, "")
    for text in ("MỤC ĐÍCH", "NHIỆM VỤ"):  # numbered by the style's list, nothing typed
        _p(doc, text, bold=True, style="List Number")
    path = tmp_path / "so.docx"
    doc.save(str(path))
    plan = read_plan(path, fallback_year=2000).plan
    assert [s.heading for s in plan.sections] == ["MỤC ĐÍCH", "NHIỆM VỤ"]
    assert plan.heading_numbering[0] == "arabic"


def test_one_line_title_and_odd_header_lines_are_kept(tmp_path):
    doc = docx.Document()
    _p(doc, "ỦY BAN NHÂN DÂN XÃ AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    _p(doc, "Dự thảo lần 2, gửi xin ý kiến các ban ngành trước ngày 10/01")
    _p(doc, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024", bold=True, center=True)
    _p(doc, "")
    _p(doc, "I. MỤC TIÊU", bold=True)
    _p(doc, "Nâng cao chỉ số hài lòng.")
    path = tmp_path / "mot-dong.docx"
    doc.save(str(path))
    found = read_plan(path, fallback_year=2000)
    assert (found.plan.year, found.plan.summary) == (2024, "CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    assert found.plan.agency == "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    assert found.unplaced == ["Dự thảo lần 2, gửi xin ý kiến các ban ngành trước ngày 10/01"]
    assert found.plan.sections[0].paragraphs == (found.unplaced[0], "Nâng cao chỉ số hài lòng.")


def test_a_document_without_title_starts_at_its_bases(tmp_path):
    doc = docx.Document()
    _p(doc, "Căn cứ Kế hoạch số 10/KH-UBND ngày 10/01/2024 của UBND huyện;")
    _p(doc, "I. MỤC TIÊU", bold=True)
    _p(doc, "Nâng cao chỉ số hài lòng.")
    path = tmp_path / "khong-tieu-de.docx"
    doc.save(str(path))
    plan = read_plan(path, fallback_year=2025).plan
    assert plan.year == 2025 and len(plan.legal_bases) == 1 and not plan.legal_bases_italic
    assert [s.heading for s in plan.sections] == ["MỤC TIÊU"]
