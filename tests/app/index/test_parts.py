"""Bonus points (điểm thưởng), penalty points (điểm trừ) and the survey part (điều tra xã hội học)
of a set, as Hà Nội's set for communes has them: read from the province's table, kept by the file
and the database, and counted in the totals — the scored areas add up to the stated total, bonus
points are added, penalty points taken off; survey criteria are not asked of the ward."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from index_helpers import D, tracked_setup

from app.errors import InvalidInput
from app.index import assess, view
from app.index.import_table import read_criteria_table
from app.index.model import BONUS, PENALTY, SURVEY, CriteriaSet, Criterion
from app.index.report import assessment_report
from app.index.scoring import totals
from app.index.set_file import read_set_file, write_set_file
from app.index.sets import save_set
from app.index.validate import set_problem
from exporters.api import ExportRequest, export_assessment


def parts_set() -> CriteriaSet:
    return CriteriaSet(
        "Bộ có điểm thưởng, điểm trừ",
        D("5"),
        [
            Criterion("1", "Chỉ đạo điều hành", D("3")),
            Criterion("1.1", "Ban hành kế hoạch", D("3")),
            Criterion("2", "Điều tra xã hội học", D("2"), part=SURVEY),
            Criterion("2.1", "Mức độ hài lòng của người dân", D("2")),
            Criterion("3", "Điểm thưởng", D("2"), part=BONUS),
            Criterion("3.1", "Sáng kiến được công nhận", D("2")),
            Criterion("4", "Điểm trừ", D("3"), part=PENALTY),
            Criterion("4.1", "Để xảy ra sai phạm bị kỷ luật", D("3")),
        ],
    )


def test_a_province_table_with_bonus_penalty_and_survey_areas_is_read_with_its_parts(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Lĩnh vực, tiêu chí", "Điểm tối đa", "Hướng dẫn chấm"])
    for row in (
        ["1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "3", ""],
        ["1.1", "Ban hành kế hoạch", "3", ""],
        ["2", "ĐIỀU TRA XÃ HỘI HỌC", "2", ""],
        ["2.1", "Mức độ hài lòng", "2", ""],
        ["3", "ĐIỂM THƯỞNG", "2", ""],
        ["3.1", "Sáng kiến", "2", ""],
        ["4", "ĐIỂM TRỪ", "3", ""],
        ["4.1", "Sai phạm", "3", ""],
        ["", "Tổng cộng", "5", ""],
    ):
        ws.append(row)
    wb.save(tmp_path / "ha-noi.xlsx")
    cs = read_criteria_table(tmp_path / "ha-noi.xlsx").criteria_set
    assert [(a.number, a.part) for a in cs.areas()] == [("1", ""), ("2", SURVEY), ("3", BONUS), ("4", PENALTY)]
    assert cs.total == 5  # the bonus and penalty areas are outside the stated total


def test_the_parts_survive_the_file_and_the_database(ws, tmp_path):
    write_set_file(parts_set(), tmp_path / "bo.json")
    back = read_set_file(tmp_path / "bo.json")
    assert [a.part for a in back.areas()] == ["", SURVEY, BONUS, PENALTY]
    stored = ws.db.load_index_set(save_set(ws, back))
    assert [a.part for a in stored.areas()] == ["", SURVEY, BONUS, PENALTY]
    assert stored.find("1.1").rule is None


def test_only_an_area_can_be_a_part_and_the_scored_areas_must_make_the_total():
    cs = parts_set()
    cs.criteria[1] = Criterion("1.1", "Ban hành kế hoạch", D("3"), part=BONUS)
    assert set_problem(cs) == "Tiêu chí 1.1: chỉ lĩnh vực mới ghi được là điểm thưởng."
    cs = parts_set()
    cs.total = D("7")
    assert set_problem(cs) == "Các lĩnh vực cộng lại 5 điểm, khác tổng điểm 7 của bộ tiêu chí."


@pytest.fixture
def assessed(ws, tmp_path, clock_at):
    clock_at(date(2027, 12, 10))
    plan_id, _, _, _ = tracked_setup(ws, tmp_path)
    aid = assess.start(ws, save_set(ws, parts_set()), 2027, plan_id)
    assess.set_score(ws, aid, "1.1", D("3"), "Ban hành ngày 05/01/2027")
    assess.set_score(ws, aid, "2.1", D("1.5"))  # the province's survey result: no evidence asked
    assess.set_score(ws, aid, "3.1", D("1"), "Sáng kiến cấp huyện")
    assess.set_score(ws, aid, "4.1", D("2"), "Một công chức bị khiển trách")
    return aid


def test_bonus_points_are_added_and_penalty_points_taken_off(ws, assessed):
    a, cs = assess.load(ws, assessed)
    t = totals(cs, a)
    assert (t["1"], t["2"], t["3"], t["4"], t[""]) == (D(3), D("1.5"), D(1), D(2), D("3.5"))
    with pytest.raises(InvalidInput, match="vượt điểm tối đa 2"):
        assess.set_score(ws, assessed, "3.1", D("2.5"))
    assert assess.check(ws, assessed) == []  # the survey score needs no evidence nor explanation


def test_survey_criteria_are_not_listed_as_unscored(ws, tmp_path, clock_at):
    clock_at(date(2027, 12, 10))
    plan_id, _, _, _ = tracked_setup(ws, tmp_path)
    aid = assess.start(ws, save_set(ws, parts_set()), 2027, plan_id)
    lines = view.page_data(ws, aid).lines
    assert [x.row.number for x in view.shown(lines, view.UNSCORED) if x.leaf] == ["1.1", "3.1", "4.1"]


def test_the_exports_show_penalty_points_as_taken_off(ws, assessed, tmp_path):
    report = assessment_report(ws, assessed)
    docx_path, xlsx = export_assessment(report, ExportRequest(xlsx=tmp_path / "b.xlsx", docx=tmp_path / "b.docx"))
    rows = {r[0]: r for r in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True) if r[0]}
    assert rows["4"][3] == "-2" and rows["4.1"][3] == "-2" and rows["3"][3] == "1"
    total = next(r for r in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True) if r[1] == "TỔNG CỘNG")
    assert total[2:4] == ("5", "3,5")
    import docx

    text = "\n".join(p.text for p in docx.Document(docx_path).paragraphs)
    assert "- Điểm thưởng: cộng 1 điểm (tối đa 2 điểm);" in text
    assert "- Điểm trừ: trừ 2 điểm (tối đa 3 điểm);" in text
    assert "Tổng điểm tự đánh giá: 3,5/5 điểm" in text
