"""Criteria sets in the open workspace: save (checked first), list, read, delete."""

from __future__ import annotations

from pathlib import Path

from app.index.model import CriteriaSet
from app.index.validate import check_set
from app.workspace import Workspace


def save_set(ws: Workspace, cs: CriteriaSet) -> int:
    """Store a set after checking it is whole; returns its id. A refused set stores nothing."""
    check_set(cs)
    return ws.db.insert_index_set(cs)


def criteria_set(ws: Workspace, set_id: int) -> CriteriaSet:
    return ws.db.load_index_set(set_id)


def sample_set_id(ws: Workspace) -> int:
    """The shipped sample set's id, storing it on first use."""
    from app.index.set_file import sample_set

    for set_id, _name, _total, source, _n in ws.db.list_index_sets():
        if source == "sample":
            return set_id
    return save_set(ws, sample_set())


def export_set(ws: Workspace, set_id: int, path: Path | str) -> Path:
    """Write a stored set as a criteria-set file (.json added when the name has no suffix)."""
    from app.index.set_file import write_set_file

    path = Path(path)
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
    write_set_file(ws.db.load_index_set(set_id), path)
    return path
