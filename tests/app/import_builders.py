"""Builders for the import tests: .docx and .xlsx appendix tables in the shapes of the seeds."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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


def two_line_header_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Phụ lục")
    t = d.add_table(rows=6, cols=6)
    top = ["STT", "Nội dung", "Cơ quan thực hiện", "", "Thời gian thực hiện", "Ghi chú"]
    for c, v in enumerate(top):
        if v:
            t.cell(0, c).text = v
    t.cell(0, 2).merge(t.cell(0, 3))
    t.cell(1, 2).text = "Chủ trì"
    t.cell(1, 3).text = "Phối hợp"
    for c in (0, 1, 4, 5):
        t.cell(0, c).merge(t.cell(1, c))
    data = [
        ["1", "Kiện toàn Tổ công nghệ số cộng đồng", "Phòng Văn hóa - Xã hội", "Công an phường", "Quý I/2026", ""],
        [
            "2",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "Trung tâm Phục vụ hành chính công",
            "",
            "Thường xuyên",
            "Chỉ tiêu 100%",
        ],
    ]
    for r, row in enumerate(data, start=2):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    # Row 5: text only in a column that has no header.
    t.cell(5, 5).text = ""
    d.save(str(path))
    return path


def _set_header_flag(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def continued_docx(path: Path) -> Path:
    """One table across two pages: the header repeated as a body row (as PDF-to-Word makes it),
    a column-number row, and task 2 broken by the page: its end is on a row without a number."""
    header = SEED004_HEADER
    rows = [
        header,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["1", "Rà soát văn bản pháp luật.", "Kế hoạch", "Công chức Tư pháp hộ tịch", "Quý I/2024", "Ngân sách"],
        [
            "2",
            "Theo dõi thi hành pháp luật trên địa bàn phường; nâng cao công tác xây dựng",
            "Báo cáo kết quả",
            "Công chức Tư pháp",
            "Trong năm",
            "Kinh phí chi theo",
        ],
        header,
        ["", "văn bản, kiểm soát chặt chẽ việc ban hành văn bản.", "", "- hộ tịch", "", "quy định được duyệt"],
        ["", "", "", "", "", ""],
        ["3", "Phổ biến, giáo dục pháp luật.", "Kế hoạch", "Công chức Tư pháp hộ tịch", "Quý 4/2024", ""],
        ["", "", "", "", "", ""],
    ]
    d = docx.Document()
    t = d.add_table(rows=len(rows), cols=len(header))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    _set_header_flag(t.rows[0])
    d.save(str(path))
    return path


# A district table whose sub-rows have an empty STT and a letter at the start of Nội dung, the first
# one dropped (its letters start at b)), with continuation rows among them: a sentence going on in
# lower case, a task broken by a page, a lettered list inside one cell cut by a page (c) goes on
# with the a), b) of the cell above), and a lettered row with nothing in its other columns.
LETTERED_HEADER = ["STT", "Nội dung", "Sản phẩm", "Thời gian thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp"]
LETTERED_ROWS: list[tuple[str, list[str]]] = [
    ("group", ["I. CẢI CÁCH THỂ CHẾ"]),
    (
        "row",
        [
            "1",
            "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
            "Báo cáo kết quả rà soát",
            "Quý II/2026",
            "Văn phòng HĐND và UBND",
            "Các phòng chuyên môn",
        ],
    ),
    (
        "row",
        [
            "",
            "b) Rà soát văn bản do HĐND phường ban hành",
            "Danh mục văn bản",
            "Quý I/2026",
            "Văn phòng HĐND và UBND",
            "",
        ],
    ),
    (
        "row",
        [
            "",
            "c) Rà soát văn bản do UBND phường ban hành,",
            "Danh mục văn bản",
            "Quý II/2026",
            "Phòng Văn hóa - Xã hội",
            "",
        ],
    ),
    ("row", ["", "kiến nghị sửa đổi văn bản không còn phù hợp", "", "", "", ""]),
    (
        "row",
        [
            "2",
            "Tổ chức phổ biến, giáo dục pháp luật cho cán bộ, công chức và",
            "Kế hoạch",
            "Trong năm 2026",
            "Phòng Văn hóa - Xã hội",
            "",
        ],
    ),
    ("row", ["", "Nhân dân trên địa bàn phường.", "", "", "", ""]),
    (
        "row",
        [
            "3",
            "Công khai văn bản quy phạm pháp luật:\na) Cập nhật lên Cơ sở dữ liệu quốc gia\nb) Niêm yết tại trụ sở",
            "Văn bản được công khai",
            "Thường xuyên",
            "Văn phòng HĐND và UBND",
            "",
        ],
    ),
    ("row", ["", "c) Đăng trên Trang thông tin điện tử của phường", "", "", "", ""]),
    ("group", ["II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]),
    (
        "row",
        [
            "1",
            "Rà soát, đơn giản hóa thủ tục hành chính",
            "Báo cáo rà soát",
            "Quý III/2026",
            "Trung tâm Phục vụ hành chính công",
            "",
        ],
    ),
    ("row", ["", "a) Thủ tục lĩnh vực hộ tịch", "Phương án đơn giản hóa", "Quý II/2026", "Văn phòng HĐND và UBND", ""]),
    ("row", ["", "b. Thủ tục lĩnh vực chứng thực", "", "", "", ""]),
    (
        "row",
        [
            "2",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "Hồ sơ điện tử",
            "Thường xuyên",
            "Trung tâm Phục vụ hành chính công",
            "",
        ],
    ),
]
# What the table reads as: 5 tasks, 4 sub-tasks ((area, content, lead) of each, sub-tasks indented).
LETTERED_TASKS = [
    ("institutions", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Văn phòng HĐND và UBND"),
    ("institutions", "  Rà soát văn bản do HĐND phường ban hành", "Văn phòng HĐND và UBND"),
    (
        "institutions",
        "  Rà soát văn bản do UBND phường ban hành, kiến nghị sửa đổi văn bản không còn phù hợp",
        "Phòng Văn hóa - Xã hội",
    ),
    (
        "institutions",
        "Tổ chức phổ biến, giáo dục pháp luật cho cán bộ, công chức và\nNhân dân trên địa bàn phường.",
        "Phòng Văn hóa - Xã hội",
    ),
    (
        "institutions",
        "Công khai văn bản quy phạm pháp luật:\na) Cập nhật lên Cơ sở dữ liệu quốc gia\nb) Niêm yết tại trụ sở\n"
        "c) Đăng trên Trang thông tin điện tử của phường",
        "Văn phòng HĐND và UBND",
    ),
    ("procedures", "Rà soát, đơn giản hóa thủ tục hành chính", "Trung tâm Phục vụ hành chính công"),
    ("procedures", "  Thủ tục lĩnh vực hộ tịch", "Văn phòng HĐND và UBND"),
    ("procedures", "  Thủ tục lĩnh vực chứng thực", ""),
    ("procedures", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Trung tâm Phục vụ hành chính công"),
]


def lettered_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Phụ lục")
    d.add_paragraph("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    n = len(LETTERED_HEADER)
    t = d.add_table(rows=1 + len(LETTERED_ROWS), cols=n)
    _fill(t, 0, LETTERED_HEADER)
    for i, (kind, cells) in enumerate(LETTERED_ROWS, start=1):
        if kind == "group":
            t.cell(i, 0).merge(t.cell(i, n - 1)).text = cells[0]
        else:
            _fill(t, i, cells)
    d.save(str(path))
    return path


def lettered_xlsx(path: Path) -> Path:
    """The same table on a sheet under two title rows, the group rows merged across."""
    n = len(LETTERED_HEADER)
    rows: list[list[str]] = [["PHỤ LỤC"] + [""] * (n - 1), ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"] + [""] * (n - 1)]
    rows.append(LETTERED_HEADER)
    merges = ["A1:F1", "A2:F2"]
    for kind, cells in LETTERED_ROWS:
        rows.append(cells + [""] * (n - len(cells)))
        if kind == "group":
            merges.append(f"A{len(rows)}:F{len(rows)}")
    return xlsx_file(path, {"Phụ lục": rows}, {"Phụ lục": merges})
