"""What a template writes depends on the plan it makes: the kind of commune (its economy office and
the units below it)."""

from __future__ import annotations

import re

import pytest

from app.templates import Agency, instantiate, kind_words, list_templates
from app.text_walk import iter_texts

IDS = [t.id for t in list_templates()]
URBAN = "Phòng Kinh tế, Hạ tầng và Đô thị"
KINDS = {
    # kind: (agency typed in the dialog, the economy office, its units below, words that must not appear)
    "xã": ("Xã Xuân Phú", "Phòng Kinh tế", r"\bthôn\b", (URBAN, "tổ dân phố")),
    "phường": ("Phường Phú Sơn", URBAN, "tổ dân phố", (r"\bthôn\b",)),
    "đặc khu": ("Đặc khu Côn Đảo", "Phòng Kinh tế", "thôn, tổ dân phố", (URBAN,)),
}


def text_of(plan) -> str:
    return "\n".join(text for _place, text in iter_texts(plan))


@pytest.mark.parametrize("template_id", IDS)
def test_units_are_worded_for_the_kind_of_commune(template_id):
    for kind, (agency, office, hamlet, wrong) in KINDS.items():
        plan = instantiate(template_id, 2027, Agency(agency, province="tỉnh Thanh Hóa"))
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
