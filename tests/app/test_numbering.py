"""Numbering for both seed styles: seed 000 (I., 1., a) … đ)) and seed 004 (I., 1., 1.1., 2.1.)."""

from app.model import Appendix, Plan, Section, Task
from app.numbering import appendix_label, numbered_sections, section_label, task_rows


def labels(plan):
    return [(ns.depth, ns.label, ns.section.heading) for ns in numbered_sections(plan)]


def test_seed_000_style_letters_run_to_dj():
    direction = Section(
        "Công tác chỉ đạo, điều hành", sections=tuple(Section(f"điểm {i}", run_in=True) for i in range(6))
    )
    plan = Plan(
        2023,
        sections=(
            Section(
                "MỤC TIÊU, NHIỆM VỤ",
                sections=(
                    Section("Cải cách thể chế", sections=(Section("Mục tiêu"), Section("Nhiệm vụ"))),
                    direction,
                ),
            ),
            Section("TỔ CHỨC THỰC HIỆN"),
        ),
    )
    got = [lbl for _, lbl, _ in labels(plan)]
    assert got == ["I.", "1.", "a)", "b)", "2.", "a)", "b)", "c)", "d)", "đ)", "e)", "II."]


def test_seed_004_style_decimal_levels():
    plan = Plan(
        2023,
        heading_numbering=("roman", "arabic", "decimal"),
        sections=(
            Section(
                "MỤC ĐÍCH, YÊU CẦU",
                sections=(
                    Section("Cụ thể hóa mục tiêu …", run_in=True),
                    Section("Cấp ủy, chính quyền …", run_in=True),
                ),
            ),
            Section(
                "NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP",
                sections=(
                    Section(
                        "Một số mục tiêu, chỉ tiêu cụ thể",
                        sections=(Section("Mức độ hài lòng …", run_in=True), Section("Hoàn thành …", run_in=True)),
                    ),
                    Section(
                        "Nội dung, nhiệm vụ và giải pháp",
                        sections=(Section("Cải cách thể chế"), Section("Cải cách thủ tục hành chính")),
                    ),
                ),
            ),
        ),
    )
    got = [lbl for _, lbl, _ in labels(plan)]
    assert got == ["I.", "1.", "2.", "II.", "1.", "1.1.", "1.2.", "2.", "2.1.", "2.2."]


def test_section_label_styles():
    assert section_label(("roman",), (3,)) == "III."
    assert section_label(("roman", "arabic", "letter"), (1, 2, 5)) == "đ)"
    assert section_label(("roman", "arabic", "decimal", "decimal"), (2, 3, 1, 4)) == "3.1.4."
    assert section_label(("roman", "none"), (1, 2)) == ""


def test_task_rows_grouped_restart_per_area_with_decimal_subtasks():
    plan = Plan(2023)
    a = Appendix(
        group_by_area=True,
        tasks=(
            Task(area="procedures", content="b1"),
            Task(area="institutions", content="a1"),
            Task(area="procedures", content="b2", subtasks=(Task(content="b2.1"), Task(content="b2.2"))),
            Task(area="institutions", content="a2"),
        ),
    )
    rows = [(r.kind, r.label, r.title or r.task.content) for r in task_rows(plan, a)]
    assert rows == [
        ("group", "I", "Cải cách thể chế"),
        ("task", "1", "a1"),
        ("task", "2", "a2"),
        ("group", "II", "Cải cách thủ tục hành chính"),
        ("task", "1", "b1"),
        ("task", "2", "b2"),
        ("task", "2.1", "b2.1"),
        ("task", "2.2", "b2.2"),
    ]


def test_task_rows_letter_subtasks_and_ungrouped():
    plan = Plan(2023, subtask_numbering="letter")
    a = Appendix(tasks=(Task(content="x"), Task(content="y", subtasks=(Task(content="y1"), Task(content="y2")))))
    assert [r.label for r in task_rows(plan, a)] == ["1", "2", "a)", "b)"]


def test_appendix_labels():
    assert appendix_label("roman", 2) == "Phụ lục II"
    assert appendix_label("number", 1) == "Phụ lục số 01"
    assert appendix_label("arabic", 1) == "Phụ lục 1"
