"""Is a criteria set whole? Numbers well formed and unique, every parent present, the parts
adding up to their parent's points and the areas to the stated total. One Vietnamese line."""

from __future__ import annotations

import re
from decimal import Decimal

from app.errors import InvalidInput
from app.index.model import PART_WORDS, PARTS, CriteriaSet, format_points

_NUMBER = re.compile(r"^[1-9][0-9]{0,2}(\.[1-9][0-9]{0,2}){0,3}$")
MAX_CRITERIA = 2000


def set_problem(cs: CriteriaSet) -> str | None:
    """Why the set cannot be used, in one Vietnamese line; None when it is whole."""
    if not cs.name.strip():
        return "Bộ tiêu chí chưa có tên."
    if not cs.criteria:
        return "Bộ tiêu chí không có tiêu chí nào."
    if len(cs.criteria) > MAX_CRITERIA:
        return f"Bộ tiêu chí có {len(cs.criteria)} tiêu chí, quá giới hạn {MAX_CRITERIA}."
    return _numbering_problem(cs) or _sum_problem(cs)


def _numbering_problem(cs: CriteriaSet) -> str | None:
    seen: set[str] = set()
    for c in cs.criteria:
        if not _NUMBER.match(c.number):
            return f"Số thứ tự «{c.number}» không đúng dạng 1, 1.1, 1.1.1."
        if c.number in seen:
            return f"Tiêu chí số {c.number} xuất hiện hai lần."
        if c.parent_number is not None and c.parent_number not in seen:
            return f"Tiêu chí {c.number} không có tiêu chí cha {c.parent_number} đứng trước."
        if not c.title.strip():
            return f"Tiêu chí {c.number} chưa có tên."
        if c.part and c.depth > 1:
            return f"Tiêu chí {c.number}: chỉ lĩnh vực mới ghi được là {PART_WORDS.get(c.part, c.part)}."
        if c.part not in PARTS:
            return f"Lĩnh vực {c.number}: phần «{c.part}» không phải một trong bonus, penalty, survey."
        seen.add(c.number)
    return None


def _sum_problem(cs: CriteriaSet) -> str | None:
    return next(iter(_sum_problems(cs)), None)


def _sum_problems(cs: CriteriaSet) -> list[str]:
    out = []
    for parent in cs.criteria:
        kids = cs.children(parent.number)
        if kids:
            parts = sum((k.max_points for k in kids), Decimal(0))
            if parts != parent.max_points:
                out.append(
                    f"Các tiêu chí thành phần của tiêu chí {parent.number} cộng lại {format_points(parts)} điểm,"
                    f" khác {format_points(parent.max_points)} điểm tối đa đã ghi."
                )
    areas = sum((a.max_points for a in cs.scored_areas()), Decimal(0))
    if areas != cs.total:
        out.append(
            f"Các lĩnh vực cộng lại {format_points(areas)} điểm, khác tổng điểm {format_points(cs.total)}"
            " của bộ tiêu chí."
        )
    return out


def set_problems(cs: CriteriaSet) -> list[str]:
    """Every reason the set cannot be used (a preview shows them all); empty when it is whole."""
    first = set_problem(cs)
    if first is None:
        return []
    sums = _sum_problems(cs)
    return sums if first in sums else [first]


def check_set(cs: CriteriaSet) -> None:
    """Refuse a set that is not whole (InvalidInput with one Vietnamese line)."""
    problem = set_problem(cs)
    if problem:
        raise InvalidInput(problem)
