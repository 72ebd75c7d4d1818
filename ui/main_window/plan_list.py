"""The list of plans, newest year first, with the "Kế hoạch mới" button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from storage.db import Store
from storage.plans import list_plans

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole


class PlanList(QWidget):
    opened = Signal(int)
    new_requested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.new_button = QPushButton("Kế hoạch mới")
        self.new_button.setToolTip("Tạo kế hoạch mới từ mẫu hoặc từ kế hoạch năm trước (Ctrl+N)")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.list, 1)
        self.new_button.clicked.connect(self.new_requested)
        self.list.currentItemChanged.connect(self._on_current)

    def reload(self, current_id: int | None) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for p in list_plans(self.store):
                summary = " ".join(p.summary.split()) or "(chưa có trích yếu)"
                item = QListWidgetItem(f"{p.year} — {summary}")
                item.setToolTip(f"{' '.join(p.agency.split())}\n{p.tasks} nhiệm vụ")
                item.setData(PLAN_ID_ROLE, p.id)
                self.list.addItem(item)
                if p.id == current_id:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)

    def _on_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.opened.emit(item.data(PLAN_ID_ROLE))
