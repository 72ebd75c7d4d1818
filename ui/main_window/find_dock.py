"""Ctrl+F: accent-insensitive search over every text of the plan; a click goes to the text."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QLineEdit, QListWidgetItem, QVBoxLayout, QWidget

from app.model import Plan
from app.text_walk import Place, iter_texts
from app.vietnamese import fold
from ui.main_window.rich_list import HTML_ROLE, RichList

PLACE_ROLE = Qt.ItemDataRole.UserRole
MAX_RESULTS = 500
MARK = "background: #ffe48a; font-weight: bold;"


def _excerpt(text: str, start: int, length: int, width: int = 40) -> tuple[str, str]:
    """(plain, html) around a match, the match marked in the html."""
    a, b = max(0, start - width), min(len(text), start + length + width)
    head, match, tail = text[a:start], text[start : start + length], text[start + length : b]
    pre, post = ("…" if a else ""), ("…" if b < len(text) else "")
    plain = pre + " ".join((head + match + tail).split()) + post
    html = f"{pre}{escape(' '.join(head.split(' ')))}<span style='{MARK}'>{escape(match)}</span>{escape(tail)}{post}"
    return plain, html


def find_in_plan(plan: Plan, query: str) -> list[tuple[Place, str, str]]:
    """(place, excerpt, excerpt as html) for each text holding the query, ignoring accents and case."""
    key = fold(query.strip())
    if not key:
        return []
    out = []
    for place, text in iter_texts(plan):
        if not text:
            continue
        folded = fold(text)  # same length as text for NFC Vietnamese: positions line up
        i = folded.find(key)
        if i < 0:
            continue
        if len(folded) == len(text):
            out.append((place, *_excerpt(text, i, len(key))))
        else:
            out.append((place, text[:80], escape(text[:80])))
        if len(out) >= MAX_RESULTS:
            break
    return out


class FindDock(QDockWidget):
    goto = Signal(object)  # Place

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Tìm trong kế hoạch", parent)
        self.setObjectName("find_dock")
        self.plan_source: Callable[[], Plan] | None = None
        inner = QWidget()
        self.query = QLineEdit()
        self.query.setPlaceholderText("Gõ có dấu hoặc không dấu, ví dụ «hai long»")
        self.query.setClearButtonEnabled(True)
        self.count = QLabel()
        self.results = RichList()
        self.results.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.setWidget(inner)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 46)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)  # search once typing pauses, not on every key
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda *_: self._timer.start())
        self.query.returnPressed.connect(self._activate_first)
        self.results.itemActivated.connect(self._jump)
        self.results.itemClicked.connect(self._jump)

    def search(self, text: str | None = None) -> int:
        self._timer.stop()
        if text is None:
            text = self.query.text()
        self.results.clear()
        if self.plan_source is None or not text.strip():
            self.count.setText("")
            return 0
        found = find_in_plan(self.plan_source(), text)
        for place, excerpt, html in found:
            item = QListWidgetItem(f"{place.label}\n{excerpt}")
            item.setData(HTML_ROLE, f"<b>{escape(place.label)}</b><br>{html}")
            item.setData(PLACE_ROLE, place)
            self.results.addItem(item)
        self.count.setText(f"Tìm thấy {len(found)} chỗ" if found else "Không tìm thấy")
        return len(found)

    def _activate_first(self) -> None:
        self.search()
        if self.results.count():
            self.results.setCurrentRow(0)
            self._jump(self.results.item(0))

    def _jump(self, item: QListWidgetItem) -> None:
        self.goto.emit(item.data(PLACE_ROLE))
