"""Which column holds what: header text recognised whatever its order and wording.

Keys are the task fields of app.model.TASK_COLUMNS plus "number" (the STT column).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from app.importing.labels import parse_label
from app.importing.readers import RawTable
from app.model import TASK_COLUMN_KEYS, TASK_COLUMNS
from app.vietnamese import fold

NUMBER = "number"
FIELD_KEYS: tuple[str, ...] = (NUMBER,) + tuple(k for k, _ in TASK_COLUMNS)
FIELD_NAMES: dict[str, str] = {NUMBER: "Số thứ tự", **dict(TASK_COLUMNS)}

# Checked in this order: the first rule whose words all occur in the folded header wins.
# "Thời gian thực hiện", "Lộ trình thực hiện" and "Kinh phí thực hiện" come before "thực hiện" (lead);
# "Cơ quan phối hợp" before "Cơ quan" (lead).
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("timeline", ("thoi gian",)),
    ("timeline", ("thoi han",)),
    ("timeline", ("tien do",)),
    ("timeline", ("thoi diem",)),
    ("timeline", ("lo trinh",)),
    ("budget", ("kinh phi",)),
    ("budget", ("du toan",)),
    ("budget", ("nguon von",)),
    ("monitor", ("theo doi",)),
    ("monitor", ("don doc",)),
    ("note", ("ghi chu",)),
    ("partners", ("phoi hop",)),
    ("lead", ("chu tri",)),
    ("product", ("san pham",)),
    ("product", ("ket qua",)),
    ("product", ("hinh thuc",)),
    ("lead", ("co quan",)),
    ("lead", ("don vi",)),
    ("lead", ("thuc hien",)),
    ("lead", ("phu trach",)),
    ("lead", ("trach nhiem",)),
    ("lead", ("nguoi",)),
    ("lead", ("cong chuc",)),
    ("content", ("noi dung",)),
    ("content", ("nhiem vu",)),
    ("content", ("cong viec",)),
    ("content", ("giai phap",)),
    ("content", ("hoat dong",)),
    ("content", ("muc tieu",)),
    ("content", ("chi tieu",)),
    ("content", ("ten",)),
    ("monitor", ("kiem tra",)),
    ("monitor", ("tong hop",)),
)
_NUMBER_HEADERS = {"stt", "tt", "sott", "sothutu", "thutu", "so", "no", "sttt"}


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split()) + " "


def column_key(header: str) -> str | None:
    """The field a header names ('Đơn vị chủ trì' -> 'lead'), or None when it is not recognised.
    Short texts are remembered: every row of every table is tried as a header, and the same few
    dozen texts come back (a bounded cache, so a hostile file's texts cannot grow it)."""
    return _short_column_key(header) if len(header) <= 120 else _column_key(header)


@functools.lru_cache(maxsize=4096)
def _short_column_key(header: str) -> str | None:
    return _column_key(header)


def _column_key(header: str) -> str | None:
    compact = re.sub(r"[^a-z]", "", fold(header))
    if not compact:
        return None
    if compact in _NUMBER_HEADERS:
        return NUMBER
    words = _words(header)
    for key, needles in _RULES:
        if all(f" {n} " in words for n in needles):
            return key
    return None


def is_column_number_row(texts: list[str]) -> bool:
    """'(1) (2) (3) …' or '1 2 3 …' or 'A B 1 2': the column-number line under a header."""
    values = [t.strip() for t in texts if t.strip()]
    if len(values) < 3:
        return False
    nums = []
    for v in values:
        m = re.fullmatch(r"\(?(\d{1,2}|[A-Z])\)?(?:\s*=\s*.*)?", v)
        if not m:
            return False
        if m.group(1).isdigit():
            nums.append(int(m.group(1)))
    return len(nums) >= 2 and nums == sorted(nums) and len(set(nums)) == len(nums)


def header_score(texts: list[str]) -> int:
    """How many distinct fields a row's texts name (a header row names two or more)."""
    keys = set()
    for t in texts:
        if t.strip() and len(t) <= 80:
            k = column_key(t)
            if k:
                keys.add(k)
    return len(keys)


def map_columns(headers: list[str]) -> dict[int, str | None]:
    """Column index -> field key (or None). A field named twice keeps both columns (their texts
    are joined); a second STT column is ignored."""
    mapping: dict[int, str | None] = {}
    seen_number = False
    for i, h in enumerate(headers):
        key = column_key(h)
        if key == NUMBER:
            if seen_number:
                key = None
            seen_number = True
        mapping[i] = key
    return mapping


def normalise_mapping(mapping: dict, n_cols: int) -> dict[int, str | None]:
    """A user mapping (index -> key, keys may be '' or None) checked against the known fields."""
    from app.errors import InvalidInput

    out: dict[int, str | None] = {i: None for i in range(n_cols)}
    for raw_i, key in mapping.items():
        try:
            i = int(raw_i)
        except (TypeError, ValueError):
            raise InvalidInput(f"Cột «{raw_i}» không hợp lệ trong cách gán cột.") from None
        if not 0 <= i < n_cols:
            raise InvalidInput(f"Bảng không có cột thứ {i + 1}; hãy gán lại các cột.")
        if key in ("", None):
            out[i] = None
        elif key in FIELD_KEYS:
            out[i] = key
        else:
            raise InvalidInput(f"«{key}» không phải là một cột của bảng nhiệm vụ.")
    if sum(1 for k in out.values() if k == NUMBER) > 1:
        raise InvalidInput("Chỉ được chọn một cột số thứ tự.")
    return out


def guess_mapping(table: RawTable) -> dict[int, str | None]:
    """No header: a first column of numbers is STT, the widest is the content, the other fields follow it."""
    n = table.n_cols
    mapping: dict[int, str | None] = {c: None for c in range(n)}
    if not n:
        return mapping
    first = 0
    if _numbered_first_column(table):
        mapping[0] = NUMBER
        first = 1
    content = _widest_column(table, first, n)
    if content is not None:
        mapping[content] = "content"
        rest = [k for k in TASK_COLUMN_KEYS if k != "content"]
        for c, key in zip(range(content + 1, n), rest, strict=False):
            mapping[c] = key
    return mapping


def _numbered_first_column(table: RawTable) -> bool:
    """A third of the rows or more start with a number ('1', 'a)', 'II')."""
    numbers = sum(1 for row in table.cells if row and parse_label(row[0])[0] in ("decimal", "letter", "group"))
    return numbers >= max(1, table.n_rows // 3)


def _widest_column(table: RawTable, first: int, n: int) -> int | None:
    """The column from `first` on holding the most text (the leftmost on a tie), or None."""
    lengths: Counter[int] = Counter()
    for row in table.cells:
        for c in range(first, n):
            lengths[c] += len(row[c])
    if not lengths:
        return None
    return max(range(first, n), key=lambda c: lengths[c])
