"""Periodic reports and the reporting calendar: make a draft from the tracking data, edit its
texts and header (each an undo step of the plan), delete it; the overview of the year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from app import clock, limits
from app.errors import InvalidInput
from app.model import DocDate, Plan, Signer
from app.ops.changes import NOTHING, Changes, Part
from app.ops.targets import check_period
from app.ops.tracking import repealed
from app.tracking.calendar import ReportPeriod, merge_periods, period_by_key
from app.tracking.overview import Overview, compute_overview
from app.tracking.report import Report, build_report, report_from_dict, report_to_dict, with_section_text
from app.vietnamese import clean_text
from app.workspace import Workspace


def report_year(plan: Plan, today: date) -> int:
    """The year a plan's reports cover: the plan's year, or this year inside a multi-year plan."""
    if plan.period is not None and plan.period.start <= today.year <= plan.period.end:
        return today.year
    return plan.year


def periods(ws: Workspace, plan_id: int) -> tuple[ReportPeriod, ...]:
    return merge_periods(report_year(ws.plan(plan_id), clock.today()), ws.db.get_periods(plan_id))


def set_period_dates(
    ws: Workspace, plan_id: int, key: str, cutoff: date | None = None, due: date | None = None, title: str | None = None
) -> Changes:
    """Change a period's cut-off, due date or title (the province sets them); undoable."""
    check_period(key)
    current = period_by_key(periods(ws, plan_id), key)
    new = replace(
        current,
        cutoff=cutoff or current.cutoff,
        due=due or current.due,
        title=clean_text(title).strip() if title else current.title,
    )
    if new.due < new.cutoff:
        raise InvalidInput("Hạn gửi báo cáo không thể trước ngày chốt số liệu.")
    if new == current:
        return NOTHING
    ws.db.put_period(plan_id, key, new.title, new.cutoff, new.due)
    undo = partial(
        set_period_dates, plan_id=plan_id, key=key, cutoff=current.cutoff, due=current.due, title=current.title
    )
    return Changes.of(plan_id, Part.REPORTS, label="Sửa kỳ báo cáo", undo=undo)


def overview(ws: Workspace, plan_id: int) -> Overview:
    day = clock.today()
    plan, records = ws.plan(plan_id), ws.db.get_records(plan_id)
    return compute_overview(plan, records, day, periods(ws, plan_id), repealed(ws, plan_id))


def preview(ws: Workspace, plan_id: int, period: str) -> Report:
    """The report's content from the current data, without storing it."""
    check_period(period)
    p = period_by_key(periods(ws, plan_id), period)
    return build_report(
        ws.plan(plan_id),
        ws.db.get_records(plan_id),
        p,
        clock.today(),
        ws.db.get_measures(plan_id),
        ws.db.get_target_values(plan_id, period),
        repealed(ws, plan_id),
    )


def create(ws: Workspace, plan_id: int, period: str) -> Changes:
    """'Lập báo cáo': the draft from the current data, stored; `created` is its id. Undo deletes it."""
    report = preview(ws, plan_id, period)
    report_id = ws.db.insert_report(plan_id, period, report.number, report.date, report_to_dict(report))
    ws.ids["reports"].remap(report_id, report_id)  # an id given again is this report's, not an older one's
    label = f"Lập báo cáo {report.phrase}"
    return Changes.of(plan_id, Part.REPORTS, label=label, created=report_id, undo=partial(delete, report_id=report_id))


def load(ws: Workspace, report_id: int) -> Report:
    report_id = ws.ids["reports"].resolve(report_id)
    r = ws.db.get_report(report_id)
    return replace(report_from_dict(r.texts, r.id), plan_id=r.plan_id, number=r.number, date=r.date)


def of_plan(ws: Workspace, plan_id: int) -> list[Report]:
    return [load(ws, r.id) for r in ws.db.list_reports(plan_id)]


def _save(ws: Workspace, report: Report, label: str) -> Changes:
    """Store a report's texts and header; the undo stores the version it replaced."""
    assert report.id is not None and report.plan_id is not None
    old = load(ws, report.id)
    report = replace(report, id=old.id)  # the id it has now (put back by an undo: a new one)
    assert report.id is not None
    limits.check_texts(report_to_dict(report), "Báo cáo")
    if report_to_dict(old) == report_to_dict(report) and (old.number, old.date) == (report.number, report.date):
        return NOTHING
    ws.db.update_report(report.id, report.number, report.date, report_to_dict(report))
    return Changes.of(
        report.plan_id, Part.REPORTS, ids=(report.id,), label=label, undo=partial(_save, report=old, label=label)
    )


def _paragraphs(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    lines = text.split("\n") if isinstance(text, str) else list(text)
    return tuple(" ".join(clean_text(x).split()) for x in lines if x.strip())


def set_text(
    ws: Workspace, report_id: int, key: str, text: str | list[str] | tuple[str, ...], heading: str | None = None
) -> Changes:
    """Replace one section's paragraphs (one per line) and optionally its heading. `key`: a section
    key ("intro", "general", "area:<id>", "targets", "limits", "next", "closing") or "summary",
    "appendix_title", "recipients", "number"."""
    report = load(ws, report_id)
    if key in ("summary", "appendix_title", "number"):
        value = " ".join(clean_text(text if isinstance(text, str) else " ".join(text)).split())
        return _save(ws, replace(report, **{key: value}), "Sửa báo cáo")  # type: ignore[arg-type]
    if key == "recipients":
        return _save(ws, replace(report, recipients=_paragraphs(text)), "Sửa nơi nhận của báo cáo")
    try:
        edited = with_section_text(
            report, key, _paragraphs(text), None if heading is None else clean_text(heading).strip()
        )
    except KeyError:
        raise InvalidInput(f"Báo cáo không có phần «{key}».") from None
    return _save(ws, edited, "Sửa báo cáo")


def set_header(
    ws: Workspace,
    report_id: int,
    *,
    number: str | None = None,
    date: DocDate | None = None,
    signer: Signer | None = None,
) -> Changes:
    report = load(ws, report_id)
    if number is not None:
        report = replace(report, number=clean_text(number).strip())
    if date is not None:
        report = replace(report, date=date)
    if signer is not None:
        report = replace(report, signer=signer)
    return _save(ws, report, "Sửa số, ngày, người ký của báo cáo")


def delete(ws: Workspace, report_id: int) -> Changes:
    """Delete a stored report; undo stores it again (with a new id, remembered for older steps)."""
    report = load(ws, report_id)
    assert report.id is not None and report.plan_id is not None
    ws.db.delete_report(report.id)
    return Changes.of(
        report.plan_id, Part.REPORTS, ids=(report.id,), label="Xóa báo cáo", undo=partial(_restore, report=report)
    )


def _restore(ws: Workspace, report: Report) -> Changes:
    assert report.id is not None and report.plan_id is not None
    new_id = ws.db.insert_report(report.plan_id, report.period, report.number, report.date, report_to_dict(report))
    ws.ids["reports"].remap(report.id, new_id)
    return Changes.of(
        report.plan_id, Part.REPORTS, created=new_id, label="Xóa báo cáo", undo=partial(delete, report_id=new_id)
    )
