"""What the window's self-assessment page shows: the assessments of a plan, and every criterion
with its points, self-score, evidence and linked tasks, filtered as the officer asks."""

from __future__ import annotations

from dataclasses import dataclass

from app.index import assess
from app.index.model import EVIDENCE, SURVEY, TARGET, TASK
from app.index.report import ScoreRow, build_rows
from app.index.scoring import totals
from app.index.sets import sample_set_id
from app.workspace import Workspace

ALL, UNSCORED, NO_EVIDENCE = "all", "unscored", "no_evidence"
FILTERS = {ALL: "Tất cả tiêu chí", UNSCORED: "Chưa chấm", NO_EVIDENCE: "Thiếu tài liệu kiểm chứng"}


@dataclass(frozen=True)
class LinkItem:
    """One thing under a criterion in the window's list: a linked task or target, a task's
    evidence file linked ("evidence", the evidence id), or the criterion's own file ("file",
    its id)."""

    kind: str  # "task", "target", "evidence", "file"
    ref: int
    label: str
    path: str = ""  # the stored copy, for a file


@dataclass(frozen=True)
class CriterionLine:
    row: ScoreRow
    leaf: bool
    tasks: tuple[tuple[int, str], ...]  # (task id, content) of the linked tasks still in the plan
    files: tuple[tuple[str, str], ...]  # (file name, path) of its evidence
    items: tuple[LinkItem, ...] = ()  # tasks, targets and files, as the window lists them


@dataclass(frozen=True)
class PageData:
    assessment_id: int
    set_name: str
    year: int
    total: str  # "12,5/100"
    lines: tuple[CriterionLine, ...]
    set_id: int = 0


def plan_assessments(ws: Workspace, plan_id: int) -> list[tuple[int, int]]:
    """(assessment id, year) of the plan's assessments, newest first."""
    return sorted(((a, y) for a, _s, p, y in ws.db.list_assessments() if p == plan_id), key=lambda x: (-x[1], -x[0]))


def set_choices(ws: Workspace) -> list[tuple[int, str]]:
    """(set id, how the officer reads it) of every criteria set kept, the newest first."""
    from app.index.model import format_points

    return [
        (set_id, f"{name} — {n} tiêu chí, tối đa {format_points(total)} điểm")
        for set_id, name, total, _source, n in reversed(ws.db.list_index_sets())
    ]


def start_for_plan(ws: Workspace, plan_id: int, set_id: int | None = None) -> int:
    """A new assessment of the plan's year against `set_id` (None: the newest set, the sample when
    there is none), with the proposed scores taken."""
    if set_id is None:
        sets = ws.db.list_index_sets()
        set_id = sets[-1][0] if sets else sample_set_id(ws)
    with ws.atomic():
        aid = assess.start(ws, set_id, ws.plan(plan_id).year, plan_id)
        assess.apply_proposals(ws, aid)
    return aid


def page_data(ws: Workspace, assessment_id: int) -> PageData:
    from app.index.model import format_points

    a, cs = assess.load(ws, assessment_id)
    files = assess.evidence_files(ws, a)
    plan = ws.plan(a.plan_id) if a.plan_id is not None else None
    contents = {t.id: t.content for ap in plan.appendices for t in _all_tasks(ap.tasks)} if plan else {}
    targets = {t.id: t.content for t in plan.targets} if plan else {}
    leaves = {c.number for c in cs.leaves()}
    lines = []
    for row in build_rows(cs, a, files):
        linked = tuple((k.ref, contents[k.ref]) for k in a.links_of(row.number, TASK) if k.ref in contents)
        own = tuple((f.name, str(f.path)) for f in files if f.number == row.number)
        items = _items(a, row.number, contents, targets, files)
        lines.append(CriterionLine(row, row.number in leaves, linked, own, items))
    total = f"{format_points(totals(cs, a)[''])}/{format_points(cs.total)}"
    return PageData(assessment_id, cs.name, a.year, total, tuple(lines), a.set_id)


def _items(a, number: str, contents: dict, targets: dict, files: list[assess.EvidenceFile]) -> tuple[LinkItem, ...]:
    out = [
        LinkItem(TASK, k.ref, f"Nhiệm vụ: {_line(contents[k.ref])}")
        for k in a.links_of(number, TASK)
        if k.ref in contents
    ]
    out += [
        LinkItem(TARGET, k.ref, f"Chỉ tiêu: {_line(targets[k.ref])}")
        for k in a.links_of(number, TARGET)
        if k.ref in targets
    ]
    for f in files:
        if f.number == number:
            kind = EVIDENCE if f.origin == "task" else "file"
            note = " (của nhiệm vụ)" if kind == EVIDENCE else ""
            out.append(LinkItem(kind, f.ref, f"Tệp: {f.name}{note}", str(f.path)))
    return tuple(out)


def _line(text: str) -> str:
    return " ".join(text.split())


def _all_tasks(tasks):
    for t in tasks:
        yield t
        yield from _all_tasks(t.subtasks)


def shown(lines: tuple[CriterionLine, ...], what: str) -> list[CriterionLine]:
    """The lines a filter keeps: matching criteria and the areas and criteria above them."""
    if what == ALL:
        return list(lines)
    keep = {
        x.row.number
        for x in lines
        if x.leaf
        and x.row.part != SURVEY  # scored by the province from its survey, not by the ward
        and ((what == UNSCORED and x.row.score is None) or (what == NO_EVIDENCE and not x.files))
    }
    parents = {n.rsplit(".", i)[0] for n in keep for i in range(1, n.count(".") + 1)}
    return [x for x in lines if x.row.number in keep | parents]
