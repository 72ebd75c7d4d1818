"""The "Tự đánh giá chỉ số CCHC" page: the criteria tree of the plan's self-assessment with the
maximum points, the self-score, the evidence count and the explanation; filters "chưa chấm" and
"thiếu tài liệu kiểm chứng"; the selected criterion's linked tasks and targets (double-click: go
there) and evidence files (double-click: open the file), linked with "Liên kết…", added with
"Thêm tệp…", taken off with "Gỡ khỏi tiêu chí". A leaf's score and explanation are edited in place.
Every change runs through the runner as one undo step; the page follows the runner's changes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.index import view
from app.index.model import EVIDENCE, PART_WORDS, PENALTY, format_points, parse_points
from app.index.sets import export_set
from app.ops import index as index_ops
from app.ops.changes import Changes, Part
from app.vietnamese import file_slug, fold
from ui.context import PlanContext
from ui.tracking.index_links import LinkPicker

# Short headers leave the room to the criterion's title; the tooltip says each in full.
HEADERS = ("Tiêu chí", "Tối đa", "Tự chấm", "Tài liệu", "Giải trình")
HEADER_TIPS = ("Lĩnh vực, tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Số tài liệu kiểm chứng", "Giải trình")
SCORE, EXPLANATION = 2, 4
ROLE = Qt.ItemDataRole.UserRole


class IndexAssessmentPage(QWidget):
    """Signals: `jump_requested(kind, ref)` — ("task", task id) or ("target", target id) on
    double-click of a linked task or target."""

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
        self.total.setWordWrap(True)
        self.import_set_button = QPushButton("Nhập bộ tiêu chí…")
        self.import_set_button.setToolTip("Nhập bộ tiêu chí của tỉnh từ tệp Excel, Word hoặc tệp bộ tiêu chí (.json)")
        self.import_set_button.clicked.connect(self.import_set)
        self.export_set_button = QPushButton("Xuất bộ tiêu chí…")
        self.export_set_button.setToolTip("Lưu bộ tiêu chí đang dùng ra tệp .json để gửi các phường, xã khác")
        self.export_set_button.clicked.connect(self.export_set)
        sets_row = QHBoxLayout()
        sets_row.addWidget(self.total, 1)
        sets_row.addWidget(self.import_set_button)
        sets_row.addWidget(self.export_set_button)
        head = QHBoxLayout()
        for w in (title, self.assessments, self.new_button, self.propose_button):
            head.addWidget(w)
        head.addStretch(1)
        head.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(HEADERS))
        for column, tip in enumerate(HEADER_TIPS):
            self.tree.headerItem().setToolTip(column, tip)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the criterion's title takes the room, not the explanation
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXPLANATION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(EXPLANATION, 200)
        self.tree.itemChanged.connect(self._edited)
        self.tree.currentItemChanged.connect(lambda *_: self._show_links())
        self.links = QListWidget()
        self.links.setMaximumHeight(120)
        self.links.itemActivated.connect(self._open_link)
        self.links.currentItemChanged.connect(lambda *_: self._enable())
        self.link_button = QPushButton("Liên kết…")
        self.link_button.setToolTip("Liên kết tiêu chí với nhiệm vụ, chỉ tiêu hoặc tệp minh chứng đã có của kế hoạch")
        self.link_button.clicked.connect(self.pick_links)
        self.add_button = QPushButton("Thêm tệp…")
        self.add_button.setToolTip("Thêm tệp kiểm chứng mới cho tiêu chí (chép vào thư mục dữ liệu một lần)")
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QPushButton("Gỡ khỏi tiêu chí")
        self.remove_button.setToolTip("Gỡ nhiệm vụ, chỉ tiêu hoặc tệp đang chọn khỏi tiêu chí (Ctrl+Z để hoàn tác)")
        self.remove_button.clicked.connect(self.remove_link)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Liên kết và tài liệu kiểm chứng của tiêu chí đang chọn:"))
        buttons.addStretch(1)
        for b in (self.link_button, self.add_button, self.remove_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(sets_row)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.links)
        context.changed.connect(self._on_changed)
        self._enable()

    # ---------------------------------------------------------------- data
    def _on_changed(self, changes: Changes) -> None:
        # hidden, it is refreshed when shown again (editor_stack.show_node)
        if (
            self.isVisible()
            and self.context.mine(changes)
            and changes.touches(Part.INDEX, Part.TASKS, Part.TARGETS, Part.EVIDENCE)
        ):
            self.refresh_data()

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
        self.export_set_button.setEnabled(self.data is not None)
        self.fill()

    def fill(self) -> None:
        current = self.current_line()
        keep = current.row.number if current is not None else None
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
            if keep in items:
                self.tree.setCurrentItem(items[keep])
        finally:
            self._filling = False
        self._show_links()

    def _item(self, line: view.CriterionLine, items: dict[str, QTreeWidgetItem]) -> QTreeWidgetItem:
        r = line.row
        words = PART_WORDS.get(r.part, "") if r.depth == 1 else ""
        part = f" ({words})" if words and fold(words) not in fold(r.title) else ""
        texts = [
            f"{r.number}. {r.title}{part}",
            format_points(r.max_points),
            r.signed_score,
            str(len(line.files)),
            r.explanation,
        ]
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

    def focus_criterion(self, assessment_id: int, number: str) -> None:
        """Show the assessment and select the criterion (from the check panel)."""
        idx = self.assessments.findData(assessment_id)
        if idx >= 0 and idx != self.assessments.currentIndex():
            self.assessments.setCurrentIndex(idx)
        items = [i for i in self._all_items() if i.data(0, ROLE).row.number == number]
        if not items and self.filter.currentData() != view.ALL:
            self.filter.setCurrentIndex(self.filter.findData(view.ALL))
            items = [i for i in self._all_items() if i.data(0, ROLE).row.number == number]
        if items:
            self.tree.setCurrentItem(items[0])
            self.tree.scrollToItem(items[0])
            self.tree.setFocus()

    def _all_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is not None:
                out.append(item)
                stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    # ---------------------------------------------------------------- actions
    def start_new(self) -> None:
        choices = self.context.runner.call(view.set_choices) or []
        set_id = None
        if len(choices) > 1:  # the sample tried first, then the province's own set imported
            set_id = self._ask_set(choices)
            if set_id is None:
                return
        aid = self.context.runner.call(view.start_for_plan, self.context.plan_id, set_id)
        if aid is not None:
            self.refresh()
            self.assessments.setCurrentIndex(self.assessments.findData(aid))

    def _ask_set(self, choices: list[tuple[int, str]]) -> int | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Tạo bản tự đánh giá")
        dialog.setLabelText("Chấm điểm theo bộ tiêu chí:")
        dialog.setComboBoxItems([label for _id, label in choices])
        dialog.setOkButtonText("Tạo")
        dialog.setCancelButtonText("Hủy")
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        labels = [label for _id, label in choices]
        return choices[labels.index(dialog.textValue())][0]

    def take_proposals(self) -> None:
        if self.data is not None:
            done = self.context.run(index_ops.take_proposals, self.data.assessment_id)
            if done is not None:
                self.total.setText(f"{self.total.text()} Đã {done.label[:1].lower()}{done.label[1:]}.")

    def import_set(self) -> None:
        from ui.dialogs.import_index_set import ImportIndexSetDialog

        dialog = ImportIndexSetDialog(self.context, self)
        dialog.imported.connect(lambda _set_id: self._imported(dialog.name.text()))
        self.import_dialog = dialog  # kept while shown (and for tests)
        dialog.open()

    def _imported(self, name: str) -> None:
        self.total.setText(
            f"{self.total.text()} Đã nhập bộ tiêu chí «{name}»; bấm «Tạo bản tự đánh giá» để chấm theo bộ này."
        )

    def export_set(self) -> None:
        if self.data is None:
            return
        suggested = str(Path.home() / f"bo-tieu-chi-{file_slug(self.data.set_name) or self.data.set_id}.json")
        path, _ = QFileDialog.getSaveFileName(self, "Xuất bộ tiêu chí", suggested, "Bộ tiêu chí (*.json)")
        if path:
            written = self.context.runner.call(export_set, self.data.set_id, path)
            if written is not None:
                self.total.setText(f"{self.total.text()} Đã lưu bộ tiêu chí vào «{written}».")

    def current_line(self) -> view.CriterionLine | None:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def _leaf(self) -> view.CriterionLine | None:
        line = self.current_line()
        return line if line is not None and line.leaf and self.data is not None else None

    def _enable(self) -> None:
        leaf = self._leaf() is not None
        self.link_button.setEnabled(leaf)
        self.add_button.setEnabled(leaf)
        self.remove_button.setEnabled(leaf and self.links.currentItem() is not None)

    def pick_links(self) -> None:
        line = self._leaf()
        if line is None or self.data is None:
            return
        aid, number = self.data.assessment_id, line.row.number
        found = self.context.runner.call(index_ops.candidates, aid, number)
        if found is None:
            return
        if not found:
            self.context.report("Bản tự đánh giá này không gắn với kế hoạch nào nên không liên kết được.")
            return
        picker = LinkPicker(number, line.row.title, found, self)
        picker.accepted.connect(lambda: self.context.run(index_ops.set_links, aid, number, picker.wanted()))
        self.picker = picker  # kept while shown (and for tests)
        picker.open()

    def add_files(self) -> None:
        line = self._leaf()
        if line is None or self.data is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(self, f"Chọn tệp kiểm chứng cho tiêu chí {line.row.number}")
        for path in paths:
            if self.context.run(index_ops.add_file, self.data.assessment_id, line.row.number, path) is None:
                break

    def remove_link(self) -> None:
        line, it = self._leaf(), self.links.currentItem()
        if line is None or it is None or self.data is None:
            return
        link: view.LinkItem = it.data(ROLE)
        aid = self.data.assessment_id
        if link.kind == "file":
            self.context.run(index_ops.remove_file, aid, link.ref)
        else:
            self.context.run(index_ops.unlink, aid, line.row.number, link.kind, link.ref)

    def _edited(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or self.data is None or column not in (SCORE, EXPLANATION):
            return
        line: view.CriterionLine = item.data(0, ROLE)
        score: Decimal | None = line.row.score
        explanation = line.row.explanation
        if column == SCORE:
            text = item.text(SCORE).strip()
            if line.row.part == PENALTY:  # shown as "-1": the points taken off
                text = text.lstrip("-−").strip()
            score = parse_points(text) if text else None
            if text and score is None:
                self.context.report(f"«{text}» không phải là số điểm; hãy nhập ví dụ 1 hoặc 0,5.")
                self.refresh_data()
                return
        else:
            explanation = item.text(EXPLANATION)
        if self.context.run(index_ops.score, self.data.assessment_id, line.row.number, score, explanation) is None:
            self.refresh_data()  # refused: the cell shows the stored score again

    def _show_links(self) -> None:
        self.links.clear()
        line = self.current_line()
        for link in line.items if line is not None else ():
            it = QListWidgetItem(link.label)
            it.setData(ROLE, link)
            it.setToolTip(link.path or link.label)
            self.links.addItem(it)
        self._enable()

    def _open_link(self, item: QListWidgetItem) -> None:
        link: view.LinkItem = item.data(ROLE)
        if link.kind in ("task", "target"):
            self.jump_requested.emit(link.kind, link.ref)
        elif link.kind in (EVIDENCE, "file"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(link.path))
