"""app.ops.plans on a real file: making plans (template, carry-forward, plan file), deleting them,
and the header-level operations (set_header, issue_by_decision, unify_tone) with their undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from ops_helpers import TODAY, content, round_trip, stored

from app.errors import InvalidInput, InvalidPlanFile, NotFound
from app.model import DocDate, Period, Signer
from app.ops import plans, rows
from app.ops.changes import NOTHING, Part
from app.templates import Agency
from app.text_walk import iter_texts

AGENCY = Agency("Ủy ban nhân dân phường Phú Sơn", "UBND tỉnh Thanh Hóa", "Phú Sơn", "tỉnh Thanh Hóa", "Nguyễn Văn An")


def _stored(plan_id):
    return lambda ws: stored(ws, plan_id)


def origin(ws, plan_id):
    return next(p.origin for p in ws.db.list_plans() if p.id == plan_id)


# ---------------------------------------------------------------- making and deleting plans


def test_create_from_template(ws):
    changes = plans.create_from_template(ws, "ward-annual", 2027, AGENCY)
    assert changes.parts == {Part.PLANS} and changes.plan_id == changes.created and changes.undo is None
    assert changes.label == "Tạo kế hoạch mới"
    plan = ws.plan(changes.created)
    assert plan.year == 2027 and plan.decision is None and plan.period is None
    assert origin(ws, plan.id) == "template:ward-annual"
    multi = ws.plan(plans.create_from_template(ws, "reform-index", 2026, AGENCY, "2026-2030", True).created)
    assert multi.period == Period(2026, 2030) and "giai đoạn 2026 - 2030" in multi.summary
    assert multi.decision == plans.default_decision(multi)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ward-annual", 1999), "ngoài khoảng"),
        (("ward-annual", 2027, AGENCY, "2026-2030"), "năm đầu giai đoạn"),
        (("ward-annual", 2027, AGENCY, "2027-2027"), "năm đầu nhỏ hơn"),
        (("ward-annual", 2027, AGENCY, "2027/2030"), "không đúng dạng"),
        (("khong-co", 2027), "Không có mẫu"),
    ],
)
def test_create_refuses_and_makes_nothing(ws, args, message):
    template, year, *rest = args
    with pytest.raises(InvalidInput, match=message):
        plans.create_from_template(ws, template, year, *(rest or [AGENCY]))
    assert ws.db.list_plans() == []


def test_carry_forward(ws, plan_id):
    carried = plans.carry_forward_plan(ws, plan_id, 2028)
    assert carried.changes.parts == {Part.PLANS} and carried.changes.created == carried.plan_id != plan_id
    assert carried.changes.plan_id == carried.plan_id and carried.changes.undo is None
    new = ws.plan(carried.plan_id)
    assert new.year == 2028 and origin(ws, new.id) == f"carried:{plan_id}"
    assert {lo.year for lo in carried.leftovers} <= {2026, 2027}
    assert [b.reason for b in ws.db.list_backups(ws.paths.backups)] == ["truoc-chuyen-nam"]
    with pytest.raises(InvalidInput, match="phải sau năm"):
        plans.carry_forward_plan(ws, plan_id, 2027)
    with pytest.raises(NotFound):
        plans.carry_forward_plan(ws, 999, 2028)


def test_export_and_import_the_plan_file(ws, plan_id, tmp_path):
    exported = plans.export_plan_json(ws, plan_id, tmp_path / "kế hoạch.json")
    assert exported == ws.plan(plan_id)
    changes = plans.import_plan_file(ws, tmp_path / "kế hoạch.json")
    assert changes.parts == {Part.PLANS} and changes.created == changes.plan_id and changes.label == "Nhập kế hoạch"
    assert content(ws, changes.created) == content(ws, plan_id) and origin(ws, changes.created) == "imported"
    assert [b.reason for b in ws.db.list_backups(ws.paths.backups)] == ["truoc-nhap"]
    with pytest.raises(InvalidPlanFile):
        plans.import_plan_file(ws, tmp_path / "khong-co.json")


def test_the_first_plan_imported_needs_no_backup(ws, plan_id, tmp_path):
    plans.export_plan_json(ws, plan_id, tmp_path / "p.json")
    plans.delete_plan(ws, plan_id)
    for b in ws.db.list_backups(ws.paths.backups):
        b.path.unlink()
    plans.import_plan_file(ws, tmp_path / "p.json")
    assert ws.db.list_backups(ws.paths.backups) == []


def test_delete_plan(ws, plan_id):
    ws.plan(plan_id)  # read, so the workspace holds it
    changes = plans.delete_plan(ws, plan_id)
    assert changes.plan_id == plan_id and changes.parts == {Part.PLANS} and changes.undo is None
    assert changes.label == "Xóa kế hoạch"
    assert [b.reason for b in ws.db.list_backups(ws.paths.backups)] == ["truoc-xoa-ke-hoach"]
    with pytest.raises(NotFound):
        ws.plan(plan_id)
    with pytest.raises(NotFound, match="Không có kế hoạch"):
        plans.delete_plan(ws, plan_id)


def test_the_sample_plan(ws, clock_at):
    clock_at(date(2026, 11, 2))  # from October on, the officer drafts next year's plan
    sample = plans.ensure_sample_plan(ws)
    assert ws.plan(sample).year == 2027 and origin(ws, sample) == "sample"
    assert plans.ensure_sample_plan(ws) == sample  # only once
    other = plans.create_from_template(ws, "ward-grouped", 2026, AGENCY).created
    rows.set_fields(ws, rows.TASKS, ws.plan(other).appendices[0].tasks[0].id, note="sửa gần nhất")
    assert plans.ensure_sample_plan(ws) in (sample, other) and len(ws.db.list_plans()) == 2  # no second sample


@pytest.mark.parametrize("today", [date(2026, 11, 2), date(2026, 3, 1)])
def test_the_sample_plan_is_ready_the_check_finds_no_error(ws, clock_at, today):
    """The README promises a ready sample: the template's blanks for the province's plan are
    written in, and it is dated no earlier than its latest legal basis."""
    from app.checks import ERROR, check_plan

    clock_at(today)
    plan = ws.plan(plans.ensure_sample_plan(ws))
    assert [f.line() for f in check_plan(plan) if f.level == ERROR] == []
    assert not any("…" in b for b in plan.legal_bases) and plan.year == plans.planning_year()


def test_the_sample_is_dated_after_its_latest_legal_basis():
    from app.templates import instantiate

    template = instantiate(plans.SAMPLE_TEMPLATE, 2026, plans.SAMPLE_AGENCY)
    later = "Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ;"
    cited = "Căn cứ Kế hoạch số …/KH-UBND ngày …/…/2025 của Ủy ban nhân dân tỉnh Thanh Hóa;"
    plan = plans.sample_plan(replace(template, date=DocDate(2026, 1), legal_bases=(later, cited)))
    assert plan.date == DocDate(2026, 3)  # the month after 12/02/2026, the day left for the clerk
    assert plan.legal_bases[1] == "Căn cứ Kế hoạch số 45/KH-UBND ngày 20/12/2025 của Ủy ban nhân dân tỉnh Thanh Hóa;"
    this_year = "Căn cứ Kế hoạch số …/KH-UBND ngày …/…/2026 của Ủy ban nhân dân tỉnh Thanh Hóa;"
    assert (
        plans.sample_plan(replace(template, legal_bases=(this_year,)))
        .legal_bases[0]
        .endswith("ngày 05/01/2026 của Ủy ban nhân dân tỉnh Thanh Hóa;")
    )


def test_planning_year_and_period():
    assert plans.planning_year(date(2026, 9, 30)) == 2026 and plans.planning_year(date(2026, 10, 1)) == 2027
    assert plans.planning_year() == TODAY.year  # app.clock
    assert plans.parse_period(" 2026 – 2030 ", 2026) == Period(2026, 2030)
    assert plans.parse_period("", 2026) is None


# ---------------------------------------------------------------- header


def test_set_header(ws, plan):
    changes, undone, redone = round_trip(
        ws,
        lambda: plans.set_header(
            ws,
            plan.id,
            number="09",
            date=DocDate(2027, 1, 10),
            legal_bases=("Căn cứ mới;",),
            signer=Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị B"),
            period=Period(2027, 2030),
        ),
        _stored(plan.id),
    )
    assert changes.plan_id == plan.id and changes.parts == {Part.HEADER} and changes.label == "Sửa thông tin chung"
    assert changes.fields == {"number", "date", "legal_bases", "signer", "period"}
    assert undone.fields == redone.fields == changes.fields
    assert ws.plan(plan.id).signer.name == "Trần Thị B"


def test_a_header_field_the_plan_list_shows(ws, plan):
    changes, *_ = round_trip(ws, lambda: plans.set_header(ws, plan.id, summary="Kế hoạch mới"), _stored(plan.id))
    assert changes.parts == {Part.HEADER, Part.PLANS} and changes.fields == {"summary"}
    assert next(p.summary for p in ws.db.list_plans()) == "Kế hoạch mới"
    assert plans.set_header(ws, plan.id, summary="Kế hoạch mới") is NOTHING
    assert plans.set_header(ws, plan.id, label="Sửa năm", year=2028).label == "Sửa năm"


def test_issue_by_decision_on_and_off(ws, plan):
    changes, undone, _ = round_trip(ws, lambda: plans.issue_by_decision(ws, plan.id, True), _stored(plan.id))
    assert changes.parts == {Part.HEADER} and changes.fields == {"decision"}
    assert changes.label == "Ban hành kèm theo quyết định"
    decision = ws.plan(plan.id).decision
    assert decision == plans.default_decision(plan)
    assert plans.issue_by_decision(ws, plan.id, True) is NOTHING
    edited = replace(decision, number="12")
    plans.set_header(ws, plan.id, decision=edited)
    changes, *_ = round_trip(ws, lambda: plans.issue_by_decision(ws, plan.id, False), _stored(plan.id))
    assert changes.label == "Bỏ quyết định ban hành" and ws.plan(plan.id).decision is None
    # switched on again: the one she had edited, when the window remembers it
    plans.issue_by_decision(ws, plan.id, True, remembered=edited)
    assert ws.plan(plan.id).decision == edited


def test_unify_tone_marks_and_undo_every_text(ws, plan):
    def texts(ws):
        return [t for _, t in iter_texts(stored(ws, plan.id))]

    changes, undone, _ = round_trip(ws, lambda: plans.unify_tone(ws, plan.id, "new"), _stored(plan.id))
    assert changes.plan_id == plan.id and changes.label == "Thống nhất kiểu bỏ dấu (hòa, ủy)"
    assert {Part.HEADER, Part.SECTIONS, Part.TARGETS, Part.TASKS, Part.APPENDICES} <= changes.parts
    assert changes.appendix_ids == {a.id for a in plan.appendices}
    fixed = stored(ws, plan.id)
    assert fixed.sections[0].sections[0].paragraphs[0] == "Hòa nhập." and fixed.recipients[1] == "Lưu: VT, thủy lợi"
    assert plans.unify_tone(ws, plan.id, "new") is NOTHING
    old_style = plans.unify_tone(ws, plan.id, "old")
    assert "Uỷ ban thực hiện." in texts(ws)
    old_style.undo(ws)
    assert stored(ws, plan.id) == fixed
    with pytest.raises(InvalidInput, match="Kiểu bỏ dấu"):
        plans.unify_tone(ws, plan.id, "mới")


def test_undo_of_unify_tone_leaves_texts_edited_since_alone(ws, plan):
    changes = plans.unify_tone(ws, plan.id, "new")
    section = plan.sections[1]
    rows.set_fields(ws, rows.SECTIONS, section.id, paragraphs=("Ủy ban nhân dân thực hiện.",))
    plans.set_header(ws, plan.id, recipients=("Sở Nội vụ", "Lưu: VT, thủy lợi, hòa giải"))
    changes.undo(ws)
    now = stored(ws, plan.id)
    assert now.sections[1].paragraphs == ("Ủy ban nhân dân thực hiện.",)
    assert now.recipients == ("Sở Nội vụ", "Lưu: VT, thủy lợi, hòa giải")
    assert now.sections[0].sections[0].paragraphs[0] == "Hoà nhập."  # untouched since: put back


def test_header_of_a_plan_that_is_gone(ws):
    with pytest.raises(NotFound):
        plans.set_header(ws, 999, summary="x")
    with pytest.raises(NotFound):
        plans.issue_by_decision(ws, 999, True)
    assert ws.db.list_plans() == []
