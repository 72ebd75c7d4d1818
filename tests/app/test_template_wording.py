"""What a template writes depends on the plan it makes: the kind of commune (its economy office and
the units below it), the plan's date (nothing cited before it was issued) and the appendices it
has (referred to by the numbers they print with)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app import plan_file
from app.model import DocDate
from app.numbering import appendix_label
from app.templates import Agency, find_template, first_day, instantiate, kind_words, list_templates, plan_date
from app.text_walk import iter_texts

IDS = [t.id for t in list_templates()]
ONE_YEAR = [t.id for t in list_templates() if t.period is None]
YEARS = range(2025, 2031)  # what the new-plan dialog opens on, this year and the next few
URBAN = "Phòng Kinh tế, Hạ tầng và Đô thị"
KINDS = {
    # kind: (agency typed in the dialog, the economy office, its units below, words that must not appear)
    "xã": ("Xã Xuân Phú", "Phòng Kinh tế", r"\bthôn\b", (URBAN, "tổ dân phố")),
    "phường": ("Phường Phú Sơn", URBAN, "tổ dân phố", (r"\bthôn\b",)),
    "đặc khu": ("Đặc khu Côn Đảo", "Phòng Kinh tế", "thôn, tổ dân phố", (URBAN,)),
}
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def year_for(template_id: str, year: int = 2027) -> int:
    period = find_template(template_id).period
    return period.start if period else year


def text_of(plan) -> str:
    return "\n".join(text for _place, text in iter_texts(plan))


@pytest.mark.parametrize("template_id", IDS)
def test_units_are_worded_for_the_kind_of_commune(template_id):
    for kind, (agency, office, hamlet, wrong) in KINDS.items():
        plan = instantiate(template_id, year_for(template_id), Agency(agency, province="tỉnh Thanh Hóa"))
        text = text_of(plan)
        assert office in text and re.search(hamlet, text), (kind, office, hamlet)
        for word in wrong:
            assert not re.search(word, text), (kind, word)
        assert f"Công an {kind}" in text


def test_the_economy_office_by_kind_and_the_special_zone_with_a_city_office():
    assert kind_words("xã") == {"economy_office": "Phòng Kinh tế", "hamlet": "thôn"}
    assert kind_words("phường") == {"economy_office": URBAN, "hamlet": "tổ dân phố"}
    assert kind_words("đặc khu", "Vân Đồn") == {"economy_office": "Phòng Kinh tế", "hamlet": "thôn, tổ dân phố"}
    # Nghị định 150/2025/NĐ-CP gives đặc khu Phú Quốc the office of a phường.
    assert kind_words("đặc khu", "Phú Quốc")["economy_office"] == URBAN
    assert kind_words("")["economy_office"] == "Phòng Kinh tế"  # an unknown kind is written as a xã


def cited_dates(basis: str) -> list[date]:
    return [date(int(y), int(m), int(d)) for d, m, y in _DATE.findall(basis)]


@pytest.mark.parametrize("template_id", ONE_YEAR)
def test_no_basis_is_dated_after_the_plan(template_id):
    for year in YEARS:
        plan = instantiate(template_id, year, Agency("Xã Xuân Phú"))
        assert plan.date is not None and plan.date.year == year and plan.date.day is None
        signed = first_day(plan.date)  # the earliest day the draft can be signed
        late = [b for b in plan.legal_bases for d in cited_dates(b) if d > signed]
        assert not late, f"{plan.date}: {late}"


@pytest.mark.parametrize("template_id", ONE_YEAR)
def test_the_focus_plan_2026_2030_is_named_only_when_it_can_be_cited(template_id):
    for year, cited in ((2025, False), (2026, False), (2027, True), (2030, True)):
        plan = instantiate(template_id, year, Agency("Phường Phú Sơn"))
        bases = "\n".join(plan.legal_bases)
        assert ("282/QĐ-TTg" in bases) is cited, year
        assert ("trọng tâm giai đoạn 2026 - 2030" in text_of(plan)) is cited, year


def test_an_amended_decree_is_cited_as_amended_only_once_the_amendment_exists():
    nd150 = [b for b in instantiate("ward-annual", 2025, Agency()).legal_bases if "150/2025" in b]
    assert len(nd150) == 1 and "370/2025" not in nd150[0] and nd150[0].endswith(";")
    nd150 = [b for b in instantiate("ward-annual", 2026, Agency()).legal_bases if "150/2025" in b]
    assert len(nd150) == 1 and "370/2025/NĐ-CP ngày 31/12/2025" in nd150[0]


def test_a_plan_is_dated_in_the_first_month_its_content_can_be():
    assert plan_date(2027) == DocDate(2027, 1)
    # The two-tier government the templates describe exists from 01/7/2025.
    assert plan_date(2025, date(2025, 7, 1)) == DocDate(2025, 7)
    assert plan_date(2027, date(2025, 7, 1)) == DocDate(2027, 1)
    # A blank day in February could be before the 12th: the month after.
    assert plan_date(2026, date(2026, 2, 12)) == DocDate(2026, 3)
    assert first_day(DocDate(2026, 3)) == date(2026, 3, 1)
    assert instantiate("ward-annual", 2025, Agency()).date == DocDate(2025, 7)
    assert instantiate("ward-annual", 2026, Agency()).date == DocDate(2026, 1)


def body_text(plan) -> str:
    return "\n".join(text for place, text in iter_texts(plan) if place.kind in ("plan", "section"))


def test_appendices_are_numbered_in_roman_and_each_is_referred_to():
    for template_id in IDS:
        plan = instantiate(template_id, year_for(template_id), Agency("Phường Phú Sơn"))
        body = body_text(plan)
        labels = [appendix_label(plan.appendix_numbering, n) for n in range(1, len(plan.appendices) + 1)]
        if len(labels) >= 2:
            assert plan.appendix_numbering == "roman", template_id
        referred = set(re.findall(r"Phụ lục (?:số )?([IVXLC]+|\d+)\b", body))
        assert referred == {label.removeprefix("Phụ lục ") for label in labels}, template_id
        assert "Phụ lục số" not in plan_file.dumps(plan), template_id
