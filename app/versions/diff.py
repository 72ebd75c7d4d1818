"""A structured comparison of two plans (two versions, or a version and the plan as it is now).

Header fields, legal bases, sections and their paragraphs, targets, recipients and tasks, each
change with where it was and where it is, and every changed cell with its old and new text (the
word-level difference: `Cell.words`). Tasks are matched by identity: the task row ids a version
keeps (app/versions), else the same content, else the most similar content; a task that changed
appendix, parent or order among the matched tasks is a move, never a removal plus an addition.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, NamedTuple

from app.model import TARGET_COLUMNS, TASK_COLUMNS, DocDate, Plan, Signer, Task
from app.numbering import appendix_label, numbered_sections, task_rows
from app.versions.words import Op, similarity, word_diff

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"
HEADER_FIELDS = (
    ("year", "Năm"),
    ("summary", "Trích yếu"),
    ("parent_agency", "Cơ quan cấp trên"),
    ("agency", "Cơ quan ban hành"),
    ("number", "Số văn bản"),
    ("symbol", "Ký hiệu"),
    ("place", "Địa danh"),
    ("date", "Ngày ban hành"),
    ("preamble", "Đoạn mở đầu"),
    ("closing", "Đoạn kết"),
    ("signer", "Người ký"),
)
TASK_FIELDS = (("area", "Lĩnh vực"),) + TASK_COLUMNS
TARGET_FIELDS = (("area", "Lĩnh vực"),) + TARGET_COLUMNS
SIMILAR = 0.5  # two unmatched tasks at least this alike (words) are the same task edited
MAX_PAIRS = 250_000  # similarity is tried on at most this many (old, new) pairs


@dataclass(frozen=True)
class Cell:
    field: str
    name: str  # Vietnamese column or field name
    old: str
    new: str

    @property
    def words(self) -> tuple[Op, ...]:
        return word_diff(self.old, self.new)


@dataclass(frozen=True)
class Change:
    """One change. action: ADDED, REMOVED, CHANGED or MOVED (a move may also change cells);
    kind: header, legal_basis, section, paragraph, target, task, recipient; old_at/new_at:
    where it was and is ('' when it did not exist); text: the added or removed item's text."""

    action: str
    kind: str
    old_at: str
    new_at: str
    cells: tuple[Cell, ...] = ()
    text: str = ""
    old_item: Any = None
    new_item: Any = None


@dataclass(frozen=True)
class PlanDiff:
    old_name: str
    new_name: str
    changes: tuple[Change, ...]

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def compare(old: Plan, new: Plan, old_name: str = "", new_name: str = "") -> PlanDiff:
    changes: list[Change] = []
    changes += _header(old, new)
    changes += _strings("legal_basis", "căn cứ", old.legal_bases, new.legal_bases)
    changes += _sections(old, new)
    changes += _targets(old, new)
    changes += _tasks(old, new)
    changes += _strings("recipient", "nơi nhận", old.recipients, new.recipients)
    return PlanDiff(old_name, new_name, tuple(changes))


# ---------------------------------------------------------------- header and lists of texts


def _text(value: Any) -> str:
    if isinstance(value, DocDate):
        return "/".join(f"{x:02d}" if x else ".." for x in (value.day, value.month)) + f"/{value.year}"
    if isinstance(value, Signer):
        return " — ".join(x for x in (value.authority, value.position, value.name) if x)
    return "" if value is None else str(value)


def _header(old: Plan, new: Plan) -> list[Change]:
    out = []
    for key, name in HEADER_FIELDS:
        a, b = _text(getattr(old, key)), _text(getattr(new, key))
        if a != b:
            out.append(Change(CHANGED, "header", name, name, (Cell(key, name, a, b),)))
    return out


def _pairs(old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], str]) -> list[tuple[int | None, int | None]]:
    """(old index, new index) for every item: equal runs and edited runs paired in order, the rest
    alone (None on the other side)."""
    out: list[tuple[int | None, int | None]] = []
    sm = SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        n = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        out += [(i1 + k, j1 + k) for k in range(n)]
        out += [(i, None) for i in range(i1 + n, i2)]
        out += [(None, j) for j in range(j1 + n, j2)]
    return out


def _strings(kind: str, name: str, old: Sequence[str], new: Sequence[str], where: str = "") -> list[Change]:
    out = []
    for i, j in _pairs(old, new, str):
        at_old = f"{where}{name} thứ {i + 1}" if i is not None else ""
        at_new = f"{where}{name} thứ {j + 1}" if j is not None else ""
        if i is None or j is None:
            action, text = (ADDED, new[j]) if i is None else (REMOVED, old[i])  # type: ignore[index]
            out.append(Change(action, kind, at_old, at_new, text=text))
        elif old[i] != new[j]:
            out.append(Change(CHANGED, kind, at_old, at_new, (Cell(kind, name, old[i], new[j]),)))
    return out


# ---------------------------------------------------------------- sections and targets


def _sections(old: Plan, new: Plan) -> list[Change]:
    a, b = numbered_sections(old), numbered_sections(new)
    out = []
    for i, j in _pairs(a, b, lambda s: s.section.heading):
        s, t = (a[i] if i is not None else None), (b[j] if j is not None else None)
        at_old = f"mục {s.label} {s.section.heading}".replace("  ", " ") if s else ""
        at_new = f"mục {t.label} {t.section.heading}".replace("  ", " ") if t else ""
        if s is None or t is None:
            sec = (t or s).section  # type: ignore[union-attr]
            text = "\n".join((sec.heading,) + sec.paragraphs)
            out.append(Change(ADDED if s is None else REMOVED, "section", at_old, at_new, text=text))
            continue
        if s.section.heading != t.section.heading:
            cell = Cell("heading", "Tiêu đề mục", s.section.heading, t.section.heading)
            out.append(Change(CHANGED, "section", at_old, at_new, (cell,)))
        out += _strings("paragraph", "đoạn", s.section.paragraphs, t.section.paragraphs, f"{at_new}, ")
    return out


def _cells(fields: tuple[tuple[str, str], ...], a: Any, b: Any) -> tuple[Cell, ...]:
    return tuple(Cell(k, n, getattr(a, k), getattr(b, k)) for k, n in fields if getattr(a, k) != getattr(b, k))


def _targets(old: Plan, new: Plan) -> list[Change]:
    out = []
    for i, j in _pairs(old.targets, new.targets, lambda t: t.content):
        at_old = f"chỉ tiêu thứ {i + 1}" if i is not None else ""
        at_new = f"chỉ tiêu thứ {j + 1}" if j is not None else ""
        a = old.targets[i] if i is not None else None
        b = new.targets[j] if j is not None else None
        if a is None or b is None:
            item = b or a
            action = ADDED if a is None else REMOVED
            out.append(Change(action, "target", at_old, at_new, text=item.content, old_item=a, new_item=b))  # type: ignore[union-attr]
        elif cells := _cells(TARGET_FIELDS, a, b):
            out.append(Change(CHANGED, "target", at_old, at_new, cells, old_item=a, new_item=b))
    return out


# ---------------------------------------------------------------- tasks


class Placed(NamedTuple):
    task: Task
    where: str  # "nhiệm vụ số 3 Phụ lục II"
    appendix: int
    parent: int | None  # index of the parent task in the same list


def placed_tasks(plan: Plan) -> list[Placed]:
    """Every task of the plan's task appendices in print order, with its printed place."""
    out: list[Placed] = []
    for n, a in enumerate(plan.appendices, 1):
        if a.kind != "tasks":
            continue
        app_label, group = appendix_label(plan.appendix_numbering, n), ""
        parents: list[int] = []
        for row in task_rows(plan, a):
            if row.kind == "group":
                group = f", mục {row.label}"
                continue
            del parents[row.depth :]
            parent = parents[-1] if parents else None
            out.append(Placed(row.task, f"nhiệm vụ số {row.label}{group} {app_label}", n, parent))  # type: ignore[arg-type]
            parents.append(len(out) - 1)
    return out


def match_tasks(a: list[Placed], b: list[Placed]) -> dict[int, int]:
    """Old index -> new index of the same task: by row id, then the same content, then similar."""
    match: dict[int, int] = {}
    new_by_id = {p.task.id: j for j, p in enumerate(b) if p.task.id is not None}
    for i, p in enumerate(a):
        if p.task.id is not None and p.task.id in new_by_id:
            match[i] = new_by_id[p.task.id]
    taken = set(match.values())
    by_content: dict[str, list[int]] = {}
    for j, p in enumerate(b):
        if j not in taken:
            by_content.setdefault(p.task.content, []).append(j)
    for i, p in enumerate(a):
        if i not in match and by_content.get(p.task.content):
            match[i] = by_content[p.task.content].pop(0)
    _match_similar(a, b, match)
    return match


def _match_similar(a: list[Placed], b: list[Placed], match: dict[int, int]) -> None:
    left = [i for i in range(len(a)) if i not in match]
    taken = set(match.values())
    right = [j for j in range(len(b)) if j not in taken]
    if not left or not right or len(left) * len(right) > MAX_PAIRS:
        return
    scored = sorted(
        ((similarity(a[i].task.content, b[j].task.content), i, j) for i in left for j in right), reverse=True
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    for score, i, j in scored:
        if score < SIMILAR:
            break
        if i not in used_i and j not in used_j:
            match[i] = j
            used_i.add(i)
            used_j.add(j)


def in_order(seq: list[int]) -> set[int]:
    """Positions of a longest increasing subsequence of `seq` (the tasks that kept their order)."""
    tails: list[int] = []  # positions in seq
    prev = [-1] * len(seq)
    tail_values: list[int] = []
    for pos, v in enumerate(seq):
        k = bisect_left(tail_values, v)
        prev[pos] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(pos)
            tail_values.append(v)
        else:
            tails[k], tail_values[k] = pos, v
    keep, pos = set(), tails[-1] if tails else -1
    while pos >= 0:
        keep.add(pos)
        pos = prev[pos]
    return keep


def _moved(a: list[Placed], b: list[Placed], match: dict[int, int]) -> set[int]:
    """Matched tasks that changed appendix or parent, or left the order of their matched siblings
    (a longest run kept in order stays; of two swapped siblings the earlier one moved)."""
    moved: set[int] = set()
    siblings: dict[tuple[int, int | None], list[int]] = {}
    for i in sorted(match):
        pa, pb = a[i].parent, b[match[i]].parent
        if a[i].appendix != b[match[i]].appendix or (match.get(pa) if pa is not None else None) != pb:
            moved.add(i)
        else:
            siblings.setdefault((a[i].appendix, pa), []).append(i)
    for members in siblings.values():
        kept = in_order([match[i] for i in members])
        moved.update(i for k, i in enumerate(members) if k not in kept)
    return moved


def _tasks(old: Plan, new: Plan) -> list[Change]:
    a, b = placed_tasks(old), placed_tasks(new)
    match = match_tasks(a, b)
    moved = _moved(a, b, match)
    out = [
        Change(REMOVED, "task", a[i].where, "", text=a[i].task.content, old_item=a[i].task)
        for i in range(len(a))
        if i not in match
    ]
    matched_new = set(match.values())
    for j, p in enumerate(b):
        if j not in matched_new:
            out.append(Change(ADDED, "task", "", p.where, text=p.task.content, new_item=p.task))
    for i in sorted(match, key=match.__getitem__):
        s, t = a[i], b[match[i]]
        cells = _cells(TASK_FIELDS, s.task, t.task)
        if i in moved or cells:
            action = MOVED if i in moved else CHANGED
            out.append(Change(action, "task", s.where, t.where, cells, old_item=s.task, new_item=t.task))
    return out
