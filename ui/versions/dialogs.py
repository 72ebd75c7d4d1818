"""The small dialogs of versions: "Ban hành…" (the number and date the clerk assigned), "Lưu phiên
bản…" (a draft's name), and where to write the tracked-changes Word file. A refusal shows as one
line in the dialog, which stays open to be corrected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from PySide6.QtCore import QDate, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import os_reason
from app.model import Plan
from app.versions import issue, save_version
from app.workspace import Workspace
from ui.ops import Runner
from ui.screen import Dialog
from ui.settings import Settings

ERROR_STYLE = "color: #b00020;"


class _Form(Dialog):
    """A form with a message line and two buttons; `ok` runs the action."""

    def __init__(self, title: str, intro: str, ok: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.ok_button = QPushButton(ok)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.ok)
        self.cancel_button = QPushButton("Hủy")
        self.cancel_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.ok_button)
        self.buttons.addWidget(self.cancel_button)
        self.rows = QVBoxLayout(self)
        self.rows.addWidget(self.intro)
        self.rows.addLayout(self.form)
        self.rows.addWidget(self.message)
        self.rows.addLayout(self.buttons)
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 70, 640))

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def ok(self) -> None:
        raise NotImplementedError


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class IssueDialog(_Form):
    """'Ban hành…': the number (số) and date (ngày) the clerk assigned, from the header when set.
    `issued(version id)` once the version is frozen."""

    issued = Signal(int)

    def __init__(self, runner: Runner, plan: Plan, issued_before: str = "", parent: QWidget | None = None):
        again = (
            f" Kế hoạch đã có «{issued_before}»: ban hành lại lưu thêm một bản ban hành; muốn sửa đổi "
            "nội dung đã ban hành, hãy so sánh rồi «Lập kế hoạch sửa đổi, bổ sung»."
            if issued_before
            else ""
        )
        super().__init__(
            "Ban hành kế hoạch",
            "Ghi số và ngày văn thư đã cấp. Kế hoạch được lưu cố định thành bản ban hành: "
            "sau này vẫn sửa được kế hoạch, còn bản ban hành giữ nguyên như lúc ký." + again,
            "Ban hành",
            parent,
        )
        self.runner, self.plan_id = runner, plan.id
        self.number = QLineEdit(plan.number)
        self.number.setPlaceholderText("số văn thư cấp, ví dụ 15")
        symbol = QLabel(f"/{plan.symbol}" if plan.symbol else "")
        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(symbol)
        d = plan.date
        when = date(d.year, d.month, d.day) if d is not None and d.month and d.day else clock.today()
        self.date = QDateEdit(_qdate(when))
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.form.addRow("Số:", row)
        self.form.addRow("Ngày:", self.date)

    def ok(self) -> None:
        q = self.date.date()
        with self.runner.errors_to(self.show_message):
            done = self.runner.run(issue, self.plan_id, self.number.text(), date(q.year(), q.month(), q.day()))
        if done is not None and done.created is not None:
            self.issued.emit(done.created)
            self.accept()


class SaveVersionDialog(_Form):
    """'Lưu phiên bản…': the plan as it is now kept as a named draft. `saved(version id)`."""

    saved = Signal(int)

    def __init__(self, runner: Runner, plan_id: int, parent: QWidget | None = None):
        super().__init__(
            "Lưu phiên bản",
            "Lưu kế hoạch như hiện tại thành một phiên bản dự thảo (ví dụ bản gửi lấy ý kiến), "
            "để sau này xem lại, so sánh hoặc xuất đúng như lúc lưu.",
            "Lưu",
            parent,
        )
        self.runner, self.plan_id = runner, plan_id
        self.name = QLineEdit(f"Dự thảo lấy ý kiến {clock.today():%d/%m}")
        self.form.addRow("Tên phiên bản:", self.name)

    def ok(self) -> None:
        with self.runner.errors_to(self.show_message):
            done = self.runner.run(save_version, self.plan_id, self.name.text())
        if done is not None and done.created is not None:
            self.saved.emit(done.created)
            self.accept()


def default_folder(settings: Settings | None) -> str:
    return (settings.get("export/folder") if settings is not None else "") or str(Path.home() / "Documents")


class TrackedExportDialog(_Form):
    """Where the Word file with tracked changes goes (the export folder of last time). `plans(ws)`
    gives (old, new) when "Xuất" is clicked; the file is written off the GUI thread."""

    def __init__(
        self,
        runner: Runner,
        plans: Callable[[Workspace], tuple[Plan, Plan]],
        base: str,
        settings: Settings | None,
        parent: QWidget | None = None,
    ):
        super().__init__(
            "Xuất bản có theo dõi thay đổi",
            "Tệp Word của bản mới, các thay đổi so với bản cũ được đánh dấu như khi sửa bằng "
            "Track Changes: người xem chấp nhận hoặc từ chối từng thay đổi trong Word.",
            "Xuất",
            parent,
        )
        self.runner, self.plans, self.settings = runner, plans, settings
        self.written: Path | None = None
        self.folder = QLineEdit(default_folder(settings))
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.name = QLineEdit(base)
        self.form.addRow("Thư mục:", row)
        self.form.addRow("Tên tệp:", self.name)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.open_button = QPushButton("Mở thư mục")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))
        )
        self.rows.insertWidget(self.rows.count() - 1, self.done_label)
        self.buttons.insertWidget(1, self.open_button)

    def browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu tệp", self.folder.text())
        if path:
            self.folder.setText(path)

    def ok(self) -> None:
        from exporters.api import export_tracked_changes
        from ui.dialogs.export import ask_overwrite

        self.message.hide()
        folder = Path(self.folder.text().strip())
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self.show_message(f"Không tạo được thư mục «{folder}»: {os_reason(e)}.")
            return
        base = ask_overwrite(self, folder, self.name.text().strip() or "thay-doi", ["docx"])
        if base is None:
            return
        if self.settings is not None:
            self.settings.set("export/folder", str(folder))
        with self.runner.errors_to(self.show_message):
            got = self.runner.call(self.plans)
        if got is None:
            return
        old, new = got
        when = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)  # as the command line dates it
        self.ok_button.setEnabled(False)
        self.done_label.setText("Đang xuất…")
        self.runner.submit(
            lambda: export_tracked_changes(old, new, folder / f"{base}.docx", when), self._done, self._failed
        )

    def _done(self, path: Path) -> None:
        self.written = Path(path)
        self.ok_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.done_label.setText(f"Đã xuất: {self.written.name}")
        self.cancel_button.setText("Đóng")

    def _failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.done_label.setText("")
        self.show_message(message)
