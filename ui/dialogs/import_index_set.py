"""'Nhập bộ tiêu chí…': a province's criteria table (.xlsx/.docx) or a set file (.json) shown
before anything is stored — the tree with each criterion's points, the maximum total found, the
rows not taken and, in red, why the set cannot be stored as read (parts not adding up to the
stated total …). "Nhập bộ tiêu chí" is enabled only for a whole set; it is one undo step. The file
is read off the GUI thread, as the table import does."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.index.import_table import ImportedSet, preview_file
from app.index.model import format_points
from app.ops import index as index_ops
from ui.context import PlanContext
from ui.screen import Dialog, size_for
from ui.tracking.common import show_error

FILE_FILTER = "Bộ tiêu chí (*.xlsx *.docx *.json)"
REFUSAL_COLOUR = "#b3261e"


class ImportIndexSetDialog(Dialog):
    """Signal `imported(set id)` after the set is stored."""

    imported = Signal(int)

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nhập bộ tiêu chí Chỉ số CCHC")
        self.context = context
        self.got: ImportedSet | None = None
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(
            "Chọn tệp Excel (.xlsx), Word (.docx) có bảng tiêu chí, hoặc tệp bộ tiêu chí (.json)"
        )
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("Tệp:"))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(choose)
        self.name = QLineEdit()
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel("Tên bộ tiêu chí:"))
        name_row.addWidget(self.name, 1)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Tiêu chí", "Điểm tối đa", "Hướng dẫn chấm"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 260)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        problems_box = QGroupBox("Những chỗ cần xem lại")
        QVBoxLayout(problems_box).addWidget(self.problems)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(problems_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        self.import_button = QPushButton("Nhập bộ tiêu chí")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.do_import)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(name_row)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        size_for(self, 130, 36)
        self._show(None)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp bộ tiêu chí", str(Path.home()), FILE_FILTER)
        if path:
            self.open_file(path)

    def open_file(self, path: Path | str) -> None:
        self.file.setText(str(path))
        self.summary.setText("Đang đọc tệp…")
        self.import_button.setEnabled(False)
        self.context.runner.submit(lambda: preview_file(path), self._show, self._refused)

    def _refused(self, message: str) -> None:
        self._show(None)
        show_error(self, message, "Không đọc được tệp")

    def _show(self, got: ImportedSet | None) -> None:
        self.got = got
        self.tree.clear()
        self.problems.clear()
        if got is None:
            self.summary.setText("Chọn tệp có bảng tiêu chí của tỉnh để xem trước.")
            self.import_button.setEnabled(False)
            return
        cs = got.criteria_set
        self.name.setText(cs.name)
        items: dict[str, QTreeWidgetItem] = {}
        for c in cs.criteria:
            item = QTreeWidgetItem([f"{c.number}. {c.title}", format_points(c.max_points), c.guidance])
            item.setToolTip(0, c.title)
            item.setToolTip(2, c.guidance)
            parent = items.get(c.parent_number or "")
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[c.number] = item
            if c.depth == 1:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFont(1, font)
        self.tree.expandAll()
        areas = sum((a.max_points for a in cs.areas()), Decimal(0))
        self.summary.setText(
            f"{len(cs.criteria)} tiêu chí trong {len(cs.areas())} lĩnh vực; tổng điểm tối đa"
            f" {format_points(cs.total)} (các lĩnh vực cộng lại {format_points(areas)}). Nguồn: {got.source}."
        )
        for line in got.refusals:
            refusal = QListWidgetItem(f"Chưa nhập được: {line}")
            refusal.setForeground(QColor(REFUSAL_COLOUR))
            self.problems.addItem(refusal)
        for line in got.problems:
            self.problems.addItem(QListWidgetItem(line))
        self.import_button.setEnabled(not got.refusals)
        self.import_button.setToolTip(
            "Sửa bảng trong tệp rồi chọn lại tệp" if got.refusals else "Lưu bộ tiêu chí (Ctrl+Z để hoàn tác)"
        )

    def do_import(self) -> None:
        if self.got is None or self.got.refusals:
            return
        cs = self.got.criteria_set
        name = " ".join(self.name.text().split())
        if name:
            cs.name = name
        done = self.context.run(index_ops.import_set, self.context.plan_id, cs)
        if done is not None and done.created is not None:
            self.imported.emit(done.created)
            self.accept()
