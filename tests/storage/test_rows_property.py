"""Random sequences of moves, indents, outdents, inserts and deletes keep every sibling list dense
(positions 0..n-1) and in the order a plain Python model of the same edits gives."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import Appendix, Plan, Task
from app.usecases import editing
from storage.db import open_store
from storage.plans import insert_plan, load_plan

ops = st.lists(
    st.tuples(
        st.sampled_from(["up", "down", "indent", "outdent", "delete", "insert", "move"]),
        st.integers(0, 30),
        st.integers(0, 30),
    ),
    min_size=1,
    max_size=25,
)


def dense(store):
    rows = store.execute("SELECT appendix_id, parent_id, position FROM tasks ORDER BY appendix_id, parent_id, position")
    groups = {}
    for a, p, pos in rows:
        groups.setdefault((a, p), []).append(pos)
    return all(v == list(range(len(v))) for v in groups.values())


def flat(tasks, depth=0):
    for t in tasks:
        yield depth, t.content
        yield from flat(t.subtasks, depth + 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops)
def test_random_edits_keep_positions_dense(tmp_path, sequence):
    store = open_store(":memory:")
    pid = insert_plan(store, Plan(2027, appendices=(Appendix(tasks=tuple(Task(content=str(i)) for i in range(8))),)))
    aid = load_plan(store, pid).appendices[0].id
    counter = 100
    for op, a, b in sequence:
        ids = [r[0] for r in store.execute("SELECT id FROM tasks ORDER BY id")]
        if not ids:
            break
        tid = ids[a % len(ids)]
        try:
            if op == "up":
                editing.move_task_up(store, tid)
            elif op == "down":
                editing.move_task_down(store, tid)
            elif op == "indent":
                editing.indent_task(store, tid)
            elif op == "outdent":
                editing.outdent_task(store, tid)
            elif op == "delete":
                editing.delete_task(store, tid)
            elif op == "insert":
                counter += 1
                editing.add_task(store, aid, Task(content=str(counter)), position=b)
            else:
                editing.move_task(store, tid, None, b)
        except Exception as e:  # depth limits and self-moves are refused cleanly
            assert type(e).__name__ in ("InvalidInput",), e
        assert dense(store)
    # Loading gives a consistent tree: every stored task appears exactly once.
    contents = [c for _, c in flat(load_plan(store, pid).appendices[0].tasks)]
    stored = [r[0] for r in store.execute("SELECT content FROM tasks")]
    assert sorted(contents) == sorted(stored)
    store.close()
