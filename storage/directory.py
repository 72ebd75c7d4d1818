"""The directory of units and officers (đơn vị, công chức), shared by every plan."""

from __future__ import annotations

from app.errors import InvalidInput
from app.records import Entry
from app.vietnamese import clean_text
from storage.db import Store

KINDS = ("unit", "officer")


def list_entries(store: Store, kind: str | None = None) -> list[Entry]:
    if kind is None:
        rows = store.execute("SELECT id, kind, name, note FROM directory ORDER BY kind, name").fetchall()
    else:
        rows = store.execute(
            "SELECT id, kind, name, note FROM directory WHERE kind = ? ORDER BY name", (kind,)
        ).fetchall()
    return [Entry(*r) for r in rows]


def add_entry(store: Store, kind: str, name: str, note: str = "") -> int:
    """Add a unit or officer; an existing one with the same name is returned, not duplicated."""
    if kind not in KINDS:
        raise InvalidInput(f"Loại «{kind}» không có trong danh bạ (dùng unit hoặc officer).")
    name = " ".join(clean_text(name).split())
    if not name:
        raise InvalidInput("Tên đơn vị hoặc công chức không được để trống.")
    with store.atomic():
        store.execute(
            "INSERT OR IGNORE INTO directory (kind, name, note) VALUES (?,?,?)", (kind, name, clean_text(note))
        )
        return store.execute("SELECT id FROM directory WHERE kind = ? AND name = ?", (kind, name)).fetchone()[0]


def rename_entry(store: Store, entry_id: int, name: str) -> None:
    name = " ".join(clean_text(name).split())
    if not name:
        raise InvalidInput("Tên đơn vị hoặc công chức không được để trống.")
    with store.atomic():
        kind = store.execute("SELECT kind FROM directory WHERE id = ?", (entry_id,)).fetchone()
        if kind is None:
            raise InvalidInput("Mục danh bạ này không còn nữa.")
        if store.execute(
            "SELECT 1 FROM directory WHERE kind = ? AND name = ? AND id != ?", (kind[0], name, entry_id)
        ).fetchone():
            raise InvalidInput(f"Danh bạ đã có «{name}».")
        store.execute("UPDATE directory SET name = ? WHERE id = ?", (name, entry_id))


def remove_entry(store: Store, entry_id: int) -> None:
    with store.atomic():
        store.execute("DELETE FROM directory WHERE id = ?", (entry_id,))


def names_used_in_plans(store: Store) -> list[str]:
    """Every distinct unit named as lead or partner in any plan (for suggestions)."""
    names: set[str] = set()
    for lead, partners in store.execute("SELECT lead, partners FROM tasks UNION SELECT lead, partners FROM targets"):
        for field in (lead, partners):
            for part in field.replace("\n", ";").split(";"):
                part = " ".join(part.split()).strip(" ,.-")
                if 3 <= len(part) <= 120:
                    names.add(part)
    return sorted(names)


def distinct_values(store: Store, column: str, limit: int = 200) -> list[str]:
    """Values used before in a task column (products, timelines…), most used first."""
    if column not in ("product", "timeline", "budget", "lead", "partners", "monitor"):
        raise ValueError(column)
    rows = store.execute(
        f"SELECT {column}, count(*) AS n FROM tasks WHERE {column} != '' GROUP BY {column} ORDER BY n DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [r[0] for r in rows]
