"""Tracking follows versions: a task's record stays with it when the task is edited or moved after
the plan was issued, and a task repealed after issue is listed as "Bãi bỏ" (with the amendment
that repealed it) in the reports and the tracking views instead of disappearing."""

from __future__ import annotations

from datetime import date

from ops_helpers import rich_plan

from app.model import DocDate, Plan, Task, iter_tasks
from app.ops import plans, reports, rows, tracking
from app.ops.row_moves import move_to
from app.tracking.repealed import Repealed, repealed_from
from app.tracking.status import Status
from app.versions import compare_versions, create_amendment, issue
from app.versions.diff import MOVED


def _task(ws, plan_id, content):
    return next(t for a in ws.plan(plan_id).appendices for t in iter_tasks(a.tasks) if t.content == content)


def test_records_stay_with_a_task_edited_and_moved_after_issue(ws, plan_id):
    doi_thoai, ra_soat = _task(ws, plan_id, "Đối thoại"), _task(ws, plan_id, "Rà soát văn bản")
    tracking.set_status(ws, doi_thoai.id, Status.IN_PROGRESS)
    tracking.set_result(ws, doi_thoai.id, "Đã tổ chức 2 buổi đối thoại")
    vid = issue(ws, plan_id, "15", date(2027, 1, 20)).created
    rows.set_fields(ws, rows.TASKS, doi_thoai.id, content="Đối thoại với doanh nghiệp")
    move_to(ws, rows.TASKS, doi_thoai.id, ra_soat.id, 0)  # now a sub-task of another task
    amendment = create_amendment(ws, plan_id, str(vid)).created
    assert amendment is not None
    t = tracking.tracked_task(ws, doi_thoai.id)
    assert (t.task.content, t.record.status, t.record.result) == (
        "Đối thoại với doanh nghiệp",
        Status.IN_PROGRESS,
        "Đã tổ chức 2 buổi đối thoại",
    )
    [moved] = [c for c in compare_versions(ws, plan_id, str(vid)).changes if c.kind == "task"]
    assert moved.action == MOVED and moved.old_item.id == moved.new_item.id == doi_thoai.id
    assert tracking.repealed(ws, plan_id) == []  # edited and moved, not repealed


def _repeal_with_amendment(ws, plan_id):
    vid = issue(ws, plan_id, "15", date(2027, 1, 20)).created
    kiem_tra = _task(ws, plan_id, "Kiểm tra công vụ")
    tracking.set_status(ws, kiem_tra.id, Status.IN_PROGRESS)
    rows.remove(ws, rows.TASKS, [kiem_tra.id])
    amendment = create_amendment(ws, plan_id, str(vid)).created
    plans.set_header(ws, amendment, number="20", date=DocDate(2027, 6, 15))
    return kiem_tra, amendment


def test_a_task_repealed_by_an_amendment_is_in_the_report_as_repealed(ws, plan_id):
    before = reports.preview(ws, plan_id, "6m").counts.total
    kiem_tra, _ = _repeal_with_amendment(ws, plan_id)
    report = reports.preview(ws, plan_id, "6m")
    assert report.counts.total == before - 1  # no longer expected: not counted
    group, row = report.rows[-2:]
    assert (group.kind, group.content) == ("group", "Nhiệm vụ đã bãi bỏ")
    assert group.label == "IV"  # after the three area groups of the table
    assert row.content == "Kiểm tra công vụ (nhiệm vụ số 1, mục III Phụ lục I khi ban hành)"
    assert (row.label, row.lead, row.due) == ("1", "Phòng VH-XH", "Quý III/2027")
    assert row.status == "Bãi bỏ theo Kế hoạch số 20/KH-UBND ngày 15/06/2027"
    assert report.section("general").paragraphs[1] == (
        "Có 1 nhiệm vụ đã bãi bỏ sau khi ban hành Kế hoạch (theo Kế hoạch số 20/KH-UBND ngày 15/06/2027), "
        "không tính vào tổng số nhiệm vụ."
    )
    # the stored report keeps it too, and the overview lists it
    stored = reports.load(ws, reports.create(ws, plan_id, "6m").created)
    assert stored.rows[-1].status == row.status
    lines = reports.overview(ws, plan_id).lines()
    assert "Đã bãi bỏ: 1" in lines
    assert any(x.startswith("  [nhiệm vụ số 1, mục III Phụ lục I] Kiểm tra công vụ — Bãi bỏ theo") for x in lines)
    [r] = tracking.repealed(ws, plan_id)
    assert (r.task.id, r.area, r.depth) == (kiem_tra.id, "civil_service", 0)


def test_without_an_issued_amendment_it_is_plainly_repealed(ws, plan_id):
    issue(ws, plan_id, "15", date(2027, 1, 20))
    rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Niêm yết thủ tục").id])  # with its sub-tasks
    found = tracking.repealed(ws, plan_id)
    assert [(r.task.content, r.depth, r.status) for r in found] == [
        ("Niêm yết thủ tục", 0, "Bãi bỏ"),
        ("Cập nhật danh mục", 1, "Bãi bỏ"),
        ("Danh mục cấp xã", 2, "Bãi bỏ"),
        ("Công khai trên cổng", 1, "Bãi bỏ"),
    ]
    table = reports.preview(ws, plan_id, "6m").rows
    assert [(r.label, r.depth) for r in table[-4:]] == [("1", 0), ("1", 1), ("1", 2), ("1", 1)]


def test_a_task_deleted_before_the_plan_was_issued_is_simply_gone(ws, plan_id):
    rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Kiểm tra công vụ").id])
    issue(ws, plan_id, "15", date(2027, 1, 20))
    assert tracking.repealed(ws, plan_id) == []
    assert all(r.content != "Nhiệm vụ đã bãi bỏ" for r in reports.preview(ws, plan_id, "6m").rows)


def test_the_amendment_that_lists_the_task_is_named_not_a_later_one():
    numbered = _with_ids(rich_plan(), iter(range(1, 100)))
    kept = [t for a in numbered.appendices for t in iter_tasks(a.tasks) if t.content != "Đối thoại"]
    current = _only(numbered, {t.id for t in kept})
    first = Plan(2027, number="20", date=DocDate(2027, 3, 2), appendices=(_table("Đối thoại"),))
    later = Plan(2027, number="31", date=DocDate(2027, 9, 9), appendices=(_table("Việc khác"),))
    [r] = repealed_from([numbered], current, [first, later])
    assert isinstance(r, Repealed) and r.by == "Kế hoạch số 20/KH-UBND ngày 02/03/2027"
    [r] = repealed_from([numbered], current, [later])  # no amendment lists it: the latest issued one
    assert r.by == "Kế hoạch số 31/KH-UBND ngày 09/09/2027"
    draft = Plan(2027, number="", appendices=(_table("Đối thoại"),))
    assert repealed_from([numbered], current, [draft])[0].by == ""  # a draft amendment repeals nothing yet


def _table(content):
    from app.model import Appendix

    return Appendix(tasks=(Task(content=content, product="Bãi bỏ"),))


def _with_ids(plan, ids):
    from dataclasses import replace

    def one(t):
        return replace(t, id=next(ids), subtasks=tuple(one(s) for s in t.subtasks))

    return replace(plan, appendices=tuple(replace(a, tasks=tuple(one(t) for t in a.tasks)) for a in plan.appendices))


def _only(plan, keep):
    from dataclasses import replace

    def prune(tasks):
        return tuple(replace(t, subtasks=prune(t.subtasks)) for t in tasks if t.id in keep)

    return replace(plan, appendices=tuple(replace(a, tasks=prune(a.tasks)) for a in plan.appendices))


def test_repealed_follows_each_change_of_the_plan_and_its_versions(ws, plan_id):
    issue(ws, plan_id, "15", date(2027, 1, 20))
    assert tracking.repealed(ws, plan_id) == []
    gone = rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Đối thoại").id])
    assert [r.task.content for r in tracking.repealed(ws, plan_id)] == ["Đối thoại"]
    gone.undo(ws)  # put back with its id: not repealed any more
    assert tracking.repealed(ws, plan_id) == []
    rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Đối thoại").id])
    issue(ws, plan_id, "16", date(2027, 3, 1))  # issued again without it: still repealed since the first
    assert [r.task.content for r in tracking.repealed(ws, plan_id)] == ["Đối thoại"]


def test_what_was_recorded_before_the_repeal_stays_in_the_report(ws, plan_id):
    """The task's record goes with the task row, but what had been done is kept and reported:
    'Đang thực hiện — Đã kiểm tra 2 đơn vị' beside 'Bãi bỏ theo …'."""
    kiem_tra = _task(ws, plan_id, "Kiểm tra công vụ")
    tracking.set_result(ws, kiem_tra.id, "Đã kiểm tra  2 đơn vị")
    _repeal_with_amendment(ws, plan_id)  # marks it in progress, removes it, amends
    row = reports.preview(ws, plan_id, "6m").rows[-1]
    assert row.result == "Trước khi bãi bỏ: Đang thực hiện — Đã kiểm tra 2 đơn vị"
    stored = reports.load(ws, reports.create(ws, plan_id, "6m").created)
    assert stored.rows[-1].result == row.result


def test_records_of_sub_tasks_removed_with_their_task_are_kept_and_go_with_the_plan(ws, plan_id):
    issue(ws, plan_id, "15", date(2027, 1, 20))
    sub = _task(ws, plan_id, "Danh mục cấp xã")  # two levels under "Niêm yết thủ tục"
    tracking.mark_done(ws, sub.id, date(2027, 3, 5), "Đã niêm yết 120 thủ tục")
    rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Niêm yết thủ tục").id])  # cascades to it
    found = {r.task.content: r.before for r in tracking.repealed(ws, plan_id)}
    assert found["Danh mục cấp xã"].startswith("Trước khi bãi bỏ: Hoàn thành")
    assert found["Danh mục cấp xã"].endswith("ngày 05/03/2027 — Đã niêm yết 120 thủ tục")
    assert found["Niêm yết thủ tục"] == ""  # nothing was recorded on it
    assert set(ws.db.records_before_removal(plan_id)) == {sub.id}
    plans.delete_plan(ws, plan_id)
    assert ws.db.records_before_removal(plan_id) == {}
