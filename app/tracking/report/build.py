"""Building the report's content from plan + records + period, one function per section."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from app.model import DocDate, Plan
from app.numbering import grouped, task_rows
from app.tracking.calendar import ReportPeriod
from app.tracking.measure import Measure, number_text, parse_measure, verdict, verdict_word
from app.tracking.repealed import Repealed
from app.tracking.report.content import Counts, Report, ReportSection, ResultRow, TargetLine
from app.tracking.status import Status, TaskTracking
from app.tracking.tasks import TrackedTask, all_tasks_appendix, due_day, tracked_tasks
from app.vietnamese import date_words, locality, number_symbol, roman

NEXT_HORIZON_DAYS = 92  # "nhiệm vụ trọng tâm thời gian tới": unfinished tasks due within a quarter


def build_report(
    plan: Plan,
    records: dict[int, TaskTracking],
    period: ReportPeriod,
    today: date,
    measures: dict[int, Measure | None] | None = None,
    target_values: dict[int, float] | None = None,
    repealed: Sequence[Repealed] = (),
) -> Report:
    """The report's content, its numbers "as of" the earlier of today and the period's cut-off day.
    `measures`: the officer's measure per target id (None = not measurable), falling back to the
    one read from the target's text; `target_values`: the value measured for this period per target id;
    `repealed`: tasks repealed since the plan was issued, listed as "Bãi bỏ" (not counted)."""
    as_of = min(today, period.cutoff)
    all_tasks = tracked_tasks(plan, records)
    leaves = [t for t in all_tasks if t.leaf]
    counts = _counts(leaves, as_of)
    target_lines = _target_lines(plan, measures or {}, target_values or {})
    return Report(
        plan_id=plan.id,
        period=period.key,
        period_title=period.title,
        phrase=period.phrase,
        year=period.year,
        as_of=as_of,
        parent_agency=plan.parent_agency,
        agency=plan.agency,
        place=plan.place,
        summary=f"Kết quả thực hiện công tác cải cách hành chính {period.phrase}",
        counts=counts,
        sections=_sections(plan, period, leaves, counts, target_lines, as_of, repealed),
        target_lines=target_lines,
        appendix_title=f"Kết quả thực hiện nhiệm vụ cải cách hành chính {period.phrase}",
        rows=_with_repealed(_result_rows(plan, all_tasks, as_of), repealed),
        signer=plan.signer,
        recipients=plan.recipients,
        date=DocDate(today.year, today.month, None),
    )


# ---------------------------------------------------------------- sections


def _sections(
    plan: Plan,
    period: ReportPeriod,
    leaves: list[TrackedTask],
    counts: Counts,
    target_lines: tuple[TargetLine, ...],
    as_of: date,
    repealed: Sequence[Repealed] = (),
) -> tuple[ReportSection, ...]:
    """Intro, I. results (numbered khoản: the general count, one per area, the targets), II. limits,
    III. next tasks, closing."""
    agency = _agency_sentence(plan)
    general = (counts.sentence(as_of),) + ((repealed_sentence(repealed),) if repealed else ())
    results: list[tuple[str, str, tuple[str, ...]]] = [("general", "Tình hình chung", general)]
    for area, items in grouped(plan, leaves, lambda t: t.area):
        title = plan.area_title(area) if area else "Nhiệm vụ khác"
        results.append((f"area:{area}", title, _area_paragraphs(items, as_of)))
    if target_lines:
        results.append(("targets", "Kết quả thực hiện các chỉ tiêu", _target_paragraphs(target_lines)))
    return (
        ReportSection(
            "intro",
            paragraphs=(
                f"Thực hiện {plan_reference(plan)} về {_lower_first(' '.join(plan.summary.split()))}; "
                f"{agency} báo cáo kết quả thực hiện công tác cải cách hành chính {period.phrase} như sau:",
            ),
        ),
        ReportSection("results", "I. KẾT QUẢ THỰC HIỆN", level=1),
        *(ReportSection(key, f"{n}. {title}", paras, level=2) for n, (key, title, paras) in enumerate(results, 1)),
        ReportSection("limits", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", _limits(leaves, target_lines, as_of), level=1),
        ReportSection("next", "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", _next_tasks(leaves, as_of), level=1),
        ReportSection(
            "closing",
            paragraphs=(
                f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {period.phrase} của {agency}.",
            ),
        ),
    )


def _area_paragraphs(items: list[TrackedTask], as_of: date) -> tuple[str, ...]:
    c = _counts(items, as_of)
    head = (
        f"Hoàn thành {c.done}/{c.total} nhiệm vụ; đang thực hiện {c.in_progress} nhiệm vụ; "
        f"chưa thực hiện {c.not_started} nhiệm vụ"
        + (f"; {c.overdue} nhiệm vụ chậm so với thời hạn." if c.overdue else ".")
    )
    lines = [line for t in items if (line := _result_line(t, as_of))]
    return (head, *(lines or ["- Chưa ghi nhận kết quả cụ thể trong kỳ."]))


def _target_paragraphs(target_lines: tuple[TargetLine, ...]) -> tuple[str, ...]:
    met = sum(1 for x in target_lines if x.ok)
    measured = sum(1 for x in target_lines if x.ok is not None)
    head = f"Đã có số liệu {measured}/{len(target_lines)} chỉ tiêu; đạt {met} chỉ tiêu, chưa đạt {measured - met} chỉ tiêu."
    return (head,) + tuple(x.sentence for x in target_lines)


def _limits(leaves: list[TrackedTask], target_lines: tuple[TargetLine, ...], as_of: date) -> tuple[str, ...]:
    """Late tasks, dropped tasks with their reasons, targets not met."""
    late = [t for t in leaves if t.overdue_on(as_of)]
    if late:
        out = [f"- Còn {len(late)} nhiệm vụ chậm so với thời hạn:"] + [_due_item(t) for t in late]
    else:
        out = ["- Không có nhiệm vụ chậm so với thời hạn."]
    for t in leaves:
        if t.status_on(as_of) is Status.NOT_DONE:
            why = " ".join(t.record.reason.split()).rstrip(" .")
            out.append(
                f"- Không thực hiện nhiệm vụ «{' '.join(t.task.content.split())}»" + (f": {why}." if why else ".")
            )
    failed = [x for x in target_lines if x.ok is False]
    if failed:
        out.append(f"- Còn {len(failed)} chỉ tiêu chưa đạt.")
    return tuple(out)


def _next_tasks(leaves: list[TrackedTask], as_of: date) -> tuple[str, ...]:
    """Unfinished tasks due by a quarter from now (late ones included), nearest first."""
    horizon = as_of + timedelta(days=NEXT_HORIZON_DAYS)
    upcoming = sorted(
        (t for t in leaves if not t.status_on(as_of).finished and t.due.date is not None and t.due.date <= horizon),
        key=due_day,
    )
    head = ["- Tập trung hoàn thành các nhiệm vụ chậm và các nhiệm vụ đến hạn trong thời gian tới:"] if upcoming else []
    tail = ["- Tiếp tục thực hiện các nhiệm vụ thường xuyên và các nhiệm vụ còn lại theo Kế hoạch."]
    return tuple(head + [_due_item(t) for t in upcoming] + tail)


def _due_item(t: TrackedTask) -> str:
    return f"+ {' '.join(t.task.content.split()).rstrip(' .;')} (hạn {t.due.label()})."


# ---------------------------------------------------------------- targets and the results appendix


def _target_lines(
    plan: Plan, measures: dict[int, Measure | None], target_values: dict[int, float]
) -> tuple[TargetLine, ...]:
    return tuple(
        target_line(
            t.id,
            t.content,
            measures[t.id] if t.id in measures else parse_measure(t.content),
            target_values.get(t.id) if t.id is not None else None,
        )
        for t in plan.targets
        if t.content.strip()
    )


def target_line(target_id: int | None, content: str, measure: Measure | None, value: float | None) -> TargetLine:
    text = " ".join(content.split()).rstrip(" .;")
    if measure is None:
        shown = f"{number_text(value)}" if value is not None else ""
        sentence = f"- {text}: kết quả {shown}." if shown else f"- {text}: chưa có số liệu."
        return TargetLine(target_id, content, "", value, None, sentence)
    ok = verdict(measure, value)
    if value is None:
        sentence = f"- {text} (chỉ tiêu {measure.text()}): chưa có số liệu."
    else:
        unit = measure.unit if measure.unit == "%" else f" {measure.unit}" if measure.unit else ""
        sentence = f"- {text}: kết quả {number_text(value)}{unit} (chỉ tiêu {measure.text()}), {verdict_word(ok)}."
    return TargetLine(target_id, content, measure.text(), value, ok, sentence)


def _result_rows(plan: Plan, all_tasks: list[TrackedTask], as_of: date) -> tuple[ResultRow, ...]:
    """The results appendix: every task under its area group, with due date, status and result."""
    by_id = {t.id: t for t in all_tasks}
    rows: list[ResultRow] = []
    for r in task_rows(plan, all_tasks_appendix(plan)):
        if r.kind == "group":
            rows.append(ResultRow("group", r.label, r.title))
            continue
        assert r.task is not None
        t = by_id.get(r.task.id) if r.task.id is not None else None
        if t is not None:
            rows.append(
                ResultRow(
                    "task",
                    r.label,
                    " ".join(t.task.content.split()),
                    t.lead,
                    _due_text(t),
                    _status_text(t, as_of),
                    " ".join(t.record.result.split()),
                    r.depth,
                    t.task.id,
                )
            )
    return tuple(rows)


def _with_repealed(rows: tuple[ResultRow, ...], repealed: Sequence[Repealed]) -> tuple[ResultRow, ...]:
    """The results table with the repealed tasks last, under a group of their own, each with its
    place in the issued plan and "Bãi bỏ theo Kế hoạch số …" as its status."""
    if not repealed:
        return rows
    group = roman(sum(1 for r in rows if r.kind == "group") + 1)
    out = [ResultRow("group", group, "Nhiệm vụ đã bãi bỏ")]
    number = 0
    for r in repealed:
        number += r.depth == 0
        content = " ".join(r.task.content.split())
        if r.depth == 0:
            content = f"{content} ({r.where} khi ban hành)"
        out.append(
            ResultRow(
                "task",
                str(number),
                content,
                r.task.lead,
                " ".join(r.task.timeline.split()),
                r.status,
                r.before,
                r.depth,
            )
        )
    return rows + tuple(out)


def repealed_sentence(repealed: Sequence[Repealed]) -> str:
    """'Có 2 nhiệm vụ đã bãi bỏ (theo Kế hoạch số 20/KH-UBND ngày 15/06/2027), không tính vào tổng số.'"""
    top = [r for r in repealed if r.depth == 0]
    refs = list(dict.fromkeys(r.by for r in top if r.by))
    by = f" (theo {', '.join(refs)})" if refs else ""
    return f"Có {len(top)} nhiệm vụ đã bãi bỏ sau khi ban hành Kế hoạch{by}, không tính vào tổng số nhiệm vụ."


# ---------------------------------------------------------------- wording


def plan_reference(plan: Plan) -> str:
    if plan.decision is not None:
        dec = plan.decision
        ref = number_symbol(dec.number, dec.symbol)
        return f"Quyết định số {ref} {date_words(dec.date or plan.doc_date)} của Ủy ban nhân dân {locality(plan.agency)} ban hành Kế hoạch"
    return f"Kế hoạch số {number_symbol(plan.number, plan.symbol)} {date_words(plan.doc_date)} của {_agency_sentence(plan)}"


def _agency_sentence(plan: Plan) -> str:
    loc = locality(plan.agency)
    return f"Ủy ban nhân dân {loc}" if loc else " ".join(plan.agency.split())


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _lower_first(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _counts(tasks: list[TrackedTask], as_of: date) -> Counts:
    def n(status: Status) -> int:
        return sum(1 for t in tasks if t.status_on(as_of) is status)

    return Counts(
        total=len(tasks),
        done_on_time=n(Status.DONE_ON_TIME),
        done_late=n(Status.DONE_LATE),
        in_progress=n(Status.IN_PROGRESS),
        not_started=n(Status.NOT_STARTED),
        not_done=n(Status.NOT_DONE),
        overdue=sum(1 for t in tasks if t.overdue_on(as_of)),
    )


def _status_text(t: TrackedTask, as_of: date) -> str:
    s = t.status_on(as_of)
    if s.done and t.record.completed_on is not None:
        return f"{s.label} ({_dmy(t.record.completed_on)})"
    if s is Status.NOT_DONE and t.record.reason.strip():
        return f"{s.label}: {' '.join(t.record.reason.split())}"
    if t.overdue_on(as_of):
        return f"{s.label} (chậm {t.days_late(as_of)} ngày)"
    return s.label


def _due_text(t: TrackedTask) -> str:
    if t.due.date is not None:
        return t.due.label()
    return " ".join(t.timeline.split()) or t.due.label()


def _result_line(t: TrackedTask, as_of: date) -> str | None:
    result = " ".join(t.record.result.split()).rstrip(" .;")
    content = " ".join(t.task.content.split()).rstrip(" .;:")
    s = t.status_on(as_of)
    if result:
        return f"- {content}: {_lower_first(result)}."
    if s.done:
        return f"- {content}: đã hoàn thành."
    return None
