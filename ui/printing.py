"""Preview and print exactly what is exported: the exporter's PDF, rasterised with pypdfium2.

The PDF is built off the GUI thread (build_document + write_pdf into a temp file); pages are then
drawn onto the screen or onto a QPrinter, each page with its own orientation (appendices landscape).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.model import Plan
from ui.session import log_bug

PRINT_DPI = 200
SCREEN_DPI = 96


@dataclass
class PdfPages:
    """A PDF on disk: its page sizes (points) and page rasters on demand."""

    path: Path
    sizes: list[tuple[float, float]] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> PdfPages:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            sizes = [tuple(doc[i].get_size()) for i in range(len(doc))]
        finally:
            doc.close()
        return cls(Path(path), sizes)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.sizes)

    def landscape(self, i: int) -> bool:
        w, h = self.sizes[i]
        return w > h

    def appendix_pages(self) -> tuple[int, int] | None:
        """1-based (first, last) of the landscape pages at the end: the appendices."""
        pages = [i + 1 for i in range(len(self)) if self.landscape(i)]
        return (pages[0], pages[-1]) if pages else None

    def render(self, indices: list[int], dpi: float) -> dict[int, QImage]:
        import pypdfium2 as pdfium

        out: dict[int, QImage] = {}
        doc = pdfium.PdfDocument(str(self.path))
        try:
            for i in indices:
                bitmap = doc[i].render(scale=dpi / 72, may_draw_forms=False, rev_byteorder=True)
                data = bytes(bitmap.buffer)
                image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
                out[i] = image.copy()  # own the pixels: `data` goes away with this frame
        finally:
            doc.close()
        return out


def build_pdf(plan: Plan, folder: Path | None = None) -> PdfPages:
    """The exporter's own PDF of the plan in a temp file (heavy imports only here)."""
    from exporters.build import build_document
    from exporters.pdf_writer import write_pdf

    folder = folder or Path(tempfile.mkdtemp(prefix="kehoach-xem-"))
    path = folder / "xem-truoc.pdf"
    write_pdf(build_document(plan), path)
    return PdfPages.open(path)


class _Signals(QObject):
    done = Signal(object)  # PdfPages
    failed = Signal(str)


class PdfJob(QRunnable):
    """Builds the preview PDF off the GUI thread; never touches a widget."""

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            pages = build_pdf(self.plan)
        except UserError as e:
            self.signals.failed.emit(e.message)
        except Exception as e:  # a bug: logged, shown as an apology
            self.signals.failed.emit(log_bug(e))
        else:
            self.signals.done.emit(pages)


def start_pdf_job(plan: Plan, on_done, on_failed, synchronous: bool = False) -> PdfJob:
    job = PdfJob(plan)
    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_failed)
    if synchronous:
        job.run()
    else:
        QThreadPool.globalInstance().start(job)
    return job


# ---------------------------------------------------------------- printing


def page_layout(pages: PdfPages, i: int) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if pages.landscape(i) else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0))


def selected_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based pages the printer's range asks for (all when no range is set)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return list(range(first - 1, last))
    return list(range(count))


def paint_pages(printer: QPrinter, pages: PdfPages, dpi: float = PRINT_DPI) -> list[int]:
    """Draw the chosen pages on the printer, each in its own orientation; returns the pages drawn."""
    wanted = selected_pages(printer, len(pages))
    if not wanted:
        return []
    printer.setFullPage(True)
    painter = QPainter()
    for n, i in enumerate(wanted):
        printer.setPageLayout(page_layout(pages, i))  # before begin() for page 1, before newPage() after
        if n == 0:
            if not painter.begin(printer):
                return []
        else:
            printer.newPage()
        image = pages.render([i], dpi)[i]
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        painter.drawImage(target, image)
    painter.end()
    return wanted


def print_preview(
    pages: PdfPages, parent: QWidget | None, appendix_only: bool = False, title: str = "In"
) -> QPrintPreviewDialog:
    """A print preview of the PDF pages (appendix pages preselected when asked); shown with open()."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFromTo(1, len(pages))
    span = pages.appendix_pages() if appendix_only else None
    if span is not None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(*span)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.keep_printer = printer  # type: ignore[attr-defined]  # the dialog does not own it
    dialog.setWindowTitle(title)
    dialog.painted: list[list[int]] = []  # type: ignore[attr-defined]
    dialog.paintRequested.connect(lambda p: dialog.painted.append(paint_pages(p, pages)))  # type: ignore[attr-defined]
    dialog.resize(parent.width() if parent else 1000, parent.height() if parent else 800)
    return dialog


# ---------------------------------------------------------------- on-screen preview


class PreviewDialog(QDialog):
    """'Xem trước': every page of the exported PDF in a scrollable column, rendered as it scrolls."""

    print_requested = Signal(bool)  # appendix only

    def __init__(self, pages: PdfPages, parent: QWidget | None = None, zoom: float = 0.8):
        super().__init__(parent)
        self.setWindowTitle("Xem trước văn bản")
        self.pages = pages
        self.dpi = SCREEN_DPI * zoom * (self.devicePixelRatioF() or 1.0)
        self.labels: list[QLabel] = []
        self.rendered: set[int] = set()

        column = QWidget()
        column.setObjectName("page_column")
        column.setStyleSheet("#page_column { background: #8a8a8a; }")
        v = QVBoxLayout(column)
        v.setSpacing(12)
        v.setContentsMargins(16, 16, 16, 16)
        for i, (w, h) in enumerate(pages.sizes):
            label = QLabel()
            label.setFixedSize(round(w / 72 * SCREEN_DPI * zoom), round(h / 72 * SCREEN_DPI * zoom))
            label.setStyleSheet("background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setToolTip(f"Trang {i + 1}/{len(pages)}")
            v.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.scroll = QScrollArea()
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.verticalScrollBar().valueChanged.connect(self.render_visible)

        self.info = QLabel(self._info_text())
        print_all = QPushButton("In…")
        print_all.clicked.connect(lambda: self.print_requested.emit(False))
        self.print_appendix = QPushButton("In phụ lục…")
        self.print_appendix.setEnabled(pages.appendix_pages() is not None)
        self.print_appendix.clicked.connect(lambda: self.print_requested.emit(True))
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(self.info, 1)
        for b in (print_all, self.print_appendix, close):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bar)
        fm = self.fontMetrics()
        widest = max((w for w, _ in pages.sizes), default=842)
        self.resize(round(widest / 72 * SCREEN_DPI * zoom) + 80, fm.lineSpacing() * 46)

    def _info_text(self) -> str:
        n = len(self.pages)
        span = self.pages.appendix_pages()
        extra = f"; phụ lục từ trang {span[0]} đến trang {span[1]}" if span else ""
        return f"{n} trang, đúng như tệp PDF khi xuất{extra}."

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.render_visible()

    def visible_pages(self) -> list[int]:
        top = self.scroll.verticalScrollBar().value()
        bottom = top + max(self.scroll.viewport().height(), 1)
        out = [i for i, lb in enumerate(self.labels) if lb.y() + lb.height() >= top and lb.y() <= bottom]
        return out or [0] if self.labels else []

    def render_visible(self, *_args) -> None:
        todo = [i for i in self.visible_pages() if i not in self.rendered]
        if not todo:
            return
        for i, image in self.pages.render(todo, self.dpi).items():
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF() or 1.0)
            self.labels[i].setPixmap(pixmap)
            self.rendered.add(i)
