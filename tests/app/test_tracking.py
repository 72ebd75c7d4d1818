"""Tracking operations on a real SQLite file: status, due dates, results, evidence, targets, calendar."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date

import pytest

from app.carry_forward import carry_forward
from app.errors import InvalidInput, NotFound
from app.model import Appendix, DocDate, Plan, Target, Task
from app.ops import evidence, reports, rows, targets, tracking
from app.ops.plans import carry_forward_plan, delete_plan
from app.tracking.status import Status
from storage.migrations import LATEST_VERSION

TODAY = date(2027, 6, 10)


def small_plan() -> Plan:
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        date=DocDate(2027, 1, 5),
        targets=(Target(area="procedures", content="Mức độ hài lòng đạt tối thiểu 92%"),),
        appendices=(
            Appendix(
                title="Nhiệm vụ",
                group_by_area=True,
                tasks=(
                    Task(area="institutions", content="Rà soát văn bản", lead="Văn phòng", timeline="Quý I/2027"),
                    Task(
                        area="procedures",
                        content="Niêm yết thủ tục",
                        lead="Trung tâm",
                        timeline="Tháng 7/2027",
                        subtasks=(Task(area="procedures", content="Cập nhật danh mục"),),
                    ),
                    Task(area="procedures", content="Đối thoại", timeline="Sau khi có Kế hoạch của Tỉnh"),
                ),
            ),
        ),
    )


@pytest.fixture(autouse=True)
def _today(clock_at):
    clock_at(TODAY)


@pytest.fixture
def plan(ws):
    return ws.plan(ws.db.insert_plan(small_plan()))


def ids(plan):
    t = plan.appendices[0].tasks
    return t[0].id, t[1].id, t[1].subtasks[0].id, t[2].id


def test_schema_is_the_latest_version(ws):
    conn = sqlite3.connect(ws.paths.db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION == 9
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"task_tracking", "evidence", "target_measures", "target_results", "report_periods", "reports"} <= names
    assert "dismissed_findings" in names
    assert {"index_sets", "index_criteria", "index_assessments", "index_scores", "index_links", "index_files"} <= names
    assert "plan_versions" in names
    assert "tracking_before_removal" in names
    assert "origin" in {r[1] for r in conn.execute("PRAGMA table_info(plans)")}
    conn.close()


def test_status_result_and_due_override_round_trip(ws, plan):
    a, b, sub, c = ids(plan)
    tracking.set_status(ws, a, Status.DONE_ON_TIME, date(2027, 3, 20))
    tracking.set_result(ws, a, "Đã rà soát 12 văn bản")
    tracking.set_status(ws, b, "Đang thực hiện")
    with pytest.raises(InvalidInput, match="lý do"):
        tracking.set_status(ws, c, Status.NOT_DONE)
    tracking.set_status(ws, c, Status.NOT_DONE, reason="Tỉnh chưa ban hành kế hoạch")
    recs = ws.db.get_records(plan.id)
    assert recs[a].status is Status.DONE_ON_TIME and recs[a].completed_on == date(2027, 3, 20)
    assert recs[a].result == "Đã rà soát 12 văn bản"
    assert recs[b].status is Status.IN_PROGRESS and recs[b].completed_on is None
    assert recs[c].reason == "Tỉnh chưa ban hành kế hoạch"
    # leaving "done" clears the completion date
    tracking.set_status(ws, a, Status.IN_PROGRESS)
    assert ws.db.get_records(plan.id)[a].completed_on is None
    with pytest.raises(InvalidInput, match="sau ngày hôm nay"):
        tracking.set_status(ws, a, Status.DONE_ON_TIME, date(2027, 7, 1))


def test_done_without_a_day_is_the_due_date_when_it_has_passed_else_today(ws, plan):
    a, b, sub, c = ids(plan)
    tracking.set_status(ws, a, Status.DONE_LATE)  # due 31/3, already passed on TODAY
    assert ws.db.get_record(a).completed_on == date(2027, 3, 31)
    tracking.set_status(ws, sub, Status.DONE_ON_TIME)  # due 31/7, still ahead
    assert ws.db.get_record(sub).completed_on == TODAY


def test_due_dates_derived_inherited_and_overridden(ws, plan):
    a, b, sub, c = ids(plan)
    by_id = {t.id: t for t in tracking.tracked(ws, plan.id)}
    assert by_id[a].due.date == date(2027, 3, 31)
    assert by_id[sub].due.date == date(2027, 7, 31)  # the sub-task inherits its parent's timeline
    assert by_id[sub].lead == "Trung tâm"  # and lead
    assert by_id[c].due.kind == "relative" and by_id[c].due.date is None
    tracking.set_due(ws, c, date(2027, 9, 30))
    t = tracking.tracked_task(ws, c)
    assert t.due.date == date(2027, 9, 30) and t.due.overridden
    tracking.set_due(ws, c, None, clear=True)
    assert tracking.tracked_task(ws, c).due.kind == "relative"


def test_mark_done_decides_on_time_or_late(ws, plan):
    a, b, sub, c = ids(plan)
    tracking.mark_done(ws, a, date(2027, 4, 2), "Xong")
    assert ws.db.get_record(a).status is Status.DONE_LATE and ws.db.get_record(a).result == "Xong"
    tracking.mark_done(ws, sub, date(2027, 5, 2))
    assert ws.db.get_record(sub).status is Status.DONE_ON_TIME
    with pytest.raises(InvalidInput, match="sau ngày hôm nay"):
        tracking.mark_done(ws, c, date(2027, 6, 11))


def test_overview_counts_lists_and_deadline(ws, plan, clock_at):
    a, b, sub, c = ids(plan)
    ov = reports.overview(ws, plan.id)
    assert ov.total == 3  # leaves: a, sub, c (b has a sub-task)
    assert [t.id for t in ov.overdue] == [a]
    assert ov.due_soon == ()
    assert [t.id for t in ov.no_lead] == [c]
    assert [t.id for t in ov.no_due] == [c]
    assert ov.report_line == "Báo cáo 6 tháng: chốt số liệu 14/6, còn 4 ngày"
    assert [(x.title, x.total, x.done, x.overdue) for x in ov.by_area] == [
        ("Cải cách thể chế", 1, 0, 1),
        ("Cải cách thủ tục hành chính", 2, 0, 0),
    ]
    reports.set_period_dates(ws, plan.id, "6m", cutoff=date(2027, 6, 12), due=date(2027, 6, 15))
    assert reports.overview(ws, plan.id).report_line == "Báo cáo 6 tháng: chốt số liệu 12/6, còn 2 ngày"
    clock_at(date(2027, 7, 5))
    soon = reports.overview(ws, plan.id)
    assert [t.id for t in soon.due_soon] == [sub]
    with pytest.raises(InvalidInput):
        reports.set_period_dates(ws, plan.id, "6m", cutoff=date(2027, 6, 20), due=date(2027, 6, 15))
    with pytest.raises(InvalidInput):
        reports.set_period_dates(ws, plan.id, "q5")


def test_target_measure_and_results(ws, plan):
    target = plan.targets[0].id
    targets.set_result(ws, target, "6m", "93,5")
    assert ws.db.get_target_values(plan.id, "6m") == {target: 93.5}
    r = reports.preview(ws, plan.id, "6m")
    assert r.target_lines[0].ok is True and "đạt" in r.target_lines[0].sentence
    targets.set_measure(ws, target, "≥", 95, "%")
    assert reports.preview(ws, plan.id, "6m").target_lines[0].ok is False
    targets.set_measure(ws, target, None)  # not measurable
    assert reports.preview(ws, plan.id, "6m").target_lines[0].measure == ""
    targets.clear_measure(ws, target)
    assert reports.preview(ws, plan.id, "6m").target_lines[0].measure == "≥ 92%"
    with pytest.raises(InvalidInput, match="không phải là số"):
        targets.set_result(ws, target, "6m", "nhiều")
    targets.set_result(ws, target, "6m", "")
    assert ws.db.get_target_values(plan.id, "6m") == {}
    assert reports.preview(ws, plan.id, "6m").target_lines[0].value is None


# ---------------------------------------------------------------- evidence


def _add(ws, task_id, src):
    return ws.db.get_evidence(evidence.add(ws, task_id, src).created)


def test_evidence_is_copied_named_safely_and_hashed(ws, plan, tmp_path):
    a = ids(plan)[0]
    src = tmp_path / "Kế hoạch số 09 (bản ký).pdf"
    src.write_bytes(b"%PDF signed plan")
    ev = _add(ws, a, src)
    stored = evidence.file_of(ws, ev.id)
    assert stored.parent == tmp_path / "data" / "evidence" / str(plan.id)
    assert stored.name == f"{a}-ke-hoach-so-09-ban-ky.pdf" and stored.name.isascii()
    assert stored.read_bytes() == src.read_bytes()
    assert ev.sha256 == hashlib.sha256(b"%PDF signed plan").hexdigest() and ev.size == 16
    assert ev.file_name == "Kế hoạch số 09 (bản ký).pdf"
    # never referenced in place: changing the source does not change the evidence
    src.write_bytes(b"changed")
    assert stored.read_bytes() == b"%PDF signed plan" and evidence.verify(ws, ev.id)
    # the same file twice gets a second name
    ev2 = _add(ws, a, src)
    assert evidence.file_of(ws, ev2.id) != stored
    assert [e.id for e in evidence.of_task(ws, a)] == [ev.id, ev2.id]
    # a copy changed behind the program's back no longer verifies
    stored.write_bytes(b"tampered")
    assert not evidence.verify(ws, ev.id)


def test_missing_source_is_a_vietnamese_message(ws, plan, tmp_path):
    with pytest.raises(InvalidInput, match="Không tìm thấy tệp"):
        evidence.add(ws, ids(plan)[0], tmp_path / "khong-co.pdf")
    with pytest.raises(InvalidInput, match="Không tìm thấy tệp"):
        evidence.add(ws, ids(plan)[0], tmp_path)  # a folder
    assert not (tmp_path / "data" / "evidence" / str(plan.id)).exists() or not any(
        (tmp_path / "data" / "evidence" / str(plan.id)).iterdir()
    )


def test_unreadable_source(ws, plan, tmp_path, monkeypatch):
    import builtins

    src = tmp_path / "a.pdf"
    src.write_bytes(b"x")
    real_open = builtins.open

    def refuse(path, *a, **k):
        if str(path) == str(src):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr(builtins, "open", refuse)
    with pytest.raises(InvalidInput, match="Không đọc được"):
        evidence.add(ws, ids(plan)[0], src)
    monkeypatch.undo()
    folder = tmp_path / "data" / "evidence" / str(plan.id)
    assert list(folder.iterdir()) == []  # no half copy left


def test_removing_evidence_only_unlinks(ws, plan, tmp_path):
    a = ids(plan)[0]
    src = tmp_path / "bien-ban.docx"
    src.write_bytes(b"minutes")
    ev = _add(ws, a, src)
    path = evidence.file_of(ws, ev.id)
    evidence.unlink(ws, ev.id)
    assert evidence.of_task(ws, a) == []
    assert [e.id for e in evidence.unlinked(ws, plan.id)] == [ev.id]
    assert path.read_bytes() == b"minutes"
    evidence.relink(ws, ev.id, a)
    assert [e.id for e in evidence.of_task(ws, a)] == [ev.id]


def test_deleting_a_task_or_plan_never_deletes_evidence(ws, plan, tmp_path):
    a, b, sub, c = ids(plan)
    src = tmp_path / "a.pdf"
    src.write_bytes(b"proof")
    ev_sub = _add(ws, sub, src)
    ev_a = _add(ws, a, src)
    tracking.set_status(ws, sub, Status.IN_PROGRESS)
    rows.remove(ws, rows.TASKS, [b])  # the parent: its sub-task goes too
    assert ws.db.get_evidence(ev_sub.id).task_id is None
    assert evidence.file_of(ws, ev_sub.id).read_bytes() == b"proof"
    assert sub not in ws.db.get_records(plan.id)  # the record goes with the task
    delete_plan(ws, plan.id)
    left = ws.db.unlinked_evidence(None)
    assert {e.id for e in left} == {ev_sub.id, ev_a.id}
    assert all(e.removed_at for e in left)
    assert all(evidence.file_of(ws, e.id).is_file() for e in left)


def test_unknown_ids(ws, plan):
    with pytest.raises(NotFound):
        tracking.set_status(ws, 9999, Status.IN_PROGRESS)
    with pytest.raises(NotFound):
        tracking.tracked_task(ws, 9999)
    with pytest.raises(NotFound):
        evidence.file_of(ws, 9999)
    with pytest.raises(NotFound):
        targets.set_result(ws, 9999, "6m", 1)
    with pytest.raises(NotFound):
        targets.set_measure(ws, 9999, "≥", 1)


# ---------------------------------------------------------------- carry-forward


def test_carry_forward_copies_no_tracking(ws, plan, tmp_path):
    a, b, sub, c = ids(plan)
    tracking.set_status(ws, a, Status.DONE_ON_TIME, date(2027, 3, 1))
    tracking.set_result(ws, a, "Xong")
    tracking.set_due(ws, c, date(2027, 9, 1))
    src = tmp_path / "a.pdf"
    src.write_bytes(b"x")
    evidence.add(ws, a, src)
    targets.set_result(ws, plan.targets[0].id, "year", 95)
    reports.create(ws, plan.id, "6m")
    new_id = carry_forward_plan(ws, plan.id, 2028).plan_id
    assert ws.db.get_records(new_id) == {}
    assert ws.db.list_evidence(new_id) == []
    assert ws.db.get_target_values(new_id, "year") == {}
    assert reports.of_plan(ws, new_id) == []
    assert all(t.record.status is Status.NOT_STARTED for t in tracking.tracked(ws, new_id))
    # the pure carry-forward drops ids, so no record could follow a task
    assert all(t.id is None for t in carry_forward(ws.db.load_plan(plan.id), 2028).appendices[0].tasks)
