"""Docks that list places in the plan: find results and years left over after carry-forward."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.carry_forward import Leftover
from app.model import Plan
from app.text_walk import iter_texts
from app.vietnamese import fold

PLACE_ROLE = Qt.ItemDataRole.UserRole
MAX_RESULTS = 500


def _excerpt(text: str, start: int, length: int, width: int = 30) -> str:
    a, b = max(0, start - width), min(len(text), start + length + width)
    return ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")


def find_in_plan(plan: Plan, query: str) -> list[tuple[object, str]]:
    """(place, excerpt) for each text holding the query, ignoring accents and case."""
    key = fold(query.strip())
    if not key:
        return []
    out = []
    for place, text in iter_texts(plan):
        if not text:
            continue
        folded = fold(text)  # same length as text for NFC Vietnamese: positions line up
        i = folded.find(key)
        if i >= 0:
            out.append((place, _excerpt(text, i, len(key)) if len(folded) == len(text) else text[:80]))
        if len(out) >= MAX_RESULTS:
            break
    return out


class FindDock(QDockWidget):
    """Ctrl+F: accent-insensitive search over every text of the plan."""

    goto = Signal(object)  # Place

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Tìm trong kế hoạch", parent)
        self.setObjectName("find_dock")
        self.plan_source = None  # callable returning the current Plan
        inner = QWidget()
        self.query = QLineEdit()
        self.query.setPlaceholderText("Gõ có dấu hoặc không dấu, ví dụ «hai long»")
        self.query.setClearButtonEnabled(True)
        self.count = QLabel()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.setWidget(inner)
        self.query.textChanged.connect(self.search)
        self.query.returnPressed.connect(self._activate_first)
        self.results.itemActivated.connect(self._jump)
        self.results.itemClicked.connect(self._jump)

    def search(self, text: str | None = None) -> int:
        if text is None:
            text = self.query.text()
        self.results.clear()
        if self.plan_source is None or not text.strip():
            self.count.setText("")
            return 0
        found = find_in_plan(self.plan_source(), text)
        for place, excerpt in found:
            item = QListWidgetItem(f"{place.label}\n{excerpt}")
            item.setData(PLACE_ROLE, place)
            self.results.addItem(item)
        self.count.setText(f"Tìm thấy {len(found)} chỗ" if found else "Không tìm thấy")
        return len(found)

    def _activate_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self._jump(self.results.item(0))

    def _jump(self, item: QListWidgetItem) -> None:
        self.goto.emit(item.data(PLACE_ROLE))


class LeftoversDock(QDockWidget):
    """After carry-forward: the places that still name a past year; double-click jumps there."""

    goto = Signal(object)  # Place

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Năm cũ còn sót", parent)
        self.setObjectName("leftovers_dock")
        inner = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.setWidget(inner)
        self.list.itemDoubleClicked.connect(self._jump)
        self.list.itemActivated.connect(self._jump)

    def set_leftovers(self, leftovers: list[Leftover]) -> None:
        self.list.clear()
        n = len(leftovers)
        self.summary.setText(f"Còn {n} chỗ ghi năm cũ" if n else "Không còn chỗ nào ghi năm cũ.")
        self.setWindowTitle(f"Còn {n} chỗ ghi năm cũ")
        for lo in leftovers:
            note = " (ngày của văn bản được dẫn)" if lo.why == "cited" else ""
            item = QListWidgetItem(f"{lo.place.label}: {lo.year}{note}\n«{lo.excerpt}»")
            item.setData(PLACE_ROLE, lo.place)
            self.list.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        self.goto.emit(item.data(PLACE_ROLE))


LEVEL_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#1f5fa8"}


class CheckDock(QDockWidget):
    """'Kiểm tra' (F7): what to fix before signing, each finding jumps to its place on double-click."""

    goto = Signal(object)  # Place
    unify_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Kiểm tra", parent)
        self.setObjectName("check_dock")
        inner = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.unify_button = QPushButton("Thống nhất kiểu bỏ dấu…")
        self.unify_button.setToolTip("Viết mọi chữ «hòa/hoà», «ủy/uỷ» theo một kiểu (Ctrl+Z để hoàn tác)")
        self.unify_button.hide()
        self.recheck_button = QPushButton("Kiểm tra lại")
        buttons = QHBoxLayout()
        buttons.addWidget(self.unify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recheck_button)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setWidget(inner)
        self.findings: list = []
        self.list.itemDoubleClicked.connect(self._jump)
        self.list.itemActivated.connect(self._jump)
        self.unify_button.clicked.connect(self.unify_requested)

    def set_findings(self, findings: list) -> None:
        from app.checks import LEVEL_WORDS

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
            where = f"{f.place.label}\n" if f.place is not None else ""
            message = f.message[:1].upper() + f.message[1:]
            item = QListWidgetItem(icons.get(f.level, QIcon()), f"{LEVEL_WORDS[f.level]}: {where}{message}")
            item.setForeground(QColor(LEVEL_COLOURS.get(f.level, "#000000")))
            item.setData(PLACE_ROLE, f.place)
            item.setToolTip("Bấm đúp để đến chỗ cần sửa" if f.place is not None else message)
            self.list.addItem(item)
        counts = {lv: sum(1 for f in findings if f.level == lv) for lv in ("error", "warning", "info")}
        self.summary.setText(summary_text(counts))
        self.setWindowTitle(f"Kiểm tra — {counts['error']} lỗi, {counts['warning']} cảnh báo")
        self.unify_button.setVisible(any(f.code == "tone-mixed" for f in findings))

    def _jump(self, item: QListWidgetItem) -> None:
        place = item.data(PLACE_ROLE)
        if place is not None:
            self.goto.emit(place)


def summary_text(counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return "Không thấy gì cần sửa."
    return (
        f"{counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} thông tin. "
        "Lỗi cần sửa trước khi trình ký; việc xuất văn bản không bị chặn."
    )
