"""Starting the window on a database in trouble, driven through the dialogs' buttons.

A file locked by another program is waited for ("Đang chờ tệp dữ liệu được giải phóng…", with
"Thử lại" and "Thoát"), never set aside; an empty (0-byte) file offers the backups; the message
names the backup the button restores; a failed daily backup is a warning in the status bar; a
read-only data folder is said to be one, not "already open in another window".
"""

import os
import sys
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QToolTip

from app.model import Plan
from app.ops import plans
from app.workspace import open_workspace
from storage import backup as storage_backup
from ui import app as ui_app

from person import plain

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="a read-only folder does not stop writing on Windows")


class Dialogs:
    """Answers the message boxes of the start, one step at a time: each step waits for a new box,
    records its text, runs `before` (e.g. the other program lets go of the file), clicks."""

    def __init__(self, steps):
        self.steps = list(steps)
        self.seen: list[str] = []
        self.missing: list[str] = []
        self.last = None
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if not self.steps:
            return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box is self.last or not box.isVisible():
            QTimer.singleShot(20, self._next)
            return
        self.last = box
        button, before = self.steps.pop(0)
        self.seen.append(" ".join(filter(None, (box.text(), box.informativeText()))))
        if before is not None:
            before()
        if button is None:  # only look: the box must close by itself
            QTimer.singleShot(20, self._next)
            return
        found = [b for b in box.findChildren(QAbstractButton) if plain(b.text()) == button]
        if not found:  # not the box expected: closed, so that the test fails instead of hanging
            self.missing.append(button)
            box.done(0)
        else:
            QTest.mouseClick(found[0], Qt.MouseButton.LeftButton)
        QTimer.singleShot(20, self._next)


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data file with one plan; the start waits 0.2 s for a lock before asking, and asks again
    only when a button is clicked (no automatic retry unless a test sets one)."""
    monkeypatch.setattr(ui_app, "START_WAIT", 0.2)
    monkeypatch.setattr(ui_app, "RETRY_MS", 600_000)
    db = tmp_path / "kehoach.db"
    ws = open_workspace(db)
    ws.db.insert_plan(Plan(2027, summary="Kế hoạch của chị Lan"))
    ws.close()
    return db


def summaries(db):
    ws = open_workspace(db)
    try:
        return [p.summary for p in plans.summaries(ws)]
    finally:
        ws.close()


def set_aside_files(folder):
    return [p.name for p in folder.iterdir() if ".hong-" in p.name]


def test_a_locked_file_is_waited_for_and_opens_when_released(qapp, data, hold_lock):
    holder = hold_lock(data)
    dialogs = Dialogs([("Thử lại", None), ("Thử lại", holder.release)])
    ws = ui_app.open_data(data)
    try:
        assert len(dialogs.seen) == 2 and not dialogs.steps and not dialogs.missing
        assert all(ui_app.WAITING in text and "chương trình khác" in text for text in dialogs.seen)
        assert ws is not None and ws.recovery is None
        assert [p.summary for p in plans.summaries(ws)] == ["Kế hoạch của chị Lan"]
    finally:
        ws.close()
    assert set_aside_files(data.parent) == []


def test_the_dialog_closes_by_itself_when_the_other_program_lets_go(qapp, data, hold_lock, monkeypatch):
    monkeypatch.setattr(ui_app, "RETRY_MS", 100)
    holder = hold_lock(data)
    dialogs = Dialogs([(None, holder.release)])
    ws = ui_app.open_data(data)
    assert ws is not None and dialogs.seen and ui_app.WAITING in dialogs.seen[0]
    ws.close()
    assert set_aside_files(data.parent) == []


def never_run_the_event_loop(app) -> int:
    """Were the window to open, close it at once instead of waiting on the event loop."""
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()
    return 0


def test_thoat_leaves_the_locked_file_alone(qapp, data, hold_lock, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_window installs the app's own
    monkeypatch.setattr(ui_app.QApplication, "exec", never_run_the_event_loop)
    holder = hold_lock(data)
    dialogs = Dialogs([("Thoát", None)])
    assert ui_app.run_window(data, smoke=False) == 1
    assert dialogs.seen and ui_app.WAITING in dialogs.seen[0]
    holder.release()
    assert set_aside_files(data.parent) == []
    assert summaries(data) == ["Kế hoạch của chị Lan"]
    again = ui_app.acquire_single_instance(data)  # the single-instance lock was let go
    assert again is not None
    again.unlock()


def test_smoke_mode_says_the_file_is_locked_and_never_waits(qapp, data, hold_lock, monkeypatch, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    hold_lock(data)
    assert ui_app.run_window(data, smoke=True) == 1
    assert "chương trình khác" in capsys.readouterr().err
    assert set_aside_files(data.parent) == []


def test_a_0_byte_file_offers_the_backup_instead_of_the_sample_plan(qapp, data):
    ws = open_workspace(data)
    ws.db.auto_backup("khoi-dong")
    ws.close()
    data.write_bytes(b"")
    dialogs = Dialogs([("Khôi phục bản sao lưu", None)])
    ws = ui_app.open_data(data)
    try:
        assert "trống (0 byte)" in dialogs.seen[0]
        assert [p.summary for p in plans.summaries(ws)] == ["Kế hoạch của chị Lan"]
    finally:
        ws.close()


def test_the_message_names_the_backup_the_button_restores(qapp, data):
    ws = open_workspace(data)
    store = ws._store
    storage_backup.auto_backup(store, "khoi-dong", datetime(2026, 11, 20, 8, 15))
    ws.db.insert_plan(Plan(2028, summary="Kế hoạch sau"))
    newest = storage_backup.auto_backup(store, "khoi-dong", datetime(2026, 11, 24, 9, 30))
    ws.close()
    newest.write_bytes(b"\0" * 8192)  # the newest backup is itself damaged
    data.write_bytes(b"not a database" * 100)
    dialogs = Dialogs([("Khôi phục bản sao lưu", None)])
    ws = ui_app.open_data(data)
    try:
        assert "20/11/2026 08:15" in dialogs.seen[0] and "24/11/2026" not in dialogs.seen[0]
        assert [p.summary for p in plans.summaries(ws)] == ["Kế hoạch của chị Lan"]  # that backup's data
    finally:
        ws.close()


def window_whose_daily_backup_failed(data, qtbot):
    (data.parent / "backups").write_text("a file where the backups folder should be", encoding="utf-8")
    window = ui_app.open_window(data)
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_a_failed_daily_backup_is_a_warning_in_the_status_bar(qapp, data, qtbot):
    window = window_whose_daily_backup_failed(data, qtbot)
    assert window.start_warning.startswith("Chưa sao lưu tự động được hôm nay.")
    assert window.statusBar().currentMessage() == window.start_warning
    assert window.plan_id in [p.id for p in plans.summaries(window.runner.ws)]
    # The folder is named once, with the reason; the backup's own file name adds nothing.
    backups = str(data.parent / "backups")
    assert window.start_warning.count(backups) == 1 and "đã có tệp trùng tên" in window.start_warning
    assert "kehoach-" not in window.start_warning


def test_a_status_message_wider_than_the_window_is_whole_on_hover(qapp, data, qtbot):
    window = window_whose_daily_backup_failed(data, qtbot)
    window.resize(640, 480)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    assert bar.fontMetrics().horizontalAdvance(window.start_warning) > bar.width()  # cut at the edge
    QTest.mouseMove(bar, bar.rect().center())
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == window.start_warning
    QToolTip.hideText()


@POSIX_ONLY
def test_a_read_only_backups_folder_is_said_so_and_the_window_opens(qapp, open_dir, unprivileged, qtbot):
    from ui.main_window import MainWindow  # noqa: F401  (imported before the ids change)

    db = open_dir / "kehoach.db"
    ws = open_workspace(db)
    ws.db.insert_plan(Plan(2027, summary="Kế hoạch của chị Lan"))
    ws.close()
    os.chmod(db, 0o666)
    (open_dir / "backups").mkdir(mode=0o555)
    with unprivileged():
        window = ui_app.open_window(db)
    qtbot.addWidget(window)
    assert "Chưa sao lưu tự động được hôm nay" in window.start_warning
    assert "chỉ cho phép đọc" in window.start_warning


@POSIX_ONLY
def test_a_read_only_data_folder_is_not_another_window(qapp, open_dir, unprivileged, monkeypatch, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    folder = open_dir / "data"
    folder.mkdir()
    db = folder / "kehoach.db"
    ws = open_workspace(db)
    ws.close()
    os.chmod(folder, 0o555)
    with unprivileged():
        code = ui_app.run_window(db, smoke=True)
    err = capsys.readouterr().err
    assert code == 1
    assert "chỉ cho phép đọc" in err and "cửa sổ khác" not in err


def test_an_edit_while_another_program_holds_the_file_is_a_message_not_a_crash(window, db_path, hold_lock, qtbot):
    """While working: an antivirus or a sync tool takes the file for longer than the wait."""
    runner = window.runner
    runner.ws._store.set_wait(0.2)
    before = summaries(db_path)
    holder = hold_lock(db_path)
    assert runner.run(plans.set_header, window.plan_id, summary="Sửa trong lúc bị khóa") is None
    assert "chương trình khác" in runner.last_error
    qtbot.waitUntil(lambda: window.error_box.isVisible())
    assert window.isVisible()
    holder.release()
    window.error_box.close()
    assert summaries(db_path) == before
    assert runner.run(plans.set_header, window.plan_id, summary="Sửa sau khi được giải phóng") is not None
    assert "Sửa sau khi được giải phóng" in summaries(db_path)


def test_a_read_only_file_opens_with_a_warning_and_edits_say_why(qapp, open_dir, unprivileged, qtbot):
    from ui.main_window import MainWindow  # noqa: F401  (imported before the ids change)

    db = open_dir / "kehoach.db"
    ws = open_workspace(db)
    ws.db.insert_plan(Plan(2027, summary="Kế hoạch của chị Lan"))
    from app.ops.directory import ensure_defaults

    ensure_defaults(ws)
    ws.close()
    os.chmod(db, 0o444)
    with unprivileged():
        window = ui_app.open_window(db)
        qtbot.addWidget(window)
        assert "chỉ cho phép đọc" in window.start_warning
        assert window.runner.run(plans.set_header, window.plan_id, summary="Không lưu được") is None
    assert "chỉ cho phép đọc" in window.runner.last_error
    window.runner.ws.close()
    assert summaries(db) == ["Kế hoạch của chị Lan"]
