"""'Xuất văn bản': Word, PDF and Excel into a remembered folder, written off the GUI thread; files
of another plan with the same name are never overwritten without asking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
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

from app.checks import check_plan
from app.errors import os_reason
from app.file_names import free_base_name, plan_base_name
from app.model import Plan
from app.ops.checks import check
from ui.ops import Runner
from ui.screen import Dialog
from ui.settings import Settings

FORMATS = (("docx", "Word (.docx)"), ("pdf", "PDF (.pdf)"), ("xlsx", "Excel (.xlsx) — các phụ lục"))
PDFA_LABEL = "PDF/A (lưu trữ lâu dài)"
PDFA_TIP = (
    "Tệp PDF theo chuẩn lưu trữ PDF/A-2b (phông chữ nhúng, hồ sơ màu sRGB, siêu dữ liệu XMP): "
    "dùng khi nộp lưu trữ hoặc khi dịch vụ ký số yêu cầu. Trang in không thay đổi."
)


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


def export_request(folder: Path, base: str, formats: list[str], separate: bool = False, pdfa: bool = False):
    """The exporters' request for the chosen formats (imported on first use: the window opens without them)."""
    from exporters.api import ExportRequest

    paths = {k: folder / f"{base}.{k}" for k in formats}
    return ExportRequest(
        docx=paths.get("docx"),
        pdf=paths.get("pdf"),
        xlsx=paths.get("xlsx"),
        separate=separate,
        pdfa=pdfa and "pdf" in formats,
    )


def ask_overwrite(parent: QWidget, folder: Path, base: str, suffixes: list[str]) -> str | None:
    """When files of that name are already in the folder: overwrite, save under a free name, or
    cancel. Returns the base name to write, or None."""
    existing = [f"{base}.{s}" for s in suffixes if (folder / f"{base}.{s}").exists()]
    if not existing:
        return base
    other = free_base_name(folder, base, suffixes)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Tệp đã có",
        f"Thư mục đã có {', '.join(existing)}. Ghi đè lên tệp cũ, hay lưu thành «{other}»?",
        parent=parent,
    )
    overwrite = box.addButton("Ghi đè", QMessageBox.ButtonRole.DestructiveRole)
    rename = box.addButton(f"Lưu thành «{other}»", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(rename)
    box.exec()
    clicked = box.clickedButton()
    return base if clicked is overwrite else other if clicked is rename else None


class ExportPanel(QWidget):
    """Formats, folder and file name; used by the plan's and the report's export."""

    def __init__(self, formats, settings: Settings | None, base: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.checks, fmt_row = format_checkboxes(formats, settings)
        self.folder = QLineEdit(default_folder(settings))
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.name = QLineEdit(base)
        self.pdfa = QCheckBox(PDFA_LABEL)
        self.pdfa.setToolTip(PDFA_TIP)
        self.pdfa.setChecked(bool(settings.get("export/pdfa")) if settings is not None else False)
        self.pdfa.setEnabled(self.checks["pdf"].isChecked())
        self.checks["pdf"].toggled.connect(self.pdfa.setEnabled)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow("Định dạng:", fmt_row)
        self.form.addRow("", self.pdfa)
        self.form.addRow("Thư mục:", folder_row)
        self.form.addRow("Tên tệp:", self.name)

    def browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu văn bản", self.folder.text())
        if path:
            self.folder.setText(path)

    def formats(self) -> list[str]:
        return [k for k, c in self.checks.items() if c.isChecked()]

    def archival(self) -> bool:
        """The PDF as PDF/A: ticked, and a PDF is being written."""
        return self.pdfa.isChecked() and "pdf" in self.formats()

    def target(self, default_base: str) -> tuple[Path, str] | str:
        """(folder, base name) to write, or a Vietnamese message saying what is wrong."""
        formats = self.formats()
        if not formats:
            return "Hãy chọn ít nhất một định dạng (Word, PDF hoặc Excel)."
        folder = Path(self.folder.text().strip())
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            return f"Không tạo được thư mục «{folder}»: {os_reason(e)}."
        if self.settings is not None:
            self.settings.set("export/folder", str(folder))
            self.settings.set("export/formats", ",".join(formats))
            self.settings.set("export/pdfa", self.pdfa.isChecked())
        return folder, self.name.text().strip() or default_base


class ExportDialog(Dialog):
    """Not modal: she can print or fix something while it stays open; each "Xuất" exports the plan
    as it is at that moment (what is being typed included)."""

    def __init__(
        self,
        runner: Runner,
        plan_source: Callable[[], Plan],
        settings: Settings,
        parent: QWidget | None = None,
        show_checks=None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Xuất văn bản")
        self.runner, self.plan_source, self.settings = runner, plan_source, settings
        self.plan = plan = plan_source()
        self.written: list[Path] = []
        self.panel = ExportPanel(FORMATS, settings, plan_base_name(plan))
        self.separate = QCheckBox("Quyết định và kế hoạch thành hai tệp")
        self.separate.setEnabled(plan.decision is not None)
        self.separate.setToolTip(
            "Quyết định vào tệp đã đặt tên, kế hoạch vào tệp «…-ke-hoach»"
            if plan.decision is not None
            else "Chỉ dùng khi kế hoạch ban hành kèm theo quyết định (Thông tin chung)"
        )
        self.panel.form.addRow("", self.separate)
        findings = check(runner.ws, plan.id).findings if plan.id is not None else check_plan(plan)
        self.counts = {lv: sum(1 for f in findings if f.level == lv) for lv in ("error", "warning", "info")}
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
        for w in (self.panel, self.check_label, self.progress, self.status):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.reject)
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 80, 760))

    def _check_text(self) -> str:
        e, w = self.counts["error"], self.counts["warning"]
        if not e and not w:
            return "Kiểm tra: không thấy lỗi hay cảnh báo nào."
        return f'Kiểm tra: <b>{e} lỗi</b>, {w} cảnh báo (vẫn xuất được). <a href="checks">Xem danh sách kiểm tra</a>'

    def _open_checks(self, *_args) -> None:
        if self.show_checks is not None:
            self.show_checks()
        self.reject()

    def start(self) -> None:
        from exporters.api import export_plan  # the exporters load on first use

        self.runner.commit_pending()
        self.plan = self.plan_source()
        target = self.panel.target(plan_base_name(self.plan))
        if isinstance(target, str):
            self.runner.report(target)
            return
        folder, base = target
        formats = self.panel.formats()
        chosen = ask_overwrite(self, folder, base, formats)
        if chosen is None:
            return
        separate = self.separate.isChecked() and self.plan.decision is not None
        request = export_request(folder, chosen, formats, separate, self.panel.archival())
        plan = self.plan
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Đang xuất…")
        self.runner.busy.connect(self._idle)
        self.runner.submit(lambda: export_plan(plan, request), self._done)

    def _idle(self, busy: bool) -> None:
        if not busy:
            self.progress.hide()
            self.export_button.setEnabled(True)
            self.runner.busy.disconnect(self._idle)

    def _done(self, paths: list[Path]) -> None:
        self.written = [Path(p) for p in paths]
        self.open_button.setEnabled(True)
        self.status.setText("Đã xuất:\n" + "\n".join(Path(p).name for p in paths))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.panel.folder.text().strip()))
