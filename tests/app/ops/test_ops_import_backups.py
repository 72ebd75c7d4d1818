"""app.ops.import_table, backups and directory on a real data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ops_helpers import content, round_trip

from app.errors import DatabaseError, InvalidInput
from app.importing import read_file
from app.model import Plan
from app.ops import backups, directory, import_table, plans, rows
from app.ops.changes import Part

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from import_builders import lettered_docx, lettered_xlsx, seed000_docx  # noqa: E402

# ---------------------------------------------------------------- import_table


def test_import_result_and_its_undo(ws, plan, tmp_path):
    result = read_file(seed000_docx(tmp_path / "pl1.docx"))
    first = plan.appendices[0]
    done = {}

    def do():
        done["it"] = import_table.import_result(ws, plan.id, result, first.id)
        return done["it"]

    changes, undone, redone = round_trip(ws, do, lambda ws: content(ws, plan.id))
    assert result.counts() == (5, 4)
    assert changes.plan_id == plan.id and changes.parts == {Part.TASKS} and changes.appendix_ids == {first.id}
    assert changes.label == "Nhập 5 nhiệm vụ từ tệp" and len(changes.ids) == 5 and changes.created in changes.ids
    added = ws.plan(plan.id).appendices[0].tasks[len(first.tasks) :]
    assert changes.ids == {t.id for t in added} == redone.ids  # put back with the ids they had
    assert undone.label == redone.label == changes.label
    assert [b.reason for b in ws.db.list_backups(ws.paths.backups)] == [import_table.BACKUP_REASON]


@pytest.mark.parametrize("build", [lettered_docx, lettered_xlsx])
def test_lettered_sub_rows_are_added_as_sub_tasks_and_undone(ws, plan, tmp_path, build):
    path = build(tmp_path / f"pl.{build.__name__.split('_')[1]}")
    first = plan.appendices[0]
    done = {}

    def do():
        done["changes"], done["tasks"], done["subtasks"] = import_table.import_table(
            ws, plan.id, path, appendix_id=first.id
        )
        return done["changes"]

    changes, _undone, _redone = round_trip(ws, do, lambda ws: content(ws, plan.id))
    assert (done["tasks"], done["subtasks"]) == (5, 4)
    assert import_table.added_message(5, 4) == "Đã thêm 5 nhiệm vụ, 4 nhiệm vụ con."
    assert changes.label == "Nhập 5 nhiệm vụ từ tệp" and len(changes.ids) == 5
    added = ws.plan(plan.id).appendices[0].tasks[len(first.tasks) :]
    assert [len(t.subtasks) for t in added] == [2, 0, 0, 2, 0]
    hdnd, ubnd = added[0].subtasks
    assert (hdnd.content, hdnd.lead, hdnd.timeline, hdnd.product) == (
        "Rà soát văn bản do HĐND phường ban hành",
        "Văn phòng HĐND và UBND",
        "Quý I/2026",
        "Danh mục văn bản",
    )
    assert ubnd.content.endswith("kiến nghị sửa đổi văn bản không còn phù hợp") and ubnd.area == "institutions"
    assert [(s.content, s.lead, s.area) for s in added[3].subtasks] == [
        ("Thủ tục lĩnh vực hộ tịch", "Văn phòng HĐND và UBND", "procedures"),
        ("Thủ tục lĩnh vực chứng thực", "", "procedures"),
    ]
    assert added[2].content.endswith(
        "\nc) Đăng trên Trang thông tin điện tử của phường"
    )  # a list in one cell stays text
    changes.undo(ws)  # the import's own undo step, after the redo: every task and sub-task goes
    assert ws.plan(plan.id).appendices[0].tasks == first.tasks


def test_import_to_the_appendix_of_each_area_and_undo(ws, tmp_path):
    plan_id = plans.create_from_template(ws, "ward-annual", 2023, plans.SAMPLE_AGENCY).created
    result = read_file(seed000_docx(tmp_path / "pl1.docx"))
    before = content(ws, plan_id)
    imported = import_table.import_result(ws, plan_id, result)
    by_area = {a.area: a.id for a in ws.plan(plan_id).appendices}
    assert imported.appendix_ids == {
        by_area[x] for x in ("institutions", "procedures", "civil_service", "digital_government")
    }
    imported.undo(ws)
    assert content(ws, plan_id) == before


def test_an_import_refused_takes_no_backup(ws, plan, tmp_path):
    result = read_file(seed000_docx(tmp_path / "pl1.docx"))
    with pytest.raises(InvalidInput, match="bảng chỉ tiêu"):
        import_table.import_result(ws, plan.id, result, plan.appendices[2].id)
    with pytest.raises(InvalidInput, match="Không có nhiệm vụ nào"):
        import_table.import_result(ws, plan.id, result, indices=[])
    assert not ws.paths.backups.exists()


# ---------------------------------------------------------------- backups


def test_backup_now_and_to_a_folder(ws, plan, tmp_path):
    made = backups.backup_now(ws)
    assert made.parent == ws.paths.backups and made.name.endswith("-thu-cong.db")
    assert [b.path for b in backups.listed(ws)] == [made]
    assert backups.reason_text(backups.listed(ws)[0].reason) == "Sao lưu thủ công"
    assert backups.reason_text("la-lung") == "La lung"
    stick = tmp_path / "USB của chị Lan"
    stick.mkdir()
    assert backups.backup_to_folder(ws, stick).parent == stick
    with pytest.raises(InvalidInput, match="không tồn tại"):
        backups.backup_to_folder(ws, tmp_path / "khong-co")


def test_restore_replaces_everything_and_the_workspace_reads_it_again(ws, plan):
    saved = backups.backup_now(ws)
    before = content(ws, plan.id)
    rows.remove(ws, rows.TASKS, [plan.appendices[0].tasks[0].id])
    ws.db.insert_plan(Plan(2030))
    changes = backups.restore(ws, saved)
    assert changes.plan_id is None and changes.parts == {Part.EVERYTHING} and changes.undo is None
    assert changes.touches(Part.TASKS) and changes.label == "Khôi phục bản sao lưu"
    assert content(ws, plan.id) == before and [p.id for p in ws.db.list_plans()] == [plan.id]
    assert "truoc-khoi-phuc" in {b.reason for b in backups.listed(ws)}  # what was replaced is kept


def test_a_bad_backup_is_refused_and_the_data_stays_open(ws, plan, tmp_path):
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"x" * 5000)
    before = content(ws, plan.id)
    with pytest.raises(DatabaseError):
        backups.restore(ws, bad)
    assert content(ws, plan.id) == before
    rows.set_fields(ws, rows.TASKS, plan.appendices[0].tasks[0].id, note="vẫn sửa được")


def test_replace_file_reopens_even_when_putting_in_place_fails(ws, plan):
    ws.plan(plan.id)

    def fail(db_path):
        raise OSError("đĩa đầy")

    with pytest.raises(OSError):
        ws.replace_file(fail)
    assert ws.is_open and content(ws, plan.id)


# ---------------------------------------------------------------- directory


def test_directory_defaults_and_suggestions(ws, plan):
    directory.ensure_defaults(ws)
    directory.ensure_defaults(ws)
    units = [e.name for e in ws.db.list_entries("unit")]
    assert sorted(units) == sorted(directory.DEFAULT_UNITS)
    names = directory.suggestions(ws)
    assert names[: len(units)] == [e.name for e in ws.db.list_entries()] and "Trung tâm" in names
    assert directory.values_used(ws, "timeline")[0] in {"Quý I/2027", "Tháng 7/2027", "Quý III/2027", "Quý II/2027"}
