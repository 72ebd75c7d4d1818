"""Criteria sets in the open workspace: save (checked first), list, read, delete."""

from __future__ import annotations

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
