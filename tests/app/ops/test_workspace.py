"""app.workspace: the paths of a data folder, the plans it holds as read, the ids it remembers,
one transaction for several operations."""

from __future__ import annotations

import pytest
from ops_helpers import content, rich_plan

from app.errors import InvalidInput
from app.ops import appendices, backups, plans, reports, rows
from app.workspace import IdMap, Paths, open_checked_workspace, open_workspace


def test_paths_of_a_data_folder(tmp_path):
    paths = Paths(tmp_path / "Dữ liệu" / "kehoach.db")
    assert paths.folder == tmp_path / "Dữ liệu"
    assert paths.backups == paths.folder / "backups" and paths.evidence == paths.folder / "evidence"
    assert paths.log.name == "kehoach.log" and paths.settings.name == "settings.ini"
    assert paths.lock.name == "kehoach.db.lock"
    assert Paths.default().db == tmp_path / "data" / "kehoach.db"  # $KEHOACH_DATA_DIR in the tests


def test_open_the_default_folder_and_a_damaged_file(tmp_path):
    ws = open_workspace()
    assert ws.paths.db == tmp_path / "data" / "kehoach.db" and ws.paths.db.exists() and ws.recovery is None
    ws.close()
    damaged = tmp_path / "hong" / "kehoach.db"
    damaged.parent.mkdir()
    damaged.write_bytes(b"not a database" * 100)
    ws = open_checked_workspace(damaged)
    assert ws.recovery is not None and ws.recovery.aside.exists() and ws.db.list_plans() == []
    ws.close()


def test_the_plan_is_read_once_until_an_operation_changes_it(ws):
    plan_id = ws.db.insert_plan(rich_plan())
    first = ws.plan(plan_id)
    assert ws.plan(plan_id) is first
    plans.set_header(ws, plan_id, number="09")
    assert ws.plan(plan_id) is not first and ws.plan(plan_id).number == "09"
    ws.forget()
    assert ws.plan(plan_id) == ws.db.load_plan(plan_id)


def test_id_map_chains_and_live_ids():
    ids = IdMap()
    ids.remap(5, 9)
    ids.remap(9, 12)
    assert ids.resolve(5) == ids.resolve(9) == 12 and ids.resolve(7) == 7
    ids.remap(12, 12)  # 12 is a row's now: never a key
    assert ids.resolve(12) == 12
    ids.remap(12, 5)  # 5 is a row's again: no longer redirected
    assert ids.resolve(5) == 5 and ids.resolve(12) == ids.resolve(9) == 5


def test_a_transaction_of_several_operations_is_all_or_nothing(ws):
    plan_id = ws.db.insert_plan(rich_plan())
    task = ws.plan(plan_id).appendices[0].tasks[0]
    before = content(ws, plan_id)
    with pytest.raises(InvalidInput), ws.atomic():
        plans.set_header(ws, plan_id, summary="Trong giao dịch")
        rows.set_fields(ws, rows.TASKS, task.id, content="sửa")
        rows.set_fields(ws, rows.TASKS, task.id, colour="đỏ")  # refused: everything goes back
    assert content(ws, plan_id) == before  # also what the workspace holds
    with pytest.raises(InvalidInput), ws.atomic():
        plans.set_header(ws, plan_id, summary="Trong giao dịch")
        # reads the plan inside the transaction, then is refused
        appendices.set_settings(ws, ws.plan(plan_id).appendices[0].id, columns=())
    assert ws.db.load_plan(plan_id).summary == rich_plan().summary
    assert content(ws, plan_id) == before


def test_restore_forgets_the_ids_remembered(ws):
    plan_id = ws.db.insert_plan(rich_plan())
    saved = ws.db.backup_to(ws.paths.folder)
    first = reports.create(ws, plan_id, "q1").created
    reports.create(ws, plan_id, "6m")
    reports.delete(ws, first).undo(ws)  # remembered: first -> its new id
    assert ws.ids["reports"].resolve(first) != first
    backups.restore(ws, saved)
    assert ws.ids["reports"].resolve(first) == first
    ws2 = open_workspace(ws.paths.db)  # the file is a database the program opens
    assert [p.id for p in ws2.db.list_plans()] == [plan_id]
    ws2.close()
