"""'Kiểm tra' (F7): what to fix before signing; a click goes to the place, the mixed tone-mark
spelling is fixed in one click, a warning meant as written is dismissed at its place (and shown
again on request), and the list is checked again after every edit."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
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

from app.checks import LEVEL_WORDS, Finding
from app.ops.checks import can_dismiss
from ui.main_window.rich_list import HTML_ROLE, RichList

PLACE_ROLE = Qt.ItemDataRole.UserRole
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
DISMISSED_ROLE = Qt.ItemDataRole.UserRole + 2
LEVEL_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#1f5fa8"}
DISMISSED_COLOUR = "#6b6b6b"
UNIFY_NEW = "Thống nhất kiểu «hòa, ủy»"
UNIFY_OLD = "Thống nhất kiểu «hoà, uỷ»"
DISMISS = "Bỏ qua cảnh báo này"
UNDISMISS = "Hiện lại cảnh báo này"
SHOW_DISMISSED = "Hiện cả cảnh báo đã bỏ qua"
DISMISSED_MARK = "đã bỏ qua"
BUTTON_TIPS = {
    DISMISS: "Cảnh báo đã xem và giữ nguyên ý: không nhắc lại ở chỗ này (Ctrl+Z để hoàn tác)",
    UNDISMISS: "Nhắc lại cảnh báo này trong danh sách kiểm tra",
    None: "Chọn một cảnh báo; lỗi cần sửa trước khi trình ký nên không bỏ qua được",
}


def summary_text(counts: dict[str, int], dismissed: int = 0) -> str:
    gone = f" Đã bỏ qua {dismissed} cảnh báo." if dismissed else ""
    if not any(counts.values()):
        return "Không thấy gì cần sửa." + gone
    return (
        f"{counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} thông tin. "
        "Lỗi cần sửa trước khi trình ký; việc xuất văn bản không bị chặn." + gone
    )


class CheckDock(QDockWidget):
    goto = Signal(object)  # Place
    unify_requested = Signal(str)  # "new" | "old"
    recheck_requested = Signal()
    dismiss_requested = Signal(object)  # Finding: a warning to stop showing at its place
    undismiss_requested = Signal(object)  # Finding: a dismissed warning to show again
    show_dismissed_toggled = Signal(bool)

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
        self.dismiss_button = QPushButton(DISMISS)
        self.dismiss_button.setEnabled(False)
        self.dismiss_button.clicked.connect(self._dismiss_current)
        self.show_dismissed = QCheckBox(SHOW_DISMISSED)
        self.show_dismissed.toggled.connect(self.show_dismissed_toggled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.recheck_button)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_dismissed)
        layout.addLayout(buttons)
        self.setWidget(inner)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 46)
        self.findings: list[Finding] = []
        self.dismissed: list[Finding] = []
        self.list.itemClicked.connect(self._jump)
        self.list.itemActivated.connect(self._jump)
        self.list.currentItemChanged.connect(lambda *_: self._update_dismiss_button())
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)

    def set_findings(self, findings: list[Finding], dismissed: list[Finding] | None = None) -> None:
        """Show the findings (errors first); the dismissed warnings too, greyed, when asked to."""
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "info": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        order = {"error": 0, "warning": 1, "info": 2}
        self.dismissed = list(dismissed or [])
        self.findings = sorted(findings, key=lambda f: order.get(f.level, 3))
        self.list.clear()
        for f in self.findings:
            self.list.addItem(self._item(f, icons.get(f.level, QIcon())))
        if self.show_dismissed.isChecked():
            for f in self.dismissed:
                self.list.addItem(self._item(f, icons.get(f.level, QIcon()), dismissed=True))
        counts = {lv: sum(1 for f in findings if f.level == lv) for lv in ("error", "warning", "info")}
        self.summary.setText(summary_text(counts, len(self.dismissed)))
        self.setWindowTitle(f"Kiểm tra — {counts['error']} lỗi, {counts['warning']} cảnh báo")
        self.unify_button.setVisible(any(f.code == "tone-mixed" for f in findings))
        self._update_dismiss_button()

    def _item(self, f: Finding, icon: QIcon, dismissed: bool = False) -> QListWidgetItem:
        where = f"{f.place.label}\n" if f.place is not None else ""
        message = f.message[:1].upper() + f.message[1:]
        level = f"{LEVEL_WORDS[f.level]} ({DISMISSED_MARK})" if dismissed else LEVEL_WORDS[f.level]
        item = QListWidgetItem(icon, f"{level}: {where}{message}")
        colour = DISMISSED_COLOUR if dismissed else LEVEL_COLOURS.get(f.level, "#000000")
        head = f"<span style='color:{colour}'><b>{escape(level)}</b></span>"
        place = f" {escape(f.place.label)}<br>" if f.place is not None else " "
        body = f"<span style='color:{colour}'>{escape(message)}</span>" if dismissed else escape(message)
        item.setData(HTML_ROLE, f"{head}:{place}{body}")
        item.setForeground(QColor(colour))
        if dismissed:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
        item.setData(PLACE_ROLE, f.place)
        item.setData(FINDING_ROLE, f)
        item.setData(DISMISSED_ROLE, dismissed)
        item.setToolTip("Bấm để đến chỗ cần sửa" if f.place is not None else message)
        return item

    def _jump(self, item: QListWidgetItem) -> None:
        place = item.data(PLACE_ROLE)
        if place is not None:
            self.goto.emit(place)

    # ---------------------------------------------------------------- dismissing a warning
    def _action_for(self, item: QListWidgetItem | None) -> str | None:
        """DISMISS, UNDISMISS or None: what can be done to the warning of an item."""
        if item is None:
            return None
        if item.data(DISMISSED_ROLE):
            return UNDISMISS
        f = item.data(FINDING_ROLE)
        return DISMISS if f is not None and can_dismiss(f) else None

    def _update_dismiss_button(self) -> None:
        action = self._action_for(self.list.currentItem())
        self.dismiss_button.setText(action or DISMISS)
        self.dismiss_button.setEnabled(action is not None)
        self.dismiss_button.setToolTip(BUTTON_TIPS[action])

    def _act_on(self, item: QListWidgetItem | None) -> None:
        action = self._action_for(item)
        if item is None or action is None:
            return
        signal = self.undismiss_requested if action == UNDISMISS else self.dismiss_requested
        signal.emit(item.data(FINDING_ROLE))

    def _dismiss_current(self) -> None:
        self._act_on(self.list.currentItem())

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        action = self._action_for(item)
        if item is None or action is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self.list)
        menu.addAction(action, lambda: self._act_on(item))
        self.context_menu = menu  # kept for tests and so that it is not collected while shown
        menu.popup(self.list.viewport().mapToGlobal(pos))
