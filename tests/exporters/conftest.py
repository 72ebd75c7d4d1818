"""A rich plan for the exporters: every block kind, both numbering styles, long and hostile text."""

import pytest

from app.model import Appendix, DocDate, Plan, Section, Signer, Target, Task
from exporters.build import build_document

LONG = " ".join(["Tiếp tục rà soát, đơn giản hóa thủ tục hành chính, cắt giảm chi phí tuân thủ."] * 120)


def make_plan(tasks_per_area: int = 3) -> Plan:
    areas = [
        "institutions",
        "procedures",
        "apparatus",
        "civil_service",
        "public_finance",
        "digital_government",
        "direction",
    ]
    tasks = []
    for a in areas:
        for i in range(tasks_per_area):
            tasks.append(
                Task(
                    area=a,
                    content=f"Nhiệm vụ {i + 1} về {a}: rà soát, đánh giá và công khai kết quả giải quyết hồ sơ",
                    product="Kế hoạch; Báo cáo kết quả thực hiện",
                    lead="Phòng Văn hóa - Xã hội",
                    partners="Văn phòng HĐND và UBND; Trung tâm Phục vụ hành chính công",
                    timeline="Quý I/2027",
                    budget="Kinh phí chi thường xuyên",
                    monitor="Phòng Văn hóa - Xã hội",
                    subtasks=(
                        Task(area=a, content="Nhiệm vụ con thứ nhất", timeline="Tháng 02/2027"),
                        Task(area=a, content="Nhiệm vụ con thứ hai"),
                    )
                    if i == 1
                    else (),
                )
            )
    tasks.append(
        Task(
            area="direction",
            content='=HYPERLINK("http://x")',
            product="+cmd|' /C calc'!A0",
            lead="@SUM(1)",
            partners="-1+2",
        )
    )
    tasks.append(Task(area="procedures", content=LONG, product="Báo cáo"))
    targets = tuple(
        Target(
            area=a,
            content=f"Đạt tối thiểu 95% mục tiêu {a}",
            lead="Trung tâm Phục vụ hành chính công",
            partners="Các phòng",
            note="",
        )
        for a in areas
    )
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        parent_agency="UBND tỉnh Thanh Hóa",
        agency="Ủy ban nhân dân phường Phú Sơn",
        number="",
        symbol="KH-UBND",
        place="Phú Sơn",
        date=DocDate(2027, 1, None),
        legal_bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;",
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.",
        ),
        preamble="Ủy ban nhân dân phường Phú Sơn ban hành Kế hoạch cải cách hành chính năm 2027 như sau:",
        sections=(
            Section(
                "MỤC ĐÍCH, YÊU CẦU",
                sections=(
                    Section("Cụ thể hóa mục tiêu, nhiệm vụ cải cách hành chính của tỉnh.", run_in=True),
                    Section("Xác định rõ trách nhiệm của người đứng đầu.", run_in=True),
                ),
            ),
            Section(
                "NỘI DUNG, NHIỆM VỤ",
                sections=(
                    Section("Cải cách thể chế", paragraphs=("- Rà soát văn bản.", "+ Công khai kết quả.")),
                    Section(
                        "Cải cách thủ tục hành chính",
                        sections=(
                            Section("Mục tiêu", paragraphs=("- 100% hồ sơ được số hóa.",)),
                            Section("Nhiệm vụ", paragraphs=("- Niêm yết thủ tục.", LONG)),
                        ),
                    ),
                ),
            ),
            Section("TỔ CHỨC THỰC HIỆN", paragraphs=("Các phòng triển khai thực hiện Kế hoạch này.",)),
        ),
        targets=targets,
        appendices=(
            Appendix(
                kind="tasks",
                title="Phân công thực hiện nhiệm vụ cải cách hành chính năm 2027",
                columns=("content", "product", "timeline", "lead", "partners", "monitor"),
                group_by_area=True,
                tasks=tuple(tasks),
            ),
            Appendix(
                kind="tasks",
                title="Các nhiệm vụ trọng tâm về cải cách thể chế năm 2027",
                columns=("content", "product", "lead", "partners", "timeline", "budget"),
                headers=(("content", "Nhiệm vụ cụ thể"),),
                area="institutions",
                tasks=tuple(t for t in tasks if t.area == "institutions"),
            ),
            Appendix(
                kind="targets",
                title="Phân công thực hiện các mục tiêu cải cách hành chính năm 2027",
                columns=("content", "lead", "partners", "note"),
            ),
        ),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
        recipients=("Sở Nội vụ tỉnh Thanh Hóa", "Thường trực Đảng ủy phường", "Lưu: VT, VHXH"),
    )


@pytest.fixture
def sample_plan() -> Plan:
    return make_plan()


@pytest.fixture
def sample_doc(sample_plan):
    return build_document(sample_plan)
