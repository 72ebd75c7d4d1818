"""Opening the one SQLite file: pragmas, migrations, transactions, integrity."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from app.errors import DatabaseError
from storage.migrations import LATEST_VERSION, migrate


class Store:
    """The open database. One per process; every user action runs in `atomic()`."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None):
        self.db = db
        self.path = path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def atomic(self):
        """One transaction (nested calls become savepoints); rolled back on any error."""
        with self.db.atomic():
            yield

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def close(self) -> None:
        self.db.close()

    def quick_check(self) -> bool:
        return self.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def open_store(path: Path | str | None) -> Store:
    """Open (creating if needed) and migrate the database; `None` or ':memory:' for a throw-away one."""
    if path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:")
        p = None
    else:
        p = Path(path)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DatabaseError(f"Không tạo được thư mục dữ liệu «{p.parent}»: {e.strerror or e}.") from None
        try:
            conn = sqlite3.connect(str(p))
        except sqlite3.Error as e:
            raise DatabaseError(f"Không mở được cơ sở dữ liệu «{p}»: {e}.") from None
    try:
        # Foreign keys are per connection and ignored inside a transaction: set them first.
        conn.execute("PRAGMA foreign_keys = ON")
        # A single-user desktop file: the rollback journal is safe on USB sticks and shares too.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        db = sqlite_utils.Database(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST_VERSION:
            raise DatabaseError(f"Cơ sở dữ liệu «{p}» do phiên bản mới hơn của phần mềm tạo ra; hãy cập nhật phần mềm.")
        migrate(db)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise DatabaseError(f"Tệp «{p}» không phải cơ sở dữ liệu của phần mềm hoặc đã hỏng ({e}).") from None
    return Store(db, p)
