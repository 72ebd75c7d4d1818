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

from app.errors import DatabaseDamaged, DatabaseError, DatabaseLocked, DatabaseReadOnly, DiskFull, InvalidInput
from app.paths import backups_dir
from app.records import Backup, Recovery
from storage import faults
from storage.db import Store, open_store
from storage.migrations import LATEST_VERSION
from storage.schema_check import schema_difference

KEEP_LAST = 10
EDIT_WAIT = 5.0  # seconds an action waits for a lock another program holds (SQLite's busy timeout)
_NAME = re.compile(r"^kehoach-(\d{8})-(\d{6})(?:-[\w-]+)?\.db$")


def _vacuum_into(conn: sqlite3.Connection, dest: Path, source: Path | None = None) -> None:
    tmp = dest.with_name(dest.name + ".part")
    try:
        _remove(tmp)
        conn.execute("VACUUM INTO ?", (str(tmp),))
        os.replace(tmp, dest)
    except sqlite3.Error as e:
        _remove_quietly(tmp)
        if getattr(e, "sqlite_errorcode", 0) & 0xFF in (5, 6, 11, 26):  # busy, locked, damaged: the source's
            raise faults.explain(e, source, "sao lưu") from None
        problem = faults.folder_problem(dest.parent)
        if problem is not None:
            raise _backup_refused(dest, faults.from_os_error(dest, problem, "sao lưu")) from None
        raise faults.explain(e, source, "sao lưu") from None
    except OSError as e:
        _remove_quietly(tmp)
        raise _backup_refused(dest, faults.from_os_error(dest, e, "sao lưu")) from None


def _backup_refused(dest: Path, why: DatabaseError) -> DatabaseError:
    """The reason a backup could not be written, said of the backup's folder."""
    kind = type(why)
    if isinstance(why, DiskFull):
        return kind(f"Không sao lưu được vào «{dest.parent}»: ổ đĩa đã đầy; hãy giải phóng dung lượng.")
    if isinstance(why, DatabaseReadOnly):
        return kind(f"Không sao lưu được vào «{dest.parent}»: thư mục chỉ cho phép đọc; hãy chọn thư mục khác.")
    return kind(f"Không sao lưu được: {why.message}")  # the reason names the folder or the file


def _remove(path: Path) -> None:
    if path.exists():
        path.unlink()


def _remove_quietly(path: Path) -> None:
    try:
        _remove(path)
    except OSError:
        pass


def backup_to(store: Store, dest: Path) -> Path:
    """A consistent copy of the open database at `dest` (a file, or a folder to put it in)."""
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / _stamp_name("thu-cong")
    if not dest.parent.is_dir():
        raise InvalidInput(f"Thư mục «{dest.parent}» không tồn tại; hãy chọn thư mục khác.")
    _vacuum_into(store.conn, dest, store.path)
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
    dest = folder / _stamp_name(reason, now)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _backup_refused(dest, faults.from_os_error(dest, e, "sao lưu")) from None
    _vacuum_into(store.conn, dest, store.path)
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


def _open_untrusted(path: Path, name: str) -> sqlite3.Connection:
    """A read-only connection to a file we do not trust yet: nothing in its schema may run."""
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as e:
        faults.log_detail(path, "mở tệp sao lưu", e)
        raise DatabaseDamaged(f"Không mở được tệp sao lưu «{name}».") from None
    return conn


def check_file(path: Path, name: str | None = None) -> None:
    """Raise DatabaseError unless `path` is an intact database of ours: `integrity_check` passes,
    its user_version is one we know, its schema is exactly ours (storage.schema_check)."""
    name = name or Path(path).name
    conn = _open_untrusted(path, name)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST_VERSION:
            raise DatabaseError(f"Bản sao lưu «{name}» do phiên bản mới hơn của phần mềm tạo ra.")
        different = schema_difference(conn)
        ok = different is None and [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
    except sqlite3.Error as e:
        if getattr(e, "sqlite_errorcode", 0) & 0xFF in (5, 6):
            raise faults.locked(Path(path)) from None
        faults.log_detail(path, "kiểm tra tệp sao lưu", e)
        raise DatabaseDamaged(f"Tệp «{name}» không phải bản sao lưu của phần mềm hoặc đã hỏng.") from None
    finally:
        conn.close()
    if different is not None:
        raise DatabaseDamaged(f"Tệp «{name}» không phải bản sao lưu của phần mềm ({different}).")
    if not ok:
        raise DatabaseDamaged(f"Tệp «{name}» đã hỏng hoặc không phải bản sao lưu của phần mềm.")


def _copy_checked(backup: Path, tmp: Path) -> None:
    """The backup copied to `tmp` and the copy checked: what is put in place is what was checked."""
    _remove(tmp)
    src = _open_untrusted(backup, backup.name)
    try:
        src.execute("VACUUM INTO ?", (str(tmp),))
    except sqlite3.Error as e:
        raise faults.explain(e, tmp, "chép tệp sao lưu") from None
    finally:
        src.close()
    check_file(tmp, backup.name)


def _keep_current(db_path: Path) -> Path | None:
    """Before a restore: a safety copy of the current file, or the damaged file set aside."""
    if not db_path.exists():
        return None
    if db_path.stat().st_size == 0:
        return set_aside(db_path)
    try:
        check_file(db_path)
    except DatabaseDamaged:
        return set_aside(db_path)  # a damaged current file is kept aside, untouched
    current = sqlite3.connect(db_path)
    try:
        folder = backups_dir(db_path)
        safety = folder / _stamp_name("truoc-khoi-phuc")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise _backup_refused(safety, faults.from_os_error(safety, e, "sao lưu")) from None
        _vacuum_into(current, safety, db_path)
    finally:
        current.close()
    return safety


def restore(db_path: Path, backup: Path) -> Path | None:
    """Replace the database at `db_path` with `backup`. The backup is copied and the copy checked
    (storage.schema_check); the current file is itself backed up first; returns that safety copy.
    The database must be closed. A refused or failed restore leaves the current file as it was."""
    backup, db_path = Path(backup), Path(db_path)
    if not backup.is_file():
        raise InvalidInput(f"Không tìm thấy tệp sao lưu «{backup}».")
    check_file(backup)
    tmp = db_path.with_name(db_path.name + ".restore")
    try:
        _copy_checked(backup, tmp)
        safety = _keep_current(db_path)
        os.replace(tmp, db_path)
    except OSError as e:
        raise faults.from_os_error(db_path, e, "khôi phục") from None
    finally:
        _remove_quietly(tmp)
    return safety


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged file out of the way, untouched: 'kehoach.db' -> 'kehoach.hong-20261124-0930.db'.

    Only a closed file is renamed (every connection to it closed first); when another program
    still holds it open (Windows refuses the rename), nothing is renamed and DatabaseLocked says so.
    """
    now = now or datetime.now()
    aside = path.with_name(f"{path.stem}.hong-{now:%Y%m%d-%H%M%S}{path.suffix}")
    try:
        os.replace(path, aside)
    except OSError as e:
        faults.log_detail(path, "đặt tệp hỏng sang một bên", e)
        raise DatabaseLocked(
            f"Tệp dữ liệu «{path.name}» bị hỏng nhưng đang bị một chương trình khác mở nên chưa đặt sang "
            "một bên được; hãy đóng chương trình đó rồi thử lại."
        ) from None
    for side in ("-journal", "-wal", "-shm"):
        extra = path.with_name(path.name + side)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + side))
    return aside


def newest_good_backup(folder: Path) -> Backup | None:
    """The newest backup in `folder` that passes check_file (damaged or foreign ones skipped)."""
    for b in list_backups(folder):
        try:
            check_file(b.path)
        except DatabaseError:
            continue
        return b
    return None


def _damage(path: Path, wait: float) -> tuple[Store | None, str | None]:
    """Open the file: (store, None) when it is sound, (None, what is wrong) when opening or
    `quick_check` proves it damaged. A lock, a read-only file or a full disk raise: none of
    them is damage, and the file must stay where it is."""
    if path.stat().st_size == 0:
        return None, "trống (0 byte)"
    try:
        store = open_store(path, wait)
    except DatabaseDamaged:
        return None, "không đọc được"
    try:
        if store.quick_check():
            return store, None
    except DatabaseDamaged:
        pass
    except BaseException:
        store.close()
        raise
    store.close()  # closed before any rename: Windows cannot rename an open file
    return None, "không vượt qua kiểm tra toàn vẹn"


def open_checked(path: Path, wait: float = 5.0) -> tuple[Store, Recovery | None]:
    """Open the database at start. A damaged, foreign or empty (0-byte) file is set aside and a
    fresh one opened, with the newest backup that passes the check named so the officer can
    restore it in one step. A file locked by another program raises DatabaseLocked, untouched."""
    path = Path(path)
    if not path.exists():
        return open_store(path), None
    store, problem = _damage(path, wait)
    if store is not None:
        store.set_wait(EDIT_WAIT)  # a short wait to open, the usual one for every action after
        return store, None
    aside = set_aside(path)
    good = newest_good_backup(backups_dir(path))
    msg = f"Tệp dữ liệu {problem}; đã giữ nguyên tệp cũ với tên «{aside.name}»."
    if good is not None:
        msg += f" Có thể khôi phục bản sao lưu ngày {good.taken:%d/%m/%Y %H:%M}."
    else:
        msg += " Không tìm thấy bản sao lưu nào còn dùng được."
    return open_store(path), Recovery(aside, good.path if good else None, msg)
