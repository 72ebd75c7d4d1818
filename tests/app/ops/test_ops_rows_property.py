"""Random sequences of row edits (tasks of two tables, sections, targets) and of their tracking
data, then every undo in reverse order gives the plan back exactly, with its task records and
target results, and every redo in order gives the edited plan again."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ops_helpers import content, rich_plan

from app.errors import InvalidInput
from app.model import Section, Target, Task, iter_sections, iter_tasks
from app.ops import rows, targets, tracking
from app.tracking.status import TaskTracking
from app.workspace import open_workspace

VERBS = ("set", "insert", "remove", "up", "down", "indent", "outdent", "move", "track")
KINDS = ("tasks0", "tasks1", "sections", "targets")

steps = st.lists(
    st.tuples(st.sampled_from(KINDS), st.sampled_from(VERBS), st.integers(0, 40), st.integers(0, 40)),
    min_size=1,
    max_size=20,
)
_files = itertools.count()


def _rows_of(plan, kind):
    if kind == "tasks0":
        return [t for t in iter_tasks(plan.appendices[0].tasks)]
    if kind == "tasks1":
        return [t for t in iter_tasks(plan.appendices[1].tasks)]
    if kind == "sections":
        return [s for _, s in iter_sections(plan.sections)]
    return list(plan.targets)


def _new_item(kind, n):
    if kind.startswith("tasks"):
        return Task(content=f"Mới {n}", subtasks=(Task(content=f"Con {n}"),) if n % 2 else ())
    if kind == "sections":
        return Section(f"Mục {n}", paragraphs=(f"Đoạn {n}",))
    return Target(content=f"Chỉ tiêu {n}")


def state(ws, plan_id):
    """The plan without ids, and the tracking data by row id (rows put back keep their ids)."""
    return (
        content(ws, plan_id),
        ws.db.get_records(plan_id),
        ws.db.get_measures(plan_id),
        ws.db.get_target_values(plan_id, "6m"),
    )


def _apply(ws, plan_id, kind, verb, a, b):
    plan = ws.plan(plan_id)
    row_kind = rows.TASKS if kind.startswith("tasks") else rows.SECTIONS if kind == "sections" else rows.TARGETS
    scope = plan.appendices[int(kind[-1])].id if kind.startswith("tasks") else plan_id
    found = _rows_of(plan, kind)
    if verb == "insert" or not found:
        parent = found[b % len(found)].id if found and row_kind.tree and b % 3 == 0 else None
        return rows.insert(ws, row_kind, scope, [_new_item(kind, a)], parent, a % 5)
    row = found[a % len(found)]
    if verb == "track" and kind.startswith("tasks"):
        return tracking.set_result(ws, row.id, f"kết quả {b}")
    if verb == "track" and kind == "targets":
        return targets.set_result(ws, row.id, "6m", b)
    if verb in ("set", "track"):
        field = "note" if kind != "sections" else "heading"
        return rows.set_fields(ws, row_kind, row.id, **{field: f"sửa {b}"})
    if verb == "remove":
        return rows.remove(ws, row_kind, [row.id] + ([found[b % len(found)].id] if b % 2 else []))
    if verb in ("up", "down"):
        return rows.move_by(ws, row_kind, row.id, -1 if verb == "up" else +1)
    if verb == "indent":
        return rows.indent(ws, row_kind, row.id)
    if verb == "outdent":
        return rows.outdent(ws, row_kind, row.id)
    parent = found[b % len(found)].id if row_kind.tree and b % 2 else None
    return rows.move_to(ws, row_kind, row.id, parent, b % 4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_undo_all_gives_the_plan_back_and_redo_all_the_edited_one(tmp_path, sequence):
    ws = open_workspace(tmp_path / f"k{next(_files)}.db")
    try:
        plan_id = ws.db.insert_plan(rich_plan())
        original = state(ws, plan_id)
        done = []
        for kind, verb, a, b in sequence:
            try:
                changes = _apply(ws, plan_id, kind, verb, a, b)
            except InvalidInput:  # depth limits, self-moves: refused, nothing changed
                continue
            if not changes.empty:
                assert changes.undo is not None and changes.plan_id == plan_id
                done.append(changes)
            content(ws, plan_id)  # the cached plan is the stored one after every step
        edited = state(ws, plan_id)
        redo = [changes.undo(ws) for changes in reversed(done)]
        assert state(ws, plan_id)[0] == original[0]
        assert state(ws, plan_id)[2:] == original[2:]
        # a record written back by an undo is the empty record where there was none
        assert {k: v for k, v in state(ws, plan_id)[1].items() if v != TaskTracking(k)} == original[1]
        for step in reversed(redo):
            step.undo(ws)
        assert state(ws, plan_id) == edited
    finally:
        ws.close()
