"""The import dialog's rows read from the file: a table model over ImportResult.rows, the area
picker, and the content column drawn indented by level so sub-tasks sit under their task."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QPoint, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.importing import FIELD_KEYS, FIELD_NAMES, GROUP, NUMBER, TASK, ImportResult, ImportRow
from app.model import AREA_CATALOGUE

UNKNOWN_AREA = "(chưa rõ lĩnh vực)"
AREA_NAMES = dict(AREA_CATALOGUE)
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1  # of the content cell: 0 task, 1 sub-task, 2 its own sub-task
_Index = QModelIndex | QPersistentModelIndex
GREY = QColor("#777777")


class ImportRowsModel(QAbstractTableModel):
    """The parsed rows: a tick, the number, the proposed area and the mapped fields in columns."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.parsed: ImportResult | None = None
        self.fields: list[str] = []

    def set_result(self, result: ImportResult | None) -> None:
        self.beginResetModel()
        self.parsed = result
        mapped = set(result.mapping.values()) if result is not None else set()
        self.fields = [k for k in FIELD_KEYS if k != NUMBER and (k in mapped or k == "content")]
        self.endResetModel()

    @property
    def rows(self) -> list[ImportRow]:
        return self.parsed.rows if self.parsed is not None else []

    def content_column(self) -> int:
        return 2 + self.fields.index("content")

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation == Qt.Orientation.Vertical:
            return None
        if section == 0:
            return "Nhập / STT"
        if section == 1:
            return "Lĩnh vực"
        return FIELD_NAMES[self.fields[section - 2]]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.rows[index.row()]
        if row.kind == TASK and index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        if row.kind == TASK and index.column() == 1:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and c == 0 and row.kind == TASK:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, c)
        if role == Qt.ItemDataRole.EditRole and c == 1:
            return row.area
        if role == LEVEL_ROLE:  # the content is drawn indented by it (IndentDelegate)
            return row.level if c == self.content_column() else 0
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # the tick is drawn centred: its number sits beside it; texts read from the top
            vertical = Qt.AlignmentFlag.AlignVCenter if c == 0 else Qt.AlignmentFlag.AlignTop
            return int(Qt.AlignmentFlag.AlignLeft | vertical)
        return _look(row, role)

    def _text(self, row: ImportRow, c: int) -> str:
        if c == 0:
            return ("  " * row.level) + row.label  # a hint beside the tick; the content is drawn indented
        if c == 1:
            if row.kind not in (TASK, GROUP):
                return ""
            return AREA_NAMES.get(row.area, UNKNOWN_AREA if row.kind == TASK else "")
        key = self.fields[c - 2]
        if key == "content":
            return row.fields.get("content", "") if row.kind == TASK else row.text
        return row.fields.get(key, "") if row.kind == TASK else ""

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and row.kind == TASK:
            row.checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() == 1 and row.kind == TASK:
            row.area = value or ""
            self.dataChanged.emit(index, index)
            return True
        return False


def _look(row: ImportRow, role: int):
    """Fonts, colours and tooltips: group rows bold on blue, unplaced text italic, unticked rows grey."""
    if role == Qt.ItemDataRole.FontRole and row.kind != TASK:
        font = QFont()
        font.setBold(row.kind == GROUP)
        font.setItalic(row.kind != GROUP)
        return font
    if role == Qt.ItemDataRole.BackgroundRole and row.kind == GROUP:
        return QBrush(QColor("#e8eef7"))
    if role == Qt.ItemDataRole.ForegroundRole and (
        row.kind == TASK and not row.checked or row.kind not in (TASK, GROUP)
    ):
        return QBrush(GREY)
    if role == Qt.ItemDataRole.ToolTipRole:
        where = ", ".join(str(n) for n in row.source_rows)
        if row.kind == GROUP:
            return f"Dòng nhóm (lĩnh vực), không nhập thành nhiệm vụ — dòng {where} của bảng"
        if row.kind != TASK:
            return f"Chữ không xếp được vào cột nào — dòng {where} của bảng; không được nhập"
        return f"Dòng {where} của bảng" + (" (nhiệm vụ con)" if row.level else "")
    return None


class AreaDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for area, title in AREA_CATALOGUE:
            combo.addItem(title, area)
        combo.addItem(UNKNOWN_AREA, "")
        combo.activated.connect(lambda *_: (self.commitData.emit(combo), self.closeEditor.emit(combo)))
        return combo

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class IndentDelegate(QStyledItemDelegate):
    """A sub-task's content drawn to the right by its level, every wrapped line of it (leading
    spaces would indent the first line only), with a grey corner joining it to the task above."""

    def step(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.averageCharWidth() * 3

    def indent(self, option: QStyleOptionViewItem, index: _Index) -> int:
        return (index.data(LEVEL_ROLE) or 0) * self.step(option)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        shift = self.indent(option, index)
        if not shift:
            super().paint(painter, option, index)
            return
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        style = whole.widget.style() if whole.widget is not None else QApplication.style()
        # the cell's background and selection across its whole width, the text to the right
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, whole, painter, whole.widget)
        moved = QStyleOptionViewItem(option)
        moved.rect = option.rect.adjusted(shift, 0, 0, 0)
        super().paint(painter, moved, index)
        self._corner(painter, option, shift)

    def _corner(self, painter: QPainter, option: QStyleOptionViewItem, shift: int) -> None:
        """'└' in the margin, from the top of the cell to the middle of the first line."""
        half = self.step(option) // 2
        x = option.rect.left() + shift - half - 2
        y = option.rect.top() + 3 + option.fontMetrics.height() // 2
        painter.save()
        painter.setPen(QPen(GREY, 1))
        painter.drawLine(QPoint(x, option.rect.top() + 2), QPoint(x, y))
        painter.drawLine(QPoint(x, y), QPoint(x + half - 1, y))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        shift = self.indent(option, index)
        moved = QStyleOptionViewItem(option)
        moved.rect = option.rect.adjusted(shift, 0, 0, 0)  # the text wraps in what is left of the cell
        size = super().sizeHint(moved, index)
        return QSize(size.width() + shift, size.height())
