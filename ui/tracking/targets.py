"""Target results per reporting period: the measure (read from the text or set by the officer),
the value measured in the period, and đạt / chưa đạt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.ops import reports, targets
from app.ops.changes import Changes, Part
from app.ops.targets import TargetRow
from app.tracking.calendar import next_period
from app.tracking.measure import OPERATORS, SYMBOLS, Measure, number_text, parse_number, verdict_word
from ui.context import PlanContext
from ui.tracking.common import saved_text

NOT_MEASURABLE = "Không đo được"
COLUMNS = (
    ("content", "Chỉ tiêu"),
    ("operator", "So sánh"),
    ("value", "Mức chỉ tiêu"),
    ("unit", "Đơn vị"),
    ("result", "Kết quả trong kỳ"),
    ("verdict", "Đánh giá"),
)
KEYS = tuple(k for k, _ in COLUMNS)
EDITABLE = {"operator", "value", "unit", "result"}
PERIOD_NAMES = {"q1": "Quý I", "6m": "6 tháng", "9m": "9 tháng", "year": "Cả năm"}


class TargetsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[TargetRow] = []
        self.on_edit: Callable[[int, str, object], bool] | None = None

    def set_rows(self, rows: list[TargetRow]) -> None:
        if [r.target_id for r in rows] == [r.target_id for r in self.rows] and rows:
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(KEYS) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = KEYS[index.column()]
        if key in EDITABLE and (key in ("operator", "result") or self.rows[index.row()].measure is not None):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        key = KEYS[index.column()]
        m = r.measure
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "content":
                return r.content
            if key == "operator":
                return (
                    (SYMBOLS[m.operator] if m else NOT_MEASURABLE)
                    if role == Qt.ItemDataRole.DisplayRole
                    else (m.operator if m else None)
                )
            if key == "value":
                return number_text(m.value) if m else ""
            if key == "unit":
                return m.unit if m else ""
            if key == "result":
                return number_text(r.value) if r.value is not None else ""
            if key == "verdict":
                return verdict_word(r.ok) if m else ("Không đo được" if r.value is None else "Đã ghi kết quả")
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("operator", "value", "unit"):
                return (
                    "Mức do cán bộ đặt (nút «Theo văn bản» để đọc lại từ nội dung chỉ tiêu)"
                    if r.own
                    else "Mức đọc từ nội dung chỉ tiêu; sửa nếu đọc sai"
                )
            if key == "result":
                return "Nhập số đo được trong kỳ, ví dụ 93,5 (để trống: chưa có số liệu)"
            if key == "content":
                return r.content
        if role == Qt.ItemDataRole.ForegroundRole and key == "verdict" and m is not None:
            if r.ok is True:
                return QBrush(QColor("#1b6e20"))
            if r.ok is False:
                return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key != "content":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        return self.on_edit(self.rows[index.row()].target_id, KEYS[index.column()], value)


class OperatorDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for op in OPERATORS:
            combo.addItem(SYMBOLS[op], op)
        combo.addItem(NOT_MEASURABLE, None)
        combo.activated.connect(lambda *_: (self.commitData.emit(combo), self.closeEditor.emit(combo)))
        return combo

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class TargetsWidget(QWidget):
    """Target results of one reporting period; every edit is an undo step of the plan."""

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        title = QLabel("Kết quả thực hiện chỉ tiêu")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.period = QComboBox()
        periods = context.runner.call(reports.periods, context.plan_id) or ()
        for p in periods:
            self.period.addItem(f"{PERIOD_NAMES.get(p.key, p.title)} (chốt số liệu {p.cutoff:%d/%m/%Y})", p.key)
        upcoming = next_period(periods, clock.today())
        if upcoming is not None:
            self.period.setCurrentIndex(self.period.findData(upcoming.key))
        self.period.currentIndexChanged.connect(lambda *_: self.refresh())
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.period)

        self.model = TargetsModel(self)
        self.model.on_edit = self.edit
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setItemDelegateForColumn(KEYS.index("operator"), OperatorDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        cw = self.fontMetrics().averageCharWidth()
        for key, chars in (("operator", 14), ("value", 12), ("unit", 9), ("result", 16), ("verdict", 16)):
            self.view.setColumnWidth(KEYS.index(key), cw * chars)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)
        header.sectionResized.connect(lambda *_: self._fit_timer.start())
        self.reset_button = QPushButton("Theo văn bản")
        self.reset_button.setToolTip("Bỏ mức tự đặt của chỉ tiêu đang chọn; đọc lại từ nội dung chỉ tiêu")
        self.reset_button.clicked.connect(self.reset_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reset_button)
        bottom.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        context.changed.connect(self._on_changed)
        self.refresh()

    @property
    def period_key(self) -> str:
        return self.period.currentData()

    def _on_changed(self, changes: Changes) -> None:
        if self.context.mine(changes) and changes.touches(Part.TARGET_RESULTS, Part.TARGETS):
            self.refresh()

    def refresh(self) -> None:
        rows = self.context.runner.call(targets.rows, self.context.plan_id, self.period_key) or []
        self.model.set_rows(rows)
        self.fit_rows()
        measured = [r for r in rows if r.ok is not None]
        met = sum(1 for r in measured if r.ok)
        self.summary.setText(
            f"Đã có số liệu {len(measured)}/{len(rows)} chỉ tiêu; đạt {met}, chưa đạt {len(measured) - met}."
        )

    def fit_rows(self) -> None:
        self.view.resizeRowsToContents()
        for r in range(self.model.rowCount()):
            self.view.setRowHeight(r, self.view.rowHeight(r) + 6)

    def row(self, target_id: int) -> TargetRow:
        return next(r for r in self.model.rows if r.target_id == target_id)

    def edit(self, target_id: int, key: str, value) -> bool:
        r = self.row(target_id)
        m = r.measure
        if key == "result":
            return self._save(targets.set_result, target_id, self.period_key, "" if value is None else str(value))
        if key == "operator":
            if value is None:
                return self._save(targets.set_measure, target_id, None)
            if m is not None and value == m.operator:
                return False
            base = m or Measure(value, 100.0, "%")
            return self._save(targets.set_measure, target_id, value, base.value, base.unit)
        if m is None:
            return False
        if key == "value":
            number = parse_number(str(value))
            if number is None:
                self._fail(f"«{value}» không phải là số; hãy nhập ví dụ 95 hoặc 93,5.")
                return False
            return self._save(targets.set_measure, target_id, m.operator, number, m.unit)
        if key == "unit":
            return self._save(targets.set_measure, target_id, m.operator, m.value, str(value).strip())
        return False

    def reset_selected(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid():
            self._save(targets.clear_measure, self.model.rows[idx.row()].target_id)

    def _save(self, op, *args) -> bool:
        done = self.context.run(op, *args)
        if done is None or done.empty:
            return False
        self.status.setStyleSheet("")
        self.status.setText(saved_text())
        return True

    def _fail(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(message)
        self.context.report(message)
