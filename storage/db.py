"""Opening the one SQLite file: pragmas, migrations, transactions, integrity."""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from app.errors import DatabaseError
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

    def quick_check(self) -> bool:
        return self.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def open_store(path: Path | str | None) -> Store:
    """Open (creating if needed) and migrate the database; `None` or ':memory:' for a throw-away one."""
    if path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None)
        p = None
    else:
        p = Path(path)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DatabaseError(f"Không tạo được thư mục dữ liệu «{p.parent}»: {e.strerror or e}.") from None
        try:
            conn = sqlite3.connect(str(p), isolation_level=None)
        except sqlite3.Error as e:
            raise DatabaseError(f"Không mở được cơ sở dữ liệu «{p}»: {e}.") from None
    try:
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
    except sqlite3.DatabaseError as e:
        conn.close()
        raise DatabaseError(f"Tệp «{p}» không phải cơ sở dữ liệu của phần mềm hoặc đã hỏng ({e}).") from None
    except BaseException:
        conn.close()
        raise
    return Store(conn, p)
