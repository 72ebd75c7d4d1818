"""Criteria sets: Decimal points, the tree from the numbering, refusal of sets that do not add up,
and the stored set read back whole from a real database file."""

from decimal import Decimal

import pytest

from app.errors import InvalidInput, NotFound
from app.index.model import ON_TIME, RATE, CriteriaSet, Criterion, Rule, format_points, parse_points
from app.index.sets import criteria_set, save_set
from app.index.validate import set_problem
from app.workspace import open_workspace


def D(s: str) -> Decimal:
    return Decimal(s)


def small_set(total: str = "3") -> CriteriaSet:
    return CriteriaSet(
        "Bộ thử",
        D(total),
        [
            Criterion("1", "Công tác chỉ đạo điều hành", D("2")),
            Criterion("1.1", "Ban hành kế hoạch CCHC", D("1"), "Đúng hạn: 1 điểm", Rule(ON_TIME)),
            Criterion("1.2", "Báo cáo", D("1")),
            Criterion("1.2.1", "Báo cáo quý", D("0.5")),
            Criterion("1.2.2", "Báo cáo năm", D("0.25")),
            Criterion("1.2.3", "Báo cáo chuyên đề", D("0.25")),
            Criterion("2", "Thể chế", D("1"), rule=Rule(RATE, ((D("95"), D("1")), (D("80"), D("0.5"))))),
        ],
    )


@pytest.mark.parametrize(
    "text,value", [("1", "1"), ("0,5", "0.5"), ("2.0", "2.0"), (" 1,25 điểm", "1.25"), ("0,1", "0.1")]
)
def test_points_are_read_as_decimals(text, value):
    assert parse_points(text) == D(value)


@pytest.mark.parametrize("text", ["", "abc", "-1", "nan", "1e9", "Infinity"])
def test_what_is_not_points_is_none(text):
    assert parse_points(text) is None


def test_points_are_written_the_vietnamese_way():
    assert [format_points(D(s)) for s in ("1", "2.0", "0.5", "0.25", "10")] == ["1", "2", "0,5", "0,25", "10"]


def test_tenths_add_up_exactly_where_floats_would_not():
    cs = CriteriaSet("Bộ", D("0.3"), [Criterion("1", "A", D("0.3"))] + [])
    cs.criteria += [Criterion("1.1", "a", D("0.1")), Criterion("1.2", "b", D("0.2"))]
    assert 0.1 + 0.2 != 0.3  # why Decimal
    assert set_problem(cs) is None


def test_the_tree_comes_from_the_numbering():
    cs = small_set()
    assert [a.number for a in cs.areas()] == ["1", "2"]
    assert [c.number for c in cs.children("1.2")] == ["1.2.1", "1.2.2", "1.2.3"]
    assert [c.number for c in cs.leaves()] == ["1.1", "1.2.1", "1.2.2", "1.2.3", "2"]
    assert set_problem(cs) is None


def test_rate_band_points():
    rule = Rule(RATE, ((D("95"), D("1")), (D("80"), D("0.5"))))
    assert [rule.points_for_rate(D(p)) for p in ("100", "95", "94.9", "80", "79")] == [
        D("1"),
        D("1"),
        D("0.5"),
        D("0.5"),
        D("0"),
    ]


def test_parts_not_adding_up_to_their_parent_are_refused_in_one_line():
    cs = small_set()
    cs.criteria[5] = Criterion("1.2.3", "Báo cáo chuyên đề", D("0.5"))
    assert set_problem(cs) == (
        "Các tiêu chí thành phần của tiêu chí 1.2 cộng lại 1,25 điểm, khác 1 điểm tối đa đã ghi."
    )


def test_areas_not_adding_up_to_the_total_are_refused():
    assert set_problem(small_set(total="100")) == "Các lĩnh vực cộng lại 3 điểm, khác tổng điểm 100 của bộ tiêu chí."


@pytest.mark.parametrize(
    "criteria,message",
    [
        ([Criterion("1", "A", D("1")), Criterion("1", "B", D("0"))], "Tiêu chí số 1 xuất hiện hai lần."),
        ([Criterion("2.1", "A", D("1"))], "Tiêu chí 2.1 không có tiêu chí cha 2 đứng trước."),
        ([Criterion("1.a", "A", D("1"))], "Số thứ tự «1.a» không đúng dạng 1, 1.1, 1.1.1."),
        ([Criterion("1", " ", D("1"))], "Tiêu chí 1 chưa có tên."),
        ([], "Bộ tiêu chí không có tiêu chí nào."),
    ],
)
def test_malformed_sets_are_refused(criteria, message):
    assert set_problem(CriteriaSet("Bộ", D("1"), criteria)) == message


def test_a_saved_set_reads_back_whole(tmp_path):
    ws = open_workspace(tmp_path / "data.db")
    try:
        set_id = save_set(ws, small_set())
        back = criteria_set(ws, set_id)
        assert back.id == set_id and back.name == "Bộ thử" and back.total == D("3")
        assert back.criteria == small_set().criteria
        assert ws.db.list_index_sets() == [(set_id, "Bộ thử", D("3"), "", 7)]
    finally:
        ws.close()


def test_a_refused_set_leaves_the_database_as_it_was(tmp_path):
    ws = open_workspace(tmp_path / "data.db")
    try:
        with pytest.raises(InvalidInput, match="khác tổng điểm"):
            save_set(ws, small_set(total="4"))
        assert ws.db.list_index_sets() == []
    finally:
        ws.close()


def test_deleting_a_set_deletes_its_criteria(tmp_path):
    ws = open_workspace(tmp_path / "data.db")
    try:
        set_id = save_set(ws, small_set())
        ws.db.delete_index_set(set_id)
        with pytest.raises(NotFound, match="Không có bộ tiêu chí"):
            criteria_set(ws, set_id)
        # the criteria went with it: a new set may reuse the numbers
        assert criteria_set(ws, save_set(ws, small_set())).criteria == small_set().criteria
    finally:
        ws.close()
