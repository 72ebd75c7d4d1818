"""Computed numbering: section labels per level style, task row numbers, group and appendix labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from app.model import Appendix, Plan, Section, Task
from app.vietnamese import letter, roman


def level_style(styles: tuple[str, ...], depth: int) -> str:
    """The style of a depth; past the plan's list, letters then bullets-free unnumbered."""
    if depth < len(styles):
        return styles[depth]
    return "letter" if depth == len(styles) else "none"


def section_label(styles: tuple[str, ...], path: tuple[int, ...]) -> str:
    """The printed label of the section at `path` (1-based index per level).

    roman -> "I.", arabic -> "1.", decimal -> "2.1." (the arabic/decimal numbers of the
    ancestors joined, as seed 004 writes), letter -> "a)", none -> "".
    """
    depth = len(path) - 1
    style = level_style(styles, depth)
    n = path[-1]
    if style == "roman":
        return f"{roman(n)}."
    if style == "arabic":
        return f"{n}."
    if style == "letter":
        return f"{letter(n)})"
    if style == "decimal":
        parts = [str(n)]
        for d in range(depth - 1, -1, -1):
            s = level_style(styles, d)
            if s not in ("arabic", "decimal"):
                break
            parts.append(str(path[d]))
        return ".".join(reversed(parts)) + "."
    return ""


@dataclass(frozen=True)
class NumberedSection:
    depth: int
    label: str
    section: Section
    path: tuple[int, ...]


def numbered_sections(plan: Plan) -> list[NumberedSection]:
    """Every section of the plan, depth first, with its label."""
    out: list[NumberedSection] = []

    def walk(sections: tuple[Section, ...], prefix: tuple[int, ...]) -> None:
        for i, s in enumerate(sections, 1):
            path = prefix + (i,)
            out.append(NumberedSection(len(path) - 1, section_label(plan.heading_numbering, path), s, path))
            walk(s.sections, path)

    walk(plan.sections, ())
    return out


def heading_text(label: str, heading: str) -> str:
    return f"{label} {heading}".strip() if label else heading


def subtask_label(style: str, parent_label: str, n: int) -> str:
    return f"{letter(n)})" if style == "letter" else f"{parent_label}.{n}"


class NumberedRow(NamedTuple):
    """One printed row of a task table: a group row (area) or a task at some depth.

    A NamedTuple: a 2,000-task table is renumbered after every structural edit in the window,
    and tuples are several times cheaper to make than frozen dataclasses."""

    kind: str  # "group" or "task"
    label: str
    depth: int = 0
    task: Task | None = None
    area: str = ""
    title: str = ""


def task_rows(plan: Plan, appendix: Appendix) -> list[NumberedRow]:
    """The rows of a task appendix in print order, numbered.

    Grouped by area: group rows I, II … in the plan's area order, task numbers restart
    at 1 in each group (seed 000). Ungrouped: tasks 1, 2, 3 … in their stored order.
    """
    rows: list[NumberedRow] = []

    def add(tasks: tuple[Task, ...], depth: int, parent_label: str) -> None:
        for i, t in enumerate(tasks, 1):
            label = str(i) if depth == 0 else subtask_label(plan.subtask_numbering, parent_label, i)
            rows.append(NumberedRow("task", label, depth, t))
            add(t.subtasks, depth + 1, label)

    if not appendix.group_by_area:
        add(appendix.tasks, 0, "")
        return rows
    for g, (area, tasks) in enumerate(grouped(plan, appendix.tasks, lambda t: t.area), 1):
        rows.append(NumberedRow("group", roman(g), area=area, title=plan.area_title(area) if area else "Nhiệm vụ khác"))
        add(tuple(tasks), 0, "")
    return rows


def grouped(plan: Plan, items, key) -> list[tuple[str, list]]:
    """Items split by area, groups in the plan's area order, items keeping their order."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", plan.area_order(kv[0])))


def appendix_label(style: str, n: int) -> str:
    """'Phụ lục I' (default), 'Phụ lục số 01', 'Phụ lục 1'."""
    if style == "number":
        return f"Phụ lục số {n:02d}"
    if style == "arabic":
        return f"Phụ lục {n}"
    return f"Phụ lục {roman(n)}"
