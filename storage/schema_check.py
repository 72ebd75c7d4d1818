"""Is a file one of our databases? Its schema must be exactly the one our migrations build.

A backup is a whole database: a trigger or a view hidden in it would run inside every later
action (a trigger on `tasks` can rewrite every task at the next import). So a file is restored, or
chosen as the backup to offer, only when every table, column, index, trigger and view in it is
one our migrations made for its `user_version`, compared statement by statement (whitespace
aside), and when `PRAGMA integrity_check` passes.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from storage.migrations import LATEST_VERSION, migrate

# SQLite's own bookkeeping tables (ANALYZE statistics, AUTOINCREMENT counters): data, never code.
_SQLITE_OWN = ("sqlite_stat", "sqlite_sequence")
_KIND = {"table": "bảng", "index": "chỉ mục", "trigger": "trigger", "view": "view"}

Schema = dict[tuple[str, str], str]


def schema_of(conn: sqlite3.Connection) -> Schema:
    """(type, name) -> the statement that made it, whitespace collapsed."""
    out = {}
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if not name.startswith(_SQLITE_OWN):
            out[(kind, name)] = " ".join((sql or "").split())
    return out


@cache
def expected_schema(version: int) -> Schema:
    """The schema our migrations build up to `version`, in a throw-away database."""
    import sqlite_utils

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(sqlite_utils.Database(conn), upto=version)
        return schema_of(conn)
    finally:
        conn.close()


def schema_difference(conn: sqlite3.Connection) -> str | None:
    """None when the open file's schema is ours at its user_version; else what differs, in Vietnamese."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not 1 <= version <= LATEST_VERSION:
        return f"phiên bản cấu trúc {version} không phải của phần mềm"
    found, expected = schema_of(conn), expected_schema(version)
    for key in sorted(found.keys() - expected.keys()):
        return f"có thêm {_KIND.get(key[0], key[0])} «{key[1]}» phần mềm không tạo ra"
    for key in sorted(expected.keys() - found.keys()):
        return f"thiếu {_KIND.get(key[0], key[0])} «{key[1]}»"
    for key in sorted(expected):
        if found[key] != expected[key]:
            return f"{_KIND.get(key[0], key[0])} «{key[1]}» khác với của phần mềm"
    return None
