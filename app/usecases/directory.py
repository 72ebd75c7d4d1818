"""The directory of units and officers: defaults for today's ward, and what plans taught it."""

from __future__ import annotations

from storage import directory
from storage.db import Store

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


def ensure_defaults(store: Store) -> None:
    """Fill an empty directory with the usual ward units."""
    if directory.list_entries(store, "unit"):
        return
    with store.atomic():
        for name in DEFAULT_UNITS:
            directory.add_entry(store, "unit", name)


def suggestions(store: Store) -> list[str]:
    """Names for lead/partner completion: the directory first, then names used in plans."""
    seen: dict[str, None] = {}
    for e in directory.list_entries(store):
        seen.setdefault(e.name, None)
    for name in directory.names_used_in_plans(store):
        seen.setdefault(name, None)
    return list(seen)


def values_used(store: Store, column: str) -> list[str]:
    """Values typed before in a task column (products, timelines, budgets), most used first."""
    return directory.distinct_values(store, column)
