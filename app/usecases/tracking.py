"""Tracking verbs: status, due date, result, evidence, target results, the reporting calendar,
the overview and the periodic report. Each is one transaction and returns what changed.

Evidence removal only unlinks: the row and the copied file stay in the data folder
(`unlinked_evidence` lists them, `relink_evidence` attaches one again). Deleting a task or a
plan unlinks its evidence the same way; nothing here ever deletes an evidence file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from app import clock
from app.errors import InvalidInput, NotFound
from app.model import DocDate, Signer
from app.paths import data_dir
from app.tracking.calendar import PERIOD_KEYS, ReportPeriod, merge_periods, period_by_key
from app.tracking.measure import OPERATORS, Measure, parse_number
from app.tracking.overview import Overview, compute_overview
from app.tracking.report import Report, build_report, report_from_dict, report_to_dict, with_section_text
from app.tracking.status import Status, TaskTracking, done_status
from app.tracking.tasks import TrackedTask, tracked_tasks
from app.vietnamese import clean_text
from storage import plans as plans_store
from storage import tracking as tracking_store
from storage.db import Store
from storage.tracking import Evidence


def _today(today: date | None) -> date:
    return today if today is not None else clock.today()


def data_folder(store: Store) -> Path:
    """Where evidence lives: beside the database file (the user's data folder)."""
    return store.path.parent if store.path is not None else data_dir()


def report_year(plan, today: date) -> int:
    """The year a plan's reports cover: the plan's year, or this year inside a multi-year plan."""
    if plan.period is not None and plan.period.start <= today.year <= plan.period.end:
        return today.year
    return plan.year


# ---------------------------------------------------------------- tasks


def tracked(store: Store, plan_id: int) -> list[TrackedTask]:
    """Every task and sub-task with its record and effective due date (the tracking table)."""
    plan = plans_store.load_plan(store, plan_id)
    return tracked_tasks(plan, tracking_store.get_records(store, plan_id))


def tracked_task(store: Store, task_id: int) -> TrackedTask:
    for t in tracked(store, tracking_store.task_plan_id(store, task_id)):
        if t.id == task_id:
            return t
    raise NotFound(f"Không tìm thấy nhiệm vụ (mã {task_id}); có thể nó đã bị xóa.")


def _status(value: Status | str) -> Status:
    if isinstance(value, Status):
        return value
    for s in Status:
        if value in (s.value, s.label):
            return s
    raise InvalidInput(f"Tình trạng «{value}» không hợp lệ.")


def set_status(
    store: Store,
    task_id: int,
    status: Status | str,
    completed_on: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> TaskTracking:
    """Set a task's status. Done needs a completion date (today when not given); "Không thực
    hiện" needs a reason; other statuses clear the completion date."""
    status = _status(status)
    record = tracking_store.get_record(store, task_id)
    if status.done:
        completed_on = completed_on or record.completed_on or _today(today)
        if completed_on > _today(today):
            raise InvalidInput("Ngày hoàn thành không thể sau ngày hôm nay.")
    else:
        completed_on = None
    reason = clean_text(reason).strip()
    if status is Status.NOT_DONE and not reason:
        raise InvalidInput("Hãy ghi lý do không thực hiện nhiệm vụ.")
    new = replace(record, status=status, completed_on=completed_on, reason=reason if status is Status.NOT_DONE else "")
    tracking_store.put_record(store, new)
    return new


def mark_done(
    store: Store, task_id: int, completed_on: date | None = None, result: str | None = None, today: date | None = None
) -> TaskTracking:
    """Done on `completed_on` (default today): on time or late is decided by the due date."""
    completed_on = completed_on or _today(today)
    due = tracked_task(store, task_id).due.date
    record = set_status(store, task_id, done_status(completed_on, due), completed_on, today=today)
    if result is not None:
        record = set_result(store, task_id, result)
    return record


def set_due_override(store: Store, task_id: int, on: date | None, *, clear: bool = False) -> TaskTracking:
    """The officer's due date (`None`: "no due date"); `clear=True` goes back to the timeline text."""
    record = tracking_store.get_record(store, task_id)
    new = replace(record, due_override=not clear, due_date=None if clear else on)
    tracking_store.put_record(store, new)
    return new


def set_result(store: Store, task_id: int, text: str) -> TaskTracking:
    record = tracking_store.get_record(store, task_id)
    new = replace(record, result=clean_text(text).strip())
    tracking_store.put_record(store, new)
    return new


# ---------------------------------------------------------------- evidence


def add_evidence(store: Store, task_id: int, source: Path | str) -> Evidence:
    """Copy the file into the data folder (evidence/<plan id>/, a safe ASCII name, sha256) and link it."""
    return tracking_store.add_evidence(store, data_folder(store), task_id, Path(source))


def list_evidence(store: Store, task_id: int) -> list[Evidence]:
    return tracking_store.list_evidence(store, tracking_store.task_plan_id(store, task_id), task_id)


def remove_evidence(store: Store, evidence_id: int) -> Evidence:
    """Unlink evidence from its task. The file and its row are kept (never deleted)."""
    return tracking_store.unlink_evidence(store, evidence_id)


def relink_evidence(store: Store, evidence_id: int, task_id: int) -> None:
    tracking_store.relink_evidence(store, evidence_id, task_id)


def unlinked_evidence(store: Store, plan_id: int) -> list[Evidence]:
    return tracking_store.unlinked_evidence(store, plan_id)


def evidence_file(store: Store, evidence_id: int) -> Path:
    """The stored copy's absolute path, for opening it; a clear message when it has gone."""
    ev = tracking_store.get_evidence(store, evidence_id)
    path = ev.path(data_folder(store))
    if not path.is_file():
        raise NotFound(f"Không tìm thấy tệp minh chứng «{ev.file_name}» trong thư mục dữ liệu ({path}).")
    return path


def verify_evidence(store: Store, evidence_id: int) -> bool:
    """True when the stored copy still has the hash recorded when it was added."""
    import hashlib

    path = evidence_file(store, evidence_id)
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == tracking_store.get_evidence(store, evidence_id).sha256


# ---------------------------------------------------------------- targets


def set_target_measure(
    store: Store, target_id: int, operator: str | None, value: float | None = None, unit: str = "%"
) -> None:
    """The officer's measure for a target: operator one of ≥ ≤ = > < (or >=, <=); `None`
    operator = "not measurable". Use `clear_target_measure` to go back to the text's."""
    if operator is None:
        tracking_store.put_measure(store, target_id, None)
        return
    op = {"≥": ">=", "≤": "<="}.get(operator.strip(), operator.strip())
    if op not in OPERATORS or value is None:
        raise InvalidInput("Chỉ tiêu cần một phép so sánh (≥, ≤, =, >, <) và một giá trị.")
    tracking_store.put_measure(store, target_id, Measure(op, float(value), clean_text(unit).strip()))


def clear_target_measure(store: Store, target_id: int) -> None:
    tracking_store.put_measure(store, target_id, None, clear=True)


def set_target_result(store: Store, target_id: int, period: str, value: float | str | None) -> float | None:
    """The value measured for a target in a period ("93,5" or 93.5; empty/None clears it)."""
    _check_period(period)
    if isinstance(value, str):
        text = value.strip()
        parsed = parse_number(text) if text else None
        if text and parsed is None:
            raise InvalidInput(f"«{value}» không phải là số; hãy nhập ví dụ 93,5.")
        value = parsed
    tracking_store.put_target_value(store, target_id, period, value)
    return value


# ---------------------------------------------------------------- calendar


def _check_period(key: str) -> None:
    if key not in PERIOD_KEYS:
        raise InvalidInput(f"Kỳ báo cáo «{key}» không hợp lệ; chọn một trong: {', '.join(PERIOD_KEYS)}.")


def report_periods(store: Store, plan_id: int, today: date | None = None) -> tuple[ReportPeriod, ...]:
    plan = plans_store.load_plan(store, plan_id)
    return merge_periods(report_year(plan, _today(today)), tracking_store.get_periods(store, plan_id))


def set_period_dates(
    store: Store,
    plan_id: int,
    key: str,
    cutoff: date | None = None,
    due: date | None = None,
    title: str | None = None,
    today: date | None = None,
) -> ReportPeriod:
    """Change a period's cut-off, due date or title (the province sets them)."""
    _check_period(key)
    current = period_by_key(report_periods(store, plan_id, today), key)
    new = replace(
        current,
        cutoff=cutoff or current.cutoff,
        due=due or current.due,
        title=clean_text(title).strip() if title else current.title,
    )
    if new.due < new.cutoff:
        raise InvalidInput("Hạn gửi báo cáo không thể trước ngày chốt số liệu.")
    tracking_store.put_period(store, plan_id, key, new.title, new.cutoff, new.due)
    return new


# ---------------------------------------------------------------- overview and reports


def overview(store: Store, plan_id: int, today: date | None = None) -> Overview:
    plan = plans_store.load_plan(store, plan_id)
    day = _today(today)
    return compute_overview(plan, tracking_store.get_records(store, plan_id), day, report_periods(store, plan_id, day))


def preview_report(store: Store, plan_id: int, period: str, today: date | None = None) -> Report:
    """The report's content from the current data, without storing it."""
    _check_period(period)
    day = _today(today)
    plan = plans_store.load_plan(store, plan_id)
    p = period_by_key(report_periods(store, plan_id, day), period)
    return build_report(
        plan,
        tracking_store.get_records(store, plan_id),
        p,
        day,
        tracking_store.get_measures(store, plan_id),
        tracking_store.get_target_values(store, plan_id, period),
    )


def create_report(store: Store, plan_id: int, period: str, today: date | None = None) -> Report:
    """'Lập báo cáo': build the draft from the current data and store it; returns it with its id."""
    report = preview_report(store, plan_id, period, today)
    report_id = tracking_store.insert_report(store, plan_id, period, report.number, report.date, report_to_dict(report))
    return replace(report, id=report_id)


def load_report(store: Store, report_id: int) -> Report:
    r = tracking_store.get_report(store, report_id)
    return replace(report_from_dict(r.texts, r.id), plan_id=r.plan_id, number=r.number, date=r.date)


def list_reports(store: Store, plan_id: int) -> list[Report]:
    return [load_report(store, r.id) for r in tracking_store.list_reports(store, plan_id)]


def _save(store: Store, report: Report) -> Report:
    assert report.id is not None
    tracking_store.update_report(store, report.id, report.number, report.date, report_to_dict(report))
    return report


def _paragraphs(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    lines = text.split("\n") if isinstance(text, str) else list(text)
    return tuple(" ".join(clean_text(x).split()) for x in lines if x.strip())


def update_report_text(
    store: Store, report_id: int, key: str, text: str | list[str] | tuple[str, ...], heading: str | None = None
) -> Report:
    """Replace one section's paragraphs (a text with one paragraph per line, or a list) and
    optionally its heading. `key`: a section key ("intro", "general", "area:<id>", "targets",
    "limits", "next", "closing") or "summary", "appendix_title", "recipients", "number"."""
    report = load_report(store, report_id)
    if key in ("summary", "appendix_title", "number"):
        value = " ".join(clean_text(text if isinstance(text, str) else " ".join(text)).split())
        return _save(store, replace(report, **{key: value}))  # type: ignore[arg-type]
    if key == "recipients":
        return _save(store, replace(report, recipients=_paragraphs(text)))
    try:
        return _save(
            store,
            with_section_text(report, key, _paragraphs(text), None if heading is None else clean_text(heading).strip()),
        )
    except KeyError:
        raise InvalidInput(f"Báo cáo không có phần «{key}».") from None


def update_report_header(
    store: Store,
    report_id: int,
    *,
    number: str | None = None,
    date: DocDate | None = None,
    signer: Signer | None = None,
) -> Report:
    report = load_report(store, report_id)
    if number is not None:
        report = replace(report, number=clean_text(number).strip())
    if date is not None:
        report = replace(report, date=date)
    if signer is not None:
        report = replace(report, signer=signer)
    return _save(store, report)


def delete_report(store: Store, report_id: int) -> None:
    tracking_store.delete_report(store, report_id)
