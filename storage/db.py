"""Opening the one SQLite file: pragmas, migrations, transactions, integrity."""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from app.errors import DatabaseError
from storage import faults
from storage.migrations import LATEST_VERSION

_savepoints = itertools.count(1)


class Store:
    """The open database. One per process; every user action runs in `atomic()`.

    The connection is in autocommit mode (isolation_level=None): nothing is ever left in an
    implicit transaction; `atomic()` opens the one transaction of an action, nested calls become
    savepoints. sqlite-utils is loaded only when the schema needs migrating, so the command line
    and the window start faster.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self.conn = conn
        self.path = path

    @contextmanager
    def atomic(self):
        """One transaction (nested calls become savepoints); rolled back on any error."""
        conn = self.conn
        if conn.in_transaction:
            name = f"kh_sp{next(_savepoints)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                conn.execute(f"RELEASE SAVEPOINT {name}")
        else:
            conn.execute("BEGIN")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def close(self) -> None:
        self.conn.close()

    def set_wait(self, seconds: float) -> None:
        """How long a statement waits for a lock another program holds before DatabaseLocked."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def quick_check(self) -> bool:
        """True when SQLite's quick check finds nothing wrong; a lock or a read error raises its DatabaseError."""
        with faults.translated(self.path, "kiểm tra cơ sở dữ liệu"):
            return self.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def open_store(path: Path | str | None, wait: float = 5.0) -> Store:
    """Open (creating if needed) and migrate the database; `None` or ':memory:' for a throw-away one.

    `wait`: seconds to wait for a lock another program holds before giving up (DatabaseLocked).
    Every failure is a DatabaseError of its kind (storage.faults), never SQLite's English text.
    """
    if path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None)
        p = None
    else:
        p = Path(path)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise faults.from_os_error(p, e, "tạo thư mục dữ liệu") from None
        with faults.translated(p, "mở cơ sở dữ liệu"):
            conn = sqlite3.connect(str(p), isolation_level=None, timeout=wait)
    try:
        with faults.translated(p, "mở cơ sở dữ liệu"):
            _prepare(conn, p)
    except BaseException:
        conn.close()
        raise
    return Store(conn, p)


def _prepare(conn: sqlite3.Connection, p: Path | None) -> None:
    # Foreign keys are per connection and ignored inside a transaction: set them first.
    conn.execute("PRAGMA foreign_keys = ON")
    # A single-user desktop file: the rollback journal is safe on USB sticks and shares too.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > LATEST_VERSION:
        raise DatabaseError(f"Cơ sở dữ liệu «{p}» do phiên bản mới hơn của phần mềm tạo ra; hãy cập nhật phần mềm.")
    if version < LATEST_VERSION:
        import sqlite_utils

        from storage.migrations import migrate

        migrate(sqlite_utils.Database(conn))
