"""Due dates read from timeline texts: every phrase of the seed task tables, and the forms of the issue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.tracking.timeline import DATE, NONE, RECURRING, RELATIVE, overridden_due, parse_timeline

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
D = date

# (timeline text, kind, due date, recurrence) — plan year 2023 (the seeds' year).
SEED_PHRASES: list[tuple[str, str, date | None, str]] = [
    ("", NONE, None, ""),
    ("- Báo cáo kết quả tự chấm trước 25/12/2023", DATE, D(2023, 12, 25), ""),
    (
        "- Kế hoạch CCHC ban hành trước 15/01/2023\n- Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định.",
        DATE,
        D(2023, 1, 15),
        "quarterly",
    ),
    (
        "- Thường xuyên trong năm 2023\n- Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định.",
        RECURRING,
        None,
        "continuous",
    ),
    (
        "- Tổ chức thực hiện: thường xuyên.\n- Báo cáo kết quả thực hiện: định kỳ hàng quý",
        RECURRING,
        None,
        "continuous",
    ),
    (
        "- Tổ chức thực hiện: thường xuyên.\n- Báo cáo kết quả thực hiện: định kỳ hàng quý.",
        RECURRING,
        None,
        "continuous",
    ),
    ("- Xây dựng KH: quý IV/2023;\n- Báo cáo kết quả theo tiến độ KH.", DATE, D(2023, 12, 31), ""),
    ("Ban hành kế hoạch trong tháng 01/2023 và tổ chức thực hiện", DATE, D(2023, 1, 31), ""),
    (
        "Ban hành kế hoạch trong tháng 01/2023 và tổ chức thực hiện (báo cáo lồng ghép vào chế độ báo cáo định kỳ"
        " về cải cách hành chính)",
        DATE,
        D(2023, 1, 31),
        "",
    ),
    ("Ban hành kế hoạch trong tháng 02/2023 và tổ chức thực hiện", DATE, D(2023, 2, 28), ""),
    (
        "Ban hành kế hoạch trong tháng 02/2023 và tổ chức thực hiện\nThường xuyên trong năm",
        DATE,
        D(2023, 2, 28),
        "continuous",
    ),
    ("Ban hành kế hoạch trong tháng 3/2023 và tổ chức thực hiện", DATE, D(2023, 3, 31), ""),
    ("Báo cáo kết quả theo tiến độ", NONE, None, ""),
    ("Báo cáo kết quả thực hiện theo quy định", NONE, None, ""),
    ("Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định.", RECURRING, None, "quarterly"),
    ("Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định..", RECURRING, None, "quarterly"),
    ("Chậm nhất tháng 12/2023.", DATE, D(2023, 12, 31), ""),
    ("Quý 4/2023", DATE, D(2023, 12, 31), ""),
    ("Rà soát và xây dựng phương án tự chủ tài chính trong tháng 01/2023", DATE, D(2023, 1, 31), ""),
    ("Sau 01 tháng kể từ khi có hướng dẫn của Sở Thông tin và Truyền thông", RELATIVE, None, ""),
    ("Sau 02 tháng kể từ khi có văn bản hướng dẫn của Trung ương", RELATIVE, None, ""),
    ("Sau 02 tháng kể từ khi có văn bản hướng dẫn của Trung ương và của Tỉnh", RELATIVE, None, ""),
    ("Sau 03 tháng kể từ khi có văn bản hướng dẫn của Trung ương", RELATIVE, None, ""),
    (
        "Sau 03 tháng kể từ khi có văn bản hướng dẫn của Trung ương (đối với đơn vị đã có hướng dẫn của Trung ương"
        " thì hoàn thành trong tháng 3/2023)",
        RELATIVE,
        None,
        "",
    ),
    ("Sau khi có Kế hoạch của Tỉnh", RELATIVE, None, ""),
    ("Sau khi có kết quả công bố", RELATIVE, None, ""),
    ("Sau khi có ý kiến của Phòng Kinh tế - Tài chính", RELATIVE, None, ""),
    ("Sau khi đơn vị sự nghiệp công lập gửi phương án tự chủ tài chính", RELATIVE, None, ""),
    ("Theo chỉ đạo của UBND tỉnh", RELATIVE, None, ""),
    ("Tháng 02/2023", DATE, D(2023, 2, 28), ""),
    ("Tháng 2/2023", DATE, D(2023, 2, 28), ""),
    ("Tháng 6/2023", DATE, D(2023, 6, 30), ""),
    ("Thường xuyên trong năm", RECURRING, None, "continuous"),
    ("Thường xuyên trong năm 2023", RECURRING, None, "continuous"),
    ("Thường xuyên trong năm 2023.", RECURRING, None, "continuous"),
    ("Thực hiện theo KH và báo cáo kết quả", NONE, None, ""),
    ("Trong năm 2023", DATE, D(2023, 12, 31), ""),
    ("Trong năm 2023\nTrong năm 2023", DATE, D(2023, 12, 31), ""),
    ("Trong vòng 05 ngày làm việc kể từ khi UBND tỉnh ban hành Quyết định công bố", RELATIVE, None, ""),
    ("Xây dựng kế hoạch: quý I/2023;\nBáo cáo kết quả theo tiến độ KH đề ra.", DATE, D(2023, 3, 31), ""),
    ("Định kỳ theo quy định", RECURRING, None, "periodic"),
]

# The forms named in the issue and other common ones (plan year 2024).
ISSUE_PHRASES: list[tuple[str, str, date | None, str]] = [
    ("Quý I/2024", DATE, D(2024, 3, 31), ""),
    ("quý IV/2023", DATE, D(2023, 12, 31), ""),
    ("Quý II năm 2024", DATE, D(2024, 6, 30), ""),
    ("Quý III", DATE, D(2024, 9, 30), ""),
    ("Tháng 02/2024", DATE, D(2024, 2, 29), ""),
    ("trong tháng 01/2024", DATE, D(2024, 1, 31), ""),
    ("Tháng 6 năm 2024", DATE, D(2024, 6, 30), ""),
    ("Chậm nhất tháng 12/2024", DATE, D(2024, 12, 31), ""),
    ("trước 15/01/2024", DATE, D(2024, 1, 15), ""),
    ("Trước ngày 20/6/2024", DATE, D(2024, 6, 20), ""),
    ("Trước ngày 30/6", DATE, D(2024, 6, 30), ""),
    ("Cả năm 2024", DATE, D(2024, 12, 31), ""),
    ("Trong năm 2024", DATE, D(2024, 12, 31), ""),
    ("Trong năm", DATE, D(2024, 12, 31), ""),
    ("6 tháng đầu năm 2024", DATE, D(2024, 6, 30), ""),
    ("Từ tháng 3 đến tháng 6/2024", DATE, D(2024, 6, 30), ""),
    ("Quý II/2024 và khi có văn bản mới", DATE, D(2024, 6, 30), ""),
    ("Thường xuyên trong năm 2024", RECURRING, None, "continuous"),
    ("Thường xuyên", RECURRING, None, "continuous"),
    ("Định kỳ hàng quý", RECURRING, None, "quarterly"),
    ("Hằng tháng", RECURRING, None, "monthly"),
    ("Sau 02 tháng kể từ khi có văn bản hướng dẫn", RELATIVE, None, ""),
    ("Kịp thời sau khi Chủ tịch UBND tỉnh công bố danh mục", RELATIVE, None, ""),
    ("   ", NONE, None, ""),
    ("Theo thời hạn quy định của pháp luật", NONE, None, ""),
    ("Tháng 13/2024", NONE, None, ""),
    ("trước 31/02/2024", NONE, None, ""),
]


@pytest.mark.parametrize(("text", "kind", "due", "recurrence"), SEED_PHRASES, ids=lambda v: repr(v)[:40])
def test_seed_phrase(text, kind, due, recurrence):
    got = parse_timeline(text, 2023)
    assert (got.kind, got.date, got.recurrence) == (kind, due, recurrence)
    assert got.reason  # always one sentence for the window


@pytest.mark.parametrize(("text", "kind", "due", "recurrence"), ISSUE_PHRASES, ids=lambda v: repr(v)[:40])
def test_issue_phrase(text, kind, due, recurrence):
    got = parse_timeline(text, 2024)
    assert (got.kind, got.date, got.recurrence) == (kind, due, recurrence)


def _fixture_timelines() -> set[str]:
    out: set[str] = set()

    def walk(tasks):
        for t in tasks:
            out.add(t.get("timeline", ""))
            walk(t.get("subtasks", []))

    for f in sorted(FIXTURES.glob("seed_*.json")):
        for a in json.loads(f.read_text(encoding="utf-8")).get("appendices", []):
            walk(a.get("tasks", []))
    return out


def test_the_table_holds_every_timeline_of_the_seed_task_tables():
    found = _fixture_timelines()
    assert len(found) > 30
    assert found == {t for t, *_ in SEED_PHRASES}


def test_reasons_say_why():
    assert "31/03/2024" in parse_timeline("Quý I/2024", 2024).reason
    assert "thường xuyên" in parse_timeline("Thường xuyên trong năm 2024", 2024).reason
    assert "sự kiện" in parse_timeline("Sau khi có Kế hoạch của Tỉnh", 2024).reason
    assert "Chưa ghi" in parse_timeline("", 2024).reason


def test_labels_for_the_table():
    assert parse_timeline("Quý I/2024", 2024).label() == "31/03/2024"
    assert parse_timeline("Định kỳ hàng quý", 2024).label() == "Định kỳ hằng quý"
    assert parse_timeline("Sau khi có Kế hoạch của Tỉnh", 2024).label() == "Theo sự kiện"
    assert parse_timeline("", 2024).label() == "Chưa xác định"


def test_officer_override():
    assert overridden_due(date(2024, 5, 2)).date == date(2024, 5, 2)
    assert overridden_due(date(2024, 5, 2)).overridden
    assert overridden_due(None).kind == NONE
