"""Check panel (F7, jump, unify tone with exact undo), export dialog counts, backups, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui.main_window.docks import PLACE_ROLE

from app.paths import backups_dir
from app.text_walk import iter_texts
from app.vietnamese import tone_style_counts
from storage.backup import list_backups
from ui.dialogs import backups as backups_module
from ui.dialogs.backups import BackupsDialog, reason_text
from ui.dialogs.export import ExportDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.settings import Settings


def texts(plan) -> list[str]:
    return [t for _, t in iter_texts(plan)]


def test_f7_lists_findings_and_jumps(window, qtbot):
    a = window.session.plan.appendices[1]
    window.select_node(("appendix", a.id))
    editor = window.task_editors[a.id]
    editor.model.setData(editor.model.index(0, editor.model.column_of("lead")), "")
    window.check_action.trigger()
    dock = window.check_dock
    assert dock.isVisible() and dock.list.count() == len(dock.findings) > 0
    assert "cảnh báo" in dock.summary.text()
    levels = [f.level for f in dock.findings]
    assert levels == sorted(levels, key=["error", "warning", "info"].index)
    r = next(i for i, f in enumerate(dock.findings) if f.code == "task-no-lead")
    item = dock.list.item(r)
    assert item.text().startswith("Cảnh báo: ")
    dock.list.itemDoubleClicked.emit(item)
    task_id = item.data(PLACE_ROLE).ref
    assert window.stack.currentWidget() is editor
    assert editor.current_id() == task_id
    assert editor.view.currentIndex().column() == editor.model.column_of("lead")


def test_unify_tone_is_one_exact_undo_step(window, reopen):
    plan = window.session.plan
    sec = plan.sections[0]
    window.select_node(("section", sec.id))
    ed = window.section_editor
    # both spellings, and two different old texts that become the same new text
    ed.paragraphs.setPlainText("Ủy ban hòa giải\nUỷ ban hoà giải\nỦy ban hòa giải")
    ed.paragraphs.editingFinished.emit()
    before = texts(reopen(window.session.plan_id))
    findings = window.run_checks()
    assert any(f.code == "tone-mixed" for f in findings)
    assert window.check_dock.unify_button.isVisible()
    depth = window.session.stack.count()
    assert window.unify_tone("new")
    after = reopen(window.session.plan_id)
    assert all(tone_style_counts(t)[0] == 0 for t in texts(after))
    assert window.session.stack.count() == depth + 1
    assert not any(f.code == "tone-mixed" for f in window.check_dock.findings)
    assert ed.paragraphs.toPlainText().startswith("Ủy ban hòa giải\nỦy ban hòa giải")
    window.session.stack.undo()
    assert texts(reopen(window.session.plan_id)) == before
    assert ed.paragraphs.toPlainText() == "Ủy ban hòa giải\nUỷ ban hoà giải\nỦy ban hòa giải"
    window.session.stack.redo()
    assert texts(reopen(window.session.plan_id)) == texts(after)


def test_export_dialog_shows_counts_and_links_to_panel(window, qtbot):
    d = ExportDialog(window.session.plan, window.settings, window, show_checks=window.run_checks)
    qtbot.addWidget(d)
    assert d.check_label.text().startswith("Kiểm tra:")
    assert sum(d.counts.values()) > 0
    assert d.export_button.isEnabled()  # never blocked
    if "href" in d.check_label.text():
        d.check_label.linkActivated.emit("checks")
        assert window.check_dock.isVisible()


def test_backups_dialog_backup_now_and_restore(window, qtbot, db_path, reopen, monkeypatch):
    pid = window.session.plan_id
    original = window.session.plan.summary
    d = BackupsDialog(window.store, window.restore_backup, window)
    qtbot.addWidget(d)
    made = d.backup_now()
    assert made is not None and made.parent == backups_dir(db_path)
    assert d.table.rowCount() == len(list_backups(backups_dir(db_path))) >= 1
    assert d.table.item(0, 2).text() == "Sao lưu thủ công"

    form = window.header_form
    form.summary.setText("Bản sửa sau khi sao lưu")
    form.summary.editingFinished.emit()
    assert reopen(pid).summary == "Bản sửa sau khi sao lưu"

    d.table.selectRow(0)
    monkeypatch.setattr(d, "confirm", lambda b: False)
    assert not d.restore_selected()
    assert reopen(pid).summary == "Bản sửa sau khi sao lưu"
    d.table.selectRow(next(r for r, b in enumerate(d.backups) if b.path == made))
    monkeypatch.setattr(d, "confirm", lambda b: True)
    assert d.restore_selected()
    assert reopen(pid).summary == original
    assert window.session.plan.summary == original
    assert form.summary.text() == original
    assert window.session.stack.count() == 0
    assert any(b.reason == "truoc-khoi-phuc" for b in list_backups(backups_dir(db_path)))
    assert "Đã khôi phục" in d.status.text()
    # the window keeps working on the reopened file
    form.summary.setText("Sửa sau khôi phục")
    form.summary.editingFinished.emit()
    assert reopen(pid).summary == "Sửa sau khôi phục"

    opened = []
    monkeypatch.setattr(backups_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    d.open_button.click()
    assert opened and opened[0].toLocalFile() == str(db_path.parent)


def test_reason_text():
    assert reason_text("khoi-dong") == "Tự động khi mở phần mềm"
    assert reason_text("xoa-phu-luc") == "Trước khi xóa phụ lục"


def test_settings_dialog_saves_and_opens_folders(window, qtbot, db_path, monkeypatch, tmp_path):
    d = SettingsDialog(window.settings, db_path, window)
    qtbot.addWidget(d)
    d.fields["agency/agency"].setText("Phường Đông Sơn")
    d.fields["agency/chairman"].setText("Trần Văn Nam")
    monkeypatch.setattr(
        "ui.dialogs.settings_dialog.QFileDialog.getExistingDirectory", lambda *a, **k: str(tmp_path / "xuat")
    )
    d.browse()
    opened = []
    monkeypatch.setattr(backups_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    from PySide6.QtWidgets import QPushButton

    for b in d.findChildren(QPushButton):
        if b.text() == "Mở thư mục":
            b.click()
    assert [u.toLocalFile() for u in opened] == [str(db_path.parent), str(backups_dir(db_path))]
    d.accept()
    s = Settings()
    assert s.get("agency/agency") == "Phường Đông Sơn"
    assert s.get("agency/chairman") == "Trần Văn Nam"
    assert s.get("export/folder") == str(tmp_path / "xuat")


def test_menu_actions_exist_in_vietnamese(window):
    texts_ = [a.text() for m in window.menuBar().actions() for a in m.menu().actions() if a.text()]
    for wanted in ("Xem &trước", "&In…", "In &phụ lục…", "&Sao lưu và khôi phục…", "&Cài đặt…", "&Kiểm tra"):
        assert wanted in texts_
    assert window.check_action.shortcut().toString() == "F7"
    assert Qt  # noqa: B018
