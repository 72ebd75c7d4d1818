"""After carry-forward: the places that still name a past year; a click goes there. The list
follows every edit, so a fixed place leaves it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidgetItem, QVBoxLayout, QWidget

from app.carry_forward import Leftover
from ui.main_window.rich_list import HTML_ROLE, RichList

PLACE_ROLE = Qt.ItemDataRole.UserRole


def title(n: int) -> str:
    return f"Còn {n} chỗ ghi năm cũ" if n else "Không còn chỗ ghi năm cũ"


class LeftoversDock(QDockWidget):
    goto = Signal(object)  # Place

    def __init__(self, parent: QWidget | None = None):
        super().__init__(title(0), parent)
        self.setObjectName("leftovers_dock")
        inner = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = RichList()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.setWidget(inner)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 46)
        self.list.itemClicked.connect(self._jump)
        self.list.itemActivated.connect(self._jump)

    def set_leftovers(self, leftovers: list[Leftover]) -> None:
        self.list.clear()
        n = len(leftovers)
        self.setWindowTitle(title(n))
        self.summary.setText(f"{title(n)}: bấm vào một dòng để đến chỗ đó." if n else "Không còn chỗ nào ghi năm cũ.")
        for lo in leftovers:
            note = " (ngày của văn bản được dẫn)" if lo.why == "cited" else ""
            item = QListWidgetItem(f"{lo.place.label}: {lo.year}{note}\n«{lo.excerpt}»")
            excerpt = escape(lo.excerpt).replace(str(lo.year), f"<b style='background:#ffe48a'>{lo.year}</b>")
            item.setData(HTML_ROLE, f"<b>{escape(lo.place.label)}</b>: {lo.year}{escape(note)}<br>«{excerpt}»")
            item.setData(PLACE_ROLE, lo.place)
            self.list.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        self.goto.emit(item.data(PLACE_ROLE))
