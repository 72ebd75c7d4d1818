"""Frozen plan versions: inserted once, listed, read back; never updated (a trigger refuses it)."""

from __future__ import annotations

from app.errors import NotFound
from app.vietnamese import clean_text
from storage.db import Store

VersionRow = tuple[int, str, str, str, str | None, str]  # id, kind, name, number, issued_on, created_at


def insert_version(
    store: Store,
    plan_id: int,
    kind: str,
    name: str,
    number: str,
    issued_on: str | None,
    body: bytes,
    task_ids: bytes,
    created_at: str | None = None,
    version_id: int | None = None,
) -> int:
    """Store one frozen version (body and task ids already compressed); returns its id.
    `created_at`: when it was frozen (a version read from a plan file keeps its own); now by default.
    `version_id`: the id it had (an undone deletion puts it back as it was) unless another version
    took it meanwhile; a new one by default."""
    with store.atomic():
        cur = store.execute(
            "INSERT INTO plan_versions (id, plan_id, kind, name, number, issued_on, body, task_ids, created_at)"
            " VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM plan_versions WHERE id = ?1) THEN NULL ELSE ?1 END),"
            " ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, strftime('%Y-%m-%dT%H:%M:%S','now')))",
            (version_id, plan_id, kind, clean_text(name), clean_text(number), issued_on, body, task_ids, created_at),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid


def list_versions(store: Store, plan_id: int) -> list[VersionRow]:
    """Every version of a plan, oldest first."""
    rows = store.execute(
        "SELECT id, kind, name, number, issued_on, created_at FROM plan_versions WHERE plan_id = ? ORDER BY id",
        (plan_id,),
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def read_version(store: Store, plan_id: int, version_id: int) -> tuple[VersionRow, bytes, bytes]:
    """A version's row, compressed body and compressed task ids; NotFound when not of this plan."""
    r = store.execute(
        "SELECT id, kind, name, number, issued_on, created_at, body, task_ids FROM plan_versions"
        " WHERE id = ? AND plan_id = ?",
        (version_id, plan_id),
    ).fetchone()
    if r is None:
        raise NotFound(f"Kế hoạch số hiệu {plan_id} không có phiên bản số hiệu {version_id}.")
    return tuple(r[:6]), bytes(r[6]), bytes(r[7])  # type: ignore[return-value]


def delete_version(store: Store, plan_id: int, version_id: int) -> None:
    """Remove one version of a plan (the app allows it for drafts only)."""
    with store.atomic():
        store.execute("DELETE FROM plan_versions WHERE id = ? AND plan_id = ?", (version_id, plan_id))


def reserve_task_ids(store: Store, count: int) -> list[int]:
    """`count` task ids no task has and none will ever get (the tasks' AUTOINCREMENT counter moves
    past them): the identity of tasks a version read from a plan file names but the plan no longer has."""
    if count <= 0:
        return []
    with store.atomic():
        row = store.execute("SELECT seq FROM sqlite_sequence WHERE name = 'tasks'").fetchone()
        start = max(row[0] if row else 0, store.execute("SELECT ifnull(max(id), 0) FROM tasks").fetchone()[0])
        store.execute("DELETE FROM sqlite_sequence WHERE name = 'tasks'")
        store.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('tasks', ?)", (start + count,))
    return list(range(start + 1, start + count + 1))
