"""'Xem trước và in' (Ctrl+P): the exporter's PDF built off the GUI thread, every page shown in its
orientation and drawn as it scrolls into view, a wrong page range told, a failed build told.

Printing the appendix pages, a page range and the whole plan to a file, each page in its
orientation, is the journeys' (tests/journeys/test_journey3_check_export_print.py)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.errors import InvalidInput


def test_preview_shows_every_page_built_off_the_gui_thread(window, lan, qtbot, monkeypatch):
    import ui.printing as printing

    threads = []
    build = printing.build_pdf

    def recorded(plan, folder=None):
        threads.append(threading.current_thread())
        return build(plan, folder)

    monkeypatch.setattr(printing, "build_pdf", recorded)
    lan.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = lan.dialog("In kế hoạch")
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=30000)
    assert threads and threads[0] is not threading.main_thread()

    pages = dialog.pages
    assert dialog.page_count() == len(pages) > 2
    first, last = pages.appendix_pages()
    assert last == len(pages)
    assert not pages.landscape(first - 2)  # the plan's body is portrait, the appendices landscape
    assert all(pages.landscape(i - 1) for i in range(first, last + 1))
    assert dialog.shown_orientations() == ["ngang" if pages.landscape(i) else "dọc" for i in range(len(pages))]
    assert dialog.info.text().startswith(f"{len(pages)} trang")
    assert dialog.pages_box.text() == ""  # every page
    cover = dialog.labels[0].pixmap()
    assert 0 in dialog.rendered and not cover.isNull() and cover.width() < cover.height()
    assert len(pages) - 1 not in dialog.rendered  # pages are drawn when they come into view

    bar = dialog.pages_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the pages laid out in their column
    lan.press(Qt.Key.Key_End, widget=bar)
    assert len(pages) - 1 in dialog.rendered
    end = dialog.labels[-1].pixmap()
    assert not end.isNull() and end.width() > end.height()

    lan.click(dialog.pages_box)
    lan.type("3-abc")
    lan.click("In", within=dialog)
    box = lan.dialog()
    assert isinstance(box, QMessageBox) and box.text().startswith("Không hiểu «3-abc»")
    lan.click("Đóng", within=box)
    lan.click("Đóng", within=dialog)


def test_a_failed_build_is_told_and_nothing_can_be_printed(window, lan, qtbot, monkeypatch):
    import ui.printing as printing

    def boom(plan, folder=None):
        raise InvalidInput("Không dựng được bản xem trước.")

    monkeypatch.setattr(printing, "build_pdf", boom)
    lan.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = lan.dialog("In kế hoạch")
    qtbot.waitUntil(lambda: isinstance(lan.dialog(), QMessageBox), timeout=10000)
    box = lan.dialog()
    assert box.text() == "Không dựng được bản xem trước."
    lan.click("Đóng", within=box)
    assert not dialog.print_button.isEnabled() and dialog.page_count() == 0
    lan.click("Đóng", within=dialog)


def test_a_printer_that_cannot_turn_pages_gets_landscape_pages_turned_onto_the_sheet(qapp, tmp_path, monkeypatch):
    """A Windows printer refuses a new orientation in the middle of a job: the landscape pages are
    then drawn turned a quarter, full size, on the sheet it has — never squeezed, never a warning."""
    from pypdf import PdfReader

    from app.ops.plans import SAMPLE_AGENCY
    from app.templates import instantiate
    from ui import printing

    pages = printing.build_pdf(instantiate("ward-annual", 2027, SAMPLE_AGENCY), tmp_path)
    first, _last = pages.appendix_pages()
    monkeypatch.setattr(printing, "_turns_pages", lambda printer: False)
    out = tmp_path / "may-in.pdf"
    printer = printing.make_printer("", out, 1)
    wanted = [first - 2, first - 1, first]  # a portrait page, then landscape ones
    assert printing.paint_pages(printer, pages, wanted, dpi=40) == wanted
    sheets = PdfReader(out).pages
    assert len(sheets) == 3
    assert all(p.mediabox.width < p.mediabox.height for p in sheets)  # one orientation: the first page's
