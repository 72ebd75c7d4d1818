"""The directory of units and officers: defaults for today's ward, and what plans taught it."""

from __future__ import annotations

from app.workspace import Workspace

# The offices of a ward/commune People's Committee since 1 July 2025 (names vary by province).
DEFAULT_UNITS = (
    "Văn phòng HĐND và UBND",
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Trung tâm Phục vụ hành chính công",
    "Công an",
    "Ủy ban MTTQ Việt Nam",
)


def ensure_defaults(ws: Workspace) -> None:
    """Fill an empty directory with the usual ward units."""
    if ws.db.list_entries("unit"):
        return
    with ws.atomic():
        for name in DEFAULT_UNITS:
            ws.db.add_entry("unit", name)


def suggestions(ws: Workspace) -> list[str]:
    """Names for lead/partner completion: the directory first, then names used in plans."""
    seen: dict[str, None] = {}
    for e in ws.db.list_entries():
        seen.setdefault(e.name, None)
    for name in ws.db.names_used_in_plans():
        seen.setdefault(name, None)
    return list(seen)


def values_used(ws: Workspace, column: str) -> list[str]:
    """Values typed before in a task column (products, timelines, budgets), most used first."""
    return ws.db.distinct_values(column)
