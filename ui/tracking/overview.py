"""The "Theo dõi" overview: the next report's deadline, counts by status and area, and the task
lists that need attention (overdue, due soon, no lead, no due date). Double-click jumps to a task."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ops import reports
from app.ops.changes import Changes, Part
from app.tracking.overview import DUE_SOON_DAYS, Overview, short
from app.tracking.status import STATUS_ORDER, Status
from app.tracking.tasks import TrackedTask
from ui.context import PlanContext

LIST_TITLES = {
    "overdue": "Quá hạn",
    "soon": f"Đến hạn trong {DUE_SOON_DAYS} ngày tới",
    "no_lead": "Chưa có đơn vị chủ trì",
    "no_due": "Chưa có thời hạn",
}
EMPTY = {
    "overdue": "Không có nhiệm vụ quá hạn.",
    "soon": "Không có nhiệm vụ đến hạn trong 30 ngày tới.",
    "no_lead": "Mọi nhiệm vụ đã có đơn vị chủ trì.",
    "no_due": "Mọi nhiệm vụ đã có thời hạn.",
}
AREA_HEADERS = ("Lĩnh vực", "Số nhiệm vụ", "Hoàn thành", "Quá hạn")


def item_text(t: TrackedTask, today: date, what: str) -> str:
    head = f"{t.ref}  {short(t.task.content, 150)}"
    if what == "overdue" and t.due.date:
        return f"{head}\nHạn {t.due.label()}, quá {t.days_late(today)} ngày — {t.lead or 'chưa có chủ trì'}"
    if what == "soon" and t.due.date:
        left = (t.due.date - today).days
        return f"{head}\nHạn {t.due.label()}, {'hôm nay' if left == 0 else f'còn {left} ngày'} — {t.lead or 'chưa có chủ trì'}"
    if what == "no_due":
        return f"{head}\nThời gian thực hiện: «{short(t.timeline, 60) or 'trống'}»"
    return head


class OverviewPage(QWidget):
    """Signals: `jump_requested(kind, ref)` — ("task", task id) on double-click or Enter in a list
    (itemActivated);
    `report_requested()` — the "Lập báo cáo…" button."""

    jump_requested = Signal(str, int)
    report_requested = Signal()

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.data: Overview | None = None

        title = QLabel("Theo dõi thực hiện kế hoạch")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.report_line = QLabel()
        rfont = self.report_line.font()
        rfont.setBold(True)
        self.report_line.setFont(rfont)
        self.report_line.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.repealed_line = QLabel()  # tasks repealed after issue: listed, never silently gone
        self.repealed_line.setWordWrap(True)
        self.report_button = QPushButton("Lập báo cáo…")
        self.report_button.clicked.connect(self.report_requested)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.report_button)

        self.status_labels: dict[Status, QLabel] = {}
        status_row = QHBoxLayout()
        for s in STATUS_ORDER:
            lab = QLabel()
            lab.setFrameShape(QLabel.Shape.StyledPanel)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setMargin(4)
            lab.setTextFormat(Qt.TextFormat.RichText)
            self.status_labels[s] = lab
            status_row.addWidget(lab, 1)

        self.areas = QTableWidget(0, len(AREA_HEADERS))
        self.areas.setHorizontalHeaderLabels(list(AREA_HEADERS))
        self.areas.verticalHeader().setVisible(False)
        self.areas.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.areas.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.areas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hh = self.areas.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(AREA_HEADERS)):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)

        self.lists: dict[str, QListWidget] = {}
        self.boxes: dict[str, QGroupBox] = {}
        grid = QGridLayout()
        for n, key in enumerate(LIST_TITLES):
            box = QGroupBox(LIST_TITLES[key])
            lw = QListWidget()
            lw.setWordWrap(True)
            lw.setAlternatingRowColors(True)
            lw.setSpacing(2)
            lw.itemActivated.connect(self._activated)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(6, 6, 6, 6)
            lay.addWidget(lw)
            self.lists[key], self.boxes[key] = lw, box
            grid.addWidget(box, n // 2, n % 2)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.report_line)
        layout.addWidget(self.summary)
        layout.addWidget(self.repealed_line)
        layout.addLayout(status_row)
        layout.addWidget(self.areas)
        layout.addLayout(grid, 1)
        context.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.isVisible() and self.context.mine(changes) and changes.touches(Part.TRACKING, Part.TASKS, Part.REPORTS):
            self.refresh()

    def refresh(self) -> None:
        ov = self.context.runner.call(reports.overview, self.context.plan_id)
        if ov is None:
            return
        self.data = ov
        line = ov.report_line
        self.report_line.setText(line or "Không còn kỳ báo cáo nào trong năm.")
        near = ov.next_report is not None and (ov.next_report.cutoff - ov.today).days <= 7
        self.report_line.setStyleSheet("color: #b00020" if near else "")
        done = ov.count(Status.DONE_ON_TIME) + ov.count(Status.DONE_LATE)
        self.summary.setText(
            f"Đã hoàn thành {done}/{ov.total} nhiệm vụ; {len(ov.overdue)} nhiệm vụ quá hạn; "
            f"{len(ov.due_soon)} nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới."
        )
        self._show_repealed(ov)
        for s, lab in self.status_labels.items():
            lab.setText(f"{s.label}<br><span style='font-size:15pt; font-weight:bold'>{ov.count(s)}</span>")

        self.areas.setRowCount(len(ov.by_area))
        for r, a in enumerate(ov.by_area):
            cells = (a.title, str(a.total), f"{a.done}/{a.total}", str(a.overdue))
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 3 and a.overdue:
                    cell.setForeground(QBrush(QColor("#b00020")))
                self.areas.setItem(r, c, cell)
        self.areas.resizeRowsToContents()
        rows_h = sum(self.areas.rowHeight(r) for r in range(self.areas.rowCount()))
        self.areas.setFixedHeight(rows_h + self.areas.horizontalHeader().sizeHint().height() + 4)

        for key, items in (
            ("overdue", ov.overdue),
            ("soon", ov.due_soon),
            ("no_lead", ov.no_lead),
            ("no_due", ov.no_due),
        ):
            lw = self.lists[key]
            lw.clear()
            self.boxes[key].setTitle(f"{LIST_TITLES[key]} ({len(items)})")
            for t in items:
                item = QListWidgetItem(item_text(t, ov.today, key))
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                item.setToolTip(" ".join(t.task.content.split()) + "\n(Nhấp đúp để mở nhiệm vụ)")
                if key == "overdue":
                    item.setForeground(QBrush(QColor("#b00020")))
                lw.addItem(item)
            if not items:
                empty = QListWidgetItem(EMPTY[key])
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                lw.addItem(empty)

    def _show_repealed(self, ov: Overview) -> None:
        """'Đã bãi bỏ 1 nhiệm vụ sau khi ban hành (không tính vào tổng): nhiệm vụ số 3 Phụ lục II
        «Kiểm tra công vụ» — Bãi bỏ theo Kế hoạch số 20/KH-UBND ngày 15/06/2027.'"""
        gone = [r for r in ov.repealed if r.depth == 0]
        lines = [f"{r.where} «{short(r.task.content, 80)}» — {r.status}" for r in gone]
        head = f"Đã bãi bỏ {len(gone)} nhiệm vụ sau khi ban hành (không tính vào tổng): "
        more = f"; và {len(lines) - 3} nhiệm vụ khác" if len(lines) > 3 else ""
        self.repealed_line.setText(head + "; ".join(lines[:3]) + more + "." if gone else "")
        self.repealed_line.setToolTip("\n".join(lines))
        self.repealed_line.setVisible(bool(gone))

    def _activated(self, item: QListWidgetItem) -> None:
        task_id = item.data(Qt.ItemDataRole.UserRole)
        if task_id is None:
            return
        self.jump_requested.emit("task", int(task_id))
