"""'Liên kết…' of a criterion: the plan's tasks, targets and the evidence files already attached to
its tasks, each ticked when linked; a search field narrows the list. "Lưu liên kết" links exactly
what is ticked (one undo step); a task newly ticked brings its evidence files with it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ops.index import Candidate
from app.vietnamese import fold
from ui.screen import Dialog, size_for

ROLE = Qt.ItemDataRole.UserRole


class LinkPicker(Dialog):
    """`wanted()` after accept: the (kind, ref) ticked."""

    def __init__(self, number: str, title: str, found: list[Candidate], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Liên kết tiêu chí {number}")
        head = QLabel(f"Tiêu chí {number}. {' '.join(title.split())}")
        head.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Gõ vài chữ để lọc danh sách")
        self.search.textChanged.connect(self._narrow)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for c in found:
            item = QListWidgetItem(c.label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.linked else Qt.CheckState.Unchecked)
            item.setData(ROLE, (c.kind, c.ref))
            item.setToolTip(c.label)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda *_: self._count())
        self.counts = QLabel()
        save = QPushButton("Lưu liên kết")
        save.setDefault(True)
        save.clicked.connect(self.accept)
        cancel = QPushButton("Hủy")
        cancel.clicked.connect(self.reject)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel("Tìm:"))
        search_row.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(save)
        bottom.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(
            QLabel(
                "Đánh dấu nhiệm vụ, chỉ tiêu hoặc tệp minh chứng đã có của kế hoạch (tệp được liên kết, không chép lại):"
            )
        )
        layout.addLayout(search_row)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        size_for(self, 90, 30)
        self._count()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _narrow(self, text: str) -> None:
        words = fold(text).split()
        for item in self._items():
            label = fold(item.text())
            item.setHidden(not all(w in label for w in words))

    def _count(self) -> None:
        n = sum(1 for it in self._items() if it.checkState() == Qt.CheckState.Checked)
        self.counts.setText(f"Đã chọn {n} mục.")

    def wanted(self) -> frozenset[tuple[str, int]]:
        return frozenset(it.data(ROLE) for it in self._items() if it.checkState() == Qt.CheckState.Checked)
