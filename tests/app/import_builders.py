"""Builders for the import tests: .docx and .xlsx appendix tables in the shapes of the seeds."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

SEED000_HEADER = [
    "TT",
    "Nội dung",
    "Sản phẩm",
    "Thời gian thực hiện",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Theo dõi, kiểm tra, đôn đốc, tổng hợp",
]

# (kind, cells): "group" rows are one text merged over the whole width.
SEED000_ROWS: list[tuple[str, list[str]]] = [
    ("group", ["I Cải cách thể chế"]),
    (
        "row",
        [
            "1",
            "Tham mưu HĐND, UBND cấp huyện, cấp xã ban hành đầy đủ, kịp thời, đúng quy trình các văn bản quy phạm pháp luật.",
            "Văn bản quy phạm pháp luật của cấp huyện, cấp xã",
            "Thường xuyên trong năm",
            "Các cơ quan chuyên môn thuộc huyện, UBND các xã",
            "Phòng Tư pháp - Thanh tra",
            "Phòng Tư pháp - Thanh tra",
        ],
    ),
    (
        "row",
        [
            "2",
            "Thực hiện tốt công tác phổ biến, giáo dục pháp luật năm 2023 thông qua tăng cường ứng dụng công nghệ thông tin.",
            "Kế hoạch phổ biến, giáo dục pháp luật năm 2023 của huyện",
            "Ban hành kế hoạch trong tháng 02/2023 và tổ chức thực hiện",
            "Phòng Tư pháp - Thanh tra",
            "Các cơ quan, đơn vị thuộc huyện",
            "Phòng Tư pháp - Thanh tra",
        ],
    ),
    ("group", ["II Cải cách thủ tục hành chính"]),
    (
        "row",
        [
            "1",
            "Rà soát, đơn giản hóa thủ tục hành chính theo Kế hoạch số 150/KH-UBND ngày 24/11/2021 của UBND huyện.",
            "Báo cáo kết quả rà soát",
            "Quý II/2023",
            "Văn phòng HĐND và UBND",
            "",
            "Văn phòng HĐND và UBND",
        ],
    ),
    ("group", ["III. Cải cách chế độ công vụ"]),
    (
        "row",
        [
            "2",
            "Hoàn thành phê duyệt vị trí việc làm và cơ cấu viên chức theo chức danh nghề nghiệp",
            "",
            "",
            "",
            "",
            "",
        ],
    ),
    (
        "row",
        [
            "2.1",
            "Đối với đơn vị sự nghiệp công lập chưa tự chủ chi thường xuyên",
            "Đề án vị trí việc làm",
            "Sau 02 tháng kể từ khi có văn bản hướng dẫn",
            "Phòng Nội vụ - LĐTB&XH",
            "Các đơn vị thuộc huyện",
            "Phòng Nội vụ - LĐTB&XH",
        ],
    ),
    (
        "row",
        [
            "2.2",
            "Đối với đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên",
            "Quyết định phê duyệt vị trí việc làm",
            "Trong tháng 3/2023",
            "Các đơn vị sự nghiệp thuộc huyện",
            "",
            "Phòng Nội vụ - LĐTB&XH",
        ],
    ),
    ("group", ["VI Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"]),
    (
        "row",
        [
            "1",
            "Duy trì hệ thống quản lý văn bản và điều hành",
            "Hệ thống vận hành ổn định",
            "Cả năm 2023",
            "Phòng Văn hóa - Thông tin",
            "",
            "",
        ],
    ),
    ("row", ["a)", "Ký số văn bản đi", "100% văn bản ký số", "Thường xuyên", "Văn phòng HĐND và UBND", "", ""]),
    ("row", ["b)", "Gửi nhận văn bản điện tử", "", "Thường xuyên", "Các cơ quan", "", ""]),
]

SEED004_HEADER = [
    "STT",
    "Nhiệm vụ cụ thể",
    "Sản phẩm",
    "Cơ quan thực hiện",
    "Thời gian thực hiện",
    "Kinh phí thực hiện",
]
SEED004_ROWS = [
    [
        "1",
        "Rà soát văn bản pháp luật, kịp thời kiến nghị sửa đổi bổ sung thay thế bãi bỏ các văn bản không còn phù hợp, đảm bảo tính hợp hiến, hợp pháp.",
        "Kế hoạch; Báo cáo kết quả thực hiện.",
        "Công chức Tư pháp hộ tịch",
        "Trong năm 2023",
        "Kinh phí chi theo quy định được duyệt",
    ],
    [
        "2",
        "Theo dõi thi hành Pháp luật trên địa bàn phường.",
        "Báo cáo kết quả thực hiện;",
        "Công chức Tư pháp hộ tịch",
        "Trong năm 2023",
        "Kinh phí chi theo quy định được duyệt",
    ],
    [
        "3",
        "Xây dựng, triển khai hiệu quả công tác phổ biến, giáo dục pháp luật trên địa bàn phường.",
        "Kế hoạch",
        "Công chức Tư pháp hộ tịch",
        "Quý 4/2023",
        "Kinh phí chi theo quy định được duyệt",
    ],
]


def _fill(table, r: int, values: list[str]) -> None:
    for c, v in enumerate(values):
        table.cell(r, c).text = v


def seed000_docx(path: Path, title: str = "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023") -> Path:
    d = docx.Document()
    d.add_paragraph("Phụ lục 1")
    d.add_paragraph(title)
    n = len(SEED000_HEADER)
    t = d.add_table(rows=1 + len(SEED000_ROWS), cols=n)
    _fill(t, 0, SEED000_HEADER)
    for i, (kind, cells) in enumerate(SEED000_ROWS, start=1):
        if kind == "group":
            merged = t.cell(i, 0).merge(t.cell(i, n - 1))
            merged.text = cells[0]
        else:
            _fill(t, i, cells)
    d.save(str(path))
    return path


def seed004_docx(path: Path, areas=(("Cải cách thể chế", SEED004_ROWS),)) -> Path:
    d = docx.Document()
    for n, (area, rows) in enumerate(areas, start=1):
        d.add_paragraph(f"Phụ lục số {n:02d}: Các nhiệm vụ trọng tâm về {area} năm 2023")
        t = d.add_table(rows=1 + len(rows), cols=len(SEED004_HEADER))
        _fill(t, 0, SEED004_HEADER)
        for i, r in enumerate(rows, start=1):
            _fill(t, i, r)
    d.save(str(path))
    return path


def xlsx_file(path: Path, sheets: dict[str, list[list[str]]], merges: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(str(path))
    return path
