"""The "Tự đánh giá chỉ số CCHC" page: the criteria tree of the plan's self-assessment with the
maximum points, the self-score, the evidence count and the explanation; filters "chưa chấm" and
"thiếu tài liệu kiểm chứng"; the selected criterion's linked tasks (double-click: open the task)
and evidence files (double-click: open the file). A leaf's score and explanation are edited in place."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.index import assess, view
from app.index.model import format_points, parse_points
from ui.context import PlanContext

HEADERS = ("Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng", "Giải trình")
SCORE, EXPLANATION = 2, 4
ROLE = Qt.ItemDataRole.UserRole


class IndexAssessmentPage(QWidget):
    """Signals: `jump_requested(kind, ref)` — ("task", task id) on double-click of a linked task."""

    jump_requested = Signal(str, int)

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.data: view.PageData | None = None
        self._filling = False
        title = QLabel("Tự đánh giá chỉ số CCHC")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.assessments = QComboBox()
        self.assessments.currentIndexChanged.connect(lambda _i: self.refresh_data())
        self.new_button = QPushButton("Tạo bản tự đánh giá")
        self.new_button.clicked.connect(self.start_new)
        self.propose_button = QPushButton("Lấy điểm đề xuất")
        self.propose_button.clicked.connect(self.take_proposals)
        self.filter = QComboBox()
        for key, label in view.FILTERS.items():
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.fill())
        self.total = QLabel()
        head = QHBoxLayout()
        for w in (title, self.assessments, self.new_button, self.propose_button):
            head.addWidget(w)
        head.addStretch(1)
        head.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the criterion's title takes the room, not the explanation
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXPLANATION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(EXPLANATION, 240)
        self.tree.itemChanged.connect(self._edited)
        self.tree.currentItemChanged.connect(lambda *_: self._show_links())
        self.links = QListWidget()
        self.links.setMaximumHeight(120)
        self.links.itemActivated.connect(self._open_link)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.total)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel("Nhiệm vụ liên kết và tài liệu kiểm chứng của tiêu chí đang chọn:"))
        layout.addWidget(self.links)

    # ---------------------------------------------------------------- data
    def refresh(self) -> None:
        """Re-read the plan's assessments (on showing the page)."""
        found = self.context.runner.call(view.plan_assessments, self.context.plan_id) or []
        current = self.assessments.currentData()
        self.assessments.blockSignals(True)
        self.assessments.clear()
        for aid, year in found:
            self.assessments.addItem(f"Năm {year} (số {aid})", aid)
        idx = self.assessments.findData(current)
        self.assessments.setCurrentIndex(max(idx, 0) if found else -1)
        self.assessments.blockSignals(False)
        self.refresh_data()

    def refresh_data(self) -> None:
        aid = self.assessments.currentData()
        self.data = None if aid is None else self.context.runner.call(view.page_data, aid)
        self.propose_button.setEnabled(self.data is not None)
        self.fill()

    def fill(self) -> None:
        self._filling = True
        try:
            self.tree.clear()
            if self.data is None:
                self.total.setText("Chưa có bản tự đánh giá cho kế hoạch này; bấm «Tạo bản tự đánh giá».")
                return
            d = self.data
            self.total.setText(f"{d.set_name} — năm {d.year}. Tổng điểm tự chấm: {d.total} điểm.")
            items: dict[str, QTreeWidgetItem] = {}
            for line in view.shown(d.lines, self.filter.currentData()):
                items[line.row.number] = self._item(line, items)
            self.tree.expandAll()
        finally:
            self._filling = False
        self._show_links()

    def _item(self, line: view.CriterionLine, items: dict[str, QTreeWidgetItem]) -> QTreeWidgetItem:
        r = line.row
        score = format_points(r.score) if r.score is not None else ""
        texts = [f"{r.number}. {r.title}", format_points(r.max_points), score, str(len(line.files)), r.explanation]
        item = QTreeWidgetItem(texts)
        item.setData(0, ROLE, line)
        item.setToolTip(0, r.title)
        if line.leaf:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        else:
            f = item.font(0)
            f.setBold(True)
            for c in range(len(HEADERS)):
                item.setFont(c, f)
        parent = items.get(r.number.rpartition(".")[0])
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    # ---------------------------------------------------------------- actions
    def start_new(self) -> None:
        aid = self.context.runner.call(view.start_for_plan, self.context.plan_id)
        if aid is not None:
            self.refresh()
            self.assessments.setCurrentIndex(self.assessments.findData(aid))

    def take_proposals(self) -> None:
        if self.data is not None:
            taken = self.context.runner.call(assess.apply_proposals, self.data.assessment_id)
            if taken is not None:
                self.refresh_data()
                self.total.setText(f"{self.total.text()} Đã lấy {len(taken)} điểm đề xuất.")

    def _edited(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or self.data is None or column not in (SCORE, EXPLANATION):
            return
        line: view.CriterionLine = item.data(0, ROLE)
        score: Decimal | None = line.row.score
        explanation = line.row.explanation
        if column == SCORE:
            text = item.text(SCORE).strip()
            score = parse_points(text) if text else None
            if text and score is None:
                self.context.report(f"«{text}» không phải là số điểm; hãy nhập ví dụ 1 hoặc 0,5.")
                self.refresh_data()
                return
        else:
            explanation = item.text(EXPLANATION)
        self.context.runner.call(assess.set_score, self.data.assessment_id, line.row.number, score, explanation)
        self.refresh_data()

    def _show_links(self) -> None:
        self.links.clear()
        item = self.tree.currentItem()
        line = item.data(0, ROLE) if item is not None else None
        if line is None:
            return
        for task_id, content in line.tasks:
            it = QListWidgetItem(f"Nhiệm vụ: {' '.join(content.split())}")
            it.setData(ROLE, ("task", task_id))
            self.links.addItem(it)
        for name, path in line.files:
            it = QListWidgetItem(f"Tệp: {name}")
            it.setData(ROLE, ("file", path))
            self.links.addItem(it)

    def _open_link(self, item: QListWidgetItem) -> None:
        kind, ref = item.data(ROLE)
        if kind == "task":
            self.jump_requested.emit("task", ref)
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(ref))
