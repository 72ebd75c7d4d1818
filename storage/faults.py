"""SQLite's failures in the officer's words.

Each kind of failure (a lock held by another program, a read-only file or folder, a full disk, a
damaged file) gets its own Vietnamese sentence and its own error class, so the window and the
command line can answer each as it deserves: wait for a lock, never set a locked file aside.
SQLite's and the system's own text is English: it goes to the log file beside the database.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from app.errors import DatabaseDamaged, DatabaseError, DatabaseLocked, DatabaseReadOnly, DiskFull, os_reason
from app.paths import Paths

# SQLite's primary result codes (https://sqlite.org/rescode.html)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_READONLY_DIRECTORY = _READONLY | (6 << 8)
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def log_detail(db_path: Path | None, what: str, err: BaseException) -> None:
    """One line in the data folder's log: what failed and the system's own words for it."""
    if db_path is None:
        return
    name = getattr(err, "sqlite_errorname", None) or type(err).__name__
    line = f"{datetime.now():%Y-%m-%d %H:%M:%S} {what} «{db_path}»: {name}: {err}\n"
    try:
        with open(Paths(Path(db_path)).log, "a", encoding="utf-8") as f:
            f.write(line)
    except OSError:
        pass  # a read-only or full folder: the message the officer sees says so


def folder_problem(folder: Path) -> OSError | None:
    """Can a file be created and written in `folder`? None when it can, else the OS's refusal."""
    try:
        with tempfile.TemporaryFile(dir=folder) as f:
            f.write(b"\0" * 4096)
            f.flush()
    except OSError as e:
        return e
    return None


def _writable(path: Path) -> bool:
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=effective)


def locked(path: Path) -> DatabaseLocked:
    return DatabaseLocked(
        f"Tệp dữ liệu «{path.name}» đang bị một chương trình khác giữ (phần mềm diệt virus, sao lưu, "
        "đồng bộ hoặc một cửa sổ khác của phần mềm); hãy đợi giây lát rồi thử lại, dữ liệu không thay đổi."
    )


def read_only_folder(folder: Path) -> DatabaseReadOnly:
    return DatabaseReadOnly(
        f"Không ghi được vào thư mục dữ liệu «{folder}» (thư mục chỉ cho phép đọc); "
        "hãy cấp quyền ghi cho thư mục hoặc chép dữ liệu sang thư mục khác."
    )


def read_only_file(path: Path) -> DatabaseReadOnly:
    return DatabaseReadOnly(
        f"Tệp dữ liệu «{path}» chỉ cho phép đọc nên không lưu được thay đổi; "
        "hãy bỏ thuộc tính «Chỉ đọc» của tệp rồi mở lại phần mềm."
    )


def disk_full(folder: Path) -> DiskFull:
    return DiskFull(
        f"Ổ đĩa chứa thư mục dữ liệu «{folder}» đã đầy nên không lưu được thay đổi; "
        "hãy giải phóng dung lượng rồi thử lại."
    )


def damaged(path: Path) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"Tệp «{path.name}» không phải cơ sở dữ liệu của phần mềm hoặc đã hỏng; "
        "hãy đóng rồi mở lại phần mềm để khôi phục từ bản sao lưu."
    )


def from_os_error(path: Path, err: OSError, what: str) -> DatabaseError:
    """An OSError met while working on the data folder (a lock file, a backup, a folder)."""
    log_detail(path, what, err)
    folder = Path(path).parent
    reason = os_reason(err)
    if err.errno in _FULL_ERRNOS:
        return disk_full(folder)
    if isinstance(err, PermissionError) and getattr(err, "winerror", None) in (32, 33):
        return locked(Path(path))
    if isinstance(err, PermissionError) or err.errno == errno.EROFS:
        return read_only_folder(folder)
    return DatabaseError(f"Không ghi được vào thư mục dữ liệu «{folder}» ({reason}).")


def _cannot_write(path: Path, code: int) -> DatabaseError:
    folder = path.parent
    if code != _READONLY_DIRECTORY and path.exists() and not _writable(path):
        return read_only_file(path)
    problem = folder_problem(folder)
    if problem is not None:
        return from_os_error(path, problem, "thư mục dữ liệu")
    if code & 0xFF == _READONLY:
        return read_only_file(path)
    if code & 0xFF == _IOERR:
        return DatabaseError(
            f"Lỗi đọc ghi ổ đĩa khi dùng tệp dữ liệu «{path}»; hãy kiểm tra ổ đĩa (hoặc USB) rồi thử lại."
        )
    return DatabaseError(f"Không mở được tệp dữ liệu «{path}» để ghi; hãy kiểm tra quyền của tệp và thư mục.")


def explain(err: sqlite3.Error, path: Path | None, what: str = "cơ sở dữ liệu") -> DatabaseError:
    """The DatabaseError to raise for a SQLite error on the database at `path`."""
    log_detail(path, what, err)
    where = Path(path) if path is not None else Path("kehoach.db")
    code = getattr(err, "sqlite_errorcode", None) or 0
    primary = code & 0xFF
    if primary in (_BUSY, _LOCKED):
        return locked(where)
    if primary == _FULL:
        return disk_full(where.parent)
    if primary in (_CORRUPT, _NOTADB):
        return damaged(where)
    if primary in (_READONLY, _CANTOPEN, _IOERR) and path is not None:
        return _cannot_write(where, code)
    return DatabaseError(
        f"Không đọc ghi được tệp dữ liệu «{where.name}»; chi tiết đã được ghi vào tệp nhật ký «{Paths(where).log}»."
    )


@contextmanager
def translated(path: Path | None, what: str = "cơ sở dữ liệu") -> Iterator[None]:
    """Turn a SQLite error inside the block into the DatabaseError that names its kind."""
    try:
        yield
    except sqlite3.Error as e:
        raise explain(e, path, what) from None


def data_folder_problem(db_path: Path) -> DatabaseError | None:
    """Why nothing can be written beside `db_path` (folder read-only, disk full), or None."""
    folder = Path(db_path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return from_os_error(db_path, e, "tạo thư mục dữ liệu")
    problem = folder_problem(folder)
    return None if problem is None else from_os_error(db_path, problem, "thư mục dữ liệu")


def file_problem(db_path: Path) -> DatabaseError | None:
    """A database file that exists but cannot be written (read-only attribute), or None."""
    path = Path(db_path)
    if path.exists() and not _writable(path):
        return read_only_file(path)
    return None


def is_locked(db_path: Path) -> bool:
    """Does another program hold a lock that would stop us writing? (a probe that does not wait)"""
    path = Path(db_path)
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=0)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as e:
        return (getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF in (_BUSY, _LOCKED)
    finally:
        conn.close()
    return False
