"""app.ops.reports on a real file: the reporting calendar, making a report, editing its texts and
header, deleting it — each an undo step that puts the stored report back exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from ops_helpers import round_trip

from app.errors import InvalidInput, NotFound
from app.model import DocDate, Signer
from app.ops import reports
from app.ops.changes import NOTHING, Part
from app.tracking.report import report_to_dict


def stored_reports(plan_id):
    """Every stored report of the plan by period, without its id (a report put back gets a new one)."""
    return lambda ws: sorted(
        ((r.period, r.number, r.date, report_to_dict(replace(r, id=None))) for r in reports.of_plan(ws, plan_id)),
        key=lambda x: x[0],
    )


def periods(plan_id):
    return lambda ws: reports.periods(ws, plan_id)


@pytest.fixture
def report_id(ws, plan):
    return reports.create(ws, plan.id, "6m").created


def test_periods_and_their_dates(ws, plan):
    assert [p.key for p in reports.periods(ws, plan.id)] == ["q1", "6m", "9m", "year"]
    changes, *_ = round_trip(
        ws,
        lambda: reports.set_period_dates(ws, plan.id, "6m", date(2027, 6, 12), date(2027, 6, 18), " Báo cáo 6 tháng "),
        periods(plan.id),
    )
    assert changes.plan_id == plan.id and changes.parts == {Part.REPORTS} and changes.label == "Sửa kỳ báo cáo"
    six = reports.periods(ws, plan.id)[1]
    assert (six.cutoff, six.due, six.title) == (date(2027, 6, 12), date(2027, 6, 18), "Báo cáo 6 tháng")
    assert reports.set_period_dates(ws, plan.id, "6m", date(2027, 6, 12)) is NOTHING
    with pytest.raises(InvalidInput, match="trước ngày chốt"):
        reports.set_period_dates(ws, plan.id, "6m", due=date(2027, 6, 1))


def test_create_and_its_undo(ws, plan):
    changes, undone, redone = round_trip(ws, lambda: reports.create(ws, plan.id, "6m"), stored_reports(plan.id))
    assert changes.plan_id == plan.id and changes.parts == {Part.REPORTS} and changes.created is not None
    assert changes.label == "Lập báo cáo 6 tháng đầu năm 2027"
    assert undone.ids == {changes.created} and redone.created is not None
    report = reports.load(ws, redone.created)
    assert report.period == "6m" and report.plan_id == plan.id and report.counts.total == 7
    assert reports.load(ws, changes.created) == report  # the first id still finds it
    with pytest.raises(InvalidInput, match="Kỳ báo cáo"):
        reports.create(ws, plan.id, "q7")


def test_set_text_of_a_section_and_of_the_header_fields(ws, plan, report_id):
    changes, undone, _ = round_trip(
        ws,
        lambda: reports.set_text(ws, report_id, "general", "Câu thứ nhất.\n\n  Câu  thứ hai. ", heading="1. Chung"),
        stored_reports(plan.id),
    )
    assert changes.plan_id == plan.id and changes.parts == {Part.REPORTS} and changes.ids == {report_id}
    assert changes.label == "Sửa báo cáo" and undone.ids == {report_id}
    section = reports.load(ws, report_id).section("general")
    assert (section.heading, section.paragraphs) == ("1. Chung", ("Câu thứ nhất.", "Câu thứ hai."))
    round_trip(ws, lambda: reports.set_text(ws, report_id, "summary", "Kết quả 6 tháng"), stored_reports(plan.id))
    changes, *_ = round_trip(
        ws, lambda: reports.set_text(ws, report_id, "recipients", ["Sở Nội vụ", "", "Lưu: VT"]), stored_reports(plan.id)
    )
    assert changes.label == "Sửa nơi nhận của báo cáo"
    assert reports.load(ws, report_id).recipients == ("Sở Nội vụ", "Lưu: VT")
    assert reports.set_text(ws, report_id, "summary", "Kết quả 6 tháng") is NOTHING
    with pytest.raises(InvalidInput, match="không có phần"):
        reports.set_text(ws, report_id, "khong-co", "x")


def test_set_header(ws, plan, report_id):
    changes, *_ = round_trip(
        ws,
        lambda: reports.set_header(
            ws, report_id, number=" 15 ", date=DocDate(2027, 6, 18), signer=Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "B")
        ),
        stored_reports(plan.id),
    )
    assert changes.label == "Sửa số, ngày, người ký của báo cáo" and changes.ids == {report_id}
    report = reports.load(ws, report_id)
    assert (report.number, report.date, report.signer.name) == ("15", DocDate(2027, 6, 18), "B")
    assert reports.set_header(ws, report_id, number="15") is NOTHING


def test_delete_and_older_steps_finding_the_report_put_back(ws, plan, report_id):
    original = stored_reports(plan.id)(ws)
    edit = reports.set_text(ws, report_id, "summary", "Đã sửa")
    changes, undone, redone = round_trip(ws, lambda: reports.delete(ws, report_id), stored_reports(plan.id))
    assert changes.plan_id == plan.id and changes.parts == {Part.REPORTS} and changes.ids == {report_id}
    assert changes.label == "Xóa báo cáo"
    assert reports.of_plan(ws, plan.id) == []
    back = redone.undo(ws)  # put back once more: the report lives under another id now
    edit.undo(ws)  # the edit made before still finds it
    assert stored_reports(plan.id)(ws) == original
    assert [r.id for r in reports.of_plan(ws, plan.id)] == [back.created]
    with pytest.raises(NotFound):
        reports.delete(ws, 99999)


def test_a_new_report_given_the_id_of_a_report_put_back_earlier(ws, plan):
    """Ids of deleted reports are given again once every newer report is gone."""
    first = reports.create(ws, plan.id, "q1").created
    second = reports.create(ws, plan.id, "6m").created
    back = reports.delete(ws, first).undo(ws)  # the first report, under a new id
    assert back.created not in (first, second)
    reports.delete(ws, back.created)
    reports.delete(ws, second)
    new = reports.create(ws, plan.id, "year").created
    assert new == first  # the database gives the freed id again
    assert reports.load(ws, new).period == "year"
    reports.set_text(ws, new, "summary", "Báo cáo năm")
    assert reports.load(ws, new).summary == "Báo cáo năm"


def test_overview_and_preview(ws, plan):
    overview = reports.overview(ws, plan.id)
    assert overview.total == 7 and overview.report_line.startswith("Báo cáo 6 tháng: chốt số liệu 14/6")
    assert reports.preview(ws, plan.id, "q1").phrase == "quý I năm 2027"
    assert reports.of_plan(ws, plan.id) == []  # a preview stores nothing


def test_an_older_edit_finds_a_report_put_back_under_a_new_id(ws, plan):
    first = reports.create(ws, plan.id, "q1").created
    reports.create(ws, plan.id, "6m")
    original = stored_reports(plan.id)(ws)
    edit = reports.set_text(ws, first, "summary", "Đã sửa")
    header = reports.set_header(ws, first, number="7")
    back = reports.delete(ws, first).undo(ws)
    assert back.created != first
    undone = header.undo(ws)
    assert undone.ids == {back.created}
    edit.undo(ws)
    assert stored_reports(plan.id)(ws) == original
