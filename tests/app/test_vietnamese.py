import re
import unicodedata

import pytest

from app.model import DocDate
from app.vietnamese import (
    LETTERS,
    agency_header,
    clean_text,
    date_words,
    fold,
    letter,
    locality,
    number_line,
    number_symbol,
    parent_header,
    place_date_line,
    roman,
    split_locality,
)

DATE_RE = re.compile(r", ngày (0[1-9]|[12]\d|3[01]|\s+) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
NUMBER_RE = re.compile(r"^Số:\s*(0[1-9]|[1-9]\d+)?\s*/KH-[A-ZĐ]+$")


def test_letter_sequence_is_the_vietnamese_one():
    assert [letter(i) for i in range(1, 24)] == list(LETTERS)
    assert "".join(LETTERS) == "abcdđeghiklmnopqrstuvxy"
    assert letter(5) == "đ" and letter(6) == "e" and letter(7) == "g"
    assert letter(24) == "aa"


@pytest.mark.parametrize("n,text", [(1, "I"), (4, "IV"), (7, "VII"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman(n, text):
    assert roman(n) == text


@pytest.mark.parametrize(
    "date,text",
    [
        (DocDate(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (DocDate(2024, 2, 15), "ngày 15 tháng 02 năm 2024"),
        (DocDate(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (DocDate(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
        (DocDate(2024, 1, None), "ngày      tháng 01 năm 2024"),
        (DocDate(2024, None, None), "ngày      tháng      năm 2024"),
    ],
)
def test_date_words_official_leading_zeros(date, text):
    assert date_words(date) == text


def test_place_date_line_matches_official_pattern():
    for d in (DocDate(2024, 1, 5), DocDate(2024, 1, None), DocDate(2024, 11, 20)):
        line = place_date_line("Phú Sơn", d)
        assert line.startswith("Phú Sơn, ngày ")
        assert DATE_RE.search(line), line


def test_number_line_and_draft_form():
    assert number_line("9", "KH-UBND") == "Số: 09/KH-UBND"
    assert number_line("123", "KH-UBND") == "Số: 123/KH-UBND"
    assert number_line("", "KH-UBND") == "Số:      /KH-UBND"
    for n in ("9", "10", ""):
        assert NUMBER_RE.match(number_line(n, "KH-UBND"))
    assert number_symbol("09", "KH-UBND") == "09/KH-UBND"
    assert number_symbol("", "KH-UBND").endswith("/KH-UBND") and number_symbol("", "KH-UBND").startswith(" ")


def test_clean_text_is_nfc_and_drops_xml_invalid_controls():
    nfd = unicodedata.normalize("NFD", "Cải cách hành chính")
    assert clean_text(nfd) == "Cải cách hành chính"
    assert unicodedata.is_normalized("NFC", clean_text(nfd))
    assert clean_text("a\x00b\x07c\r\nd\te") == "abc\nd\te"


def test_fold_is_accent_and_case_insensitive():
    assert fold("Hài Lòng") == "hai long"
    assert fold("Đề án 06") == "de an 06"
    assert fold(unicodedata.normalize("NFD", "Ủy ban")) == "uy ban"


@pytest.mark.parametrize(
    "agency,kind,name",
    [
        ("ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN", "phường", "Phú Sơn"),
        ("UBND phường Phú Sơn", "phường", "Phú Sơn"),
        ("Phường Phú Sơn", "phường", "Phú Sơn"),
        ("Ủy ban nhân dân xã Xuân Phú", "xã", "Xuân Phú"),
        ("Uỷ ban nhân dân đặc khu Côn Đảo", "đặc khu", "Côn Đảo"),
    ],
)
def test_split_locality(agency, kind, name):
    assert split_locality(agency) == (kind, name)
    assert locality(agency) == f"{kind} {name}"


def test_header_forms():
    assert agency_header("Phường Phú Sơn") == "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ SƠN"
    assert parent_header("UBND tỉnh Thanh Hóa") == "UBND TỈNH THANH HÓA"
    assert parent_header("") == ""
