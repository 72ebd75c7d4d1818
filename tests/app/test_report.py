"""A plan with known statuses gives a report whose counts, texts and tables are exactly right."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import InvalidInput
from app.model import Appendix, DocDate, Plan, Signer, Target, Task
from app.ops import reports, tracking
from app.tracking.calendar import default_periods, period_by_key
from app.tracking.report import build_report, report_from_dict, report_to_dict
from app.tracking.status import Status, TaskTracking

TODAY = date(2027, 6, 10)


def known_plan() -> Plan:
    """Ids are set by hand so the pure builder can be tested without a database."""
    tasks = (
        Task(area="institutions", content="Rà soát văn bản QPPL", lead="Văn phòng", timeline="Quý I/2027", id=1),
        Task(
            area="institutions",
            content="Phổ biến pháp luật",
            lead="Văn phòng",
            timeline="Thường xuyên trong năm 2027",
            id=2,
        ),
        Task(area="procedures", content="Niêm yết thủ tục", lead="Trung tâm", timeline="Tháng 02/2027", id=3),
        Task(
            area="procedures",
            content="Số hóa hồ sơ",
            lead="Trung tâm",
            timeline="Quý II/2027",
            id=4,
            subtasks=(
                Task(area="procedures", content="Số hóa kết quả cũ", id=5),
                Task(area="procedures", content="Số hóa hồ sơ mới", timeline="Tháng 4/2027", id=6),
            ),
        ),
        Task(area="civil_service", content="Kiểm tra công vụ", lead="Phòng VH-XH", timeline="Tháng 5/2027", id=7),
        Task(area="civil_service", content="Đánh giá công chức", lead="Phòng VH-XH", timeline="Tháng 12/2027", id=8),
        Task(area="civil_service", content="Đối thoại", timeline="Sau khi có Kế hoạch của Tỉnh", id=9),
    )
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        parent_agency="UBND tỉnh Thanh Hóa",
        agency="Ủy ban nhân dân phường Phú Sơn",
        number="09",
        place="Phú Sơn",
        date=DocDate(2027, 1, 5),
        targets=(
            Target(area="procedures", content="Mức độ hài lòng đạt tối thiểu 92%", id=11),
            Target(area="procedures", content="100% hồ sơ được số hóa", id=12),
            Target(area="procedures", content="Tổ chức đối thoại", id=13),
        ),
        appendices=(Appendix(title="Nhiệm vụ", group_by_area=True, tasks=tasks),),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
        recipients=("Sở Nội vụ tỉnh Thanh Hóa", "Lưu: VT, VHXH"),
    )


def records() -> dict[int, TaskTracking]:
    S = Status
    return {
        1: TaskTracking(1, S.DONE_ON_TIME, result="Đã rà soát 12 văn bản", completed_on=date(2027, 3, 20)),
        2: TaskTracking(2, S.IN_PROGRESS, result="Tổ chức 3 hội nghị phổ biến"),
        3: TaskTracking(3, S.DONE_LATE, result="Niêm yết 120 thủ tục", completed_on=date(2027, 3, 10)),
        5: TaskTracking(5, S.DONE_ON_TIME, completed_on=date(2027, 5, 30)),
        6: TaskTracking(6, S.IN_PROGRESS),
        7: TaskTracking(7, S.NOT_STARTED),
        # a task finished after the cut-off day counts as in progress in the report
        8: TaskTracking(8, S.DONE_ON_TIME, completed_on=date(2027, 6, 16)),
        9: TaskTracking(9, S.NOT_DONE, reason="Tỉnh chưa ban hành kế hoạch"),
    }


@pytest.fixture
def report():
    period = period_by_key(default_periods(2027), "6m")
    return build_report(known_plan(), records(), period, date(2027, 6, 20), target_values={11: 93.5, 12: 87})


def test_header_fields(report):
    assert report.summary == "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027"
    assert report.symbol == "BC-UBND" and report.number == ""
    assert report.as_of == date(2027, 6, 14)  # the cut-off day, the report being made after it
    assert report.date == DocDate(2027, 6, None)
    assert (report.agency, report.parent_agency, report.place) == (
        "Ủy ban nhân dân phường Phú Sơn",
        "UBND tỉnh Thanh Hóa",
        "Phú Sơn",
    )


def test_counts_are_exact(report):
    c = report.counts
    # leaves: 1, 2, 3, 5, 6, 7, 8, 9 (task 4 has sub-tasks)
    assert (c.total, c.done, c.done_on_time, c.done_late, c.in_progress, c.not_started, c.not_done, c.overdue) == (
        8, 3, 2, 1, 3, 1, 1, 2,
    )  # fmt: skip
    assert report.section("general").paragraphs == (
        "Tính đến ngày 14/6/2027, đã hoàn thành 3/8 nhiệm vụ, 2 nhiệm vụ chậm so với thời hạn; trong đó 2 nhiệm vụ"
        " hoàn thành đúng hạn, 1 nhiệm vụ hoàn thành quá hạn; đang thực hiện 3 nhiệm vụ, chưa thực hiện 1 nhiệm vụ,"
        " không thực hiện 1 nhiệm vụ.",
    )


def test_sections_per_area_from_result_lines(report):
    assert [(s.key, s.heading) for s in report.sections] == [
        ("intro", ""),
        ("results", "I. KẾT QUẢ THỰC HIỆN"),
        ("general", "1. Tình hình chung"),
        ("area:institutions", "2. Cải cách thể chế"),
        ("area:procedures", "3. Cải cách thủ tục hành chính"),
        ("area:civil_service", "4. Cải cách chế độ công vụ"),
        ("targets", "5. Kết quả thực hiện các chỉ tiêu"),
        ("limits", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        ("next", "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
        ("closing", ""),
    ]
    assert report.section("intro").paragraphs == (
        "Thực hiện Kế hoạch số 09/KH-UBND ngày 05 tháng 01 năm 2027 của Ủy ban nhân dân phường Phú Sơn về cải cách"
        " hành chính năm 2027; Ủy ban nhân dân phường Phú Sơn báo cáo kết quả thực hiện công tác cải cách hành chính"
        " 6 tháng đầu năm 2027 như sau:",
    )
    assert report.section("area:institutions").paragraphs == (
        "Hoàn thành 1/2 nhiệm vụ; đang thực hiện 1 nhiệm vụ; chưa thực hiện 0 nhiệm vụ.",
        "- Rà soát văn bản QPPL: đã rà soát 12 văn bản.",
        "- Phổ biến pháp luật: tổ chức 3 hội nghị phổ biến.",
    )
    assert report.section("area:procedures").paragraphs == (
        "Hoàn thành 2/3 nhiệm vụ; đang thực hiện 1 nhiệm vụ; chưa thực hiện 0 nhiệm vụ; 1 nhiệm vụ chậm so với thời hạn.",
        "- Niêm yết thủ tục: niêm yết 120 thủ tục.",
        "- Số hóa kết quả cũ: đã hoàn thành.",
    )
    assert report.section("area:civil_service").paragraphs == (
        "Hoàn thành 0/3 nhiệm vụ; đang thực hiện 1 nhiệm vụ; chưa thực hiện 1 nhiệm vụ; 1 nhiệm vụ chậm so với thời hạn.",
        "- Chưa ghi nhận kết quả cụ thể trong kỳ.",
    )
    assert report.section("limits").paragraphs == (
        "- Còn 2 nhiệm vụ chậm so với thời hạn:",
        "+ Số hóa hồ sơ mới (hạn 30/04/2027).",
        "+ Kiểm tra công vụ (hạn 31/05/2027).",
        "- Không thực hiện nhiệm vụ «Đối thoại»: Tỉnh chưa ban hành kế hoạch.",
        "- Còn 1 chỉ tiêu chưa đạt.",
    )
    assert report.section("next").paragraphs == (
        "- Tập trung hoàn thành các nhiệm vụ chậm và các nhiệm vụ đến hạn trong thời gian tới:",
        "+ Số hóa hồ sơ mới (hạn 30/04/2027).",
        "+ Kiểm tra công vụ (hạn 31/05/2027).",
        "- Tiếp tục thực hiện các nhiệm vụ thường xuyên và các nhiệm vụ còn lại theo Kế hoạch.",
    )


def test_targets_say_dat_or_chua_dat(report):
    assert [(t.measure, t.value, t.ok) for t in report.target_lines] == [
        ("≥ 92%", 93.5, True),
        ("= 100%", 87, False),
        ("", None, None),
    ]
    assert report.section("targets").paragraphs == (
        "Đã có số liệu 2/3 chỉ tiêu; đạt 1 chỉ tiêu, chưa đạt 1 chỉ tiêu.",
        "- Mức độ hài lòng đạt tối thiểu 92%: kết quả 93,5% (chỉ tiêu ≥ 92%), đạt.",
        "- 100% hồ sơ được số hóa: kết quả 87% (chỉ tiêu = 100%), chưa đạt.",
        "- Tổ chức đối thoại: chưa có số liệu.",
    )


def test_results_appendix_rows(report):
    rows = [(r.kind, r.label, r.content, r.lead, r.due, r.status, r.result, r.depth) for r in report.rows]
    assert rows == [
        ("group", "I", "Cải cách thể chế", "", "", "", "", 0),
        ("task", "1", "Rà soát văn bản QPPL", "Văn phòng", "31/03/2027", "Hoàn thành đúng hạn (20/03/2027)",
         "Đã rà soát 12 văn bản", 0),
        ("task", "2", "Phổ biến pháp luật", "Văn phòng", "Thường xuyên trong năm 2027", "Đang thực hiện",
         "Tổ chức 3 hội nghị phổ biến", 0),
        ("group", "II", "Cải cách thủ tục hành chính", "", "", "", "", 0),
        ("task", "1", "Niêm yết thủ tục", "Trung tâm", "28/02/2027", "Hoàn thành quá hạn (10/03/2027)",
         "Niêm yết 120 thủ tục", 0),
        ("task", "2", "Số hóa hồ sơ", "Trung tâm", "30/06/2027", "Chưa thực hiện", "", 0),
        ("task", "2.1", "Số hóa kết quả cũ", "Trung tâm", "30/06/2027", "Hoàn thành đúng hạn (30/05/2027)", "", 1),
        ("task", "2.2", "Số hóa hồ sơ mới", "Trung tâm", "30/04/2027", "Đang thực hiện (chậm 45 ngày)", "", 1),
        ("group", "III", "Cải cách chế độ công vụ", "", "", "", "", 0),
        ("task", "1", "Kiểm tra công vụ", "Phòng VH-XH", "31/05/2027", "Chưa thực hiện (chậm 14 ngày)", "", 0),
        ("task", "2", "Đánh giá công chức", "Phòng VH-XH", "31/12/2027", "Đang thực hiện", "", 0),
        ("task", "3", "Đối thoại", "", "Sau khi có Kế hoạch của Tỉnh",
         "Không thực hiện: Tỉnh chưa ban hành kế hoạch", "", 0),
    ]  # fmt: skip
    assert report.appendix_title == "Kết quả thực hiện nhiệm vụ cải cách hành chính 6 tháng đầu năm 2027"


def test_round_trip_through_the_storage_form(report):
    assert report_from_dict(report_to_dict(report)) == report


# ---------------------------------------------------------------- with the database


def test_create_edit_and_reload_a_report(ws, clock_at):
    clock_at(TODAY)
    plan = ws.plan(ws.db.insert_plan(known_plan()))
    tasks = [t for t in tracking.tracked(ws, plan.id)]
    first = tasks[0].id
    tracking.set_status(ws, first, Status.DONE_ON_TIME, date(2027, 3, 20))
    tracking.set_result(ws, first, "Đã rà soát 12 văn bản")
    report_id = reports.create(ws, plan.id, "6m").created
    assert report_id is not None
    report = reports.load(ws, report_id)
    assert report.counts.done == 1 and report.counts.total == 8
    # what is stored is the draft the preview shows
    assert report == replace(reports.preview(ws, plan.id, "6m"), id=report_id, plan_id=plan.id)
    reports.set_text(ws, report_id, "general", "Câu thứ nhất đã sửa.\nCâu thứ hai.")
    reports.set_text(ws, report_id, "summary", "Kết quả cải cách hành chính 6 tháng đầu năm 2027")
    reports.set_header(ws, report_id, number="15", date=DocDate(2027, 6, 18))
    again = reports.load(ws, report_id)
    assert again.section("general").paragraphs == ("Câu thứ nhất đã sửa.", "Câu thứ hai.")
    assert again.summary == "Kết quả cải cách hành chính 6 tháng đầu năm 2027"
    assert (again.number, again.date) == ("15", DocDate(2027, 6, 18))
    assert again.rows == report.rows  # a snapshot: later tracking changes do not rewrite it
    tracking.set_status(ws, tasks[1].id, Status.DONE_ON_TIME, date(2027, 6, 1))
    assert reports.load(ws, report_id).counts.done == 1
    assert [r.id for r in reports.of_plan(ws, plan.id)] == [report_id]
    with pytest.raises(InvalidInput):
        reports.set_text(ws, report_id, "khong-co", "x")
    with pytest.raises(InvalidInput):
        reports.create(ws, plan.id, "q7")
