"""What the import reports: one Vietnamese sentence per problem, in table order."""

from __future__ import annotations

from import_corpus import raw

from app.importing.classify import BLANK, ENTRY, HEADING, JOINED, ORPHAN, REPEAT, Columns, Line
from app.importing.header import Header
from app.importing.problems import column_problems, read_notes, row_problems, skipped_rows
from app.importing.rows import (
    EMPTY_ROWS,
    EMPTY_TASK,
    JOINED_ROW,
    JOINED_TABLES,
    LEGACY_ENCODING,
    NO_CONTENT_COLUMN,
    NO_HEADER,
    ORPHAN_TEXT,
    READ_NOTE,
    REPEATED_HEADER,
    STRAY_TEXT,
    TOO_DEEP,
    UNKNOWN_GROUP,
    UNMAPPED_COLUMN,
    UNNUMBERED_ROW,
)


def test_read_notes_are_sorted_by_what_they_say():
    t = raw(
        [["STT"]],
        notes=[
            "Chữ trong bảng gõ bằng bảng mã TCVN3; đã chuyển sang Unicode.",
            "Bảng 2 trong tệp là phần tiếp theo (sang trang) nên đã được nối vào bảng này.",
            "Tệp lớn: đọc nhanh, không xét ô gộp.",
        ],
    )
    assert [(p.kind, p.message) for p in read_notes(t)] == [
        (LEGACY_ENCODING, t.notes[0]),
        (JOINED_TABLES, t.notes[1]),
        (READ_NOTE, t.notes[2]),
    ]


def test_column_problems():
    header = Header(0, 1, ["STT", "Hình ảnh minh họa", "Đơn vị chủ trì"])
    got = column_problems(header, Columns({0: "number", 1: None, 2: "lead"}, 3, 0))
    assert [p.kind for p in got] == [UNMAPPED_COLUMN, NO_CONTENT_COLUMN]
    assert got[0].message == (
        "Cột «Hình ảnh minh họa» (cột 2) không khớp với cột nào của bảng nhiệm vụ; chữ trong cột này không được nhập."
    )
    assert (got[0].column, got[0].text) == (1, "Hình ảnh minh họa")
    assert got[1].message == "Chưa có cột nào được gán là «Nội dung»; hãy chọn cột chứa tên nhiệm vụ."
    guessed = column_problems(Header(0, 0, ["", ""]), Columns({0: "number", 1: "content"}, 2, 0, guessed=True))
    assert [p.kind for p in guessed] == [NO_HEADER]
    assert guessed[0].message == (
        "Không nhận ra dòng tiêu đề của bảng; các cột được đoán theo vị trí, hãy kiểm tra cách gán cột."
    )


def test_row_problems_in_table_order():
    lines = [
        Line(HEADING, 2, "III", fields={"content": "Nhiệm vụ khác"}),
        Line(HEADING, 3, "I", fields={"content": "Cải cách thể chế"}, area="institutions"),
        Line(ORPHAN, 4, stray=((2, "chữ lạc cột"),)),
        Line(ENTRY, 5, "1", fields={"content": "Rà soát"}, stray=((2, "ảnh 1"),)),
        Line(JOINED, 6, stray=((2, "ảnh 2"),), joined_to=5),
        Line(ENTRY, 7, "", fields={"lead": "Văn phòng"}, untitled=True, unnumbered=True),
    ]
    got = row_problems(lines)
    assert [(p.kind, p.row) for p in got] == [
        (UNKNOWN_GROUP, 2),
        (ORPHAN_TEXT, 4),
        (STRAY_TEXT, 5),
        (STRAY_TEXT, 6),
        (JOINED_ROW, 6),
        (UNNUMBERED_ROW, 7),
        (EMPTY_TASK, 7),
    ]
    assert [p.message for p in got] == [
        "Dòng 2: nhóm «Nhiệm vụ khác» không khớp với lĩnh vực cải cách nào; các nhiệm vụ bên dưới cần chọn lĩnh vực.",
        "Dòng 4: có chữ nhưng không nằm trong cột nào đã gán («chữ lạc cột»); dòng này không được nhập.",
        "Dòng 5: chữ ở cột 3 không thuộc cột nào đã gán nên không được nhập («ảnh 1»).",
        "Dòng 6: chữ ở cột 3 không thuộc cột nào đã gán nên không được nhập («ảnh 2»).",
        "Dòng 6 không có số thứ tự và được nối vào nhiệm vụ ở dòng 5 (dòng bị ngắt trang).",
        "Dòng 7 không có số thứ tự; được coi là một nhiệm vụ riêng.",
        "Dòng 7: nhiệm vụ không có nội dung; chưa được chọn để nhập.",
    ]
    assert (got[2].column, got[2].text) == (2, "ảnh 1")


def test_a_row_past_the_third_level_says_where_it_went():
    (p,) = row_problems([Line(ENTRY, 9, "a)", "letter", fields={"content": "Chữ a"}, level=2, too_deep=True)])
    assert (p.kind, p.row) == (TOO_DEEP, 9)
    assert p.message == (
        "Dòng 9: «a)» sẽ là cấp thứ tư, nhưng bảng nhiệm vụ chỉ có ba cấp (nhiệm vụ, nhiệm vụ con và cấp dưới "
        "của nhiệm vụ con); dòng này được nhập ở cấp thứ ba."
    )


def test_long_stray_text_is_shortened_in_the_message_only():
    text = "Chữ rất dài " * 10
    (p,) = row_problems([Line(ORPHAN, 3, stray=((1, text.strip()),))])
    assert "…»" in p.message and p.text == text.strip()


def test_skipped_rows_are_counted():
    lines = [Line(BLANK, 2), Line(REPEAT, 3), Line(BLANK, 4), Line(ENTRY, 5, fields={"content": "Rà soát"})]
    assert [(p.kind, p.message) for p in skipped_rows(lines)] == [
        (EMPTY_ROWS, "Bỏ qua 2 dòng trống."),
        (REPEATED_HEADER, "Bỏ qua 1 dòng tiêu đề lặp lại hoặc dòng đánh số cột (ở đầu các trang)."),
    ]
    assert skipped_rows([]) == []
