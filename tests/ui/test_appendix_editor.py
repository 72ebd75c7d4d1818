"""Appendix settings and structure: title, columns, headers, grouping, area; add, move, delete (with
a backup) and undo — through the "Thiết lập phụ lục" panel and the "Phụ lục" menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from storage.backup import list_backups
from ui.editors.appendix_form import KEY_ROLE, outline_title, sentence_case
from ui.main_window.outline import NODE_ROLE

NEW_TITLE = "Danh mục thủ tục hành chính cần rà soát"


def open_panel(lan, number: str = "II"):
    lan.click_outline(f"Phụ lục {number} ")
    editor = lan.window.editors.current_task_editor()
    lan.click("Thiết lập phụ lục", within=editor)
    assert editor.panel.isVisible()
    return editor, editor.panel


def appendix(stored, plan_id: int, appendix_id: int):
    return next(a for a in stored(plan_id).appendices if a.id == appendix_id)


def outline_appendix_labels(lan) -> list[str]:
    tree = lan.outline()
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [i.text(0) for i in items if i.data(0, NODE_ROLE)[0] == "appendix"]


def column_row(panel, key: str) -> int:
    return next(i for i in range(panel.columns.count()) if panel.columns.item(i).data(KEY_ROLE) == key)


def toggle_column(lan, panel, key: str) -> None:
    """Click the column's line in the list and press Space: its tick goes on or off."""
    lan.click_list_item(panel.columns, column_row(panel, key))
    lan.press(Qt.Key.Key_Space)


def test_sentence_case():
    assert sentence_case("NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ NĂM 2027") == (
        "Nhiệm vụ trọng tâm về cải cách thể chế năm 2027"
    )
    assert sentence_case("Kế hoạch của UBND phường") == "Kế hoạch của UBND phường"
    assert sentence_case("DANH MỤC CỦA UBND") == "Danh mục của UBND"
    assert outline_title("NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ NĂM 2027") == "Cải cách thể chế năm 2027"
    assert outline_title("Chỉ tiêu") == "Chỉ tiêu"


def test_outline_labels_are_sentence_case(lan):
    labels = outline_appendix_labels(lan)
    assert labels and all(label.startswith("Phụ lục ") and " — " in label for label in labels)
    for label in labels:
        title = label.split(" — ", 1)[1]
        assert title != title.upper(), label


def test_title_columns_headers_group_area_undo(window, lan, stored, plan_id):
    editor, panel = open_panel(lan)
    aid = editor.appendix_id
    before = appendix(stored, plan_id, aid)

    lan.click(panel.title)
    lan.select_all()
    lan.type(NEW_TITLE)
    lan.press(Qt.Key.Key_Tab)
    assert appendix(stored, plan_id, aid).title == NEW_TITLE
    assert NEW_TITLE in editor.title.text()
    assert any(label.endswith(NEW_TITLE) for label in outline_appendix_labels(lan))

    toggle_column(lan, panel, "product")  # the table loses that column at once
    assert "product" not in appendix(stored, plan_id, aid).columns
    assert editor.model.column_of("product") is None
    assert lan.undo_text() == "Chọn cột của phụ lục"

    r = column_row(panel, "lead")
    lan.click_list_item(panel.columns, r)
    for _ in range(r):
        lan.click("Lên", within=panel)
    assert appendix(stored, plan_id, aid).columns[0] == "lead"
    assert editor.model.columns[0] == "lead"

    lan.click_list_item(panel.columns, 0, double=True)  # the header's wording, edited in place
    lan.select_all()
    lan.type("Cơ quan chủ trì")
    lan.press(Qt.Key.Key_Return)
    saved = appendix(stored, plan_id, aid)
    assert saved.header_for("lead") == "Cơ quan chủ trì"
    assert lan.undo_text() == "Đổi tiêu đề cột"
    assert editor.model.headerData(1, Qt.Orientation.Horizontal) == "Cơ quan chủ trì"

    lan.click(panel.group_by_area)
    assert appendix(stored, plan_id, aid).group_by_area is (not saved.group_by_area)
    lan.choose(panel.area, panel.area.itemText(panel.area.findData("institutions")))
    assert appendix(stored, plan_id, aid).area == "institutions"
    assert lan.undo_text() == "Đổi lĩnh vực của phụ lục"

    while lan.can_undo():
        lan.undo()
    back = appendix(stored, plan_id, aid)
    assert back == before
    assert panel.title.text() == before.title
    assert [editor.model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 3)] == [
        before.header_for(k) for k in before.columns[:2]
    ]
    lan.redo()
    assert appendix(stored, plan_id, aid).title == NEW_TITLE


def test_no_column_left_is_refused(window, lan, stored, plan_id):
    editor, panel = open_panel(lan)
    for _ in range(panel.columns.count()):
        checked = [panel.columns.item(i) for i in range(panel.columns.count())]
        checked = [it.data(KEY_ROLE) for it in checked if it.checkState() == Qt.CheckState.Checked]
        toggle_column(lan, panel, checked[0])
    assert len(appendix(stored, plan_id, editor.appendix_id).columns) == 1
    # the last untick was refused, in a message, and the list shows what is stored
    ticked = [panel.columns.item(i).checkState() for i in range(panel.columns.count())]
    assert ticked.count(Qt.CheckState.Checked) == 1
    box = lan.dialog()
    assert isinstance(box, QMessageBox) and "cột" in box.text()
    lan.click("Đóng", within=box)


def test_add_move_delete_appendix_with_backup_and_undo(window, lan, stored, plan_id, db_path):
    plan = stored(plan_id)
    n = len(plan.appendices)
    lan.click_outline("Phụ lục II")
    aid = plan.appendices[1].id
    tasks = len(plan.appendices[1].tasks)

    lan.menu("Phụ lục", "Thêm phụ lục nhiệm vụ")
    ids = [a.id for a in stored(plan_id).appendices]
    assert len(ids) == n + 1
    new_id = ids[2]  # right after the one on screen
    assert window.outline.current_node() == ("appendix", new_id)
    lan.undo()
    assert len(stored(plan_id).appendices) == n

    lan.click_outline("Phụ lục II")
    lan.menu("Phụ lục", "Đưa phụ lục xuống")
    assert [a.id for a in stored(plan_id).appendices].index(aid) == 2
    assert window.outline.current_node() == ("appendix", aid)
    assert outline_appendix_labels(lan)[2].startswith("Phụ lục III — Cải cách thủ tục hành chính")
    lan.undo()
    assert [a.id for a in stored(plan_id).appendices].index(aid) == 1

    lan.click_outline("Phụ lục II")
    lan.when_asked("Xóa phụ lục")
    lan.menu("Phụ lục", "Xóa phụ lục…")
    assert aid not in [a.id for a in stored(plan_id).appendices]
    assert aid not in window.editors.task_editors
    assert any(b.reason == "xoa-phu-luc" for b in list_backups(db_path.parent / "backups"))

    lan.undo()
    back = stored(plan_id).appendices[1]
    assert len(back.tasks) == tasks
    assert back.title == plan.appendices[1].title
    lan.click_outline("Phụ lục II")
    editor = window.editors.current_task_editor()
    assert editor.appendix_id == back.id and editor.model.rowCount() == tasks
    lan.redo()
    assert len(stored(plan_id).appendices) == n - 1

    # The backups dialog says why that backup was taken.
    lan.menu("Tệp", "Sao lưu và khôi phục…")
    dialog = lan.dialog("Sao lưu và khôi phục")
    reasons = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert "Trước khi xóa phụ lục" in reasons and "Tự động khi mở phần mềm" in reasons
    lan.click("Đóng", within=dialog)


def test_delete_cancelled_changes_nothing(window, lan, stored, plan_id):
    before = stored(plan_id).appendices
    lan.click_outline("Phụ lục II")
    lan.when_asked("Hủy")
    lan.menu("Phụ lục", "Xóa phụ lục…")
    assert stored(plan_id).appendices == before
    assert not lan.can_undo()
    assert QApplication.activeModalWidget() is None
