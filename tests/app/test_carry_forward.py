from app.carry_forward import carry_forward, past_years, shift_years
from app.model import Appendix, DocDate, Period, Plan, Section, Task


def test_shift_years_moves_the_plan_year_and_last_year():
    s = lambda t: shift_years(t, 2023, 2024)  # noqa: E731
    assert s("Cải cách hành chính năm 2023") == "Cải cách hành chính năm 2024"
    assert s("Quý I/2023") == "Quý I/2024"
    assert s("quý IV/2023") == "quý IV/2024"
    assert s("trước 31/12/2023") == "trước 31/12/2024"
    assert s("ngày 31 tháng 5 năm 2023") == "ngày 31 tháng 5 năm 2024"
    assert s("khắc phục hạn chế của chỉ số năm 2022") == "khắc phục hạn chế của chỉ số năm 2023"


def test_shift_years_keeps_periods_symbols_and_cited_dates():
    s = lambda t: shift_years(t, 2023, 2024)  # noqa: E731
    assert s("giai đoạn 2021 - 2025") == "giai đoạn 2021 - 2025"
    assert s("giai đoạn 2022-2023") == "giai đoạn 2022-2023"
    assert s("Nghị định số 90/2020/NĐ-CP ngày 13/8/2020") == "Nghị định số 90/2020/NĐ-CP ngày 13/8/2020"
    assert s("Quyết định số 01/2023/QĐ-UBND") == "Quyết định số 01/2023/QĐ-UBND"
    assert (
        s("Căn cứ Kế hoạch số 4344/KH-UBND ngày 20/12/2022 của UBND tỉnh về CCHC năm 2023;")
        == "Căn cứ Kế hoạch số 4344/KH-UBND ngày 20/12/2022 của UBND tỉnh về CCHC năm 2024;"
    )
    assert s("không có năm") == "không có năm"
    assert s("mã 12023 và 20231") == "mã 12023 và 20231"


def _plan_2023():
    return Plan(
        year=2023,
        summary="Cải cách hành chính năm 2023",
        number="09",
        date=DocDate(2023, 1, 17),
        legal_bases=(
            "Căn cứ Kế hoạch số 4344/KH-UBND ngày 20/12/2022 của UBND tỉnh về CCHC năm 2023;",
            "Căn cứ Nghị định số 90/2020/NĐ-CP ngày 13/8/2020 của Chính phủ.",
        ),
        sections=(
            Section(
                "MỤC ĐÍCH",
                paragraphs=("Thực hiện kế hoạch năm 2023; giai đoạn 2021 - 2025.", "Kết quả năm 2019 là cơ sở."),
            ),
        ),
        appendices=(
            Appendix(
                tasks=(
                    Task(
                        content="Kế hoạch năm 2023",
                        timeline="Quý I/2023",
                        subtasks=(Task(content="x", timeline="Tháng 02/2023"),),
                    ),
                )
            ),
        ),
    )


def test_carry_forward_moves_years_clears_number_and_day():
    new = carry_forward(_plan_2023(), 2024)
    assert new.year == 2024 and new.number == "" and new.date == DocDate(2024, 1, None)
    assert new.summary == "Cải cách hành chính năm 2024"
    task = new.appendices[0].tasks[0]
    assert task.timeline == "Quý I/2024" and task.subtasks[0].timeline == "Tháng 02/2024"
    assert new.id is None and task.id is None


def test_leftover_report_lists_every_past_year_that_matters():
    new = carry_forward(_plan_2023(), 2024)
    found = [(lo.place.label, lo.year, lo.why) for lo in past_years(new)]
    # The province's plan cited with last cycle's date: the officer must update it.
    assert ("Căn cứ thứ 1", 2022, "cited") in found
    # A stray old year the shift did not touch.
    assert any(year == 2019 for _, year, _ in found)
    # Old decrees, document symbols and the running period are not noise.
    assert not any(year == 2020 for _, year, _ in found)
    assert not any(year in (2021, 2025) for _, year, _ in found)


def test_leftover_report_finds_a_year_left_by_hand():
    plan = Plan(year=2027, sections=(Section("A", paragraphs=("Hoàn thành trước 30/6/2026.",)),))
    (lo,) = past_years(plan)
    assert lo.year == 2026 and "30/6/2026" in lo.excerpt and lo.place.kind == "section"


def test_what_is_not_a_leftover():
    text = (
        "Duy trì Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015; kết quả năm 2026 là cơ sở; "
        "Căn cứ Kế hoạch số …/KH-UBND ngày …/…/2026 của UBND tỉnh về CCHC năm 2027; "
        "Nghị định số 90/2020/NĐ-CP ngày 13/8/2020; giai đoạn 2021 - 2030."
    )
    assert past_years(Plan(year=2027, sections=(Section("A", paragraphs=(text,)),))) == []


def test_past_deadlines_and_old_years_are_leftovers():
    plan = Plan(
        year=2027,
        sections=(
            Section(
                "A", paragraphs=("Báo cáo trước 15/12/2026; Quý IV/2026; ngày 31 tháng 5 năm 2026; chỉ số năm 2024.",)
            ),
        ),
    )
    assert sorted(lo.year for lo in past_years(plan)) == [2024, 2026, 2026, 2026]


def test_the_framework_of_a_running_programme_is_not_the_previous_cycle():
    """NQ 76/NQ-CP (2021, for 2021 - 2030) and QĐ 876/QĐ-BNV (2022, for 2022-2030) are what a 2026 -
    2030 plan is built on; a legal basis is naturally older than the plan citing it."""
    bases = (
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
        "hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Quyết định số 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ phê duyệt Đề án xác định Chỉ số cải cách "
        "hành chính giai đoạn 2022-2030;",
        "Căn cứ Chỉ thị số 05/CT-TTg ngày 20/01/2021 về đẩy mạnh cải cách hành chính đến năm 2030;",
        "Căn cứ Nghị định số 150/2025/NĐ-CP ngày 12/6/2025, sửa đổi bởi Nghị định số 370/2027/NĐ-CP ngày 31/12/2027.",
    )
    for plan in (Plan(year=2027, legal_bases=bases), Plan(year=2026, period=Period(2026, 2030), legal_bases=bases)):
        assert past_years(plan) == [], plan.period


def test_the_previous_cycles_plan_left_in_place_is_still_found():
    old_period = (
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 10/12/2020 của UBND tỉnh về cải cách hành chính giai đoạn 2026 - 2030;"
    )
    (lo,) = past_years(Plan(year=2026, period=Period(2026, 2030), legal_bases=(old_period,)))
    assert (lo.year, lo.why) == (2020, "cited")
    last_years = "Căn cứ Kế hoạch số 4344/KH-UBND ngày 20/12/2025 của UBND tỉnh về CCHC năm 2027;"
    (lo,) = past_years(Plan(year=2027, legal_bases=(last_years,)))
    assert (lo.year, lo.why) == (2025, "cited")
    this_years = "Căn cứ Kế hoạch số 4344/KH-UBND ngày 20/12/2026 của UBND tỉnh về CCHC năm 2027;"
    assert past_years(Plan(year=2027, legal_bases=(this_years,))) == []
