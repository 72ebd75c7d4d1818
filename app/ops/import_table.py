"""Import the upper level's appendix table into a plan's task appendices: one transaction, one
undo step that takes every added task away again."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from app.errors import InvalidInput
from app.importing import ImportResult, read_file
from app.model import Appendix, Plan, Task
from app.ops import rows
from app.ops.changes import Changes, Part
from app.workspace import Workspace

BACKUP_REASON = "truoc-nhap-bang"


def added_message(tasks: int, subtasks: int) -> str:
    return f"Đã thêm {tasks} nhiệm vụ, {subtasks} nhiệm vụ con."


def _count(task: Task) -> int:
    return sum(1 + _count(s) for s in task.subtasks)


def _targets(plan: Plan, appendix_id: int | None) -> tuple[Appendix, dict[str, Appendix]]:
    """The appendix chosen (or the first task appendix) and, when none is chosen in a plan with
    one appendix per area, the appendix of each area."""
    tasks = [a for a in plan.appendices if a.kind == "tasks"]
    if appendix_id is not None:
        chosen = next((a for a in plan.appendices if a.id == appendix_id), None)
        if chosen is None:
            raise InvalidInput("Không tìm thấy phụ lục được chọn để nhập; có thể nó đã bị xóa.")
        if chosen.kind != "tasks":
            raise InvalidInput("Phụ lục được chọn là bảng chỉ tiêu; hãy chọn một bảng nhiệm vụ.")
        return chosen, {}
    if not tasks:
        raise InvalidInput("Kế hoạch chưa có phụ lục nhiệm vụ nào; hãy thêm một phụ lục nhiệm vụ rồi nhập lại.")
    by_area: dict[str, Appendix] = {}
    for a in tasks:
        if a.area and a.area not in by_area:
            by_area[a.area] = a
    return tasks[0], by_area


def _with_area(task: Task, area: str) -> Task:
    return replace(task, area=area, subtasks=tuple(_with_area(s, area) for s in task.subtasks))


def import_result(
    ws: Workspace, plan_id: int, result: ImportResult, appendix_id: int | None = None, indices=None
) -> Changes:
    """Add the chosen rows of a table already read (the dialog's result with her ticks, areas and
    mapping); `indices` (positions in result.rows) overrides the ticks. A backup is taken first."""
    plan = ws.plan(plan_id)
    default, by_area = _targets(plan, appendix_id)
    selected = result.selected(indices)
    if not selected:
        raise InvalidInput("Không có nhiệm vụ nào được chọn để nhập.")
    ws.db.auto_backup(BACKUP_REASON)
    added: list[int] = []
    tables: list[int] = []
    with ws.atomic():
        for area, task in selected:
            appendix = by_area.get(area, default)
            assert appendix.id is not None
            done = rows.insert(ws, rows.TASKS, appendix.id, [_with_area(task, area if appendix.group_by_area else "")])
            added.extend(done.ids)
            tables.append(appendix.id)
    ws.forget(plan_id)
    label = f"Nhập {len(selected)} nhiệm vụ từ tệp"
    undo = partial(rows.remove, kind=rows.TASKS, row_ids=tuple(added), label=label)
    return Changes.of(plan_id, Part.TASKS, ids=added, appendix_ids=tables, label=label, undo=undo, created=added[0])


def read_for_plan(
    ws: Workspace,
    plan_id: int,
    path: Path | str,
    table_index: int | None = None,
    mapping: dict | None = None,
    year_shift: int = 0,
) -> ImportResult:
    """Table `table_index` of a .docx/.xlsx read for the plan (its years moved on by `year_shift`)."""
    plan = ws.plan(plan_id)
    return read_file(
        path, table_index=table_index, mapping=mapping, year_shift=year_shift, source_year=plan.year - year_shift
    )


def import_table(
    ws: Workspace,
    plan_id: int,
    path: Path | str,
    table_index: int | None = None,
    appendix_id: int | None = None,
    indices=None,
    mapping: dict | None = None,
    year_shift: int = 0,
) -> tuple[Changes, int, int]:
    """Read table `table_index` (0-based; None: the first task table) of a .docx/.xlsx and add its
    tasks (see import_result); also returns (tasks, sub-tasks) added. Years move on by `year_shift`."""
    result = read_for_plan(ws, plan_id, path, table_index, mapping, year_shift)
    tasks, subtasks = result.counts(indices)
    return import_result(ws, plan_id, result, appendix_id, indices), tasks, subtasks
