"""Start-up safety: one window per database, stale locks taken over, damaged files set aside."""

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.paths import backups_dir
from storage.backup import list_backups
from ui import app as ui_app

ROOT = Path(__file__).resolve().parents[2]


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


def test_damaged_database_is_set_aside_with_a_message(qapp, tmp_path, monkeypatch):
    db = tmp_path / "k.db"
    db.write_bytes(b"not a database at all" * 300)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    store = ui_app.open_data(db)
    assert shown and "giữ nguyên tệp cũ" in shown[0]
    assert any(p.name.startswith("k.hong-") for p in tmp_path.iterdir())
    store.close()


def test_daily_backup_made_at_start(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(ui_app.QApplication, "exec", lambda self: 0)
    db = tmp_path / "k.db"
    assert ui_app.run_window(db, smoke=False) == 0
    assert len(list_backups(backups_dir(db))) == 1


def test_smoke_never_waits_on_a_dialog_when_the_data_is_in_use(qapp, tmp_path, capsys):
    db = tmp_path / "k.db"
    held = ui_app.acquire_single_instance(db)
    try:
        assert ui_app.run_window(db, smoke=True) == 1
    finally:
        held.unlock()
    assert "đang mở trong một cửa sổ khác" in capsys.readouterr().err
