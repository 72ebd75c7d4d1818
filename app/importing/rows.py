"""What the import makes of a table: result rows (tasks, group headings, unplaced text) and problems."""

from __future__ import annotations

from dataclasses import dataclass

from app.model import TASK_COLUMN_KEYS, Task

MAX_LEVEL = 2  # tasks, sub-tasks, sub-sub-tasks (app.ops.rows.MAX_TASK_DEPTH = 3)

TASK, GROUP, UNKNOWN = "task", "group", "unknown"

# Problem kinds.
NO_HEADER = "no_header"
UNMAPPED_COLUMN = "unmapped_column"
NO_CONTENT_COLUMN = "no_content_column"
ORPHAN_TEXT = "orphan_text"
STRAY_TEXT = "stray_text"
EMPTY_ROWS = "empty_rows"
REPEATED_HEADER = "repeated_header"
JOINED_ROW = "joined_row"
UNNUMBERED_ROW = "unnumbered_row"
UNKNOWN_GROUP = "unknown_group"
EMPTY_TASK = "empty_task"
TOO_DEEP = "too_deep"
LEGACY_ENCODING = "legacy_encoding"
JOINED_TABLES = "joined_tables"
READ_NOTE = "read_note"

# The problems of rows whose text does not arrive in the plan (an import reports them; the CLI exits 1).
NOT_TAKEN = (ORPHAN_TEXT, EMPTY_TASK)


@dataclass
class ImportRow:
    """One row of the result, as the import dialog lists it (the window may flip `checked`
    and change `area` before importing)."""

    kind: str  # "task", "group" (an area heading, not imported) or "unknown" (text that fits no column)
    label: str  # the number as written in the file: "1", "2.1", "a)", "II" (or opening a row with no STT: "b)")
    level: int  # 0 task, 1 sub-task, 2 sub-sub-task
    area: str  # proposed reform area id ('' when unknown)
    fields: dict[str, str]  # content, product, lead, partners, timeline, budget, monitor, note
    source_rows: tuple[int, ...]  # 1-based row numbers in the table
    checked: bool = True
    parent: int | None = None  # index of the parent task row in ImportResult.rows

    def task(self, area: str | None = None) -> Task:
        fields = {k: self.fields.get(k, "") for k in TASK_COLUMN_KEYS}
        return Task(area=self.area if area is None else area, **fields)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return self.fields.get("content", "") or next((v for v in self.fields.values() if v), "")


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str  # one Vietnamese sentence
    row: int | None = None  # 1-based table row
    column: int | None = None  # 0-based column
    text: str = ""
