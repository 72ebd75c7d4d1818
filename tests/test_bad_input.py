"""Bad input everywhere it can enter: a clear Vietnamese message, the database unchanged."""

import json
import sqlite3
import unicodedata

import pytest

from app import plan_file
from app.errors import InvalidInput, InvalidPlanFile, UserError
from app.model import Task
from app.ops import rows
from app.ops.plans import create_from_template, export_plan_json, import_plan_file
from app.templates import Agency
from app.workspace import open_workspace


def snapshot(ws):
    conn = sqlite3.connect(ws.paths.db)
    try:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("plans", "sections", "targets", "appendices", "tasks")
        ]
    finally:
        conn.close()


def first_task(ws, plan_id):
    return ws.db.load_plan(plan_id).appendices[0].tasks[0]


BAD_FILES = {
    "not-json.json": b"{ day la van ban ",
    "wrong-shape.json": b'{"format": "kehoach-cchc/1", "year": 2027, "appendices": {"a": 1}}',
    "future.json": b'{"format": "kehoach-cchc/7", "year": 2027}',
    "missing-year.json": b'{"format": "kehoach-cchc/1"}',
    "wrong-type.json": '{"format": "kehoach-cchc/1", "year": 2027, "recipients": "Lưu: VT"}'.encode(),
    "renamed.xlsx.json": b"PK\x03\x04" + b"\x00" * 64,
    "year-1900.json": b'{"format": "kehoach-cchc/1", "year": 1900}',
    "year-3000.json": b'{"format": "kehoach-cchc/1", "year": 3000}',
    "31-02.json": b'{"format": "kehoach-cchc/1", "year": 2027, "date": {"year": 2027, "month": 2, "day": 31}}',
    "latin1.json": b'{"format": "kehoach-cchc/1", "year": 2027, "summary": "C\xe0i"}',  # not UTF-8
    "binary.json": bytes(range(256)) * 10,
    "empty.json": b"",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_plan_files_are_refused_and_nothing_changes(ws, tmp_path, name):
    create_from_template(ws, "reform-index", 2027, Agency())
    before = snapshot(ws)
    f = tmp_path / "tệp có dấu và khoảng trắng" / name
    f.parent.mkdir()
    f.write_bytes(BAD_FILES[name])
    with pytest.raises(InvalidPlanFile) as err:
        import_plan_file(ws, f)
    assert err.value.message and "Traceback" not in err.value.message
    assert snapshot(ws) == before
    assert not ws.paths.backups.exists()  # refused before the backup of an import is taken


def test_a_50_mb_file_is_refused_before_reading(ws, tmp_path):
    big = tmp_path / "lon.json"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(InvalidPlanFile, match="quá lớn"):
        import_plan_file(ws, big)


def test_text_is_cleaned_on_every_edit(ws):
    pid = create_from_template(ws, "ward-annual", 2027, Agency()).created
    task = first_task(ws, pid)
    nfd = unicodedata.normalize("NFD", "Hoàn thành\x00 trước\x07 quý I")
    rows.set_fields(ws, rows.TASKS, task.id, content=nfd, product="😀 " + "x" * 19_998)  # at the cell limit
    again = first_task(ws, pid)
    assert again.content == "Hoàn thành trước quý I"
    assert unicodedata.is_normalized("NFC", again.content)
    assert again.product.startswith("😀 ") and len(again.product) == 20_000
    with pytest.raises(InvalidInput, match="quá giới hạn 20.000"):  # 100,000 characters: refused, kept as was
        rows.set_fields(ws, rows.TASKS, task.id, product="x" * 100_000)
    assert first_task(ws, pid).product == again.product


def test_wrong_types_in_edits_are_refused_cleanly(ws):
    pid = create_from_template(ws, "ward-annual", 2027, Agency()).created
    task = first_task(ws, pid)
    before = snapshot(ws)
    with pytest.raises(InvalidInput):
        rows.set_fields(ws, rows.TASKS, task.id, content=None)
    with pytest.raises(UserError):
        rows.insert(ws, rows.TASKS, 99999, [Task(content="x")])
    assert snapshot(ws) == before


def test_5000_rows_and_a_blank_plan_round_trip(ws, tmp_path):
    from app.model import Appendix, Plan

    pid = ws.db.insert_plan(Plan(2027, appendices=(Appendix(tasks=tuple(Task(content=str(i)) for i in range(5000))),)))
    out = tmp_path / "5000.json"
    export_plan_json(ws, pid, out)
    assert len(json.loads(out.read_text(encoding="utf-8"))["appendices"][0]["tasks"]) == 5000
    blank = ws.db.insert_plan(Plan(2027))
    export_plan_json(ws, blank, tmp_path / "blank.json")
    assert plan_file.read(tmp_path / "blank.json") == Plan(2027)


def test_a_database_file_that_is_something_else(tmp_path):
    from app.errors import DatabaseError

    f = tmp_path / "kehoach.db"
    f.write_bytes(b"PK\x03\x04 a zip pretending")
    with pytest.raises(DatabaseError):
        open_workspace(f)
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("CREATE TABLE x (a)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="mới hơn"):
        open_workspace(tmp_path / "other.db")
