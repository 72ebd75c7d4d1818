"""Other forms a typed plan takes: a header in text boxes, the signature typed as lines above
"Nơi nhận", a "DANH MỤC" appendix with a target table; and hostile files refused as the table
importer refuses them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.parser import parse_xml

from app.docx_plan import ImportFileError, read_plan
from app.model import Signer
from tests.app.test_docx_plan_clerk import _header_table, _p, _write

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'


def _text_box(doc, lines: list[str]) -> None:
    """A paragraph anchoring a (VML) text box with these lines."""
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    xml = f"<w:r {_W}><w:pict><v:shape><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    doc.add_paragraph()._p.append(parse_xml(xml))


def _start(doc) -> None:
    _p(doc, "KẾ HOẠCH", bold=True, center=True)
    _p(doc, "Cải cách hành chính năm 2025", bold=True, center=True)
    _p(doc, "")
    _p(doc, "I. MỤC TIÊU", bold=True)
    _p(doc, "Nâng cao chỉ số hài lòng của người dân.")


def _save(doc, tmp_path: Path, name: str = "kh.docx") -> Path:
    path = tmp_path / name
    doc.save(str(path))
    return path


def test_header_in_text_boxes(tmp_path):
    doc = docx.Document()
    _text_box(doc, ["ỦY BAN NHÂN DÂN", "XÃ XUÂN PHÚ", "Số: 15/KH-UBND"])
    _text_box(
        doc,
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Xuân Phú, ngày 08 tháng 01 năm 2025"],
    )
    _start(doc)
    plan = read_plan(_save(doc, tmp_path), fallback_year=2000).plan
    assert (plan.agency, plan.number, plan.place) == ("ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ", "15", "Xuân Phú")
    assert plan.date is not None and (plan.date.day, plan.date.month) == (8, 1)


def test_signature_typed_as_lines_above_the_recipients(tmp_path):
    doc = docx.Document()
    _start(doc)
    for line in ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Lê Văn Bình"):
        _p(doc, line, bold=True, center=True)
    _p(doc, "Nơi nhận:", bold=True)
    _p(doc, "- UBND huyện;")
    _p(doc, "- Lưu: VT.")
    found = read_plan(_save(doc, tmp_path), fallback_year=2000)
    assert found.plan.signer == Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Bình")
    assert found.plan.recipients == ("UBND huyện", "Lưu: VT")
    assert found.plan.sections[0].paragraphs == ("Nâng cao chỉ số hài lòng của người dân.",)
    assert found.unplaced == []


def test_list_title_appendix_with_targets(tmp_path):
    doc = docx.Document()
    _start(doc)
    _p(doc, "DANH MỤC MỤC TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2025", bold=True, center=True)
    _p(doc, "(Kèm theo Kế hoạch số 15/KH-UBND ngày 08/01/2025 của UBND xã)", italic=True, center=True)
    rows = [
        ["STT", "Nội dung mục tiêu", "Đơn vị phụ trách, theo dõi", "Ghi chú"],
        ["I", "Cải cách thể chế", "", ""],
        ["1", "100% văn bản ban hành đúng quy định", "Công chức Tư pháp", ""],
        ["II", "Cải cách thủ tục hành chính", "", ""],
        ["1", "Mức độ hài lòng đạt 90%", "Bộ phận một cửa", "Hằng năm"],
    ]
    t = doc.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            t.cell(r, c).text = text
    plan = read_plan(_save(doc, tmp_path), fallback_year=2000).plan
    (appendix,) = plan.appendices
    assert appendix.kind == "targets" and appendix.title == "DANH MỤC MỤC TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2025"
    assert [(t.area, t.content, t.lead, t.note) for t in plan.targets] == [
        ("institutions", "100% văn bản ban hành đúng quy định", "Công chức Tư pháp", ""),
        ("procedures", "Mức độ hài lòng đạt 90%", "Bộ phận một cửa", "Hằng năm"),
    ]


def _zip_with(path: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path):
    path = _zip_with(tmp_path / "bom.docx", "word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024))
    with pytest.raises(ImportFileError, match="vượt quá 50 MB"):
        read_plan(path, fallback_year=2000)


def test_entity_declarations_are_refused(tmp_path):
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>'
    path = _zip_with(tmp_path / "xxe.docx", "word/document.xml", xml)
    with pytest.raises(ImportFileError, match="bị hỏng"):
        read_plan(path, fallback_year=2000)


def test_a_locked_or_missing_file_says_so(tmp_path):
    with pytest.raises(ImportFileError, match="Không tìm thấy tệp"):
        read_plan(tmp_path / "khong-co.docx", fallback_year=2000)


def test_the_clerk_plan_survives_a_second_read(tmp_path):
    path = _write(tmp_path, _header_table)
    assert read_plan(path, fallback_year=2000).plan == read_plan(path, fallback_year=2000).plan


def _simple_table(doc, rows: list[list[list[str]]]) -> None:
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, lines in enumerate(cells):
            cell = t.cell(r, c)
            cell.paragraphs[0].add_run(lines[0] if lines else "")
            for line in lines[1:]:
                cell.add_paragraph(line)


def test_a_typed_decision_then_its_plan_with_a_header_of_its_own(tmp_path):
    doc = docx.Document()
    national = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    _simple_table(
        doc,
        [[["ỦY BAN NHÂN DÂN", "XÃ XUÂN PHÚ"], national], [["Số: 12/QĐ-UBND"], ["Xuân Phú, ngày 05 tháng 01 năm 2025"]]],
    )
    _p(doc, "QUYẾT ĐỊNH", bold=True, center=True)
    _p(doc, "Về việc ban hành Kế hoạch cải cách hành chính năm 2025", bold=True, center=True)
    _p(doc, "")
    _p(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ XUÂN PHÚ", bold=True, center=True)
    _p(doc, "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;", italic=True)
    _p(doc, "Theo đề nghị của công chức Văn phòng - thống kê.", italic=True)
    _p(doc, "QUYẾT ĐỊNH:", bold=True, center=True)
    _p(doc, "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.")
    _p(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    _simple_table(doc, [[["Nơi nhận:", "- Như Điều 2;", "- Lưu: VT."], ["CHỦ TỊCH", "", "Lê Văn Bình"]]])
    _simple_table(doc, [[["ỦY BAN NHÂN DÂN", "XÃ XUÂN PHÚ"], national]])
    _p(doc, "KẾ HOẠCH", bold=True, center=True)
    _p(doc, "Cải cách hành chính năm 2025", bold=True, center=True)
    _p(doc, "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2025 của Chủ tịch UBND xã)", italic=True)
    _p(doc, "I. MỤC TIÊU", bold=True)
    _p(doc, "Nâng cao chỉ số hài lòng của người dân./.")
    found = read_plan(_save(doc, tmp_path), fallback_year=2000)
    plan, dec = found.plan, found.plan.decision
    assert dec is not None and (dec.number, dec.symbol) == ("12", "QĐ-UBND")
    assert dec.date is not None and (dec.date.year, dec.date.month, dec.date.day) == (2025, 1, 5)
    assert dec.legal_bases == (
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
        "Theo đề nghị của công chức Văn phòng - thống kê.",
    )
    assert dec.articles == (
        "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.",
        "Quyết định này có hiệu lực kể từ ngày ký.",
    )
    assert dec.signer == Signer("", "CHỦ TỊCH", "Lê Văn Bình") and dec.recipients == ("Như Điều 2", "Lưu: VT")
    assert (plan.summary, plan.agency, plan.legal_bases_italic) == (
        "Cải cách hành chính năm 2025",
        "ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ",
        True,
    )
    assert plan.sections[0].paragraphs == ("Nâng cao chỉ số hài lòng của người dân.",)
    assert found.unplaced == []


def test_a_small_table_in_the_body_stays_in_the_body(tmp_path):
    doc = docx.Document()
    _start(doc)
    _simple_table(doc, [[["Chỉ số"], ["2024"], ["2025"]], [["PAR Index"], ["85,1"], ["88"]]])
    _p(doc, "II. TỔ CHỨC THỰC HIỆN", bold=True)
    _p(doc, "Công chức Văn phòng chủ trì.")
    found = read_plan(_save(doc, tmp_path), fallback_year=2000)
    first, second = found.plan.sections
    assert first.paragraphs[-2:] == ("Chỉ số | 2024 | 2025", "PAR Index | 85,1 | 88")
    assert second.heading == "TỔ CHỨC THỰC HIỆN" and second.paragraphs == ("Công chức Văn phòng chủ trì.",)
    assert found.unplaced == ["Chỉ số | 2024 | 2025", "PAR Index | 85,1 | 88"] and found.plan.appendices == ()
