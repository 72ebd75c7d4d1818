"""The self-assessment edited from the window: scores, links to the plan's tasks, targets and
evidence, the criterion's own files. Each is one transaction and one undo step.

A file added for a criterion is copied into the data folder once: when the same content is
already attached to one of the plan's tasks it is linked instead, and the same content twice on
one criterion is refused. Removing a file takes it off the criterion; the copy stays, so an undo
puts it back without copying again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path

from app.errors import InvalidInput
from app.index import assess
from app.index.model import EVIDENCE, TARGET, TASK, CriteriaSet, CriterionFile, Link, Score
from app.index.sets import save_set
from app.ops.changes import NOTHING, Changes, Part
from app.workspace import Workspace


def _changes(ws: Workspace, assessment_id: int, label: str, undo) -> Changes:
    plan_id = ws.db.get_assessment(assessment_id).plan_id
    return Changes.of(plan_id, Part.INDEX, ids=(assessment_id,), label=label, undo=undo)


# ---------------------------------------------------------------- scores
def score(
    ws: Workspace, assessment_id: int, number: str, value: Decimal | None, explanation: str | None = None
) -> Changes:
    """The self-score and explanation of one criterion (checked as assess.set_score does)."""
    before = ws.db.get_assessment(assessment_id).score_of(number)
    assess.set_score(ws, assessment_id, number, value, explanation)
    undo = partial(_put_scores, assessment_id=assessment_id, scores=(before,), label=f"Chấm tiêu chí {number}")
    return _changes(ws, assessment_id, f"Chấm tiêu chí {number}", undo)


def _put_scores(ws: Workspace, assessment_id: int, scores: tuple[Score, ...], label: str) -> Changes:
    """Put scores back as they were (an undo or a redo); its undo puts back what it replaced."""
    a = ws.db.get_assessment(assessment_id)
    replaced = tuple(a.score_of(s.number) for s in scores)
    with ws.atomic():
        for s in scores:
            ws.db.put_index_score(assessment_id, s)
    undo = partial(_put_scores, assessment_id=assessment_id, scores=replaced, label=label)
    return _changes(ws, assessment_id, label, undo)


def take_proposals(ws: Workspace, assessment_id: int) -> Changes:
    """Take the proposed scores of the criteria not yet scored (one undo step)."""
    before = ws.db.get_assessment(assessment_id)
    taken = assess.apply_proposals(ws, assessment_id)
    label = f"Lấy {len(taken)} điểm đề xuất"
    old = tuple(before.score_of(p.number) for p in taken)
    undo = partial(_put_scores, assessment_id=assessment_id, scores=old, label=label) if taken else None
    return _changes(ws, assessment_id, label, undo)


# ---------------------------------------------------------------- links
@dataclass(frozen=True)
class Candidate:
    """Something of the plan a criterion can be linked to, as the picker lists it."""

    kind: str  # TASK, TARGET, EVIDENCE
    ref: int
    label: str  # "Nhiệm vụ: …", "Chỉ tiêu: …", "Tệp: Kế hoạch số 05.pdf (nhiệm vụ: …)"
    linked: bool


def candidates(ws: Workspace, assessment_id: int, number: str) -> list[Candidate]:
    """The plan's tasks, targets and the evidence files attached to its tasks, each marked when
    already linked to the criterion; empty when the assessment has no plan."""
    a = ws.db.get_assessment(assessment_id)
    if a.plan_id is None:
        return []
    linked = {(k.kind, k.ref) for k in a.links_of(number)}
    plan = ws.plan(a.plan_id)
    out: list[Candidate] = []
    contents: dict[int, str] = {}
    for ap in plan.appendices:
        for t in _all_tasks(ap.tasks):
            assert t.id is not None
            contents[t.id] = _one_line(t.content)
            out.append(Candidate(TASK, t.id, f"Nhiệm vụ: {contents[t.id]}", (TASK, t.id) in linked))
    for t in plan.targets:
        assert t.id is not None
        out.append(Candidate(TARGET, t.id, f"Chỉ tiêu: {_one_line(t.content)}", (TARGET, t.id) in linked))
    for ev in ws.db.list_evidence(a.plan_id):
        task = contents.get(ev.task_id or 0, "")
        label = f"Tệp: {ev.file_name}" + (f" (nhiệm vụ: {task})" if task else "")
        out.append(Candidate(EVIDENCE, ev.id, label, (EVIDENCE, ev.id) in linked))
    return out


def set_links(ws: Workspace, assessment_id: int, number: str, wanted: frozenset[tuple[str, int]]) -> Changes:
    """Link the criterion to exactly `wanted` ((kind, ref) of tasks, targets, evidence); a task
    newly linked brings its evidence files with it. One undo step."""
    a = ws.db.get_assessment(assessment_id)
    had = {(k.kind, k.ref) for k in a.links_of(number)}
    with ws.atomic():
        for kind, ref in sorted(wanted - had):
            assess.link(ws, assessment_id, number, kind, ref)
        for kind, ref in sorted(had - wanted):
            ws.db.remove_index_link(assessment_id, Link(number, kind, ref))
    now = {(k.kind, k.ref) for k in ws.db.get_assessment(assessment_id).links_of(number)}
    added, removed = now - had, had - now
    if not added and not removed:
        return NOTHING
    label = f"Sửa liên kết của tiêu chí {number}"
    undo = partial(_swap_links, assessment_id=assessment_id, number=number, add=removed, remove=added, label=label)
    return _changes(ws, assessment_id, label, undo)


def unlink(ws: Workspace, assessment_id: int, number: str, kind: str, ref: int) -> Changes:
    """Take one task, target or evidence file off the criterion (the file itself stays)."""
    if (kind, ref) not in {(k.kind, k.ref) for k in ws.db.get_assessment(assessment_id).links_of(number)}:
        raise InvalidInput(f"Tiêu chí {number} không còn liên kết này; có thể nó đã được gỡ.")
    label = "Gỡ tài liệu kiểm chứng" if kind == EVIDENCE else f"Gỡ liên kết của tiêu chí {number}"
    return _swap_links(ws, assessment_id, number, frozenset(), frozenset({(kind, ref)}), label)


def _swap_links(
    ws: Workspace, assessment_id: int, number: str, add: frozenset | set, remove: frozenset | set, label: str
) -> Changes:
    with ws.atomic():
        for kind, ref in add:
            ws.db.add_index_link(assessment_id, Link(number, kind, ref))
        for kind, ref in remove:
            ws.db.remove_index_link(assessment_id, Link(number, kind, ref))
    undo = partial(_swap_links, assessment_id=assessment_id, number=number, add=remove, remove=add, label=label)
    return _changes(ws, assessment_id, label, undo)


# ---------------------------------------------------------------- the criterion's own files
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""  # the copy reports why it cannot read the file
    return digest.hexdigest()


def add_file(ws: Workspace, assessment_id: int, number: str, source: Path | str) -> Changes:
    """A new evidence file for the criterion: copied once into the data folder, or linked when the
    plan already holds the same content as a task's evidence."""
    source = Path(source)
    a, cs = assess.load(ws, assessment_id)
    assess._leaf(cs, number)
    sha = _sha256(source)
    if sha and any(f.sha256 == sha for f in a.files_of(number)):
        raise InvalidInput(f"Tệp «{source.name}» đã có trong tài liệu kiểm chứng của tiêu chí {number}.")
    if sha and a.plan_id is not None:
        same = next((ev for ev in ws.db.list_evidence(a.plan_id) if ev.sha256 == sha), None)
        if same is not None:
            if (EVIDENCE, same.id) in {(k.kind, k.ref) for k in a.links_of(number)}:
                raise InvalidInput(f"Tệp «{source.name}» đã có trong tài liệu kiểm chứng của tiêu chí {number}.")
            label = f"Liên kết tệp «{same.file_name}» đã có của nhiệm vụ"
            return _swap_links(ws, assessment_id, number, {(EVIDENCE, same.id)}, set(), label)
    f = ws.db.add_index_file(ws.paths.folder, assessment_id, number, source)
    label = f"Thêm tài liệu kiểm chứng «{f.file_name}»"
    return _changes(ws, assessment_id, label, partial(remove_file, assessment_id=assessment_id, file_id=f.id))


def remove_file(ws: Workspace, assessment_id: int, file_id: int) -> Changes:
    """Take a criterion's own file off it (the copy stays in the data folder for an undo)."""
    f = ws.db.remove_index_file(assessment_id, file_id)
    label = f"Gỡ tài liệu kiểm chứng «{f.file_name}»"
    return _changes(ws, assessment_id, label, partial(_restore_file, assessment_id=assessment_id, f=f))


def _restore_file(ws: Workspace, assessment_id: int, f: CriterionFile) -> Changes:
    ws.db.restore_index_file(assessment_id, f)
    label = f"Thêm tài liệu kiểm chứng «{f.file_name}»"
    return _changes(ws, assessment_id, label, partial(remove_file, assessment_id=assessment_id, file_id=f.id))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _all_tasks(tasks):
    for t in tasks:
        yield t
        yield from _all_tasks(t.subtasks)


# ---------------------------------------------------------------- criteria sets
def import_set(ws: Workspace, plan_id: int | None, cs: CriteriaSet) -> Changes:
    """Store a criteria set read from a file (checked whole first); undo deletes it again while no
    assessment uses it. `plan_id`: the plan on screen, whose undo stack takes the step."""
    set_id = save_set(ws, cs)
    label = f"Nhập bộ tiêu chí «{cs.name}»"
    return Changes.of(
        plan_id, Part.INDEX, label=label, created=set_id, undo=partial(_delete_set, plan_id=plan_id, set_id=set_id)
    )


def _delete_set(ws: Workspace, plan_id: int | None, set_id: int) -> Changes:
    cs = ws.db.load_index_set(set_id)
    ws.db.delete_index_set(set_id)
    cs.id = None
    return Changes.of(
        plan_id, Part.INDEX, label=f"Nhập bộ tiêu chí «{cs.name}»", undo=partial(import_set, plan_id=plan_id, cs=cs)
    )
