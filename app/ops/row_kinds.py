"""The kinds of ordered rows (tasks, sections, targets) and the Changes an edit of them returns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app import limits
from app.model import Plan, Section, Target, Task, iter_sections, iter_tasks
from app.ops.changes import Changes, Part
from app.records import Location
from app.workspace import Workspace

MAX_TASK_DEPTH = limits.TASK_DEPTH
MAX_SECTION_DEPTH = limits.SECTION_DEPTH
Item = Task | Section | Target


@dataclass(frozen=True)
class RowKind:
    """One kind of ordered row, as the operations see it."""

    name: str  # "tasks" | "sections" | "targets" (also the workspace's id map)
    part: Part
    noun: str  # for undo texts and messages
    tree: bool
    max_depth: int

    def storage(self, ws: Workspace):
        return {"tasks": ws.db.TASKS, "sections": ws.db.SECTIONS, "targets": ws.db.TARGETS}[self.name]

    def find(self, plan: Plan, row_id: int) -> Item | None:
        for item in self.walk_plan(plan):
            if item.id == row_id:
                return item
        return None

    def walk_plan(self, plan: Plan) -> Iterator[Item]:
        if self.name == "tasks":
            for a in plan.appendices:
                yield from iter_tasks(a.tasks)
        elif self.name == "sections":
            yield from (s for _, s in iter_sections(plan.sections))
        else:
            yield from plan.targets

    def walk(self, item: Item) -> Iterator[Item]:
        """The item and its descendants, depth first."""
        yield item
        for child in getattr(item, "subtasks", ()) or getattr(item, "sections", ()):
            yield from self.walk(child)


TASKS = RowKind("tasks", Part.TASKS, "nhiệm vụ", True, MAX_TASK_DEPTH)
SECTIONS = RowKind("sections", Part.SECTIONS, "mục", True, MAX_SECTION_DEPTH)
TARGETS = RowKind("targets", Part.TARGETS, "chỉ tiêu", False, 1)
KINDS = {k.name: k for k in (TASKS, SECTIONS, TARGETS)}


def row_changes(
    ws: Workspace,
    kind: RowKind,
    loc: Location,
    ids,
    label: str,
    fields=(),
    undo=None,
    created=None,
    tables=(),
    parts: Iterable[Part] = (),
):
    ws.forget(loc.plan_id)
    appendices = {loc.scope[0], *tables} if kind is TASKS else set()
    return Changes.of(
        loc.plan_id,
        kind.part,
        *parts,
        ids=ids,
        appendix_ids=appendices,
        fields=fields,
        label=label,
        undo=undo,
        created=created,
    )


def snapshot(ws: Workspace, kind: RowKind, row_id: int) -> Item | None:
    """The row as stored now, with its children (a task from its appendix alone)."""
    if kind is TASKS:
        return ws.db.load_task(row_id)
    loc = ws.db.locate(kind.storage(ws), row_id)
    return kind.find(ws.plan(loc.plan_id), row_id)
