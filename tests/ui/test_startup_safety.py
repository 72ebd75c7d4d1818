"""Start-up safety: one window per database, stale locks taken over, a damaged file set aside (and
the newest good backup offered), a daily backup, smoke mode never waiting on a dialog."""

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from app.ops import plans
from app.templates import Agency
from app.workspace import open_workspace
from storage.backup import list_backups
from ui import app as ui_app

from given import new_plan as create_from_template
from person import plain

ROOT = Path(__file__).resolve().parents[2]


def answer(button: str, seen: list[str]) -> None:
    """Click a button of the next message box (shown with exec() before any window exists)."""

    def go() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, go)
            return
        seen.append(box.text())
        found = [b for b in box.findChildren(QAbstractButton) if plain(b.text()) == button]
        assert found, [b.text() for b in box.findChildren(QAbstractButton)]
        QTest.mouseClick(found[0], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, go)


def test_second_instance_is_refused_and_stale_lock_is_taken(qapp, tmp_path):
    db = tmp_path / "k.db"
    first = ui_app.acquire_single_instance(db)
    assert first is not None
    assert ui_app.acquire_single_instance(db) is None
    first.unlock()


def test_lock_left_by_a_killed_process_is_taken_over(qapp, tmp_path):
    """A power cut or a crash leaves the lock file behind; the next start must not be blocked."""
    db = tmp_path / "k.db"
    code = (
        "import sys, time\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "from ui.app import acquire_single_instance\n"
        f"lock = acquire_single_instance(__import__('pathlib').Path({str(db)!r}))\n"
        "print('locked' if lock else 'no', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert proc.stdout.readline().strip() == "locked"
        assert ui_app.acquire_single_instance(db) is None  # the other process holds it
    finally:
        proc.kill()  # SIGKILL: no clean-up, like a power cut
        proc.wait()
    assert (tmp_path / "k.db.lock").exists()
    again = ui_app.acquire_single_instance(db)
    assert again is not None
    again.unlock()


def test_damaged_database_is_set_aside_with_a_message(qapp, tmp_path):
    db = tmp_path / "k.db"
    db.write_bytes(b"not a database at all" * 300)
    shown: list[str] = []
    answer("Bắt đầu với dữ liệu trống", shown)
    ws = ui_app.open_data(db)
    try:
        assert shown and "giữ nguyên tệp cũ" in shown[0]
        assert any(p.name.startswith("k.hong-") for p in tmp_path.iterdir())
        assert plans.summaries(ws) == []
    finally:
        ws.close()


def test_damaged_database_the_newest_good_backup_is_restored_in_one_click(qapp, tmp_path):
    db = tmp_path / "k.db"
    ws = open_workspace(db)
    plan_id = create_from_template(ws, "ward-annual", 2027, Agency("Phường Phú Sơn"))
    assert ws.db.auto_backup("khoi-dong") is not None
    ws.close()
    db.write_bytes(b"not a database at all" * 300)
    shown: list[str] = []
    answer("Khôi phục bản sao lưu", shown)
    ws = ui_app.open_data(db)
    try:
        assert shown and "Có thể khôi phục bản sao lưu" in shown[0]
        assert [p.id for p in plans.summaries(ws)] == [plan_id]
    finally:
        ws.close()


def close_windows_and_quit(app) -> int:
    """The event loop of run_window, as if she closed the window at once."""
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()
            w.deleteLater()
    return 0


def test_daily_backup_made_at_start(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(ui_app.QApplication, "exec", close_windows_and_quit)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_window installs the app's own
    db = tmp_path / "k.db"
    assert ui_app.run_window(db, smoke=False) == 0
    assert [b.reason for b in list_backups(tmp_path / "backups")] == ["khoi-dong"]


def test_smoke_never_waits_on_a_dialog_when_the_data_is_in_use(qapp, tmp_path, capsys):
    db = tmp_path / "k.db"
    held = ui_app.acquire_single_instance(db)
    try:
        assert ui_app.run_window(db, smoke=True) == 1
    finally:
        held.unlock()
    assert "đang mở trong một cửa sổ khác" in capsys.readouterr().err
