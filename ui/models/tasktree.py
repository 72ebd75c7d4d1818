"""Pure edits of an immutable task tree (tuples of frozen Tasks), to keep a table in step without a reload."""

from __future__ import annotations

from dataclasses import replace

from app.model import Task


def find(tasks: tuple[Task, ...], task_id: int) -> Task | None:
    for t in tasks:
        if t.id == task_id:
            return t
        found = find(t.subtasks, task_id)
        if found is not None:
            return found
    return None


def remove(tasks: tuple[Task, ...], task_id: int | None) -> tuple[tuple[Task, ...], Task | None]:
    """(tree without the task, the task with its subtasks) — (tree, None) when absent."""
    for i, t in enumerate(tasks):
        if t.id == task_id:
            return tasks[:i] + tasks[i + 1 :], t
    for i, t in enumerate(tasks):
        subs, gone = remove(t.subtasks, task_id)
        if gone is not None:
            return tasks[:i] + (replace(t, subtasks=subs),) + tasks[i + 1 :], gone
    return tasks, None


def insert(tasks: tuple[Task, ...], item: Task, parent_id: int | None, position: int | None) -> tuple[Task, ...] | None:
    """The tree with `item` at `position` among the children of `parent_id`; None if the parent is absent."""
    if parent_id is None:
        pos = len(tasks) if position is None else max(0, min(position, len(tasks)))
        return tasks[:pos] + (item,) + tasks[pos:]
    for i, t in enumerate(tasks):
        if t.id == parent_id:
            pos = len(t.subtasks) if position is None else max(0, min(position, len(t.subtasks)))
            return tasks[:i] + (replace(t, subtasks=t.subtasks[:pos] + (item,) + t.subtasks[pos:]),) + tasks[i + 1 :]
    for i, t in enumerate(tasks):
        subs = insert(t.subtasks, item, parent_id, position)
        if subs is not None:
            return tasks[:i] + (replace(t, subtasks=subs),) + tasks[i + 1 :]
    return None


def update(tasks: tuple[Task, ...], task_id: int, fields: dict) -> tuple[Task, ...]:
    for i, t in enumerate(tasks):
        if t.id == task_id:
            return tasks[:i] + (replace(t, **fields),) + tasks[i + 1 :]
    for i, t in enumerate(tasks):
        subs = update(t.subtasks, task_id, fields)
        if subs is not t.subtasks:
            return tasks[:i] + (replace(t, subtasks=subs),) + tasks[i + 1 :]
    return tasks
