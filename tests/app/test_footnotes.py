from app.footnotes import Piece, has_notes, split_notes, strip_notes


def test_split_notes():
    text = "theo Quyết định số 1860/QĐ-UBND^[Về việc ban hành Kế hoạch [số 2]] của UBND tỉnh."
    assert split_notes(text) == [
        Piece("theo Quyết định số 1860/QĐ-UBND"),
        Piece("", "Về việc ban hành Kế hoạch [số 2]"),
        Piece(" của UBND tỉnh."),
    ]
    assert strip_notes(text) == "theo Quyết định số 1860/QĐ-UBND của UBND tỉnh."
    assert has_notes(text)


def test_plain_text_and_unclosed_marks_stay_text():
    assert split_notes("x^2 và [a]") == [Piece("x^2 và [a]")]
    assert split_notes("mở ^[ không đóng") == [Piece("mở ^[ không đóng")]
    assert split_notes("") == []
    assert not has_notes("a ^[b")
    assert split_notes("^[a]^[b]") == [Piece("", "a"), Piece("", "b")]
