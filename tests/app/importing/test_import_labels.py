"""A row's words: its number as written, group prefixes, heading titles, text joined across rows."""

from __future__ import annotations

import pytest

from app.importing.labels import (
    compact,
    follows,
    item_letters,
    join_text,
    looks_like_heading,
    parse_label,
    split_content_number,
    split_group_prefix,
    split_letter_item,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ("", None)),
        ("   ", ("", None)),
        ("1", ("decimal", [1])),
        ("2.", ("decimal", [2])),
        ("2.1", ("decimal", [2, 1])),
        ("1.2.3", ("decimal", [1, 2, 3])),
        ("II", ("group", "II")),
        ("III.", ("group", "III")),
        ("A.", ("group", "A")),
        ("IV)", ("group", "IV")),
        ("a)", ("letter", "a")),
        ("đ", ("letter", "đ")),
        ("c.", ("letter", "c")),
        ("-", ("bullet", "-")),
        ("•", ("bullet", "•")),
        ("Ghi chú", ("text", "Ghi chú")),
        ("Nội  dung\nthêm", ("text", "Nội dung thêm")),
    ],
)
def test_parse_label(text, expected):
    assert parse_label(text) == expected


def test_split_group_prefix():
    assert split_group_prefix("II. Cải cách thủ tục hành chính") == ("II", "Cải cách thủ tục hành chính")
    assert split_group_prefix("I Cải cách thể chế") == ("I", "Cải cách thể chế")
    assert split_group_prefix("B- Cải cách tài chính công") == ("B", "Cải cách tài chính công")
    assert split_group_prefix("Cải cách thể chế") is None
    assert split_group_prefix("Kế hoạch") is None  # 'K' is no group letter


def test_split_content_number():
    assert split_content_number("1. Rà soát thủ tục") == ("1.", "Rà soát thủ tục")
    assert split_content_number("2.1 Số hóa hồ sơ") == ("2.1", "Số hóa hồ sơ")
    assert split_content_number("a) Niêm yết công khai") == ("a)", "Niêm yết công khai")
    assert split_content_number("- Cập nhật trên cổng") == ("-", "Cập nhật trên cổng")
    assert split_content_number("1 Rà soát") is None  # a bare number could be a quantity
    assert split_content_number("Rà soát 1. thủ tục") is None


@pytest.mark.parametrize(
    "text, heading",
    [
        ("Cải cách thủ tục hành chính", True),
        ("Xây dựng chính quyền số", True),
        ("Công tác chỉ đạo, điều hành", True),
        ("Cải cách thủ tục hành chính.", False),  # a sentence, not a title
        ("Rà soát thủ tục hành chính", False),  # a task that names an area
        ("Cải cách " + "rất dài " * 20 + "thủ tục", False),
        ("Cải cách nhiệm vụ khác", False),  # names no area
    ],
)
def test_looks_like_heading(text, heading):
    assert looks_like_heading(text) is heading


@pytest.mark.parametrize(
    "before, after, joined",
    [
        ("", "văn bản", "văn bản"),
        ("Rà soát", "", "Rà soát"),
        ("nâng cao công tác xây dựng", "văn bản, kiểm soát", "nâng cao công tác xây dựng văn bản, kiểm soát"),
        ("Kinh phí chi theo", "quy định được duyệt", "Kinh phí chi theo quy định được duyệt"),
        ("Quý", "2/2024", "Quý 2/2024"),
        ("Công chức Tư pháp", "- hộ tịch", "Công chức Tư pháp\n- hộ tịch"),
        ("Rà soát văn bản.", "kiểm soát", "Rà soát văn bản.\nkiểm soát"),
        ("Kế hoạch", "Báo cáo", "Kế hoạch\nBáo cáo"),
        # a lettered item starts a line of its own, even where a sentence would go on
        ("Gồm:\na) Cập nhật\nb) Niêm yết tại", "c) Đăng tải", "Gồm:\na) Cập nhật\nb) Niêm yết tại\nc) Đăng tải"),
    ],
)
def test_join_text(before, after, joined):
    assert join_text(before, after) == joined


@pytest.mark.parametrize(
    "text, split",
    [
        ("b) Rà soát văn bản", ("b)", "Rà soát văn bản")),
        ("c. Rà soát văn bản", ("c.", "Rà soát văn bản")),
        ("đ) Công khai", ("đ)", "Công khai")),
        ("đ)Công khai", ("đ)", "Công khai")),
        ("y) Việc cuối", ("y)", "Việc cuối")),
        ("a) Gồm:\n- Cập nhật", ("a)", "Gồm:\n- Cập nhật")),
        ("f) Không phải chữ cái tiếng Việt", None),
        ("v.v. và các việc khác", None),  # a '.' must be followed by a space
        ("c.Rà soát", None),
        ("b)", None),  # a letter with nothing after it
        ("A) Nhóm", None),  # capitals are group letters
        ("Rà soát b) văn bản", None),
        ("văn bản còn lại", None),
        ("2.1 Số hóa", None),
    ],
)
def test_split_letter_item(text, split):
    assert split_letter_item(text) == split


def test_item_letters_are_the_lines_that_open_an_item():
    assert item_letters("Gồm:\na) Cập nhật\nb) Niêm yết\n- thêm") == ["a", "b"]
    assert item_letters("c. Đăng tải") == ["c"]
    assert item_letters("Rà soát a) văn bản") == []


@pytest.mark.parametrize(
    "before, letter, yes",
    [("a", "b", True), ("d", "đ", True), ("đ", "e", True), ("e", "g", True), ("x", "y", True)],
)
def test_follows_in_vietnamese_letter_order(before, letter, yes):
    assert follows(before, letter) is yes


def test_follows_only_the_next_letter():
    assert not follows("a", "c")
    assert not follows("e", "f")
    assert not follows("b", "a")
    assert not follows("y", "z")
    assert not follows("", "a")


def test_compact():
    assert compact("Số TT") == "sott"
    assert compact("  Nội dung\ncông việc ") == "noidungcongviec"
    assert compact("(1)") == "1"
