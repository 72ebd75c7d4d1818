"""Steps over the classified rows together: lettered sub-rows told from page-broken rows (joined), sub-tasks
nested, areas, result rows."""

from __future__ import annotations

from dataclasses import replace

from app.importing.classify import ENTRY, HEADING, JOINED, ORPHAN, Line
from app.importing.labels import SENTENCE_END, follows, item_letters, join_text, split_letter_item
from app.importing.rows import GROUP, MAX_LEVEL, TASK, UNKNOWN, ImportRow

PLACED = (HEADING, ORPHAN, ENTRY)  # the Lines that become rows of the result


def attach_continuations(lines: list[Line], numbered: bool) -> list[Line]:
    """Step 4: numberless rows: one opening a lettered item ('b) …') is a sub-row of its own; one that
    reads on from the task above is joined to it; any other is a task of its own, flagged."""
    # Only with an STT column: without one, no row has a number to miss, so none is a continuation.
    out = list(lines)
    last: int | None = None  # the last task since the last heading
    for i, line in enumerate(out):
        if line.what == HEADING:
            last = None
        if line.what != ENTRY:
            continue
        if numbered and line.numbering == "":
            lettered = lettered_row(line, out[last] if last is not None else None)
            if lettered is None and last is not None and reads_on(out[last], line):
                out[i] = replace(line, what=JOINED, joined_to=out[last].row)
                out[last] = join_lines(out[last], line)
                continue
            out[i] = lettered or replace(line, unnumbered=True)
        last = i
    return out


def lettered_row(line: Line, above: Line | None) -> Line | None:
    """The numberless row as a lettered sub-row ('b) Rà soát…': number 'b)', content 'Rà soát…'), or None.

    A row whose content opens one lettered item is a sub-task with its own columns, even empty ones
    (real tables leave the STT of their a), b) rows empty, and may start at b)). It stays text when
    its cell lists several items ('a) …\nb) …'), or when it has nothing in its other columns and its
    letter goes on with the lettered list in the content of the task above: a cell cut by a page.
    """
    content = line.fields.get("content", "")
    split = split_letter_item(content)
    if split is None or len(item_letters(content)) > 1:
        return None
    if above is not None and set(line.fields) == {"content"} and continues_list(above, content):
        return None
    label, text = split
    return replace(line, label=label, numbering="letter", fields={**line.fields, "content": text})


def continues_list(task: Line, content: str) -> bool:
    """The content's letter comes right after the last lettered line of the task's content."""
    letters = item_letters(task.fields.get("content", ""))
    return bool(letters) and follows(letters[-1], content[0])


def reads_on(task: Line, line: Line) -> bool:
    """The line has no content, starts in lower case, or follows a task content that has not ended its sentence."""
    content = line.fields.get("content", "")
    before = task.fields.get("content", "")
    return not content or content[0].islower() or not before or before[-1] not in SENTENCE_END


def join_lines(task: Line, line: Line) -> Line:
    """The task with the line's text added to each of its fields."""
    fields = dict(task.fields)
    for key, text in line.fields.items():
        fields[key] = join_text(fields.get(key, ""), text)
    return replace(task, fields=fields, joined=task.joined + (line.row,))


def nest_sub_rows(lines: list[Line]) -> list[Line]:
    """Step 5: each task's level and parent from its number: '2.1' under '2', 'a)' under the last decimal;
    a number asking for a fourth level is placed on the third and flagged."""
    out: list[Line] = []
    placed: list[Line] = []
    last_task: Line | None = None
    last_decimal = -1  # the level of the last decimal-numbered task since the last heading
    for line in lines:
        if line.what == HEADING:
            last_task, last_decimal = None, -1
        elif line.what == ENTRY:
            wanted = wanted_level(line, last_task, last_decimal)
            level = min(wanted, MAX_LEVEL)
            if line.numbering == "decimal":
                last_decimal = level
            line = place_under(replace(line, too_deep=wanted > MAX_LEVEL), level, placed)
            last_task = line
        if line.what in PLACED:
            placed.append(line)
        out.append(line)
    return out


def wanted_level(line: Line, last_task: Line | None, last_decimal: int) -> int:
    """The level the line's number asks for (past MAX_LEVEL too), before a parent is looked for."""
    if line.numbering == "decimal":
        return line.depth
    if line.numbering in ("letter", "bullet"):
        return max(last_decimal, 0) + 1 if last_task is not None else 0
    return last_task.level if last_task is not None else 0


def place_under(line: Line, level: int, placed: list[Line]) -> Line:
    """The line under the nearest task above it of a lower level, not past a heading; at the top when none."""
    if level <= 0:
        return replace(line, level=level, parent=None)
    for j in range(len(placed) - 1, -1, -1):
        if placed[j].what == HEADING:
            break
        if placed[j].what == ENTRY and placed[j].level < level:
            return replace(line, level=placed[j].level + 1, parent=j)
    return replace(line, level=0, parent=None)


def assign_areas(lines: list[Line], table_area: str) -> list[Line]:
    """Step 6: every task and unplaced row takes the area of the group heading above it, or the table's."""
    out: list[Line] = []
    area = table_area
    for line in lines:
        if line.what == HEADING:
            area = line.area
        elif line.what in (ENTRY, ORPHAN):
            line = replace(line, area=area)
        out.append(line)
    return out


def import_rows(lines: list[Line]) -> list[ImportRow]:
    """Step 7: the result's rows: group headings and unplaced text unticked, tasks ticked when they have content."""
    rows: list[ImportRow] = []
    for line in lines:
        if line.what == HEADING:
            rows.append(ImportRow(GROUP, line.label, 0, line.area, dict(line.fields), (line.row,), False))
        elif line.what == ORPHAN:
            text = " | ".join(t for _, t in line.stray)
            rows.append(ImportRow(UNKNOWN, line.label, 0, line.area, {"content": text}, (line.row,), False))
        elif line.what == ENTRY:
            checked = bool(line.fields.get("content"))
            source = (line.row,) + line.joined
            rows.append(
                ImportRow(TASK, line.label, line.level, line.area, dict(line.fields), source, checked, line.parent)
            )
    return rows
