"""Appendix operations: settings (title, columns, headers, grouping, area), add, delete, move."""

from __future__ import annotations

from functools import partial
from typing import Any

from app import limits
from app.errors import InvalidInput, NotFound
from app.model import TARGET_COLUMN_KEYS, TASK_COLUMN_KEYS, Appendix, iter_tasks
from app.ops import rows
from app.ops.changes import NOTHING, Changes, Part
from app.workspace import Workspace


def _appendix(ws: Workspace, appendix_id: int) -> tuple[int, Appendix]:
    plan_id = ws.db.appendix_plan_id(appendix_id)
    found = next((a for a in ws.plan(plan_id).appendices if a.id == appendix_id), None)
    if found is None:
        raise NotFound("Không tìm thấy phụ lục; có thể nó đã bị xóa.")
    return plan_id, found


def _changes(
    ws: Workspace, plan_id: int, appendix_id: int | None, label: str, undo=None, fields=(), created=None, parts=()
):
    ws.forget(plan_id)
    return Changes.of(
        plan_id,
        Part.APPENDICES,
        *parts,
        appendix_ids=(appendix_id,),
        fields=fields,
        label=label,
        undo=undo,
        created=created,
    )


def set_settings(ws: Workspace, appendix_id: int, label: str = "Sửa phụ lục", **fields: Any) -> Changes:
    """Title, column list and order, header wording, grouping by area, area of one appendix."""
    appendix_id = ws.ids["appendices"].resolve(appendix_id)
    plan_id, a = _appendix(ws, appendix_id)
    if "columns" in fields:
        allowed = TARGET_COLUMN_KEYS if a.kind == "targets" else TASK_COLUMN_KEYS
        cols = list(fields["columns"])
        if not cols or any(c not in allowed for c in cols) or len(set(cols)) != len(cols):
            raise InvalidInput("Danh sách cột không hợp lệ: cần ít nhất một cột, không trùng nhau.")
    if isinstance(fields.get("title"), str):
        limits.check_text(fields["title"], limits.TITLE_CHARS, "Tên phụ lục")
    for text in dict(fields.get("headers") or {}).values():
        limits.check_text(text, limits.TITLE_CHARS, "Tiêu đề cột")
    old: dict[str, Any] = {k: (dict(a.headers) if k == "headers" else getattr(a, k)) for k in fields}
    if old == fields:
        return NOTHING
    ws.db.update_appendix(appendix_id, **fields)

    def undo(w: Workspace) -> Changes:
        return set_settings(w, appendix_id, label, **old)

    return _changes(ws, plan_id, appendix_id, label, undo, fields.keys())


def add(
    ws: Workspace,
    plan_id: int,
    appendix: Appendix,
    position: int | None = None,
    label: str = "",
    tracked: rows.Tracked = rows.UNTRACKED,
) -> Changes:
    """A new task or target appendix (or one put back by an undo, with its tasks and their
    tracking data)."""
    if appendix.kind not in ("tasks", "targets"):
        raise InvalidInput("Phụ lục phải là bảng nhiệm vụ hoặc bảng chỉ tiêu.")
    if appendix.kind == "targets" and appendix.id is None:
        if any(a.kind == "targets" for a in ws.plan(plan_id).appendices):
            raise InvalidInput("Kế hoạch đã có một phụ lục chỉ tiêu; mỗi kế hoạch chỉ cần một bảng chỉ tiêu.")
    if appendix.id is None:  # a new one (an undo puts back one that was there)
        limits.check_count(len(ws.plan(plan_id).appendices) + 1, limits.APPENDICES, "phụ lục", "trong kế hoạch")
        limits.check_text(appendix.title, limits.TITLE_CHARS, "Tên phụ lục")
    label = label or ("Thêm phụ lục chỉ tiêu" if appendix.kind == "targets" else "Thêm phụ lục nhiệm vụ")
    with ws.atomic():
        new_id = ws.db.add_appendix(plan_id, appendix, position, keep_ids=appendix.id is not None)
        ws.forget(plan_id)
        if appendix.id is not None:
            _remap(ws, plan_id, appendix, new_id, tracked)
    undo = partial(delete, appendix_id=new_id, label=label, backup=False)
    return _changes(ws, plan_id, new_id, label, undo, created=new_id, parts=tracked.parts)


def _remap(ws: Workspace, plan_id: int, old: Appendix, new_id: int, tracked: rows.Tracked) -> None:
    """Map the old ids of an appendix put back (its tasks' too) to the new ones, and store its
    tasks' tracking data again; an old id that another row has now (the database gave it away
    meanwhile) stays that row's."""
    assert old.id is not None
    if old.id == new_id or ws.db.appendix_kind(old.id) is None:
        ws.ids["appendices"].remap(old.id, new_id)
    fresh = next(a for a in ws.plan(plan_id).appendices if a.id == new_id)
    pairs = {
        was.id: now.id
        for was, now in zip(iter_tasks(old.tasks), iter_tasks(fresh.tasks), strict=False)
        if was.id is not None and now.id is not None
    }
    rows.put_tracked(ws, tracked, pairs)
    for was_id, now_id in pairs.items():
        if was_id == now_id or not _task_exists(ws, was_id):
            ws.ids["tasks"].remap(was_id, now_id)


def _task_exists(ws: Workspace, task_id: int) -> bool:
    try:
        ws.db.locate(ws.db.TASKS, task_id)
    except NotFound:
        return False
    return True


def delete(ws: Workspace, appendix_id: int, label: str = "Xóa phụ lục", backup: bool = True) -> Changes:
    """Delete an appendix with its tasks (a backup first); undo puts it back at its place."""
    appendix_id = ws.ids["appendices"].resolve(appendix_id)
    plan_id, snapshot = _appendix(ws, appendix_id)
    tracked = rows.tracked_with(ws, plan_id, [t.id for t in iter_tasks(snapshot.tasks) if t.id is not None])
    if backup:
        ws.db.auto_backup("xoa-phu-luc")
    position = ws.db.delete_appendix(appendix_id)
    undo = partial(add, plan_id=plan_id, appendix=snapshot, position=position, label=label, tracked=tracked)
    return _changes(ws, plan_id, appendix_id, label, undo, parts=tracked.parts)


def move(ws: Workspace, appendix_id: int, position: int, label: str = "Di chuyển phụ lục") -> Changes:
    appendix_id = ws.ids["appendices"].resolve(appendix_id)
    plan_id = ws.db.appendix_plan_id(appendix_id)
    position = max(0, min(position, len(ws.plan(plan_id).appendices) - 1))  # where storage puts it
    old = ws.db.move_appendix(appendix_id, position)
    if old == position:
        return NOTHING
    undo = partial(move, appendix_id=appendix_id, position=old, label=label)
    return _changes(ws, plan_id, appendix_id, label, undo)


def new_appendix(kind: str) -> Appendix:
    """What "Thêm phụ lục nhiệm vụ / chỉ tiêu" adds."""
    if kind == "targets":
        return Appendix("targets", "Chỉ tiêu", columns=("content", "lead", "partners", "note"))
    return Appendix("tasks", "Nhiệm vụ", group_by_area=False)
