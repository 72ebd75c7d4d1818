"""The rule registry: rules register themselves with a decorator, and check_plan runs them in that order."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from app.checks.findings import Finding
from app.checks.near_duplicates import NearDuplicates
from app.footnotes import strip_notes
from app.model import Appendix, Plan, Task
from app.numbering import appendix_label, task_rows
from app.text_walk import Place
from app.vietnamese import fold

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """A registered rule: its function, the codes of the findings it makes, and what it looks for."""

    check: Callable[[T], Iterable[Finding]]
    codes: tuple[str, ...]
    stops: bool = False  # a row rule that found something ends the reading of that row

    @property
    def name(self) -> str:
        return self.check.__name__

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


@dataclass
class TaskTable:
    """One task appendix as the row rules read it, with what they remember between its rows."""

    plan: Plan
    appendix: Appendix
    label: str  # "Phụ lục II"
    years: range  # the plan's year, or its period
    seen: dict[str, str] = field(default_factory=dict)  # a row's words -> the first row with them
    similar: NearDuplicates = field(default_factory=NearDuplicates)


@dataclass
class Row:
    """A task row of a task table."""

    table: TaskTable
    label: str  # "3", "3.1"
    depth: int
    task: Task

    def place(self, field: str, name: str) -> Place:
        return Place("task", self.task.id, field, f"{self.table.label}, dòng {self.label} — {name}")

    @cached_property
    def words(self) -> str:
        """The content without notes, punctuation, case or marks: what duplicates are compared on."""
        return " ".join(re.sub(r"[^\w\s]", " ", fold(strip_notes(self.task.content))).split())


PlanCheck = Callable[[Plan], Iterable[Finding]]
RowCheck = Callable[[Row], Iterable[Finding]]
PLAN_RULES: list[Rule[Plan]] = []
ROW_RULES: list[Rule[Row]] = []


def plan_rule(*codes: str) -> Callable[[PlanCheck], PlanCheck]:
    """Register a rule on the whole plan; its findings follow those of the rules registered before it."""

    def register(check: PlanCheck) -> PlanCheck:
        PLAN_RULES.append(Rule(check, codes))
        return check

    return register


def row_rule(*codes: str, stops: bool = False) -> Callable[[RowCheck], RowCheck]:
    """Register a rule on one task row; with `stops`, a row it flags is not read by later row rules."""

    def register(check: RowCheck) -> RowCheck:
        ROW_RULES.append(Rule(check, codes, stops))
        return check

    return register


def plan_years(plan: Plan) -> range:
    if plan.period is not None:
        return range(plan.period.start, plan.period.end + 1)
    return range(plan.year, plan.year + 1)


def task_tables(plan: Plan) -> Iterator[tuple[str, Appendix]]:
    """(label, appendix) of every task appendix, in order."""
    for n, a in enumerate(plan.appendices, 1):
        if a.kind == "tasks":
            yield appendix_label(plan.appendix_numbering, n), a


def table_rows(plan: Plan) -> Iterator[Row]:
    """Every task row of every task table in print order (group rows left out)."""
    years = plan_years(plan)
    for label, a in task_tables(plan):
        table = TaskTable(plan, a, label, years)
        for row in task_rows(plan, a):
            if row.task is not None:
                yield Row(table, row.label, row.depth, row.task)


def check_rows(plan: Plan) -> Iterator[Finding]:
    """The row rules on every task row, one row after another (the plan rule task_table_rows
    calls this, so a row's findings stay together in the list)."""
    for row in table_rows(plan):
        for rule in ROW_RULES:
            found = list(rule.check(row))
            yield from found
            if found and rule.stops:
                break


def check_plan(plan: Plan) -> list[Finding]:
    """Every finding of every plan rule, in the order the rules were registered."""
    return [finding for rule in PLAN_RULES for finding in rule.check(plan)]
