"""Frozen plan versions on a real data folder: issued and draft versions stay exactly as frozen."""

from __future__ import annotations

import sqlite3
import zlib
from datetime import date

import pytest

from app import limits, plan_file
from app.errors import InvalidInput, InvalidPlanFile, NotFound
from app.model import DocDate, iter_tasks
from app.ops import plans, rows
from app.ops.changes import Part
from app.versions import (
    ISSUED,
    issue,
    list_versions,
    load_version,
    new_plan_from_version,
    save_version,
    task_ids,
    version_text,
)


def _tasks(plan):
    return [t for a in plan.appendices for t in iter_tasks(a.tasks)]


def test_issue_records_number_and_date_and_freezes_the_plan(ws, plan_id):
    ch = issue(ws, plan_id, "15", date(2027, 1, 20))
    assert Part.VERSIONS in ch.parts and ch.created is not None
    now = ws.plan(plan_id)
    assert now.number == "15" and now.date == DocDate(2027, 1, 20)
    (v,) = list_versions(ws, plan_id)
    assert (v.id, v.kind, v.number, v.issued_on) == (ch.created, ISSUED, "15", "2027-01-20")
    assert v.label == "Ban hành số 15 ngày 20/01/2027"
    assert version_text(ws, plan_id, v.id) == plan_file.dumps(now)


def test_issued_version_is_byte_identical_after_later_edits(ws, plan_id):
    vid = issue(ws, plan_id, "15", date(2027, 1, 20)).created
    frozen = version_text(ws, plan_id, vid)
    task = _tasks(ws.plan(plan_id))[0]
    rows.set_fields(ws, rows.TASKS, task.id, content="Nội dung đã sửa sau khi ban hành")
    plans.set_header(ws, plan_id, summary="Tên mới")
    rows.remove(ws, rows.TASKS, [_tasks(ws.plan(plan_id))[-1].id])
    assert plan_file.dumps(ws.plan(plan_id)) != frozen
    assert version_text(ws, plan_id, vid) == frozen
    assert plan_file.dumps(load_version(ws, plan_id, vid)) == frozen


def test_loaded_version_keeps_task_ids_and_has_no_plan_id(ws, plan_id):
    vid = save_version(ws, plan_id, "Dự thảo lấy ý kiến 10/12").created
    v = load_version(ws, plan_id, vid)
    assert v.id is None
    assert task_ids(v) == task_ids(ws.plan(plan_id)) and None not in task_ids(v)


def test_versions_are_never_updated(ws, plan_id):
    vid = save_version(ws, plan_id, "Dự thảo").created
    conn = sqlite3.connect(ws.paths.db)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE plan_versions SET name = 'x' WHERE id = ?", (vid,))
    finally:
        conn.close()


def test_draft_needs_a_name_and_a_failed_issue_changes_nothing(ws, plan_id):
    before = plan_file.dumps(ws.plan(plan_id))
    with pytest.raises(InvalidInput):
        save_version(ws, plan_id, "   ")
    with pytest.raises(InvalidInput):
        issue(ws, plan_id, " ", date(2027, 1, 20))
    with pytest.raises(NotFound):
        issue(ws, 999, "15", date(2027, 1, 20))
    assert list_versions(ws, plan_id) == [] and plan_file.dumps(ws.plan(plan_id)) == before
    with pytest.raises(NotFound):
        load_version(ws, plan_id, 1)


def test_new_draft_from_a_version(ws, plan_id):
    vid = save_version(ws, plan_id, "Dự thảo").created
    rows.set_fields(ws, rows.TASKS, _tasks(ws.plan(plan_id))[0].id, content="Sửa")
    new_id = new_plan_from_version(ws, plan_id, vid).created
    assert new_id != plan_id
    assert plan_file.dumps(ws.plan(new_id)) == version_text(ws, plan_id, vid)


def test_versions_go_with_their_plan(ws, plan_id):
    save_version(ws, plan_id, "Dự thảo")
    plans.delete_plan(ws, plan_id)
    conn = sqlite3.connect(ws.paths.db)
    try:
        assert conn.execute("SELECT count(*) FROM plan_versions").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_version_body_over_the_plan_file_limit_is_refused(ws, plan_id, monkeypatch):
    vid = save_version(ws, plan_id, "Dự thảo").created
    monkeypatch.setattr(limits, "PLAN_FILE_BYTES", 1000)
    with pytest.raises(InvalidPlanFile, match="quá giới hạn"):
        load_version(ws, plan_id, vid)


def test_a_damaged_version_body_is_one_vietnamese_line(ws, plan_id):
    body = zlib.compress(b"{not json")
    ids = zlib.compress(b"[]")
    vid = ws.db.insert_version(plan_id, "draft", "Hỏng", "", None, body, ids)
    with pytest.raises(InvalidPlanFile):
        load_version(ws, plan_id, vid)
    vid = ws.db.insert_version(plan_id, "draft", "Hỏng", "", None, b"garbage", ids)
    with pytest.raises(InvalidPlanFile, match="bị hỏng"):
        load_version(ws, plan_id, vid)


def test_versions_are_in_backups(ws, plan_id, tmp_path):
    vid = issue(ws, plan_id, "15", date(2027, 1, 20)).created
    frozen = version_text(ws, plan_id, vid)
    copy = ws.db.backup_to(tmp_path / "copy.db")
    plans.delete_plan(ws, plan_id)
    ws.replace_file(lambda db: ws.db.restore_file(db, copy))
    assert version_text(ws, plan_id, vid) == frozen
