"""Import the upper level's appendix table into a plan's task appendix, in one transaction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.errors import InvalidInput
from app.importing import ImportResult, read_file
from app.model import Appendix, Plan, Task
from app.usecases.editing import add_task
from storage import plans as plans_store
from storage.db import Store


def _count(task: Task) -> int:
    return sum(1 + _count(s) for s in task.subtasks)


def _targets(plan: Plan, appendix_index: int | None) -> tuple[Appendix, dict[str, Appendix]]:
    """The default appendix and, for a plan with one appendix per area, the appendix of each area."""
    if appendix_index is not None:
        if not 0 <= appendix_index < len(plan.appendices):
            raise InvalidInput(
                f"Kế hoạch chỉ có {len(plan.appendices)} phụ lục; không có phụ lục số {appendix_index + 1}."
            )
        chosen = plan.appendices[appendix_index]
        if chosen.kind != "tasks":
            raise InvalidInput(f"Phụ lục số {appendix_index + 1} là bảng chỉ tiêu; hãy chọn một bảng nhiệm vụ.")
        return chosen, {}
    tasks = [a for a in plan.appendices if a.kind == "tasks"]
    if not tasks:
        raise InvalidInput("Kế hoạch chưa có phụ lục nhiệm vụ nào; hãy thêm một phụ lục nhiệm vụ rồi nhập lại.")
    by_area: dict[str, Appendix] = {}
    for a in tasks:
        if a.area and a.area not in by_area:
            by_area[a.area] = a
    return tasks[0], by_area


def import_result(
    store: Store, plan_id: int, result: ImportResult, appendix_index: int | None = None, rows=None
) -> tuple[int, int]:
    """Add the chosen rows of an already read table (the dialog's result, with the user's ticks,
    areas and mapping). `rows` (positions in result.rows) overrides the ticks.
    Returns (tasks added, sub-tasks added)."""
    plan = plans_store.load_plan(store, plan_id)
    default, by_area = _targets(plan, appendix_index)
    selected = result.selected(rows)
    if not selected:
        raise InvalidInput("Không có nhiệm vụ nào được chọn để nhập.")
    plan_ = [(by_area.get(area, default), area, task) for area, task in selected]
    tasks_added = subtasks_added = 0
    with store.atomic():
        for appendix, area, task in plan_:
            keep = area if appendix.group_by_area else ""

            def with_area(t: Task, keep=keep) -> Task:
                return replace(t, area=keep, subtasks=tuple(with_area(s) for s in t.subtasks))

            assert appendix.id is not None
            add_task(store, appendix.id, with_area(task))
            tasks_added += 1
            subtasks_added += _count(task)
    return tasks_added, subtasks_added


def import_table(
    store: Store,
    plan_id: int,
    path: Path | str,
    table_index: int | None = None,
    appendix_index: int | None = None,
    rows=None,
    mapping: dict | None = None,
    year_shift: int = 0,
) -> tuple[int, int]:
    """Read table `table_index` (0-based; None = the first task table) of a .docx/.xlsx and add its
    tasks to appendix `appendix_index` (0-based among the plan's appendices; None = the first task
    appendix, or for a plan with one appendix per area, each task to the appendix of its area).
    Years move on by `year_shift` (from the plan's year minus the shift). One transaction."""
    plan = plans_store.load_plan(store, plan_id)
    result = read_file(
        path, table_index=table_index, mapping=mapping, year_shift=year_shift, source_year=plan.year - year_shift
    )
    return import_result(store, plan_id, result, appendix_index, rows)
