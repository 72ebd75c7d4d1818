"""'Tiến độ nhiệm vụ': the tracking table of the plan on screen, its buttons, and files dropped on a
row as evidence. Every edit is an operation with its undo step on the plan's undo stack."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.ops import evidence, tracking
from app.ops.changes import Changes, Part
from app.tracking.status import Status
from app.tracking.tasks import TrackedTask
from ui.context import PlanContext
from ui.tracking.common import saved_text
from ui.tracking.task_table.delegates import DateDelegate, EvidenceDelegate, ResultDelegate, StatusDelegate
from ui.tracking.task_table.done_dialog import DoneDialog
from ui.tracking.task_table.model import FILTERS, KEYS, TASK_ID_ROLE, TrackingFilter, TrackingModel

COLUMN_CHARS = {"ref": 7, "lead": 15, "status": 17, "result": 26, "evidence": 10}
DATE_SAMPLE = "00/00/0000 *"  # the widest a date cell gets (a due date set by hand)
CONTENT_MIN_CHARS = 30


class TrackingView(QTableView):
    """The table; files dropped from the file manager onto a row become that task's evidence."""

    files_dropped = Signal(int, list)  # task id, paths

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def _task_at(self, event) -> int | None:
        index = self.indexAt(event.position().toPoint())
        return index.data(TASK_ID_ROLE) if index.isValid() else None

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls() and self._task_at(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        task_id = self._task_at(event)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if task_id is None or not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.files_dropped.emit(task_id, paths)


class TaskTrackingWidget(QWidget):
    """Signals: `jump_requested(kind, ref)` — ("task", id) on a double-click on the number,
    content or lead; `report_requested()` — the "Lập báo cáo…" button."""

    jump_requested = Signal(str, int)
    report_requested = Signal()

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.evidence_dialog: QWidget | None = None
        self.done_dialog: DoneDialog | None = None
        self.model = TrackingModel(self.today, self)
        self.model.on_edit = self.edit
        self.proxy = TrackingFilter(self.today, self)
        self.proxy.setSourceModel(self.model)
        self.filter = QComboBox()
        for key, label in FILTERS:
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda *_: self.proxy.set_mode(self.filter.currentData()))
        self.count_label = QLabel()
        self.view = TrackingView(self)
        self.view.setModel(self.proxy)
        self.view.files_dropped.connect(self.add_evidence)
        self._setup_view()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._layout()
        context.changed.connect(self._on_changed)
        self.refresh()

    @property
    def today(self) -> date:
        return clock.today()

    def _layout(self) -> None:
        title = QLabel("Theo dõi thực hiện nhiệm vụ")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(QLabel("Hiện:"))
        top.addWidget(self.filter)
        buttons = QHBoxLayout()
        for text, slot, tip in (
            ("Hoàn thành…", self.mark_selected_done, "Ghi ngày hoàn thành và kết quả của nhiệm vụ đang chọn"),
            ("Thời hạn theo văn bản", self.reset_selected_due, "Bỏ thời hạn tự đặt; đọc lại từ «Thời gian thực hiện»"),
            (
                "Minh chứng…",
                lambda: self.open_evidence(self.selected_task_id()),
                "Tệp minh chứng (hoặc kéo tệp thả vào dòng)",
            ),
            ("Lập báo cáo…", self.report_requested.emit, "Lập báo cáo định kỳ từ số liệu theo dõi"),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def _setup_view(self) -> None:
        view = self.view
        view.setWordWrap(True)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        view.verticalHeader().setVisible(False)
        report = self.context.report
        view.setItemDelegateForColumn(KEYS.index("status"), StatusDelegate(view))
        view.setItemDelegateForColumn(KEYS.index("due"), DateDelegate(view, report, blank=True))
        view.setItemDelegateForColumn(KEYS.index("completed"), DateDelegate(view, report))
        view.setItemDelegateForColumn(KEYS.index("result"), ResultDelegate(view))
        view.setItemDelegateForColumn(KEYS.index("evidence"), EvidenceDelegate(view, self.open_evidence))
        view.doubleClicked.connect(self._double_clicked)
        header = view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 10)
        cw = self.fontMetrics().averageCharWidth()
        for key, chars in COLUMN_CHARS.items():
            view.setColumnWidth(KEYS.index(key), cw * chars)
        date_width = self.fontMetrics().horizontalAdvance(DATE_SAMPLE) + 18
        for key in ("due", "completed"):
            view.setColumnWidth(KEYS.index(key), date_width)
        # The task's own text takes what is left, never less than a readable width.
        header.setSectionResizeMode(KEYS.index("content"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(cw * 6)
        view.setMinimumWidth(cw * (CONTENT_MIN_CHARS + sum(COLUMN_CHARS.values())) // 2)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)
        header.sectionResized.connect(lambda *_: self._fit_timer.start())

    # ---------------------------------------------------------------- data
    def _on_changed(self, changes: Changes) -> None:
        if self.context.mine(changes) and changes.touches(Part.TRACKING, Part.TASKS, Part.EVIDENCE):
            self.refresh()

    def refresh(self) -> None:
        """Read the tasks again (after an edit here, or a change of the plan elsewhere)."""
        tasks = self.context.runner.call(tracking.tracked, self.context.plan_id) or []
        counts: dict[int, int] = {}
        for ev in self.context.runner.call(evidence.of_plan, self.context.plan_id) or []:
            if ev.task_id is not None:
                counts[ev.task_id] = counts.get(ev.task_id, 0) + 1
        self.model.today = self.proxy.today = self.today
        self.model.set_tasks(tasks, counts)
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

    # ---------------------------------------------------------------- edits
    def _saved(self, done: Changes | None) -> bool:
        if done is None:
            return False
        if not done.empty:
            self.status.setText(saved_text())
        return not done.empty

    def edit(self, task_id: int, key: str, value) -> bool:
        """An edit from a cell: one operation (nothing when the value is unchanged)."""
        t = self.task(task_id)
        if t is None:
            return False
        run = self.context.run
        if key == "status":
            return self.set_status(task_id, value)
        if key == "completed":
            return value is not None and self._saved(run(tracking.set_completed_on, task_id, value))
        if key == "result":
            return self._saved(run(tracking.set_result, task_id, value or ""))
        if key == "due":
            return self._saved(run(tracking.set_due, task_id, value))
        return False

    def set_status(self, task_id: int, status: Status | str) -> bool:
        status = Status(status)  # the status list hands back the enum's value, a plain str
        t = self.task(task_id)
        if t is None or status is t.record.status:
            return False
        if status.done:
            return self.ask_done(t)
        reason = ""
        if status is Status.NOT_DONE:
            answer = self.ask_reason(t)
            if not answer or not answer.strip():
                return False
            reason = answer
        return self._saved(self.context.run(tracking.set_status, task_id, status, None, reason))

    def ask_done(self, t: TrackedTask) -> bool:
        """'Hoàn thành…': the date (default: the due date when it has passed) and the result line."""
        default = self.context.runner.call(tracking.default_completion, t.id) or self.today
        dialog = DoneDialog(t, default, self)
        self.done_dialog = dialog
        dialog.accepted.connect(
            lambda: self._saved(
                self.context.run(tracking.mark_done, t.id, dialog.completed_on(), dialog.result_line.text())
            )
        )
        dialog.open()
        return True

    def ask_reason(self, t: TrackedTask) -> str | None:
        """Why a task is not done."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Không thực hiện nhiệm vụ")
        dialog.setLabelText(f"Lý do không thực hiện nhiệm vụ {t.ref}:")
        dialog.setOkButtonText("Ghi")
        dialog.setCancelButtonText("Hủy")
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def mark_selected_done(self) -> None:
        t = self.task(self.selected_task_id() or -1)
        if t is None:
            self.status.setText("Hãy chọn một nhiệm vụ trước.")
            return
        self.ask_done(t)

    def reset_selected_due(self) -> None:
        tid = self.selected_task_id()
        if tid is not None:
            self._saved(self.context.run(tracking.set_due, tid, None, clear=True))

    # ---------------------------------------------------------------- evidence and jumps
    def add_evidence(self, task_id: int, paths: list[str]) -> int:
        """Files dropped on a task (or chosen in its evidence dialog) copied in as its evidence."""
        added = 0
        for p in paths:
            if self.context.run(evidence.add, task_id, p) is None:
                break
            added += 1
        if added:
            self.status.setText(f"Đã thêm {added} tệp minh chứng. {saved_text()}")
        return added

    def open_evidence(self, task_id: int | None):
        if task_id is None:
            self.status.setText("Hãy chọn một nhiệm vụ trước.")
            return None
        from ui.tracking.evidence import EvidenceDialog

        dialog = EvidenceDialog(self.context, task_id, self)
        self.evidence_dialog = dialog
        dialog.open()
        return dialog

    def _double_clicked(self, index: QModelIndex) -> None:
        if KEYS[index.column()] in ("ref", "content", "lead"):
            self.jump_requested.emit("task", index.data(TASK_ID_ROLE))
