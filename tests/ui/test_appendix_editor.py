"""Appendix settings and structure: title, columns, headers, grouping, area; add, delete (backup), move."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.paths import backups_dir
from storage.backup import list_backups
from ui.editors.appendix_form import KEY_ROLE, outline_title, sentence_case
from ui.main_window.outline import NODE_ROLE


def open_appendix(window, n: int = 1):
    a = window.session.plan.appendices[n]
    assert window.select_node(("appendix", a.id))
    return window.task_editors[a.id], a.id


def appendix(plan, aid):
    return next(a for a in plan.appendices if a.id == aid)


def outline_appendix_labels(window) -> list[str]:
    out = []
    for i in range(window.outline.topLevelItemCount()):
        item = window.outline.topLevelItem(i)
        if item.data(0, NODE_ROLE)[0] == "appendix":
            out.append(item.text(0))
    return out


def test_sentence_case():
    assert sentence_case("NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ NĂM 2027") == (
        "Nhiệm vụ trọng tâm về cải cách thể chế năm 2027"
    )
    assert sentence_case("Kế hoạch của UBND phường") == "Kế hoạch của UBND phường"
    assert sentence_case("DANH MỤC CỦA UBND") == "Danh mục của UBND"
    assert outline_title("NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ NĂM 2027") == "Cải cách thể chế năm 2027"
    assert outline_title("Chỉ tiêu") == "Chỉ tiêu"


def test_outline_labels_are_sentence_case(window):
    labels = outline_appendix_labels(window)
    assert labels and all(label.startswith("Phụ lục ") and " — " in label for label in labels)
    for label in labels:
        title = label.split(" — ", 1)[1]
        assert title != title.upper(), label


def test_title_columns_headers_group_area_undo(window, reopen):
    editor, aid = open_appendix(window)
    panel = editor.panel
    editor.panel_button.setChecked(True)
    assert panel.isVisible()
    stack = window.session.stack

    panel.title.setText("Danh mục thủ tục hành chính cần rà soát")
    panel.title.editingFinished.emit()
    assert reopen(window.session.plan_id).appendices[1].title == "Danh mục thủ tục hành chính cần rà soát"
    assert "Danh mục thủ tục hành chính cần rà soát" in editor.title.text()
    assert any(label.endswith("Danh mục thủ tục hành chính cần rà soát") for label in outline_appendix_labels(window))

    before = appendix(window.session.plan, aid).columns
    # untick "product": the table loses that column at once
    item = next(
        panel.columns.item(i) for i in range(panel.columns.count()) if panel.columns.item(i).data(KEY_ROLE) == "product"
    )
    item.setCheckState(Qt.CheckState.Unchecked)
    cols = appendix(reopen(window.session.plan_id), aid).columns
    assert "product" not in cols and editor.model.column_of("product") is None
    assert stack.undoText() == "Chọn cột của phụ lục"

    # move "lead" to the top
    r = next(i for i in range(panel.columns.count()) if panel.columns.item(i).data(KEY_ROLE) == "lead")
    panel.columns.setCurrentRow(r)
    for _ in range(r):
        panel._move_column(-1)
    assert appendix(reopen(window.session.plan_id), aid).columns[0] == "lead"
    assert editor.model.columns[0] == "lead"

    # reword a header
    lead = panel.columns.item(0)
    lead.setText("Cơ quan chủ trì")
    a = appendix(reopen(window.session.plan_id), aid)
    assert a.header_for("lead") == "Cơ quan chủ trì"
    assert editor.model.headerData(1, Qt.Orientation.Horizontal) == "Cơ quan chủ trì"

    panel.group_by_area.setChecked(not a.group_by_area)
    assert appendix(reopen(window.session.plan_id), aid).group_by_area is (not a.group_by_area)
    i = panel.area.findData("procedures")
    panel.area.setCurrentIndex(i)
    panel.area.activated.emit(i)
    assert appendix(reopen(window.session.plan_id), aid).area == "procedures"

    while stack.canUndo():
        stack.undo()
    a = appendix(reopen(window.session.plan_id), aid)
    assert a.columns == before and a.header_for("lead") != "Cơ quan chủ trì"
    assert panel.title.text() == a.title
    stack.redo()
    assert appendix(reopen(window.session.plan_id), aid).title == "Danh mục thủ tục hành chính cần rà soát"


def test_no_column_left_is_refused(window, reopen):
    editor, aid = open_appendix(window)
    panel = editor.panel
    for _ in range(panel.columns.count()):
        checked = [panel.columns.item(i) for i in range(panel.columns.count())]
        checked = [it for it in checked if it.checkState() == Qt.CheckState.Checked]
        checked[0].setCheckState(Qt.CheckState.Unchecked)
    cols = appendix(reopen(window.session.plan_id), aid).columns
    assert len(cols) == 1  # the last untick was refused and the list shows what is stored
    window.error_box.close()


def test_add_move_delete_appendix_with_backup_and_undo(window, reopen, db_path):
    plan = window.session.plan
    n = len(plan.appendices)
    editor, aid = open_appendix(window, 1)
    task_count = len(appendix(plan, aid).tasks)
    stack = window.session.stack

    assert window.appendix_structure("add_tasks")
    assert len(reopen(window.session.plan_id).appendices) == n + 1
    new_id = window.session.last_inserted
    assert [a.id for a in reopen(window.session.plan_id).appendices].index(new_id) == 2
    assert window.outline.current_node() == ("appendix", new_id)
    stack.undo()
    assert len(reopen(window.session.plan_id).appendices) == n

    assert window.appendix_structure("down", aid)
    assert [a.id for a in reopen(window.session.plan_id).appendices].index(aid) == 2
    stack.undo()
    assert [a.id for a in reopen(window.session.plan_id).appendices].index(aid) == 1

    window.confirm_delete_appendix = lambda _aid: True
    assert window.appendix_structure("delete", aid)
    after = reopen(window.session.plan_id)
    assert aid not in [a.id for a in after.appendices]
    assert aid not in window.task_editors
    assert any(b.reason == "xoa-phu-luc" for b in list_backups(backups_dir(db_path)))
    stack.undo()
    back = reopen(window.session.plan_id).appendices[1]
    assert len(back.tasks) == task_count
    assert back.title == appendix(plan, aid).title
    # edits recorded before the delete still find the re-added appendix
    assert window.select_node(("appendix", back.id))
    editor = window.task_editors[back.id]
    assert editor.model.rowCount() > 0
    stack.redo()
    assert len(reopen(window.session.plan_id).appendices) == n - 1


def test_delete_cancelled_changes_nothing(window, reopen):
    _, aid = open_appendix(window, 1)
    window.confirm_delete_appendix = lambda _aid: False
    assert not window.appendix_structure("delete", aid)
    assert aid in [a.id for a in reopen(window.session.plan_id).appendices]
