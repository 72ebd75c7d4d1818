"""'Xuất văn bản' (Ctrl+E): the folder chosen and remembered, the formats, files written off the GUI
thread, errors in Vietnamese, and files of the same name never overwritten without asking."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.errors import InvalidInput

CTRL = Qt.KeyboardModifier.ControlModifier


def open_export(lan):
    lan.press(Qt.Key.Key_E, CTRL)
    return lan.dialog("Xuất văn bản")


def set_folder(lan, dialog, folder: Path) -> None:
    lan.click(dialog.panel.folder)
    lan.select_all()
    lan.type(str(folder))


def fake_exporter(monkeypatch, calls: list | None = None):
    """Replace the exporters (the real ones are the journeys'): each requested file gets a line."""
    import exporters.api

    def export(plan, request):
        if calls is not None:
            calls.append((request, threading.current_thread()))
        written = []
        for _fmt, path in request.targets():
            path.write_text(plan.summary, encoding="utf-8")
            written.append(path)
        return written

    monkeypatch.setattr(exporters.api, "export_plan", export)


def test_export_writes_the_ticked_formats_and_remembers_folder_and_formats(window, lan, tmp_path, qtbot, monkeypatch):
    from ui.dialogs import export as export_dialog

    out = tmp_path / "Văn bản gửi đi"
    dialog = open_export(lan)
    base = dialog.panel.name.text()
    assert base == "KH-CCHC-2027-phuong-Phu-Son"
    monkeypatch.setattr(export_dialog.QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    lan.click("Chọn…", within=dialog)
    assert dialog.panel.folder.text() == str(out)
    lan.click(dialog.panel.checks["xlsx"])  # no Excel this time
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=30000)
    assert sorted(p.name for p in out.iterdir()) == [f"{base}.docx", f"{base}.pdf"]
    assert [p.suffix for p in dialog.written] == [".docx", ".pdf"]
    assert dialog.status.text() == f"Đã xuất:\n{base}.docx\n{base}.pdf"
    assert dialog.export_button.isEnabled()
    lan.click("Đóng", within=dialog)

    again = open_export(lan)
    assert again.panel.folder.text() == str(out)
    assert [k for k, box in again.panel.checks.items() if box.isChecked()] == ["docx", "pdf"]
    lan.click("Đóng", within=again)


def test_export_runs_off_the_gui_thread(window, lan, tmp_path, qtbot, monkeypatch):
    calls: list = []
    fake_exporter(monkeypatch, calls)
    dialog = open_export(lan)
    set_folder(lan, dialog, tmp_path)
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)
    assert calls and calls[0][1] is not threading.main_thread()
    assert [p.suffix for p in dialog.written] == [".docx", ".pdf", ".xlsx"]


def test_export_error_is_shown_in_vietnamese(window, lan, tmp_path, qtbot, monkeypatch):
    import exporters.api

    def failing(plan, request):
        raise InvalidInput("Tệp đang được mở trong Word; hãy đóng tệp rồi xuất lại.")

    monkeypatch.setattr(exporters.api, "export_plan", failing)
    dialog = open_export(lan)
    set_folder(lan, dialog, tmp_path)
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(lambda: isinstance(lan.dialog(), QMessageBox), timeout=5000)
    box = lan.dialog()
    assert box.text() == "Tệp đang được mở trong Word; hãy đóng tệp rồi xuất lại."
    lan.click("Đóng", within=box)
    assert not dialog.open_button.isEnabled()
    assert dialog.export_button.isEnabled()  # she can try again


def test_a_folder_that_cannot_be_made_is_told(window, lan, tmp_path, monkeypatch):
    fake_exporter(monkeypatch)
    blocker = tmp_path / "a file"
    blocker.write_text("")
    dialog = open_export(lan)
    set_folder(lan, dialog, blocker / "xuat")
    lan.click("Xuất", within=dialog)
    box = lan.dialog()
    assert isinstance(box, QMessageBox) and box.text().startswith("Không tạo được thư mục")
    lan.click("Đóng", within=box)
    for key in ("docx", "pdf", "xlsx"):
        lan.click(dialog.panel.checks[key])
    lan.click("Xuất", within=dialog)
    box = lan.dialog()
    assert box.text() == "Hãy chọn ít nhất một định dạng (Word, PDF hoặc Excel)."
    lan.click("Đóng", within=box)


def test_files_already_there_are_not_overwritten_without_asking(window, lan, tmp_path, qtbot, monkeypatch):
    fake_exporter(monkeypatch)
    out = tmp_path / "xuat"
    out.mkdir()
    dialog = open_export(lan)
    base = dialog.panel.name.text()
    set_folder(lan, dialog, out)
    (out / f"{base}.pdf").write_text("kế hoạch của năm khác", encoding="utf-8")

    asked: list[str] = []
    lan.when_asked("Hủy", then=lambda box: asked.append(box.text()))
    lan.click("Xuất", within=dialog)
    assert asked and f"{base}.pdf" in asked[0]
    assert sorted(p.name for p in out.iterdir()) == [f"{base}.pdf"]

    lan.when_asked(f"Lưu thành «{base}-2»")
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)
    assert (out / f"{base}.pdf").read_text(encoding="utf-8") == "kế hoạch của năm khác"
    assert {f"{base}-2.docx", f"{base}-2.pdf", f"{base}-2.xlsx"} <= {p.name for p in out.iterdir()}

    lan.when_asked("Ghi đè")
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(lambda: (out / f"{base}.pdf").read_text(encoding="utf-8") != "kế hoạch của năm khác")


def _pdfa_problems(path: Path) -> list[str]:
    """tests/exporters/pdfa_check.py (loaded by path: the tests are not a package)."""
    checker = Path(__file__).resolve().parents[1] / "exporters" / "pdfa_check.py"
    spec = importlib.util.spec_from_file_location("_ui_pdfa_check", checker)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pdfa_problems(path)


def test_pdfa_is_ticked_for_the_pdf_only_and_remembered(window, lan, tmp_path, qtbot, monkeypatch, data_dir):
    from pypdf import PdfReader

    from ui.settings import Settings

    out = tmp_path / "luu-tru"
    dialog = open_export(lan)
    base = dialog.panel.name.text()
    box = dialog.panel.pdfa
    assert box.text() == "PDF/A (lưu trữ lâu dài)" and not box.isChecked() and box.isEnabled()
    lan.click(dialog.panel.checks["pdf"])  # no PDF: nothing to make PDF/A
    assert not box.isEnabled()
    lan.click(dialog.panel.checks["pdf"])
    lan.click(dialog.panel.checks["docx"])
    lan.click(dialog.panel.checks["xlsx"])
    lan.click(box)
    set_folder(lan, dialog, out)
    lan.click("Xuất", within=dialog)
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=30000)
    assert sorted(p.name for p in out.iterdir()) == [f"{base}.pdf"]
    reader = PdfReader(str(out / f"{base}.pdf"))
    assert reader.trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    assert "<pdfaid:part>2</pdfaid:part>" in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert _pdfa_problems(out / f"{base}.pdf") == []
    lan.click("Đóng", within=dialog)
    window.settings.sync()
    assert Settings(data_dir / "settings.ini").get("export/pdfa") is True  # in the settings file, read back

    calls: list = []
    fake_exporter(monkeypatch, calls)
    again = open_export(lan)
    assert again.panel.pdfa.isChecked()  # remembered (settings "export/pdfa")
    lan.when_asked("Ghi đè")
    lan.click("Xuất", within=again)
    qtbot.waitUntil(lambda: len(calls) == 1 and again.export_button.isEnabled(), timeout=5000)
    assert calls[-1][0].pdfa and calls[-1][0].pdf is not None
    lan.click(again.panel.pdfa)  # untick: the next export is a plain PDF, and that is remembered too
    lan.when_asked("Ghi đè")
    lan.click("Xuất", within=again)
    qtbot.waitUntil(lambda: len(calls) == 2 and again.export_button.isEnabled(), timeout=5000)
    assert not calls[-1][0].pdfa
    lan.click("Đóng", within=again)
    last = open_export(lan)
    assert not last.panel.pdfa.isChecked()
    lan.click("Đóng", within=last)
    window.settings.sync()
    assert Settings(data_dir / "settings.ini").get("export/pdfa") is False
