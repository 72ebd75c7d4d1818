"""A table's rows understood as tasks: header, group rows, numbering, page breaks, problems.

Nothing is dropped silently: every row of the table is either a row of the result (a task,
a group heading or text that could not be placed) or counted and explained in `problems`
(empty rows, repeated header rows, column-number rows).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from app.importing.columns import (
    FIELD_NAMES,
    NUMBER,
    column_key,
    header_score,
    is_column_number_row,
    map_columns,
    normalise_mapping,
)
from app.importing.readers import RawTable
from app.model import AREA_CATALOGUE, TASK_COLUMN_KEYS, Task
from app.vietnamese import fold

MAX_LEVEL = 2  # tasks, sub-tasks, sub-sub-tasks (app.usecases.editing.MAX_TASK_DEPTH = 3)
HEADER_SEARCH_ROWS = 12

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
LEGACY_ENCODING = "legacy_encoding"
JOINED_TABLES = "joined_tables"
READ_NOTE = "read_note"

_AREA_KEYWORDS: dict[str, tuple[str, ...]] = {
    "institutions": ("the che",),
    "procedures": ("thu tuc", "tthc", "mot cua"),
    "apparatus": ("to chuc bo may", "bo may"),
    "civil_service": ("che do cong vu", "cong vu", "can bo, cong chuc", "doi ngu can bo"),
    "public_finance": ("tai chinh cong", "tai chinh"),
    "digital_government": (
        "chinh quyen dien tu",
        "chinh quyen so",
        "chinh phu dien tu",
        "chinh phu so",
        "chuyen doi so",
        "dien tu",
        "hien dai hoa",
    ),
    "direction": ("chi dao", "dieu hanh", "tuyen truyen"),
}
_AREA_TITLES = dict(AREA_CATALOGUE)

_ROMAN = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
_GROUP_LABEL = re.compile(rf"^({_ROMAN}|[A-H])\s*[.):\-–]?$")
_GROUP_PREFIX = re.compile(rf"^({_ROMAN}|[A-H])(?:\s*[.):\-–]\s*|\s+)(\S.*)$", re.S)
_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
_LETTER = re.compile(r"^([a-zđ])\s*[).]?$")
_BULLET = re.compile(r"^[-+•*–—·]$")
_CONTENT_PREFIX = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}\.\d{1,3}|[a-zđ]\)|[-+•–])\s+(\S.*)$", re.S)
_HEADING_START = ("cai cach", "xay dung", "cong tac", "chinh quyen", "chuyen doi so", "hien dai hoa", "linh vuc")
_SENTENCE_END = ".;:!?…)"


def guess_area(text: str) -> str:
    """The reform area a group title names ('II Cải cách thủ tục hành chính' -> 'procedures'), or ''."""
    folded = " ".join(fold(text).split())
    best, best_pos = "", len(folded) + 1
    for area, words in _AREA_KEYWORDS.items():
        for w in words:
            pos = folded.find(w)
            if 0 <= pos < best_pos:
                best, best_pos = area, pos
    return best


@dataclass
class ImportRow:
    """One row of the result, as the import dialog lists it (the window may flip `checked`
    and change `area` before importing)."""

    kind: str  # "task", "group" (an area heading, not imported) or "unknown" (text that fits no column)
    label: str  # the number as written in the file: "1", "2.1", "a)", "II"
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


@dataclass
class ImportResult:
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
        from app.importing.years import shift_result

        res = parse_table(self.table, mapping, table_index=self.table_index)
        return shift_result(res, self.year_shift, self.source_year) if self.year_shift else res

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


# ---------------------------------------------------------------- header


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def find_header(table: RawTable) -> tuple[int, int]:
    """(first header row, number of header rows); (0, 0) when no header is found."""
    best, best_row = 1, -1
    for r in range(min(HEADER_SEARCH_ROWS, table.n_rows)):
        score = header_score(table.filled[r])
        if score > best:
            best, best_row = score, r
    if best_row < 0:
        return 0, 0
    # The lower line of a two-line header repeats the merged cells above it: start at the top line.
    while best_row > 0 and "v" in table.covered[best_row] and header_score(table.filled[best_row - 1]) >= 2:
        best_row -= 1
    start, end = best_row, best_row + 1
    while end < table.n_rows and end - start < 3:
        row, cov = table.cells[end], table.covered[end]
        above_cov = table.covered[end - 1]
        nonempty = [c for c, t in enumerate(row) if t.strip()]
        if is_column_number_row(row):
            end += 1
            break
        if not nonempty:
            break
        v_from_header = any(cov[c] == "v" for c in range(len(row)))
        spanned_above = any(x == "h" for x in above_cov)
        short = all(len(row[c]) <= 40 and not _DECIMAL.match(row[c].strip()) for c in nonempty)
        known = all(column_key(row[c]) or len(row[c]) <= 20 for c in nonempty)
        if short and known and (v_from_header or spanned_above):
            end += 1
            continue
        break
    return start, end - start


def _header_texts(table: RawTable, start: int, count: int) -> list[str]:
    out = []
    for c in range(table.n_cols):
        parts: list[str] = []
        for r in range(start, start + count):
            t = " ".join(table.filled[r][c].split())
            if t and not is_column_number_row([t, "1", "2"]) and (not parts or parts[-1] != t):
                if not re.fullmatch(r"\(?\d{1,2}\)?", t):
                    parts.append(t)
        out.append(" ".join(parts))
    return out


# ---------------------------------------------------------------- rows


def _label(text: str) -> tuple[str, object]:
    """('decimal', [2, 1]) / ('letter', 'a') / ('group', 'II') / ('bullet', '-') / ('', None)."""
    t = " ".join(text.split())
    if not t:
        return "", None
    m = _DECIMAL.match(t)
    if m:
        return "decimal", [int(x) for x in m.group(1).split(".")]
    if _GROUP_LABEL.match(t):
        return "group", t.rstrip(".):-– ")
    m = _LETTER.match(t)
    if m:
        return "letter", m.group(1)
    if _BULLET.match(t):
        return "bullet", t
    return "text", t


def _join(before: str, after: str) -> str:
    if not before:
        return after
    if not after:
        return before
    if before[-1] not in _SENTENCE_END and (after[0].islower() or after[0].isdigit() or after[0] in ",;)"):
        return f"{before} {after}"
    return f"{before}\n{after}"


def parse_table(table: RawTable, mapping: dict | None = None, table_index: int = 0) -> ImportResult:
    """Understand one table; with `mapping` (column -> key) the header's own mapping is replaced."""
    n_cols = table.n_cols
    problems: list[Problem] = []
    for note in table.notes:
        kind = LEGACY_ENCODING if "bảng mã" in note else (JOINED_TABLES if "nối" in note else READ_NOTE)
        problems.append(Problem(kind, note))
    start, count = find_header(table)
    headers = _header_texts(table, start, count) if count else [""] * n_cols
    if mapping is not None:
        cols = normalise_mapping(mapping, n_cols)
    elif count:
        cols = map_columns(headers)
    else:
        cols = _guess_mapping(table)
        problems.append(
            Problem(
                NO_HEADER,
                "Không nhận ra dòng tiêu đề của bảng; các cột được đoán theo vị trí, hãy kiểm tra cách gán cột.",
            )
        )
    for c in range(n_cols):
        cols.setdefault(c, None)
    body_start = start + count
    if count:
        for c, key in cols.items():
            if key is None and headers[c]:
                problems.append(
                    Problem(
                        UNMAPPED_COLUMN,
                        f"Cột «{headers[c]}» (cột {c + 1}) không khớp với cột nào của bảng nhiệm vụ; chữ trong cột này không được nhập.",
                        column=c,
                        text=headers[c],
                    )
                )
    if "content" not in cols.values():
        problems.append(
            Problem(NO_CONTENT_COLUMN, "Chưa có cột nào được gán là «Nội dung»; hãy chọn cột chứa tên nhiệm vụ.")
        )
    num_col = next((c for c, k in cols.items() if k == NUMBER), None)
    table_area = guess_area(table.title)

    # Title rows above the header are the table's caption, not data.
    header_keys = {_compact(" ".join(table.filled[r])) for r in range(start, start + count)}
    header_cells = [[_compact(t) for t in table.filled[r]] for r in range(start, start + count)]

    rows: list[ImportRow] = []
    empty = repeated = 0
    current_area = table_area
    last_task: int | None = None
    last_decimal_level = -1

    def is_repeated_header(r: int) -> bool:
        if not count:
            return False
        row = [_compact(t) for t in table.filled[r]]
        if _compact(" ".join(table.filled[r])) in header_keys:
            return True
        for hc in header_cells:
            pairs = [(a, b) for a, b in zip(row, hc, strict=False) if a or b]
            if pairs and sum(1 for a, b in pairs if a == b) >= max(2, 0.6 * len(pairs)):
                return True
        return False

    for r in range(body_start, table.n_rows):
        cells, covered, filled = table.cells[r], table.covered[r], table.filled[r]
        rownum = r + 1
        if not any(t.strip() for t in cells):
            empty += 1
            continue
        if is_repeated_header(r) or is_column_number_row(cells):
            repeated += 1
            continue
        label_text = cells[num_col].strip() if num_col is not None else ""
        kind, value = _label(label_text)
        nonempty = [c for c, t in enumerate(cells) if t.strip()]

        # Group heading: "I Cải cách thể chế" in one merged cell, or "II" + title, or "A." …
        group_title = None
        group_label = label_text if kind == "group" else ""
        details = [c for c in nonempty if cols.get(c) not in (None, NUMBER, "content")]
        if kind == "group" and details and not guess_area(" ".join(cells[c] for c in nonempty)):
            kind, value = "decimal", [0]  # "I", "II" numbering tasks (a product, a lead…): a task, not a group
        if kind == "group":
            group_title = " ".join(cells[c] for c in nonempty if c != num_col)
        elif len(nonempty) == 1 and (
            (nonempty[0] + 1 < n_cols and covered[nonempty[0] + 1] == "h") or nonempty[0] == num_col
        ):
            m = _GROUP_PREFIX.match(cells[nonempty[0]])
            text = cells[nonempty[0]]
            if m:
                group_label, group_title = m.group(1), m.group(2)
            elif guess_area(text) or kind == "text" and nonempty[0] == num_col:
                group_title = text
        elif kind == "" and len(nonempty) == 1 and cols.get(nonempty[0]) == "content":
            text = cells[nonempty[0]]
            ftext = " ".join(fold(text).split())
            if guess_area(text) and ftext.startswith(_HEADING_START) and len(text) <= 120 and text[-1] not in ".;":
                group_title = text
        if group_title is not None:
            area = guess_area(group_title)
            rows.append(ImportRow(GROUP, group_label, 0, area, {"content": group_title}, (rownum,), False))
            if not area:
                problems.append(
                    Problem(
                        UNKNOWN_GROUP,
                        f"Dòng {rownum}: nhóm «{group_title}» không khớp với lĩnh vực cải cách nào; các nhiệm vụ bên dưới cần chọn lĩnh vực.",
                        row=rownum,
                        text=group_title,
                    )
                )
            current_area = area
            last_task, last_decimal_level = None, -1
            continue

        # The row's text per field; a cell merged down from the row above counts for a numbered row.
        fields: dict[str, str] = {}
        stray: list[tuple[int, str]] = []
        for c in range(n_cols):
            key = cols.get(c)
            text = cells[c].strip()
            if not text and covered[c] == "v" and key not in (None, NUMBER, "content") and kind not in ("", "text"):
                text = filled[c].strip()
            if not text:
                continue
            if key is None:
                stray.append((c, text))
            elif key != NUMBER:
                fields[key] = _join(fields.get(key, ""), text)
        if kind == "text" and num_col is not None:
            # Text in the STT column that is no number: keep it, at the front of the content.
            fields["content"] = _join(label_text, fields.get("content", ""))
            kind = ""
        if not fields:
            rows.append(
                ImportRow(
                    UNKNOWN, label_text, 0, current_area, {"content": " | ".join(t for _, t in stray)}, (rownum,), False
                )
            )
            problems.append(
                Problem(
                    ORPHAN_TEXT,
                    f"Dòng {rownum}: có chữ nhưng không nằm trong cột nào đã gán («{_short(stray)}»); dòng này không được nhập.",
                    row=rownum,
                    text=" | ".join(t for _, t in stray),
                )
            )
            continue
        for c, text in stray:
            problems.append(
                Problem(
                    STRAY_TEXT,
                    f"Dòng {rownum}: chữ ở cột {c + 1} không thuộc cột nào đã gán nên không được nhập («{_short([(c, text)])}».",
                    row=rownum,
                    column=c,
                    text=text,
                )
            )

        if num_col is None and kind == "":
            m = _CONTENT_PREFIX.match(fields.get("content", ""))
            if m:
                label_text = m.group(1)
                fields["content"] = m.group(2)
                kind, value = _label(label_text.rstrip(")") + (")" if label_text.endswith(")") else ""))
                if label_text in "-+•–":
                    kind = "bullet"

        # A row broken by a page break: no number, text where the row above left off.
        if kind == "" and num_col is not None and last_task is not None:
            prev = rows[last_task]
            content = fields.get("content", "")
            prev_content = prev.fields.get("content", "")
            if not content or content[0].islower() or not prev_content or prev_content[-1] not in _SENTENCE_END:
                for k, v in fields.items():
                    prev.fields[k] = _join(prev.fields.get(k, ""), v)
                prev.source_rows = prev.source_rows + (rownum,)
                if prev.fields.get("content") and not prev.checked and rows[last_task].kind == TASK:
                    prev.checked = True
                problems.append(
                    Problem(
                        JOINED_ROW,
                        f"Dòng {rownum} không có số thứ tự và được nối vào nhiệm vụ ở dòng {prev.source_rows[0]} (dòng bị ngắt trang).",
                        row=rownum,
                    )
                )
                continue

        if kind == "decimal":
            level = min(len(value) - 1, MAX_LEVEL)  # type: ignore[arg-type]
            last_decimal_level = level
        elif kind in ("letter", "bullet"):
            level = min(max(last_decimal_level, 0) + 1, MAX_LEVEL) if last_task is not None else 0
        else:
            level = rows[last_task].level if last_task is not None else 0
            if num_col is not None:
                problems.append(
                    Problem(
                        UNNUMBERED_ROW,
                        f"Dòng {rownum} không có số thứ tự; được coi là một nhiệm vụ riêng.",
                        row=rownum,
                    )
                )
        parent = None
        if level > 0:
            for j in range(len(rows) - 1, -1, -1):
                if rows[j].kind == GROUP:
                    break
                if rows[j].kind == TASK and rows[j].level < level:
                    parent = j
                    break
            if parent is None:
                level = 0
            else:
                level = rows[parent].level + 1
        row = ImportRow(TASK, label_text, level, current_area, fields, (rownum,), True, parent)
        if not fields.get("content"):
            row.checked = False
            problems.append(
                Problem(EMPTY_TASK, f"Dòng {rownum}: nhiệm vụ không có nội dung; chưa được chọn để nhập.", row=rownum)
            )
        rows.append(row)
        last_task = len(rows) - 1

    if empty:
        problems.append(Problem(EMPTY_ROWS, f"Bỏ qua {empty} dòng trống."))
    if repeated:
        problems.append(
            Problem(REPEATED_HEADER, f"Bỏ qua {repeated} dòng tiêu đề lặp lại hoặc dòng đánh số cột (ở đầu các trang).")
        )
    return ImportResult(
        table=table,
        table_index=table_index,
        headers=headers,
        header_rows=count + start,
        mapping=cols,
        rows=rows,
        problems=problems,
        empty_rows=empty,
        repeated_headers=repeated,
        table_area=table_area,
    )


def _short(items: list[tuple[int, str]], n: int = 60) -> str:
    text = " | ".join(" ".join(t.split()) for _, t in items)
    return text if len(text) <= n else text[: n - 1] + "…"


def _guess_mapping(table: RawTable) -> dict[int, str | None]:
    """No header: a first column of numbers is STT, the widest text column is the content."""
    n = table.n_cols
    mapping: dict[int, str | None] = {c: None for c in range(n)}
    if not n:
        return mapping
    numbers = sum(1 for row in table.cells if row and _label(row[0])[0] in ("decimal", "letter", "group"))
    first = 0
    if numbers >= max(1, table.n_rows // 3):
        mapping[0] = NUMBER
        first = 1
    lengths: Counter[int] = Counter()
    for row in table.cells:
        for c in range(first, n):
            lengths[c] += len(row[c])
    if lengths:
        content = max(range(first, n), key=lambda c: lengths[c]) if first < n else None
        if content is not None:
            mapping[content] = "content"
            rest = [k for k in TASK_COLUMN_KEYS if k != "content"]
            for c in range(content + 1, n):
                if rest:
                    mapping[c] = rest.pop(0)
    return mapping


def field_name(key: str | None) -> str:
    return FIELD_NAMES.get(key, "(bỏ qua)") if key else "(bỏ qua)"
