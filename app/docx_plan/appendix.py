"""An appendix: its label and title lines, and its table read by the table importer.

The table goes through app.importing (list_tables, parse_table): groups, sub-rows, continuation
rows, tables continued over a page and repeated header rows are understood there, once. Only the
footnotes, which that reader does not keep, are written back into the cells here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from app.docx_plan.source import Tbl
from app.importing import GROUP, TASK, UNKNOWN, ImportResult, RawTable, parse_table
from app.model import TARGET_COLUMN_KEYS, TARGET_COLUMNS, TASK_COLUMN_KEYS, TASK_COLUMNS, Appendix, Target
from app.vietnamese import fold

_LABEL = re.compile(r"^ph[ụu] l[ụu]c\s*(?P<num>(?:s[ốo]\s*)?[0-9IVXLivxl]+)?\s*[:.\-–]?\s*(?P<rest>.*)$", re.I)


def read_appendix_label(text: str) -> tuple[str, str] | None:
    """(numbering style, title after the label) from 'Phụ lục I', 'PHỤ LỤC SỐ 01: …', 'Phụ lục 2'."""
    m = _LABEL.match(" ".join(text.split()))
    if not m or not m.group("num"):
        return None
    num = (m.group("num") or "").strip()
    if fold(num).startswith("so"):
        style = "number"
    elif num.isdigit():
        style = "arabic"
    else:
        style = "roman"
    return style, m.group("rest").strip()


def is_list_title(text: str) -> bool:
    """'DANH MỤC NHIỆM VỤ …': a title that opens an appendix by itself."""
    return fold(text).startswith("danh muc") and text == text.upper()


def is_attachment(text: str) -> bool:
    f = fold(text).lstrip("( ")
    return f.startswith(("kem theo", "ban hanh kem theo"))


@dataclass
class Pending:
    """An appendix whose title is being read, waiting for its table."""

    style: str = "roman"
    title: list[str] = field(default_factory=list)


@dataclass
class Read:
    appendix: Appendix
    targets: tuple[Target, ...] = ()
    unplaced: list[str] = field(default_factory=list)
    letter_subtasks: bool = False
    areas: list[tuple[str, str]] = field(default_factory=list)  # (area, the title its group row prints)
    headed: bool = False  # the table has a header row naming its content column


def with_notes(raw: RawTable, tbl: Tbl) -> RawTable:
    """The importer's table with each cell's footnotes put back as ^[…], matched row by row (the
    rows of a table continued over a page keep their marks only)."""
    by_row = tbl.noted_cells()
    if not any(by_row):
        return raw

    def fix(grid: list[list[str]]) -> list[list[str]]:
        return [[by_row[r].get(t, t) if r < len(by_row) else t for t in row] for r, row in enumerate(grid)]

    raw.cells, raw.filled = fix(raw.cells), fix(raw.filled)
    return raw


def _is_targets(title: str, result: ImportResult) -> bool:
    heads = " ".join(fold(h) for h in result.headers)
    f = fold(title)
    return ("muc tieu" in f and "nhiem vu" not in f) or "noi dung muc tieu" in heads


def _columns(result: ImportResult, targets: bool) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The appendix's columns in the table's order, and the header texts that differ from the default."""
    keys = TARGET_COLUMN_KEYS if targets else TASK_COLUMN_KEYS
    defaults = dict(TARGET_COLUMNS if targets else TASK_COLUMNS)
    cols: list[str] = []
    heads: list[tuple[str, str]] = []
    for col, key in sorted(result.mapping.items()):
        if targets and key == "monitor" and "lead" not in result.mapping.values():
            key = "lead"  # "Đơn vị phụ trách, theo dõi"
        if key in keys and key not in cols:
            cols.append(key)
            text = " ".join(result.headers[col].split()) if col < len(result.headers) else ""
            if text and text != defaults[key]:
                heads.append((key, text))
    return tuple(cols), tuple(heads)


def _plan_headers(result: ImportResult, targets: bool) -> ImportResult:
    """A header wording the plans themselves use that a task table seldom does: a target table's
    'Giai đoạn' is its note column."""
    mapping = dict(result.mapping)
    for col, head in enumerate(result.headers):
        f = " ".join(fold(head).split())
        key = "note" if targets and f == "giai doan" else None
        if key is not None and mapping.get(col) != key:
            mapping[col] = key
    return result.remap(mapping) if mapping != result.mapping else result


def _rows(result: ImportResult) -> tuple[list[tuple[str, str]], bool, list, list[str], bool]:
    """(group areas and titles, grouped?, chosen (area, task) pairs, unplaced texts, lettered sub-rows?)."""
    groups = [(r.area, r.text) for r in result.rows if r.kind == GROUP and r.area and r.text]
    grouped = any(r.kind == GROUP for r in result.rows)
    chosen = result.selected([i for i, r in enumerate(result.rows) if r.kind == TASK])
    unplaced = [r.text for r in result.rows if r.kind == UNKNOWN and r.text]
    letters = any(r.kind == TASK and r.level > 0 and r.label[:1].isalpha() for r in result.rows)
    return groups, grouped, chosen, unplaced, letters


def read_table(raw: RawTable, title: str) -> Read:
    """One appendix from one (joined) table of the file."""
    result = parse_table(raw)
    targets = _is_targets(title, result)
    result = _plan_headers(result, targets)
    cols, heads = _columns(result, targets)
    groups, grouped, chosen, unplaced, letters = _rows(result)
    one_area = not grouped and not targets and chosen and all(a == result.table_area for a, _ in chosen)
    tasks = tuple(t for _, t in chosen)
    kind = "targets" if targets else "tasks"
    base = Appendix(kind, title, cols, grouped, result.table_area if one_area else "", heads)
    headed = result.header_rows > 0 and "content" in result.mapping.values()
    if targets:
        found = tuple(Target(t.area, t.content, t.lead or t.monitor, t.partners, t.note) for t in tasks)
        return Read(base, found, unplaced, areas=groups, headed=headed)
    return Read(replace(base, tasks=tasks), (), unplaced, letters, groups, headed)
