"""Step 3, each body row alone: blank, repeated header, group heading, stray text or a task line."""

from __future__ import annotations

from import_corpus import raw

from app.importing.classify import (
    BLANK,
    ENTRY,
    HEADING,
    ORPHAN,
    REPEAT,
    Columns,
    classify_row,
    classify_rows,
    group_heading,
    map_table_columns,
    row_fields,
    row_numbering,
    split_numbered_content,
)
from app.importing.header import detect_header

HEADER = ["STT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì"]
COLS = Columns({0: "number", 1: "content", 2: "product", 3: "lead"}, 4, number=0)


def line(row, covered=None, header=HEADER):
    """The Line for `row` placed under `header` (and the row above it, when `covered` merges down)."""
    rows = [header, ["1", "Việc trên", "Kế hoạch", "Văn phòng"], row]
    cov = [[""] * len(header), [""] * len(header), covered or [""] * len(row)]
    t = raw(rows, cov)
    h = detect_header(t)
    return classify_row(t, 2, h, map_table_columns(t, h))


def test_blank_and_repeated_rows_are_skipped():
    assert line(["", " ", "", ""]).what == BLANK
    assert line(HEADER).what == REPEAT
    assert line(["(1)", "(2)", "(3)", "(4)"]).what == REPEAT


def test_a_task_line_with_its_number_and_fields():
    got = line(["2.1", "Số hóa hồ sơ", "Hồ sơ điện tử", "Văn phòng"])
    assert (got.what, got.row, got.label, got.numbering, got.depth) == (ENTRY, 3, "2.1", "decimal", 1)
    assert got.fields == {"content": "Số hóa hồ sơ", "product": "Hồ sơ điện tử", "lead": "Văn phòng"}
    assert not got.untitled and not got.stray


def test_letters_and_bullets():
    assert line(["a)", "Ký số văn bản đi", "", ""]).numbering == "letter"
    assert line(["-", "Gửi nhận văn bản", "", ""]).numbering == "bullet"
    assert line(["", "văn bản còn lại", "", ""]).numbering == ""


def test_group_heading_merged_across_the_row():
    got = line(["I Cải cách thể chế", "", "", ""], ["", "h", "h", "h"])
    assert (got.what, got.label, got.fields, got.area) == (
        HEADING,
        "I",
        {"content": "Cải cách thể chế"},
        "institutions",
    )
    got = line(["Cải cách tài chính công", "", "", ""], ["", "h", "h", "h"])
    assert (got.what, got.label, got.area) == (HEADING, "", "public_finance")
    got = line(["Nhiệm vụ khác", "", "", ""], ["", "h", "h", "h"])
    assert (got.what, got.area) == (HEADING, "")  # words alone in the STT column
    got = line(["", "Nhiệm vụ khác", "", ""], ["", "", "h", "h"])
    assert got.what == ENTRY  # merged over the content, but neither numbered nor an area: a task


def test_group_heading_label_and_title():
    got = line(["II", "Cải cách thủ tục hành chính", "", ""])
    assert (got.what, got.label, got.fields["content"], got.area) == (
        HEADING,
        "II",
        "Cải cách thủ tục hành chính",
        "procedures",
    )
    got = line(["III", "Nhiệm vụ khác", "", ""])
    assert (got.what, got.area) == (HEADING, "")  # an unknown group is still a group


def test_roman_numbers_on_tasks_with_details_are_tasks():
    got = line(["I", "Nhiệm vụ lớn thứ nhất", "Kế hoạch", "Văn phòng"])
    assert (got.what, got.label, got.numbering, got.depth) == (ENTRY, "I", "decimal", 0)
    assert line(["II", "Cải cách tài chính công", "Kế hoạch", ""]).what == HEADING  # names an area


def test_an_area_title_alone_in_the_content_column_is_a_heading():
    assert line(["", "Xây dựng chính quyền số", "", ""]).what == HEADING
    assert line(["", "Xây dựng chính quyền số.", "", ""]).what == ENTRY  # a sentence
    assert line(["1", "Xây dựng chính quyền số", "", ""]).what == ENTRY  # numbered


def test_text_in_the_stt_column_goes_in_front_of_the_content():
    got = line(["Ghi chú", "thêm một ý", "", ""])
    assert (got.what, got.label, got.numbering, got.fields) == (ENTRY, "Ghi chú", "", {"content": "Ghi chú thêm một ý"})
    assert line(["Ghi chú", "", "", ""]).what == HEADING  # alone in the STT column


def test_text_only_in_unmapped_columns_is_an_orphan():
    header = ["STT", "Nội dung", "Hình ảnh minh họa", "Đơn vị chủ trì"]
    got = line(["", "", "chữ lạc cột", ""], header=header)
    assert (got.what, got.stray, got.fields) == (ORPHAN, ((2, "chữ lạc cột"),), {})
    got = line(["1", "Nhiệm vụ một", "ảnh 1", "Văn phòng"], header=header)
    assert (got.what, got.stray) == (ENTRY, ((2, "ảnh 1"),))


def test_a_number_without_content_is_an_untitled_task():
    got = line(["2", "", "Kế hoạch", ""])
    assert got.what == ENTRY and got.untitled and got.fields == {"product": "Kế hoạch"}


def test_a_cell_merged_down_counts_for_numbered_rows_only():
    t = raw(
        [HEADER, ["1", "Việc một", "Kế hoạch", "Văn phòng"], ["2", "Việc hai", "", ""], ["", "việc còn lại", "", ""]],
        [[""] * 4, [""] * 4, ["", "", "v", "v"], ["", "", "v", "v"]],
    )
    assert row_fields(t, 2, COLS, numbered=True)[0] == {
        "content": "Việc hai",
        "product": "Kế hoạch",
        "lead": "Văn phòng",
    }
    assert row_fields(t, 3, COLS, numbered=False)[0] == {"content": "việc còn lại"}


def test_row_numbering():
    assert row_numbering("2.1", ["2.1", "Việc"], COLS) == ("decimal", [2, 1])
    assert row_numbering("II", ["II", "Việc", "", "Văn phòng"], COLS) == ("decimal", [0])
    assert row_numbering("II", ["II", "Cải cách thể chế", "", ""], COLS) == ("group", "II")


def test_group_heading_alone():
    merged = ["", "h", "h", "h"]
    assert group_heading(["B. Cải cách tài chính công", "", "", ""], merged, COLS, "text", "") == (
        "B",
        "Cải cách tài chính công",
    )
    assert group_heading(["1", "Rà soát", "", ""], [""] * 4, COLS, "decimal", "1") is None


def test_without_an_stt_column_a_number_in_the_content_is_the_rows_number():
    assert split_numbered_content({"content": "2.1 Số hóa hồ sơ", "lead": "Văn phòng"}) == (
        "2.1",
        "decimal",
        [2, 1],
        {"content": "Số hóa hồ sơ", "lead": "Văn phòng"},
    )
    assert split_numbered_content({"content": "- Cập nhật"})[:3] == ("-", "bullet", "-")
    assert split_numbered_content({"content": "Không số"}) == ("", "", None, {"content": "Không số"})
    t = raw([["Nội dung", "Sản phẩm"], ["a) Niêm yết công khai", "Bảng niêm yết"]])
    h = detect_header(t)
    (got,) = classify_rows(t, h, map_table_columns(t, h))
    assert (got.label, got.numbering, got.fields["content"]) == ("a)", "letter", "Niêm yết công khai")


def test_classify_rows_covers_the_body_only():
    t = raw(
        [["PHỤ LỤC", "", "", ""], HEADER, ["1", "Rà soát", "", ""], ["", "", "", ""]],
        [["", "h", "h", "h"]] + [[""] * 4] * 3,
    )
    h = detect_header(t)
    assert [(x.what, x.row) for x in classify_rows(t, h, map_table_columns(t, h))] == [(ENTRY, 3), (BLANK, 4)]
