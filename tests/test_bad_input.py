"""Bad input everywhere it can enter: a clear Vietnamese message, the database unchanged."""

import json
import sqlite3
import unicodedata

import pytest

from app import plan_file
from app.errors import InvalidInput, InvalidPlanFile, UserError
from app.model import Task
from app.templates import Agency
from app.usecases import editing
from app.usecases.plans import create_from_template, export_plan_json, import_plan
from storage.db import open_store
from storage.plans import load_plan


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "bad.db")
    yield s
    s.close()


def snapshot(store):
    conn = store.conn
    return [
        conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
        for t in ("plans", "sections", "targets", "appendices", "tasks")
    ]


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
def test_bad_plan_files_are_refused_and_nothing_changes(store, tmp_path, name):
    create_from_template(store, "reform-index", 2027, Agency())
    before = snapshot(store)
    f = tmp_path / "tệp có dấu và khoảng trắng" / name
    f.parent.mkdir()
    f.write_bytes(BAD_FILES[name])
    with pytest.raises(InvalidPlanFile) as err:
        import_plan(store, f)
    assert err.value.message and "Traceback" not in err.value.message
    assert snapshot(store) == before


def test_a_50_mb_file_is_refused_before_reading(store, tmp_path):
    big = tmp_path / "lon.json"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(InvalidPlanFile, match="quá lớn"):
        import_plan(store, big)


def test_text_is_cleaned_on_every_edit(store):
    pid = create_from_template(store, "ward-annual", 2027, Agency())
    task = load_plan(store, pid).appendices[0].tasks[0]
    nfd = unicodedata.normalize("NFD", "Hoàn thành\x00 trước\x07 quý I")
    editing.update_task(store, task.id, content=nfd, product="😀 " + "x" * 100_000)
    again = load_plan(store, pid).appendices[0].tasks[0]
    assert again.content == "Hoàn thành trước quý I"
    assert unicodedata.is_normalized("NFC", again.content)
    assert again.product.startswith("😀 ") and len(again.product) == 100_002


def test_wrong_types_in_edits_are_refused_cleanly(store):
    pid = create_from_template(store, "ward-annual", 2027, Agency())
    task = load_plan(store, pid).appendices[0].tasks[0]
    before = snapshot(store)
    with pytest.raises(InvalidInput):
        editing.update_task(store, task.id, content=None)
    with pytest.raises(UserError):
        editing.add_task(store, 99999, Task(content="x"))
    assert snapshot(store) == before


def test_5000_rows_and_a_blank_plan_round_trip(store, tmp_path):
    from app.model import Appendix, Plan
    from storage.plans import insert_plan

    pid = insert_plan(store, Plan(2027, appendices=(Appendix(tasks=tuple(Task(content=str(i)) for i in range(5000))),)))
    out = tmp_path / "5000.json"
    export_plan_json(store, pid, out)
    assert len(json.loads(out.read_text(encoding="utf-8"))["appendices"][0]["tasks"]) == 5000
    blank = insert_plan(store, Plan(2027))
    export_plan_json(store, blank, tmp_path / "blank.json")
    assert plan_file.read(tmp_path / "blank.json") == Plan(2027)


def test_a_database_file_that_is_something_else(tmp_path):
    from app.errors import DatabaseError

    f = tmp_path / "kehoach.db"
    f.write_bytes(b"PK\x03\x04 a zip pretending")
    with pytest.raises(DatabaseError):
        open_store(f)
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("CREATE TABLE x (a)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="mới hơn"):
        open_store(tmp_path / "other.db")
