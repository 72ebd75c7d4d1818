"""The evidence of one task: the files copied into the data folder, checked against their hash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ops import evidence, tracking
from app.ops.changes import Changes, Part
from app.workspace import Workspace
from ui.context import PlanContext
from ui.screen import Dialog, size_for
from ui.tracking.common import saved_text, size_text

CHECK_OK, CHECK_CHANGED, CHECK_MISSING = "Nguyên vẹn", "Đã bị thay đổi", "Không tìm thấy tệp"


def check_text(ws: Workspace, evidence_id: int) -> str:
    try:
        return CHECK_OK if evidence.verify(ws, evidence_id) else CHECK_CHANGED
    except Exception:  # NotFound, or the file cannot be read
        return CHECK_MISSING


def added_text(stamp: str) -> str:
    """'2027-06-10T08:30:00' -> '10/06/2027 08:30'."""
    day, _, clock = stamp.partition("T")
    parts = day.split("-")
    if len(parts) != 3:
        return stamp
    return f"{parts[2]}/{parts[1]}/{parts[0]}" + (f" {clock[:5]}" if clock else "")


class EvidenceDialog(Dialog):
    """List, add, open and unlink a task's evidence (each an undo step). Unlinking keeps the file
    in the data folder."""

    def __init__(self, context: PlanContext, task_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.task_id = context, task_id
        self.ws = context.ws
        task = tracking.tracked_task(self.ws, task_id)
        self.setWindowTitle(f"Minh chứng — nhiệm vụ {task.ref}")
        heading = QLabel(f"<b>{task.ref}</b> {' '.join(task.task.content.split())}")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)

        self.files = QTreeWidget()
        self.files.setRootIsDecorated(False)
        self.files.setHeaderLabels(["Tên tệp", "Ngày thêm", "Dung lượng", "Kiểm tra"])
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.files.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.files.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.files.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton("Thêm minh chứng…")
        self.open_button = QPushButton("Mở")
        self.unlink_button = QPushButton("Gỡ khỏi nhiệm vụ")
        self.unlink_button.setToolTip("Tệp vẫn được giữ trong thư mục dữ liệu; chỉ bỏ liên kết với nhiệm vụ này.")
        close = QPushButton("Đóng")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.unlink_button.clicked.connect(self.unlink_selected)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.unlink_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.status = QLabel()
        self.status.setWordWrap(True)
        note = QLabel("Tệp được sao chép vào thư mục dữ liệu; tệp gốc không bị thay đổi.")
        note.setWordWrap(True)
        note.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.files, 1)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        size_for(self, 100, 18)
        context.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Part.EVIDENCE) and self.task_id in changes.ids:
            self.reload()

    def reload(self) -> None:
        self.files.clear()
        for ev in evidence.of_task(self.ws, self.task_id):
            item = QTreeWidgetItem(
                [ev.file_name, added_text(ev.added_at), size_text(ev.size), check_text(self.ws, ev.id)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, ev.id)
            item.setToolTip(0, f"{ev.file_name}\nLưu tại: {ev.stored_path}\nSHA-256: {ev.sha256}")
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.files.addTopLevelItem(item)
        first = self.files.topLevelItem(0)
        if first is not None:
            self.files.setCurrentItem(first)
        self._update_buttons()

    def count(self) -> int:
        return self.files.topLevelItemCount()

    def selected_id(self) -> int | None:
        item = self.files.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.open_button.setEnabled(has)
        self.unlink_button.setEnabled(has)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp minh chứng", str(Path.home()), "Mọi tệp (*)")
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> int:
        added = 0
        for p in paths:
            if self.context.run(evidence.add, self.task_id, p) is None:
                break
            added += 1
        if added:
            self.status.setText(f"Đã thêm {added} tệp. {saved_text()}")
        return added

    def open_selected(self) -> None:
        ev_id = self.selected_id()
        if ev_id is None:
            return
        path = self.context.runner.call(evidence.file_of, ev_id)
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def unlink_selected(self) -> None:
        ev_id = self.selected_id()
        if ev_id is None:
            return
        if self.context.run(evidence.unlink, ev_id) is not None:
            self.status.setText(f"Đã gỡ minh chứng khỏi nhiệm vụ (tệp vẫn được giữ; Ctrl+Z để gắn lại). {saved_text()}")
