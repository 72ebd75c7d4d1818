"""Rules on one task row: what the officer upstairs would circle in the appendix table."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.checks.findings import ERROR, WARNING, Finding
from app.checks.registry import Row, row_rule

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_SYMBOL_YEAR = re.compile(r"(?<=/)(20\d\d)(?=/[A-ZĐ])")
_DATE_BEFORE = re.compile(r"(/|tháng\s+\d{1,2}\s+năm\s+|(?:trong|cả|trước|hết)\s+năm\s+)$", re.IGNORECASE)
# A top-level task shows these columns; each left blank is one finding.
_EXPECTED = (("lead", "Chủ trì"), ("product", "Sản phẩm"), ("timeline", "Thời gian"))


def deadline_years_outside(timeline: str, allowed: range) -> list[int]:
    """Years of a timeline outside the plan's: any later year, or an earlier one used as a date
    ("Quý IV/2026", "trước 30/6/2026"); "sau khi công bố Chỉ số năm 2026" names an event, not a date."""
    text = _SYMBOL_YEAR.sub("", timeline)
    out = set()
    for m in _YEAR.finditer(text):
        year = int(m.group())
        if year > allowed[-1] or (year < allowed[0] and _DATE_BEFORE.search(text[: m.start()])):
            out.add(year)
    return sorted(out)


@row_rule("task-empty", stops=True)
def task_empty(row: Row) -> Iterator[Finding]:
    """A task row without content (nothing else is checked on it)."""
    if not row.task.content.strip():
        yield Finding(ERROR, "task-empty", "nhiệm vụ chưa có nội dung.", row.place("content", "Nội dung"))


@row_rule("task-no-lead", "task-no-product", "task-no-timeline")
def task_no_lead_product_timeline(row: Row) -> Iterator[Finding]:
    """A top-level task without sub-tasks leaves a shown lead, product or timeline column blank."""
    if row.depth != 0 or row.task.subtasks:
        return
    for field, name in _EXPECTED:
        if field in row.table.appendix.columns and not getattr(row.task, field).strip():
            yield Finding(WARNING, f"task-no-{field}", f"nhiệm vụ chưa ghi {name.lower()}.", row.place(field, name))


@row_rule("timeline-outside")
def timeline_outside(row: Row) -> Iterator[Finding]:
    """A timeline dated in a year outside the plan's year (or period)."""
    outside = deadline_years_outside(row.task.timeline, row.table.years)
    if outside:
        yield Finding(
            WARNING,
            "timeline-outside",
            f"thời gian «{row.task.timeline}» nằm ngoài năm của kế hoạch ({', '.join(map(str, outside))}).",
            row.place("timeline", "Thời gian thực hiện"),
        )


@row_rule("task-duplicate", stops=True)
def task_duplicate(row: Row) -> Iterator[Finding]:
    """A task with the same words as an earlier task of the same appendix."""
    first = row.table.seen.get(row.words)
    if first is not None:
        yield Finding(
            WARNING, "task-duplicate", f"trùng với dòng {first} trong cùng phụ lục.", row.place("content", "Nội dung")
        )
    else:
        row.table.seen[row.words] = row.label


@row_rule("task-near-duplicate")
def task_near_duplicate(row: Row) -> Iterator[Finding]:
    """A task whose words are almost all those of an earlier task of the same appendix."""
    near = row.table.similar.add(row.label, row.words)
    if near is not None:
        yield Finding(
            WARNING,
            "task-near-duplicate",
            f"gần giống dòng {near} trong cùng phụ lục; xem có phải một nhiệm vụ viết hai lần.",
            row.place("content", "Nội dung"),
        )
