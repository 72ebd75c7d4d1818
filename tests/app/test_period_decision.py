"""Multi-year plans and the issuing decision: file format, storage, carry-forward, old files."""

import sqlite3

import pytest

from app import plan_file
from app.carry_forward import carry_forward, past_years
from app.errors import InvalidPlanFile
from app.model import Decision, DocDate, Period, Plan, Section, Signer
from storage import plans as plans_store
from storage.db import open_store
from storage.migrations import _v1


def _plan():
    return Plan(
        year=2026,
        summary="Cải cách hành chính giai đoạn 2026 - 2030",
        period=Period(2026, 2030),
        sections=(
            Section(
                "MỤC TIÊU",
                paragraphs=("Đến năm 2028 đạt 95%; năm 2030 đạt 98%.", "Chương trình tổng thể giai đoạn 2021 - 2030."),
            ),
        ),
        decision=Decision(
            number="12",
            date=DocDate(2026, 1, 5),
            legal_bases=("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;",),
            articles=(
                "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính giai đoạn 2026 - 2030.",
                "Quyết định này có hiệu lực kể từ ngày ký.",
            ),
            signer=Signer("", "CHỦ TỊCH", "Nguyễn Văn An"),
            recipients=("Như Điều 3", "Lưu: VT"),
        ),
    )


def test_period_and_decision_round_trip_through_file_and_storage(tmp_path):
    plan = _plan()
    text = plan_file.dumps(plan)
    assert '"period": {\n    "from": 2026,\n    "to": 2030\n  }' in text and '"decision"' in text
    assert plan_file.loads(text) == plan
    store = open_store(tmp_path / "p.db")
    pid = plans_store.insert_plan(store, plan)
    assert plan_file.dumps(plans_store.load_plan(store, pid)) == text
    plans_store.update_plan(store, pid, period=None, decision=None)
    again = plans_store.load_plan(store, pid)
    assert again.period is None and again.decision is None
    assert '"period"' not in plan_file.dumps(again)


def test_old_files_without_the_new_keys_import_unchanged():
    old = {"format": "kehoach-cchc/1", "year": 2024, "summary": "Cải cách hành chính năm 2024"}
    plan = plan_file.from_dict(old)
    assert plan.period is None and plan.decision is None
    text = plan_file.dumps(plan)
    assert '"period"' not in text and '"decision"' not in text and '"footnotes_restart"' not in text


@pytest.mark.parametrize("period", [{"from": 2027, "to": 2030}, {"from": 2026, "to": 2026}, {"from": "x", "to": 2030}])
def test_bad_period_is_refused(period):
    with pytest.raises(InvalidPlanFile):
        plan_file.from_dict({"format": "kehoach-cchc/1", "year": 2026, "period": period})


def test_carry_forward_of_a_period_plan_moves_the_whole_period():
    new = carry_forward(_plan(), 2031)
    assert new.period == Period(2031, 2035)
    assert new.summary == "Cải cách hành chính giai đoạn 2031 - 2035"
    assert new.sections[0].paragraphs[0] == "Đến năm 2033 đạt 95%; năm 2035 đạt 98%."
    assert new.sections[0].paragraphs[1] == "Chương trình tổng thể giai đoạn 2021 - 2030."  # another period
    assert new.decision.number == "" and new.decision.date == DocDate(2031, 1, None)
    assert new.decision.articles[0].endswith("giai đoạn 2031 - 2035.")
    # The national programme 2021–2030 no longer covers 2031: it is reported.
    assert any(lo.year == 2021 for lo in past_years(new))


def test_database_made_by_schema_version_1_is_migrated(tmp_path):
    path = tmp_path / "v1.db"
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(path))
    with db.atomic():
        _v1(db)
        db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO plans (year, summary) VALUES (2024, 'Cải cách hành chính năm 2024')")
    db.conn.commit()
    db.close()
    store = open_store(path)
    plan = plans_store.load_plan(store, 1)
    assert plan.summary == "Cải cách hành chính năm 2024" and plan.period is None and plan.decision is None
    assert store.execute("PRAGMA user_version").fetchone()[0] >= 2
