"""Characterisation: the report of a plan issued by a decision, with blank and word-unit targets."""

from datetime import date

from app.model import Appendix, Decision, DocDate, Plan, Target, Task
from app.tracking.calendar import default_periods
from app.tracking.report import ReportSection, ResultRow, build_report


def _report():
    plan = Plan(
        2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân xã An Bình",
        date=DocDate(2027, 1, 5),
        decision=Decision(number="12", date=DocDate(2027, 1, 3)),
        targets=(Target(content="  ", id=3), Target(content="Tối đa 3 ngày", id=4)),
        appendices=(
            Appendix(tasks=(Task(content="Việc một", id=1), Task(content="Có mã", id=2, timeline="Quý III/2027"))),
        ),
    )
    return build_report(plan, {}, default_periods(2027)[0], date(2027, 2, 1))


def test_sections_name_the_decision_and_skip_blank_targets():
    phrase = "công tác cải cách hành chính quý I năm 2027"
    assert _report().sections == (
        ReportSection("intro", "", (
            "Thực hiện Quyết định số 12/QĐ-UBND ngày 03 tháng 01 năm 2027 của Ủy ban nhân dân xã An Bình ban hành Kế"
            f" hoạch về cải cách hành chính năm 2027; Ủy ban nhân dân xã An Bình báo cáo kết quả thực hiện {phrase}"
            " như sau:",
        )),
        ReportSection("results", "I. KẾT QUẢ THỰC HIỆN", level=1),
        ReportSection("general", "1. Tình hình chung", (
            "Tính đến ngày 1/2/2027, đã hoàn thành 0/2 nhiệm vụ, 0 nhiệm vụ chậm so với thời hạn; trong đó 0 nhiệm vụ"
            " hoàn thành đúng hạn, 0 nhiệm vụ hoàn thành quá hạn; đang thực hiện 0 nhiệm vụ, chưa thực hiện 2 nhiệm"
            " vụ, không thực hiện 0 nhiệm vụ.",
        ), 2),
        ReportSection("area:", "2. Nhiệm vụ khác", (
            "Hoàn thành 0/2 nhiệm vụ; đang thực hiện 0 nhiệm vụ; chưa thực hiện 2 nhiệm vụ.",
            "- Chưa ghi nhận kết quả cụ thể trong kỳ.",
        ), 2),
        ReportSection("targets", "3. Kết quả thực hiện các chỉ tiêu", (
            "Đã có số liệu 0/1 chỉ tiêu; đạt 0 chỉ tiêu, chưa đạt 0 chỉ tiêu.",
            "- Tối đa 3 ngày (chỉ tiêu ≤ 3 ngày): chưa có số liệu.",
        ), 2),
        ReportSection("limits", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", ("- Không có nhiệm vụ chậm so với thời hạn.",), 1),
        ReportSection("next", "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", (
            "- Tiếp tục thực hiện các nhiệm vụ thường xuyên và các nhiệm vụ còn lại theo Kế hoạch.",
        ), 1),
        ReportSection("closing", "", (
            f"Trên đây là báo cáo kết quả thực hiện {phrase} của Ủy ban nhân dân xã An Bình.",
        )),
    )  # fmt: skip


def test_rows_of_an_ungrouped_plan_fall_under_one_group():
    assert _report().rows == (
        ResultRow("group", "I", "Nhiệm vụ khác"),
        ResultRow("task", "1", "Việc một", "", "Chưa xác định", "Chưa thực hiện", "", 0, 1),
        ResultRow("task", "2", "Có mã", "", "30/09/2027", "Chưa thực hiện", "", 0, 2),
    )
