"""'Lập báo cáo': the draft of the next report made from the tracking data, its texts and header
edited (saved a second after typing stops, each an undo step of the plan), and its export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
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
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.file_names import report_base_name
from app.model import DocDate, Signer
from app.ops import reports
from app.tracking.calendar import next_period
from app.tracking.report import Report
from ui.context import PlanContext
from ui.dialogs.export import ExportPanel, ask_overwrite, export_request
from ui.editors.fields import Autosave
from ui.screen import Dialog, size_for
from ui.tracking.common import saved_text

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


def section_name(key: str, heading: str, level: int = 0) -> str:
    """What the section list shows: numbered khoản by their heading ("2. Cải cách thể chế")."""
    if level == 2 and heading:
        return heading
    if key.startswith("area:"):
        return heading or "Lĩnh vực"
    return SECTION_NAMES.get(key, heading or key)


def counts_html(r: Report) -> str:
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
        lines.append(f"Chỉ tiêu: {met} đạt, {failed} chưa đạt, {len(r.target_lines) - met - failed} chưa có số liệu.")
    lines.append(f"Phụ lục kết quả: {sum(1 for x in r.rows if x.kind == 'task')} nhiệm vụ.")
    return "<br>".join(lines)


class ReportDialog(Dialog):
    """Signal `exported(paths)` after the files are written."""

    exported = Signal(list)

    def __init__(self, context: PlanContext, settings=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Lập báo cáo")
        self.context, self.settings = context, settings
        self.runner = context.runner
        self.report: Report | None = None
        self._key: str | None = None
        self._loading = False
        # Everything but the closing row scrolls, so the dialog fits a small screen at 150 %.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._period_row())
        self.counts = QLabel("Chọn kỳ rồi bấm «Lập báo cáo» để dựng bản nháp từ số liệu theo dõi.")
        self.counts.setObjectName("report_counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setFrameShape(QLabel.Shape.StyledPanel)
        self.counts.setMargin(6)
        layout.addWidget(self.counts)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        # Side by side when there is room; one above the other on a narrow screen (150 %).
        self.side = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.side.addWidget(self._header_box(), 1)
        self.side.addWidget(self._export_box(), 1)
        body.addLayout(self.side)
        body.addWidget(self._sections(), 1)
        layout.addWidget(self.body, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addLayout(self._bottom_row())
        self.body.setEnabled(False)
        size_for(self, 180, 46)
        self._fill_existing()
        self._open_upcoming()

    # ---------------------------------------------------------------- building
    def _period_row(self) -> QHBoxLayout:
        self.period = QComboBox()
        periods = self.runner.call(reports.periods, self.context.plan_id) or ()
        for p in periods:
            self.period.addItem(p.phrase[:1].upper() + p.phrase[1:], p.key)
        upcoming = next_period(periods, clock.today())
        if upcoming is not None:
            self.period.setCurrentIndex(self.period.findData(upcoming.key))
        self.create_button = QPushButton("Lập báo cáo mới")
        self.create_button.setToolTip("Dựng một bản nháp mới từ số liệu theo dõi hiện tại")
        self.create_button.clicked.connect(self.new_draft)
        self.existing = QComboBox()
        self.existing.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.existing.setMinimumContentsLength(24)
        self.existing.activated.connect(lambda *_: self._open_existing())
        top = QHBoxLayout()
        for w in (QLabel("Kỳ báo cáo:"), self.period, self.create_button):
            top.addWidget(w)
        top.addSpacing(16)
        top.addWidget(QLabel("Báo cáo đã lập:"))
        top.addWidget(self.existing, 1)
        return top

    def _header_box(self) -> QGroupBox:
        self.number = QLineEdit()
        self.number.setPlaceholderText("để trống cho văn thư điền")
        self.day, self.month, self.year = QSpinBox(), QSpinBox(), QSpinBox()
        for spin, low, high in ((self.day, 0, 31), (self.month, 0, 12), (self.year, 2000, 2100)):
            spin.setRange(low, high)
        self.day.setSpecialValueText("…")
        self.month.setSpecialValueText("…")
        date_row = QHBoxLayout()
        for lab, spin in (("ngày", self.day), ("tháng", self.month), ("năm", self.year)):
            date_row.addWidget(QLabel(lab))
            date_row.addWidget(spin)
        date_row.addStretch(1)
        self.authority = QPlainTextEdit()
        self.authority.setTabChangesFocus(True)
        self.authority.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.position, self.signer_name = QLineEdit(), QLineEdit()
        box = QGroupBox("Số, ngày và người ký")
        form = QFormLayout(box)
        form.addRow("Số:", self.number)
        form.addRow("Ngày:", date_row)
        form.addRow("Thẩm quyền ký:", self.authority)
        form.addRow("Chức vụ:", self.position)
        form.addRow("Họ và tên:", self.signer_name)
        saver = Autosave(self.context, self.number.textEdited, self.number.editingFinished, self.save_header, self)
        for w in (self.position, self.signer_name):
            w.textEdited.connect(saver._typed)
            w.editingFinished.connect(saver.flush)
        self.authority.textChanged.connect(lambda: None if self._loading else saver._typed())
        for spin in (self.day, self.month, self.year):
            spin.valueChanged.connect(lambda *_: None if self._loading else saver._typed())
        self.header_saver = saver
        return box

    def _export_box(self) -> QGroupBox:
        self.export_panel = ExportPanel(FORMATS, self.settings, "")
        self.export_button = QPushButton("Xuất văn bản")
        self.export_button.clicked.connect(self.export)
        self.open_button = QPushButton("Mở thư mục")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.export_panel.folder.text().strip()))
        )
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        box = QGroupBox("Xuất văn bản")
        v = QVBoxLayout(box)
        v.addWidget(self.export_panel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.export_button)
        v.addLayout(row)
        return box

    def _sections(self) -> QSplitter:
        self.sections = QListWidget()
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.currentItemChanged.connect(lambda *_: self._show_section())
        self.heading = QLineEdit()
        self.heading.setPlaceholderText("(không có tiêu đề)")
        self.text = QPlainTextEdit()
        self.text.setObjectName("section_text")
        self.text.setPlaceholderText("Mỗi dòng là một đoạn văn.")
        self.heading_label = QLabel("Tiêu đề:")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        for w in (self.heading_label, self.heading, QLabel("Nội dung (mỗi dòng một đoạn):")):
            rl.addWidget(w)
        rl.addWidget(self.text, 1)
        self.text_saver = Autosave(self.context, self.text.textChanged, self.heading.editingFinished, self.flush, self)
        self.heading.textEdited.connect(self.text_saver._typed)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sections)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        cw = self.fontMetrics().averageCharWidth()
        self.sections.setMinimumWidth(cw * 30)
        split.setSizes([cw * 40, cw * 100])
        return split

    def _bottom_row(self) -> QHBoxLayout:
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        return bottom

    # ---------------------------------------------------------------- reports
    def _fill_existing(self, select: int | None = None) -> None:
        self.existing.clear()
        found = self.runner.call(reports.of_plan, self.context.plan_id) or []
        self.existing.setEnabled(bool(found))
        if not found:
            self.existing.addItem("(chưa có)", None)
            return
        for r in reversed(found):
            number = f" — số {r.number}/{r.symbol}" if r.number else ""
            self.existing.addItem(f"{r.phrase[:1].upper() + r.phrase[1:]}{number} (mã {r.id})", r.id)
        if select is not None:
            self.existing.setCurrentIndex(self.existing.findData(select))

    def _open_upcoming(self) -> None:
        """The latest report of the coming period, or a new draft of it when there is none."""
        key = self.period.currentData()
        if key is None:
            return
        found = [r for r in self.runner.call(reports.of_plan, self.context.plan_id) or [] if r.period == key]
        if found and found[-1].id is not None:
            self.existing.setCurrentIndex(self.existing.findData(found[-1].id))
            self.open_report(found[-1].id)
        else:
            self.new_draft()

    def _open_existing(self) -> None:
        report_id = self.existing.currentData()
        if report_id is not None:
            self.open_report(report_id)

    def new_draft(self) -> Report | None:
        self.flush()
        done = self.runner.run(reports.create, self.context.plan_id, self.period.currentData())
        if done is None or done.created is None:
            return None
        self._fill_existing(done.created)
        self.open_report(done.created)
        self.status.setText(f"Đã lập bản nháp báo cáo. {saved_text()}")
        return self.report

    def open_report(self, report_id: int) -> None:
        self.flush()
        self.report = self.runner.call(reports.load, report_id)
        if self.report is None:
            return
        self._loading = True
        try:
            self._show_header()
            self._fill_sections()
            self.counts.setText(counts_html(self.report))
            self.export_panel.name.setText(report_base_name(self.report))
        finally:
            self._loading = False
        self.body.setEnabled(True)
        idx = self.period.findData(self.report.period)
        if idx >= 0:
            self.period.setCurrentIndex(idx)

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

    def _fill_sections(self) -> None:
        r = self.report
        assert r is not None
        self._key = None
        self.sections.blockSignals(True)
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
        self.sections.blockSignals(False)
        self.sections.setCurrentRow(0)
        self._show_section()

    def section_keys(self) -> list[str]:
        return [self.sections.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sections.count())]

    def select_section(self, key: str) -> bool:
        if key in self.section_keys():
            self.sections.setCurrentRow(self.section_keys().index(key))
            return True
        return False

    def _texts_of(self, key: str) -> tuple[str, str]:
        r = self.report
        assert r is not None
        if key == "summary":
            return r.summary, ""
        if key == "appendix_title":
            return r.appendix_title, ""
        if key == "recipients":
            return "\n".join(r.recipients), ""
        s = r.section(key)
        return "\n".join(s.paragraphs), s.heading

    def _show_section(self) -> None:
        self.text_saver.flush()  # what was typed belongs to the section shown until now
        item = self.sections.currentItem()
        if item is None or self.report is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        self._loading = True
        self.text_saver.quiet = True
        try:
            self._key = key
            has_heading = key not in dict(EXTRA_KEYS)
            self.heading.setVisible(has_heading)
            self.heading_label.setVisible(has_heading)
            text, heading = self._texts_of(key)
            self.heading.setText(heading)
            self.text.setPlainText(text)
        finally:
            self._loading = False
            self.text_saver.quiet = False

    # ---------------------------------------------------------------- saving
    def flush(self, *_args) -> None:
        """Save the section being typed in (after a pause, on leaving it, before anything else)."""
        key, r = self._key, self.report
        if key is None or r is None or r.id is None or self._loading:
            return
        heading = None if key in dict(EXTRA_KEYS) else self.heading.text()
        text = self.text.toPlainText()
        if (text, heading or "") == self._texts_of(key) or (heading is None and text == self._texts_of(key)[0]):
            return
        if self.runner.run(reports.set_text, r.id, key, text, heading) is None:
            return
        self.report = self.runner.call(reports.load, r.id)
        if heading is not None and self.report is not None:
            section = self.report.section(key)
            row = self.section_keys().index(key)
            self.sections.item(row).setText(section_name(key, section.heading, section.level))
        self.status.setText(saved_text())

    def save_header(self) -> None:
        r = self.report
        if r is None or r.id is None or self._loading:
            return
        doc_date = DocDate(self.year.value(), self.month.value() or None, self.day.value() or None)
        signer = Signer(
            self.authority.toPlainText().strip(), self.position.text().strip(), self.signer_name.text().strip()
        )
        if (self.number.text().strip(), doc_date, signer) == (r.number, r.doc_date, r.signer):
            return
        done = self.runner.run(reports.set_header, r.id, number=self.number.text(), date=doc_date, signer=signer)
        if done is not None:
            self.report = self.runner.call(reports.load, r.id)
            self.status.setText(saved_text())

    # ---------------------------------------------------------------- export
    def export(self) -> None:
        from exporters.api import export_report

        self.runner.commit_pending()
        if self.report is None or self.report.id is None:
            self.runner.report("Hãy lập báo cáo trước khi xuất.")
            return
        report = self.runner.call(reports.load, self.report.id)
        target = self.export_panel.target(report_base_name(report)) if report is not None else None
        if report is None or target is None:
            return
        if isinstance(target, str):
            self.runner.report(target)
            return
        folder, base = target
        formats = self.export_panel.formats()
        chosen = ask_overwrite(self, folder, base, formats)
        if chosen is None:
            return
        request = export_request(folder, chosen, formats, pdfa=self.export_panel.archival())
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Đang xuất…")
        self.runner.submit(lambda: export_report(report, request), self._done, self._failed)

    def _done(self, paths: list[Path]) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.status.setText("Đã xuất: " + ", ".join(Path(p).name for p in paths))
        self.exported.emit([str(p) for p in paths])

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText("")
        self.runner.report(message)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        narrow = self.width() < self.fontMetrics().averageCharWidth() * 150
        self.side.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)

    def done(self, result: int) -> None:
        self.runner.commit_pending()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.commit_pending()
        super().closeEvent(event)
