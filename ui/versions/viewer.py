"""A frozen version, read-only: the text as it exports (header, sections, appendix tables, the
signature), with "Xuất…" writing exactly that version and "Tạo bản dự thảo mới từ phiên bản này"."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.file_names import version_base_name
from app.model import Plan
from app.versions import ISSUED, KIND_NAMES, Version, new_plan_from_version
from ui.ops import Runner
from ui.screen import Dialog, size_for
from ui.settings import Settings
from ui.versions.html import document_html


def build_html(plan: Plan) -> str:
    """Off the GUI thread: the exporters' Document of the version, as rich text."""
    from exporters.build import build_document

    return document_html(build_document(plan))


def saved_at(v: Version) -> str:
    """'10/12/2026 14:05' in the officer's time (versions are stamped in UTC)."""
    from datetime import datetime, timezone

    try:
        at = datetime.fromisoformat(v.created_at).replace(tzinfo=timezone.utc).astimezone()
    except ValueError:
        return v.created_at
    return f"{at:%d/%m/%Y %H:%M}"


def export_dialog(runner: Runner, settings: Settings, version: Version, plan: Plan, parent: QWidget):
    """The export dialog writing exactly this version (its own file name, no check of the draft)."""
    from ui.dialogs.export import ExportDialog

    dialog = ExportDialog(runner, lambda: plan, settings, parent)
    dialog.setWindowTitle("Xuất phiên bản")
    dialog.check_label.hide()  # the check is of the plan being drafted, not of a frozen version
    dialog.panel.name.setText(version_base_name(plan, version.kind, version.number, version.name))
    return dialog


def new_draft(runner: Runner, plan_id: int, version: Version) -> int | None:
    """A new plan starting as the version was; its id (None when refused: the message has gone out)."""
    done = runner.run(new_plan_from_version, plan_id, version.id)
    return done.created if done is not None else None


class VersionViewer(Dialog):
    """`plan_created(plan id)` after "Tạo bản dự thảo mới từ phiên bản này"."""

    plan_created = Signal(int)

    def __init__(
        self,
        runner: Runner,
        settings: Settings,
        plan_id: int,
        version: Version,
        plan: Plan,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.runner, self.settings, self.plan_id, self.version, self.plan = runner, settings, plan_id, version, plan
        self.setWindowTitle(f"Phiên bản: {version.label}")
        kind = "Bản ban hành" if version.kind == ISSUED else f"Bản {KIND_NAMES[version.kind]}"
        self.info = QLabel(
            f"{kind}, lưu lúc {saved_at(version)} — chỉ để đọc; xuất ra đúng như khi lưu. Đang dựng văn bản…"
        )
        self.info.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.export_button = QPushButton("Xuất…")
        self.export_button.setToolTip("Xuất Word, PDF, Excel đúng phiên bản này")
        self.preview_button = QPushButton("Xem trước và in…")
        self.new_button = QPushButton("Tạo bản dự thảo mới từ phiên bản này")
        self.new_button.setToolTip("Một kế hoạch mới, bắt đầu đúng như phiên bản này")
        close = QPushButton("Đóng")
        buttons = QHBoxLayout()
        for b in (self.export_button, self.preview_button, self.new_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self.export)
        self.preview_button.clicked.connect(self.preview)
        self.new_button.clicked.connect(self.new_draft)
        close.clicked.connect(self.reject)
        self.dialogs: dict[str, QWidget] = {}
        size_for(self, 150, 44)
        runner.submit(lambda: build_html(plan), self._show)

    def _show(self, html: str) -> None:
        if not shiboken6.isValid(self.text):  # closed with its plan before the text was ready
            return
        self.text.setHtml(html)
        self.info.setText(self.info.text().replace(" Đang dựng văn bản…", ""))

    def shown_text(self) -> str:
        return self.text.toPlainText()

    def export(self) -> None:
        dialog = export_dialog(self.runner, self.settings, self.version, self.plan, self)
        self.dialogs["export"] = dialog
        dialog.show()

    def preview(self) -> None:
        from ui.printing import PrintDialog

        dialog = PrintDialog(self.runner, self.plan, self.settings, False, self)
        dialog.setWindowTitle(f"In phiên bản: {self.version.label}")
        self.dialogs["print"] = dialog
        dialog.open()

    def new_draft(self) -> None:
        created = new_draft(self.runner, self.plan_id, self.version)
        if created is not None:
            self.accept()
            self.plan_created.emit(created)
