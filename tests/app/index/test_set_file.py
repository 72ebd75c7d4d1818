"""The criteria-set file: the shipped sample is whole (eight areas, 100 points, named a sample),
a set survives a write and a read, a damaged file is refused in one Vietnamese line."""

import json
from decimal import Decimal

import pytest

from app.errors import InvalidInput
from app.index.model import ON_TIME, RATE
from app.index.set_file import read_set_file, sample_set, sample_set_path, set_from_dict, write_set_file

AREAS = [
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển chính quyền số",
    "Tác động của cải cách hành chính đến người dân",
]


def test_the_sample_has_eight_areas_adding_up_to_100_and_says_it_is_a_sample():
    cs = sample_set()
    assert cs.name == "Bộ tiêu chí mẫu — không phải của tỉnh nào"
    assert cs.total == Decimal(100)
    assert [a.title for a in cs.areas()] == AREAS
    assert sum(a.max_points for a in cs.areas()) == Decimal(100)
    assert sum(c.max_points for c in cs.leaves()) == Decimal(100)
    kinds = {c.rule.kind for c in cs.leaves() if c.rule}
    assert {ON_TIME, RATE} <= kinds
    assert cs.find("1.1.1").rule.kind == ON_TIME


def test_a_set_survives_a_write_and_a_read(tmp_path):
    cs = sample_set()
    write_set_file(cs, tmp_path / "bo.json")
    back = read_set_file(tmp_path / "bo.json")
    assert back.criteria == cs.criteria and back.total == cs.total and back.name == cs.name


def _sample_dict():
    return json.loads(sample_set_path().read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "spoil,message",
    [
        (lambda d: d.update(format="x"), "Tệp không phải tệp bộ tiêu chí Chỉ số CCHC của phần mềm."),
        (lambda d: d.update(total="99"), "Các lĩnh vực cộng lại 100 điểm, khác tổng điểm 99 của bộ tiêu chí."),
        (lambda d: d["criteria"][2].update(points="một"), "Tiêu chí thứ 3: điểm «một» không phải là số điểm."),
        (
            lambda d: d["criteria"][2].update(rule={"kind": "guess"}),
            "Tiêu chí thứ 3: cách chấm không phải một trong on_time, rate, manual.",
        ),
        (lambda d: d["criteria"][0].pop("title"), "Tiêu chí thứ 1: thiếu số thứ tự hoặc tên tiêu chí."),
    ],
)
def test_a_spoiled_set_is_refused_in_one_line(spoil, message):
    d = _sample_dict()
    spoil(d)
    with pytest.raises(InvalidInput) as e:
        set_from_dict(d)
    assert e.value.message == message


def test_a_file_that_is_not_json_is_refused(tmp_path):
    (tmp_path / "x.json").write_bytes(b"\xff\x00nope")
    with pytest.raises(InvalidInput, match="không phải tệp bộ tiêu chí"):
        read_set_file(tmp_path / "x.json")
