"""The periodic report's content (a pure function of plan + records + period): header fields,
counts, result paragraphs per area, target verdicts and the results appendix.

The Report is a snapshot: it is stored as created, the officer edits its texts, and the
exporters print it (exporters/report_build.py). Numbers in the texts are computed "as of"
the earlier of today and the period's cut-off day.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta

from app.model import DocDate, Plan, Signer
from app.numbering import task_rows
from app.tracking.calendar import ReportPeriod
from app.tracking.measure import Measure, number_text, parse_measure, verdict, verdict_word
from app.tracking.status import Status, TaskTracking
from app.tracking.tasks import TrackedTask, all_tasks_appendix, tracked_tasks
from app.vietnamese import date_words, locality, number_symbol

REPORT_SYMBOL = "BC-UBND"
NEXT_HORIZON_DAYS = 92  # "nhiệm vụ trọng tâm thời gian tới": unfinished tasks due within a quarter


@dataclass(frozen=True)
class Counts:
    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_done: int = 0
    overdue: int = 0  # unfinished and past the due date ("chậm")

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def sentence(self, as_of: date) -> str:
        """'Tính đến ngày 10/6/2027, đã hoàn thành 18/42 nhiệm vụ, 3 nhiệm vụ chậm so với thời hạn; …'."""
        return (
            f"Tính đến ngày {as_of.day}/{as_of.month}/{as_of.year}, đã hoàn thành {self.done}/{self.total} nhiệm vụ, "
            f"{self.overdue} nhiệm vụ chậm so với thời hạn; trong đó {self.done_on_time} nhiệm vụ hoàn thành đúng hạn, "
            f"{self.done_late} nhiệm vụ hoàn thành quá hạn; đang thực hiện {self.in_progress} nhiệm vụ, "
            f"chưa thực hiện {self.not_started} nhiệm vụ, không thực hiện {self.not_done} nhiệm vụ."
        )


@dataclass(frozen=True)
class ReportSection:
    """An editable block: `key` says what it is ("intro", "results", "general", "area:<id>",
    "targets", "limits", "next", "closing"); level 0 = plain paragraphs, 1 = mục, 2 = khoản."""

    key: str
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    level: int = 0


@dataclass(frozen=True)
class TargetLine:
    target_id: int | None
    content: str
    measure: str  # "≥ 92%" or "" when not measurable
    value: float | None
    ok: bool | None  # đạt / chưa đạt / no value
    sentence: str


@dataclass(frozen=True)
class ResultRow:
    kind: str  # "group" or "task"
    label: str
    content: str
    lead: str = ""
    due: str = ""
    status: str = ""
    result: str = ""
    depth: int = 0
    task_id: int | None = None


@dataclass(frozen=True)
class Report:
    plan_id: int | None
    period: str  # "q1", "6m", "9m", "year"
    period_title: str  # "6 tháng"
    phrase: str  # "6 tháng đầu năm 2027"
    year: int
    as_of: date
    parent_agency: str
    agency: str
    place: str
    summary: str  # "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027"
    counts: Counts
    sections: tuple[ReportSection, ...]
    target_lines: tuple[TargetLine, ...]
    appendix_title: str
    rows: tuple[ResultRow, ...]
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()
    number: str = ""
    symbol: str = REPORT_SYMBOL
    date: DocDate | None = None
    id: int | None = None

    @property
    def doc_date(self) -> DocDate:
        return self.date if self.date is not None else DocDate(self.as_of.year, self.as_of.month, None)

    def section(self, key: str) -> ReportSection:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


# ---------------------------------------------------------------- building


def _agency_sentence(plan: Plan) -> str:
    loc = locality(plan.agency)
    return f"Ủy ban nhân dân {loc}" if loc else " ".join(plan.agency.split())


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip(" .;,")
    return text + "." if text else ""


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


def plan_reference(plan: Plan) -> str:
    if plan.decision is not None:
        dec = plan.decision
        ref = number_symbol(dec.number, dec.symbol)
        return f"Quyết định số {ref} {date_words(dec.date or plan.doc_date)} của Ủy ban nhân dân {locality(plan.agency)} ban hành Kế hoạch"
    return f"Kế hoạch số {number_symbol(plan.number, plan.symbol)} {date_words(plan.doc_date)} của {_agency_sentence(plan)}"


def build_report(
    plan: Plan,
    records: dict[int, TaskTracking],
    period: ReportPeriod,
    today: date,
    measures: dict[int, Measure | None] | None = None,
    target_values: dict[int, float] | None = None,
) -> Report:
    """The report's content. `measures`: the officer's measure per target id (None = not
    measurable), falling back to the one read from the target's text; `target_values`: the
    value measured for this period per target id."""
    measures = measures or {}
    target_values = target_values or {}
    as_of = min(today, period.cutoff)
    all_tasks = tracked_tasks(plan, records)
    leaves = [t for t in all_tasks if t.leaf]
    counts = _counts(leaves, as_of)
    agency = _agency_sentence(plan)
    summary = f"Kết quả thực hiện công tác cải cách hành chính {period.phrase}"

    sections: list[ReportSection] = [
        ReportSection(
            "intro",
            paragraphs=(
                f"Thực hiện {plan_reference(plan)} về {_lower_first(' '.join(plan.summary.split()))}; "
                f"{agency} báo cáo kết quả thực hiện công tác cải cách hành chính {period.phrase} như sau:",
            ),
        ),
        ReportSection("results", "I. KẾT QUẢ THỰC HIỆN", level=1),
        ReportSection("general", "1. Tình hình chung", (counts.sentence(as_of),), level=2),
    ]
    n = 1
    by_area: dict[str, list[TrackedTask]] = {}
    for t in leaves:
        by_area.setdefault(t.area, []).append(t)
    for area, items in sorted(by_area.items(), key=lambda kv: (kv[0] == "", plan.area_order(kv[0]))):
        n += 1
        c = _counts(items, as_of)
        paras = [
            f"Hoàn thành {c.done}/{c.total} nhiệm vụ; đang thực hiện {c.in_progress} nhiệm vụ; "
            f"chưa thực hiện {c.not_started} nhiệm vụ"
            + (f"; {c.overdue} nhiệm vụ chậm so với thời hạn." if c.overdue else ".")
        ]
        lines = [line for t in items if (line := _result_line(t, as_of))]
        paras += lines or ["- Chưa ghi nhận kết quả cụ thể trong kỳ."]
        title = plan.area_title(area) if area else "Nhiệm vụ khác"
        sections.append(ReportSection(f"area:{area}", f"{n}. {title}", tuple(paras), level=2))

    target_lines = tuple(
        target_line(
            t.id,
            t.content,
            measures[t.id] if t.id in measures else parse_measure(t.content),
            target_values.get(t.id) if t.id is not None else None,
        )
        for t in plan.targets
        if t.content.strip()
    )
    if target_lines:
        n += 1
        met = sum(1 for x in target_lines if x.ok)
        measured = sum(1 for x in target_lines if x.ok is not None)
        head = f"Đã có số liệu {measured}/{len(target_lines)} chỉ tiêu; đạt {met} chỉ tiêu, chưa đạt {measured - met} chỉ tiêu."
        sections.append(
            ReportSection(
                "targets",
                f"{n}. Kết quả thực hiện các chỉ tiêu",
                (head,) + tuple(x.sentence for x in target_lines),
                level=2,
            )
        )

    late = [t for t in leaves if t.overdue_on(as_of)]
    dropped = [t for t in leaves if t.status_on(as_of) is Status.NOT_DONE]
    limits = []
    if late:
        limits.append(f"- Còn {len(late)} nhiệm vụ chậm so với thời hạn:")
        limits += [f"+ {' '.join(t.task.content.split()).rstrip(' .;')} (hạn {t.due.label()})." for t in late]
    else:
        limits.append("- Không có nhiệm vụ chậm so với thời hạn.")
    for t in dropped:
        why = " ".join(t.record.reason.split()).rstrip(" .")
        limits.append(
            f"- Không thực hiện nhiệm vụ «{' '.join(t.task.content.split())}»" + (f": {why}." if why else ".")
        )
    failed = [x for x in target_lines if x.ok is False]
    if failed:
        limits.append(f"- Còn {len(failed)} chỉ tiêu chưa đạt.")
    sections.append(ReportSection("limits", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", tuple(limits), level=1))

    horizon = as_of + timedelta(days=NEXT_HORIZON_DAYS)
    upcoming = [
        t for t in leaves if not t.status_on(as_of).finished and t.due.date is not None and t.due.date <= horizon
    ]
    upcoming.sort(key=lambda t: t.due.date)  # type: ignore[arg-type,return-value]
    nexts = (
        ["- Tập trung hoàn thành các nhiệm vụ chậm và các nhiệm vụ đến hạn trong thời gian tới:"] if upcoming else []
    )
    nexts += [f"+ {' '.join(t.task.content.split()).rstrip(' .;')} (hạn {t.due.label()})." for t in upcoming]
    nexts.append("- Tiếp tục thực hiện các nhiệm vụ thường xuyên và các nhiệm vụ còn lại theo Kế hoạch.")
    sections.append(ReportSection("next", "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", tuple(nexts), level=1))
    sections.append(
        ReportSection(
            "closing",
            paragraphs=(
                f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {period.phrase} của {agency}.",
            ),
        )
    )

    by_id = {t.id: t for t in all_tasks}
    rows: list[ResultRow] = []
    for r in task_rows(plan, all_tasks_appendix(plan)):
        if r.kind == "group":
            rows.append(ResultRow("group", r.label, r.title))
            continue
        assert r.task is not None
        found = by_id.get(r.task.id) if r.task.id is not None else None
        if found is None:
            continue
        t = found
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
        summary=summary,
        counts=counts,
        sections=tuple(sections),
        target_lines=target_lines,
        appendix_title=f"Kết quả thực hiện nhiệm vụ cải cách hành chính {period.phrase}",
        rows=tuple(rows),
        signer=plan.signer,
        recipients=plan.recipients,
        date=DocDate(today.year, today.month, None),
    )


# ---------------------------------------------------------------- editing and storage form

EDITABLE_FIELDS = ("summary", "number", "date", "recipients", "signer", "appendix_title")


def with_section_text(report: Report, key: str, paragraphs: tuple[str, ...], heading: str | None = None) -> Report:
    """The report with one section's paragraphs (and optionally heading) replaced."""
    found = False
    out = []
    for s in report.sections:
        if s.key == key:
            found = True
            s = replace(s, paragraphs=tuple(paragraphs), heading=s.heading if heading is None else heading)
        out.append(s)
    if not found:
        raise KeyError(key)
    return replace(report, sections=tuple(out))


def report_to_dict(report: Report) -> dict:
    d = asdict(report)
    d["as_of"] = report.as_of.isoformat()
    d["date"] = None if report.date is None else [report.date.year, report.date.month, report.date.day]
    d.pop("id", None)
    return d


def report_from_dict(d: dict, report_id: int | None = None) -> Report:
    dt = d.get("date")
    return Report(
        plan_id=d.get("plan_id"),
        period=d["period"],
        period_title=d.get("period_title", ""),
        phrase=d.get("phrase", ""),
        year=int(d["year"]),
        as_of=date.fromisoformat(d["as_of"]),
        parent_agency=d.get("parent_agency", ""),
        agency=d.get("agency", ""),
        place=d.get("place", ""),
        summary=d.get("summary", ""),
        counts=Counts(**d.get("counts", {})),
        sections=tuple(
            ReportSection(s["key"], s.get("heading", ""), tuple(s.get("paragraphs", ())), int(s.get("level", 0)))
            for s in d.get("sections", ())
        ),
        target_lines=tuple(TargetLine(**x) for x in d.get("target_lines", ())),
        appendix_title=d.get("appendix_title", ""),
        rows=tuple(ResultRow(**x) for x in d.get("rows", ())),
        signer=Signer(**d.get("signer", {})),
        recipients=tuple(d.get("recipients", ())),
        number=d.get("number", ""),
        symbol=d.get("symbol", REPORT_SYMBOL),
        date=DocDate(*dt) if dt else None,
        id=report_id,
    )
