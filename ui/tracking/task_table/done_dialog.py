"""'Hoàn thành…': the day a task was done (the due date when it has passed) and its result line."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.tracking.tasks import TrackedTask
from ui.screen import Dialog
from ui.tracking.common import dmy
from ui.tracking.task_table.delegates import parse_date


class DoneDialog(Dialog):
    """Asks the completion date and a one-line result; the result line has the focus."""

    def __init__(self, task: TrackedTask, default: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Hoàn thành nhiệm vụ")
        self.task = task
        heading = QLabel(f"<b>{task.ref}</b> {' '.join(task.task.content.split())}")
        heading.setWordWrap(True)
        due = f"Thời hạn: {task.due.label()}" if task.due.date else "Chưa có thời hạn"
        self.day = QLineEdit(dmy(default))
        self.day.setPlaceholderText("ngày/tháng/năm")
        self.result_line = QLineEdit(task.record.result)
        self.result_line.setPlaceholderText("Một dòng kết quả, ví dụ «Đã ban hành Kế hoạch số 12/KH-UBND»")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow("Ngày hoàn thành:", self.day)
        form.addRow("Kết quả:", self.result_line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ghi")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(QLabel(due))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 70, 700))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.result_line.setFocus()  # the date is usually right already: she types the result

    def completed_on(self) -> date | None:
        try:
            return parse_date(self.day.text())
        except ValueError:
            return None

    def accept(self) -> None:
        if self.completed_on() is None:
            self.error.setText("Hãy ghi ngày hoàn thành theo dạng ngày/tháng/năm, ví dụ 15/02/2027.")
            self.day.setFocus()
            return
        super().accept()
