"""Steps 4-7, rows together: page-broken rows joined, sub-tasks nested, areas handed down, result rows."""

from __future__ import annotations

from app.importing.arrange import (
    assign_areas,
    attach_continuations,
    import_rows,
    join_lines,
    lettered_row,
    nest_sub_rows,
    reads_on,
)
from app.importing.classify import BLANK, ENTRY, HEADING, JOINED, ORPHAN, Line
from app.importing.rows import GROUP, TASK, UNKNOWN


def task(row, label, content="", numbering="decimal", depth=0, **fields):
    return Line(ENTRY, row, label, numbering, depth, {"content": content, **fields} if content else dict(fields))


def heading(row, title, area):
    return Line(HEADING, row, "II", fields={"content": title}, area=area)


# ---------------------------------------------------------------- step 4: continuation rows


def test_a_row_cut_by_a_page_break_is_joined_to_its_task():
    lines = [
        task(4, "2", "Theo dõi thi hành pháp luật; nâng cao công tác xây dựng", budget="Kinh phí chi theo"),
        Line(BLANK, 5),
        task(6, "", "văn bản, kiểm soát chặt chẽ.", numbering="", budget="quy định được duyệt"),
    ]
    out = attach_continuations(lines, numbered=True)
    assert [x.what for x in out] == [ENTRY, BLANK, JOINED]
    assert out[0].fields == {
        "content": "Theo dõi thi hành pháp luật; nâng cao công tác xây dựng văn bản, kiểm soát chặt chẽ.",
        "budget": "Kinh phí chi theo quy định được duyệt",
    }
    assert out[0].joined == (6,) and out[2].joined_to == 4
    assert lines[0].fields["content"].endswith("xây dựng")  # the input is left as it was


def test_a_new_sentence_without_a_number_is_a_task_of_its_own():
    lines = [task(2, "1", "Rà soát văn bản."), task(3, "", "Tuyên truyền pháp luật", numbering="")]
    out = attach_continuations(lines, numbered=True)
    assert [x.what for x in out] == [ENTRY, ENTRY]
    assert out[1].unnumbered and not out[0].unnumbered


def test_no_joining_across_a_heading_or_without_an_stt_column():
    after_heading = [
        task(2, "1", "Rà soát"),
        heading(3, "Cải cách thể chế", "institutions"),
        task(4, "", "văn bản", numbering=""),
    ]
    out = attach_continuations(after_heading, numbered=True)
    assert out[2].what == ENTRY and out[2].unnumbered
    no_stt = [task(2, "", "Rà soát", numbering=""), task(3, "", "văn bản", numbering="")]
    out = attach_continuations(no_stt, numbered=False)
    assert [(x.what, x.unnumbered) for x in out] == [(ENTRY, False), (ENTRY, False)]


def test_an_orphan_row_between_does_not_stop_the_joining():
    lines = [task(2, "1", "Rà soát"), Line(ORPHAN, 3, stray=((2, "ảnh"),)), task(4, "", "văn bản", numbering="")]
    out = attach_continuations(lines, numbered=True)
    assert out[2].what == JOINED and out[0].fields["content"] == "Rà soát văn bản"


def test_reads_on():
    before = task(2, "1", "Rà soát văn bản.")
    assert reads_on(before, task(3, "", "kiểm soát", numbering=""))
    assert reads_on(before, task(3, "", numbering="", lead="Công chức"))  # no content: more of the same row
    assert not reads_on(before, task(3, "", "Kiểm soát", numbering=""))
    assert reads_on(task(2, "1", "Rà soát văn bản"), task(3, "", "Kiểm soát", numbering=""))
    assert reads_on(task(2, "1", lead="Văn phòng"), task(3, "", "Kiểm soát", numbering=""))


def test_join_lines_adds_new_fields_after_the_old_ones():
    got = join_lines(task(2, "1", "Rà soát", lead="Văn phòng"), task(3, "", "văn bản", numbering="", note="Ưu tiên"))
    assert list(got.fields.items()) == [("content", "Rà soát văn bản"), ("lead", "Văn phòng"), ("note", "Ưu tiên")]


# ---------------------------------------------------------------- step 4: lettered sub-rows


def numberless(row, content, **fields):
    return task(row, "", content, numbering="", **fields)


def test_a_lettered_row_without_a_number_is_a_sub_row_with_its_own_columns():
    lines = [
        task(2, "1", "Rà soát văn bản", lead="Văn phòng", timeline="Quý II"),
        numberless(3, "b) Rà soát văn bản của HĐND", lead="Tư pháp", timeline="Quý I", product="Danh mục"),
        numberless(4, "c. Rà soát văn bản của UBND", lead="Văn phòng"),
    ]
    out = attach_continuations(lines, numbered=True)
    assert [(x.what, x.label, x.numbering, x.unnumbered) for x in out] == [
        (ENTRY, "1", "decimal", False),
        (ENTRY, "b)", "letter", False),
        (ENTRY, "c.", "letter", False),
    ]
    # the letter leaves the content (the app numbers sub-tasks itself), the other columns stay the row's
    assert out[1].fields == {
        "content": "Rà soát văn bản của HĐND",
        "lead": "Tư pháp",
        "timeline": "Quý I",
        "product": "Danh mục",
    }
    assert out[0].fields == {"content": "Rà soát văn bản", "lead": "Văn phòng", "timeline": "Quý II"}
    assert lines[1].fields["content"].startswith("b) ")  # the input is left as it was


def test_text_after_a_lettered_sub_row_goes_on_in_that_sub_row():
    lines = [
        task(2, "1", "Rà soát"),
        numberless(3, "b) Rà soát văn bản do UBND ban hành,", lead="Tư pháp"),
        numberless(4, "kiến nghị sửa đổi"),
    ]
    out = attach_continuations(lines, numbered=True)
    assert [x.what for x in out] == [ENTRY, ENTRY, JOINED]
    assert out[1].fields["content"] == "Rà soát văn bản do UBND ban hành, kiến nghị sửa đổi"
    assert out[2].joined_to == 3


def test_a_lettered_row_with_its_columns_empty_is_still_a_sub_row():
    lines = [task(2, "1", "Rà soát thủ tục", lead="Trung tâm"), numberless(3, "b) Thủ tục chứng thực")]
    out = attach_continuations(lines, numbered=True)
    assert (out[1].what, out[1].label, out[1].fields) == (ENTRY, "b)", {"content": "Thủ tục chứng thực"})


def test_a_lettered_list_cut_by_a_page_goes_on_in_its_cell():
    cell = "Công khai văn bản:\na) Cập nhật cơ sở dữ liệu\nb) Niêm yết tại trụ sở"
    lines = [task(2, "3", cell, lead="Văn phòng"), numberless(3, "c) Đăng trên trang thông tin")]
    out = attach_continuations(lines, numbered=True)
    assert [x.what for x in out] == [ENTRY, JOINED]
    assert out[0].fields["content"] == cell + "\nc) Đăng trên trang thông tin"
    # …but a row of its own when it has its own columns, or when its letter does not go on with the list
    assert lettered_row(numberless(3, "c) Đăng tải", lead="Văn phòng"), lines[0]).label == "c)"
    assert lettered_row(numberless(3, "d) Đăng tải"), lines[0]).label == "d)"
    assert lettered_row(numberless(3, "c) Đăng tải"), task(2, "3", "Công khai văn bản")).label == "c)"


def test_several_lettered_lines_in_one_cell_stay_text():
    lines = [task(2, "1", "Rà soát văn bản"), numberless(3, "a) Của HĐND\nb) Của UBND")]
    out = attach_continuations(lines, numbered=True)
    assert [x.what for x in out] == [ENTRY, JOINED]
    assert out[0].fields["content"] == "Rà soát văn bản\na) Của HĐND\nb) Của UBND"
    assert lettered_row(lines[1], lines[0]) is None


def test_text_that_opens_no_lettered_item_is_still_a_continuation():
    for text in ("văn bản còn lại", "v.v. các văn bản khác", "f) không phải chữ cái của mục"):
        out = attach_continuations([task(2, "1", "Rà soát"), numberless(3, text)], numbered=True)
        assert out[1].what == JOINED, text


def test_a_letter_in_the_stt_column_is_left_to_the_stt():
    line = task(3, "b)", "c) Nội dung", numbering="letter")
    out = attach_continuations([task(2, "1", "Rà soát"), line], numbered=True)
    assert out[1] == line


def test_lettered_sub_rows_under_group_rows_attach_to_their_own_task():
    lines = [
        heading(2, "Cải cách thể chế", "institutions"),
        task(3, "1", "Rà soát văn bản"),
        numberless(4, "b) Của HĐND", lead="Tư pháp"),
        task(5, "2", "Phổ biến pháp luật"),
        heading(6, "Cải cách thủ tục hành chính", "procedures"),
        numberless(7, "a) Việc trước mọi nhiệm vụ", lead="Trung tâm"),
        task(8, "1", "Rà soát thủ tục"),
        numberless(9, "a) Hộ tịch", lead="Văn phòng"),
        numberless(10, "b. Chứng thực"),
    ]
    got = [
        (x.row, x.label, x.level, x.parent) for x in nest_sub_rows(attach_continuations(lines, True)) if x.what == ENTRY
    ]
    # result rows: 0 heading, 1 task 1, 2 b), 3 task 2, 4 heading, 5 a) (no task above: a task), 6 task 1, 7 a), 8 b.
    assert got == [
        (3, "1", 0, None),
        (4, "b)", 1, 1),
        (5, "2", 0, None),
        (7, "a)", 0, None),
        (8, "1", 0, None),
        (9, "a)", 1, 6),
        (10, "b.", 1, 6),
    ]


def test_without_an_stt_column_no_row_is_made_lettered_here():
    lines = [task(2, "", "Rà soát", numbering=""), numberless(3, "b) Của HĐND", lead="Tư pháp")]
    assert attach_continuations(lines, numbered=False) == lines


# ---------------------------------------------------------------- step 5: sub-rows


def levels(lines):
    return [(x.label, x.level, x.parent) for x in nest_sub_rows(lines) if x.what == ENTRY]


def test_decimal_numbers_nest():
    lines = [task(2, "1", "Một"), task(3, "1.1", "Một một", depth=1), task(4, "1.1.1", "Ba", depth=2)]
    lines += [task(5, "1.1.1.1", "Quá sâu", depth=3), task(6, "2", "Hai")]
    assert levels(lines) == [("1", 0, None), ("1.1", 1, 0), ("1.1.1", 2, 1), ("1.1.1.1", 2, 1), ("2", 0, None)]


def test_a_fourth_level_is_placed_on_the_third_and_flagged():
    lines = [task(2, "1", "Một"), task(3, "1.1", "Một một", depth=1), task(4, "1.1.1", "Ba", depth=2)]
    lines += [task(5, "a)", "Chữ a", numbering="letter"), task(6, "1.1.1.1", "Quá sâu", depth=3)]
    lines += [task(7, "1.2", "Một hai", depth=1), task(8, "a)", "Chữ a", numbering="letter")]
    out = [x for x in nest_sub_rows(lines) if x.what == ENTRY]
    assert [(x.label, x.level, x.parent, x.too_deep) for x in out] == [
        ("1", 0, None, False),
        ("1.1", 1, 0, False),
        ("1.1.1", 2, 1, False),
        ("a)", 2, 1, True),
        ("1.1.1.1", 2, 1, True),
        ("1.2", 1, 0, False),
        ("a)", 2, 5, False),
    ]


def test_letters_and_bullets_go_one_under_the_last_decimal():
    lines = [task(2, "2", "Hai"), task(3, "2.1", "Hai một", depth=1), task(4, "a)", "Chữ a", numbering="letter")]
    lines += [task(5, "-", "Gạch", numbering="bullet")]
    assert levels(lines) == [("2", 0, None), ("2.1", 1, 0), ("a)", 2, 1), ("-", 2, 1)]
    assert levels([task(2, "a)", "Chữ a", numbering="letter")]) == [("a)", 0, None)]


def test_an_unnumbered_task_sits_beside_the_task_above():
    lines = [task(2, "1", "Một"), task(3, "1.1", "Con", depth=1), task(4, "", "Không số", numbering="")]
    assert levels(lines) == [("1", 0, None), ("1.1", 1, 0), ("", 1, 0)]


def test_no_parent_across_a_heading():
    lines = [task(2, "2", "Hai"), heading(3, "Cải cách thể chế", "institutions"), task(4, "2.1", "Con", depth=1)]
    assert levels(lines) == [("2", 0, None), ("2.1", 0, None)]


def test_parents_are_positions_among_the_result_rows():
    lines = [Line(BLANK, 2), heading(3, "Cải cách thể chế", "institutions"), Line(ORPHAN, 4, stray=((2, "ảnh"),))]
    lines += [task(5, "1", "Một"), Line(JOINED, 6, joined_to=5), task(7, "1.1", "Con", depth=1)]
    assert levels(lines) == [("1", 0, None), ("1.1", 1, 2)]


# ---------------------------------------------------------------- steps 6 and 7: areas, result rows


def test_areas_come_from_the_heading_above_or_the_table():
    lines = [task(2, "1", "Một"), heading(3, "Nhóm khác", ""), task(4, "1", "Hai")]
    lines += [heading(5, "Cải cách thể chế", "institutions"), Line(ORPHAN, 6, stray=((2, "ảnh"),))]
    out = assign_areas(lines, "procedures")
    assert [(x.what, x.area) for x in out] == [
        (ENTRY, "procedures"),
        (HEADING, ""),
        (ENTRY, ""),
        (HEADING, "institutions"),
        (ORPHAN, "institutions"),
    ]


def test_import_rows():
    lines = [
        heading(2, "Cải cách thể chế", "institutions"),
        Line(ORPHAN, 3, label="", stray=((2, "ảnh 1"), (3, "ảnh 2")), area="institutions"),
        Line(ENTRY, 4, "1", "decimal", fields={"content": "Rà soát", "lead": "Văn phòng"}, joined=(5,)),
        Line(JOINED, 5, joined_to=4),
        Line(ENTRY, 6, "2", "decimal", fields={"product": "Kế hoạch"}, untitled=True),
        Line(BLANK, 7),
    ]
    rows = import_rows(lines)
    assert [(r.kind, r.label, r.source_rows, r.checked, r.fields) for r in rows] == [
        (GROUP, "II", (2,), False, {"content": "Cải cách thể chế"}),
        (UNKNOWN, "", (3,), False, {"content": "ảnh 1 | ảnh 2"}),
        (TASK, "1", (4, 5), True, {"content": "Rà soát", "lead": "Văn phòng"}),
        (TASK, "2", (6,), False, {"product": "Kế hoạch"}),
    ]
    assert rows[2].fields is not lines[2].fields
