"""'Xuất văn bản': Word, PDF and Excel into a remembered folder, written off the GUI thread."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.model import Plan
from app.vietnamese import locality
from ui.session import log_bug
from ui.settings import Settings

FORMATS = (("docx", "Word (.docx)"), ("pdf", "PDF (.pdf)"), ("xlsx", "Excel (.xlsx) — các phụ lục"))


def ascii_fold(text: str) -> str:
    """'phường Phú Sơn' -> 'phuong Phu Son' (case kept)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def default_base_name(plan: Plan) -> str:
    """'KH-CCHC-2027-phuong-Phu-Son'."""
    place = ascii_fold(locality(plan.agency))
    words = ["".join(ch for ch in w if ch.isalnum()) for w in place.split()]
    slug = "-".join(w for w in words if w)
    return f"KH-CCHC-{plan.year}" + (f"-{slug}" if slug else "")


def export_plan(plan: Plan, request) -> list[Path]:
    """The exporters are imported on first use, so the window opens without them."""
    from exporters.api import export_plan as run

    return run(plan, request)


def count_findings(plan: Plan) -> dict[str, int]:
    from app.checks import check_plan

    findings = check_plan(plan)
    return {lv: sum(1 for f in findings if f.level == lv) for lv in ("error", "warning", "info")}


class _Signals(QObject):
    done = Signal(list)
    failed = Signal(str)


def format_checkboxes(formats, settings) -> tuple[dict[str, QCheckBox], QHBoxLayout]:
    """One checkbox per format, ticked as last time (settings "export/formats"), in a row."""
    chosen = set(str(settings.get("export/formats")).split(",")) if settings is not None else {"docx", "pdf"}
    boxes: dict[str, QCheckBox] = {}
    row = QHBoxLayout()
    for key, label in formats:
        box = QCheckBox(label)
        box.setChecked(key in chosen)
        boxes[key] = box
        row.addWidget(box)
    row.addStretch(1)
    return boxes, row


def default_folder(settings) -> str:
    """The export folder used last time, else the user's Documents."""
    return (settings.get("export/folder") if settings is not None else "") or str(Path.home() / "Documents")


class FileJob(QRunnable):
    """Writes files off the GUI thread; never touches a widget (results go back through signals).
    `work` returns the paths written."""

    def __init__(self, work):
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            paths = self.work()
        except UserError as e:
            self.signals.failed.emit(e.message)
        except Exception as e:  # a bug: logged, shown as an apology
            self.signals.failed.emit(log_bug(e))
        else:
            self.signals.done.emit([str(p) for p in paths])


class ExportJob(FileJob):
    """The plan's export: one Document, each writer behind an atomic write."""

    def __init__(self, plan: Plan, request):
        super().__init__(lambda: export_plan(plan, request))
        self.plan, self.request = plan, request


class ExportDialog(QDialog):
    def __init__(
        self,
        plan: Plan,
        settings: Settings,
        parent: QWidget | None = None,
        synchronous: bool = False,
        show_checks=None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Xuất văn bản")
        self.plan, self.settings, self.synchronous = plan, settings, synchronous
        self.written: list[Path] = []
        self.error_box: QMessageBox | None = None

        self.checks, fmt_row = format_checkboxes(FORMATS, settings)
        self.folder = QLineEdit(default_folder(settings))
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.name = QLineEdit(default_base_name(plan))

        form = QFormLayout()
        form.addRow("Định dạng:", fmt_row)
        form.addRow("Thư mục:", folder_row)
        form.addRow("Tên tệp:", self.name)
        self.separate = QCheckBox("Quyết định và kế hoạch thành hai tệp")
        self.separate.setEnabled(plan.decision is not None)
        self.separate.setToolTip(
            "Quyết định vào tệp đã đặt tên, kế hoạch vào tệp «…-ke-hoach»"
            if plan.decision is not None
            else "Chỉ dùng khi kế hoạch ban hành kèm theo quyết định (Thông tin chung)"
        )
        form.addRow("", self.separate)
        self.counts = count_findings(plan)
        self.check_label = QLabel(self._check_text())
        self.check_label.setWordWrap(True)
        self.check_label.setTextFormat(Qt.TextFormat.RichText)
        self.show_checks = show_checks
        self.check_label.linkActivated.connect(self._open_checks)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton("Xuất")
        self.export_button.setDefault(True)
        self.open_button = QPushButton("Mở thư mục")
        self.open_button.setEnabled(False)
        close = QPushButton("Đóng")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.open_button, self.export_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _check_text(self) -> str:
        e, w = self.counts["error"], self.counts["warning"]
        if not e and not w:
            return "Kiểm tra: không thấy lỗi hay cảnh báo nào."
        return f'Kiểm tra: <b>{e} lỗi</b>, {w} cảnh báo (vẫn xuất được). <a href="checks">Xem danh sách kiểm tra</a>'

    def _open_checks(self, *_args) -> None:
        if self.show_checks is not None:
            self.show_checks()
        self.reject()

    def browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu văn bản", self.folder.text())
        if path:
            self.folder.setText(path)

    def request(self):
        from exporters.api import ExportRequest

        folder = Path(self.folder.text().strip())
        base = self.name.text().strip() or default_base_name(self.plan)
        paths = {k: folder / f"{base}.{k}" for k, c in self.checks.items() if c.isChecked()}
        return ExportRequest(**paths, separate=self.separate.isChecked() and self.plan.decision is not None)

    def start(self) -> None:
        formats = [k for k, c in self.checks.items() if c.isChecked()]
        if not formats:
            self._fail("Hãy chọn ít nhất một định dạng (Word, PDF hoặc Excel).")
            return
        folder = Path(self.folder.text().strip())
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self._fail(f"Không tạo được thư mục «{folder}»: {e.strerror or e}.")
            return
        self.settings.set("export/folder", str(folder))
        self.settings.set("export/formats", ",".join(formats))
        job = ExportJob(self.plan, self.request())
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._fail)
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Đang xuất…")
        if self.synchronous:
            job.run()
        else:
            self._job = job  # keep the signals object alive until the job reports
            QThreadPool.globalInstance().start(job)

    def _done(self, paths: list[str]) -> None:
        self.written = [Path(p) for p in paths]
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.status.setText("Đã xuất:\n" + "\n".join(Path(p).name for p in paths))

    def _fail(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText("")
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Không xuất được văn bản", message, QMessageBox.StandardButton.Ok, self
        )
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
        self.error_box = box
        box.open()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))
