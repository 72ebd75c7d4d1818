"""The check panel (F7, a click goes to the place, the tone-mark spelling unified as one exact undo
step), the export dialog's check line, backups and restore, settings, the menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton

from app.text_walk import iter_texts
from app.vietnamese import tone_style_counts
from storage.backup import list_backups
from ui.settings import Settings

from person import plain

MIXED = "Ủy ban hòa giải\nUỷ ban hoà giải\nỦy ban hòa giải"


def texts(plan) -> list[str]:
    return [t for _, t in iter_texts(plan)]


def clear_first_lead(lan):
    """Empty the "Đơn vị chủ trì" of the first task of Phụ lục II: a warning for the check."""
    lan.click_outline("Phụ lục II")
    editor = lan.window.editors.current_task_editor()
    lan.click_cell(editor.view, 0, editor.model.column_of("lead"), double=True)
    lan.select_all()
    lan.press(Qt.Key.Key_Backspace)
    lan.press(Qt.Key.Key_Return)
    return editor


def test_f7_lists_findings_and_a_click_goes_to_the_cell(window, lan, stored, plan_id):
    editor = clear_first_lead(lan)
    task_id = editor.model.item(0).id
    lead = editor.model.column_of("lead")
    assert stored(plan_id).appendices[1].tasks[0].lead == ""

    lan.press(Qt.Key.Key_F7)
    dock = window.check_dock
    assert dock.isVisible() and dock.list.count() == len(dock.findings) > 0
    assert "cảnh báo" in dock.summary.text()
    levels = [f.level for f in dock.findings]
    assert levels == sorted(levels, key=["error", "warning", "info"].index)
    r = next(
        i
        for i, f in enumerate(dock.findings)
        if f.code == "task-no-lead" and f.place is not None and f.place.ref == task_id
    )
    assert dock.list.item(r).text().startswith("Cảnh báo: ")

    lan.click_outline("Thông tin chung")  # elsewhere: the click brings the table back
    lan.click_list_item(dock.list, r)
    assert window.editors.currentWidget() is editor
    assert editor.current_id() == task_id
    assert editor.view.currentIndex().column() == lead


def test_unify_tone_is_one_exact_undo_step(window, lan, stored, plan_id):
    lan.click_outline("I. MỤC ĐÍCH, YÊU CẦU")
    paragraphs = window.editors.section_editor.paragraphs
    lan.click(paragraphs)
    lan.select_all()
    lan.type(MIXED)
    lan.press(Qt.Key.Key_Tab)
    before = texts(stored(plan_id))
    assert MIXED.split("\n")[1] in before

    lan.press(Qt.Key.Key_F7)
    assert any(f.code == "tone-mixed" for f in window.check_dock.findings)
    steps = window.runner.group.activeStack().count()
    lan.click("Thống nhất kiểu «hòa, ủy»")
    after = texts(stored(plan_id))
    assert all(tone_style_counts(t)[0] == 0 for t in after)
    assert window.runner.group.activeStack().count() == steps + 1
    assert not any(f.code == "tone-mixed" for f in window.check_dock.findings)
    assert paragraphs.toPlainText() == "Ủy ban hòa giải\nỦy ban hòa giải\nỦy ban hòa giải"

    lan.undo()
    assert texts(stored(plan_id)) == before
    assert paragraphs.toPlainText() == MIXED
    lan.redo()
    assert texts(stored(plan_id)) == after


def test_export_dialog_tells_the_check_and_links_to_the_panel(window, lan):
    clear_first_lead(lan)
    lan.press(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = lan.dialog("Xuất văn bản")
    assert dialog.check_label.text().startswith("Kiểm tra:")
    assert dialog.counts["warning"] + dialog.counts["error"] > 0
    assert "href" in dialog.check_label.text()
    assert dialog.export_button.isEnabled()  # never blocked
    lan.click_link(dialog.check_label)
    assert not dialog.isVisible()
    assert window.check_dock.isVisible() and window.check_dock.list.count() > 0


def test_backup_now_and_restore_a_listed_backup(window, lan, stored, plan_id, db_path, monkeypatch):
    from ui.dialogs import backups as backups_dialog

    original = stored(plan_id).summary
    backups = db_path.parent / "backups"
    lan.menu("Tệp", "Sao lưu và khôi phục…")
    dialog = lan.dialog("Sao lưu và khôi phục")
    lan.click("Sao lưu ngay", within=dialog)
    listed = list_backups(backups)
    made = next(b for b in listed if b.reason == "thu-cong")
    assert dialog.status.text() == f"Đã sao lưu: {made.path.name}"
    assert dialog.table.rowCount() == len(listed) >= 2
    assert dialog.table.item(0, 2).text() == "Sao lưu thủ công"
    lan.click("Đóng", within=dialog)

    lan.click_outline("Thông tin chung")
    summary = window.editors.header_form.summary
    lan.click(summary)
    lan.select_all()
    lan.type("Bản sửa sau khi sao lưu")
    lan.press(Qt.Key.Key_Tab)
    assert stored(plan_id).summary == "Bản sửa sau khi sao lưu"

    lan.menu("Tệp", "Sao lưu và khôi phục…")
    dialog = lan.dialog("Sao lưu và khôi phục")
    row = next(r for r, b in enumerate(dialog.backups) if b.path == made.path)
    lan.click_cell(dialog.table, row, 0)
    lan.when_asked("Hủy")
    lan.click("Khôi phục…", within=dialog)
    assert stored(plan_id).summary == "Bản sửa sau khi sao lưu"

    lan.click_cell(dialog.table, row, 0)
    lan.when_asked("Khôi phục")
    lan.click("Khôi phục…", within=dialog)
    assert stored(plan_id).summary == original
    assert "Đã khôi phục" in dialog.status.text()
    assert any(b.reason == "truoc-khoi-phuc" for b in list_backups(backups))
    opened = []
    monkeypatch.setattr(backups_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    lan.click("Mở thư mục dữ liệu", within=dialog)
    assert [u.toLocalFile() for u in opened] == [str(db_path.parent)]
    lan.click("Đóng", within=dialog)

    assert summary.text() == original
    assert not lan.can_undo()  # the file was replaced: nothing before it can be undone
    # the window keeps working on the file it reopened
    lan.click(summary)
    lan.select_all()
    lan.type("Sửa sau khôi phục")
    lan.press(Qt.Key.Key_Tab)
    assert stored(plan_id).summary == "Sửa sau khôi phục"
    assert lan.undo_text() == "Sửa trích yếu"


def test_settings_dialog_saves_and_opens_folders(window, lan, data_dir, tmp_path, monkeypatch):
    from ui.dialogs import backups as backups_dialog
    from ui.dialogs import settings_dialog

    lan.menu("Tệp", "Cài đặt…")
    dialog = lan.dialog("Cài đặt")
    for key, text in (("agency/agency", "Phường Đông Sơn"), ("agency/chairman", "Trần Văn Nam")):
        lan.click(dialog.fields[key])
        lan.select_all()
        lan.type(text)
    monkeypatch.setattr(settings_dialog.QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "xuat"))
    lan.click("Chọn…", within=dialog)
    assert dialog.fields["export/folder"].text() == str(tmp_path / "xuat")
    opened = []
    monkeypatch.setattr(backups_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    for b in dialog.findChildren(QPushButton):
        if b.text() == "Mở thư mục":
            lan.click(b)
    assert [u.toLocalFile() for u in opened] == [str(data_dir), str(data_dir / "backups")]
    lan.click("Lưu", within=dialog)

    s = Settings(data_dir / "settings.ini")
    assert s.get("agency/agency") == "Phường Đông Sơn"
    assert s.get("agency/chairman") == "Trần Văn Nam"
    assert s.get("export/folder") == str(tmp_path / "xuat")
    lan.click("Kế hoạch mới")  # a new plan is offered for that ward
    new = lan.dialog("Kế hoạch mới")
    assert new.fields["agency"].text() == "Phường Đông Sơn"
    assert new.fields["chairman"].text() == "Trần Văn Nam"
    lan.click("Hủy", within=new)


def test_menu_entries_in_vietnamese(window):
    entries = {
        (plain(m.text()), plain(a.text())): a
        for m in window.menuBar().actions()
        for a in m.menu().actions()
        if a.text()
    }
    for wanted in (
        ("Tệp", "Xem trước và in…"),
        ("Tệp", "In phụ lục…"),
        ("Tệp", "Sao lưu và khôi phục…"),
        ("Tệp", "Cài đặt…"),
        ("Sửa", "Tìm…"),
        ("Sửa", "Kiểm tra"),
        ("Theo dõi", "Lập báo cáo…"),
    ):
        assert wanted in entries, sorted(entries)
    assert entries[("Sửa", "Kiểm tra")].shortcut().toString() == "F7"
    assert entries[("Tệp", "Xem trước và in…")].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
