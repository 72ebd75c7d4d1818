"""The self-assessment's window operations on a real data folder: each one transaction and one
undo step (undo, then redo); files copied once, a task's file linked rather than copied again."""

from __future__ import annotations

from datetime import date

import pytest
from index_helpers import D, tracked_setup

from app.errors import InvalidInput
from app.index import assess
from app.index.model import EVIDENCE, TARGET, TASK
from app.model import Target
from app.ops import index as ops
from app.ops.changes import Part


@pytest.fixture(autouse=True)
def _today(clock_at):
    clock_at(date(2027, 12, 10))


@pytest.fixture
def setup(ws, tmp_path):
    plan_id, set_id, tasks, ev_id = tracked_setup(ws, tmp_path)
    aid = assess.start(ws, set_id, 2027, plan_id)
    return plan_id, aid, tasks, ev_id


def links(ws, aid, number):
    return sorted((k.kind, k.ref) for k in ws.db.get_assessment(aid).links_of(number))


def stored_copies(ws) -> list[str]:
    return sorted(p.name for p in (ws.paths.folder / "evidence").rglob("*") if p.is_file())


def test_a_score_is_one_undo_step(ws, setup):
    plan_id, aid, _, _ = setup
    changes = ops.score(ws, aid, "2.1", D("0.5"), "Rà soát 12/20")
    assert (changes.plan_id, changes.parts, changes.ids) == (plan_id, {Part.INDEX}, {aid})
    redo = changes.undo(ws)
    assert ws.db.get_assessment(aid).score_of("2.1").score is None
    redo.undo(ws)
    assert ws.db.get_assessment(aid).score_of("2.1").explanation == "Rà soát 12/20"
    with pytest.raises(InvalidInput, match="vượt điểm tối đa"):
        ops.score(ws, aid, "2.1", D("2"))


def test_the_picker_lists_the_plans_tasks_targets_and_files_and_links_exactly_what_is_ticked(ws, setup):
    _, aid, tasks, ev_id = setup
    found = ops.candidates(ws, aid, "1.1")
    kinds = [c.kind for c in found]
    assert kinds.count(TASK) == 4 and kinds.count(EVIDENCE) == 1 and not any(c.linked for c in found)
    assert next(c.label for c in found if c.kind == EVIDENCE) == (
        "Tệp: Kế hoạch số 05.pdf (nhiệm vụ: Ban hành Kế hoạch CCHC năm 2027)"
    )
    changes = ops.set_links(ws, aid, "1.1", frozenset({(TASK, tasks[0])}))
    assert links(ws, aid, "1.1") == [(EVIDENCE, ev_id), (TASK, tasks[0])]  # the task's file came with it
    assert all(c.linked for c in ops.candidates(ws, aid, "1.1") if c.ref in (tasks[0], ev_id))
    redo = changes.undo(ws)
    assert links(ws, aid, "1.1") == []
    redo.undo(ws)
    assert links(ws, aid, "1.1") == [(EVIDENCE, ev_id), (TASK, tasks[0])]
    ops.set_links(ws, aid, "1.1", frozenset({(EVIDENCE, ev_id)}))  # the task unticked, its file kept
    assert links(ws, aid, "1.1") == [(EVIDENCE, ev_id)]
    assert ops.set_links(ws, aid, "1.1", frozenset({(EVIDENCE, ev_id)})).empty  # nothing changed: no undo step


def test_targets_are_linked_and_unlinked(ws, tmp_path, setup):
    plan_id, aid, _, _ = setup
    from app.ops import rows

    rows.insert(ws, rows.TARGETS, plan_id, [Target(content="100% hồ sơ đúng hạn")])
    target = ws.plan(plan_id).targets[0]
    assert any(c.kind == TARGET and c.label == "Chỉ tiêu: 100% hồ sơ đúng hạn" for c in ops.candidates(ws, aid, "2.1"))
    ops.set_links(ws, aid, "2.1", frozenset({(TARGET, target.id)}))
    assert links(ws, aid, "2.1") == [(TARGET, target.id)]
    undo = ops.unlink(ws, aid, "2.1", TARGET, target.id).undo
    assert links(ws, aid, "2.1") == []
    undo(ws)
    assert links(ws, aid, "2.1") == [(TARGET, target.id)]


def test_a_new_file_is_copied_once_and_the_same_content_is_never_copied_twice(ws, tmp_path, setup):
    plan_id, aid, _, ev_id = setup
    before = stored_copies(ws)
    scan = tmp_path / "Biên bản kiểm tra.pdf"
    scan.write_bytes(b"%PDF bien ban")
    changes = ops.add_file(ws, aid, "2.1", scan)
    assert len(stored_copies(ws)) == len(before) + 1
    with pytest.raises(InvalidInput) as e:
        ops.add_file(ws, aid, "2.1", scan)
    assert e.value.message == "Tệp «Biên bản kiểm tra.pdf» đã có trong tài liệu kiểm chứng của tiêu chí 2.1."
    # the task's file, picked again from the disk: linked, not copied
    again = tmp_path / "ban sao.pdf"
    again.write_bytes(b"%PDF-1.4 ke hoach")
    ops.add_file(ws, aid, "2.1", again)
    assert len(stored_copies(ws)) == len(before) + 1
    assert links(ws, aid, "2.1") == [(EVIDENCE, ev_id)]
    # undo of the add takes the file off; redo puts the same copy back without copying
    (f,) = ws.db.get_assessment(aid).files
    redo = changes.undo(ws)
    assert ws.db.get_assessment(aid).files == []
    redo.undo(ws)
    assert ws.db.get_assessment(aid).files == [f]
    assert len(stored_copies(ws)) == len(before) + 1


def test_removing_a_criterion_file_keeps_the_copy_for_the_undo(ws, tmp_path, setup):
    _, aid, _, _ = setup
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF scan")
    ops.add_file(ws, aid, "2.1", scan)
    (f,) = ws.db.get_assessment(aid).files
    undo = ops.remove_file(ws, aid, f.id).undo
    assert ws.db.get_assessment(aid).files == [] and (ws.paths.folder / f.stored_path).is_file()
    undo(ws)
    assert ws.db.get_assessment(aid).files == [f]


def test_taking_the_proposals_is_one_undo_step(ws, setup):
    _, aid, tasks, _ = setup
    ops.set_links(ws, aid, "1.1", frozenset({(TASK, tasks[0])}))
    changes = ops.take_proposals(ws, aid)
    assert changes.label == "Lấy 1 điểm đề xuất" and ws.db.get_assessment(aid).score_of("1.1").score == D(1)
    changes.undo(ws)
    assert ws.db.get_assessment(aid).score_of("1.1").score is None
