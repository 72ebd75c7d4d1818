"""Steps over each body row alone: the column mapping, then blank, repeated header, heading, stray text or task."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.importing.columns import NUMBER, guess_mapping, is_column_number_row, map_columns, normalise_mapping
from app.importing.header import Header, is_repeated_header
from app.importing.labels import (
    guess_area,
    join_text,
    looks_like_heading,
    parse_label,
    split_content_number,
    split_group_prefix,
)
from app.importing.readers import RawTable

# What a body row is.
BLANK = "blank"  # no text: skipped and counted
REPEAT = "repeat"  # the header again, or the column-number line: skipped and counted
HEADING = "heading"  # a group heading ('II. Cải cách thủ tục hành chính')
ORPHAN = "orphan"  # text, but none in a mapped column
ENTRY = "entry"  # a task
JOINED = "joined"  # the rest of the task above, cut by a page break (set by attach_continuations)

_NOT_DETAILS = (None, NUMBER, "content")


@dataclass(frozen=True)
class Columns:
    """The column mapping as the row steps use it."""

    keys: dict[int, str | None]  # column -> field key or None, for every column
    count: int  # columns in the table
    number: int | None = None  # the STT column
    guessed: bool = False  # no header and no user mapping: guessed from the columns' contents


@dataclass(frozen=True)
class Line:
    """One body row as the steps see it; a step returns changed copies, never changes a Line."""

    what: str  # BLANK, REPEAT, HEADING, ORPHAN, ENTRY or JOINED
    row: int  # 1-based row in the table
    label: str = ""  # the number as written: '2.1', 'a)', 'II'
    numbering: str = ""  # 'decimal', 'letter', 'bullet' or '' (none)
    depth: int = 0  # a decimal number's depth: '2.1' is 1
    fields: dict[str, str] = field(default_factory=dict)  # a heading's title is its 'content'
    stray: tuple[tuple[int, str], ...] = ()  # (column, text) in unmapped columns
    untitled: bool = False  # a task row with no content of its own
    unnumbered: bool = False  # no number although the table has an STT column
    joined: tuple[int, ...] = ()  # rows joined to this task (page breaks)
    joined_to: int | None = None  # JOINED: the row of the task it continues
    level: int = 0
    too_deep: bool = False  # its number asks for a fourth level; placed on the third
    parent: int | None = None  # index of the parent task among the result rows
    area: str = ""


def map_table_columns(table: RawTable, header: Header, mapping: dict | None = None) -> Columns:
    """Step 2: which field each column holds: the user's mapping, else the header's, else a guess."""
    n_cols = table.n_cols
    if mapping is not None:
        keys = normalise_mapping(mapping, n_cols)
    elif header.count:
        keys = map_columns(header.texts)
    else:
        keys = guess_mapping(table)
    for c in range(n_cols):
        keys.setdefault(c, None)
    number = next((c for c, k in keys.items() if k == NUMBER), None)
    return Columns(keys, n_cols, number, guessed=mapping is None and not header.count)


def classify_rows(table: RawTable, header: Header, columns: Columns) -> list[Line]:
    """Step 3: every body row under the header, each understood without looking at the rows above it."""
    return [classify_row(table, r, header, columns) for r in range(header.end, table.n_rows)]


def classify_row(table: RawTable, r: int, header: Header, columns: Columns) -> Line:
    """Row `r` (0-based) as a Line: skipped, a group heading, stray text or a task with its fields."""
    cells = table.cells[r]
    if not any(t.strip() for t in cells):
        return Line(BLANK, r + 1)
    if is_repeated_header(table.filled[r], header) or is_column_number_row(cells):
        return Line(REPEAT, r + 1)
    label = cells[columns.number].strip() if columns.number is not None else ""
    kind, value = row_numbering(label, cells, columns)
    heading = group_heading(cells, table.covered[r], columns, kind, label)
    if heading is not None:
        title = heading[1]
        return Line(HEADING, r + 1, label=heading[0], fields={"content": title}, area=guess_area(title))
    fields, stray = row_fields(table, r, columns, kind not in ("", "text"))
    if kind == "text":
        # Text in the STT column that is no number: keep it, at the front of the content.
        fields["content"] = join_text(label, fields.get("content", ""))
        kind = ""
    if not fields:
        return Line(ORPHAN, r + 1, label=label, stray=tuple(stray))
    if columns.number is None and kind == "":
        label, kind, value, fields = split_numbered_content(fields)
    depth = len(value) - 1 if isinstance(value, list) else 0  # only a decimal number has parts
    untitled = not fields.get("content")
    return Line(ENTRY, r + 1, label, kind, depth, fields, tuple(stray), untitled=untitled)


def row_numbering(label: str, cells: list[str], columns: Columns) -> tuple[str, object]:
    """The kind and value of a row's number; 'I', 'II' numbering real tasks (with a product, a lead…) are numbers."""
    kind, value = parse_label(label)
    if kind != "group":
        return kind, value
    nonempty = [c for c, t in enumerate(cells) if t.strip()]
    details = [c for c in nonempty if columns.keys.get(c) not in _NOT_DETAILS]
    if details and not guess_area(" ".join(cells[c] for c in nonempty)):
        return "decimal", [0]
    return kind, value


def group_heading(
    cells: list[str], covered: list[str], columns: Columns, kind: str, label: str
) -> tuple[str, str] | None:
    """(label, title) of a group heading: 'I Cải cách thể chế' merged, 'II' + title, an area's title alone."""
    nonempty = [c for c, t in enumerate(cells) if t.strip()]
    if kind == "group":
        return label, " ".join(cells[c] for c in nonempty if c != columns.number)
    if len(nonempty) != 1:
        return None
    c = nonempty[0]
    if (c + 1 < columns.count and covered[c + 1] == "h") or c == columns.number:
        return _heading_in_merged_cell(cells[c], kind == "text" and c == columns.number)
    if kind == "" and columns.keys.get(c) == "content" and looks_like_heading(cells[c]):
        return "", cells[c]
    return None


def _heading_in_merged_cell(text: str, in_number_column: bool) -> tuple[str, str] | None:
    """Text across the row or alone in the STT column: a heading if numbered 'II.', naming an area, or in STT."""
    prefixed = split_group_prefix(text)
    if prefixed:
        return prefixed
    if guess_area(text) or in_number_column:
        return "", text
    return None


def row_fields(
    table: RawTable, r: int, columns: Columns, numbered: bool
) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """The row's text per field and the text in unmapped columns (stray)."""
    # A numbered row takes the text of a cell merged down from above (one lead for several tasks);
    # a numberless row does not, or a page-broken row would repeat its task's lead.
    cells, covered, filled = table.cells[r], table.covered[r], table.filled[r]
    fields: dict[str, str] = {}
    stray: list[tuple[int, str]] = []
    for c in range(columns.count):
        key = columns.keys.get(c)
        text = cells[c].strip()
        if not text and covered[c] == "v" and key not in _NOT_DETAILS and numbered:
            text = filled[c].strip()
        if not text:
            continue
        if key is None:
            stray.append((c, text))
        elif key != NUMBER:
            fields[key] = join_text(fields.get(key, ""), text)
    return fields, stray


def split_numbered_content(fields: dict[str, str]) -> tuple[str, str, object, dict[str, str]]:
    """With no STT column, a number typed at the start of the content ('1.', '2.1', 'a)', '-') is the row's number."""
    split = split_content_number(fields.get("content", ""))
    if split is None:
        return "", "", None, fields
    label, content = split
    kind, value = parse_label(label)
    return label, kind, value, {**fields, "content": content}
