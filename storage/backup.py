"""Backups of the one database file: consistent copies with VACUUM INTO, rotation, restore.

Never a plain file copy (a copy taken mid-write, or of a WAL file, loses data); VACUUM INTO
also leaves the copy in the ordinary rollback-journal mode, safe to carry on a USB stick.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from app.errors import DatabaseError, InvalidInput
from app.paths import backups_dir
from app.records import Backup, Recovery
from storage.db import Store
from storage.migrations import LATEST_VERSION

KEEP_LAST = 10
_NAME = re.compile(r"^kehoach-(\d{8})-(\d{6})(?:-[\w-]+)?\.db$")


def _vacuum_into(conn: sqlite3.Connection, dest: Path) -> None:
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    try:
        conn.execute("VACUUM INTO ?", (str(tmp),))
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as e:
        if tmp.exists():
            tmp.unlink()
        raise DatabaseError(f"Không sao lưu được vào «{dest}»: {e}.") from None


def backup_to(store: Store, dest: Path) -> Path:
    """A consistent copy of the open database at `dest` (a file, or a folder to put it in)."""
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / _stamp_name("thu-cong")
    if not dest.parent.is_dir():
        raise InvalidInput(f"Thư mục «{dest.parent}» không tồn tại; hãy chọn thư mục khác.")
    _vacuum_into(store.conn, dest)
    return dest


def _stamp_name(reason: str, now: datetime | None = None) -> str:
    now = now or datetime.now()
    safe = re.sub(r"[^a-z0-9-]", "-", reason.lower()) or "tu-dong"
    return f"kehoach-{now:%Y%m%d-%H%M%S}-{safe}.db"


def list_backups(folder: Path) -> list[Backup]:
    """Backups in a folder, newest first."""
    out = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _NAME.match(p.name)
            if m:
                taken = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
                reason = p.stem.split("-", 3)[3] if p.stem.count("-") >= 3 else ""
                out.append(Backup(p, taken, p.stat().st_size, reason))
    return sorted(out, key=lambda b: (b.taken, b.path.name), reverse=True)


def rotate(folder: Path, keep_last: int = KEEP_LAST) -> list[Path]:
    """Keep the newest `keep_last` backups plus the newest of every month; delete the rest."""
    backups = list_backups(folder)
    keep = {b.path for b in backups[:keep_last]}
    months: set[str] = set()
    for b in backups:  # newest first: the first seen of a month is its newest
        key = f"{b.taken:%Y-%m}"
        if key not in months:
            months.add(key)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass
    return removed


def auto_backup(store: Store, reason: str, now: datetime | None = None) -> Path | None:
    """A rolling backup next to the database (before risky actions, and once a day at start)."""
    if store.path is None:
        return None
    folder = backups_dir(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / _stamp_name(reason, now)
    _vacuum_into(store.conn, dest)
    rotate(folder)
    return dest


def daily_backup(store: Store, now: datetime | None = None) -> Path | None:
    """At start: one backup a day at most, and none for an empty database."""
    if store.path is None:
        return None
    now = now or datetime.now()
    if store.execute("SELECT count(*) FROM plans").fetchone()[0] == 0:
        return None
    if any(b.taken.date() == now.date() for b in list_backups(backups_dir(store.path))):
        return None
    return auto_backup(store, "khoi-dong", now)


def _read_only_uri(path: Path) -> str:
    """'file:///C:/Users/Lan/Sao%20l%C6%B0u/x.db?mode=ro': an absolute, percent-encoded URI, so
    drive letters, spaces, '#', '?' and Vietnamese letters in the path all survive."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def check_file(path: Path) -> None:
    """Raise DatabaseError unless `path` is an intact database this version can open."""
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as e:
        raise DatabaseError(f"Không mở được tệp sao lưu «{path.name}»: {e}.") from None
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_plans = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'plans'").fetchone() is not None
    except sqlite3.DatabaseError:
        raise DatabaseError(f"Tệp «{path.name}» không phải bản sao lưu của phần mềm hoặc đã hỏng.") from None
    finally:
        conn.close()
    if not ok or not has_plans:
        raise DatabaseError(f"Tệp «{path.name}» đã hỏng hoặc không phải bản sao lưu của phần mềm.")
    if version > LATEST_VERSION:
        raise DatabaseError(f"Bản sao lưu «{path.name}» do phiên bản mới hơn của phần mềm tạo ra.")


def restore(db_path: Path, backup: Path) -> Path | None:
    """Replace the database at `db_path` with `backup` (checked first). The current file is
    itself backed up first; returns that safety copy. The database must be closed."""
    backup = Path(backup)
    if not backup.is_file():
        raise InvalidInput(f"Không tìm thấy tệp sao lưu «{backup}».")
    check_file(backup)
    safety = None
    if db_path.exists():
        try:
            check_file(db_path)
            current = sqlite3.connect(db_path)
            try:
                folder = backups_dir(db_path)
                folder.mkdir(parents=True, exist_ok=True)
                safety = folder / _stamp_name("truoc-khoi-phuc")
                _vacuum_into(current, safety)
            finally:
                current.close()
        except DatabaseError:
            safety = set_aside(db_path)  # a damaged current file is kept aside, untouched
    src = sqlite3.connect(_read_only_uri(backup), uri=True)
    try:
        tmp = db_path.with_name(db_path.name + ".restore")
        if tmp.exists():
            tmp.unlink()
        src.execute("VACUUM INTO ?", (str(tmp),))
    finally:
        src.close()
    os.replace(tmp, db_path)
    return safety


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged file out of the way, untouched: 'kehoach.db' -> 'kehoach.hong-20261124-0930.db'."""
    now = now or datetime.now()
    aside = path.with_name(f"{path.stem}.hong-{now:%Y%m%d-%H%M%S}{path.suffix}")
    os.replace(path, aside)
    for side in ("-journal", "-wal", "-shm"):
        extra = path.with_name(path.name + side)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + side))
    return aside


def open_checked(path: Path) -> tuple[Store, Recovery | None]:
    """Open the database; a damaged or foreign file is set aside and a fresh one opened,
    with the newest good backup named so the officer can restore it in one step."""
    from storage.db import open_store

    path = Path(path)
    problem = None
    if path.exists():
        try:
            store = open_store(path)
            if store.quick_check():
                return store, None
            store.close()
            problem = "không vượt qua kiểm tra toàn vẹn"
        except DatabaseError as e:
            if "mới hơn" in e.message:
                raise
            problem = "không đọc được"
    else:
        return open_store(path), None
    aside = set_aside(path)
    good = None
    for b in list_backups(backups_dir(path)):
        try:
            check_file(b.path)
            good = b.path
            break
        except DatabaseError:
            continue
    msg = f"Tệp dữ liệu {problem}; đã giữ nguyên tệp cũ với tên «{aside.name}»."
    msg += f" Có thể khôi phục bản sao lưu ngày {list_backups(good.parent)[0].taken:%d/%m/%Y %H:%M}." if good else ""
    return open_store(path), Recovery(aside, good, msg)
