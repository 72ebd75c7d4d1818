"""Evidence files of tasks: copied into the data folder, linked, unlinked (never deleted)."""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

from app.errors import NotFound
from app.ops.changes import Changes, Part
from app.records import Evidence
from app.workspace import Workspace


def _changes(ws: Workspace, ev: Evidence, task_id: int | None, label: str, undo) -> Changes:
    plan_id = ev.plan_id if ev.plan_id is not None else (ws.db.task_plan_id(task_id) if task_id else None)
    return Changes.of(plan_id, Part.EVIDENCE, ids=(task_id,) if task_id else (), label=label, undo=undo, created=ev.id)


def add(ws: Workspace, task_id: int, source: Path | str) -> Changes:
    """Copy a file into evidence/<plan id>/ (a safe ASCII name, its SHA-256) and link it to the task.
    Undo unlinks it (the copy stays in the data folder); redo links it again."""
    task_id = ws.ids["tasks"].resolve(task_id)
    ev = ws.db.add_evidence(ws.paths.folder, task_id, Path(source))
    undo = partial(unlink, evidence_id=ev.id, task_id=task_id)
    return _changes(ws, ev, task_id, f"Thêm minh chứng «{ev.file_name}»", undo)


def unlink(ws: Workspace, evidence_id: int, task_id: int | None = None) -> Changes:
    """Remove evidence from its task. The file and its row are kept; undo links it again (to
    `task_id` when it is unlinked already: its task was deleted, then put back by an undo)."""
    task_id = ws.db.get_evidence(evidence_id).task_id or task_id
    ev = ws.db.unlink_evidence(evidence_id)
    label = f"Gỡ minh chứng «{ev.file_name}»"
    undo = partial(relink, evidence_id=evidence_id, task_id=task_id) if task_id is not None else None
    return _changes(ws, ev, task_id, label, undo)


def relink(ws: Workspace, evidence_id: int, task_id: int) -> Changes:
    task_id = ws.ids["tasks"].resolve(task_id)
    ws.db.relink_evidence(evidence_id, task_id)
    ev = ws.db.get_evidence(evidence_id)
    undo = partial(unlink, evidence_id=evidence_id, task_id=task_id)
    return _changes(ws, ev, task_id, f"Gắn minh chứng «{ev.file_name}»", undo)


def of_task(ws: Workspace, task_id: int) -> list[Evidence]:
    task_id = ws.ids["tasks"].resolve(task_id)
    return ws.db.list_evidence(ws.db.task_plan_id(task_id), task_id)


def of_plan(ws: Workspace, plan_id: int) -> list[Evidence]:
    return ws.db.list_evidence(plan_id)


def unlinked(ws: Workspace, plan_id: int) -> list[Evidence]:
    return ws.db.unlinked_evidence(plan_id)


def file_of(ws: Workspace, evidence_id: int) -> Path:
    """The stored copy's absolute path, for opening it; a clear message when it has gone."""
    ev = ws.db.get_evidence(evidence_id)
    path = ev.path(ws.paths.folder)
    if not path.is_file():
        raise NotFound(f"Không tìm thấy tệp minh chứng «{ev.file_name}» trong thư mục dữ liệu ({path}).")
    return path


def verify(ws: Workspace, evidence_id: int) -> bool:
    """True when the stored copy still has the hash recorded when it was added."""
    digest = hashlib.sha256()
    with open(file_of(ws, evidence_id), "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == ws.db.get_evidence(evidence_id).sha256
