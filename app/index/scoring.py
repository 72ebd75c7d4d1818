"""Scores of an assessment: totals (always computed), proposals from the tracked results where a
criterion's rule and links allow, and the check's findings. Plain functions of domain objects."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.index.model import (
    BONUS,
    ON_TIME,
    PENALTY,
    RATE,
    SURVEY,
    TASK,
    Assessment,
    CriteriaSet,
    Criterion,
    format_points,
)
from app.tracking.status import Status
from app.tracking.tasks import TrackedTask

_TITLE_CHARS = 90


def totals(cs: CriteriaSet, a: Assessment) -> dict[str, Decimal]:
    """Every criterion's self-score total (its scored leaves added; unscored count 0), and "" the
    overall: the scored areas (survey part included), plus the bonus points, less the penalty
    points, never below 0."""
    out: dict[str, Decimal] = {}
    for c in reversed(cs.criteria):
        kids = cs.children(c.number)
        if kids:
            out[c.number] = sum((out[k.number] for k in kids), Decimal(0))
        else:
            out[c.number] = a.score_of(c.number).score or Decimal(0)
    sign = {BONUS: 1, PENALTY: -1}
    overall = sum((out[x.number] * sign.get(x.part, 1) for x in cs.areas()), Decimal(0))
    out[""] = max(overall, Decimal(0))
    return out


@dataclass(frozen=True)
class Proposal:
    number: str
    points: Decimal
    reason: str  # "«Ban hành kế hoạch CCHC năm 2027» hoàn thành ngày 05/01/2027, đúng hạn → 1/1"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TITLE_CHARS else text[: _TITLE_CHARS - 1].rstrip() + "…"


def _day(t: TrackedTask) -> str:
    d = t.record.completed_on
    return d.strftime("%d/%m/%Y") if d else "?"


def _on_time(c: Criterion, tasks: list[TrackedTask]) -> Proposal | None:
    full = zero = format_points(c.max_points)
    for t in tasks:
        if t.record.status == Status.DONE_LATE:
            due = t.due.date.strftime("%d/%m/%Y") if t.due.date else "?"
            reason = f"«{_short(t.task.content)}» hoàn thành ngày {_day(t)}, quá hạn {due} → 0/{zero}"
            return Proposal(c.number, Decimal(0), reason)
        if t.record.status == Status.NOT_DONE:
            return Proposal(c.number, Decimal(0), f"«{_short(t.task.content)}» không thực hiện → 0/{zero}")
    if tasks and all(t.record.status == Status.DONE_ON_TIME for t in tasks):
        parts = "; ".join(f"«{_short(t.task.content)}» hoàn thành ngày {_day(t)}" for t in tasks)
        return Proposal(c.number, c.max_points, f"{parts}, đúng hạn → {full}/{full}")
    return None


def _rate(c: Criterion, tasks: list[TrackedTask]) -> Proposal | None:
    assert c.rule is not None
    if not tasks:
        return None
    done = sum(1 for t in tasks if t.record.status.done)
    percent = (Decimal(done) * 100 / len(tasks)).quantize(Decimal("0.1"))
    points = min(c.rule.points_for_rate(percent), c.max_points)
    shown = format_points(percent.normalize())
    reason = (
        f"{done}/{len(tasks)} nhiệm vụ liên kết đã hoàn thành ({shown}%)"
        f" → {format_points(points)}/{format_points(c.max_points)}"
    )
    return Proposal(c.number, points, reason)


def proposals(cs: CriteriaSet, a: Assessment, tasks: dict[int, TrackedTask]) -> list[Proposal]:
    """A proposed score for each scored criterion whose rule is on-time or a rate band and which is
    linked to plan tasks; a task linked but since deleted is left out."""
    out = []
    for c in cs.leaves():
        if c.rule is None or c.rule.kind not in (ON_TIME, RATE) or cs.part_of(c.number) == SURVEY:
            continue
        linked = [tasks[k.ref] for k in a.links_of(c.number, TASK) if k.ref in tasks]
        leaves = [t for t in linked if t.leaf] or linked
        p = _on_time(c, leaves) if c.rule.kind == ON_TIME else _rate(c, leaves)
        if p is not None:
            out.append(p)
    return out


@dataclass(frozen=True)
class IndexFinding:
    number: str
    code: str  # "over_max", "no_evidence", "missing_file"
    message: str  # one Vietnamese line


def findings(cs: CriteriaSet, a: Assessment, evidence_files: dict[str, list[tuple[str, bool]]]) -> list[IndexFinding]:
    """What the check flags: a score above the maximum, a score with neither evidence nor
    explanation, an evidence file gone from the data folder. `evidence_files`: number ->
    [(file name, exists on disk)] for every evidence file of the criterion."""
    out = []
    for c in cs.leaves():
        s = a.score_of(c.number)
        files = evidence_files.get(c.number, [])
        if s.score is not None and s.score > c.max_points:
            out.append(
                IndexFinding(
                    c.number,
                    "over_max",
                    f"Tiêu chí {c.number}: điểm tự chấm {format_points(s.score)} vượt điểm tối đa"
                    f" {format_points(c.max_points)}.",
                )
            )
        if s.score is not None and not files and not s.explanation.strip() and cs.part_of(c.number) != SURVEY:
            out.append(
                IndexFinding(
                    c.number,
                    "no_evidence",
                    f"Tiêu chí {c.number} đã chấm điểm nhưng chưa có tài liệu kiểm chứng và chưa có giải trình.",
                )
            )
        for name, exists in files:
            if not exists:
                out.append(
                    IndexFinding(
                        c.number,
                        "missing_file",
                        f"Tiêu chí {c.number}: không tìm thấy tệp kiểm chứng «{name}» trong thư mục dữ liệu.",
                    )
                )
    return out
