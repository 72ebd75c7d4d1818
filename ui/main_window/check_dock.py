"""'Kiểm tra' (F7): what to fix before signing; a click goes to the place, the mixed tone-mark
spelling is fixed in one click, and the list is checked again after every edit."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.checks import LEVEL_WORDS
from ui.main_window.rich_list import HTML_ROLE, RichList

PLACE_ROLE = Qt.ItemDataRole.UserRole
LEVEL_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#1f5fa8"}
UNIFY_NEW = "Thống nhất kiểu «hòa, ủy»"
UNIFY_OLD = "Thống nhất kiểu «hoà, uỷ»"


def summary_text(counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return "Không thấy gì cần sửa."
    return (
        f"{counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} thông tin. "
        "Lỗi cần sửa trước khi trình ký; việc xuất văn bản không bị chặn."
    )


class CheckDock(QDockWidget):
    goto = Signal(object)  # Place
    unify_requested = Signal(str)  # "new" | "old"
    recheck_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Kiểm tra", parent)
        self.setObjectName("check_dock")
        inner = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = RichList()
        self.list.setSpacing(2)
        self.unify_button = QToolButton()
        self.unify_button.setText(UNIFY_NEW)
        self.unify_button.setToolTip("Viết mọi chữ «hòa/hoà», «ủy/uỷ» theo kiểu mới (Ctrl+Z để hoàn tác)")
        self.unify_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.unify_button)
        menu.addAction(UNIFY_OLD, lambda: self.unify_requested.emit("old"))
        self.unify_button.setMenu(menu)
        self.unify_button.clicked.connect(lambda: self.unify_requested.emit("new"))
        self.unify_button.hide()
        self.recheck_button = QPushButton("Kiểm tra lại")
        self.recheck_button.clicked.connect(self.recheck_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recheck_button)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setWidget(inner)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 46)
        self.findings: list = []
        self.list.itemClicked.connect(self._jump)
        self.list.itemActivated.connect(self._jump)

    def set_findings(self, findings: list) -> None:
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "info": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        order = {"error": 0, "warning": 1, "info": 2}
        self.findings = sorted(findings, key=lambda f: order.get(f.level, 3))
        self.list.clear()
        for f in self.findings:
            self.list.addItem(self._item(f, icons.get(f.level, QIcon())))
        counts = {lv: sum(1 for f in findings if f.level == lv) for lv in ("error", "warning", "info")}
        self.summary.setText(summary_text(counts))
        self.setWindowTitle(f"Kiểm tra — {counts['error']} lỗi, {counts['warning']} cảnh báo")
        self.unify_button.setVisible(any(f.code == "tone-mixed" for f in findings))

    def _item(self, f, icon: QIcon) -> QListWidgetItem:
        where = f"{f.place.label}\n" if f.place is not None else ""
        message = f.message[:1].upper() + f.message[1:]
        item = QListWidgetItem(icon, f"{LEVEL_WORDS[f.level]}: {where}{message}")
        colour = LEVEL_COLOURS.get(f.level, "#000000")
        head = f"<span style='color:{colour}'><b>{LEVEL_WORDS[f.level]}</b></span>"
        place = f" {escape(f.place.label)}<br>" if f.place is not None else " "
        item.setData(HTML_ROLE, f"{head}:{place}{escape(message)}")
        item.setForeground(QColor(colour))
        item.setData(PLACE_ROLE, f.place)
        item.setToolTip("Bấm để đến chỗ cần sửa" if f.place is not None else message)
        return item

    def _jump(self, item: QListWidgetItem) -> None:
        place = item.data(PLACE_ROLE)
        if place is not None:
            self.goto.emit(place)
