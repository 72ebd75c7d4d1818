"""`fold` (a per-character table) gives what its definition (`fold_slow`) gives, for any text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.vietnamese import fold, fold_slow

VIETNAMESE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯÀÁÃÈÉÌÍÒÓÕÙÚÝ"


def test_known_words():
    assert fold("Hài Lòng") == "hai long"
    assert fold("ĐƠN VỊ CHỦ TRÌ") == "don vi chu tri"
    assert fold("Thời gian hoàn thành") == "thoi gian hoan thanh"
    assert fold("e\u0301") == "e"  # decomposed input


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(VIETNAMESE + "abcDEF 01\u0301\u0323\u03a3\u0130ß\u1e9e\ufb01") | st.characters())
)
def test_fold_equals_its_definition(text):
    assert fold(text) == fold_slow(text)


def test_the_table_stays_bounded():
    fold("".join(chr(c) for c in range(0x4E00, 0x4E00 + 10_000)))
    assert fold("Ắ" + "".join(chr(c) for c in range(0xAC00, 0xAC00 + 10_000))).startswith("a")
    from app import vietnamese

    assert len(vietnamese._FOLD) <= vietnamese._FOLD_CACHE
