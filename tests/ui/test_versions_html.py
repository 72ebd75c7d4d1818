"""What the versions views are given to show (no window): a comparison's rows and marks, a
version's text as it exports, a version's file name."""

from __future__ import annotations

from app.file_names import version_base_name
from app.model import Appendix, Plan, Section, Task
from app.versions.diff import compare
from app.versions.words import DELETE, EQUAL, INSERT, word_diff
from exporters.build import build_document
from ui.versions.html import DELETED_STYLE, INSERTED_STYLE, compare_html, document_html, side_ops, summary

OLD = Plan(
    2027,
    summary="Cải cách hành chính năm 2027",
    agency="Ủy ban nhân dân phường Phú Sơn",
    sections=(Section("MỤC ĐÍCH", ("Nâng cao chất lượng phục vụ.",)),),
    appendices=(
        Appendix(title="NHIỆM VỤ", tasks=(Task(content="Rà soát văn bản", id=1), Task(content="Bỏ đi", id=2))),
    ),
)


def _new() -> Plan:
    tasks = (Task(content="Rà soát, hệ thống hóa văn bản", id=1), Task(content="Việc mới <b>", id=3))
    return Plan(**{**OLD.__dict__, "appendices": (Appendix(title="NHIỆM VỤ", tasks=tasks),)})


def test_compare_rows_mark_deleted_and_inserted_words_on_their_own_side():
    diff = compare(OLD, _new(), "bản cũ", "bản mới")
    html = compare_html(diff)
    assert html.count("<tr bgcolor=") == len(diff.changes) == 3
    assert f'<span style="{INSERTED_STYLE}">soát, hệ thống hóa</span>' in html
    assert f'<span style="{DELETED_STYLE}">Bỏ đi</span>' in html
    assert "Việc mới &lt;b&gt;" in html  # text is escaped, never read as markup
    assert summary(diff) == "3 thay đổi: 1 sửa đổi, 1 bổ sung, 1 bãi bỏ."


def test_a_replaced_phrase_is_one_mark_on_each_side():
    ops = word_diff("Trung tâm Phục vụ hành chính công", "Công chức Văn phòng - Thống kê")
    assert side_ops(ops, "old") == [(DELETE, "Trung tâm Phục vụ hành chính công")]
    assert side_ops(ops, "new") == [(INSERT, "Công chức Văn phòng - Thống kê")]
    ops = word_diff("Rà soát văn bản năm 2027", "Rà soát kỹ văn bản năm 2028")
    assert side_ops(ops, "old") == [(EQUAL, "Rà soát văn bản năm "), (DELETE, "2027")]
    new = side_ops(ops, "new")
    assert "".join(t for _, t in new) == "Rà soát kỹ văn bản năm 2028"
    assert [t.strip() for k, t in new if k == INSERT] == ["kỹ", "2028"]  # apart: words kept between


def test_a_long_comparison_says_how_many_rows_are_not_shown():
    diff = compare(OLD, _new())
    html = compare_html(diff, limit=1)
    assert html.count("<tr bgcolor=") == 1
    assert "Còn 2 thay đổi nữa không hiện ở đây" in html
    assert "không có thay đổi nào" in compare_html(compare(OLD, OLD))


def test_a_version_shows_as_it_exports():
    html = document_html(build_document(OLD))
    for text in ("KẾ HOẠCH", "MỤC ĐÍCH", "Nâng cao chất lượng phục vụ.", "Rà soát văn bản", "Phụ lục I"):
        assert text in html


def test_version_file_names():
    plan = Plan(2027, agency="Ủy ban nhân dân phường Phú Sơn")
    assert version_base_name(plan, "issued", "15", "") == "KH-CCHC-2027-phuong-Phu-Son-ban-hanh-15"
    assert version_base_name(plan, "draft", "", "Dự thảo lấy ý kiến 10/12") == (
        "KH-CCHC-2027-phuong-Phu-Son-du-thao-lay-y-kien-10-12"
    )
    assert version_base_name(plan, "draft", "", "Bản gửi phòng") == "KH-CCHC-2027-phuong-Phu-Son-du-thao-ban-gui-phong"
