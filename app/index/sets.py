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
