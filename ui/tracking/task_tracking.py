"""The tracking table: one row per task with its due date, status, completion date, result and evidence.

Every edit goes through a tracking use case and is committed at once; status, result and due-date
edits are undo commands (pushed on the window's stack, or the table's own one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.tracking.status import STATUS_ORDER, Status, TaskTracking, done_status
from app.tracking.tasks import TrackedTask
from app.usecases import tracking as tr
from app.vietnamese import clean_text
from storage import tracking as tracking_store
from storage.db import Store
from ui.tracking.common import UseCaseFailed, dmy, from_qdate, run, saved_text, to_qdate

BLANK_DATE = QDate(2000, 1, 1)  # the QDateEdit minimum shown as "Bỏ trống"

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
    """Rows of TrackedTask; `setData` hands the edit to `on_edit` (which pushes a command), never applies it."""

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


# ---------------------------------------------------------------- delegates


class StatusDelegate(QStyledItemDelegate):
    """A combo of the Vietnamese labels; choosing one commits at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:
        combo = QComboBox(parent)
        for s in STATUS_ORDER:
            combo.addItem(s.label, s)
        combo.activated.connect(lambda *_: (self.commitData.emit(combo), self.closeEditor.emit(combo)))
        QTimer.singleShot(0, combo.showPopup)  # one click to choose, as in Excel's drop-down cells
        return combo

    def setEditorData(self, editor: QWidget, index) -> None:
        assert isinstance(editor, QComboBox)
        status = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(status)))

    def setModelData(self, editor: QWidget, model, index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A QDateEdit; with `blank_text` its minimum date stands for "no date"."""

    def __init__(self, parent: QObject, blank_text: str = "", latest: Callable[[], date] | None = None):
        super().__init__(parent)
        self.blank_text, self.latest = blank_text, latest

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(BLANK_DATE)
        if self.blank_text:
            edit.setSpecialValueText(self.blank_text)
        if self.latest is not None:
            edit.setMaximumDate(to_qdate(self.latest()))
        return edit

    def setEditorData(self, editor: QWidget, index) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        if value is None:
            fallback = self.latest() if self.latest is not None else clock.today()
            editor.setDate(BLANK_DATE if self.blank_text else to_qdate(fallback))
        else:
            editor.setDate(to_qdate(value))

    def setModelData(self, editor: QWidget, model, index) -> None:
        assert isinstance(editor, QDateEdit)
        q = editor.date()
        model.setData(index, None if (self.blank_text and q == BLANK_DATE) else from_qdate(q), Qt.ItemDataRole.EditRole)


class ResultDelegate(QStyledItemDelegate):
    """Multi-line result in place: Enter makes a new line, Ctrl+Enter or leaving the cell saves."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        edit.installEventFilter(self)
        return edit

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 12))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model, index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Only Ctrl+Enter is taken; every other key (Unikey's key()==0 events included) goes to the editor.
        if (
            isinstance(obj, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
        ):
            self.commitData.emit(obj)
            self.closeEditor.emit(obj)
            return True
        return super().eventFilter(obj, event)


class EvidenceDelegate(QStyledItemDelegate):
    """Paints the evidence count as a button; a click opens the task's evidence dialog."""

    def __init__(self, parent: QObject, on_click: Callable[[int], None]):
        super().__init__(parent)
        self.on_click = on_click

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(4, 4, -4, -4)
        button.rect.setHeight(min(button.rect.height(), option.fontMetrics.lineSpacing() + 12))
        button.text = index.data(Qt.ItemDataRole.DisplayRole)
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, option.widget)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.on_click(index.data(TASK_ID_ROLE))
            return True
        return super().editorEvent(event, model, option, index)


# ---------------------------------------------------------------- undo


@dataclass(frozen=True)
class _Snapshot:
    """The part of a record one kind of edit changes, so undo can put it back."""

    status: Status
    completed_on: date | None
    reason: str
    result: str
    due_override: bool
    due_date: date | None

    @classmethod
    def of(cls, r: TaskTracking) -> _Snapshot:
        return cls(r.status, r.completed_on, r.reason, r.result, r.due_override, r.due_date)


class TrackingCommand(QUndoCommand):
    """One tracking edit and its inverse, both use cases; a failure drops the command (setObsolete)."""

    def __init__(self, owner: TaskTrackingWidget, task_id: int, text: str, redo_fn, undo_fn):
        super().__init__(text)
        self.owner, self.task_id = owner, task_id
        self.redo_fn, self.undo_fn = redo_fn, undo_fn

    def _run(self, fn) -> None:
        try:
            run(fn)
        except UseCaseFailed as e:
            self.setObsolete(True)
            self.owner.report_failure(e.message)
            return
        self.owner.after_edit(self.task_id)

    def redo(self) -> None:
        self._run(self.redo_fn)

    def undo(self) -> None:
        self._run(self.undo_fn)


# ---------------------------------------------------------------- widget


class TaskTrackingWidget(QWidget):
    """The "Theo dõi nhiệm vụ" page for one plan.

    Signals: `changed()` after every committed edit; `failed(str)` with a Vietnamese message;
    `jump_requested(kind, ref)` — ("task", task id) when the officer double-clicks the task's
    number, content or lead to edit it in the plan."""

    changed = Signal()
    failed = Signal(str)
    jump_requested = Signal(str, int)

    def __init__(
        self,
        store: Store,
        plan_id: int,
        parent: QWidget | None = None,
        stack: QUndoStack | None = None,
        today: date | None = None,
    ):
        super().__init__(parent)
        self.store, self.plan_id = store, plan_id
        self._today = today
        self.own_stack = stack is None
        self.stack = stack if stack is not None else QUndoStack(self)
        self.evidence_dialog = None

        self.model = TrackingModel(self.today, self)
        self.model.on_edit = self.edit
        self.proxy = TrackingFilter(self.today, self)
        self.proxy.setSourceModel(self.model)

        title = QLabel("Theo dõi thực hiện nhiệm vụ")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.filter = QComboBox()
        for key, label in FILTERS:
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda *_: self.proxy.set_mode(self.filter.currentData()))
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(QLabel("Hiện:"))
        top.addWidget(self.filter)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.verticalHeader().setVisible(False)
        self.view.setItemDelegateForColumn(KEYS.index("status"), StatusDelegate(self.view))
        self.view.setItemDelegateForColumn(KEYS.index("due"), DateDelegate(self.view, blank_text="Bỏ trống"))
        self.view.setItemDelegateForColumn(KEYS.index("completed"), DateDelegate(self.view, latest=lambda: self.today))
        self.view.setItemDelegateForColumn(KEYS.index("result"), ResultDelegate(self.view))
        self.view.setItemDelegateForColumn(KEYS.index("evidence"), EvidenceDelegate(self.view, self.open_evidence))
        self.view.doubleClicked.connect(self._double_clicked)
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 10)
        cw = self.fontMetrics().averageCharWidth()
        for key, chars in (
            ("ref", 9),
            ("lead", 22),
            ("due", 15),
            ("status", 24),
            ("completed", 16),
            ("result", 44),
            ("evidence", 12),
        ):
            self.view.setColumnWidth(KEYS.index(key), cw * chars)
        header.setSectionResizeMode(KEYS.index("content"), QHeaderView.ResizeMode.Stretch)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)
        header.sectionResized.connect(lambda *_: self._fit_timer.start())
        header.setMinimumSectionSize(cw * 8)

        self.done_button = QPushButton("Xong hôm nay")
        self.done_button.setToolTip("Đánh dấu nhiệm vụ đang chọn đã hoàn thành hôm nay (đúng hạn hay quá hạn tự tính)")
        self.done_button.clicked.connect(self.mark_selected_done)
        self.due_reset_button = QPushButton("Thời hạn theo văn bản")
        self.due_reset_button.setToolTip("Bỏ thời hạn tự đặt; đọc lại thời hạn từ cột «Thời gian thực hiện»")
        self.due_reset_button.clicked.connect(self.reset_selected_due)
        self.evidence_button = QPushButton("Minh chứng…")
        self.evidence_button.clicked.connect(lambda: self.open_evidence(self.selected_task_id()))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.done_button, self.due_reset_button, self.evidence_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        if self.own_stack:
            for text, fn, keys in (
                ("Hoàn tác", self.stack.undo, QKeySequence.StandardKey.Undo),
                ("Làm lại", self.stack.redo, QKeySequence.StandardKey.Redo),
            ):
                act = QAction(text, self)
                act.setShortcut(keys)
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                act.triggered.connect(fn)
                self.addAction(act)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()

    @property
    def today(self) -> date:
        return self._today if self._today is not None else clock.today()

    # ---------------------------------------------------------------- data
    def refresh(self) -> None:
        """Read the tasks again (after an edit here, or a change of the plan elsewhere)."""
        tasks = tr.tracked(self.store, self.plan_id)
        evidence: dict[int, int] = {}
        for ev in tracking_store.list_evidence(self.store, self.plan_id):  # one query, not one per task
            if ev.task_id is not None:
                evidence[ev.task_id] = evidence.get(ev.task_id, 0) + 1
        self.model.today = self.proxy.today = self.today
        self.model.set_tasks(tasks, evidence)
        self.proxy.invalidate()
        self.fit_rows()
        leaves = [t for t in tasks if t.leaf]
        done = sum(1 for t in leaves if t.record.status.done)
        late = sum(1 for t in leaves if t.overdue_on(self.today))
        self.count_label.setText(f"Hoàn thành {done}/{len(leaves)} · {late} quá hạn")

    def fit_rows(self) -> None:
        """Rows as tall as their wrapped text, with a little air below."""
        self.view.resizeRowsToContents()
        for r in range(self.proxy.rowCount()):
            self.view.setRowHeight(r, self.view.rowHeight(r) + 6)

    def task(self, task_id: int) -> TrackedTask | None:
        row = self.model.row_of(task_id)
        return self.model.tasks[row] if row is not None else None

    def selected_task_id(self) -> int | None:
        idx = self.view.currentIndex()
        return idx.data(TASK_ID_ROLE) if idx.isValid() else None

    def select_task(self, task_id: int) -> bool:
        """Show and select a task's row (the overview's jump lands here)."""
        row = self.model.row_of(task_id)
        if row is None:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, KEYS.index("status")))
        if not idx.isValid():
            self.filter.setCurrentIndex(0)
            idx = self.proxy.mapFromSource(self.model.index(row, KEYS.index("status")))
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()
        return True

    def index_of(self, task_id: int, key: str) -> QModelIndex:
        """The view's index of a task's cell (for tests and jumps)."""
        row = self.model.row_of(task_id)
        assert row is not None
        return self.proxy.mapFromSource(self.model.index(row, KEYS.index(key)))

    # ---------------------------------------------------------------- edits
    def edit(self, task_id: int, key: str, value) -> bool:
        """An edit from a cell: becomes one undo command (or nothing when the value is unchanged)."""
        t = self.task(task_id)
        if t is None:
            return False
        if key == "status":
            return self.set_status(task_id, value)
        if key == "completed":
            if not t.record.status.done or value is None or value == t.record.completed_on:
                return False
            return self._push_status(t, done_status(value, t.due.date), value, "", "Sửa ngày hoàn thành")
        if key == "result":
            return self.set_result(task_id, value or "")
        if key == "due":
            return self.set_due(task_id, value)
        return False

    def set_status(self, task_id: int, status: Status | str, completed_on: date | None = None) -> bool:
        t = self.task(task_id)
        if t is None:
            return False
        if not isinstance(status, Status):
            found = next((x for x in Status if status in (x.value, x.label)), None)
            if found is None:
                self.report_failure(f"Tình trạng «{status}» không hợp lệ.")
                return False
            status = found
        reason = ""
        if status is Status.NOT_DONE:
            if t.record.status is Status.NOT_DONE:
                return False
            answer = self.ask_reason(t)
            if answer is None or not answer.strip():
                return False
            reason = answer
        elif status is t.record.status and completed_on in (None, t.record.completed_on):
            return False
        if status.done:
            completed_on = completed_on or t.record.completed_on or self.today
        return self._push_status(t, status, completed_on, reason, f"Đổi tình trạng: {status.label}")

    def _push_status(self, t: TrackedTask, status: Status, completed_on, reason: str, text: str) -> bool:
        old = _Snapshot.of(t.record)
        today = self.today

        def redo():
            return tr.set_status(self.store, t.id, status, completed_on, reason, today=today)

        def undo():
            return tr.set_status(
                self.store, t.id, old.status, old.completed_on, old.reason, today=max(today, old.completed_on or today)
            )

        return self._push(TrackingCommand(self, t.id, text, redo, undo))

    def mark_done(self, task_id: int, completed_on: date | None = None) -> bool:
        """Done on a day (today by default), on time or late by the due date."""
        t = self.task(task_id)
        if t is None:
            return False
        day = completed_on or self.today
        return self._push_status(t, done_status(day, t.due.date), day, "", "Đánh dấu hoàn thành")

    def set_result(self, task_id: int, text: str) -> bool:
        t = self.task(task_id)
        if t is None or clean_text(text).strip() == t.record.result:
            return False
        old = t.record.result
        cmd = TrackingCommand(
            self,
            task_id,
            "Sửa kết quả thực hiện",
            lambda: tr.set_result(self.store, task_id, text),
            lambda: tr.set_result(self.store, task_id, old),
        )
        return self._push(cmd)

    def set_due(self, task_id: int, on: date | None, *, clear: bool = False) -> bool:
        """The officer's due date (None: "bỏ trống"); `clear` goes back to the timeline text."""
        t = self.task(task_id)
        if t is None:
            return False
        rec = t.record
        if clear and not rec.due_override:
            return False
        if not clear and rec.due_override and rec.due_date == on:
            return False
        old = _Snapshot.of(rec)

        def undo():
            if old.due_override:
                return tr.set_due_override(self.store, task_id, old.due_date)
            return tr.set_due_override(self.store, task_id, None, clear=True)

        text = "Đặt lại thời hạn theo văn bản" if clear else "Đặt thời hạn"
        return self._push(
            TrackingCommand(
                self, task_id, text, lambda: tr.set_due_override(self.store, task_id, on, clear=clear), undo
            )
        )

    def _push(self, cmd: TrackingCommand) -> bool:
        self._failed = False
        self.stack.push(cmd)
        return not self._failed

    def ask_reason(self, t: TrackedTask) -> str | None:
        """Why a task is not done (tests replace this)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Không thực hiện nhiệm vụ")
        dialog.setLabelText(f"Lý do không thực hiện nhiệm vụ {t.ref}:")
        dialog.setOkButtonText("Ghi")
        dialog.setCancelButtonText("Hủy")
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def mark_selected_done(self) -> None:
        tid = self.selected_task_id()
        if tid is not None:
            self.mark_done(tid)

    def reset_selected_due(self) -> None:
        tid = self.selected_task_id()
        if tid is not None:
            self.set_due(tid, None, clear=True)

    # ---------------------------------------------------------------- feedback
    def after_edit(self, task_id: int) -> None:
        self.refresh()
        self.status.setStyleSheet("")
        self.status.setText(saved_text())
        self.changed.emit()

    def report_failure(self, message: str) -> None:
        self._failed = True
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(message)
        self.failed.emit(message)

    # ---------------------------------------------------------------- evidence and jumps
    def open_evidence(self, task_id: int | None):
        if task_id is None:
            self.status.setText("Hãy chọn một nhiệm vụ trước.")
            return None
        from ui.tracking.evidence import EvidenceDialog

        dialog = EvidenceDialog(self.store, task_id, self)
        dialog.changed.connect(lambda: self.after_edit(task_id))
        self.evidence_dialog = dialog
        dialog.open()
        return dialog

    def _double_clicked(self, index: QModelIndex) -> None:
        if KEYS[index.column()] in ("ref", "content", "lead"):
            self.jump_requested.emit("task", index.data(TASK_ID_ROLE))


def open_task_tracking(
    store: Store, plan_id: int, parent: QWidget | None = None, stack: QUndoStack | None = None
) -> TaskTrackingWidget:
    widget = TaskTrackingWidget(store, plan_id, parent, stack)
    widget.show()
    return widget
