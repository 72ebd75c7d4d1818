"""Characterisation: the overview of a known plan, as counts, lists and the printed lines."""

from datetime import date

from app.model import Appendix, Plan, Task
from app.tracking.overview import compute_overview
from app.tracking.status import Status, TaskTracking
from app.tracking.tasks import tracked_tasks

TODAY = date(2027, 5, 20)


def _plan() -> Plan:
    return Plan(
        year=2027,
        appendices=(
            Appendix(kind="targets"),
            Appendix(
                area="procedures",
                tasks=(
                    Task(content="Niêm yết thủ tục", lead="Trung tâm", timeline="Tháng 02/2027", id=1),
                    Task(
                        content="Số hóa hồ sơ",
                        lead="Trung tâm",
                        timeline="Quý II/2027",
                        id=2,
                        subtasks=(
                            Task(content="Số hóa kết quả cũ", id=3),
                            Task(content="Số hóa hồ sơ mới", timeline="Tháng 4/2027", lead="Tổ số hóa", id=4),
                        ),
                    ),
                ),
            ),
            Appendix(
                tasks=(
                    Task(area="civil_service", content="Kiểm tra công vụ", timeline="trước 10/6/2027", id=5),
                    Task(area="civil_service", content="Đối thoại", timeline="Sau khi có Kế hoạch của Tỉnh", id=6),
                    Task(content="Việc khác", lead="Văn phòng", timeline="định kỳ hằng quý", id=7),
                    Task(content="Việc chưa rõ", lead="Văn phòng", id=8),
                    Task(content="Việc tùy lúc", timeline="khi thuận lợi", id=9),
                ),
            ),
        ),
    )


def _records() -> dict[int, TaskTracking]:
    return {
        1: TaskTracking(1, Status.DONE_LATE, completed_on=date(2027, 3, 10)),
        2: TaskTracking(2, Status.IN_PROGRESS, due_override=True, due_date=date(2027, 5, 15)),
        4: TaskTracking(4, Status.DONE_ON_TIME, completed_on=date(2027, 5, 25)),  # after today: in progress
        8: TaskTracking(8, Status.NOT_DONE, reason="Không còn cần"),
    }


def test_tracked_tasks_inherit_from_their_parent():
    got = [
        (t.ref, t.area, t.lead, t.timeline, t.due.kind, t.due.date, t.leaf) for t in tracked_tasks(_plan(), _records())
    ]
    assert got == [
        ("I.1", "procedures", "Trung tâm", "Tháng 02/2027", "date", date(2027, 2, 28), True),
        ("I.2", "procedures", "Trung tâm", "Quý II/2027", "date", date(2027, 5, 15), False),
        ("I.2.1", "procedures", "Trung tâm", "Quý II/2027", "date", date(2027, 5, 15), True),
        ("I.2.2", "procedures", "Tổ số hóa", "Tháng 4/2027", "date", date(2027, 4, 30), True),
        ("II.1", "civil_service", "", "trước 10/6/2027", "date", date(2027, 6, 10), True),
        ("II.2", "civil_service", "", "Sau khi có Kế hoạch của Tỉnh", "relative", None, True),
        ("III.1", "", "Văn phòng", "định kỳ hằng quý", "recurring", None, True),
        ("III.2", "", "Văn phòng", "", "none", None, True),
        ("III.3", "", "", "khi thuận lợi", "none", None, True),
    ]  # fmt: skip


def test_overview_lists_and_lines():
    ov = compute_overview(_plan(), _records(), TODAY)
    assert [t.id for t in ov.overdue] == [4, 3]  # oldest due date first
    assert [t.id for t in ov.due_soon] == [5]
    assert [t.id for t in ov.no_lead] == [5, 6, 9]
    assert [t.id for t in ov.no_due] == [6, 9]  # recurring tasks have no single date and are not listed
    assert ov.lines() == [
        "Tổng số: 8 nhiệm vụ; đã hoàn thành 1/8, 2 nhiệm vụ quá hạn.",
        "Chưa thực hiện: 5; Đang thực hiện: 1; Hoàn thành đúng hạn: 0; Hoàn thành quá hạn: 1; Không thực hiện: 1.",
        "Theo lĩnh vực:",
        "  Cải cách thủ tục hành chính: 1/3 hoàn thành, 2 quá hạn",
        "  Cải cách chế độ công vụ: 0/2 hoàn thành, 0 quá hạn",
        "  Nhiệm vụ khác: 0/3 hoàn thành, 0 quá hạn",
        "Quá hạn: 2",
        "  [I.2.2] Số hóa hồ sơ mới — hạn 30/04/2027, quá 20 ngày — Tổ số hóa",
        "  [I.2.1] Số hóa kết quả cũ — hạn 15/05/2027, quá 5 ngày — Trung tâm",
        "Đến hạn trong 30 ngày tới: 1",
        "  [II.1] Kiểm tra công vụ — hạn 10/06/2027, còn 21 ngày",
        "Chưa có đơn vị chủ trì: 3",
        "  [II.1] Kiểm tra công vụ",
        "  [II.2] Đối thoại",
        "  [III.3] Việc tùy lúc",
        "Chưa có thời hạn: 2",
        "  [II.2] Đối thoại — «Sau khi có Kế hoạch của Tỉnh»",
        "  [III.3] Việc tùy lúc — «khi thuận lợi»",
        "Báo cáo 6 tháng: chốt số liệu 14/6, còn 25 ngày",
    ]
    assert (
        "  [II.1] Kiểm tra công vụ — hạn 10/06/2027, hôm nay"
        in compute_overview(_plan(), _records(), date(2027, 6, 10)).lines()
    )


def test_no_report_line_after_the_last_deadline():
    ov = compute_overview(_plan(), _records(), date(2028, 1, 5))
    assert ov.next_report is None and ov.report_line == ""
    assert ov.lines()[-1] == "  [III.3] Việc tùy lúc — «khi thuận lợi»"
