"""Characterisation: every header field and appendix field written by the storage verbs reads back."""

import pytest

from app.errors import NotFound
from app.model import Appendix, Area, Decision, DocDate, Period, Plan, Signer, Task
from app.vietnamese import clean_text
from storage import plans as plans_store
from storage.db import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "h.db")
    yield s
    s.close()


@pytest.fixture
def pid(store):
    return plans_store.insert_plan(store, Plan(2027, appendices=(Appendix(tasks=(Task(content="a"),)),)))


def _stamp(store, plan_id):
    return store.execute("SELECT updated_at FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]


def test_every_header_field_round_trips_cleaned(store, pid):
    decision = Decision(number="5", legal_bases=("Căn cứ Luật\u0301",), articles=("Điều 1",))
    plans_store.update_plan(
        store,
        pid,
        year=2028,
        summary=" Tóm tắt hoa\u0300 ",
        parent_agency="UBND tỉnh",
        agency="UBND phường",
        number="12",
        symbol="KH-UBND",
        place="Phú Sơn",
        legal_bases=["a\u0301", "b"],
        legal_bases_italic=False,
        preamble="Mở đầu",
        closing="Kết",
        recipients=("Lưu: VT",),
        areas=(Area("institutions", " Thể chế\u0301 "), Area("procedures", "Thủ tục")),
        heading_numbering=("arabic", "letter"),
        subtask_numbering="letter",
        appendix_numbering="number",
        date=DocDate(2028, 2, 3),
        signer=Signer(" TM. UBND ", "CHỦ TỊCH", "Nguyễn Văn A\u0301"),
        period=Period(2026, 2030),
        decision=decision,
        footnotes_restart=True,
    )
    plan = plans_store.load_plan(store, pid)
    assert (plan.year, plan.summary, plan.parent_agency, plan.agency) == (
        2028, clean_text(" Tóm tắt hoa\u0300 "), "UBND tỉnh", "UBND phường",
    )  # fmt: skip
    assert (plan.number, plan.symbol, plan.place, plan.preamble, plan.closing) == (
        "12",
        "KH-UBND",
        "Phú Sơn",
        "Mở đầu",
        "Kết",
    )
    assert (
        plan.legal_bases == (clean_text("a\u0301"), "b")
        and not plan.legal_bases_italic
        and plan.recipients == ("Lưu: VT",)
    )
    assert plan.areas == (Area("institutions", clean_text(" Thể chế\u0301 ")), Area("procedures", "Thủ tục"))
    assert plan.heading_numbering == ("arabic", "letter")
    assert (plan.subtask_numbering, plan.appendix_numbering) == ("letter", "number")
    assert plan.date == DocDate(2028, 2, 3) and plan.signer == Signer(
        " TM. UBND ", "CHỦ TỊCH", clean_text("Nguyễn Văn A\u0301")
    )
    assert plan.period == Period(2026, 2030) and plan.footnotes_restart
    assert plan.decision == Decision(number="5", legal_bases=(clean_text("Căn cứ Luật\u0301"),), articles=("Điều 1",))


def test_blank_date_period_and_decision_clear_their_columns(store, pid):
    plans_store.update_plan(store, pid, date=DocDate(2027, 1, 5), period=Period(2026, 2030), decision=Decision())
    plans_store.update_plan(store, pid, date=None, period=None, decision=None)
    plan = plans_store.load_plan(store, pid)
    assert (plan.date, plan.period, plan.decision) == (None, None, None)
    plans_store.update_plan(store, pid, date=DocDate(2027, 3))
    assert plans_store.load_plan(store, pid).date == DocDate(2027, 3, None)


def test_unknown_field_missing_plan_and_nothing_to_do(store, pid):
    with pytest.raises(ValueError, match="colour"):
        plans_store.update_plan(store, pid, colour="red")
    with pytest.raises(NotFound, match="Không có kế hoạch số hiệu 999."):
        plans_store.update_plan(store, 999, summary="x")
    plans_store.update_plan(store, 999)  # no field: no statement, no error
    assert plans_store.load_plan(store, pid).summary == ""


def test_appendix_fields_and_their_errors(store, pid):
    aid = plans_store.load_plan(store, pid).appendices[0].id
    plans_store.update_appendix(
        store, aid, title=" Phụ lục\u0301 ", columns=["content", "lead"], headers={"content": "Việc\u0300"},
        group_by_area=True, area="procedures",
    )  # fmt: skip
    a = plans_store.load_plan(store, pid).appendices[0]
    assert (a.title, a.columns, a.headers, a.group_by_area, a.area) == (
        clean_text(" Phụ lục\u0301 "), ("content", "lead"), (("content", clean_text("Việc\u0300")),), True, "procedures",
    )  # fmt: skip
    with pytest.raises(ValueError, match="kind"):
        plans_store.update_appendix(store, aid, kind="targets")
    with pytest.raises(NotFound, match="Không tìm thấy phụ lục; có thể nó đã bị xóa."):
        plans_store.update_appendix(store, 999, title="x")
    plans_store.update_appendix(store, 999)
    assert plans_store.appendix_kind(store, aid) == (pid, "tasks") and plans_store.appendix_kind(store, 999) is None
    with pytest.raises(NotFound, match="Không tìm thấy phụ lục"):
        plans_store.appendix_plan_id(store, 999)


def test_delete_and_list(store, pid):
    assert [(s.id, s.year, s.tasks) for s in plans_store.list_plans(store)] == [(pid, 2027, 1)]
    assert plans_store.plan_exists(store, pid)
    plans_store.delete_plan(store, pid)
    assert not plans_store.plan_exists(store, pid) and plans_store.list_plans(store) == []
    with pytest.raises(NotFound, match=f"Không có kế hoạch số hiệu {pid}."):
        plans_store.delete_plan(store, pid)
    with pytest.raises(NotFound, match="xem danh sách bằng lệnh «list»"):
        plans_store.load_plan(store, pid)
