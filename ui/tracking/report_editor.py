"""'Lập báo cáo': choose the period, create the draft, edit its texts and header, export it.

Texts are saved through `update_report_text` shortly after typing stops (and when leaving a
section); the export runs `export_report` off the GUI thread, like the plan's export dialog."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.model import DocDate, Signer
from app.tracking.calendar import next_period
from app.tracking.report import Report
from app.usecases import tracking as tr
from app.vietnamese import locality
from storage.db import Store
from ui.dialogs.export import FileJob, default_folder, format_checkboxes
from ui.tracking.common import UseCaseFailed, run, saved_text, show_error

FORMATS = (("docx", "Word (.docx)"), ("pdf", "PDF (.pdf)"), ("xlsx", "Excel (.xlsx) — bảng kết quả"))
SECTION_NAMES = {
    "intro": "Mở đầu",
    "results": "I. Kết quả thực hiện",
    "general": "Tình hình chung",
    "targets": "Kết quả thực hiện chỉ tiêu",
    "limits": "II. Tồn tại, hạn chế",
    "next": "III. Nhiệm vụ thời gian tới",
    "closing": "Kết thúc",
}
EXTRA_KEYS = (("summary", "Trích yếu"), ("appendix_title", "Tên phụ lục kết quả"), ("recipients", "Nơi nhận"))
PERIOD_SLUG = {"q1": "quy-I", "6m": "6-thang", "9m": "9-thang", "year": "nam"}
SAVE_DELAY_MS = 700


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def default_report_name(report: Report) -> str:
    """'BC-CCHC-6-thang-2027-phuong-Phu-Son'."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in ascii_fold(locality(report.agency)).split()]
    slug = "-".join(w for w in words if w)
    return f"BC-CCHC-{PERIOD_SLUG.get(report.period, report.period)}-{report.year}" + (f"-{slug}" if slug else "")


def export_report_files(report: Report, request) -> list[Path]:
    from exporters.api import export_report

    return export_report(report, request)


class ReportExportJob(FileJob):
    """Writes the files from a Report read on the GUI thread; never touches a widget or the store."""

    def __init__(self, report: Report, request):
        super().__init__(lambda: export_report_files(report, request))
        self.report, self.request = report, request


def section_name(key: str, heading: str, level: int = 0) -> str:
    """What the section list shows: numbered khoản by their heading ("2. Cải cách thể chế")."""
    if level == 2 and heading:
        return heading
    if key.startswith("area:"):
        return heading or "Lĩnh vực"
    return SECTION_NAMES.get(key, heading or key)


class ReportDialog(QDialog):
    """Signals: `changed()` after every saved edit or new report; `exported(list)` (paths)."""

    changed = Signal()
    exported = Signal(list)

    def __init__(
        self,
        store: Store,
        plan_id: int,
        parent: QWidget | None = None,
        settings=None,
        today: date | None = None,
        synchronous: bool = False,
    ):
        super().__init__(parent)
        self.setWindowTitle("Lập báo cáo")
        self.store, self.plan_id, self.settings = store, plan_id, settings
        self.today = today or clock.today()
        self.synchronous = synchronous
        self.report: Report | None = None
        self.written: list[Path] = []
        self._key: str | None = None
        self._loading = False
        self._job: ReportExportJob | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)

        # ---- period and existing reports
        self.period = QComboBox()
        periods = tr.report_periods(store, plan_id, self.today)
        for p in periods:
            self.period.addItem(p.phrase[:1].upper() + p.phrase[1:], p.key)
        upcoming = next_period(periods, self.today)
        if upcoming is not None:
            self.period.setCurrentIndex(self.period.findData(upcoming.key))
        self.create_button = QPushButton("Lập báo cáo")
        self.create_button.setToolTip("Dựng bản nháp từ số liệu theo dõi hiện tại")
        self.create_button.clicked.connect(self.create)
        self.existing = QComboBox()
        self.existing.setMinimumContentsLength(24)
        self.existing.activated.connect(lambda *_: self._open_existing())
        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.period)
        top.addWidget(self.create_button)
        top.addSpacing(16)
        top.addWidget(QLabel("Báo cáo đã lập:"))
        top.addWidget(self.existing, 1)

        # ---- counts preview
        self.counts = QLabel("Chọn kỳ rồi bấm «Lập báo cáo» để dựng bản nháp từ số liệu theo dõi.")
        self.counts.setWordWrap(True)
        self.counts.setFrameShape(QLabel.Shape.StyledPanel)
        self.counts.setMargin(6)

        # ---- header fields
        self.number = QLineEdit()
        self.number.setPlaceholderText("để trống cho văn thư điền")
        self.day = QSpinBox()
        self.day.setRange(0, 31)
        self.day.setSpecialValueText("…")
        self.month = QSpinBox()
        self.month.setRange(0, 12)
        self.month.setSpecialValueText("…")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        date_row = QHBoxLayout()
        for lab, w in (("ngày", self.day), ("tháng", self.month), ("năm", self.year)):
            date_row.addWidget(QLabel(lab))
            date_row.addWidget(w)
        date_row.addStretch(1)
        self.authority = QPlainTextEdit()
        self.authority.setTabChangesFocus(True)
        self.authority.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.position = QLineEdit()
        self.signer_name = QLineEdit()
        header = QGroupBox("Số, ngày và người ký")
        form = QFormLayout(header)
        form.addRow("Số:", self.number)
        form.addRow("Ngày:", date_row)
        form.addRow("Thẩm quyền ký:", self.authority)
        form.addRow("Chức vụ:", self.position)
        form.addRow("Họ và tên:", self.signer_name)
        for w in (self.number, self.position, self.signer_name):
            w.editingFinished.connect(self.save_header)
        for s in (self.day, self.month, self.year):
            s.valueChanged.connect(lambda *_: self._header_later())
        self.authority.textChanged.connect(self._header_later)
        self._header_dirty = False

        # ---- sections
        self.sections = QListWidget()
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setSpacing(1)
        self.sections.currentItemChanged.connect(lambda *_: self._show_section())
        self.heading = QLineEdit()
        self.heading.setPlaceholderText("(không có tiêu đề)")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Mỗi dòng là một đoạn văn.")
        self.heading.textEdited.connect(lambda *_: self._text_later())
        self.text.textChanged.connect(self._text_later)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.heading_label = QLabel("Tiêu đề:")
        rl.addWidget(self.heading_label)
        rl.addWidget(self.heading)
        rl.addWidget(QLabel("Nội dung (mỗi dòng một đoạn):"))
        rl.addWidget(self.text, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sections)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        cw = self.fontMetrics().averageCharWidth()
        self.sections.setMinimumWidth(cw * 44)
        split.setSizes([cw * 48, cw * 100])

        # ---- export
        self.formats, fmt_row = format_checkboxes(FORMATS, settings)
        self.folder = QLineEdit(default_folder(settings))
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.name = QLineEdit()
        self.export_button = QPushButton("Xuất văn bản")
        self.export_button.clicked.connect(self.export)
        self.open_button = QPushButton("Mở thư mục")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        export_box = QGroupBox("Xuất văn bản")
        ef = QFormLayout(export_box)
        ef.addRow("Định dạng:", fmt_row)
        ef.addRow("Thư mục:", folder_row)
        ef.addRow("Tên tệp:", self.name)
        ex_buttons = QHBoxLayout()
        ex_buttons.addWidget(self.progress, 1)
        ex_buttons.addStretch(0)
        ex_buttons.addWidget(self.open_button)
        ex_buttons.addWidget(self.export_button)
        ef.addRow(ex_buttons)

        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)

        self.body = QWidget()
        bl = QVBoxLayout(self.body)
        bl.setContentsMargins(0, 0, 0, 0)
        side = QHBoxLayout()
        side.addWidget(header, 1)
        side.addWidget(export_box, 1)
        bl.addLayout(side)
        bl.addWidget(split, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.body, 1)
        layout.addLayout(bottom)
        self.body.setEnabled(False)
        self.resize(cw * 150, self.fontMetrics().lineSpacing() * 44)
        self._fill_existing()

    # ---------------------------------------------------------------- reports
    def _fill_existing(self, select: int | None = None) -> None:
        self.existing.clear()
        reports = tr.list_reports(self.store, self.plan_id)
        if not reports:
            self.existing.addItem("(chưa có)", None)
            self.existing.setEnabled(False)
            return
        self.existing.setEnabled(True)
        for r in reversed(reports):
            number = f" — số {r.number}/{r.symbol}" if r.number else ""
            self.existing.addItem(f"{r.phrase[:1].upper() + r.phrase[1:]}{number} (mã {r.id})", r.id)
        if select is not None:
            self.existing.setCurrentIndex(self.existing.findData(select))

    def _open_existing(self) -> None:
        report_id = self.existing.currentData()
        if report_id is not None:
            self.open_report(report_id)

    def create(self) -> Report | None:
        self.flush()
        key = self.period.currentData()
        try:
            report = run(lambda: tr.create_report(self.store, self.plan_id, key, self.today))
        except UseCaseFailed as e:
            show_error(self, e.message, "Không lập được báo cáo")
            return None
        assert report.id is not None
        self._fill_existing(report.id)
        self.open_report(report.id)
        self.status.setText(f"Đã lập báo cáo {report.phrase}. {saved_text()}")
        self.changed.emit()
        return self.report

    def open_report(self, report_id: int) -> None:
        self.flush()
        self.report = tr.load_report(self.store, report_id)
        self._loading = True
        try:
            self._show_header()
            self._fill_sections()
            self._show_counts()
            self.name.setText(default_report_name(self.report))
        finally:
            self._loading = False
        self.body.setEnabled(True)
        idx = self.period.findData(self.report.period)
        if idx >= 0:
            self.period.setCurrentIndex(idx)

    def _show_counts(self) -> None:
        r = self.report
        assert r is not None
        c = r.counts
        lines = [
            f"<b>{r.summary}</b>",
            f"Tính đến {r.as_of:%d/%m/%Y}: đã hoàn thành <b>{c.done}/{c.total}</b> nhiệm vụ "
            f"({c.done_on_time} đúng hạn, {c.done_late} quá hạn); đang thực hiện {c.in_progress}; "
            f"chưa thực hiện {c.not_started}; không thực hiện {c.not_done}; "
            f"<span style='color:#b00020'>{c.overdue} nhiệm vụ chậm</span>.",
        ]
        if r.target_lines:
            met = sum(1 for x in r.target_lines if x.ok)
            failed = sum(1 for x in r.target_lines if x.ok is False)
            lines.append(
                f"Chỉ tiêu: {met} đạt, {failed} chưa đạt, {len(r.target_lines) - met - failed} chưa có số liệu."
            )
        lines.append(f"Phụ lục kết quả: {sum(1 for x in r.rows if x.kind == 'task')} nhiệm vụ.")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setText("<br>".join(lines))

    def _show_header(self) -> None:
        r = self.report
        assert r is not None
        self.number.setText(r.number)
        d = r.doc_date
        self.year.setValue(d.year)
        self.month.setValue(d.month or 0)
        self.day.setValue(d.day or 0)
        self.authority.setPlainText(r.signer.authority)
        self.position.setText(r.signer.position)
        self.signer_name.setText(r.signer.name)
        self._header_dirty = False

    def _fill_sections(self) -> None:
        r = self.report
        assert r is not None
        self._key = None
        self.sections.clear()
        for s in r.sections:
            item = QListWidgetItem(section_name(s.key, s.heading, s.level))
            item.setData(Qt.ItemDataRole.UserRole, s.key)
            item.setToolTip(s.heading or section_name(s.key, s.heading))
            self.sections.addItem(item)
        for key, name in EXTRA_KEYS:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sections.addItem(item)
        self.sections.setCurrentRow(0)

    def section_keys(self) -> list[str]:
        return [self.sections.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sections.count())]

    def select_section(self, key: str) -> bool:
        for i, k in enumerate(self.section_keys()):
            if k == key:
                self.sections.setCurrentRow(i)
                return True
        return False

    def _show_section(self) -> None:
        self.flush()
        item = self.sections.currentItem()
        r = self.report
        if item is None or r is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        self._loading = True
        try:
            self._key = key
            extra = dict(EXTRA_KEYS)
            has_heading = key not in extra
            self.heading.setVisible(has_heading)
            self.heading_label.setVisible(has_heading)
            if key == "summary":
                text, heading = r.summary, ""
            elif key == "appendix_title":
                text, heading = r.appendix_title, ""
            elif key == "recipients":
                text, heading = "\n".join(r.recipients), ""
            else:
                s = r.section(key)
                text, heading = "\n".join(s.paragraphs), s.heading
            self.heading.setText(heading)
            self.text.setPlainText(text)
        finally:
            self._loading = False

    # ---------------------------------------------------------------- saving
    def _text_later(self) -> None:
        if not self._loading and self._key is not None:
            self._dirty_key = self._key
            self.timer.start()

    def _header_later(self) -> None:
        if not self._loading and self.report is not None:
            self._header_dirty = True
            self.timer.start()

    _dirty_key: str | None = None

    def flush(self) -> None:
        """Save what is being typed (the section and the header fields) now."""
        self.timer.stop()
        if self._header_dirty:
            self.save_header()
        key, self._dirty_key = self._dirty_key, None
        if key is None or self.report is None or key != self._key:
            return
        heading = None if key in dict(EXTRA_KEYS) else self.heading.text()
        text = self.text.toPlainText()
        rid = self.report.id
        assert rid is not None
        try:
            self.report = run(lambda: tr.update_report_text(self.store, rid, key, text, heading))
        except UseCaseFailed as e:
            show_error(self, e.message)
            return
        if heading is not None:
            section = self.report.section(key)
            row = self.section_keys().index(key)  # not currentItem(): a section switch flushes after the move
            self.sections.item(row).setText(section_name(key, section.heading, section.level))
        self.status.setText(saved_text())
        self.changed.emit()

    def save_header(self) -> None:
        if self.report is None or self._loading:
            return
        self._header_dirty = False
        doc_date = DocDate(self.year.value(), self.month.value() or None, self.day.value() or None)
        signer = Signer(
            self.authority.toPlainText().strip(), self.position.text().strip(), self.signer_name.text().strip()
        )
        r = self.report
        if (self.number.text().strip(), doc_date, signer) == (r.number, r.doc_date, r.signer):
            return
        rid = r.id
        assert rid is not None
        try:
            self.report = run(
                lambda: tr.update_report_header(
                    self.store, rid, number=self.number.text(), date=doc_date, signer=signer
                )
            )
        except UseCaseFailed as e:
            show_error(self, e.message)
            return
        self.status.setText(saved_text())
        self.changed.emit()

    # ---------------------------------------------------------------- export
    def browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu báo cáo", self.folder.text())
        if path:
            self.folder.setText(path)

    def request(self):
        from exporters.api import ExportRequest

        assert self.report is not None
        folder = Path(self.folder.text().strip())
        base = self.name.text().strip() or default_report_name(self.report)
        return ExportRequest(**{k: folder / f"{base}.{k}" for k, c in self.formats.items() if c.isChecked()})

    def export(self) -> None:
        self.flush()
        if self.report is None or self.report.id is None:
            show_error(self, "Hãy lập báo cáo trước khi xuất.", "Không xuất được văn bản")
            return
        formats = [k for k, c in self.formats.items() if c.isChecked()]
        if not formats:
            show_error(self, "Hãy chọn ít nhất một định dạng (Word, PDF hoặc Excel).", "Không xuất được văn bản")
            return
        folder = Path(self.folder.text().strip())
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            show_error(self, f"Không tạo được thư mục «{folder}»: {e.strerror or e}.", "Không xuất được văn bản")
            return
        if self.settings is not None:
            self.settings.set("export/folder", str(folder))
        report = tr.load_report(self.store, self.report.id)  # read here: the store stays on this thread
        job = ReportExportJob(report, self.request())
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Đang xuất…")
        self._job = job  # keep the signals alive until the job reports
        if self.synchronous:
            job.run()
        else:
            QThreadPool.globalInstance().start(job)

    def _done(self, paths: list[str]) -> None:
        self.written = [Path(p) for p in paths]
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.status.setText("Đã xuất: " + ", ".join(Path(p).name for p in paths))
        self.exported.emit(paths)

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText("")
        show_error(self, message, "Không xuất được văn bản")

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))

    def done(self, result: int) -> None:
        self.flush()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)


def open_report_editor(
    store: Store, plan_id: int, parent: QWidget | None = None, settings=None, today: date | None = None
) -> ReportDialog:
    dialog = ReportDialog(store, plan_id, parent, settings, today)
    dialog.open()
    return dialog
