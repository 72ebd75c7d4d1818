"""TCVN3 (ABC) and VNI text found and converted to Unicode, checked on whole sentences."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.legacy_encoding import (
    TCVN3,
    TCVN3_TO_UNICODE,
    VNI,
    VNI_TO_UNICODE,
    convert_if_legacy,
    detect_legacy,
    from_unicode,
    is_vietnamese_syllable,
    to_unicode,
)

# Every Vietnamese letter with a mark: 12 vowels x 6 tones (less the bare ones) and đ.
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} - set("aeiouy") | {"đ"})

SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân phường Phú Sơn ban hành Kế hoạch cải cách hành chính năm 2024.",
    "Tham mưu HĐND, UBND cấp huyện, cấp xã ban hành đầy đủ, kịp thời, đúng quy trình các văn bản quy phạm pháp luật.",
    "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính đạt tối thiểu 92%.",
    "Rà soát, đơn giản hóa thủ tục hành chính; số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
    "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số; chuyển đổi số trong cơ quan nhà nước.",
    "Thường xuyên kiểm tra, đôn đốc việc thực hiện nhiệm vụ được giao; khen thưởng kịp thời.",
    "Người đứng đầu chịu trách nhiệm trước Chủ tịch về kết quả thực hiện; quyển sổ, khuya, nguyễn, giữ gìn.",
]


def test_brief_examples():
    assert to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", TCVN3) == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", VNI) == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == TCVN3
    assert detect_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == VNI


@pytest.mark.parametrize(
    "tcvn3, unicode",
    [
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
        ("Ph¸t triÓn kinh tÕ x· héi", "Phát triển kinh tế xã hội"),
        ("n¨m 2024, h­íng dÉn, ®¬n vÞ", "năm 2024, hướng dẫn, đơn vị"),
        ("Thø tr­ëng, quyÕt ®Þnh, thùc hiÖn, tr¸ch nhiÖm", "Thứ trưởng, quyết định, thực hiện, trách nhiệm"),
    ],
)
def test_tcvn3_known_words(tcvn3, unicode):
    assert to_unicode(tcvn3, TCVN3) == unicode


def test_tcvn3_table_is_one_to_one_and_in_latin1():
    assert len(set(TCVN3_TO_UNICODE.values())) == len(TCVN3_TO_UNICODE) == 74
    assert all(0xA1 <= ord(c) <= 0xFE for c in TCVN3_TO_UNICODE)
    assert set(TCVN3_TO_UNICODE.values()) == set(LOWER) | set("ĂÂÊÔƠƯĐ")


def test_vni_covers_every_letter_both_cases():
    values = set(VNI_TO_UNICODE.values())
    for ch in LOWER:
        assert ch in values and ch.upper() in values, ch


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_sentence_round_trip_and_detection(sentence, encoding):
    legacy = from_unicode(sentence, encoding)
    assert legacy != sentence
    assert detect_legacy(legacy) == encoding
    back = to_unicode(legacy, encoding)
    if encoding == TCVN3:
        # TCVN3 has no capital letter with a tone: "Ủy", "Độc" keep a small one unless the word is in capitals.
        assert back.lower() == sentence.lower()
    else:
        assert back == sentence


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_capitals(encoding):
    text = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA ỦY BAN NHÂN DÂN PHƯỜNG"
    assert to_unicode(from_unicode(text, encoding), encoding) == text


def test_every_letter_round_trips():
    letters = " ".join(LOWER)
    for enc in (TCVN3, VNI):
        assert to_unicode(from_unicode(letters, enc), enc) == letters
    caps = " ".join(f"N{c.upper()}NG" for c in LOWER)  # words in capitals, as .VnTimeH writes them
    for enc in (TCVN3, VNI):
        assert to_unicode(from_unicode(caps, enc), enc) == caps


@pytest.mark.parametrize("sentence", SENTENCES)
def test_unicode_is_not_mistaken(sentence):
    assert detect_legacy(sentence) is None
    assert convert_if_legacy(sentence) == (sentence, None)


@pytest.mark.parametrize(
    "text",
    ["", "UBND", "Quý I/2024", "12345", "Café crème brûlée à la française", "Müller, Österreich, Ærø", "Señor José"],
)
def test_other_text_is_not_legacy(text):
    assert detect_legacy(text) is None


def test_convert_if_legacy_for_paste():
    text, enc = convert_if_legacy(from_unicode("Báo cáo kết quả thực hiện nhiệm vụ năm 2024", VNI))
    assert (text, enc) == ("Báo cáo kết quả thực hiện nhiệm vụ năm 2024", VNI)


def test_mixed_text_with_unicode_letters_is_unicode():
    assert detect_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam – Céng hoµ") is None


@pytest.mark.parametrize("word", ["người", "Việt", "khuya", "quyển", "giữ", "nghiêng", "oằn", "hoà"])
def test_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["hoµ", "x·", "Coäng", "chuû", "ViÖt", "xyz", "ảá"])
def test_not_syllables(word):
    assert not is_vietnamese_syllable(word)


_vi_words = st.lists(st.sampled_from([w for s in SENTENCES for w in s.lower().split()]), min_size=4, max_size=20)


@given(_vi_words)
def test_round_trip_property(words):
    text = " ".join(words)
    for enc in (TCVN3, VNI):
        assert to_unicode(from_unicode(text, enc), enc) == text
