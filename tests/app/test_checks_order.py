"""Characterisation: every finding of a plan that trips every rule, in full and in order."""

from app.checks import check_plan
from app.model import Appendix, DocDate, Plan, Section, Signer, Task

NEAR = "Tổ chức khảo sát, đánh giá mức độ hài lòng của người dân, doanh nghiệp năm 2027"
NEAR_AGAIN = "Tổ chức khảo sát đánh giá mức độ hài lòng của người dân và doanh nghiệp năm 2027"


def _plan() -> Plan:
    return Plan(
        year=2027,
        date=DocDate(2027, 1, None),
        summary="Kế hoạch hoà nhập",
        legal_bases=(
            "Căn cứ Kế hoạch số …/KH-UBND ngày …/…/2026 của Ủy ban nhân dân tỉnh;",
            "Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2027 của Thủ tướng Chính phủ.",
        ),
        sections=(
            Section(
                "Ủy ban",
                paragraphs=("Thực hiện trong năm 2027; kết quả năm 2024.", "Chi tiết tại Phụ lục II và Phụ lục III."),
                id=3,
            ),
        ),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", " "),
        appendices=(
            Appendix(kind="targets", title="Chỉ tiêu", columns=("content",)),
            Appendix(
                columns=("content", "product", "lead", "timeline"),
                group_by_area=True,
                tasks=(
                    Task(area="procedures", content="Rà soát thủ tục hành chính", timeline="Quý I/2028", id=11),
                    Task(area="procedures", content="", id=12),
                    Task(
                        area="institutions",
                        content="Rà soát  thủ tục hành chính!",
                        lead="Văn phòng",
                        id=13,
                        subtasks=(Task(content="Việc con", product="x" * 40_000, id=14),),
                    ),
                    Task(area="institutions", content=NEAR, product="p", lead="l", timeline="Quý IV/2026", id=15),
                    Task(area="institutions", content=NEAR_AGAIN, product="p", lead="l", timeline="Quý II/2027", id=16),
                ),
            ),
        ),
    )


def test_every_finding_in_order():
    found = [(f.level, f.code, f.message, f.place and (f.place.kind, f.place.ref, f.place.field, f.place.label))
             for f in check_plan(_plan())]  # fmt: skip
    row = "Phụ lục II, dòng"
    assert found == [
        # the parts every document has, in the order they are printed
        ("error", "agency-empty", "chưa ghi cơ quan ban hành (góc trái đầu văn bản).",
         ("plan", None, "agency", "Cơ quan ban hành")),
        ("error", "place-empty", "chưa ghi địa danh trước ngày, tháng, năm ban hành.",
         ("plan", None, "place", "Địa danh")),
        ("error", "signer-empty", "chưa ghi họ tên người ký.", ("signer", None, "name", "Người ký")),
        ("error", "recipients-empty", "chưa ghi nơi nhận.", ("recipient", None, "text", "Nơi nhận")),
        ("warning", "past-year", "còn ghi năm cũ (2024): «Thực hiện trong năm 2027; kết quả năm 2024.»",
         ("section", 3, "paragraphs", "Mục I — đoạn 1")),
        ("warning", "past-year", "còn ghi năm cũ (2026): «Quý IV/2026»",
         ("task", 15, "timeline", f"{row} 2 — Thời gian thực hiện")),
        # the task table is read row by row, every rule on a row before the next row
        ("warning", "timeline-outside", "thời gian «Quý IV/2026» nằm ngoài năm của kế hoạch (2026).",
         ("task", 15, "timeline", f"{row} 2 — Thời gian thực hiện")),
        ("warning", "task-near-duplicate",
         "gần giống dòng 2 trong cùng phụ lục; xem có phải một nhiệm vụ viết hai lần.",
         ("task", 16, "content", f"{row} 3 — Nội dung")),
        ("warning", "task-no-lead", "nhiệm vụ chưa ghi chủ trì.", ("task", 11, "lead", f"{row} 1 — Chủ trì")),
        ("warning", "task-no-product", "nhiệm vụ chưa ghi sản phẩm.", ("task", 11, "product", f"{row} 1 — Sản phẩm")),
        ("warning", "timeline-outside", "thời gian «Quý I/2028» nằm ngoài năm của kế hoạch (2028).",
         ("task", 11, "timeline", f"{row} 1 — Thời gian thực hiện")),
        ("warning", "task-duplicate", "trùng với dòng 1 trong cùng phụ lục.",
         ("task", 11, "content", f"{row} 1 — Nội dung")),
        ("error", "task-empty", "nhiệm vụ chưa có nội dung.", ("task", 12, "content", f"{row} 2 — Nội dung")),
        ("warning", "tone-mixed",
         "văn bản dùng lẫn hai kiểu bỏ dấu: 1 chỗ kiểu cũ (hoà, uỷ) và 3 chỗ kiểu mới (hòa, ủy); nên thống nhất một kiểu.",
         None),
        ("warning", "cell-too-long", "ô dài hơn 32.767 ký tự. tệp Excel sẽ phải cắt bớt (Word và PDF giữ đủ).",
         ("task", 14, "product", f"{row} 1.1")),
        ("info", "number-blank", "số văn bản còn để trống (văn thư điền khi ban hành).",
         ("plan", None, "number", "Số, ký hiệu")),
        ("info", "day-blank", "ngày ban hành còn để trống.", ("plan", None, "date", "Ngày")),
        # what the text leaves open or says about other documents
        ("error", "placeholder",
         "còn chỗ «…» chưa điền: «Căn cứ Kế hoạch số …/KH-UBND ngày …/…/2026 của Ủy ban nhân d…»",
         ("legal_basis", 0, "text", "Căn cứ thứ 1")),
        ("error", "basis-after-date",
         "văn bản làm căn cứ có ngày 12/02/2027, sau ngày ban hành kế hoạch (tháng 01/2027); "
         "văn bản chưa ban hành thì chưa làm căn cứ được.",
         ("legal_basis", 1, "text", "Căn cứ thứ 2")),
        ("error", "appendix-missing", "nhắc đến «Phụ lục III» nhưng kế hoạch chỉ có 2 phụ lục.",
         ("section", 3, "paragraphs", "Mục I — đoạn 2")),
        ("warning", "appendix-unreferenced",
         "Phụ lục I không được nhắc đến trong nội dung kế hoạch (thường ghi «chi tiết tại Phụ lục I kèm theo»).",
         ("appendix", None, "title", "Phụ lục I — tên phụ lục")),
    ]  # fmt: skip


def test_a_finding_reads_as_one_line():
    lines = [f.line() for f in check_plan(_plan())]
    assert lines[0] == "Lỗi: Cơ quan ban hành: chưa ghi cơ quan ban hành (góc trái đầu văn bản)."
    assert lines[4] == "Cảnh báo: Mục I — đoạn 1: còn ghi năm cũ (2024): «Thực hiện trong năm 2027; kết quả năm 2024.»"
    assert lines[12] == "Lỗi: Phụ lục II, dòng 2 — Nội dung: nhiệm vụ chưa có nội dung."
    assert lines[13].startswith("Cảnh báo: văn bản dùng lẫn hai kiểu bỏ dấu")
    assert lines[15] == "Thông tin: Số, ký hiệu: số văn bản còn để trống (văn thư điền khi ban hành)."
