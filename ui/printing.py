"""Preview and print exactly what is exported: the exporter's PDF, rasterised with pypdfium2.

The PDF is built off the GUI thread; the dialog shows every page in its own orientation (the
appendices landscape), and prints the chosen pages to the chosen printer — or to a PDF file —
each page in its orientation: where the printer can change the orientation between pages (PDF
files, CUPS) it does, elsewhere (Windows printers refuse it mid-job) a page of the other
orientation is turned a quarter and printed full size, as Word and Acrobat print mixed documents.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap, QTransform
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput, os_reason
from app.file_names import plan_base_name
from app.model import Plan
from ui.ops import Runner
from ui.screen import Dialog, size_for
from ui.settings import Settings

PRINT_DPI = 200
SCREEN_DPI = 96
TO_FILE = "Lưu thành tệp PDF"
TEMP_PREFIX = "kehoach-xem-"  # the preview's own temporary folders (removed when the dialog closes)


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

    folder = folder or Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    path = folder / "xem-truoc.pdf"
    write_pdf(build_document(plan), path)
    return PdfPages.open(path)


def parse_range(text: str, count: int) -> list[int]:
    """'3-7', '1, 4, 9-10' or '' (every page) -> 0-based page indices, in order, no repeats."""
    text = text.strip().replace("–", "-")
    if not text:
        return list(range(count))
    out: list[int] = []
    for part in re.split(r"[,;\s]+", text):
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise InvalidInput(f"Không hiểu «{part}»; ghi các trang như 3-7 hoặc 1, 4, 9-10.")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if not 1 <= first <= last <= count:
            raise InvalidInput(f"Văn bản có {count} trang; không có trang {part}.")
        out.extend(i - 1 for i in range(first, last + 1) if i - 1 not in out)
    return out


def range_text(first: int, last: int) -> str:
    return f"{first}-{last}" if first != last else str(first)


# ---------------------------------------------------------------- printing


def page_layout(landscape: bool) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0))


def _turns_pages(printer: QPrinter) -> bool:
    """True when the printer takes a new orientation between pages: Qt allows it only for its PDF
    engine (a PDF file; on Linux CUPS too, but it reports the native format, so it is turned)."""
    return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat


def _draw(painter: QPainter, printer: QPrinter, image: QImage, landscape: bool) -> None:
    """The page image on the whole sheet; turned a quarter when the sheet has the other orientation."""
    sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    sheet_landscape = sheet.width() > sheet.height()
    if sheet_landscape != landscape:
        image = image.transformed(QTransform().rotate(90 if sheet_landscape else -90))
    painter.drawImage(sheet, image)


def paint_pages(printer: QPrinter, pages: PdfPages, wanted: list[int], dpi: float = PRINT_DPI) -> list[int]:
    """Draw the chosen pages (0-based) on the printer, each in its own orientation."""
    if not wanted:
        return []
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(pages.landscape(wanted[0])))  # allowed: not printing yet
    painter = QPainter()
    if not painter.begin(printer):
        return []
    try:
        for n, i in enumerate(wanted):
            if n:
                if _turns_pages(printer):
                    printer.setPageLayout(page_layout(pages.landscape(i)))
                printer.newPage()
            _draw(painter, printer, pages.render([i], dpi)[i], pages.landscape(i))
    finally:
        painter.end()
    return wanted


def make_printer(name: str, file: Path | None, copies: int) -> QPrinter:
    """A printer by name (QPrinterInfo), or a PDF file when `file` is given."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(file))
    else:
        printer.setPrinterName(name)
    printer.setCopyCount(max(1, copies))
    return printer


# ---------------------------------------------------------------- the dialog


class PrintDialog(Dialog):
    """'Xem trước và in' / 'In phụ lục': every page as exported, a page range, a printer, "In"."""

    def __init__(
        self, runner: Runner, plan: Plan, settings: Settings, appendix_only: bool, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("In phụ lục" if appendix_only else "In kế hoạch")
        self.runner, self.settings, self.appendix_only = runner, settings, appendix_only
        self.pages: PdfPages | None = None
        self.shown: list[int] = []  # 0-based pages in the preview
        self.labels: list[QLabel] = []
        self.rendered: set[int] = set()
        self.zoom = 0.7
        self.base = plan_base_name(plan)
        self._make_widgets()
        size_for(self, 150, 46)
        self.info.setText("Đang dựng văn bản…")
        runner.submit(lambda: build_pdf(plan), self._show_pages)

    def _make_widgets(self) -> None:
        self.column = QWidget()
        self.column.setObjectName("page_column")
        self.column.setStyleSheet("#page_column { background: #8a8a8a; }")
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setSpacing(12)
        self.pages_area = QScrollArea()
        self.pages_area.setWidget(self.column)
        self.pages_area.setWidgetResizable(True)
        self.pages_area.verticalScrollBar().valueChanged.connect(self.render_visible)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.printer = QComboBox()
        default = QPrinterInfo.defaultPrinterName()
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        self.printer.addItem(TO_FILE, "")
        self.printer.setCurrentIndex(max(0, self.printer.findData(default)) if default else self.printer.count() - 1)
        self.file = QLineEdit(str(Path(self.settings.get("export/folder") or Path.home()) / f"{self.base}-ban-in.pdf"))
        self.pages_box = QLineEdit()
        self.pages_box.setObjectName("pages")
        self.pages_box.setPlaceholderText("tất cả; hoặc 3-7, hoặc 1, 4, 9-10")
        self.copies = QSpinBox()
        self.copies.setRange(1, 99)
        form = QFormLayout()
        form.addRow("Máy in:", self.printer)
        form.addRow("Tệp:", self.file)
        form.addRow("Các trang:", self.pages_box)
        form.addRow("Số bản:", self.copies)
        self.printer.currentIndexChanged.connect(self._printer_chosen)
        self._printer_chosen()
        self.print_button = QPushButton("In")
        self.print_button.setDefault(True)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_pages)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.info)
        side.addLayout(form)
        side.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        side.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.pages_area, 3)
        layout.addLayout(side, 1)

    def _printer_chosen(self, *_args) -> None:
        to_file = not self.printer.currentData()
        self.file.setVisible(to_file)
        label = self.layout_label(self.file)
        if label is not None:
            label.setVisible(to_file)

    def layout_label(self, widget: QWidget) -> QWidget | None:
        for form in self.findChildren(QFormLayout):
            label = form.labelForField(widget)
            if label is not None:
                return label
        return None

    # ---------------------------------------------------------------- preview
    def _show_pages(self, pages: PdfPages) -> None:
        self.pages = pages
        span = pages.appendix_pages() if self.appendix_only else None
        self.shown = list(range(span[0] - 1, span[1])) if span else list(range(len(pages)))
        if span:
            self.pages_box.setText(range_text(*span))
        # The widest page fits the column: no scrolling sideways to read a landscape appendix.
        widest = max((pages.sizes[i][0] for i in self.shown), default=595) / 72 * SCREEN_DPI
        room = self.pages_area.viewport().width() - 2 * self.column_layout.spacing() - 24
        self.zoom = max(0.35, min(0.8, room / widest))
        for i in self.shown:
            w, h = pages.sizes[i]
            label = QLabel()
            label.setFixedSize(round(w / 72 * SCREEN_DPI * self.zoom), round(h / 72 * SCREEN_DPI * self.zoom))
            label.setStyleSheet("background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setToolTip(f"Trang {i + 1}/{len(pages)}")
            self.column_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        extra = f"; phụ lục từ trang {span[0]} đến trang {span[1]}" if span else ""
        self.info.setText(f"{len(pages)} trang, đúng như tệp PDF khi xuất{extra}.")
        self.print_button.setEnabled(True)
        self.render_visible()

    def page_count(self) -> int:
        return len(self.labels)

    def shown_orientations(self) -> list[str]:
        return ["ngang" if lb.width() > lb.height() else "dọc" for lb in self.labels]

    def visible_pages(self) -> list[int]:
        top = self.pages_area.verticalScrollBar().value()
        bottom = top + max(self.pages_area.viewport().height(), 1)
        return [n for n, lb in enumerate(self.labels) if lb.y() + lb.height() >= top and lb.y() <= bottom][:6]

    def render_visible(self, *_args) -> None:
        if self.pages is None:
            return
        todo = [n for n in (self.visible_pages() or [0]) if n not in self.rendered and n < len(self.labels)]
        if not todo:
            return
        ratio = self.devicePixelRatioF() or 1.0
        images = self.pages.render([self.shown[n] for n in todo], SCREEN_DPI * self.zoom * ratio)
        for n in todo:
            pixmap = QPixmap.fromImage(images[self.shown[n]])
            pixmap.setDevicePixelRatio(ratio)
            self.labels[n].setPixmap(pixmap)
            self.rendered.add(n)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.render_visible()

    def done(self, result: int) -> None:
        """The preview's temporary PDF goes with the dialog."""
        if self.pages is not None and self.pages.path.parent.name.startswith(TEMP_PREFIX):
            shutil.rmtree(self.pages.path.parent, ignore_errors=True)
        super().done(result)

    # ---------------------------------------------------------------- printing
    def print_pages(self) -> list[int]:
        if self.pages is None:
            return []
        try:
            wanted = parse_range(self.pages_box.text(), len(self.pages))
        except InvalidInput as e:
            self.runner.report(e.message)
            return []
        name = self.printer.currentData()
        file = None if name else Path(self.file.text().strip())
        if file is not None:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                self.runner.report(f"Không tạo được thư mục «{file.parent}»: {os_reason(e)}.")
                return []
        printer = make_printer(name, file, self.copies.value())
        self.setCursor(Qt.CursorShape.BusyCursor)
        try:
            done = paint_pages(printer, self.pages, wanted)
        finally:
            self.unsetCursor()
        if not done:
            self.runner.report("Không in được: máy in không sẵn sàng. Hãy kiểm tra máy in rồi thử lại.")
            return []
        where = f"vào tệp {file}" if file is not None else f"tới máy in {name}"
        self.info.setText(f"Đã gửi {len(done)} trang {where}.")
        return done
