"""Every template and every seed fixture, exported to Word by the app and read back by the
whole-plan importer, gives the same plan, up to the normalisations of docs/plan-format.md."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app import plan_file
from app.docx_plan import read_plan
from app.ops.plans import default_decision
from app.templates import Agency, instantiate, list_templates
from exporters.api import ExportRequest, export_plan
from tests.app.docx_plan_normalise import normalise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WARD = Agency(
    agency="Ủy ban nhân dân phường Phú Sơn",
    parent_agency="Ủy ban nhân dân tỉnh Thanh Hóa",
    place="Phú Sơn",
    province="tỉnh Thanh Hóa",
    chairman="Nguyễn Văn An",
)


def _template_plan(template_id: str):
    info = next(t for t in list_templates() if t.id == template_id)
    return instantiate(template_id, info.period.start if info.period else 2027, WARD)


def _round_trip(plan, tmp_path: Path):
    path = tmp_path / "ke-hoach.docx"
    export_plan(plan, ExportRequest(docx=path))
    return read_plan(path, fallback_year=2000)


def _same(original, found) -> None:
    want = plan_file.to_dict(normalise(original))
    got = plan_file.to_dict(found.plan)
    for key in want:
        assert got[key] == want[key], key
    assert found.unplaced == []


@pytest.mark.parametrize("template_id", [t.id for t in list_templates()])
def test_template_round_trip(template_id, tmp_path):
    plan = _template_plan(template_id)
    _same(plan, _round_trip(plan, tmp_path))


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("seed_*.json")), ids=lambda p: p.stem)
def test_seed_round_trip(path, tmp_path):
    plan = plan_file.read(path)
    _same(plan, _round_trip(plan, tmp_path))


def test_template_issued_by_decision_round_trip(tmp_path):
    plan = _template_plan("ward-annual")
    plan = replace(plan, decision=replace(default_decision(plan), number="12"))
    found = _round_trip(plan, tmp_path)
    _same(plan, found)
    assert found.plan.decision is not None and found.plan.decision.number == "12"
    assert len(found.plan.decision.articles) == 3


def test_seed_summary_names_what_was_recognised(tmp_path):
    found = _round_trip(plan_file.read(FIXTURES / "seed_000.json"), tmp_path)
    assert found.summary() == (
        "cơ quan ban hành, 3 mục, 3 căn cứ, 2 phụ lục với 37 nhiệm vụ và 2 nhiệm vụ con, 16 mục tiêu, "
        "người ký, 14 nơi nhận; không có đoạn nào chưa xếp được"
    )
