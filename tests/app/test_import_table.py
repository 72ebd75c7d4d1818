"""Importing the upper level's appendix table: .docx/.xlsx in the seeds' shapes, every cell in its field."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from random import Random

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.errors import InvalidInput, NotFound
from app.importing import (
    GROUP,
    TASK,
    UNKNOWN,
    ImportFileError,
    column_key,
    guess_area,
    list_tables,
    read_file,
)
from app.importing import parse as P
from app.legacy_encoding import from_unicode
from app.model import Plan
from app.ops import rows
from app.ops.import_table import BACKUP_REASON, added_message, import_result, import_table
from app.ops.plans import create_from_template
from app.templates import Agency

sys.path.insert(0, str(Path(__file__).parent))
from import_builders import (  # noqa: E402
    SEED000_HEADER,
    SEED000_ROWS,
    SEED004_HEADER,
    SEED004_ROWS,
    continued_docx,
    seed000_docx,
    seed004_docx,
    two_line_header_docx,
    xlsx_file,
)


def tasks(result):
    return [r for r in result.rows if r.kind == TASK]


def problem_kinds(result):
    return [p.kind for p in result.problems]


# ---------------------------------------------------------------- column recognition


@pytest.mark.parametrize(
    "header, key",
    [
        ("STT", "number"),
        ("TT", "number"),
        ("ST\nT", "number"),
        ("Số TT", "number"),
        ("Nội dung", "content"),
        ("NỘI DUNG CÔNG VIỆC", "content"),
        ("Nhiệm vụ", "content"),
        ("Nhiệm vụ cụ thể", "content"),
        ("Sản phẩm", "product"),
        ("Cơ quan chủ trì", "lead"),
        ("Đơn vị chủ trì", "lead"),
        ("Cơ quan thực hiện", "lead"),
        ("Cơ quan chủ trì\nthực hiện", "lead"),
        ("Cơ quan phối hợp", "partners"),
        ("Đơn vị phối hợp", "partners"),
        ("Thời gian thực hiện", "timeline"),
        ("Thời gian thực hiện/ hoàn thành", "timeline"),
        ("Kinh phí", "budget"),
        ("Kinh phí thực hiện", "budget"),
        ("Theo dõi, kiểm tra, đôn đốc, tổng hợp", "monitor"),
        ("Ghi chú", "note"),
        ("ghi chu", "note"),
        ("Cơ quan thực hiện Phối hợp", "partners"),
        ("Hình ảnh minh họa", None),
    ],
)
def test_column_key(header, key):
    assert column_key(header) == key


@pytest.mark.parametrize(
    "title, area",
    [
        ("I Cải cách thể chế", "institutions"),
        ("II Cải cách thủ tục hành chính", "procedures"),
        ("CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "apparatus"),
        ("Cải cách chế độ công vụ", "civil_service"),
        ("Cải cách tài chính công", "public_finance"),
        ("Xây dựng Chính quyền điện tử, Chính quyền số", "digital_government"),
        ("Chuyển đổi số", "digital_government"),
        ("Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính", "direction"),
        ("Phụ lục số 01: Các nhiệm vụ trọng tâm về Cải cách thể chế năm 2023", "institutions"),
        ("Nhiệm vụ khác", ""),
    ],
)
def test_guess_area(title, area):
    assert guess_area(title) == area


# ---------------------------------------------------------------- seed 000: one grouped table


def test_seed000_grouped_table_every_cell_in_its_field(tmp_path):
    r = read_file(seed000_docx(tmp_path / "pl1.docx"))
    assert r.headers == SEED000_HEADER
    assert [r.mapping[i] for i in range(7)] == [
        "number",
        "content",
        "product",
        "timeline",
        "lead",
        "partners",
        "monitor",
    ]
    groups = [row for row in r.rows if row.kind == GROUP]
    assert [(g.label, g.area) for g in groups] == [
        ("I", "institutions"),
        ("II", "procedures"),
        ("III", "civil_service"),
        ("VI", "digital_government"),
    ]
    expected = [cells for kind, cells in SEED000_ROWS if kind == "row"]
    got = tasks(r)
    assert len(got) == len(expected)
    keys = ["content", "product", "timeline", "lead", "partners", "monitor"]
    for row, cells in zip(got, expected, strict=True):
        assert row.label == cells[0]
        for key, value in zip(keys, cells[1:], strict=True):
            assert row.fields.get(key, "") == value, (cells[0], key)
    by_label = {(row.area, row.label): row for row in got}
    assert by_label[("institutions", "1")].level == 0
    sub = by_label[("civil_service", "2.1")]
    assert sub.level == 1 and r.rows[sub.parent].label == "2"
    a = by_label[("digital_government", "a)")]
    assert a.level == 1 and r.rows[a.parent].label == "1"
    assert r.counts() == (5, 4)
    sel = r.selected()
    assert [area for area, _ in sel] == [
        "institutions",
        "institutions",
        "procedures",
        "civil_service",
        "digital_government",
    ]
    civil = sel[3][1]
    assert [s.content for s in civil.subtasks] == [
        "Đối với đơn vị sự nghiệp công lập chưa tự chủ chi thường xuyên",
        "Đối với đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên",
    ]
    assert civil.subtasks[0].lead == "Phòng Nội vụ - LĐTB&XH"
    assert civil.subtasks[0].area == "civil_service"


def test_list_tables_preview(tmp_path):
    tables = list_tables(seed000_docx(tmp_path / "pl1.docx"))
    assert len(tables) == 1
    t = tables[0]
    assert t.source == "Bảng 1"
    assert "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ" in t.title
    preview = t.preview()
    assert "TT | Nội dung | Sản phẩm" in preview
    assert "I Cải cách thể chế" in preview


def test_unchecking_a_parent_moves_its_checked_child_up(tmp_path):
    r = read_file(seed000_docx(tmp_path / "pl1.docx"))
    parent = next(i for i, row in enumerate(r.rows) if row.label == "2" and row.area == "civil_service")
    r.rows[parent].checked = False
    sel = r.selected()
    contents = [t.content for _, t in sel]
    assert "Đối với đơn vị sự nghiệp công lập chưa tự chủ chi thường xuyên" in contents
    assert r.counts() == (6, 2)


# ---------------------------------------------------------------- seed 004: one table per area


def test_seed004_tables_with_area_from_title(tmp_path):
    path = seed004_docx(
        tmp_path / "pl.docx",
        areas=(("Cải cách thể chế", SEED004_ROWS), ("Cải cách thủ tục hành chính", SEED004_ROWS[:2])),
    )
    tables = list_tables(path)
    assert len(tables) == 2  # text between them: not joined
    assert "Phụ lục số 02" in tables[1].title
    r = read_file(path, table_index=1)
    assert r.table_area == "procedures"
    assert [r.mapping[i] for i in range(6)] == ["number", "content", "product", "lead", "timeline", "budget"]
    got = tasks(r)
    assert len(got) == 2
    for row, cells in zip(got, SEED004_ROWS[:2], strict=True):
        assert row.area == "procedures"
        assert [row.fields.get(k, "") for k in ("content", "product", "lead", "timeline", "budget")] == cells[1:]
    assert read_file(path).table_index == 0


def test_xlsx_sheet_title_rows_and_columns_in_another_order(tmp_path):
    header = ["Cơ quan chủ trì", "STT", "Nội dung công việc", "Ghi chú", "Thời gian thực hiện/ hoàn thành", "Kinh phí"]
    rows = [
        ["PHỤ LỤC II", None, None, None, None, None],
        ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025", None, None, None, None, None],
        header,
        [None, "A.", "Cải cách tổ chức bộ máy hành chính nhà nước", None, None, None],
        ["Phòng Nội vụ", 1, "Sắp xếp tổ chức bộ máy", "Ưu tiên", "Quý I/2025", "Ngân sách phường"],
        ["Văn phòng", 2, "Rà soát chức năng nhiệm vụ", None, "Quý II/2025", None],
        [None, None, None, None, None, None],
        [None, "B.", "Cải cách tài chính công", None, None, None],
        ["Bộ phận Tài chính", 1, "Công khai ngân sách", None, "Tháng 12/2025", "Không"],
    ]
    path = xlsx_file(tmp_path / "pl.xlsx", {"Phụ lục II": rows}, {"Phụ lục II": ["A1:F1", "A2:F2"]})
    r = read_file(path)
    assert r.headers == header
    assert r.mapping == {0: "lead", 1: "number", 2: "content", 3: "note", 4: "timeline", 5: "budget"}
    got = tasks(r)
    assert [(t.label, t.area) for t in got] == [("1", "apparatus"), ("2", "apparatus"), ("1", "public_finance")]
    assert got[0].fields == {
        "lead": "Phòng Nội vụ",
        "content": "Sắp xếp tổ chức bộ máy",
        "note": "Ưu tiên",
        "timeline": "Quý I/2025",
        "budget": "Ngân sách phường",
    }
    assert r.empty_rows == 1
    assert P.EMPTY_ROWS in problem_kinds(r)


# ---------------------------------------------------------------- header on two lines, page breaks


def test_two_line_merged_header(tmp_path):
    r = read_file(two_line_header_docx(tmp_path / "h2.docx"))
    assert r.header_rows == 2
    assert r.headers == [
        "STT",
        "Nội dung",
        "Cơ quan thực hiện Chủ trì",
        "Cơ quan thực hiện Phối hợp",
        "Thời gian thực hiện",
        "Ghi chú",
    ]
    assert [r.mapping[i] for i in range(6)] == ["number", "content", "lead", "partners", "timeline", "note"]
    got = tasks(r)
    assert got[0].fields == {
        "content": "Kiện toàn Tổ công nghệ số cộng đồng",
        "lead": "Phòng Văn hóa - Xã hội",
        "partners": "Công an phường",
        "timeline": "Quý I/2026",
    }
    assert got[1].fields["lead"] == "Trung tâm Phục vụ hành chính công"
    assert got[1].fields["note"] == "Chỉ tiêu 100%"
    assert len(got) == 2  # the blank rows at the end of the table are not rows of the table


def test_table_continued_across_a_page(tmp_path):
    r = read_file(continued_docx(tmp_path / "cont.docx"))
    got = tasks(r)
    assert [t.label for t in got] == ["1", "2", "3"]
    two = got[1]
    assert two.fields["content"] == (
        "Theo dõi thi hành pháp luật trên địa bàn phường; nâng cao công tác xây dựng "
        "văn bản, kiểm soát chặt chẽ việc ban hành văn bản."
    )
    assert two.fields["lead"] == "Công chức Tư pháp\n- hộ tịch"
    assert two.fields["budget"] == "Kinh phí chi theo quy định được duyệt"
    assert two.fields["product"] == "Báo cáo kết quả"
    assert two.source_rows == (4, 6)
    assert r.header_rows == 2  # the header and its column-number row
    assert r.repeated_headers == 1
    assert r.empty_rows == 1  # the blank row inside the table; the one at the end is not a row
    kinds = problem_kinds(r)
    assert P.JOINED_ROW in kinds and P.REPEATED_HEADER in kinds and P.EMPTY_ROWS in kinds


def test_table_split_into_two_tables_is_joined(tmp_path):
    d = docx.Document()
    d.add_paragraph("Phụ lục số 02: Các nhiệm vụ trọng tâm về Cải cách thủ tục hành chính năm 2023")
    for part in (SEED004_ROWS[:2], SEED004_ROWS[2:]):
        t = d.add_table(rows=1 + len(part), cols=6)
        for c, v in enumerate(SEED004_HEADER):
            t.cell(0, c).text = v
        for r, row in enumerate(part, start=1):
            for c, v in enumerate(row):
                t.cell(r, c).text = v
    # A third table with no header of its own, directly after: also a continuation.
    t = d.add_table(rows=1, cols=6)
    for c, v in enumerate(["4", "Tuyên truyền thủ tục hành chính", "Bài viết", "Công chức Văn phòng", "Quý III", ""]):
        t.cell(0, c).text = v
    path = tmp_path / "split.docx"
    d.save(str(path))
    tables = list_tables(path)
    assert len(tables) == 1
    assert tables[0].source == "Bảng 1–3"
    r = read_file(path)
    assert [t.label for t in tasks(r)] == ["1", "2", "3", "4"]
    assert all(t.area == "procedures" for t in tasks(r))
    assert r.repeated_headers == 1
    assert P.JOINED_TABLES in problem_kinds(r)


def test_vertical_merge_in_the_lead_column_applies_to_each_task(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=4, cols=4)
    for c, v in enumerate(["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]):
        t.cell(0, c).text = v
    for r in (1, 2, 3):
        t.cell(r, 0).text = str(r)
        t.cell(r, 1).text = f"Nhiệm vụ {r}"
    lead = t.cell(1, 2).merge(t.cell(3, 2))
    lead.text = "Văn phòng HĐND và UBND"
    # A merge across two columns in a data row, in an odd place (content + lead of row 3 stay).
    t.cell(2, 3).merge(t.cell(3, 3)).text = "Quý II"
    path = tmp_path / "vm.docx"
    d.save(str(path))
    got = tasks(read_file(path))
    assert [g.fields["lead"] for g in got] == ["Văn phòng HĐND và UBND"] * 3
    assert [g.fields.get("timeline", "") for g in got] == ["", "Quý II", "Quý II"]


# ---------------------------------------------------------------- what is not understood is shown


def test_unmapped_column_and_orphan_text_are_reported(tmp_path):
    rows = [
        ["STT", "Nội dung", "Hình ảnh minh họa", "Đơn vị chủ trì"],
        [1, "Nhiệm vụ một", "ảnh 1", "Văn phòng"],
        [None, None, "chữ lạc cột", None],
        [None, None, None, None],
        [None, None, None, None],
        [2, "Nhiệm vụ hai", None, "Công an"],
    ]
    r = read_file(xlsx_file(tmp_path / "x.xlsx", {"Sheet": rows}))
    assert r.mapping[2] is None
    kinds = problem_kinds(r)
    assert P.UNMAPPED_COLUMN in kinds
    unmapped = next(p for p in r.problems if p.kind == P.UNMAPPED_COLUMN)
    assert "Hình ảnh minh họa" in unmapped.message and unmapped.column == 2
    stray = next(p for p in r.problems if p.kind == P.STRAY_TEXT)
    assert stray.row == 2 and stray.text == "ảnh 1"
    orphan = next(p for p in r.problems if p.kind == P.ORPHAN_TEXT)
    assert orphan.row == 3 and orphan.text == "chữ lạc cột"
    unknown = [row for row in r.rows if row.kind == UNKNOWN]
    assert len(unknown) == 1 and not unknown[0].checked
    assert r.empty_rows == 2
    assert [t.fields for t in tasks(r)] == [
        {"content": "Nhiệm vụ một", "lead": "Văn phòng"},
        {"content": "Nhiệm vụ hai", "lead": "Công an"},
    ]
    # Every message is one Vietnamese sentence.
    for p in r.problems:
        assert p.message and "\n" not in p.message


def test_remap_with_a_user_mapping(tmp_path):
    rows = [
        ["STT", "Nội dung", "Hình ảnh minh họa", "Đơn vị chủ trì"],
        [1, "Nhiệm vụ một", "Kế hoạch", "Văn phòng"],
    ]
    r = read_file(xlsx_file(tmp_path / "x.xlsx", {"Sheet": rows}))
    r2 = r.remap({0: "number", 1: "content", 2: "product", 3: "partners"})
    assert tasks(r2)[0].fields == {"content": "Nhiệm vụ một", "product": "Kế hoạch", "partners": "Văn phòng"}
    assert P.UNMAPPED_COLUMN not in problem_kinds(r2)
    with pytest.raises(InvalidInput):
        r.remap({9: "content"})
    with pytest.raises(InvalidInput):
        r.remap({0: "bogus"})
    r3 = read_file(tmp_path / "x.xlsx", mapping={"1": "content", "3": ""})
    assert tasks(r3)[0].fields == {"content": "Nhiệm vụ một"}


def test_table_without_header_is_guessed_and_said(tmp_path):
    rows = [[1, "Nhiệm vụ một dài dòng", "Văn phòng"], [2, "Nhiệm vụ hai dài dòng", "Công an"]]
    r = read_file(xlsx_file(tmp_path / "x.xlsx", {"Sheet": rows}))
    assert P.NO_HEADER in problem_kinds(r)
    assert r.mapping[0] == "number" and r.mapping[1] == "content"
    assert [t.fields["content"] for t in tasks(r)] == ["Nhiệm vụ một dài dòng", "Nhiệm vụ hai dài dòng"]


# ---------------------------------------------------------------- years and legacy encodings


def test_year_shift_on_import(tmp_path):
    path = seed000_docx(tmp_path / "pl1.docx")
    r = read_file(path, year_shift=1, source_year=2023)
    by = {(t.area, t.label): t for t in tasks(r)}
    assert by[("procedures", "1")].fields["timeline"] == "Quý II/2024"
    # The issue date of a cited document stays.
    assert "Kế hoạch số 150/KH-UBND ngày 24/11/2021" in by[("procedures", "1")].fields["content"]
    assert by[("institutions", "2")].fields["product"] == "Kế hoạch phổ biến, giáo dục pháp luật năm 2024 của huyện"
    # Without a source year, the year the table speaks of most is moved.
    r2 = read_file(path, year_shift=2)
    assert r2.source_year == 2023
    assert {t.fields.get("timeline") for t in tasks(r2)} >= {"Quý II/2025", "Cả năm 2025"}
    # Re-mapping keeps the shift.
    r3 = r.remap(r.mapping)
    assert {t.fields.get("timeline") for t in tasks(r3)} >= {"Quý II/2024"}


def test_tcvn3_table_is_converted_with_its_preview(tmp_path):
    d = docx.Document()
    d.add_paragraph(from_unicode("Phụ lục: nhiệm vụ cải cách thủ tục hành chính năm 2024", "tcvn3"))
    header = ["STT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì"]
    body = [
        ["1", "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền", "Báo cáo kết quả", "Văn phòng – thống kê"],
        ["2", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa", "Bảng niêm yết", "Công chức tư pháp"],
    ]
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate([header] + body):
        for c, v in enumerate(row):
            t.cell(r, c).text = from_unicode(v, "tcvn3")
    path = tmp_path / "tcvn3.docx"
    d.save(str(path))
    tables = list_tables(path)
    assert tables[0].encoding == "tcvn3"
    assert "nhiệm vụ cải cách thủ tục hành chính năm 2024" in tables[0].preview()
    r = read_file(path)
    assert r.encoding == "tcvn3" and P.LEGACY_ENCODING in problem_kinds(r)
    assert r.table_area == "procedures"
    got = tasks(r)
    for row, cells in zip(got, body, strict=True):
        assert [row.fields["content"], row.fields["product"], row.fields["lead"]] == cells[1:]


def test_vni_xlsx_is_converted(tmp_path):
    rows = [
        ["STT", "Nội dung", "Đơn vị chủ trì"],
        [1, "Xây dựng kế hoạch cải cách hành chính năm 2024", "Ủy ban nhân dân phường"],
        [2, "Tuyên truyền về cải cách hành chính trên loa truyền thanh", "Công chức văn hóa – xã hội"],
    ]
    vni = [[from_unicode(v, "vni") if isinstance(v, str) else v for v in row] for row in rows]
    r = read_file(xlsx_file(tmp_path / "vni.xlsx", {"Sheet": vni}))
    assert r.encoding == "vni"
    assert [(t.fields["content"], t.fields["lead"]) for t in tasks(r)] == [(a[1], a[2]) for a in rows[1:]]


def test_unicode_table_is_left_alone(tmp_path):
    r = read_file(seed000_docx(tmp_path / "pl1.docx"))
    assert r.encoding is None and P.LEGACY_ENCODING not in problem_kinds(r)


# ---------------------------------------------------------------- bad files: never a crash


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _one_line_error(exc) -> str:
    msg = str(exc.value)
    assert msg and "\n" not in msg
    return msg


def test_garbage_file(tmp_path):
    p = tmp_path / "rac.docx"
    p.write_bytes(b"\x00\x01garbage" * 100)
    with pytest.raises(ImportFileError) as e:
        list_tables(p)
    assert "không phải tệp Word" in _one_line_error(e)


def test_empty_and_missing_and_folder(tmp_path):
    p = tmp_path / "rong.xlsx"
    p.write_bytes(b"")
    with pytest.raises(ImportFileError):
        list_tables(p)
    with pytest.raises(ImportFileError) as e:
        list_tables(tmp_path / "khong-co.docx")
    assert "Không tìm thấy" in _one_line_error(e)
    with pytest.raises(ImportFileError):
        list_tables(tmp_path)


def test_old_binary_doc(tmp_path):
    p = tmp_path / "cu.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFileError) as e:
        list_tables(p)
    assert ".docx" in _one_line_error(e)


def test_renamed_xlsx_is_read_as_a_workbook(tmp_path):
    rows = [["STT", "Nội dung", "Đơn vị chủ trì"], [1, "Nhiệm vụ một", "Văn phòng"]]
    x = xlsx_file(tmp_path / "that.xlsx", {"Sheet": rows})
    p = tmp_path / "gia.docx"
    p.write_bytes(x.read_bytes())
    assert tasks(read_file(p))[0].fields == {"content": "Nhiệm vụ một", "lead": "Văn phòng"}


def test_truncated_docx(tmp_path):
    good = seed000_docx(tmp_path / "ok.docx").read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportFileError) as e:
        list_tables(p)
    _one_line_error(e)


def test_zip_that_is_neither(tmp_path):
    p = _zip(tmp_path / "z.docx", {"hello.txt": b"xin chao"})
    with pytest.raises(ImportFileError):
        list_tables(p)


def test_zip_bomb_is_refused_before_opening(tmp_path):
    p = _zip(tmp_path / "bomb.docx", {"word/document.xml": b"<a/>", "word/media/x.bin": b"\x00" * (60 * 1024 * 1024)})
    assert p.stat().st_size < 1024 * 1024
    with pytest.raises(ImportFileError) as e:
        list_tables(p)
    assert "50 MB" in _one_line_error(e)


def test_many_small_members_over_the_total_are_refused(tmp_path):
    members = {"word/document.xml": b"<a/>"}
    for i in range(6):
        members[f"word/media/{i}.bin"] = b"\x00" * (9 * 1024 * 1024)
    p = _zip(tmp_path / "many.docx", members)
    with pytest.raises(ImportFileError) as e:
        list_tables(p)
    assert "50 MB" in _one_line_error(e)


def test_entity_expansion_xml_is_refused(tmp_path):
    buf = io.BytesIO()
    seed000_docx(tmp_path / "ok.docx")
    with zipfile.ZipFile(tmp_path / "ok.docx") as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + data.split(b"?>", 1)[1]
            dst.writestr(info, data)
    p = tmp_path / "lol.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(ImportFileError):
        list_tables(p)


def _with_document_xml(tmp_path, make) -> Path:
    buf = io.BytesIO()
    seed000_docx(tmp_path / "ok.docx")
    with zipfile.ZipFile(tmp_path / "ok.docx") as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, make(data) if info.filename == "word/document.xml" else data)
    p = tmp_path / "lol.docx"
    p.write_bytes(buf.getvalue())
    return p


_BODY = lambda data: data.split(b"?>", 1)[1]  # noqa: E731
_ENTITY = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
_NOISE = Random(0).randbytes(1 << 20).hex().encode()  # does not compress 200 to 1 (refused as a bomb)


@pytest.mark.parametrize(
    "make",
    [
        # a DOCTYPE after 4 KB of comment (only the first 4 KB used to be looked at)
        lambda d: b'<?xml version="1.0"?><!--' + b"x" * 5000 + b"-->" + _ENTITY + _BODY(d),
        # an entity declared after 4 KB of the DOCTYPE's own subset
        lambda d: b'<?xml version="1.0"?><!DOCTYPE x [<!--' + b"x" * 5000 + b'--><!ENTITY a "aa">]>' + _BODY(d),
        # the whole part in UTF-16: its bytes never hold b"<!DOCTYPE"
        lambda d: ('<?xml version="1.0" encoding="UTF-16"?>' + _ENTITY.decode() + _BODY(d).decode()).encode("utf-16"),
        # a DOCTYPE past the first 1 MB chunk, split across two chunks
        lambda d: b'<?xml version="1.0"?><!--' + _NOISE[: (1 << 20) - 27] + b"-->" + _ENTITY + _BODY(d),
    ],
    ids=["after-4kb-comment", "entity-late-in-subset", "utf-16", "across-chunks"],
)
def test_a_doctype_anywhere_in_an_xml_part_is_refused(tmp_path, make):
    with pytest.raises(ImportFileError) as e:
        list_tables(_with_document_xml(tmp_path, make))
    assert "bị hỏng" in _one_line_error(e)


def test_docx_without_tables(tmp_path):
    d = docx.Document()
    d.add_paragraph("Chỉ có chữ, không có bảng.")
    p = tmp_path / "chu.docx"
    d.save(str(p))
    with pytest.raises(ImportFileError) as e:
        list_tables(p)
    assert "không có bảng" in _one_line_error(e)


def test_table_index_out_of_range(tmp_path):
    p = seed000_docx(tmp_path / "pl1.docx")
    with pytest.raises(InvalidInput) as e:
        read_file(p, table_index=3)
    assert "chỉ có 1 bảng" in _one_line_error(e)


def test_odd_tables_do_not_crash(tmp_path):
    """Ragged rows, a nested table, a huge gridSpan, a lone vMerge continue at the top."""
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text = "STT"
    t.cell(0, 1).text = "Nội dung"
    t.cell(0, 2).text = "Sản phẩm"
    t.cell(1, 0).text = "1"
    t.cell(1, 1).text = "Có bảng lồng"
    t.cell(1, 2).add_table(rows=1, cols=2).cell(0, 0).text = "lồng"
    tc = t.cell(2, 1)._tc
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "99999")
    tc.get_or_add_tcPr().append(span)
    vm = OxmlElement("w:vMerge")
    t.cell(0, 2)._tc.get_or_add_tcPr().append(vm)
    t.rows[2]._tr.remove(t.rows[2]._tr.tc_lst[-1])
    p = tmp_path / "odd.docx"
    d.save(str(p))
    r = read_file(p)
    assert tasks(r)[0].fields["content"] == "Có bảng lồng"
    assert "lồng" in tasks(r)[0].fields["product"]


# ---------------------------------------------------------------- the use case


def _task_count(ws, plan_id):
    plan = ws.db.load_plan(plan_id)
    return [len(a.tasks) for a in plan.appendices]


def _new_plan(ws, template, year):
    return create_from_template(ws, template, year, Agency()).created


def test_import_into_a_grouped_plan(ws, tmp_path):
    plan_id = _new_plan(ws, "ward-grouped", 2024)
    before = _task_count(ws, plan_id)
    added = import_table(ws, plan_id, seed000_docx(tmp_path / "pl1.docx"), year_shift=1)
    assert added[1:] == (5, 4)
    assert added_message(*added[1:]) == "Đã thêm 5 nhiệm vụ, 4 nhiệm vụ con."
    plan = ws.db.load_plan(plan_id)
    a = plan.appendices[0]
    assert len(a.tasks) == before[0] + 5
    new = a.tasks[before[0] :]
    assert [t.area for t in new] == [
        "institutions",
        "institutions",
        "procedures",
        "civil_service",
        "digital_government",
    ]
    assert new[2].timeline == "Quý II/2024"
    assert [s.content for s in new[3].subtasks][0] == "Đối với đơn vị sự nghiệp công lập chưa tự chủ chi thường xuyên"
    assert new[3].subtasks[0].area == "civil_service"
    assert [s.content for s in new[4].subtasks] == ["Ký số văn bản đi", "Gửi nhận văn bản điện tử"]
    assert added[0].ids == {t.id for t in new} and added[0].appendix_ids == {a.id}
    assert ws.plan(plan_id) == plan  # the workspace reads the plan again after the import


def test_import_into_a_per_area_plan_routes_by_area(ws, tmp_path):
    plan_id = _new_plan(ws, "ward-annual", 2023)
    before = {a.area: len(a.tasks) for a in ws.db.load_plan(plan_id).appendices}
    added = import_table(ws, plan_id, seed000_docx(tmp_path / "pl1.docx"))
    assert added[1:] == (5, 4)
    after = {a.area: len(a.tasks) for a in ws.db.load_plan(plan_id).appendices}
    assert after["institutions"] - before["institutions"] == 2
    assert after["procedures"] - before["procedures"] == 1
    assert after["civil_service"] - before["civil_service"] == 1
    assert after["digital_government"] - before["digital_government"] == 1
    plan = ws.db.load_plan(plan_id)
    proc = next(a for a in plan.appendices if a.area == "procedures")
    assert proc.tasks[-1].area == "" and proc.tasks[-1].lead == "Văn phòng HĐND và UBND"
    assert len(added[0].appendix_ids) == 4


def test_import_chosen_appendix_and_rows(ws, tmp_path):
    plan_id = _new_plan(ws, "ward-annual", 2023)
    path = seed004_docx(tmp_path / "pl.docx")
    before = _task_count(ws, plan_id)
    third = ws.plan(plan_id).appendices[2].id
    added = import_table(ws, plan_id, path, table_index=0, appendix_id=third, indices=[0, 2])
    assert added[1:] == (2, 0)
    after = _task_count(ws, plan_id)
    assert after[2] == before[2] + 2 and after[:2] == before[:2]
    plan = ws.db.load_plan(plan_id)
    assert [t.content for t in plan.appendices[2].tasks[-2:]] == [SEED004_ROWS[0][1], SEED004_ROWS[2][1]]


def test_import_errors(ws, tmp_path):
    plan_id = _new_plan(ws, "ward-grouped", 2024)
    path = seed000_docx(tmp_path / "pl1.docx")
    targets_appendix = ws.plan(plan_id).appendices[1]
    assert targets_appendix.kind == "targets"
    before = _task_count(ws, plan_id)
    with pytest.raises(InvalidInput) as e:
        import_table(ws, plan_id, path, appendix_id=targets_appendix.id)
    assert "chỉ tiêu" in _one_line_error(e)
    with pytest.raises(InvalidInput) as e:
        import_table(ws, plan_id, path, appendix_id=99999)
    assert "phụ lục" in _one_line_error(e)
    with pytest.raises(InvalidInput):
        import_table(ws, plan_id, path, indices=[0])  # a group row: nothing to import
    with pytest.raises(NotFound):
        import_table(ws, 9999, path)
    empty = ws.db.insert_plan(Plan(2024))
    with pytest.raises(InvalidInput, match="chưa có phụ lục nhiệm vụ"):
        import_table(ws, empty, path)
    assert _task_count(ws, plan_id) == before


def test_import_takes_a_backup_first(ws, tmp_path):
    plan_id = _new_plan(ws, "ward-grouped", 2024)
    import_table(ws, plan_id, seed000_docx(tmp_path / "pl1.docx"))
    assert [b.reason for b in ws.db.list_backups(ws.paths.backups)] == [BACKUP_REASON]


def test_import_is_one_transaction(ws, tmp_path, monkeypatch):
    plan_id = _new_plan(ws, "ward-grouped", 2024)
    before = _task_count(ws, plan_id)
    result = read_file(seed000_docx(tmp_path / "pl1.docx"))

    calls = {"n": 0}
    real = rows.insert

    def failing(*a, **k):
        calls["n"] += 1
        if calls["n"] == 3:
            raise InvalidInput("Lỗi thử.")
        return real(*a, **k)

    monkeypatch.setattr(rows, "insert", failing)
    with pytest.raises(InvalidInput):
        import_result(ws, plan_id, result)
    assert calls["n"] == 3
    assert _task_count(ws, plan_id) == before
    assert [len(a.tasks) for a in ws.plan(plan_id).appendices] == before  # nor in what the workspace holds


def test_member_lying_about_its_size_is_stopped_while_reading(tmp_path):
    """A member whose headers claim 1 KB but which inflates to 60 MB."""
    import struct

    p = _zip(tmp_path / "liar.docx", {"word/document.xml": b"<a/>", "word/media/x.bin": b"\x00" * (60 * 1024 * 1024)})
    data = bytearray(p.read_bytes())
    real = struct.pack("<I", 60 * 1024 * 1024)
    fake = struct.pack("<I", 1024)
    n = 0
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = data.find(sig)
        while i >= 0:
            if data[i + offset : i + offset + 4] == real:
                data[i + offset : i + offset + 4] = fake
                n += 1
            i = data.find(sig, i + 4)
    assert n == 2
    p.write_bytes(bytes(data))
    with zipfile.ZipFile(p) as z:
        assert sum(i.file_size for i in z.infolist()) < 2048
    with pytest.raises(ImportFileError) as e:
        list_tables(p)
    _one_line_error(e)


def test_roman_numbers_on_real_tasks_are_tasks(tmp_path):
    rows = [
        ["STT", "Nội dung", "Sản phẩm", "Đơn vị chủ trì"],
        ["I", "Nhiệm vụ lớn thứ nhất", "Kế hoạch", "Văn phòng"],
        ["1", "Việc nhỏ", "Báo cáo", "Công an"],
        ["II", "Cải cách tài chính công", None, None],
    ]
    r = read_file(xlsx_file(tmp_path / "x.xlsx", {"Sheet": rows}))
    assert [(row.kind, row.label) for row in r.rows] == [("task", "I"), ("task", "1"), ("group", "II")]
    assert r.rows[2].area == "public_finance"
