"""A table understood as tasks: parse_table runs the steps in order, ImportResult holds what they found."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.importing.arrange import assign_areas, attach_continuations, import_rows, nest_sub_rows
from app.importing.classify import BLANK, REPEAT, classify_rows, map_table_columns
from app.importing.columns import FIELD_NAMES
from app.importing.header import HEADER_SEARCH_ROWS, detect_header, find_header
from app.importing.labels import guess_area
from app.importing.problems import column_problems, read_notes, row_problems, skipped_rows
from app.importing.readers import RawTable
from app.importing.rows import (
    EMPTY_ROWS,
    EMPTY_TASK,
    GROUP,
    JOINED_ROW,
    JOINED_TABLES,
    LEGACY_ENCODING,
    MAX_LEVEL,
    NO_CONTENT_COLUMN,
    NO_HEADER,
    NOT_TAKEN,
    ORPHAN_TEXT,
    READ_NOTE,
    REPEATED_HEADER,
    STRAY_TEXT,
    TASK,
    TOO_DEEP,
    UNKNOWN,
    UNKNOWN_GROUP,
    UNMAPPED_COLUMN,
    UNNUMBERED_ROW,
    ImportRow,
    Problem,
)
from app.importing.years import most_mentioned_year, shift_rows
from app.model import Task

__all__ = [
    "EMPTY_ROWS",
    "EMPTY_TASK",
    "GROUP",
    "HEADER_SEARCH_ROWS",
    "JOINED_ROW",
    "JOINED_TABLES",
    "LEGACY_ENCODING",
    "MAX_LEVEL",
    "NO_CONTENT_COLUMN",
    "NOT_TAKEN",
    "NO_HEADER",
    "ORPHAN_TEXT",
    "READ_NOTE",
    "REPEATED_HEADER",
    "STRAY_TEXT",
    "TASK",
    "TOO_DEEP",
    "UNKNOWN",
    "UNKNOWN_GROUP",
    "UNMAPPED_COLUMN",
    "UNNUMBERED_ROW",
    "ImportResult",
    "ImportRow",
    "Problem",
    "field_name",
    "find_header",
    "guess_area",
    "guess_source_year",
    "parse_table",
    "shift_result",
]


@dataclass
class ImportResult:
    """One table understood: its header, column mapping, rows and problems."""

    table: RawTable
    table_index: int
    headers: list[str]  # header text of each column ('' when none)
    header_rows: int  # how many rows at the top are the header
    mapping: dict[int, str | None]  # column -> field key or None; editable, re-apply with `remap`
    rows: list[ImportRow]
    problems: list[Problem]
    empty_rows: int = 0
    repeated_headers: int = 0
    table_area: str = ""  # the area the table's title names (per-area appendices)
    year_shift: int = 0
    source_year: int | None = None  # the year that was moved on by `year_shift`

    @property
    def encoding(self) -> str | None:
        return self.table.encoding

    def remap(self, mapping: dict[int, str | None]) -> ImportResult:
        """The same table read again with the user's column mapping (year shift kept)."""
        res = parse_table(self.table, mapping, table_index=self.table_index)
        return shift_result(res, self.year_shift, self.source_year) if self.year_shift else res

    def not_taken(self) -> list[Problem]:
        """The problems of rows that will not arrive in the plan: text in no mapped column, a task
        without content (every other row is a task, a sub-task, a group, a continuation or skipped
        as blank or a repeated header, and counted)."""
        return [p for p in self.problems if p.kind in NOT_TAKEN]

    def task_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.kind == TASK]

    def selected(self, indices=None) -> list[tuple[str, Task]]:
        """(area, Task with its sub-tasks) for every checked top row; `indices` (row positions)
        overrides the checked flags. A checked sub-task whose parent is not taken moves up to
        the nearest taken ancestor, or to the top."""
        take = (
            {i for i, r in enumerate(self.rows) if r.kind == TASK and r.checked}
            if indices is None
            else {i for i in indices if 0 <= i < len(self.rows) and self.rows[i].kind == TASK}
        )
        children: dict[int | None, list[int]] = {}
        for i in sorted(take):
            p = self.rows[i].parent
            while p is not None and p not in take:
                p = self.rows[p].parent
            children.setdefault(p, []).append(i)

        def build(i: int) -> Task:
            subs = tuple(build(j) for j in children.get(i, []))
            return replace(self.rows[i].task(), subtasks=subs)

        return [(self.rows[i].area, build(i)) for i in children.get(None, [])]

    def counts(self, indices=None) -> tuple[int, int]:
        """(tasks, sub-tasks) that `selected` would import."""

        def n(t: Task) -> int:
            return sum(1 + n(s) for s in t.subtasks)

        sel = self.selected(indices)
        return len(sel), sum(n(t) for _, t in sel)


def parse_table(table: RawTable, mapping: dict | None = None, table_index: int = 0) -> ImportResult:
    """Understand one table; with `mapping` (column -> key) the header's own mapping is replaced."""
    header = detect_header(table)
    columns = map_table_columns(table, header, mapping)
    lines = classify_rows(table, header, columns)
    lines = attach_continuations(lines, numbered=columns.number is not None)
    lines = nest_sub_rows(lines)
    table_area = guess_area(table.title)
    lines = assign_areas(lines, table_area)
    problems = read_notes(table) + column_problems(header, columns) + row_problems(lines) + skipped_rows(lines)
    return ImportResult(
        table=table,
        table_index=table_index,
        headers=header.texts,
        header_rows=header.end,
        mapping=columns.keys,
        rows=import_rows(lines),
        problems=problems,
        empty_rows=sum(1 for line in lines if line.what == BLANK),
        repeated_headers=sum(1 for line in lines if line.what == REPEAT),
        table_area=table_area,
    )


def guess_source_year(result: ImportResult) -> int | None:
    """The year the table speaks of most often (its title first), or None."""
    return most_mentioned_year(result.table.title, (t for row in result.rows for t in row.fields.values()))


def shift_result(result: ImportResult, shift: int, source_year: int | None = None) -> ImportResult:
    """Every text of the rows with the source year (and the one before) moved on by `shift`.

    `source_year` defaults to the year the table mentions most; periods ("2021 - 2025"), document
    symbols ("90/2020/NĐ-CP") and the dates of cited documents stay (app.carry_forward.shift_years).
    """
    if not shift:
        return result
    year = source_year if source_year is not None else guess_source_year(result)
    if year is None:
        return result
    return replace(result, rows=shift_rows(result.rows, year, shift), year_shift=shift, source_year=year)


def field_name(key: str | None) -> str:
    return FIELD_NAMES.get(key, "(bỏ qua)") if key else "(bỏ qua)"
