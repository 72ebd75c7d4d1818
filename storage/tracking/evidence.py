"""Evidence: files copied into <data folder>/evidence/<plan id>/ and the rows linking them to tasks."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import BinaryIO

from app.errors import InvalidInput, NotFound, UserError, os_reason
from app.files import atomic_path
from app.paths import EVIDENCE_DIR
from app.records import Evidence
from app.vietnamese import clean_text, fold
from storage import plans as plans_store
from storage.db import Store
from storage.tracking.records import task_plan_id

_EV_COLS = "id, plan_id, task_id, file_name, stored_path, sha256, size, added_at, removed_at"


def safe_name(name: str, limit: int = 60) -> str:
    """An ASCII file name that every file system and e-mail system accepts: 'Kế hoạch số 09.pdf'
    -> 'ke-hoach-so-09.pdf' (lower case, accents folded)."""
    p = Path(name)
    stem, suffix = p.stem, p.suffix
    stem = re.sub(r"[^A-Za-z0-9]+", "-", fold(stem)).strip("-")[:limit].strip("-") or "minh-chung"
    suffix = re.sub(r"[^A-Za-z0-9]", "", fold(suffix))[:10]
    return f"{stem}.{suffix}" if suffix else stem


# Failures of the evidence copy. app.files words its own for a document the officer saves in a
# folder she chose ("hãy chọn thư mục khác"); the evidence folder is the program's, so these stay.
_NO_FOLDER = "Không tạo được thư mục minh chứng «{folder}»: {why}."
_FOLDER_REFUSES = "Không ghi được vào thư mục minh chứng «{folder}»: {why}."
_SOURCE_BUSY = "Không đọc được tệp «{name}» ({why}); tệp có thể đang mở ở chương trình khác."
_SOURCE_FAILS = "Không đọc được tệp «{name}» ({why})."
_COPY_FAILS = "Không sao chép được tệp «{name}» vào thư mục dữ liệu: {why}."


def copy_into(source: Path, folder: Path, name: str) -> tuple[Path, str, int]:
    """Copy `source` to folder/name (a free variant of it), hashing on the way; the copy appears
    complete or not at all (app.files.atomic_path). Returns (path, sha256, size)."""
    source = Path(source)
    if not source.is_file():
        raise InvalidInput(f"Không tìm thấy tệp «{source}»; có thể tệp đã bị chuyển hoặc xóa.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InvalidInput(_NO_FOLDER.format(folder=folder, why=os_reason(e))) from None
    try:
        target = _free_name(folder, name)
    except OSError as e:
        raise InvalidInput(_FOLDER_REFUSES.format(folder=folder, why=os_reason(e))) from None
    step = _FOLDER_REFUSES  # what failed if atomic_path fails: making the temporary file …
    try:
        with atomic_path(target) as tmp:
            step = ""
            sha, size = _copy_hashing(source, tmp)
            step = _COPY_FAILS  # … or putting the copy in place
    except UserError as e:
        if not step:
            raise
        raise InvalidInput(step.format(folder=folder, name=source.name, why=_os_reason(e))) from None
    return target, sha, size


def _free_name(folder: Path, name: str) -> Path:
    """folder/name, or the first of name-2, name-3 … not taken."""
    stem, suffix = Path(name).stem, Path(name).suffix
    target = folder / name
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target


def _copy_hashing(source: Path, dest: Path) -> tuple[str, int]:
    """Copy the bytes of `source` into `dest` (flushed to disk); returns (sha256, size)."""
    try:
        src = open(source, "rb")  # noqa: SIM115
    except OSError as e:
        raise InvalidInput(_SOURCE_BUSY.format(name=source.name, why=os_reason(e))) from None
    digest = hashlib.sha256()
    size = 0
    try:
        with src, open(dest, "wb") as out:
            while chunk := _read_chunk(src, source.name):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except OSError as e:
        raise InvalidInput(_COPY_FAILS.format(name=source.name, why=os_reason(e))) from None
    return digest.hexdigest(), size


def _read_chunk(src: BinaryIO, name: str) -> bytes:
    try:
        return src.read(1 << 20)
    except OSError as e:
        raise InvalidInput(_SOURCE_FAILS.format(name=name, why=os_reason(e))) from None


def _os_reason(err: UserError) -> str:
    """The system's reason behind a failure app.files has put in its own words (it chains the OSError)."""
    cause = err.__context__
    return os_reason(cause) if isinstance(cause, OSError) else err.message


def add_evidence(store: Store, data_folder: Path, task_id: int, source: Path) -> Evidence:
    """Copy a file into <data folder>/evidence/<plan id>/ and link it to the task (one action:
    if the database refuses, the copy is removed again)."""
    plan_id = task_plan_id(store, task_id)
    folder = Path(data_folder) / EVIDENCE_DIR / str(plan_id)
    source = Path(source)
    path, sha, size = copy_into(source, folder, f"{task_id}-{safe_name(source.name)}")
    stored = f"{EVIDENCE_DIR}/{plan_id}/{path.name}"
    try:
        with store.atomic():
            cur = store.execute(
                "INSERT INTO evidence (plan_id, task_id, file_name, stored_path, sha256, size) VALUES (?,?,?,?,?,?)",
                (plan_id, task_id, clean_text(source.name), stored, sha, size),
            )
            plans_store.touch(store, plan_id)
    except Exception:
        path.unlink(missing_ok=True)
        raise
    assert cur.lastrowid is not None
    return get_evidence(store, cur.lastrowid)


def get_evidence(store: Store, evidence_id: int) -> Evidence:
    row = store.execute(f"SELECT {_EV_COLS} FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise NotFound("Không tìm thấy minh chứng; có thể nó đã bị gỡ.")
    return Evidence(*row)


def list_evidence(store: Store, plan_id: int, task_id: int | None = None) -> list[Evidence]:
    """A plan's evidence linked to tasks (one task's when `task_id` is given), oldest first."""
    if task_id is not None:
        sql, params = f"SELECT {_EV_COLS} FROM evidence WHERE task_id = ? ORDER BY id", (task_id,)
    else:
        sql, params = (
            f"SELECT {_EV_COLS} FROM evidence WHERE plan_id = ? AND task_id IS NOT NULL ORDER BY id",
            (plan_id,),
        )
    return [Evidence(*r) for r in store.execute(sql, params)]


def unlinked_evidence(store: Store, plan_id: int | None) -> list[Evidence]:
    """Evidence no longer attached to a task (removed, or its task deleted); `None`: of deleted plans."""
    where = "plan_id IS NULL" if plan_id is None else "plan_id = ?"
    params = () if plan_id is None else (plan_id,)
    return [
        Evidence(*r)
        for r in store.execute(f"SELECT {_EV_COLS} FROM evidence WHERE {where} AND task_id IS NULL ORDER BY id", params)
    ]


def unlink_evidence(store: Store, evidence_id: int) -> Evidence:
    """Detach the evidence from its task; the row and the file stay (see unlinked_evidence)."""
    with store.atomic():
        ev = get_evidence(store, evidence_id)
        store.execute(
            "UPDATE evidence SET task_id = NULL, removed_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?",
            (evidence_id,),
        )
        if ev.plan_id is not None:
            plans_store.touch(store, ev.plan_id)
    return ev


def relink_evidence(store: Store, evidence_id: int, task_id: int) -> None:
    """Attach unlinked (or another task's) evidence to a task of the same plan (undo of a removal)."""
    with store.atomic():
        ev = get_evidence(store, evidence_id)
        plan_id = task_plan_id(store, task_id)
        if ev.plan_id not in (None, plan_id):
            raise InvalidInput("Minh chứng này thuộc kế hoạch khác.")
        store.execute(
            "UPDATE evidence SET task_id = ?, plan_id = ?, removed_at = NULL WHERE id = ?",
            (task_id, plan_id, evidence_id),
        )
        plans_store.touch(store, plan_id)
