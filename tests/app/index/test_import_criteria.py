"""A province's criteria table, written the way a province writes it (merged header cells over
two lines, a column-number line, sub-criteria 1.1.1, points "1", "0,5", "2.0"), read into the tree."""

from decimal import Decimal

import docx
import openpyxl
import pytest

from app.errors import InvalidInput
from app.index.import_table import read_criteria_table
from app.index.sets import criteria_set, save_set
from app.workspace import open_workspace

HEAD1 = ["STT", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm", "", "Hướng dẫn chấm điểm"]
HEAD2 = ["", "", "Điểm tối đa", "Điểm tự chấm", ""]
COLNUM = ["(1)", "(2)", "(3)", "(4)", "(5)"]
BODY = [
    ["1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "3", "", ""],
    ["1.1", "Kế hoạch CCHC năm", "2.0", "", ""],
    ["1.1.1", "Ban hành kế hoạch đúng hạn", "0,5", "", "Ban hành trước ngày 15/01: 0,5 điểm"],
    ["", "", "", "", "Ban hành muộn: 0 điểm"],
    ["1.1.2", "Hoàn thành kế hoạch", "1,5", "", "100%: 1,5 điểm"],
    ["1.2", "Báo cáo CCHC", "1", "", "Đủ, đúng hạn: 1 điểm"],
    ["2", "CẢI CÁCH THỂ CHẾ", "2", "", ""],
    ["2.1", "Rà soát văn bản", "2", "", ""],
    ["", "Tổng cộng", "5", "", ""],
]


def province_xlsx(path, body=BODY):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws.append(["BẢNG TIÊU CHÍ CHỈ SỐ CCHC CẤP XÃ"] + [""] * 4)
    ws.merge_cells("A1:E1")
    for row in [HEAD1, HEAD2, COLNUM, *body]:
        ws.append(row)
    for rng in ("A2:A3", "B2:B3", "C2:D2", "E2:E3"):
        ws.merge_cells(rng)
    wb.save(path)
    return path


def province_docx(path, body=BODY):
    d = docx.Document()
    d.add_paragraph("Phụ lục: Bộ tiêu chí đánh giá Chỉ số CCHC cấp xã")
    t = d.add_table(rows=3 + len(body), cols=5)
    for r, row in enumerate([HEAD1, HEAD2, COLNUM, *body]):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 1).merge(t.cell(1, 1))
    t.cell(0, 2).merge(t.cell(0, 3))
    t.cell(0, 4).merge(t.cell(1, 4))
    d.save(path)
    return path


@pytest.mark.parametrize("build,name", [(province_xlsx, "bo.xlsx"), (province_docx, "bo.docx")])
def test_a_province_table_gives_the_tree_and_the_total(tmp_path, build, name):
    got = read_criteria_table(build(tmp_path / name))
    cs = got.criteria_set
    assert cs.total == Decimal(5)
    assert [(c.number, c.max_points) for c in cs.criteria] == [
        ("1", Decimal(3)),
        ("1.1", Decimal(2)),
        ("1.1.1", Decimal("0.5")),
        ("1.1.2", Decimal("1.5")),
        ("1.2", Decimal(1)),
        ("2", Decimal(2)),
        ("2.1", Decimal(2)),
    ]
    assert [c.number for c in cs.children("1.1")] == ["1.1.1", "1.1.2"]
    assert cs.find("1.1.1").guidance == "Ban hành trước ngày 15/01: 0,5 điểm\nBan hành muộn: 0 điểm"
    assert cs.find("1").title == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"
    assert got.problems == []


def test_an_imported_set_is_stored_and_read_back(tmp_path):
    got = read_criteria_table(province_xlsx(tmp_path / "bo.xlsx"))
    ws = open_workspace(tmp_path / "data.db")
    try:
        back = criteria_set(ws, save_set(ws, got.criteria_set))
        assert back.criteria == got.criteria_set.criteria and back.source == "imported:bo.xlsx"
    finally:
        ws.close()


def test_parts_that_do_not_add_up_to_the_stated_total_are_refused_in_one_line(tmp_path):
    body = [r if r[1] != "Tổng cộng" else ["", "Tổng cộng", "6", "", ""] for r in BODY]
    with pytest.raises(InvalidInput) as e:
        read_criteria_table(province_xlsx(tmp_path / "bo.xlsx", body))
    assert e.value.message == "Các lĩnh vực cộng lại 5 điểm, khác tổng điểm 6 của bộ tiêu chí."


def test_sub_criteria_that_do_not_add_up_to_their_criterion_are_refused(tmp_path):
    body = [r if r[0] != "1.1.2" else ["1.1.2", "Hoàn thành kế hoạch", "1", "", ""] for r in BODY]
    with pytest.raises(InvalidInput, match="tiêu chí 1.1 cộng lại 1,5 điểm, khác 2 điểm"):
        read_criteria_table(province_xlsx(tmp_path / "bo.xlsx", body))


def test_an_empty_parent_points_cell_is_the_sum_of_its_parts(tmp_path):
    body = [r if r[0] != "1.1" else ["1.1", "Kế hoạch CCHC năm", "", "", ""] for r in BODY]
    assert read_criteria_table(province_xlsx(tmp_path / "bo.xlsx", body)).criteria_set.find("1.1").max_points == 2


def test_a_row_without_a_number_is_listed_not_dropped_silently(tmp_path):
    body = BODY[:-1] + [["", "Điểm thưởng", "", "", ""], BODY[-1]]
    got = read_criteria_table(province_xlsx(tmp_path / "bo.xlsx", body))
    assert got.problems == ["Dòng 13 không có số thứ tự dạng 1, 1.1, 1.1.1 nên không được nhập."]


def test_a_table_with_no_criteria_header_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["STT", "Nội dung", "Đơn vị chủ trì"])
    wb.active.append(["1", "Việc", "UBND"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InvalidInput, match="Không tìm thấy bảng tiêu chí trong tệp «x.xlsx»"):
        read_criteria_table(tmp_path / "x.xlsx")


def test_a_criterion_worth_zero_points_is_kept_at_zero(tmp_path):
    body = BODY[:-1] + [["1.3", "Tiêu chí không tính điểm năm nay", "0", "", ""], BODY[-1]]
    body = body[:6] + body[8:]  # keep area 1 only: its parts now 2 + 1 + 0
    body = [r for r in body if r[0] not in ("2", "2.1")]
    body[-1] = ["", "Tổng cộng", "3", "", ""]
    got = read_criteria_table(province_xlsx(tmp_path / "bo.xlsx", body))
    assert got.criteria_set.find("1.3").max_points == 0


def test_the_preview_lists_every_sum_that_does_not_add_up_instead_of_refusing(tmp_path):
    from app.index.import_table import preview_file

    body = [r if r[0] != "1.1.2" else ["1.1.2", "Hoàn thành kế hoạch", "1", "", ""] for r in BODY]
    body = [r if r[1] != "Tổng cộng" else ["", "Tổng cộng", "6", "", ""] for r in body]
    got = preview_file(province_xlsx(tmp_path / "bo.xlsx", body))
    assert got.refusals == [
        "Các tiêu chí thành phần của tiêu chí 1.1 cộng lại 1,5 điểm, khác 2 điểm tối đa đã ghi.",
        "Các lĩnh vực cộng lại 5 điểm, khác tổng điểm 6 của bộ tiêu chí.",
    ]
    assert got.criteria_set.find("1.1.2").max_points == 1  # the tree is there to look at
    assert preview_file(province_xlsx(tmp_path / "ok.xlsx")).refusals == []
