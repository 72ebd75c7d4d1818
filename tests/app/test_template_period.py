"""The 2026–2030 template: a plan for the period, in two stages, not a one-year plan renamed."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app import plan_file
from app.errors import InvalidInput
from app.model import DocDate, Period, iter_tasks
from app.templates import Agency, find_template, first_day, instantiate
from app.text_walk import iter_texts

TEMPLATE = "ward-2026-2030"
AGENCY = Agency("Xã Xuân Phú", province="tỉnh Thanh Hóa", place="Xuân Phú", chairman="Lê Văn Bình")


@pytest.fixture(scope="module")
def plan():
    return instantiate(TEMPLATE, 2026, AGENCY)


def headings(sections):
    for s in sections:
        yield s.heading
        yield from headings(s.sections)


def test_the_template_is_listed_with_its_period():
    assert find_template(TEMPLATE).period == Period(2026, 2030)


def test_the_plan_covers_the_period_and_is_dated_after_the_decision_it_follows(plan):
    assert plan.period == Period(2026, 2030) and plan.year == 2026
    assert plan.summary == "Cải cách hành chính giai đoạn 2026 - 2030"
    assert any("282/QĐ-TTg ngày 12/02/2026" in b for b in plan.legal_bases)
    assert plan.date == DocDate(2026, 3)  # QĐ 282/QĐ-TTg is of 12/02/2026: March, whatever day the clerk writes
    cited = [
        date(int(y), int(m), int(d)) for b in plan.legal_bases for d, m, y in re.findall(r"(\d+)/(\d+)/(\d{4})", b)
    ]
    assert cited and max(cited) <= first_day(plan.date)


def test_targets_and_tasks_are_set_by_stage(plan):
    titles = list(headings(plan.sections))
    assert "Giai đoạn 2026 - 2027" in titles and "Giai đoạn 2028 - 2030" in titles
    stages = {t.note for t in plan.targets}
    assert {"2026 - 2027", "2028 - 2030"} <= stages
    tasks = [t for a in plan.appendices for t in iter_tasks(a.tasks)]
    timelines = " ".join(t.timeline for t in tasks)
    assert "2026 - 2027" in timelines and "2028 - 2030" in timelines
    assert {"2027", "2030"} <= set(re.findall(r"\b20\d\d\b", timelines))
    assert not any(re.search(r"trong năm|Quý [IV]+/2026$", t.timeline) for t in tasks)
    assert [a.kind for a in plan.appendices] == ["tasks", "targets"] and len(tasks) >= 25


def test_nothing_reads_as_a_one_year_plan(plan):
    for place, text in iter_texts(plan):
        assert not re.search(r"năm 2026\b", text, re.IGNORECASE), (place.label, text)
    assert not re.search(r"\{[a-zA-Z_0-9]+\}", plan_file.dumps(plan))


@pytest.mark.parametrize("year", [2025, 2027, 2031])
def test_another_year_is_refused(year):
    with pytest.raises(InvalidInput, match="giai đoạn 2026 - 2030: năm kế hoạch là 2026"):
        instantiate(TEMPLATE, year, AGENCY)
