"""Preview and print: the exporter's PDF pages, per-page orientation, appendix pages preselected."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter

from ui.printing import PdfPages, build_pdf, paint_pages, print_preview


def test_build_pdf_knows_appendix_pages(window, tmp_path):
    pages = build_pdf(window.session.plan, tmp_path)
    assert len(pages) > 2
    span = pages.appendix_pages()
    assert span is not None
    first, last = span
    assert not pages.landscape(first - 2)  # the plan body is portrait
    assert all(pages.landscape(i - 1) for i in range(first, last + 1))
    image = pages.render([0], 50)[0]
    assert image.width() < image.height() and not image.isNull()


def test_preview_dialog_shows_every_page(window, qtbot):
    window.synchronous_jobs = True
    window.preview()
    d = window.preview_dialog
    assert d is not None and d.isVisible()
    assert len(d.labels) == len(d.pages)
    assert 0 in d.rendered and d.labels[0].pixmap() is not None
    assert "trang" in d.info.text()
    landscape = [lb for i, lb in enumerate(d.labels) if d.pages.landscape(i)]
    assert landscape and landscape[0].width() > landscape[0].height()
    d.scroll.verticalScrollBar().setValue(d.scroll.verticalScrollBar().maximum())
    assert len(d.pages) - 1 in d.rendered
    d.close()


def test_print_appendix_preselects_landscape_pages_and_paints(window, qtbot):
    window.synchronous_jobs = True
    window.print_document(appendix_only=True)
    dialog = window.print_dialog
    qtbot.waitUntil(lambda: bool(dialog.painted), timeout=10000)
    first, last = dialog.printer().fromPage(), dialog.printer().toPage()
    assert dialog.printer().printRange() == QPrinter.PrintRange.PageRange
    assert dialog.painted[-1] == list(range(first - 1, last))  # exactly the appendix pages
    dialog.close()


def test_paint_pages_orientation_per_page(window, tmp_path, qapp):
    pages = build_pdf(window.session.plan, tmp_path)
    first, last = pages.appendix_pages()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "in.pdf"
    printer.setOutputFileName(str(out))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(first - 1, first)  # the last body page and the first appendix page
    drawn = paint_pages(printer, pages, dpi=60)
    assert drawn == [first - 2, first - 1]
    printed = PdfPages.open(out)
    assert [printed.landscape(i) for i in range(len(printed))] == [False, True]


def test_print_all_has_no_range(window, tmp_path, qapp):
    pages = build_pdf(window.session.plan, tmp_path)
    d = print_preview(pages, window, appendix_only=False)
    assert d.printer().printRange() == QPrinter.PrintRange.AllPages
    d2 = print_preview(pages, window, appendix_only=True)
    assert d2.printer().printRange() == QPrinter.PrintRange.PageRange
    assert (d2.printer().fromPage(), d2.printer().toPage()) == pages.appendix_pages()


def test_preview_builds_off_the_gui_thread(window, qtbot):
    window.synchronous_jobs = False
    window.preview_dialog = None
    window.preview()
    qtbot.waitUntil(lambda: window.preview_dialog is not None, timeout=20000)
    assert window.pdf_thread_ok  # the result came back on the GUI thread
    window.preview_dialog.close()


def test_preview_failure_is_reported(window, qtbot, monkeypatch):
    import ui.printing as printing
    from app.errors import InvalidInput

    def boom(plan, folder=None):
        raise InvalidInput("Không dựng được bản xem trước.")

    monkeypatch.setattr(printing, "build_pdf", boom)
    window.synchronous_jobs = True
    window.preview_dialog = None
    window.preview()
    assert window.preview_dialog is None
    assert window.error_box.text() == "Không dựng được bản xem trước."
    window.error_box.close()
