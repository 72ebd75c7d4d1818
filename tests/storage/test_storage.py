import sqlite3

import pytest

from app.errors import DatabaseError, InvalidInput, NotFound
from app.model import Appendix, Plan, Section, Target, Task
from app.ops import appendices, rows
from app.plan_file import dumps
from storage import plans as plans_store
from storage.db import open_store
from storage.migrations import LATEST_VERSION


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "k.db")
    yield s
    s.close()


def _plan():
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        sections=(Section("A", sections=(Section("A1"), Section("A2"))), Section("B")),
        targets=(Target(area="procedures", content="95%"),),
        appendices=(
            Appendix(tasks=tuple(Task(content=f"t{i}") for i in range(5))),
            Appendix(kind="targets", columns=("content", "lead", "partners", "note")),
        ),
    )


def contents(ws, plan_id, appendix=0):
    return [t.content for t in ws.db.load_plan(plan_id).appendices[appendix].tasks]


def store_count(ws, sql):
    conn = sqlite3.connect(ws.paths.db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_migrations_from_an_empty_file(tmp_path):
    path = tmp_path / "new.db"
    s = open_store(path)
    assert s.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert s.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    tables = {r[0] for r in s.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"plans", "sections", "targets", "appendices", "tasks", "directory"} <= tables
    s.close()
    # Reopening does not migrate twice.
    s = open_store(path)
    assert s.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    s.close()


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="mới hơn"):
        open_store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="không phải cơ sở dữ liệu"):
        open_store(path)


def test_insert_and_load_round_trip(store):
    plan = _plan()
    pid = plans_store.insert_plan(store, plan)
    assert dumps(plans_store.load_plan(store, pid)) == dumps(plan)
    with pytest.raises(NotFound):
        plans_store.load_plan(store, 999)


def test_delete_plan_cascades(store):
    pid = plans_store.insert_plan(store, _plan())
    plans_store.delete_plan(store, pid)
    for table in ("sections", "targets", "appendices", "tasks"):
        assert store.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_task_editing_verbs(ws):
    pid = ws.db.insert_plan(_plan())
    plan = ws.plan(pid)
    ap = plan.appendices[0]
    ids = [t.id for t in ap.tasks]
    rows.set_fields(ws, rows.TASKS, ids[0], content="đã sửa", timeline="Quý I/2027")
    assert contents(ws, pid)[0] == "đã sửa"
    rows.move_by(ws, rows.TASKS, ids[0], +1)
    assert contents(ws, pid)[:2] == ["t1", "đã sửa"]
    assert rows.move_by(ws, rows.TASKS, ids[1], -1).empty  # already first
    assert not rows.move_by(ws, rows.TASKS, ids[0], -1).empty
    assert contents(ws, pid)[:2] == ["đã sửa", "t1"]
    # Indent t2 under the row above, then outdent it back.
    rows.indent(ws, rows.TASKS, ids[2])
    tasks = ws.db.load_plan(pid).appendices[0].tasks
    assert any(s.content == "t2" for t in tasks for s in t.subtasks)
    rows.outdent(ws, rows.TASKS, ids[2])
    assert "t2" in contents(ws, pid)
    new_id = rows.insert(ws, rows.TASKS, ap.id, [Task(content="mới")], position=0).created
    assert contents(ws, pid)[0] == "mới"
    rows.insert(ws, rows.TASKS, ap.id, [Task(content="con")], parent_id=new_id)
    undo = rows.remove(ws, rows.TASKS, [new_id]).undo
    assert undo is not None
    assert "mới" not in contents(ws, pid)
    assert store_count(ws, "SELECT count(*) FROM tasks WHERE content = 'con'") == 0
    undo(ws)  # where it was: first, with its sub-task
    assert contents(ws, pid)[0] == "mới"
    assert [s.content for s in ws.db.load_plan(pid).appendices[0].tasks[0].subtasks] == ["con"]


def test_moves_keep_positions_dense(ws):
    pid = ws.db.insert_plan(_plan())
    ap = ws.plan(pid).appendices[0]
    rows.move_to(ws, rows.TASKS, ap.tasks[4].id, None, 0)
    rows.remove(ws, rows.TASKS, [ap.tasks[2].id])
    conn = sqlite3.connect(ws.paths.db)
    pos = [
        r[0]
        for r in conn.execute(
            "SELECT position FROM tasks WHERE appendix_id = ? AND parent_id IS NULL ORDER BY position", (ap.id,)
        )
    ]
    conn.close()
    assert pos == list(range(len(pos)))
    assert contents(ws, pid) == ["t4", "t0", "t1", "t3"]


def test_cannot_move_a_task_into_itself(ws):
    pid = ws.db.insert_plan(_plan())
    ap = ws.plan(pid).appendices[0]
    rows.indent(ws, rows.TASKS, ap.tasks[1].id)
    with pytest.raises(InvalidInput):
        rows.move_to(ws, rows.TASKS, ap.tasks[0].id, ap.tasks[1].id, 0)


def test_a_failed_action_leaves_the_database_as_it_was(ws):
    pid = ws.db.insert_plan(_plan())
    before = dumps(ws.db.load_plan(pid))
    ap = ws.db.load_plan(pid).appendices[0]
    with pytest.raises(InvalidInput):
        rows.set_fields(ws, rows.TASKS, ap.tasks[0].id, content="x", colour="red")
    with pytest.raises(InvalidInput):
        rows.insert(ws, rows.TASKS, ws.db.load_plan(pid).appendices[1].id, [Task(content="x")])
    with pytest.raises(NotFound):
        rows.set_fields(ws, rows.TASKS, 99999, content="x")
    with pytest.raises(NotFound):
        rows.insert(ws, rows.TASKS, ap.id, [Task(content="y")], parent_id=99999)
    with pytest.raises(TypeError):  # a paste whose second row is not text: neither row is added
        rows.insert(ws, rows.TASKS, ap.id, [Task(content="y"), Task(content=None)])  # type: ignore[arg-type]
    assert dumps(ws.db.load_plan(pid)) == before


def test_insert_plan_is_all_or_nothing(store, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(plans_store, "insert_appendix", boom)
    with pytest.raises(RuntimeError):
        plans_store.insert_plan(store, _plan())
    assert store.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM sections").fetchone()[0] == 0


def test_sections_and_targets_verbs(ws):
    pid = ws.db.insert_plan(_plan())
    sid = rows.insert(ws, rows.SECTIONS, pid, [Section("C", paragraphs=("- x",))]).created
    rows.set_fields(ws, rows.SECTIONS, sid, heading="C mới", paragraphs=("a", "- b"))
    rows.indent(ws, rows.SECTIONS, sid)
    plan = ws.db.load_plan(pid)
    assert plan.sections[1].sections[0].heading == "C mới"
    assert plan.sections[1].sections[0].paragraphs == ("a", "- b")
    tid = rows.insert(ws, rows.TARGETS, pid, [Target(content="100%")], position=0).created
    rows.set_fields(ws, rows.TARGETS, tid, lead="Phòng Văn hóa - Xã hội")
    assert ws.db.load_plan(pid).targets[0].lead == "Phòng Văn hóa - Xã hội"
    assert rows.indent(ws, rows.TARGETS, tid).empty  # targets are a list, not a tree


def test_paste_is_one_transaction_and_appendix_fields_update(ws):
    pid = ws.db.insert_plan(_plan())
    ap = ws.plan(pid).appendices[0]
    ids = rows.insert(ws, rows.TASKS, ap.id, [Task(content="p1"), Task(content="p2")], position=1).ids
    assert len(ids) == 2 and contents(ws, pid)[:3] == ["t0", "p1", "p2"]
    appendices.set_settings(ws, ap.id, title="Mới", columns=("content", "lead"), headers={"lead": "Chủ trì"})
    a = ws.db.load_plan(pid).appendices[0]
    assert a.title == "Mới" and a.columns == ("content", "lead") and a.header_for("lead") == "Chủ trì"
    with pytest.raises(InvalidInput):
        appendices.set_settings(ws, ap.id, columns=["content", "content"])


def test_appendix_add_delete_move_and_restore(ws):
    pid = ws.db.insert_plan(_plan())
    plan = ws.plan(pid)
    first, second = plan.appendices
    new_id = appendices.add(ws, pid, Appendix(title="Mới", tasks=(Task(content="x"),)), position=0).created
    assert [a.title for a in ws.db.load_plan(pid).appendices] == ["Mới", "", ""]
    assert appendices.move(ws, new_id, 5).undo is not None
    assert ws.db.load_plan(pid).appendices[-1].id == new_id
    saved = ws.db.load_plan(pid).appendices[0]
    undo = appendices.delete(ws, first.id).undo
    assert store_count(ws, f"SELECT count(*) FROM tasks WHERE appendix_id = {first.id}") == 0
    assert undo is not None
    undo(ws)  # the same content back in place
    again = ws.db.load_plan(pid).appendices[0]
    assert [t.content for t in again.tasks] == [t.content for t in saved.tasks]


def test_a_row_put_back_keeps_its_ids_when_free(store):
    from storage import rows as rows_store

    pid = plans_store.insert_plan(store, _plan())
    ap = plans_store.load_plan(store, pid).appendices[0]
    parent = rows_store.insert(
        store, rows_store.TASKS, pid, (ap.id,), None, 0, Task(content="p", subtasks=(Task("c"),))
    )
    row = plans_store.load_plan(store, pid).appendices[0].tasks[0]
    rows_store.delete(store, rows_store.TASKS, parent)
    # a task id is never given again to another task (schema 8), so versions keep their identity
    other = rows_store.insert(store, rows_store.TASKS, pid, (ap.id,), None, None, Task(content="khác"), keep_ids=True)
    assert other > parent
    rows_store.delete(store, rows_store.TASKS, other)
    again = rows_store.insert(store, rows_store.TASKS, pid, (ap.id,), None, 0, row, keep_ids=True)
    assert plans_store.load_plan(store, pid).appendices[0].tasks[0] == row and again == row.id
    # an id another row has now is not taken from it
    copy = rows_store.insert(store, rows_store.TASKS, pid, (ap.id,), None, None, row, keep_ids=True)
    assert copy != row.id and plans_store.load_plan(store, pid).appendices[0].tasks[0] == row
    # a whole plan is written with new ids, whatever ids it carries
    loaded = plans_store.load_plan(store, pid)
    twin = plans_store.load_plan(store, plans_store.insert_plan(store, loaded))
    assert twin.appendices[0].tasks[0].id != row.id


def test_an_appendix_put_back_keeps_its_ids(store):
    pid = plans_store.insert_plan(store, _plan())
    first = plans_store.load_plan(store, pid).appendices[0]
    plans_store.delete_appendix(store, first.id)
    plans_store.add_appendix(store, pid, first, 0, keep_ids=True)
    assert plans_store.load_plan(store, pid).appendices[0] == first
