"""A list whose items show a little HTML (the matched words in bold on a highlight), wrapped."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

HTML_ROLE = Qt.ItemDataRole.UserRole + 10


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's HTML_ROLE text (falls back to its plain text), wrapped to the list's width."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(3)
        html = index.data(HTML_ROLE)
        if html:
            doc.setHtml(html)
        else:
            doc.setPlainText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        view = option.widget
        width = option.rect.width() or (view.viewport().width() if isinstance(view, QListWidget) else 300)
        doc.setTextWidth(max(80, width - 6))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        # The text goes where the style puts an item's text: beside the icon, never under it.
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        opt.rect = area
        doc = self._document(opt, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(area.topLeft())
        painter.setClipRect(area.translated(-area.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if not opt.icon.isNull():
            opt.rect.setWidth(opt.rect.width() - opt.decorationSize.width() - 8)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class RichList(QListWidget):
    """A QListWidget painting HTML items; rows are re-measured when the width changes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(HtmlDelegate(self))
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()
