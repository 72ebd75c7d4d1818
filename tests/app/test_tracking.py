"""Tracking use cases on a real SQLite file: status, due dates, results, evidence, targets, calendar."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from app.carry_forward import carry_forward
from app.errors import InvalidInput, NotFound
from app.model import Appendix, DocDate, Plan, Target, Task
from app.tracking.status import Status
from app.usecases import editing
from app.usecases import tracking as tr
from app.usecases.plans import carry_forward_plan, delete_plan
from storage import tracking as tracking_store
from storage.db import open_store
from storage.migrations import LATEST_VERSION
from storage.plans import insert_plan, load_plan

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


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data" / "kehoach.db")
    yield s
    s.close()


@pytest.fixture
def plan(store):
    return load_plan(store, insert_plan(store, small_plan()))


def ids(plan):
    t = plan.appendices[0].tasks
    return t[0].id, t[1].id, t[1].subtasks[0].id, t[2].id


def test_schema_is_version_3(store):
    assert store.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION >= 3
    names = {r[0] for r in store.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"task_tracking", "evidence", "target_measures", "target_results", "report_periods", "reports"} <= names


def test_status_result_and_due_override_round_trip(store, plan):
    a, b, sub, c = ids(plan)
    tr.set_status(store, a, Status.DONE_ON_TIME, date(2027, 3, 20), today=TODAY)
    tr.set_result(store, a, "Đã rà soát 12 văn bản")
    tr.set_status(store, b, "Đang thực hiện")
    with pytest.raises(InvalidInput, match="lý do"):
        tr.set_status(store, c, Status.NOT_DONE)
    tr.set_status(store, c, Status.NOT_DONE, reason="Tỉnh chưa ban hành kế hoạch")
    recs = tracking_store.get_records(store, plan.id)
    assert recs[a].status is Status.DONE_ON_TIME and recs[a].completed_on == date(2027, 3, 20)
    assert recs[a].result == "Đã rà soát 12 văn bản"
    assert recs[b].status is Status.IN_PROGRESS and recs[b].completed_on is None
    assert recs[c].reason == "Tỉnh chưa ban hành kế hoạch"
    # leaving "done" clears the completion date
    tr.set_status(store, a, Status.IN_PROGRESS)
    assert tracking_store.get_records(store, plan.id)[a].completed_on is None
    with pytest.raises(InvalidInput, match="sau ngày hôm nay"):
        tr.set_status(store, a, Status.DONE_ON_TIME, date(2027, 7, 1), today=TODAY)


def test_due_dates_derived_inherited_and_overridden(store, plan):
    a, b, sub, c = ids(plan)
    by_id = {t.id: t for t in tr.tracked(store, plan.id)}
    assert by_id[a].due.date == date(2027, 3, 31)
    assert by_id[sub].due.date == date(2027, 7, 31)  # the sub-task inherits its parent's timeline
    assert by_id[sub].lead == "Trung tâm"  # and lead
    assert by_id[c].due.kind == "relative" and by_id[c].due.date is None
    tr.set_due_override(store, c, date(2027, 9, 30))
    t = tr.tracked_task(store, c)
    assert t.due.date == date(2027, 9, 30) and t.due.overridden
    tr.set_due_override(store, c, None, clear=True)
    assert tr.tracked_task(store, c).due.kind == "relative"


def test_mark_done_decides_on_time_or_late(store, plan):
    a, b, sub, c = ids(plan)
    assert tr.mark_done(store, a, date(2027, 4, 2), "Xong", today=TODAY).status is Status.DONE_LATE
    assert tr.mark_done(store, sub, date(2027, 5, 2), today=TODAY).status is Status.DONE_ON_TIME


def test_overview_counts_lists_and_deadline(store, plan):
    a, b, sub, c = ids(plan)
    ov = tr.overview(store, plan.id, TODAY)
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
    tr.set_period_dates(store, plan.id, "6m", cutoff=date(2027, 6, 12), due=date(2027, 6, 15))
    assert tr.overview(store, plan.id, TODAY).report_line == "Báo cáo 6 tháng: chốt số liệu 12/6, còn 2 ngày"
    soon = tr.overview(store, plan.id, date(2027, 7, 5))
    assert [t.id for t in soon.due_soon] == [sub]
    with pytest.raises(InvalidInput):
        tr.set_period_dates(store, plan.id, "6m", cutoff=date(2027, 6, 20), due=date(2027, 6, 15))
    with pytest.raises(InvalidInput):
        tr.set_period_dates(store, plan.id, "q5")


def test_target_measure_and_results(store, plan):
    target = plan.targets[0].id
    assert tr.set_target_result(store, target, "6m", "93,5") == 93.5
    r = tr.preview_report(store, plan.id, "6m", TODAY)
    assert r.target_lines[0].ok is True and "đạt" in r.target_lines[0].sentence
    tr.set_target_measure(store, target, "≥", 95, "%")
    assert tr.preview_report(store, plan.id, "6m", TODAY).target_lines[0].ok is False
    tr.set_target_measure(store, target, None)  # not measurable
    assert tr.preview_report(store, plan.id, "6m", TODAY).target_lines[0].measure == ""
    tr.clear_target_measure(store, target)
    assert tr.preview_report(store, plan.id, "6m", TODAY).target_lines[0].measure == "≥ 92%"
    with pytest.raises(InvalidInput, match="không phải là số"):
        tr.set_target_result(store, target, "6m", "nhiều")
    assert tr.set_target_result(store, target, "6m", "") is None
    assert tr.preview_report(store, plan.id, "6m", TODAY).target_lines[0].value is None


# ---------------------------------------------------------------- evidence


def test_evidence_is_copied_named_safely_and_hashed(store, plan, tmp_path):
    a = ids(plan)[0]
    src = tmp_path / "Kế hoạch số 09 (bản ký).pdf"
    src.write_bytes(b"%PDF signed plan")
    ev = tr.add_evidence(store, a, src)
    stored = tr.evidence_file(store, ev.id)
    assert stored.parent == tmp_path / "data" / "evidence" / str(plan.id)
    assert stored.name == f"{a}-ke-hoach-so-09-ban-ky.pdf" and stored.name.isascii()
    assert stored.read_bytes() == src.read_bytes()
    assert ev.sha256 == hashlib.sha256(b"%PDF signed plan").hexdigest() and ev.size == 16
    assert ev.file_name == "Kế hoạch số 09 (bản ký).pdf"
    # never referenced in place: changing the source does not change the evidence
    src.write_bytes(b"changed")
    assert stored.read_bytes() == b"%PDF signed plan" and tr.verify_evidence(store, ev.id)
    # the same file twice gets a second name
    ev2 = tr.add_evidence(store, a, src)
    assert tr.evidence_file(store, ev2.id) != stored
    assert [e.id for e in tr.list_evidence(store, a)] == [ev.id, ev2.id]


def test_missing_source_is_a_vietnamese_message(store, plan, tmp_path):
    with pytest.raises(InvalidInput, match="Không tìm thấy tệp"):
        tr.add_evidence(store, ids(plan)[0], tmp_path / "khong-co.pdf")
    with pytest.raises(InvalidInput, match="Không tìm thấy tệp"):
        tr.add_evidence(store, ids(plan)[0], tmp_path)  # a folder
    assert not (tmp_path / "data" / "evidence" / str(plan.id)).exists() or not any(
        (tmp_path / "data" / "evidence" / str(plan.id)).iterdir()
    )


def test_unreadable_source(store, plan, tmp_path, monkeypatch):
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
        tr.add_evidence(store, ids(plan)[0], src)
    monkeypatch.undo()
    folder = tmp_path / "data" / "evidence" / str(plan.id)
    assert list(folder.iterdir()) == []  # no half copy left


def test_removing_evidence_only_unlinks(store, plan, tmp_path):
    a = ids(plan)[0]
    src = tmp_path / "bien-ban.docx"
    src.write_bytes(b"minutes")
    ev = tr.add_evidence(store, a, src)
    path = tr.evidence_file(store, ev.id)
    tr.remove_evidence(store, ev.id)
    assert tr.list_evidence(store, a) == []
    assert [e.id for e in tr.unlinked_evidence(store, plan.id)] == [ev.id]
    assert path.read_bytes() == b"minutes"
    tr.relink_evidence(store, ev.id, a)
    assert [e.id for e in tr.list_evidence(store, a)] == [ev.id]


def test_deleting_a_task_or_plan_never_deletes_evidence(store, plan, tmp_path):
    a, b, sub, c = ids(plan)
    src = tmp_path / "a.pdf"
    src.write_bytes(b"proof")
    ev_sub = tr.add_evidence(store, sub, src)
    ev_a = tr.add_evidence(store, a, src)
    tr.set_status(store, sub, Status.IN_PROGRESS)
    editing.delete_task(store, b)  # the parent: its sub-task goes too
    assert tracking_store.get_evidence(store, ev_sub.id).task_id is None
    assert tr.evidence_file(store, ev_sub.id).read_bytes() == b"proof"
    assert sub not in tracking_store.get_records(store, plan.id)  # the record goes with the task
    delete_plan(store, plan.id)
    left = tracking_store.unlinked_evidence(store, None)
    assert {e.id for e in left} == {ev_sub.id, ev_a.id}
    assert all(e.removed_at for e in left)
    assert all(tr.evidence_file(store, e.id).is_file() for e in left)


def test_unknown_ids(store, plan):
    with pytest.raises(NotFound):
        tr.set_status(store, 9999, Status.IN_PROGRESS)
    with pytest.raises(NotFound):
        tr.evidence_file(store, 9999)
    with pytest.raises(NotFound):
        tr.set_target_result(store, 9999, "6m", 1)


# ---------------------------------------------------------------- carry-forward


def test_carry_forward_copies_no_tracking(store, plan, tmp_path):
    a, b, sub, c = ids(plan)
    tr.set_status(store, a, Status.DONE_ON_TIME, date(2027, 3, 1), today=TODAY)
    tr.set_result(store, a, "Xong")
    tr.set_due_override(store, c, date(2027, 9, 1))
    src = tmp_path / "a.pdf"
    src.write_bytes(b"x")
    tr.add_evidence(store, a, src)
    tr.set_target_result(store, plan.targets[0].id, "year", 95)
    tr.create_report(store, plan.id, "6m", TODAY)
    new_id = carry_forward_plan(store, plan.id, 2028).plan_id
    assert tracking_store.get_records(store, new_id) == {}
    assert tracking_store.list_evidence(store, new_id) == []
    assert tracking_store.get_target_values(store, new_id, "year") == {}
    assert tr.list_reports(store, new_id) == []
    assert all(t.record.status is Status.NOT_STARTED for t in tr.tracked(store, new_id))
    # the pure carry-forward drops ids, so no record could follow a task
    assert all(t.id is None for t in carry_forward(load_plan(store, plan.id), 2028).appendices[0].tasks)
