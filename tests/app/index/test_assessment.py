"""A year's self-assessment on a real data folder: scores within the maximum, links to the plan's
tasks and their evidence (never copied), proposals from the tracked results, totals, the check,
and the assessment left untouched by carry-forward and carried by a backup."""

from __future__ import annotations

from datetime import date

import pytest
from index_helpers import D, tracked_setup

from app.errors import InvalidInput, NotFound
from app.index import assess
from app.index.model import EVIDENCE, TASK, Link, Score
from app.index.scoring import totals
from app.ops import plans as plan_ops


@pytest.fixture(autouse=True)
def _today(clock_at):
    clock_at(date(2027, 12, 10))


@pytest.fixture
def setup(ws, tmp_path):
    return tracked_setup(ws, tmp_path)


def test_a_score_above_the_maximum_is_refused_and_nothing_is_stored(ws, setup):
    plan_id, set_id, _, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    with pytest.raises(InvalidInput) as e:
        assess.set_score(ws, aid, "1.1", D("1.5"), "Đã ban hành")
    assert e.value.message == "Điểm tự chấm 1,5 của tiêu chí 1.1 vượt điểm tối đa 1."
    assert ws.db.get_assessment(aid).scores == {}


def test_a_parent_criterion_is_not_scored_by_hand(ws, setup):
    plan_id, set_id, _, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    with pytest.raises(InvalidInput, match="được tính từ các tiêu chí thành phần"):
        assess.set_score(ws, aid, "1", D("1"))
    with pytest.raises(InvalidInput, match="không có tiêu chí số 9"):
        assess.set_score(ws, aid, "9", D("1"))


def test_totals_per_area_and_overall_are_computed(ws, setup):
    plan_id, set_id, _, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    assess.set_score(ws, aid, "1.1", D("1"), "Có kế hoạch")
    assess.set_score(ws, aid, "1.2", D("0.5"), "Thiếu một báo cáo")
    assess.set_score(ws, aid, "2.1", D("0.25"), "Rà soát một phần")
    a, cs = assess.load(ws, aid)
    t = totals(cs, a)
    assert (t["1"], t["2"], t[""]) == (D("1.5"), D("0.25"), D("1.75"))


def test_linking_a_task_links_its_evidence_without_copying_it(ws, setup):
    plan_id, set_id, tasks, ev_id = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    before = sorted(p.name for p in ws.paths.evidence.rglob("*") if p.is_file())
    assess.link(ws, aid, "1.1", TASK, tasks[0])
    a = ws.db.get_assessment(aid)
    assert a.links == [Link("1.1", TASK, tasks[0]), Link("1.1", EVIDENCE, ev_id)]
    assert sorted(p.name for p in ws.paths.evidence.rglob("*") if p.is_file()) == before
    files = assess.evidence_files(ws, a)
    assert [(f.number, f.name, f.origin) for f in files] == [("1.1", "Kế hoạch số 05.pdf", "task")]


def test_a_task_of_another_plan_is_not_linked(ws, setup):
    plan_id, set_id, tasks, _ = setup
    other = assess.start(ws, set_id, 2027, None)
    with pytest.raises(InvalidInput, match="không gắn với kế hoạch nào"):
        assess.link(ws, other, "1.1", TASK, tasks[0])
    aid = assess.start(ws, set_id, 2027, plan_id)
    with pytest.raises(InvalidInput, match="không thuộc kế hoạch"):
        assess.link(ws, aid, "1.1", TASK, 99999)


def test_scores_are_proposed_from_the_tracked_results(ws, setup):
    plan_id, set_id, tasks, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    assess.link(ws, aid, "1.1", TASK, tasks[0])  # done 05/01, due 15/01
    assess.link(ws, aid, "1.2", TASK, tasks[1])  # done late
    assess.link(ws, aid, "1.2", TASK, tasks[2])  # not done yet
    assess.link(ws, aid, "1.3", TASK, tasks[1])  # done late: on-time rule gives 0
    got = {p.number: (p.points, p.reason) for p in assess.propose(ws, aid)}
    assert got == {
        "1.1": (D(1), "«Ban hành Kế hoạch CCHC năm 2027» hoàn thành ngày 05/01/2027, đúng hạn → 1/1"),
        "1.2": (D("0.5"), "1/2 nhiệm vụ liên kết đã hoàn thành (50%) → 0,5/1"),
        "1.3": (D(0), "«Báo cáo CCHC quý I» hoàn thành ngày 20/03/2027, quá hạn 15/03/2027 → 0/1"),
    }
    assess.set_score(ws, aid, "1.3", D("1"), "Tự chấm")
    taken = assess.apply_proposals(ws, aid)
    assert [p.number for p in taken] == ["1.1", "1.2"]
    a = ws.db.get_assessment(aid)
    assert a.scores["1.1"] == Score("1.1", D(1), got["1.1"][1])
    assert a.scores["1.3"] == Score("1.3", D(1), "Tự chấm")  # the officer's own score is kept


def test_the_check_flags_no_evidence_and_a_missing_file(ws, setup):
    plan_id, set_id, tasks, ev_id = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    assess.set_score(ws, aid, "2.1", D("1"), "")
    assess.link(ws, aid, "1.1", TASK, tasks[0])
    assess.set_score(ws, aid, "1.1", D("1"), "")
    assert [f.message for f in assess.check(ws, aid)] == [
        "Tiêu chí 2.1 đã chấm điểm nhưng chưa có tài liệu kiểm chứng và chưa có giải trình."
    ]
    (ws.paths.folder / ws.db.get_evidence(ev_id).stored_path).unlink()
    assert [f.message for f in assess.check(ws, aid)] == [
        "Tiêu chí 1.1: không tìm thấy tệp kiểm chứng «Kế hoạch số 05.pdf» trong thư mục dữ liệu.",
        "Tiêu chí 2.1 đã chấm điểm nhưng chưa có tài liệu kiểm chứng và chưa có giải trình.",
    ]


def test_a_score_above_the_maximum_stored_by_another_road_is_flagged(ws, setup):
    plan_id, set_id, _, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    ws.db.put_index_score(aid, Score("1.1", D("2"), "Chấm nhầm"))
    assert [f.message for f in assess.check(ws, aid)] == ["Tiêu chí 1.1: điểm tự chấm 2 vượt điểm tối đa 1."]


def test_a_new_file_for_a_criterion_is_copied_once_with_its_sha256(ws, setup, tmp_path):
    import hashlib

    plan_id, set_id, _, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    src = tmp_path / "Biên bản kiểm tra.docx"
    src.write_bytes(b"bien ban")
    assess.add_file(ws, aid, "1.3", src)
    (f,) = assess.evidence_files(ws, ws.db.get_assessment(aid))
    assert f.sha256 == hashlib.sha256(b"bien ban").hexdigest() and f.path.read_bytes() == b"bien ban"
    assert f.path.parent.name == f"index-{aid}" and f.origin == "criterion"


def test_carry_forward_leaves_the_assessment_untouched(ws, setup):
    plan_id, set_id, tasks, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    assess.link(ws, aid, "1.1", TASK, tasks[0])
    assess.apply_proposals(ws, aid)
    before = ws.db.get_assessment(aid)
    plan_ops.carry_forward_plan(ws, plan_id, 2028)
    assert ws.db.get_assessment(aid) == before
    assert ws.db.list_assessments() == [(aid, set_id, plan_id, 2027)]


def test_the_assessment_is_in_a_backup_and_comes_back_with_a_restore(ws, setup, tmp_path):
    plan_id, set_id, tasks, _ = setup
    aid = assess.start(ws, set_id, 2027, plan_id)
    assess.link(ws, aid, "1.1", TASK, tasks[0])
    assess.apply_proposals(ws, aid)
    before = ws.db.get_assessment(aid)
    copy = tmp_path / "saved.db"
    ws.db.backup_to(copy)
    ws.db.check_backup(copy)  # raises unless the schema is exactly what the migrations build
    assess.set_score(ws, aid, "1.1", D(0), "Sửa sau khi sao lưu")
    ws.replace_file(lambda db: ws.db.restore_file(db, copy))
    assert ws.db.get_assessment(aid) == before


def test_a_set_in_use_is_not_deleted_and_an_unknown_assessment_is_not_found(ws, setup):
    plan_id, set_id, _, _ = setup
    assess.start(ws, set_id, 2027, plan_id)
    with pytest.raises(InvalidInput, match="đã dùng cho bản tự đánh giá"):
        ws.db.delete_index_set(set_id)
    with pytest.raises(NotFound, match="Không có bản tự đánh giá số hiệu 77"):
        assess.load(ws, 77)
