"""Carry-forward gets the comparison for free: an appendix "what changed from last year's plan"
(Nội dung năm trước / Nội dung năm nay / Ghi chú), built from the structured comparison
(app/versions/diff.py) as the amendment plan's comparison table is (app/versions/amend.py).

Last year's plan is the one this plan was carried forward from (origin "carried:<id>"): as it
was issued (its newest issued version) when it has one, else as it is now. A year moving on
("Quý I/2026" -> "Quý I/2027", "năm 2026" -> "năm 2027") is what carry-forward does, not a change:
tasks are matched with last year's years moved on, and a cell whose only difference is the year
is not listed. The texts shown are last year's own. The appendix is an ordinary task table of
the plan, made again (in its place) each time it is asked for.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from app.carry_forward import LAST_YEAR_HEADERS, is_last_year_comparison, shift_years
from app.errors import InvalidInput, InvalidPlanFile, NotFound
from app.model import Appendix, Plan, Task, iter_tasks
from app.ops import appendices
from app.ops.changes import Changes, Part
from app.text_walk import map_texts
from app.versions import ISSUED, list_versions, load_version
from app.versions.diff import ADDED, CHANGED, MOVED, REMOVED, Change, compare
from app.workspace import Workspace

HEADERS = LAST_YEAR_HEADERS
LABEL = "Phụ lục so sánh với kế hoạch năm trước"
_KINDS = ("legal_basis", "section", "paragraph", "target")  # besides tasks; not the header or recipients
_NOTE = {ADDED: "Bổ sung", REMOVED: "Không tiếp tục", CHANGED: "Điều chỉnh", MOVED: "Chuyển"}
NOTHING_CHANGED = "Không có nội dung thay đổi so với Kế hoạch năm trước, ngoài năm thực hiện."
# What a side without the item says (a table cell is never left empty: the check would flag it).
NONE_BEFORE, NONE_NOW, SAME = "Chưa có", "Không tiếp tục thực hiện", "Giữ nguyên"


def _shifted(plan: Plan, year: int):
    return lambda text: shift_years(text, plan.year, year, plan.period)


def _row(c: Change, old: str, new: str) -> Task:
    old, new = old or NONE_BEFORE, new or NONE_NOW
    place = c.new_at if c.action == ADDED else c.old_at
    if c.action == MOVED:
        place = f"{c.old_at} thành {c.new_at}"
    return Task(content=old, product=new, note=f"{_NOTE[c.action]} {place}".strip())


def _text_rows(old: Plan, new: Plan) -> list[Task]:
    """Legal bases, sections, paragraphs and targets: compared as written, a cell whose only
    change is the year moving on left out."""
    shift = _shifted(old, new.year)
    out = []
    for c in compare(old, new).changes:
        if c.kind not in _KINDS:
            continue
        if c.action in (ADDED, REMOVED):
            out.append(_row(c, c.text if c.action == REMOVED else "", c.text if c.action == ADDED else ""))
            continue
        cells = [x for x in c.cells if shift(x.old) != x.new]
        if cells:
            out.append(_row(c, "\n".join(x.old for x in cells), "\n".join(x.new for x in cells)))
    return out


def _task_rows(old: Plan, new: Plan) -> list[Task]:
    """Tasks matched against last year's with its years moved on (so a task whose only change is
    the year is the same task, unchanged), shown with last year's own texts."""
    shifted = map_texts(old, _shifted(old, new.year))
    own = {t.id: t for a in old.appendices for t in iter_tasks(a.tasks) if t.id is not None}
    out = []
    for c in compare(shifted, new).of_kind("task"):
        was = own.get(c.old_item.id) if c.old_item is not None else None
        if c.action == ADDED:
            out.append(_row(c, "", c.text))
        elif c.action == REMOVED:
            out.append(_row(c, was.content if was else c.text, ""))
        else:
            olds = [f"{x.name}: {getattr(was, x.field) if was else x.old}" for x in c.cells]
            news = [f"{x.name}: {x.new}" for x in c.cells]
            out.append(_row(c, "\n".join(olds), "\n".join(news)))
    return out


def _numbered(plan: Plan) -> Plan:
    """A plan whose tasks carry ids (a version or a plan read without them gets positions)."""
    if all(t.id is not None for a in plan.appendices for t in iter_tasks(a.tasks)):
        return plan
    ids = iter(range(-1, -1_000_000, -1))  # never a row id

    def one(t: Task) -> Task:
        return replace(t, id=next(ids), subtasks=tuple(one(s) for s in t.subtasks))

    return replace(plan, appendices=tuple(replace(a, tasks=tuple(one(t) for t in a.tasks)) for a in plan.appendices))


def comparison_appendix(last_year: Plan, this_year: Plan) -> Appendix:
    """The appendix: one row per change from last year's plan to this year's."""
    old = _numbered(last_year)
    rows = _text_rows(old, this_year) + _task_rows(old, this_year)
    return Appendix(
        kind="tasks",
        title=f"SO SÁNH NỘI DUNG KẾ HOẠCH NĂM {this_year.year} VỚI KẾ HOẠCH NĂM {last_year.year}",
        columns=tuple(k for k, _ in HEADERS),
        headers=HEADERS,
        tasks=tuple(rows) or (Task(content=NOTHING_CHANGED, product=SAME),),
    )


is_comparison = is_last_year_comparison


def last_year_plan(ws: Workspace, plan_id: int) -> Plan:
    """The plan this one was carried forward from, as issued when it was (its newest issued version)."""
    origin = next((p.origin for p in ws.db.list_plans() if p.id == plan_id), None)
    if origin is None:
        raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")
    source = int(origin.split(":", 1)[1]) if origin.startswith("carried:") else None
    if source is None or not ws.db.plan_exists(source):
        raise InvalidInput(
            "Kế hoạch này không được tạo từ kế hoạch năm trước (hoặc kế hoạch năm trước đã bị xóa); "
            "không có gì để so sánh."
        )
    for v in reversed(list_versions(ws, source)):
        if v.kind == ISSUED:
            try:
                return load_version(ws, source, v.id)
            except InvalidPlanFile:
                break  # a damaged version: compare with the plan as it is
    return ws.plan(source)


def add_last_year_comparison(ws: Workspace, plan_id: int) -> Changes:
    """Add the comparison appendix at the end of the plan, or make it again where it is; one undo
    step (its undo takes it out, or puts the previous one back)."""
    plan = ws.plan(plan_id)
    table = comparison_appendix(last_year_plan(ws, plan_id), _without_comparison(plan))
    old = next(((i, a) for i, a in enumerate(plan.appendices) if is_comparison(a)), None)
    with ws.atomic():
        removed = appendices.delete(ws, old[1].id, backup=False) if old and old[1].id is not None else None
        added = appendices.add(ws, plan_id, table, old[0] if old else None, label=LABEL)
    assert added.created is not None
    undo = partial(_undo, plan_id=plan_id, added=added, removed=removed)
    return Changes.of(plan_id, Part.APPENDICES, Part.TASKS, appendix_ids=(added.created,), label=LABEL, undo=undo)


def _without_comparison(plan: Plan) -> Plan:
    return replace(plan, appendices=tuple(a for a in plan.appendices if not is_comparison(a)))


def _undo(ws: Workspace, plan_id: int, added: Changes, removed: Changes | None) -> Changes:
    assert added.undo is not None
    with ws.atomic():
        added.undo(ws)
        if removed is not None and removed.undo is not None:
            removed.undo(ws)
    redo = partial(add_last_year_comparison, plan_id=plan_id)
    return Changes.of(plan_id, Part.APPENDICES, Part.TASKS, label=LABEL, undo=redo)
