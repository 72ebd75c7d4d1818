"""Step 2, the column mapping: the user's, the header's, or a guess from the columns' contents."""

from __future__ import annotations

import pytest
from import_corpus import raw

from app.errors import InvalidInput
from app.importing.classify import map_table_columns
from app.importing.columns import guess_mapping
from app.importing.header import detect_header

HEADER = ["STT", "Nội dung", "Hình ảnh minh họa", "Đơn vị chủ trì"]
ROWS = [HEADER, ["1", "Rà soát thủ tục hành chính", "ảnh 1", "Văn phòng"]]


def test_the_header_names_the_columns():
    t = raw(ROWS)
    cols = map_table_columns(t, detect_header(t))
    assert cols.keys == {0: "number", 1: "content", 2: None, 3: "lead"}
    assert (cols.count, cols.number, cols.guessed) == (4, 0, False)


def test_a_roadmap_column_is_the_timeline_not_the_lead():
    t = raw([["STT", "Nhiệm vụ", "Lộ trình thực hiện", "Cơ quan thực hiện"], ["1", "Rà soát", "Quý I", "Văn phòng"]])
    assert map_table_columns(t, detect_header(t)).keys == {0: "number", 1: "content", 2: "timeline", 3: "lead"}


def test_the_users_mapping_replaces_the_headers():
    t = raw(ROWS)
    cols = map_table_columns(t, detect_header(t), {"1": "content", 3: "partners", 0: ""})
    assert cols.keys == {0: None, 1: "content", 2: None, 3: "partners"}
    assert cols.number is None and not cols.guessed
    with pytest.raises(InvalidInput):
        map_table_columns(t, detect_header(t), {7: "content"})


def test_without_a_header_the_columns_are_guessed():
    t = raw([["1", "Nhiệm vụ một dài dòng", "Văn phòng"], ["2", "Nhiệm vụ hai dài dòng", "Công an"]])
    cols = map_table_columns(t, detect_header(t))
    assert cols.keys == {0: "number", 1: "content", 2: "product"}
    assert cols.number == 0 and cols.guessed


def test_guess_mapping_widest_column_is_the_content_and_fields_follow_it():
    t = raw([["Ghi", "Tuyên truyền cải cách hành chính", "Kế hoạch", "Văn phòng", "Quý I"]] * 2)
    assert guess_mapping(t) == {0: None, 1: "content", 2: "product", 3: "lead", 4: "partners"}


def test_guess_mapping_numbers_in_the_first_column():
    rows = [["a)", "Việc một"], ["Ghi chú", "Việc hai"], ["II", "Việc ba"]]
    assert guess_mapping(raw(rows)) == {0: "number", 1: "content"}
    assert guess_mapping(raw([["Chữ", "Việc một"], ["Chữ", "Việc hai"]])) == {0: None, 1: "content"}
    assert guess_mapping(raw([["1"], ["2"]])) == {0: "number"}
    assert guess_mapping(raw([])) == {}
