"""Every template creates a plan that validates, round-trips byte for byte and has no placeholder left."""

import json
import re
import unicodedata

import jsonschema
import pytest

from app import plan_file
from app.model import iter_tasks
from app.paths import resource_dir
from app.templates import Agency, instantiate, list_templates
from storage import plans as plans_store
from storage.db import open_store

AGENCY = Agency("Ủy ban nhân dân phường Phú Sơn", "UBND tỉnh Thanh Hóa", "Phú Sơn", "tỉnh Thanh Hóa", "Nguyễn Văn An")
SCHEMA = json.loads((resource_dir() / "plan.schema.json").read_text(encoding="utf-8"))
IDS = [t.id for t in list_templates()]


def year_of(template_id: str) -> int:
    """2027, or the first year of a multi-year template (the only year it takes)."""
    period = next(t.period for t in list_templates() if t.id == template_id)
    return period.start if period else 2027


def test_the_templates_exist():
    assert {"ward-annual", "ward-grouped", "reform-index", "ward-2026-2030"} <= set(IDS)


@pytest.mark.parametrize("template_id", IDS)
def test_template_round_trip_is_byte_identical_through_storage(template_id, tmp_path):
    plan = instantiate(template_id, year_of(template_id), AGENCY)
    text = plan_file.dumps(plan)
    store = open_store(tmp_path / "t.db")
    pid = plans_store.insert_plan(store, plan_file.loads(text))
    assert plan_file.dumps(plans_store.load_plan(store, pid)) == text
    # And again, through a file on disk.
    f = tmp_path / "p.json"
    f.write_text(text, encoding="utf-8")
    pid2 = plans_store.insert_plan(store, plan_file.read(f))
    assert plan_file.dumps(plans_store.load_plan(store, pid2)) == text
    store.close()


@pytest.mark.parametrize("template_id", IDS)
def test_template_plan_validates_against_the_schema(template_id):
    data = json.loads(plan_file.dumps(instantiate(template_id, year_of(template_id), AGENCY)))
    jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize("template_id", IDS)
def test_placeholders_filled_and_text_nfc(template_id):
    year = year_of(template_id)
    text = plan_file.dumps(instantiate(template_id, year, AGENCY))
    assert not re.search(r"\{[a-zA-Z_0-9]+\}", text)
    assert unicodedata.is_normalized("NFC", text)
    assert str(year) in text and "Phú Sơn" in text
    assert "huyện" not in text.lower(), "templates are for the two-tier government: no districts"


def test_ward_annual_is_a_full_plan():
    plan = instantiate("ward-annual", 2027, AGENCY)
    assert plan.agency == "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ SƠN"
    assert plan.date is not None and plan.date.day is None and plan.number == ""
    assert len(plan.appendices) == 7 and all(a.area for a in plan.appendices)
    assert sum(1 for a in plan.appendices for _ in iter_tasks(a.tasks)) >= 21
    assert plan.signer.name == "Nguyễn Văn An"
    assert all(b.startswith("Căn cứ") for b in plan.legal_bases)


def test_ward_grouped_has_grouped_tasks_and_targets():
    plan = instantiate("ward-grouped", 2027, AGENCY)
    kinds = [a.kind for a in plan.appendices]
    assert kinds == ["tasks", "targets"]
    assert plan.appendices[0].group_by_area
    assert len(plan.appendices[0].tasks) >= 25 and len(plan.targets) >= 10
    assert any(t.subtasks for t in plan.appendices[0].tasks)


def test_reform_index_has_sections_only():
    plan = instantiate("reform-index", 2027, AGENCY)
    assert plan.sections and not plan.appendices


def test_schema_rejects_what_the_reader_rejects():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "kehoach-cchc/1", "year": 1900}, SCHEMA)
