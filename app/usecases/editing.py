"""Editing verbs for tasks, targets and sections; each is one transaction and returns what changed.

A returned `Location` (where a row was) is what an undo command needs to put it back.
"""

from __future__ import annotations

from app.errors import InvalidInput
from app.model import Section, Target, Task
from storage import plans as plans_store
from storage import rows
from storage.db import Store
from storage.rows import SECTIONS, TARGETS, TASKS, Kind, Location

MAX_TASK_DEPTH = 3


def update_plan_header(store: Store, plan_id: int, **fields) -> None:
    plans_store.update_plan(store, plan_id, **fields)


# ---------------------------------------------------------------- tasks


def update_task(store: Store, task_id: int, **fields: str) -> None:
    rows.update(store, TASKS, task_id, **fields)


def add_task(
    store: Store, appendix_id: int, task: Task, parent_id: int | None = None, position: int | None = None
) -> int:
    row = plans_store.appendix_kind(store, appendix_id)
    if row is None:
        raise InvalidInput("Không tìm thấy phụ lục để thêm nhiệm vụ; có thể nó đã bị xóa.")
    if row[1] != "tasks":
        raise InvalidInput("Phụ lục này là bảng chỉ tiêu; hãy thêm chỉ tiêu thay cho nhiệm vụ.")
    return rows.insert(store, TASKS, row[0], (appendix_id,), parent_id, position, task)


def add_tasks(
    store: Store, appendix_id: int, tasks: list[Task], parent_id: int | None = None, position: int | None = None
) -> list[int]:
    """Insert several tasks (a paste) in one transaction; returns their ids in order."""
    ids: list[int] = []
    with store.atomic():
        for i, t in enumerate(tasks):
            ids.append(add_task(store, appendix_id, t, parent_id, None if position is None else position + i))
    return ids


def update_appendix(store: Store, appendix_id: int, **fields) -> None:
    """Title, column list and order, header wording, grouping, area of one appendix."""
    from app.model import TARGET_COLUMN_KEYS, TASK_COLUMN_KEYS

    if "columns" in fields:
        row = plans_store.appendix_kind(store, appendix_id)
        allowed = TARGET_COLUMN_KEYS if row and row[1] == "targets" else TASK_COLUMN_KEYS
        cols = list(fields["columns"])
        if not cols or any(c not in allowed for c in cols) or len(set(cols)) != len(cols):
            raise InvalidInput("Danh sách cột không hợp lệ: cần ít nhất một cột, không trùng nhau.")
    plans_store.update_appendix(store, appendix_id, **fields)


def add_appendix(store: Store, plan_id: int, appendix, position: int | None = None) -> int:
    """A new task or target appendix (an Appendix, possibly with tasks, e.g. to undo a delete)."""
    if appendix.kind not in ("tasks", "targets"):
        raise InvalidInput("Phụ lục phải là bảng nhiệm vụ hoặc bảng chỉ tiêu.")
    return plans_store.add_appendix(store, plan_id, appendix, position)


def delete_appendix(store: Store, appendix_id: int) -> int:
    """Delete an appendix with its tasks; returns where it was. The window keeps the Appendix
    (from load_plan) to undo; a backup is made first by the caller for this risky action."""
    return plans_store.delete_appendix(store, appendix_id)


def move_appendix(store: Store, appendix_id: int, position: int) -> int:
    return plans_store.move_appendix(store, appendix_id, position)


def delete_task(store: Store, task_id: int) -> Location:
    return rows.delete(store, TASKS, task_id)


def move_task(store: Store, task_id: int, parent_id: int | None, position: int) -> Location:
    return rows.move(store, TASKS, task_id, parent_id, position)


def _step(store: Store, kind: Kind, row_id: int, delta: int) -> Location | None:
    loc = rows.locate(store, kind, row_id)
    target = loc.position + delta
    if target < 0 or target >= len(rows.sibling_ids(store, kind, loc.scope, loc.parent_id)):
        return None
    return rows.move(store, kind, row_id, loc.parent_id, target)


def move_task_up(store: Store, task_id: int) -> Location | None:
    return _step(store, TASKS, task_id, -1)


def move_task_down(store: Store, task_id: int) -> Location | None:
    return _step(store, TASKS, task_id, +1)


def _indent(store: Store, kind: Kind, row_id: int, max_depth: int) -> Location | None:
    """Make the row the last child of the sibling above it (Tab)."""
    loc = rows.locate(store, kind, row_id)
    if loc.position == 0:
        return None
    if rows.depth(store, kind, row_id) + 1 >= max_depth:
        raise InvalidInput(f"Không thể lùi vào thêm: tối đa {max_depth} cấp.")
    above = rows.sibling_ids(store, kind, loc.scope, loc.parent_id)[loc.position - 1]
    n = len(rows.sibling_ids(store, kind, loc.scope, above))
    return rows.move(store, kind, row_id, above, n)


def _outdent(store: Store, kind: Kind, row_id: int) -> Location | None:
    """Put the row right after its parent (Shift+Tab)."""
    loc = rows.locate(store, kind, row_id)
    if loc.parent_id is None:
        return None
    parent = rows.locate(store, kind, loc.parent_id)
    return rows.move(store, kind, row_id, parent.parent_id, parent.position + 1)


def indent_task(store: Store, task_id: int) -> Location | None:
    return _indent(store, TASKS, task_id, MAX_TASK_DEPTH)


def outdent_task(store: Store, task_id: int) -> Location | None:
    return _outdent(store, TASKS, task_id)


# ---------------------------------------------------------------- targets


def update_target(store: Store, target_id: int, **fields: str) -> None:
    rows.update(store, TARGETS, target_id, **fields)


def add_target(store: Store, plan_id: int, target: Target, position: int | None = None) -> int:
    return rows.insert(store, TARGETS, plan_id, (plan_id,), None, position, target)


def delete_target(store: Store, target_id: int) -> Location:
    return rows.delete(store, TARGETS, target_id)


def move_target(store: Store, target_id: int, position: int) -> Location:
    return rows.move(store, TARGETS, target_id, None, position)


# ---------------------------------------------------------------- sections


def update_section(store: Store, section_id: int, **fields) -> None:
    rows.update(store, SECTIONS, section_id, **fields)


def add_section(
    store: Store, plan_id: int, section: Section, parent_id: int | None = None, position: int | None = None
) -> int:
    return rows.insert(store, SECTIONS, plan_id, (plan_id,), parent_id, position, section)


def delete_section(store: Store, section_id: int) -> Location:
    return rows.delete(store, SECTIONS, section_id)


def move_section(store: Store, section_id: int, parent_id: int | None, position: int) -> Location:
    return rows.move(store, SECTIONS, section_id, parent_id, position)


def indent_section(store: Store, section_id: int) -> Location | None:
    return _indent(store, SECTIONS, section_id, 6)


def outdent_section(store: Store, section_id: int) -> Location | None:
    return _outdent(store, SECTIONS, section_id)


# ---------------------------------------------------------------- whole-plan text fixes


def rewrite_texts(store: Store, plan_id: int, fn) -> int:
    """Apply fn to every text of the plan, row by row, in one transaction; returns how many changed.

    Ids stay as they are, so open editors and undo history keep pointing at the right rows.
    """
    from dataclasses import replace

    from app.text_walk import iter_texts

    plan = plans_store.load_plan(store, plan_id)
    changed = 0
    header: dict[str, object] = {}
    lists = {"legal_bases": list(plan.legal_bases), "recipients": list(plan.recipients)}
    signer = plan.signer
    paragraphs: dict[int, list[str]] = {}
    with store.atomic():
        for place, text in iter_texts(plan):
            new = fn(text)
            if new == text:
                continue
            changed += 1
            if place.kind == "plan":
                header[place.field] = new
            elif place.kind in ("legal_basis", "recipient"):
                key = "legal_bases" if place.kind == "legal_basis" else "recipients"
                lists[key][place.ref] = new  # type: ignore[index]
                header[key] = lists[key]
            elif place.kind == "signer":
                signer = replace(signer, **{place.field: new})
                header["signer"] = signer
            elif place.kind == "section" and place.field == "paragraphs":
                assert place.ref is not None and place.index is not None
                paras = paragraphs.setdefault(place.ref, list(_section(plan, place.ref).paragraphs))
                paras[place.index] = new
                rows.update(store, SECTIONS, place.ref, paragraphs=paras)
            elif place.ref is None:
                continue  # every row-held text carries its row id
            elif place.kind == "section":
                rows.update(store, SECTIONS, place.ref, heading=new)
            elif place.kind == "task":
                rows.update(store, TASKS, place.ref, **{place.field: new})
            elif place.kind == "target":
                rows.update(store, TARGETS, place.ref, **{place.field: new})
            elif place.kind == "appendix":
                plans_store.update_appendix(store, place.ref, title=new)
            elif place.kind == "decision" and plan.decision is not None:
                dec = header.get("decision", plan.decision)
                items = list(getattr(dec, place.field))
                items[place.ref] = new  # type: ignore[index]
                header["decision"] = replace(dec, **{place.field: tuple(items)})  # type: ignore[arg-type,type-var]
        if header:
            plans_store.update_plan(store, plan_id, **header)
    return changed


def _section(plan, section_id: int):
    from app.model import iter_sections

    return next(s for _, s in iter_sections(plan.sections) if s.id == section_id)


def unify_tone_style(store: Store, plan_id: int, style: str) -> int:
    """One click: every 'hoà/hòa', 'uỷ/ủy' in the plan written the chosen way ("new" or "old")."""
    from app.vietnamese import to_tone_style

    if style not in ("new", "old"):
        raise InvalidInput("Kiểu bỏ dấu phải là «new» (hòa, ủy) hoặc «old» (hoà, uỷ).")
    return rewrite_texts(store, plan_id, lambda t: to_tone_style(t, style))
