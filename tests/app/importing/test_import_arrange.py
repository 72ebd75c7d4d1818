"""Steps 4-7, rows together: page-broken rows joined, sub-tasks nested, areas handed down, result rows."""

from __future__ import annotations

from app.importing.arrange import (
    assign_areas,
    attach_continuations,
    import_rows,
    join_lines,
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


# ---------------------------------------------------------------- step 5: sub-rows


def levels(lines):
    return [(x.label, x.level, x.parent) for x in nest_sub_rows(lines) if x.what == ENTRY]


def test_decimal_numbers_nest():
    lines = [task(2, "1", "Một"), task(3, "1.1", "Một một", depth=1), task(4, "1.1.1", "Ba", depth=2)]
    lines += [task(5, "1.1.1.1", "Quá sâu", depth=3), task(6, "2", "Hai")]
    assert levels(lines) == [("1", 0, None), ("1.1", 1, 0), ("1.1.1", 2, 1), ("1.1.1.1", 2, 1), ("2", 0, None)]


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
