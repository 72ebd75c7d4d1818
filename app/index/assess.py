"""A year's self-assessment in the open workspace: start it, score criteria, link tasks, targets
and evidence, add files, take the proposed scores, list its evidence and its findings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app import limits
from app.checks.findings import Finding
from app.errors import InvalidInput
from app.index.model import (
    EVIDENCE,
    TARGET,
    TASK,
    Assessment,
    CriteriaSet,
    Criterion,
    Link,
    Score,
    format_points,
)
from app.index.scoring import IndexFinding, Proposal, findings, proposals
from app.text_walk import Place
from app.tracking.tasks import tracked_tasks
from app.vietnamese import clean_text
from app.workspace import Workspace

MIN_YEAR, MAX_YEAR = 2000, 2100


def start(ws: Workspace, set_id: int, year: int, plan_id: int | None = None) -> int:
    """A new, empty assessment of `year` against the set (drawing on the plan when given)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"Năm đánh giá {year} không hợp lệ.")
    return ws.db.insert_assessment(set_id, plan_id, year)


def load(ws: Workspace, assessment_id: int) -> tuple[Assessment, CriteriaSet]:
    a = ws.db.get_assessment(assessment_id)
    return a, ws.db.load_index_set(a.set_id)


def _leaf(cs: CriteriaSet, number: str) -> Criterion:
    c = cs.find(number)
    if c is None:
        raise InvalidInput(f"Bộ tiêu chí không có tiêu chí số {number}.")
    if cs.children(number):
        raise InvalidInput(f"Tiêu chí {number} được tính từ các tiêu chí thành phần; hãy chấm các tiêu chí đó.")
    return c


def set_score(
    ws: Workspace, assessment_id: int, number: str, score: Decimal | None, explanation: str | None = None
) -> None:
    """The self-score (None: not scored) and, when given, the explanation of one criterion."""
    a, cs = load(ws, assessment_id)
    c = _leaf(cs, number)
    if score is not None and score < 0:
        raise InvalidInput(f"Điểm tự chấm của tiêu chí {number} không thể âm.")
    if score is not None and score > c.max_points:
        raise InvalidInput(
            f"Điểm tự chấm {format_points(score)} của tiêu chí {number} vượt điểm tối đa {format_points(c.max_points)}."
        )
    text = a.score_of(number).explanation if explanation is None else clean_text(explanation).strip()
    if len(text) > limits.CELL_CHARS:
        raise InvalidInput(
            f"Giải trình của tiêu chí {number} dài quá {limits.number(limits.CELL_CHARS)} ký tự; hãy rút gọn."
        )
    ws.db.put_index_score(assessment_id, Score(number, score, text))


def link(ws: Workspace, assessment_id: int, number: str, kind: str, ref: int) -> None:
    """Link a criterion to a task or target of the assessment's plan, or to evidence attached to
    one of its tasks (linked, never copied). Linking a task links its evidence too."""
    a, cs = load(ws, assessment_id)
    _leaf(cs, number)
    if a.plan_id is None:
        raise InvalidInput("Bản tự đánh giá này không gắn với kế hoạch nào nên không liên kết được.")
    tasks, targets = ws.db.plan_task_target_ids(a.plan_id)
    if kind == EVIDENCE:
        ev = ws.db.get_evidence(ref)
        if ev.plan_id != a.plan_id:
            raise InvalidInput("Tài liệu này không thuộc kế hoạch của bản tự đánh giá.")
    elif ref not in (tasks if kind == TASK else targets if kind == TARGET else ()):
        raise InvalidInput("Nhiệm vụ hoặc chỉ tiêu này không thuộc kế hoạch của bản tự đánh giá.")
    with ws.atomic():
        ws.db.add_index_link(assessment_id, Link(number, kind, ref))
        if kind == TASK:
            for ev in ws.db.list_evidence(a.plan_id, ref):
                ws.db.add_index_link(assessment_id, Link(number, EVIDENCE, ev.id))


def add_file(ws: Workspace, assessment_id: int, number: str, source: Path | str) -> None:
    """A new file for one criterion, copied into the data folder once."""
    _, cs = load(ws, assessment_id)
    _leaf(cs, number)
    ws.db.add_index_file(ws.paths.folder, assessment_id, number, Path(source))


def propose(ws: Workspace, assessment_id: int) -> list[Proposal]:
    a, cs = load(ws, assessment_id)
    if a.plan_id is None:
        return []
    plan = ws.plan(a.plan_id)
    tasks = {t.id: t for t in tracked_tasks(plan, ws.db.get_records(a.plan_id))}
    return proposals(cs, a, tasks)


def apply_proposals(ws: Workspace, assessment_id: int, overwrite: bool = False) -> list[Proposal]:
    """Take the proposed scores of criteria not yet scored (all when `overwrite`), the reason as
    the explanation when there is none; one transaction. Returns the proposals taken."""
    a, _ = load(ws, assessment_id)
    taken = []
    with ws.atomic():
        for p in propose(ws, assessment_id):
            s = a.score_of(p.number)
            if s.score is None or overwrite:
                ws.db.put_index_score(assessment_id, Score(p.number, p.points, s.explanation or p.reason))
                taken.append(p)
    return taken


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file of a criterion as the export and the check see it."""

    number: str
    name: str  # the name the officer gave it
    path: Path  # where it is in the data folder
    sha256: str
    origin: str  # "task" (attached to a plan task) or "criterion" (added for this criterion)
    ref: int = 0  # the evidence id ("task") or the criterion file's id ("criterion")


def evidence_files(ws: Workspace, a: Assessment) -> list[EvidenceFile]:
    """Every evidence file of every criterion, in criterion order then as linked."""
    folder = ws.paths.folder
    out = []
    for k in a.links:
        if k.kind == EVIDENCE:
            ev = ws.db.get_evidence(k.ref)
            out.append(EvidenceFile(k.number, ev.file_name, folder / ev.stored_path, ev.sha256, "task", ev.id))
    for f in a.files:
        out.append(EvidenceFile(f.number, f.file_name, folder / f.stored_path, f.sha256, "criterion", f.id))
    return out


def check(ws: Workspace, assessment_id: int) -> list[IndexFinding]:
    a, cs = load(ws, assessment_id)
    files: dict[str, list[tuple[str, bool]]] = {}
    for f in evidence_files(ws, a):
        files.setdefault(f.number, []).append((f.name, f.path.is_file()))
    return findings(cs, a, files)


_LEVELS = {"over_max": "error", "missing_file": "error", "no_evidence": "warning"}


def plan_findings(ws: Workspace, plan_id: int) -> list[Finding]:
    """The check's findings on the plan's self-assessments (over the maximum, scored with neither
    evidence nor explanation, an evidence file gone), each placed at its criterion."""
    out = []
    for aid, _set, p, year in ws.db.list_assessments():
        if p != plan_id:
            continue
        for f in check(ws, aid):
            place = Place("index", aid, f.number, f"Tự đánh giá chỉ số CCHC năm {year}, tiêu chí {f.number}")
            out.append(Finding(_LEVELS.get(f.code, "warning"), f"index-{f.code.replace('_', '-')}", f.message, place))
    return out
