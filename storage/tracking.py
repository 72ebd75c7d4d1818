"""Tracking data in SQLite: task records, evidence rows and files, target measures and results,
the reporting calendar and stored reports. The only place with tracking SQL."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from app.errors import InvalidInput, NotFound, UserError
from app.files import atomic_path
from app.model import DocDate
from app.tracking.measure import Measure
from app.tracking.status import Status, TaskTracking
from app.vietnamese import clean_text, fold
from storage import plans as plans_store
from storage.db import Store

EVIDENCE_DIR = "evidence"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


# ---------------------------------------------------------------- tasks


def task_plan_id(store: Store, task_id: int) -> int:
    row = store.execute("SELECT plan_id FROM tasks WHERE id = ?", (task_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy nhiệm vụ (mã {task_id}); có thể nó đã bị xóa.")
    return row[0]


def _record(row) -> TaskTracking:
    return TaskTracking(
        task_id=row[0],
        status=Status(row[1]),
        due_date=_date(row[2]),
        due_override=bool(row[3]),
        result=row[4],
        completed_on=_date(row[5]),
        reason=row[6],
    )


_COLS = "t.task_id, t.status, t.due_date, t.due_override, t.result, t.completed_on, t.reason"


def get_records(store: Store, plan_id: int) -> dict[int, TaskTracking]:
    """Every task record of a plan, by task id (tasks never touched have none)."""
    rows = store.execute(
        f"SELECT {_COLS} FROM task_tracking t JOIN tasks k ON k.id = t.task_id WHERE k.plan_id = ?", (plan_id,)
    ).fetchall()
    return {r[0]: _record(r) for r in rows}


def get_record(store: Store, task_id: int) -> TaskTracking:
    task_plan_id(store, task_id)
    row = store.execute(f"SELECT {_COLS} FROM task_tracking t WHERE t.task_id = ?", (task_id,)).fetchone()
    return _record(row) if row else TaskTracking(task_id)


def put_record(store: Store, record: TaskTracking) -> None:
    """Write one task's record (insert or replace) in one transaction."""
    with store.atomic():
        plan_id = task_plan_id(store, record.task_id)
        store.execute(
            """INSERT INTO task_tracking (task_id, status, due_date, due_override, result, completed_on, reason)
               VALUES (?,?,?,?,?,?,?)
               ON CONFLICT(task_id) DO UPDATE SET status = excluded.status, due_date = excluded.due_date,
                 due_override = excluded.due_override, result = excluded.result,
                 completed_on = excluded.completed_on, reason = excluded.reason,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%S','now')""",
            (
                record.task_id,
                record.status.value,
                _iso(record.due_date),
                int(record.due_override),
                clean_text(record.result),
                _iso(record.completed_on),
                clean_text(record.reason),
            ),
        )
        plans_store.touch(store, plan_id)


# ---------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
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
        raise InvalidInput(_NO_FOLDER.format(folder=folder, why=e.strerror or e)) from None
    try:
        target = _free_name(folder, name)
    except OSError as e:
        raise InvalidInput(_FOLDER_REFUSES.format(folder=folder, why=e.strerror or e)) from None
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
        raise InvalidInput(_SOURCE_BUSY.format(name=source.name, why=e.strerror or e)) from None
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
        raise InvalidInput(_COPY_FAILS.format(name=source.name, why=e.strerror or e)) from None
    return digest.hexdigest(), size


def _read_chunk(src: BinaryIO, name: str) -> bytes:
    try:
        return src.read(1 << 20)
    except OSError as e:
        raise InvalidInput(_SOURCE_FAILS.format(name=name, why=e.strerror or e)) from None


def _os_reason(err: UserError) -> str:
    """The system's reason behind a failure app.files has put in its own words (it chains the OSError)."""
    cause = err.__context__
    return str(cause.strerror or cause) if isinstance(cause, OSError) else err.message


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


# ---------------------------------------------------------------- targets


def target_plan_id(store: Store, target_id: int) -> int:
    row = store.execute("SELECT plan_id FROM targets WHERE id = ?", (target_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy chỉ tiêu (mã {target_id}); có thể nó đã bị xóa.")
    return row[0]


def get_measures(store: Store, plan_id: int) -> dict[int, Measure | None]:
    """The officer's own measures by target id (None: "not measurable"); absent ids use the text."""
    out: dict[int, Measure | None] = {}
    for tid, op, value, unit in store.execute(
        "SELECT m.target_id, m.operator, m.value, m.unit FROM target_measures m"
        " JOIN targets t ON t.id = m.target_id WHERE t.plan_id = ?",
        (plan_id,),
    ):
        out[tid] = None if op == "none" else Measure(op, value, unit)
    return out


def put_measure(store: Store, target_id: int, measure: Measure | None, *, clear: bool = False) -> None:
    """Set the officer's measure (None = not measurable); `clear` goes back to the text's."""
    with store.atomic():
        plan_id = target_plan_id(store, target_id)
        if clear:
            store.execute("DELETE FROM target_measures WHERE target_id = ?", (target_id,))
        else:
            op, value, unit = ("none", None, "") if measure is None else (measure.operator, measure.value, measure.unit)
            store.execute(
                "INSERT OR REPLACE INTO target_measures (target_id, operator, value, unit) VALUES (?,?,?,?)",
                (target_id, op, value, clean_text(unit)),
            )
        plans_store.touch(store, plan_id)


def get_target_values(store: Store, plan_id: int, period: str) -> dict[int, float]:
    return {
        tid: value
        for tid, value in store.execute(
            "SELECT r.target_id, r.value FROM target_results r JOIN targets t ON t.id = r.target_id"
            " WHERE t.plan_id = ? AND r.period = ? AND r.value IS NOT NULL",
            (plan_id, period),
        )
    }


def put_target_value(store: Store, target_id: int, period: str, value: float | None) -> None:
    with store.atomic():
        plan_id = target_plan_id(store, target_id)
        if value is None:
            store.execute("DELETE FROM target_results WHERE target_id = ? AND period = ?", (target_id, period))
        else:
            store.execute(
                "INSERT OR REPLACE INTO target_results (target_id, period, value) VALUES (?,?,?)",
                (target_id, period, float(value)),
            )
        plans_store.touch(store, plan_id)


# ---------------------------------------------------------------- reporting calendar


def get_periods(store: Store, plan_id: int) -> dict[str, tuple[str, date, date]]:
    """The officer's saved periods: key -> (title, cut-off, due)."""
    return {
        key: (title, date.fromisoformat(cutoff), date.fromisoformat(due))
        for key, title, cutoff, due in store.execute(
            "SELECT key, title, cutoff, due FROM report_periods WHERE plan_id = ?", (plan_id,)
        )
    }


def put_period(store: Store, plan_id: int, key: str, title: str, cutoff: date, due: date) -> None:
    with store.atomic():
        if not plans_store.plan_exists(store, plan_id):
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")
        store.execute(
            "INSERT OR REPLACE INTO report_periods (plan_id, key, title, cutoff, due) VALUES (?,?,?,?,?)",
            (plan_id, key, clean_text(title), cutoff.isoformat(), due.isoformat()),
        )
        plans_store.touch(store, plan_id)


# ---------------------------------------------------------------- reports


@dataclass(frozen=True)
class StoredReport:
    id: int
    plan_id: int
    period: str
    number: str
    date: DocDate | None
    texts: dict
    created_at: str
    updated_at: str


_R_COLS = "id, plan_id, period, number, date_year, date_month, date_day, texts, created_at, updated_at"


def _stored(row) -> StoredReport:
    d = DocDate(row[4], row[5], row[6]) if row[4] else None
    return StoredReport(row[0], row[1], row[2], row[3], d, json.loads(row[7]), row[8], row[9])


def insert_report(store: Store, plan_id: int, period: str, number: str, doc_date: DocDate | None, texts: dict) -> int:
    with store.atomic():
        if not plans_store.plan_exists(store, plan_id):
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")
        cur = store.execute(
            "INSERT INTO reports (plan_id, period, number, date_year, date_month, date_day, texts)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                plan_id,
                period,
                clean_text(number),
                doc_date.year if doc_date else None,
                doc_date.month if doc_date else None,
                doc_date.day if doc_date else None,
                json.dumps(texts, ensure_ascii=False),
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid


def get_report(store: Store, report_id: int) -> StoredReport:
    row = store.execute(f"SELECT {_R_COLS} FROM reports WHERE id = ?", (report_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy báo cáo (mã {report_id}); có thể nó đã bị xóa.")
    return _stored(row)


def list_reports(store: Store, plan_id: int) -> list[StoredReport]:
    return [
        _stored(r) for r in store.execute(f"SELECT {_R_COLS} FROM reports WHERE plan_id = ? ORDER BY id", (plan_id,))
    ]


def update_report(store: Store, report_id: int, number: str, doc_date: DocDate | None, texts: dict) -> None:
    with store.atomic():
        cur = store.execute(
            "UPDATE reports SET number = ?, date_year = ?, date_month = ?, date_day = ?, texts = ?,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?",
            (
                clean_text(number),
                doc_date.year if doc_date else None,
                doc_date.month if doc_date else None,
                doc_date.day if doc_date else None,
                json.dumps(texts, ensure_ascii=False),
                report_id,
            ),
        )
        if cur.rowcount == 0:
            raise NotFound(f"Không tìm thấy báo cáo (mã {report_id}); có thể nó đã bị xóa.")


def delete_report(store: Store, report_id: int) -> None:
    with store.atomic():
        if store.execute("DELETE FROM reports WHERE id = ?", (report_id,)).rowcount == 0:
            raise NotFound(f"Không tìm thấy báo cáo (mã {report_id}); có thể nó đã bị xóa.")
