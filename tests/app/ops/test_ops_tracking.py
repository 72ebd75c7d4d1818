"""app.ops.tracking, evidence and targets on a real file: each change of a task's record, an
evidence link or a target result is one undo step that puts the stored values back exactly."""

from __future__ import annotations

from datetime import date

import pytest
from ops_helpers import TODAY, round_trip

from app.errors import InvalidInput, NotFound
from app.ops import appendices, evidence, rows, targets, tracking
from app.ops.changes import NOTHING, Part
from app.tracking.measure import Measure
from app.tracking.status import Status


def records(plan_id):
    """Every task's record as the tracking table shows it (a task never touched: the default)."""
    return lambda ws: {t.id: t.record for t in tracking.tracked(ws, plan_id)}


def tasks(plan):
    t = plan.appendices[0].tasks
    return t[0], t[1], t[1].subtasks[1], t[2]  # due 31/3; due 31/7; inherits 31/7; no due date


def _check(changes, plan_id, task_id, label):
    assert changes.plan_id == plan_id and changes.parts == {Part.TRACKING}
    assert changes.ids == {task_id} and changes.label == label and changes.appendix_ids == frozenset()


# ---------------------------------------------------------------- task records


def test_set_status(ws, plan):
    a, b, sub, c = tasks(plan)
    changes, undone, redone = round_trip(
        ws, lambda: tracking.set_status(ws, a.id, Status.DONE_LATE, date(2027, 4, 2)), records(plan.id)
    )
    _check(changes, plan.id, a.id, "Đổi tình trạng: Hoàn thành quá hạn")
    _check(undone, plan.id, a.id, "Đổi tình trạng: Hoàn thành quá hạn")
    assert ws.db.get_record(a.id).completed_on == date(2027, 4, 2)
    changes, *_ = round_trip(
        ws, lambda: tracking.set_status(ws, c.id, "Không thực hiện", reason=" Tỉnh chưa có kế hoạch "), records(plan.id)
    )
    assert ws.db.get_record(c.id).reason == "Tỉnh chưa có kế hoạch"
    round_trip(ws, lambda: tracking.set_status(ws, a.id, Status.IN_PROGRESS), records(plan.id))
    assert ws.db.get_record(a.id).completed_on is None
    assert tracking.set_status(ws, a.id, Status.IN_PROGRESS) is NOTHING


def test_set_status_refuses(ws, plan):
    a, b, sub, c = tasks(plan)
    before = records(plan.id)(ws)
    with pytest.raises(InvalidInput, match="sau ngày hôm nay"):
        tracking.set_status(ws, a.id, Status.DONE_ON_TIME, date(2027, 6, 11))
    with pytest.raises(InvalidInput, match="lý do"):
        tracking.set_status(ws, a.id, Status.NOT_DONE, reason="  ")
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        tracking.set_status(ws, a.id, "Xong")
    with pytest.raises(NotFound):
        tracking.set_status(ws, 99999, Status.IN_PROGRESS)
    assert records(plan.id)(ws) == before


def test_mark_done_with_its_result_is_one_step(ws, plan):
    a, b, sub, c = tasks(plan)
    changes, *_ = round_trip(ws, lambda: tracking.mark_done(ws, sub.id, result=" Đã công khai "), records(plan.id))
    _check(changes, plan.id, sub.id, "Đánh dấu hoàn thành")
    record = ws.db.get_record(sub.id)
    assert (record.status, record.completed_on, record.result) == (Status.DONE_ON_TIME, TODAY, "Đã công khai")
    round_trip(ws, lambda: tracking.mark_done(ws, a.id), records(plan.id))
    assert ws.db.get_record(a.id).completed_on == date(2027, 3, 31)  # the due date, passed
    assert ws.db.get_record(a.id).status is Status.DONE_ON_TIME
    with pytest.raises(InvalidInput, match="sau ngày hôm nay"):
        tracking.mark_done(ws, c.id, date(2027, 7, 1))


def test_set_completed_on(ws, plan):
    a, b, sub, c = tasks(plan)
    with pytest.raises(InvalidInput, match="đã hoàn thành"):
        tracking.set_completed_on(ws, a.id, date(2027, 3, 1))
    tracking.mark_done(ws, a.id, date(2027, 3, 1))
    changes, *_ = round_trip(ws, lambda: tracking.set_completed_on(ws, a.id, date(2027, 4, 9)), records(plan.id))
    _check(changes, plan.id, a.id, "Sửa ngày hoàn thành")
    assert ws.db.get_record(a.id).status is Status.DONE_LATE  # on time or late follows the new day
    with pytest.raises(InvalidInput, match="sau ngày hôm nay"):
        tracking.set_completed_on(ws, a.id, date(2027, 6, 30))


def test_set_due(ws, plan):
    a, b, sub, c = tasks(plan)
    changes, *_ = round_trip(ws, lambda: tracking.set_due(ws, c.id, date(2027, 9, 30)), records(plan.id))
    _check(changes, plan.id, c.id, "Đặt thời hạn")
    assert tracking.tracked_task(ws, c.id).due.date == date(2027, 9, 30)
    round_trip(ws, lambda: tracking.set_due(ws, a.id, None), records(plan.id))  # "no due date"
    assert tracking.tracked_task(ws, a.id).due.date is None
    changes, *_ = round_trip(ws, lambda: tracking.set_due(ws, a.id, None, clear=True), records(plan.id))
    assert changes.label == "Đặt lại thời hạn theo văn bản"
    assert tracking.tracked_task(ws, a.id).due.date == date(2027, 3, 31)


def test_set_result(ws, plan):
    a, *_ = tasks(plan)
    changes, *_ = round_trip(ws, lambda: tracking.set_result(ws, a.id, "Đã rà soát\x00 12 văn bản "), records(plan.id))
    _check(changes, plan.id, a.id, "Sửa kết quả thực hiện")
    assert ws.db.get_record(a.id).result == "Đã rà soát 12 văn bản"
    assert tracking.set_result(ws, a.id, "Đã rà soát 12 văn bản") is NOTHING


def test_a_record_step_still_finds_its_task_after_the_task_was_put_back(ws, plan):
    a, *_ = tasks(plan)
    result = tracking.set_result(ws, a.id, "Xong")
    removed = rows.remove(ws, rows.TASKS, [a.id])
    assert a.id not in ws.db.get_records(plan.id)  # the record goes with the task …
    removed.undo(ws)
    assert ws.db.get_record(a.id).result == "Xong"  # … and comes back with it
    undone = result.undo(ws)
    assert ws.db.get_record(a.id).result == "" and undone.ids == {a.id}
    undone.undo(ws)
    assert ws.db.get_record(a.id).result == "Xong"


# ---------------------------------------------------------------- evidence


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "Biên bản.pdf"
    path.write_bytes(b"%PDF minutes")
    return path


def linked(plan_id):
    return lambda ws: [(e.id, e.task_id) for e in ws.db.list_evidence(plan_id)]


def test_add_evidence_undo_unlinks_redo_links_again(ws, plan, source):
    a, *_ = tasks(plan)
    changes, undone, redone = round_trip(ws, lambda: evidence.add(ws, a.id, source), linked(plan.id))
    ev = ws.db.get_evidence(changes.created)
    assert changes.plan_id == plan.id and changes.parts == {Part.EVIDENCE} and changes.ids == {a.id}
    assert changes.label == "Thêm minh chứng «Biên bản.pdf»"
    assert undone.label == "Gỡ minh chứng «Biên bản.pdf»" and redone.label == "Gắn minh chứng «Biên bản.pdf»"
    assert ev.task_id == a.id and evidence.file_of(ws, ev.id).read_bytes() == b"%PDF minutes"
    assert len(list((ws.paths.evidence / str(plan.id)).iterdir())) == 1  # one copy, kept through undo and redo


def test_unlink_and_relink(ws, plan, source):
    a, b, *_ = tasks(plan)
    ev = evidence.add(ws, a.id, source).created
    changes, undone, _ = round_trip(ws, lambda: evidence.unlink(ws, ev), linked(plan.id))
    assert changes.plan_id == plan.id and changes.ids == {a.id} and changes.parts == {Part.EVIDENCE}
    assert [e.id for e in evidence.unlinked(ws, plan.id)] == [ev]
    assert undone.ids == {a.id}
    evidence.unlink(ws, ev)
    changes, *_ = round_trip(ws, lambda: evidence.relink(ws, ev, b.id), linked(plan.id))
    assert changes.ids == {b.id} and [e.id for e in evidence.of_task(ws, b.id)] == [ev]


def test_evidence_of_a_task_put_back(ws, plan, source):
    a, *_ = tasks(plan)
    added = evidence.add(ws, a.id, source)
    removed = rows.remove(ws, rows.TASKS, [a.id])  # unlinks the evidence, never deletes it
    assert ws.db.get_evidence(added.created).task_id is None
    removed.undo(ws)
    assert [e.id for e in evidence.of_task(ws, a.id)] == [added.created]  # linked again


def test_undoing_an_evidence_link_already_gone_keeps_its_redo(ws, plan, source):
    a, *_ = tasks(plan)
    added = evidence.add(ws, a.id, source)
    evidence.unlink(ws, added.created)
    unlinked = added.undo(ws)  # nothing left to unlink, but the step can be redone
    assert unlinked.undo is not None
    unlinked.undo(ws)
    assert [e.id for e in evidence.of_task(ws, a.id)] == [added.created]


# ---------------------------------------------------------------- target results


def target_values(plan_id):
    return lambda ws: (ws.db.get_measures(plan_id), {p: ws.db.get_target_values(plan_id, p) for p in ("6m", "year")})


def test_set_measure_and_clear_it(ws, plan):
    target = plan.targets[0].id
    changes, *_ = round_trip(ws, lambda: targets.set_measure(ws, target, "≥", 95, " % "), target_values(plan.id))
    assert changes.plan_id == plan.id and changes.parts == {Part.TARGET_RESULTS} and changes.ids == {target}
    assert changes.label == "Sửa mức chỉ tiêu" and ws.db.get_measures(plan.id) == {target: Measure(">=", 95.0, "%")}
    changes, *_ = round_trip(ws, lambda: targets.set_measure(ws, target, None), target_values(plan.id))
    assert changes.label == "Đánh dấu chỉ tiêu không đo được" and ws.db.get_measures(plan.id) == {target: None}
    changes, *_ = round_trip(ws, lambda: targets.clear_measure(ws, target), target_values(plan.id))
    assert changes.label == "Đọc lại mức chỉ tiêu theo văn bản" and ws.db.get_measures(plan.id) == {}
    assert targets.clear_measure(ws, target) is NOTHING
    with pytest.raises(InvalidInput, match="phép so sánh"):
        targets.set_measure(ws, target, "~", 3)
    rows_now = targets.rows(ws, plan.id, "6m")
    assert [r.target_id for r in rows_now] == [t.id for t in plan.targets] and not rows_now[0].own


def test_set_result_per_period(ws, plan):
    target = plan.targets[0].id
    changes, *_ = round_trip(ws, lambda: targets.set_result(ws, target, "6m", "93,5"), target_values(plan.id))
    assert changes.plan_id == plan.id and changes.parts == {Part.TARGET_RESULTS} and changes.ids == {target}
    assert changes.label == "Ghi kết quả chỉ tiêu"
    assert ws.db.get_target_values(plan.id, "6m") == {target: 93.5} and ws.db.get_target_values(plan.id, "year") == {}
    round_trip(ws, lambda: targets.set_result(ws, target, "6m", 97), target_values(plan.id))
    round_trip(ws, lambda: targets.set_result(ws, target, "6m", " "), target_values(plan.id))  # cleared
    assert targets.set_result(ws, target, "6m", None) is NOTHING
    with pytest.raises(InvalidInput, match="Kỳ báo cáo"):
        targets.set_result(ws, target, "q3", 1)
    row = targets.rows(ws, plan.id, "6m")[0]
    assert (row.value, row.ok) == (None, None)


# ---------------------------------------------------------------- what a deleted row takes with it


def everything_tracked(plan_id):
    """Task records, evidence links and target results as stored (rows put back keep their ids)."""

    def read(ws):
        return (
            ws.db.get_records(plan_id),
            [(e.id, e.task_id, e.removed_at) for e in ws.db.list_evidence(plan_id)],
            ws.db.get_measures(plan_id),
            {p: ws.db.get_target_values(plan_id, p) for p in ("q1", "6m", "9m", "year")},
        )

    return read


def test_a_task_put_back_has_its_records_and_evidence_again(ws, plan, source):
    a, b, sub, c = tasks(plan)
    tracking.mark_done(ws, b.id, date(2027, 5, 1), "Đã niêm yết")
    tracking.set_status(ws, sub.id, Status.IN_PROGRESS)
    tracking.set_due(ws, b.subtasks[0].subtasks[0].id, date(2027, 8, 1))
    tracking.set_result(ws, a.id, "Không bị xóa")
    evidence.add(ws, sub.id, source)
    evidence.add(ws, a.id, source)
    changes, undone, _ = round_trip(ws, lambda: rows.remove(ws, rows.TASKS, [b.id]), everything_tracked(plan.id))
    assert {Part.TASKS, Part.TRACKING, Part.EVIDENCE} <= changes.parts
    assert {Part.TASKS, Part.TRACKING, Part.EVIDENCE} <= undone.parts


def test_a_target_put_back_has_its_measure_and_results_again(ws, plan):
    target = plan.targets[1].id
    targets.set_measure(ws, target, "≥", 90)
    targets.set_result(ws, target, "6m", 87)
    targets.set_result(ws, target, "year", 95)
    targets.set_result(ws, plan.targets[0].id, "6m", 93)
    changes, undone, _ = round_trip(ws, lambda: rows.remove(ws, rows.TARGETS, [target]), everything_tracked(plan.id))
    assert Part.TARGET_RESULTS in changes.parts and Part.TARGET_RESULTS in undone.parts


def test_an_appendix_put_back_has_its_tasks_records_and_evidence_again(ws, plan, source):
    a, b, sub, c = tasks(plan)
    tracking.mark_done(ws, a.id, date(2027, 3, 30))
    tracking.set_result(ws, sub.id, "Đã công khai")
    evidence.add(ws, sub.id, source)
    round_trip(ws, lambda: appendices.delete(ws, plan.appendices[0].id), everything_tracked(plan.id))
