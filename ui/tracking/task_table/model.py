"""The tracking table's model: one row per task with its due date, status, completion date,
result and evidence count; and the filter of the rows shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.tracking.status import Status
from app.tracking.tasks import TrackedTask
from ui.tracking.common import dmy

COLUMNS: tuple[tuple[str, str], ...] = (
    ("ref", "STT"),
    ("content", "Nhiệm vụ"),
    ("lead", "Chủ trì"),
    ("due", "Thời hạn"),
    ("status", "Tình trạng"),
    ("completed", "Ngày hoàn thành"),
    ("result", "Kết quả thực hiện"),
    ("evidence", "Minh chứng"),
)
KEYS = tuple(k for k, _ in COLUMNS)
EDITABLE = {"due", "status", "completed", "result"}
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1

FILTERS: tuple[tuple[str, str], ...] = (
    ("all", "Tất cả nhiệm vụ"),
    ("open", "Chưa hoàn thành"),
    ("overdue", "Quá hạn"),
    ("soon", "Đến hạn trong 30 ngày"),
    ("done", "Đã hoàn thành"),
)

RED, GREEN, GREY = QColor("#b00020"), QColor("#1b6e20"), QColor("#666666")


# ---------------------------------------------------------------- model


class TrackingModel(QAbstractTableModel):
    """Rows of TrackedTask; `setData` hands the edit to `on_edit` (which runs an operation)."""

    def __init__(self, today: date, parent: QObject | None = None):
        super().__init__(parent)
        self.today = today
        self.tasks: list[TrackedTask] = []
        self.evidence: dict[int, int] = {}
        self.on_edit: Callable[[int, str, object], bool] | None = None

    def set_tasks(self, tasks: list[TrackedTask], evidence: dict[int, int]) -> None:
        if [t.id for t in tasks] == [t.id for t in self.tasks]:
            self.tasks, self.evidence = tasks, evidence
            if tasks:
                self.dataChanged.emit(self.index(0, 0), self.index(len(tasks) - 1, len(KEYS) - 1))
            return
        self.beginResetModel()
        self.tasks, self.evidence = tasks, evidence
        self.endResetModel()

    def row_of(self, task_id: int) -> int | None:
        return next((i for i, t in enumerate(self.tasks) if t.id == task_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = KEYS[index.column()]
        if key in EDITABLE:
            if key == "completed" and not self.tasks[index.row()].record.status.done:
                return f
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        t = self.tasks[index.row()]
        key = KEYS[index.column()]
        rec = t.record
        if role == TASK_ID_ROLE:
            return t.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(t, key)
        if role == Qt.ItemDataRole.EditRole:
            return {
                "due": t.due.date,
                "status": rec.status,
                "completed": rec.completed_on,
                "result": rec.result,
            }.get(key, self._display(t, key))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(t, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key in ("due", "status") and t.overdue_on(self.today):
                return QBrush(RED)
            if key == "status" and rec.status.done:
                return QBrush(GREEN)
            if key == "due" and t.due.date is None:
                return QBrush(GREY)
        if role == Qt.ItemDataRole.FontRole and not t.leaf:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("ref", "due", "completed", "evidence"):
            return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _display(self, t: TrackedTask, key: str) -> str:
        rec = t.record
        if key == "ref":
            return t.ref
        if key == "content":
            return " ".join(t.task.content.split())
        if key == "lead":
            return " ".join(t.lead.split())
        if key == "due":
            return t.due.label() + (" *" if t.due.overridden else "")
        if key == "status":
            if t.overdue_on(self.today):
                return f"{rec.status.label} (quá hạn {t.days_late(self.today)} ngày)"
            return rec.status.label
        if key == "completed":
            return dmy(rec.completed_on)
        if key == "result":
            return rec.result
        if key == "evidence":
            n = self.evidence.get(t.id, 0)
            return f"{n} tệp" if n else "Thêm…"
        return ""

    def _tooltip(self, t: TrackedTask, key: str) -> str | None:
        if key == "due":
            lines = [t.due.reason]
            if t.timeline.strip():
                lines.append(f"Thời gian thực hiện: {' '.join(t.timeline.split())}")
            if t.due.overridden:
                lines.append("(*) Thời hạn do cán bộ đặt; nút «Thời hạn theo văn bản» để đọc lại từ văn bản.")
            return "\n".join(x for x in lines if x)
        if key == "content":
            return " ".join(t.task.content.split())
        if key == "status" and t.record.status is Status.NOT_DONE and t.record.reason:
            return f"Lý do: {t.record.reason}"
        if key == "result":
            return t.record.result or "Nhấp đúp để ghi kết quả (Ctrl+Enter để lưu)."
        if key == "evidence":
            return "Mở danh sách tệp minh chứng của nhiệm vụ"
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        return self.on_edit(self.tasks[index.row()].id, KEYS[index.column()], value)


class TrackingFilter(QSortFilterProxyModel):
    def __init__(self, today: date, parent: QObject | None = None):
        super().__init__(parent)
        self.today = today
        self.mode = "all"

    def set_mode(self, mode: str) -> None:
        self.beginFilterChange()
        self.mode = mode
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TrackingModel)
        t = model.tasks[source_row]
        status = t.status_on(self.today)
        if self.mode == "open":
            return not status.finished
        if self.mode == "overdue":
            return t.overdue_on(self.today)
        if self.mode == "soon":
            d = t.due.date
            return not status.finished and d is not None and 0 <= (d - self.today).days <= 30
        if self.mode == "done":
            return status.done
        return True
