"""Each check rule on its own, and the registry that runs them."""

from app.checks import ERROR, INFO, PLAN_RULES, ROW_RULES, WARNING, check_plan
from app.checks.plan_rules import (
    cell_too_long,
    day_blank,
    last_year_mention,
    number_blank,
    past_year,
    task_table_rows,
    tone_mixed,
)
from app.checks.registry import check_rows, table_rows
from app.checks.row_rules import (
    deadline_years_outside,
    task_duplicate,
    task_empty,
    task_near_duplicate,
    task_no_lead_product_timeline,
    timeline_outside,
)
from app.model import Appendix, Decision, DocDate, Period, Plan, Section, Signer, Task

COLUMNS = ("content", "product", "lead", "timeline")
SURVEY = "Tổ chức khảo sát, đánh giá mức độ hài lòng của người dân, doanh nghiệp năm 2027"
SURVEY_AGAIN = "Tổ chức khảo sát đánh giá mức độ hài lòng của người dân và doanh nghiệp năm 2027"


def _plan(*tasks: Task, columns=COLUMNS, **kw) -> Plan:
    base = dict(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        number="09",
        date=DocDate(2027, 1, 5),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "A"),
        recipients=("Sở Nội vụ", "Lưu: VT, VHXH"),
        appendices=(Appendix(columns=columns, tasks=tasks),),
    )
    base.update(kw)
    return Plan(**base)


def _rows(*tasks: Task, **kw):
    return list(table_rows(_plan(*tasks, **kw)))


def _codes(findings):
    return [(f.level, f.code) for f in findings]


# ---------------------------------------------------------------- the registry


def test_rules_run_in_registration_order():
    assert [r.name for r in PLAN_RULES] == [
        "header_parts",
        "signer_parts",
        "recipient_parts",
        "decision_parts",
        "past_year",
        "last_year_mention",
        "task_table_rows",
        "tone_mixed",
        "cell_too_long",
        "number_blank",
        "day_blank",
        "placeholders",
        "basis_after_date",
        "appendix_references",
    ]
    assert [(r.name, r.stops) for r in ROW_RULES] == [
        ("task_empty", True),
        ("task_no_lead_product_timeline", False),
        ("timeline_outside", False),
        ("task_duplicate", True),
        ("task_near_duplicate", False),
    ]


def test_every_rule_says_what_it_looks_for_in_one_line_and_owns_its_codes():
    rules = PLAN_RULES + ROW_RULES
    assert all(r.doc and "\n" not in r.doc for r in rules)
    codes = [c for r in rules for c in r.codes]
    assert len(codes) == len(set(codes)) == 31


def _plans_tripping_every_rule() -> list[Plan]:
    """Plans that between them trip every rule (some rules exclude each other: a plan issued
    by a decision is signed in the decision, recipients are either missing or lack "Lưu: VT")."""
    alone = _plan(
        Task(content="", lead="x"),
        Task(content="Rà soát thủ tục", timeline="Quý I/2028", note="x" * 40_000),
        Task(content="Rà soát  thủ tục!", product="p" * 40_000, lead="l", timeline="Quý IV/2026"),
        Task(content=SURVEY),
        Task(content=SURVEY_AGAIN),
        number="",
        date=None,
        summary="",
        agency="",
        place=" ",
        signer=Signer(),
        recipients=(),
        legal_bases=("Căn cứ Quyết định số 12/QĐ-TTg ngày 12/02/2028 của Thủ tướng Chính phủ;",),
        sections=(Section("Mục đích", ("Tiếp tục các nhiệm vụ của năm 2026 (hoà và hòa), tại Phụ lục IV.",), id=9),),
    )
    blank_decision = _plan(Task(content="Rà soát"), decision=Decision())
    decided = _plan(
        Task(content="Rà soát"),
        legal_bases=("Căn cứ Kế hoạch số …/KH-UBND;",),
        decision=Decision(signer=Signer(position="CHỦ TỊCH", name="A"), recipients=("Như Điều 3",)),
    )
    no_archive = _plan(Task(content="Rà soát"), recipients=("Sở Nội vụ",))
    return [alone, blank_decision, decided, no_archive]


def test_each_finding_comes_from_a_rule_that_declares_its_code():
    plans = _plans_tripping_every_rule()
    for plan in plans:
        rows = list(table_rows(plan))
        for rule in ROW_RULES:
            assert {f.code for row in rows for f in rule.check(row)} <= set(rule.codes), rule.name
        for rule in (r for r in PLAN_RULES if r.name not in ("past_year", "task_table_rows")):
            assert {f.code for f in rule.check(plan)} <= set(rule.codes), rule.name
    found = {f.code for plan in plans for f in check_plan(plan)}
    assert found == {c for r in PLAN_RULES + ROW_RULES for c in r.codes}


def test_a_row_flagged_by_a_stopping_rule_is_not_read_further():
    plan = _plan(Task(content=""), Task(content=SURVEY), Task(content=SURVEY + "."))
    assert _codes(check_rows(plan)) == [
        (ERROR, "task-empty"),  # not also "no lead", "no product", "no timeline"
        (WARNING, "task-no-lead"),
        (WARNING, "task-no-product"),
        (WARNING, "task-no-timeline"),
        (WARNING, "task-no-lead"),
        (WARNING, "task-no-product"),
        (WARNING, "task-no-timeline"),
        (WARNING, "task-duplicate"),  # not also "near duplicate"
    ]


# ---------------------------------------------------------------- row rules


def test_task_empty():
    blank, filled = _rows(Task(content="  "), Task(content="Rà soát"))
    (f,) = task_empty(blank)
    assert (f.level, f.code, f.message, f.place.label) == (
        ERROR, "task-empty", "nhiệm vụ chưa có nội dung.", "Phụ lục I, dòng 1 — Nội dung",
    )  # fmt: skip
    assert list(task_empty(filled)) == []


def test_task_no_lead_product_timeline_only_on_shown_columns_of_top_level_leaves():
    parent, child, leaf = _rows(Task(content="Cha", subtasks=(Task(content="Con"),)), Task(content="Lá"))
    assert list(task_no_lead_product_timeline(parent)) == []
    assert list(task_no_lead_product_timeline(child)) == []
    found = list(task_no_lead_product_timeline(leaf))
    assert [(f.code, f.message, f.place.field) for f in found] == [
        ("task-no-lead", "nhiệm vụ chưa ghi chủ trì.", "lead"),
        ("task-no-product", "nhiệm vụ chưa ghi sản phẩm.", "product"),
        ("task-no-timeline", "nhiệm vụ chưa ghi thời gian.", "timeline"),
    ]
    (only_content,) = _rows(Task(content="Lá"), columns=("content", "lead"))
    assert [f.code for f in task_no_lead_product_timeline(only_content)] == ["task-no-lead"]


def test_timeline_outside_the_year_or_the_period():
    late, early, event, inside = _rows(
        Task(content="a", timeline="Quý I/2028"),
        Task(content="b", timeline="trước 30/6/2026"),
        Task(content="c", timeline="Sau khi công bố Chỉ số năm 2026"),
        Task(content="d", timeline="Tháng 3/2027, theo Nghị định 30/2020/NĐ-CP"),
    )
    (f,) = timeline_outside(late)
    assert f.message == "thời gian «Quý I/2028» nằm ngoài năm của kế hoạch (2028)."
    assert f.place.label == "Phụ lục I, dòng 1 — Thời gian thực hiện"
    assert [f.code for f in timeline_outside(early)] == ["timeline-outside"]
    assert list(timeline_outside(event)) == list(timeline_outside(inside)) == []
    (in_period,) = _rows(Task(content="a", timeline="Quý I/2028"), period=Period(2026, 2030))
    assert list(timeline_outside(in_period)) == []
    assert deadline_years_outside("từ 2025 đến hết năm 2029", range(2027, 2028)) == [2029]


def test_task_duplicate_remembers_the_first_row():
    first, other, again = _rows(Task(content="Rà soát thủ tục"), Task(content="Khác"), Task(content="rà soát, THỦ TỤC"))
    assert list(task_duplicate(first)) == list(task_duplicate(other)) == []
    (f,) = task_duplicate(again)
    assert (f.code, f.message, f.place.label) == (
        "task-duplicate", "trùng với dòng 1 trong cùng phụ lục.", "Phụ lục I, dòng 3 — Nội dung",
    )  # fmt: skip


def test_task_near_duplicate_needs_six_words():
    a, b, short_a, short_b = _rows(
        Task(content=SURVEY),
        Task(content=SURVEY_AGAIN),
        Task(content="Họp giao ban"),
        Task(content="Họp giao ban tuần"),
    )
    assert list(task_near_duplicate(a)) == []
    (f,) = task_near_duplicate(b)
    assert f.message == "gần giống dòng 1 trong cùng phụ lục; xem có phải một nhiệm vụ viết hai lần."
    assert list(task_near_duplicate(short_a)) == list(task_near_duplicate(short_b)) == []


# ---------------------------------------------------------------- plan rules


def test_past_year_names_the_place_and_the_kind_of_year():
    plan = _plan(
        sections=(
            Section(
                "A", paragraphs=("Kết quả năm 2024.", "Căn cứ Kế hoạch số 12/KH-UBND ngày 20/12/2024 về CCHC năm 2027")
            ),
        )
    )
    found = list(past_year(plan))
    assert [(f.code, f.message, f.place.label) for f in found] == [
        ("past-year", "còn ghi năm cũ (2024): «Kết quả năm 2024.»", "Mục I — đoạn 1"),
        ("past-year",
         "ngày của văn bản được dẫn thuộc chu kỳ trước (2024): «…ăn cứ Kế hoạch số 12/KH-UBND ngày 20/12/2024 về CCHC"
         " năm 2027»", "Mục I — đoạn 2"),
    ]  # fmt: skip


def test_task_table_rows_skip_target_appendices_and_group_rows():
    plan = _plan(
        Task(area="procedures", content=""),
        appendices=(
            Appendix(kind="targets"),
            Appendix(group_by_area=True, tasks=(Task(area="procedures", content="", id=4),)),
        ),
    )
    (f,) = task_table_rows(plan)
    assert (f.code, f.place.ref, f.place.label) == ("task-empty", 4, "Phụ lục II, dòng 1 — Nội dung")


def test_tone_mixed_counts_both_spellings():
    assert list(tone_mixed(_plan(summary="hòa nhập, ủy ban"))) == []
    (f,) = tone_mixed(_plan(summary="hoà nhập", recipients=("Ủy ban", "thủy lợi")))
    assert f.message == (
        "văn bản dùng lẫn hai kiểu bỏ dấu: 1 chỗ kiểu cũ (hoà, uỷ) và 4 chỗ kiểu mới (hòa, ủy); nên thống nhất một kiểu."
    )
    assert f.place is None  # the other two "ủy": the agency's "Ủy ban" and the signer's "TM. ỦY BAN NHÂN DÂN"


def test_cell_too_long_only_in_shown_columns():
    plan = _plan(Task(content="a", note="x" * 40_000, subtasks=(Task(content="b", lead="y" * 32_768),)))
    (f,) = cell_too_long(plan)
    assert (f.code, f.place.field, f.place.label) == ("cell-too-long", "lead", "Phụ lục I, dòng 1.1")
    assert f.message == "ô dài hơn 32.767 ký tự. tệp Excel sẽ phải cắt bớt (Word và PDF giữ đủ)."
    assert list(cell_too_long(_plan(Task(content="z" * 32_767)))) == []


def test_blank_number_and_day():
    assert list(number_blank(_plan())) == list(day_blank(_plan())) == []
    assert _codes(number_blank(_plan(number=" "))) == [(INFO, "number-blank")]
    assert _codes(day_blank(_plan(date=DocDate(2027, 1)))) == [(INFO, "day-blank")]
    assert _codes(day_blank(_plan(date=None))) == [(INFO, "day-blank")]


def test_last_year_mention_lists_a_paragraph_still_naming_last_year():
    kept = Section(
        "Mục đích", ("Tiếp tục các nhiệm vụ còn dở dang của năm 2026.", "Năm 2027 tập trung cải cách."), id=4
    )
    found = list(last_year_mention(_plan(sections=(kept,))))
    assert [(f.level, f.code, f.place.index) for f in found] == [(WARNING, "last-year-mention", 0)]
    assert "năm 2026" in found[0].message
    assert list(last_year_mention(_plan(sections=(Section("A", ("Năm 2027 tập trung cải cách.",), id=4),)))) == []
