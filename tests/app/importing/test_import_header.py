"""Step 1, the header: which rows, each column's text, and the header repeated on a later page."""

from __future__ import annotations

from import_corpus import raw

from app.importing.header import detect_header, find_header, header_texts, is_repeated_header

HEADER = ["STT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì"]
TASK = ["1", "Rà soát thủ tục hành chính", "Báo cáo", "Văn phòng"]


def test_one_line_header():
    t = raw([HEADER, TASK])
    assert find_header(t) == (0, 1)
    h = detect_header(t)
    assert (h.start, h.count, h.end) == (0, 1, 1)
    assert h.texts == HEADER


def test_title_rows_above_the_header_are_left_out():
    t = raw(
        [["PHỤ LỤC II", "", "", ""], ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025", "", "", ""], HEADER, TASK],
        [["", "h", "h", "h"], ["", "h", "h", "h"], [""] * 4, [""] * 4],
    )
    assert find_header(t) == (2, 1)
    assert detect_header(t).end == 3


def test_two_line_header_under_merged_cells():
    top = ["STT", "Nội dung", "Cơ quan thực hiện", "", "Thời gian thực hiện"]
    low = ["", "", "Chủ trì", "Phối hợp", ""]
    t = raw(
        [top, low, ["1", "Kiện toàn Tổ công nghệ số", "Phòng Văn hóa - Xã hội", "Công an phường", "Quý I/2026"]],
        [["", "", "", "h", ""], ["v", "v", "", "", "v"], [""] * 5],
    )
    assert find_header(t) == (0, 2)
    assert detect_header(t).texts == [
        "STT",
        "Nội dung",
        "Cơ quan thực hiện Chủ trì",
        "Cơ quan thực hiện Phối hợp",
        "Thời gian thực hiện",
    ]


def test_found_by_its_lower_line_the_header_starts_at_the_top_line():
    top = ["STT", "Nội dung", "Thời gian", ""]
    low = ["", "", "Bắt đầu", "Kết thúc"]
    t = raw([top, low, TASK], [["", "", "", "h"], ["v", "v", "", ""], [""] * 4])
    assert find_header(t) == (0, 2)


def test_column_number_line_belongs_to_the_header_but_not_to_its_texts():
    t = raw([HEADER, ["(1)", "(2)", "(3)", "(4)"], TASK])
    assert find_header(t) == (0, 2)
    assert header_texts(t, 0, 2) == HEADER


def test_a_task_row_under_the_header_is_not_header():
    t = raw([HEADER, ["1", "Kế hoạch", "", ""]])
    assert find_header(t) == (0, 1)


def test_no_header():
    t = raw([["1", "Nhiệm vụ một dài dòng", "Văn phòng"], ["2", "Nhiệm vụ hai dài dòng", "Công an"]])
    assert find_header(t) == (0, 0)
    h = detect_header(t)
    assert (h.count, h.end, h.texts) == (0, 0, ["", "", ""])
    assert not is_repeated_header(["STT", "Nội dung", "Đơn vị chủ trì"], h)


def test_a_header_found_only_below_the_search_rows_is_none():
    t = raw([["Lời nói đầu", "", ""]] * 12 + [["STT", "Nội dung", "Sản phẩm"]])
    assert find_header(t) == (0, 0)


def test_repeated_header_wholly_or_cell_by_cell():
    h = detect_header(raw([HEADER, TASK]))
    assert is_repeated_header(HEADER, h)
    assert is_repeated_header(["S T T", "NỘI DUNG", "Sản phẩm", "Cơ quan chủ trì"], h)
    assert is_repeated_header(["STT", "Nội dung", "Sản phẩm", ""], h)  # 3 of 3 filled cells agree
    assert not is_repeated_header(TASK, h)
    assert not is_repeated_header(["STT", "Rà soát", "Báo cáo", "Văn phòng"], h)
