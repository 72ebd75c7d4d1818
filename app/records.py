"""Records that storage fills and the rest of the program reads: listed plans, evidence files,
backups, directory entries, stored reports and where a row sits.

They live in app/ so the window and the ops can name them without reaching into storage/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.model import DocDate


@dataclass(frozen=True)
class PlanSummary:
    """One line of the plan list."""

    id: int
    year: int
    summary: str
    agency: str
    updated_at: str
    tasks: int
    created_at: str = ""
    origin: str = ""  # "sample", "template:<id>", "carried:<plan id>", "amends:<plan id>", "imported" or "" (older)


@dataclass(frozen=True)
class Evidence:
    """A file proving a task was done, copied into the data folder."""

    id: int
    plan_id: int | None
    task_id: int | None  # None: unlinked (removed from its task, or its task was deleted)
    file_name: str  # the name the officer chose, shown in the window
    stored_path: str  # relative to the data folder, "/" separators
    sha256: str
    size: int
    added_at: str
    removed_at: str | None

    def path(self, data_folder: Path) -> Path:
        return Path(data_folder, *self.stored_path.split("/"))


@dataclass(frozen=True)
class Backup:
    """A backup file next to the database (or on a stick)."""

    path: Path
    taken: datetime
    size: int
    reason: str


@dataclass(frozen=True)
class Recovery:
    """What happened when the database could not be opened at start."""

    aside: Path  # the damaged file, renamed and untouched
    newest_backup: Path | None  # the newest backup that passed the check, if any
    message: str


@dataclass(frozen=True)
class Entry:
    """A unit or officer of the directory (completion for Chủ trì / Phối hợp)."""

    id: int
    kind: str
    name: str
    note: str


@dataclass(frozen=True)
class StoredReport:
    """A periodic report as stored: its texts are the Report's dict form."""

    id: int
    plan_id: int
    period: str
    number: str
    date: DocDate | None
    texts: dict
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Location:
    """Where a row sits: its plan, its scope values, its parent and its position among siblings."""

    id: int
    plan_id: int
    scope: tuple[int, ...]
    parent_id: int | None
    position: int


@dataclass(frozen=True)
class Dismissal:
    """A warning of the check the officer dismissed: its code, where it was (the fields of a
    text_walk.Place) and its message, which quotes the text it was about."""

    code: str
    kind: str = ""  # "" for a warning about the whole plan
    ref: int | None = None
    field: str = ""
    index: int | None = None
    message: str = ""
