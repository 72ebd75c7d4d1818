"""The outline of the open plan: general information, bases, numbered sections, targets, appendices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.model import Plan
from app.numbering import appendix_label, heading_text, numbered_sections
from ui.editors.appendix_form import outline_title

NODE_ROLE = Qt.ItemDataRole.UserRole
UNTITLED = "(chưa có tiêu đề)"
MAX_LABEL = 70


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


class Outline(QTreeWidget):
    """Nodes carry (kind, ref): ("header", None), ("section", id), ("appendix", id) …"""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)

    def rebuild(self, plan: Plan) -> None:
        current = self.current_node()
        self.blockSignals(True)
        try:
            self.clear()
            self._add(None, "Thông tin chung", ("header", None))
            self._add(None, "Căn cứ", ("bases", None))
            items: dict[tuple[int, ...], QTreeWidgetItem] = {}
            for ns in numbered_sections(plan):
                parent = items.get(ns.path[:-1])
                text = heading_text(ns.label, ns.section.heading or UNTITLED)
                items[ns.path] = self._add(parent, text, ("section", ns.section.id), ns.section.heading)
            self._add(None, "Chỉ tiêu", ("targets", None))
            for n, a in enumerate(plan.appendices, 1):
                label = appendix_label(plan.appendix_numbering, n)
                title = outline_title(a.title) or ("Chỉ tiêu" if a.kind == "targets" else "Nhiệm vụ")
                self._add(None, f"{label} — {title}", ("appendix", a.id), a.title)
            self._add(None, "Ký và nơi nhận", ("signer", None))
            self._add(None, "Phiên bản", ("versions", None), "Bản ban hành, bản dự thảo; so sánh hai bản")
            tracking = self._add(None, "Theo dõi thực hiện", ("overview", None))
            self._add(tracking, "Tiến độ nhiệm vụ", ("tracking", None))
            self._add(tracking, "Kết quả chỉ tiêu", ("target_results", None))
            self._add(None, "Tự đánh giá chỉ số CCHC", ("index", None))
            self.expandToDepth(0)
        finally:
            self.blockSignals(False)
        if current is not None:
            self.select_node(current, quiet=True)

    def _add(self, parent, text: str, node, tip: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem([_short(text)])
        item.setData(0, NODE_ROLE, node)
        item.setToolTip(0, tip or text)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def current_node(self):
        item = self.currentItem()
        return item.data(0, NODE_ROLE) if item is not None else None

    def find_item(self, node) -> QTreeWidgetItem | None:
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            if item.data(0, NODE_ROLE) == node:
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    def select_node(self, node, quiet: bool = False) -> bool:
        item = self.find_item(node)
        if item is None:
            return False
        if quiet:
            self.blockSignals(True)
        try:
            self.setCurrentItem(item)
            self.scrollToItem(item)
        finally:
            if quiet:
                self.blockSignals(False)
        return True
