"""A province's criteria table (.xlsx or .docx) read through the table importer's readers.

The table importer finds the tables and sheets (size caps, merged cells, legacy encodings); this
module finds the criteria header (STT / Tiêu chí / Điểm tối đa / Hướng dẫn chấm, merged over one to
three lines), reads the numbering 1 / 1.1 / 1.1.1 as the tree and the points as written ("1",
"0,5", "2.0"). The result is a preview: the set, and what was not taken, before anything is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from app.errors import InvalidInput
from app.importing import RawTable, list_tables
from app.importing.columns import is_column_number_row
from app.importing.header import header_texts
from app.index.model import BONUS, PENALTY, SURVEY, CriteriaSet, Criterion, parse_points
from app.index.validate import check_set, set_problems
from app.vietnamese import clean_text, fold

HEADER_SEARCH_ROWS, MAX_HEADER_ROWS = 12, 3
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\.?$")
_TOTAL = re.compile(r"^(tong cong|tong diem|tong so|tong)\b")
NUMBER, TITLE, POINTS, GUIDANCE = "number", "title", "points", "guidance"


@dataclass
class ImportedSet:
    """What the import would store: the set, the table it came from, every row not taken, and
    (a preview only) why the set cannot be stored as read — empty when it can."""

    criteria_set: CriteriaSet
    source: str
    problems: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)


def _column_kind(text: str) -> str | None:
    w = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split()) + " "
    if w.strip() in ("stt", "tt", "so tt", "so thu tu"):
        return NUMBER
    if any(k in w for k in (" tu cham ", " tham dinh ", " dat duoc ", " danh gia ")):
        return None
    if " diem " in w and (any(k in w for k in (" toi da ", " chuan ", " thang ")) or w.strip() == "diem"):
        return POINTS
    if any(k in w for k in (" huong dan ", " cach cham ", " cach tinh ", " kiem chung ", " yeu cau ")):
        return GUIDANCE
    if any(k in w for k in (" tieu chi ", " noi dung ", " linh vuc ", " chi so ")):
        return TITLE
    return None


def _columns(texts: list[str]) -> dict[str, list[int]]:
    cols: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        kind = _column_kind(t) if t.strip() else None
        if kind:
            cols.setdefault(kind, []).append(i)
    return cols


def _find_header(table: RawTable) -> tuple[int, int, dict[str, list[int]]] | None:
    """(first header row, header rows, columns by kind) of the criteria header, or None."""
    for start in range(min(HEADER_SEARCH_ROWS, table.n_rows)):
        if len({t.strip() for t in table.filled[start] if t.strip()}) < 2:
            continue  # a caption merged over the whole width, or an empty line
        cols = _columns(header_texts(table, start, 1))
        if POINTS in cols and TITLE in cols or (cols and start + 1 < table.n_rows):
            count = _header_count(table, start, cols.get(NUMBER, [0])[0])
            cols = _columns(header_texts(table, start, count))
            if POINTS in cols and TITLE in cols:
                if start + count < table.n_rows and is_column_number_row(table.cells[start + count]):
                    count += 1
                return start, count, cols
    return None


def _header_count(table: RawTable, start: int, num_col: int) -> int:
    """Header lines from `start`: up to the column-number line or the first numbered criterion."""
    count = 1
    while count < MAX_HEADER_ROWS and start + count < table.n_rows:
        row = table.cells[start + count]
        if is_column_number_row(row) or _NUMBER.match(row[num_col].strip() if num_col < len(row) else ""):
            break
        count += 1
    return count


def _cell(row: list[str], cols: list[int]) -> str:
    parts: list[str] = []
    for c in cols:
        t = " ".join(row[c].split()) if c < len(row) else ""
        if t and t not in parts:
            parts.append(t)
    return "\n".join(parts)


def _read_rows(table: RawTable, start: int, cols: dict[str, list[int]], out: ImportedSet) -> Decimal | None:
    """Append the table's criteria to out.criteria_set; the total row's points, if any."""
    total = None
    for r in range(start, table.n_rows):
        found = _take_row(r + 1, table.cells[r], cols, out)
        total = found if found is not None else total
    return total


def _take_row(line: int, row: list[str], cols: dict[str, list[int]], out: ImportedSet) -> Decimal | None:
    """One body line: a criterion, more guidance for the one above, the total (returned), or a problem."""
    crit = out.criteria_set.criteria
    number = _cell(row, cols.get(NUMBER, [0])[:1])
    title = _cell(row, cols[TITLE])
    points_text = _cell(row, cols[POINTS][:1])
    guidance = _cell(row, cols.get(GUIDANCE, []))
    m = _NUMBER.match(number)
    if m and title:
        points = parse_points(points_text)
        if points is None and points_text:
            out.problems.append(f"Dòng {line}: điểm «{points_text}» không phải là số điểm; đã để trống.")
        number = m.group(1)
        part = _part(number, title)
        crit.append(
            Criterion(
                number,
                clean_text(title),
                points if points is not None else Decimal(-1),
                clean_text(guidance),
                part=part,
            )
        )
    elif _TOTAL.match(fold(title or number)) and parse_points(points_text) is not None:
        return parse_points(points_text)
    elif guidance and crit and not number and not title:
        last = crit[-1]
        crit[-1] = Criterion(last.number, last.title, last.max_points, f"{last.guidance}\n{guidance}".strip())
    elif any(t.strip() for t in row):
        out.problems.append(f"Dòng {line} không có số thứ tự dạng 1, 1.1, 1.1.1 nên không được nhập.")
    return None


def _part(number: str, title: str) -> str:
    """An area's part from its title: "Điểm thưởng" / "Điểm cộng", "Điểm trừ", a survey area;
    "" for a criterion (its area's part is its own)."""
    if "." in number:
        return ""
    t = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(title)).split())
    if t.startswith(("diem thuong", "diem cong")):
        return BONUS
    if t.startswith("diem tru"):
        return PENALTY
    if "dieu tra xa hoi hoc" in t or "khao sat su hai long" in t:
        return SURVEY
    return ""


def _fill_missing_points(cs: CriteriaSet) -> None:
    """A parent whose points cell is empty gets the sum of its parts (deepest first)."""
    for i in sorted(range(len(cs.criteria)), key=lambda i: -cs.criteria[i].depth):
        c = cs.criteria[i]
        if c.max_points < 0:
            kids = cs.children(c.number)
            if not kids or any(k.max_points < 0 for k in kids):
                raise InvalidInput(f"Tiêu chí {c.number} không ghi điểm tối đa.")
            cs.criteria[i] = replace(c, max_points=sum((k.max_points for k in kids), Decimal(0)))


def read_criteria_table(
    path: Path | str, table_index: int | None = None, name: str = "", strict: bool = True
) -> ImportedSet:
    """The criteria set a .xlsx/.docx table holds (the first table with a criteria header when no
    index is given), checked whole; InvalidInput with one Vietnamese line otherwise. Not strict
    (the window's preview): a set that is not whole is returned with its refusals listed."""
    path = Path(path)
    tables = list_tables(path)
    indexes = [table_index] if table_index is not None else list(range(len(tables)))
    for i in indexes:
        if not 0 <= i < len(tables):
            raise InvalidInput(f"Tệp chỉ có {len(tables)} bảng; không có bảng số {i + 1}.")
        found = _find_header(tables[i])
        if found is None:
            continue
        start, count, cols = found
        out = ImportedSet(CriteriaSet(name or f"Bộ tiêu chí nhập từ {path.name}", Decimal(0)), tables[i].source)
        out.criteria_set.source = f"imported:{path.name}"
        total = _read_rows(tables[i], start + count, cols, out)
        cs = out.criteria_set
        try:
            _fill_missing_points(cs)
        except InvalidInput as e:
            if strict:
                raise
            out.refusals.append(e.message)
            cs.criteria = [replace(c, max_points=max(c.max_points, Decimal(0))) for c in cs.criteria]
        cs.total = total if total is not None else sum((a.max_points for a in cs.scored_areas()), Decimal(0))
        if strict:
            check_set(cs)
        else:
            out.refusals += [p for p in set_problems(cs) if p not in out.refusals]
        return out
    raise InvalidInput(
        f"Không tìm thấy bảng tiêu chí trong tệp «{path.name}» (cần cột «Tiêu chí» và cột «Điểm tối đa»)."
    )


def preview_file(path: Path | str, name: str = "") -> ImportedSet:
    """What importing a .xlsx/.docx table or a .json set file would store, for the window's
    preview (no database: it runs off the GUI thread). A .json file that is not whole is refused
    with its one line; a table is returned with its refusals."""
    from app.index.set_file import read_set_file

    path = Path(path)
    if path.suffix.lower() == ".json":
        cs = read_set_file(path)
        if name:
            cs.name = name
        return ImportedSet(cs, path.name)
    return read_criteria_table(path, None, name, strict=False)
