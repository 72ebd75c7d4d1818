import sqlite3

import pytest

from app.errors import DatabaseError, InvalidInput, NotFound
from app.model import Appendix, Plan, Section, Target, Task
from app.plan_file import dumps
from app.usecases import editing
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


def contents(store, plan_id, appendix=0):
    return [t.content for t in plans_store.load_plan(store, plan_id).appendices[appendix].tasks]


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


def test_task_editing_verbs(store):
    pid = plans_store.insert_plan(store, _plan())
    plan = plans_store.load_plan(store, pid)
    ap = plan.appendices[0]
    ids = [t.id for t in ap.tasks]
    editing.update_task(store, ids[0], content="đã sửa", timeline="Quý I/2027")
    assert contents(store, pid)[0] == "đã sửa"
    editing.move_task_down(store, ids[0])
    assert contents(store, pid)[:2] == ["t1", "đã sửa"]
    assert editing.move_task_up(store, ids[1]) is None  # already first
    assert editing.move_task_up(store, ids[0]) is not None
    assert contents(store, pid)[:2] == ["đã sửa", "t1"]
    # Indent t2 under the row above, then outdent it back.
    editing.indent_task(store, ids[2])
    tasks = plans_store.load_plan(store, pid).appendices[0].tasks
    assert any(s.content == "t2" for t in tasks for s in t.subtasks)
    editing.outdent_task(store, ids[2])
    assert "t2" in contents(store, pid)
    new_id = editing.add_task(store, ap.id, Task(content="mới"), position=0)
    assert contents(store, pid)[0] == "mới"
    editing.add_task(store, ap.id, Task(content="con"), parent_id=new_id)
    loc = editing.delete_task(store, new_id)
    assert loc.position == 0
    assert "mới" not in contents(store, pid)
    assert store.execute("SELECT count(*) FROM tasks WHERE content = 'con'").fetchone()[0] == 0


def test_moves_keep_positions_dense(store):
    pid = plans_store.insert_plan(store, _plan())
    ap = plans_store.load_plan(store, pid).appendices[0]
    editing.move_task(store, ap.tasks[4].id, None, 0)
    editing.delete_task(store, ap.tasks[2].id)
    pos = [
        r[0]
        for r in store.execute(
            "SELECT position FROM tasks WHERE appendix_id = ? AND parent_id IS NULL ORDER BY position", (ap.id,)
        )
    ]
    assert pos == list(range(len(pos)))
    assert contents(store, pid) == ["t4", "t0", "t1", "t3"]


def test_cannot_move_a_task_into_itself(store):
    pid = plans_store.insert_plan(store, _plan())
    ap = plans_store.load_plan(store, pid).appendices[0]
    editing.indent_task(store, ap.tasks[1].id)
    with pytest.raises(InvalidInput):
        editing.move_task(store, ap.tasks[0].id, ap.tasks[1].id, 0)


def test_a_failed_action_leaves_the_database_as_it_was(store):
    pid = plans_store.insert_plan(store, _plan())
    before = dumps(plans_store.load_plan(store, pid))
    ap = plans_store.load_plan(store, pid).appendices[0]
    with pytest.raises(InvalidInput):
        editing.update_task(store, ap.tasks[0].id, content="x", colour="red")
    with pytest.raises(InvalidInput):
        editing.add_task(store, plans_store.load_plan(store, pid).appendices[1].id, Task(content="x"))
    with pytest.raises(NotFound):
        editing.update_task(store, 99999, content="x")
    assert dumps(plans_store.load_plan(store, pid)) == before


def test_insert_plan_is_all_or_nothing(store, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(plans_store, "insert_appendix", boom)
    with pytest.raises(RuntimeError):
        plans_store.insert_plan(store, _plan())
    assert store.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM sections").fetchone()[0] == 0


def test_sections_and_targets_verbs(store):
    pid = plans_store.insert_plan(store, _plan())
    plan = plans_store.load_plan(store, pid)
    sid = editing.add_section(store, pid, Section("C", paragraphs=("- x",)))
    editing.update_section(store, sid, heading="C mới", paragraphs=["a", "- b"])
    editing.indent_section(store, sid)
    plan = plans_store.load_plan(store, pid)
    assert plan.sections[1].sections[0].heading == "C mới"
    assert plan.sections[1].sections[0].paragraphs == ("a", "- b")
    tid = editing.add_target(store, pid, Target(content="100%"), position=0)
    editing.update_target(store, tid, lead="Phòng Văn hóa - Xã hội")
    assert plans_store.load_plan(store, pid).targets[0].lead == "Phòng Văn hóa - Xã hội"


def test_paste_is_one_transaction_and_appendix_fields_update(store):
    pid = plans_store.insert_plan(store, _plan())
    ap = plans_store.load_plan(store, pid).appendices[0]
    ids = editing.add_tasks(store, ap.id, [Task(content="p1"), Task(content="p2")], position=1)
    assert len(ids) == 2 and contents(store, pid)[:3] == ["t0", "p1", "p2"]
    editing.update_appendix(store, ap.id, title="Mới", columns=["content", "lead"], headers={"lead": "Chủ trì"})
    a = plans_store.load_plan(store, pid).appendices[0]
    assert a.title == "Mới" and a.columns == ("content", "lead") and a.header_for("lead") == "Chủ trì"
    with pytest.raises(InvalidInput):
        editing.update_appendix(store, ap.id, columns=["content", "content"])


def test_appendix_add_delete_move_and_restore(store):
    pid = plans_store.insert_plan(store, _plan())
    plan = plans_store.load_plan(store, pid)
    first, second = plan.appendices
    new_id = editing.add_appendix(store, pid, Appendix(title="Mới", tasks=(Task(content="x"),)), position=0)
    assert [a.title for a in plans_store.load_plan(store, pid).appendices] == ["Mới", "", ""]
    assert editing.move_appendix(store, new_id, 5) == 0
    assert plans_store.load_plan(store, pid).appendices[-1].id == new_id
    saved = plans_store.load_plan(store, pid).appendices[0]
    pos = editing.delete_appendix(store, first.id)
    assert (
        pos == 0 and store.execute("SELECT count(*) FROM tasks WHERE appendix_id = ?", (first.id,)).fetchone()[0] == 0
    )
    editing.add_appendix(store, pid, saved, position=pos)  # undo: the same content back in place
    again = plans_store.load_plan(store, pid).appendices[0]
    assert [t.content for t in again.tasks] == [t.content for t in saved.tasks]
