"""The rules a reviewer would send a document back for: missing parts, the issuing decision,
placeholders, legal bases dated after the plan, appendices named and not named — on the seed
fixtures, on a template plan and rule by rule."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app import plan_file
from app.checks import ERROR, WARNING, check_plan, has_errors
from app.checks.doc_dates import date_text, dates_in, known_after
from app.checks.document_rules import decision_parts, header_parts, recipient_parts, signer_parts
from app.checks.text_rules import appendix_references, basis_after_date, placeholders
from app.model import Appendix, Decision, DocDate, Plan, Section, Signer, Target, Task
from app.ops.plans import default_decision
from app.templates import Agency, instantiate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WARD = Agency(agency="Ủy ban nhân dân phường Phú Sơn", place="Phú Sơn", chairman="Nguyễn Văn An")


def _codes(findings) -> list[tuple[str, str]]:
    return [(f.level, f.code) for f in findings]


def _plan(**kw) -> Plan:
    base = dict(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        number="09",
        date=DocDate(2027, 1, 5),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
        recipients=("Sở Nội vụ", "Lưu: VT, VHXH"),
    )
    base.update(kw)
    return Plan(**base)


# ---------------------------------------------------------------- the fixtures and a template


def test_seed_004_decision_without_bases_articles_recipients_or_signer_name():
    plan = plan_file.read(FIXTURES / "seed_004.json")
    found = [(f.level, f.code, f.place.kind, f.place.field) for f in check_plan(plan) if f.level == ERROR]
    assert found == [
        (ERROR, "decision-no-bases", "decision", "legal_bases"),
        (ERROR, "decision-no-articles", "decision", "articles"),
        (ERROR, "decision-signer-empty", "decision", "name"),
        (ERROR, "decision-recipients-empty", "decision", "recipients"),
    ]  # the plan it issues carries no signature nor recipients of its own: nothing asked of it


def test_seed_001_without_agency_or_place():
    plan = plan_file.read(FIXTURES / "seed_001.json")
    errors = [(f.code, f.place.label) for f in check_plan(plan) if f.level == ERROR]
    assert errors == [("agency-empty", "Cơ quan ban hành"), ("place-empty", "Địa danh")]


def _citing_qd_282(plan: Plan) -> Plan:
    """The plan citing QĐ 282/QĐ-TTg of 12/02/2026, as every template did for 2026 before issue 14
    (the templates now cite only what is issued by the plan's date, so it is added back if gone)."""
    qd282 = next(b for b in instantiate("ward-annual", 2027, WARD).legal_bases if "282/QĐ-TTg" in b)
    return plan if qd282 in plan.legal_bases else replace(plan, legal_bases=(qd282,) + plan.legal_bases)


def test_a_template_plan_cites_a_decision_issued_after_it_and_leaves_placeholders():
    plan = _citing_qd_282(instantiate("ward-annual", 2026, WARD))
    assert plan.date == DocDate(2026, 1)  # "ngày … tháng 01 năm 2026"
    found = check_plan(plan)
    late = [f for f in found if f.code == "basis-after-date"]
    assert late and all(f.level == ERROR and f.place.kind == "legal_basis" for f in late)
    qd282 = next(f for f in late if "282/QĐ-TTg" in plan.legal_bases[f.place.ref])
    assert "ngày 12/02/2026" in qd282.message and "tháng 01/2026" in qd282.message
    holes = [f for f in found if f.code == "placeholder"]
    assert holes and all(f.level == ERROR for f in holes)
    assert any(f.place.kind == "legal_basis" for f in holes)  # "Kế hoạch số …/KH-UBND ngày …/…/2025"
    assert any(f.place.kind == "recipient" for f in holes)  # "Sở Nội vụ tỉnh ……": no province given
    assert has_errors(found)
    # Dated after the decision it cites, the same plan has no such error.
    assert not [f for f in check_plan(replace(plan, date=DocDate(2026, 3))) if f.code == "basis-after-date"]


def test_a_decision_issued_plan_compares_the_decision_bases_with_the_decision_date():
    plan = _citing_qd_282(instantiate("ward-annual", 2026, WARD))
    decision = replace(default_decision(plan), date=DocDate(2026, 2, 5))
    later_plan = replace(plan, date=DocDate(2026, 3), decision=decision)
    found = [(f.place.kind, f.place.field) for f in check_plan(later_plan) if f.code == "basis-after-date"]
    assert found and set(found) == {("decision", "legal_bases")}  # 12/02/2026 is after 05/02/2026


# ---------------------------------------------------------------- required parts


def test_header_parts():
    assert list(header_parts(_plan())) == []
    found = list(header_parts(_plan(agency=" ", place="", summary="\n")))
    assert [(f.level, f.code, f.place.field) for f in found] == [
        (ERROR, "agency-empty", "agency"),
        (ERROR, "place-empty", "place"),
        (ERROR, "summary-empty", "summary"),
    ]


def test_signer_parts():
    assert list(signer_parts(_plan())) == []
    assert _codes(signer_parts(_plan(signer=Signer()))) == [
        (ERROR, "signer-authority-empty"),
        (ERROR, "signer-position-empty"),
        (ERROR, "signer-empty"),
    ]
    (deputy,) = signer_parts(_plan(signer=Signer("", "PHÓ CHỦ TỊCH", "Lê Văn B")))
    assert (deputy.level, deputy.code) == (ERROR, "signer-authority-empty") and "KT. CHỦ TỊCH" in deputy.message
    # The Chairman signing in his own name (seed 000) is allowed, but a committee's plan says TM.
    (chairman,) = signer_parts(_plan(signer=Signer("", "CHỦ TỊCH", "Lê Quang Vinh")))
    assert (chairman.level, chairman.code) == (WARNING, "signer-authority-empty")
    # A plan issued by a decision is signed in the decision.
    assert list(signer_parts(_plan(signer=Signer(), decision=Decision()))) == []


@pytest.mark.parametrize("last", ["Lưu: VT, VHXH.", "- Lưu: VT.", "Lưu VT", "lưu: văn thư"])
def test_recipients_with_the_clerks_copy(last):
    assert list(recipient_parts(_plan(recipients=("Sở Nội vụ", last)))) == []


def test_recipients_missing_or_without_the_clerks_copy():
    assert _codes(recipient_parts(_plan(recipients=()))) == [(ERROR, "recipients-empty")]
    (f,) = recipient_parts(_plan(recipients=("Sở Nội vụ", "Như trên")))
    assert (f.code, f.place.kind) == ("recipients-no-archive", "recipient") and "Lưu: VT" in f.message
    assert list(recipient_parts(_plan(recipients=(), decision=Decision()))) == []


def test_decision_parts():
    assert list(decision_parts(_plan())) == []  # no decision
    full = Decision(
        legal_bases=("Căn cứ Luật Tổ chức chính quyền địa phương;",),
        articles=("Ban hành kèm theo Quyết định này Kế hoạch.",),
        signer=Signer("", "CHỦ TỊCH", "Nguyễn Văn An"),
        recipients=("Như Điều 3", "Lưu: VT, VHXH."),
    )
    assert list(decision_parts(_plan(decision=full))) == []
    assert _codes(decision_parts(_plan(decision=Decision()))) == [
        (ERROR, "decision-no-bases"),
        (ERROR, "decision-no-articles"),
        (ERROR, "decision-position-empty"),
        (ERROR, "decision-signer-empty"),
        (ERROR, "decision-recipients-empty"),
    ]
    (f,) = decision_parts(_plan(decision=replace(full, recipients=("Như Điều 3",))))
    assert (f.code, f.place.kind, f.place.field) == ("decision-recipients-no-archive", "decision", "recipients")


# ---------------------------------------------------------------- placeholders


def test_placeholders_anywhere_with_their_place():
    plan = _plan(
        legal_bases=("Căn cứ Kế hoạch số …/KH-UBND ngày …/…/2026 của UBND tỉnh;",),
        sections=(Section("A", ("Đạt tỷ lệ ... %",), id=4),),
        targets=(Target(content="Xếp trong nhóm … các xã", id=8),),
        appendices=(Appendix(tasks=(Task(content="Rà soát", timeline="Tháng …/2027", id=5),)),),
        decision=Decision(recipients=("Sở Nội vụ tỉnh ……",)),
    )
    found = [(f.place.kind, f.place.ref, f.place.field, f.place.index) for f in placeholders(plan)]
    assert found == [
        ("decision", 0, "recipients", None),
        ("legal_basis", 0, "text", None),
        ("section", 4, "paragraphs", 0),
        ("target", 8, "content", None),
        ("task", 5, "timeline", None),
    ]
    (f,) = placeholders(_plan(recipients=("Sở Nội vụ tỉnh …… (để b/c)", "Lưu: VT.")))
    assert f.message == "còn chỗ «…» chưa điền: «Sở Nội vụ tỉnh …… (để b/c)»" and f.place.label == "Nơi nhận thứ 1"


def test_an_ellipsis_ending_an_enumeration_is_no_placeholder():
    texts = ("các khoản phí, lệ phí…tại Bộ phận Một cửa", "Kế hoạch nội dung chương trình…", "hội nghị, v.v...")
    assert list(placeholders(_plan(sections=(Section("A", texts),)))) == []


# ---------------------------------------------------------------- legal bases and dates


def test_dates_in_a_text_at_the_precision_written():
    text = (
        "Nghị định số 150/2025/NĐ-CP ngày 12/6/2025, sửa đổi bởi Nghị định ngày 31 tháng 12 năm 2025 và ngày …/…/2026"
    )
    assert [d for d, _ in dates_in(text)] == [DocDate(2025, 6, 12), DocDate(2025, 12, 31), DocDate(2026)]
    assert [w for _, w in dates_in("ngày  tháng 01 năm 2026")] == ["ngày tháng 01 năm 2026"]
    assert known_after(DocDate(2026, 2, 12), DocDate(2026, 1))
    assert not known_after(DocDate(2026, 1, 12), DocDate(2026, 1))  # which day of January: unknown
    assert not known_after(DocDate(2026, 2, 12), DocDate(2026))
    assert known_after(DocDate(2026, 1, 20), DocDate(2026, 1, 5)) and known_after(DocDate(2027), DocDate(2026, 12))
    assert [date_text(d) for d in (DocDate(2026, 2, 3), DocDate(2026, 1), DocDate(2026))] == [
        "03/02/2026", "tháng 01/2026", "năm 2026",
    ]  # fmt: skip


def test_basis_after_date():
    bases = (
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;",
        "Căn cứ Quyết định số 282/QĐ-TTg ngày 12 tháng 02 năm 2026 của Thủ tướng Chính phủ;",
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 25/01/2026 của UBND tỉnh.",
    )
    found = list(basis_after_date(_plan(year=2026, date=DocDate(2026, 1), legal_bases=bases)))
    assert [(f.code, f.place.ref) for f in found] == [("basis-after-date", 1)]
    assert found[0].message.startswith("văn bản làm căn cứ có ngày 12 tháng 02 năm 2026, sau ngày ban hành kế hoạch")
    assert [f.place.ref for f in basis_after_date(_plan(year=2026, date=DocDate(2026, 1, 20), legal_bases=bases))] == [
        1,
        2,
    ]
    assert list(basis_after_date(_plan(year=2026, date=DocDate(2026, 2), legal_bases=bases))) == []


# ---------------------------------------------------------------- appendices named and not named


def _with_appendices(n: int, *paragraphs: str, numbering: str = "roman") -> Plan:
    return _plan(
        appendix_numbering=numbering,
        sections=(Section("NHIỆM VỤ", paragraphs, id=7),),
        appendices=tuple(Appendix(title=f"Bảng {i}", id=20 + i) for i in range(1, n + 1)),
    )


def test_every_appendix_named_in_any_numbering_style():
    assert list(appendix_references(_with_appendices(3, "Chi tiết tại Phụ lục I, II và III kèm theo."))) == []
    assert list(appendix_references(_with_appendices(2, "tại phụ lục 1", "tại Phụ lục 02", numbering="arabic"))) == []
    numbered = _with_appendices(7, "tại các Phụ lục số 01 đến Phụ lục số 07 kèm theo Kế hoạch này.", numbering="number")
    assert list(appendix_references(numbered)) == []
    assert list(appendix_references(_with_appendices(2, "các nhiệm vụ tại các phụ lục kèm theo."))) == []


def test_an_appendix_named_that_the_plan_does_not_have():
    (f,) = appendix_references(_with_appendices(2, "Phụ lục I và II.", "Chi tiết tại Phụ lục IV."))
    assert (f.level, f.code, f.place.kind, f.place.index) == (ERROR, "appendix-missing", "section", 1)
    assert f.message == "nhắc đến «Phụ lục IV» nhưng kế hoạch chỉ có 2 phụ lục."
    (none,) = appendix_references(Plan(year=2027, sections=(Section("A", ("xem phụ lục 2",)),)))
    assert none.message == "nhắc đến «Phụ lục 2» nhưng kế hoạch không có phụ lục nào."


def test_an_appendix_named_in_another_numbering_than_it_is_printed():
    (f,) = appendix_references(_with_appendices(1, "Chi tiết tại Phụ lục số 01 kèm theo."))
    assert f.code == "appendix-missing"
    assert f.message == "nhắc đến «Phụ lục số 01» nhưng phụ lục này in là «Phụ lục I»; sửa cho khớp."


def test_another_documents_appendix_is_not_this_plans():
    plan = _with_appendices(1, "Phụ lục I.", "Theo Phụ lục III kèm theo Quyết định số 282/QĐ-TTg của Thủ tướng.")
    assert list(appendix_references(plan)) == []


def test_an_appendix_never_named_is_a_warning():
    plan = _with_appendices(3, "Chi tiết tại Phụ lục I.", "Xem Phụ lục III.")
    (f,) = appendix_references(plan)
    assert (f.level, f.code, f.place.kind, f.place.ref) == (WARNING, "appendix-unreferenced", "appendix", 22)
    assert f.message.startswith("Phụ lục II không được nhắc đến trong nội dung kế hoạch")
    # Named in a target or in the decision's articles counts too; a task cell or a legal basis does not.
    targets = replace(plan, targets=(Target(content="Chỉ tiêu tại Phụ lục II"),))
    assert list(appendix_references(targets)) == []
    cells = replace(plan, legal_bases=("Căn cứ Phụ lục II;",))
    assert [f.code for f in appendix_references(cells)] == ["appendix-unreferenced"]
