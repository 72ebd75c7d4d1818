"""The export dialog: default names, remembered folder, errors in Vietnamese, no native dialogs."""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput
from ui.dialogs import export as export_dialog
from ui.dialogs.export import ExportDialog, ascii_fold, default_base_name
from ui.settings import Settings


def test_default_name_is_ascii():
    assert ascii_fold("phường Phú Sơn, Đông Hòa") == "phuong Phu Son, Dong Hoa"


def test_export_runs_and_remembers_folder(window, qtbot, tmp_path, monkeypatch):
    plan = window.session.plan
    assert default_base_name(plan) == "KH-CCHC-2027-phuong-Phu-Son" or default_base_name(plan).startswith("KH-CCHC-")
    calls = []

    def fake_export(p, request):
        calls.append(request)
        return [path for _, path in request.targets()]

    monkeypatch.setattr(export_dialog, "export_plan", fake_export)
    monkeypatch.setattr(export_dialog.QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "out"))
    d = ExportDialog(plan, window.settings, window, synchronous=True)
    qtbot.addWidget(d)
    d.browse()
    assert d.folder.text() == str(tmp_path / "out")
    d.checks["xlsx"].setChecked(False)
    d.start()
    assert calls and calls[0].xlsx is None
    assert calls[0].docx == tmp_path / "out" / f"{default_base_name(plan)}.docx"
    assert d.open_button.isEnabled()
    assert [p.suffix for p in d.written] == [".docx", ".pdf"]
    again = ExportDialog(plan, Settings(), window)
    qtbot.addWidget(again)
    assert again.folder.text() == str(tmp_path / "out")
    assert not again.checks["xlsx"].isChecked()


def test_export_error_is_shown_in_vietnamese(window, qtbot, tmp_path, monkeypatch):
    def failing(p, request):
        raise InvalidInput("Tệp đang được mở trong Word; hãy đóng tệp rồi xuất lại.")

    monkeypatch.setattr(export_dialog, "export_plan", failing)
    d = ExportDialog(window.session.plan, window.settings, window, synchronous=True)
    qtbot.addWidget(d)
    d.folder.setText(str(tmp_path))
    d.start()
    assert d.error_box is not None
    assert d.error_box.text() == "Tệp đang được mở trong Word; hãy đóng tệp rồi xuất lại."
    assert not d.open_button.isEnabled()
    d.error_box.close()


def test_export_off_the_gui_thread(window, qtbot, tmp_path, monkeypatch):
    import threading

    threads = []

    def fake_export(p, request):
        threads.append(threading.current_thread())
        return [Path(tmp_path / "a.pdf")]

    monkeypatch.setattr(export_dialog, "export_plan", fake_export)
    d = ExportDialog(window.session.plan, window.settings, window)
    qtbot.addWidget(d)
    d.folder.setText(str(tmp_path))
    d.start()
    qtbot.waitUntil(lambda: d.open_button.isEnabled(), timeout=5000)
    assert threads and threads[0] is not threading.main_thread()
