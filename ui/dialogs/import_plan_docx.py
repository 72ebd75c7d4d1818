"""'Mở kế hoạch từ tệp Word…': last year's plan (or the province's, a neighbour's) read from its
.docx, shown as the plan recognised beside the document's own paragraphs — those that fit nowhere
highlighted — then created as a new plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.docx_plan import Recognised
from app.model import Plan, iter_tasks
from app.numbering import appendix_label, heading_text, numbered_sections
from app.ops.import_docx import create_from_recognised, read_docx_plan
from app.vietnamese import date_words, number_symbol
from ui.ops import Runner
from ui.screen import Dialog, size_for
from ui.tracking.common import show_error

FILE_FILTER = "Văn bản Word (*.docx)"
UNPLACED = QColor("#fff0a0")
UNPLACED_TIP = "Chưa xếp được: đã đặt thành đoạn văn của mục gần nhất; hãy xem lại sau khi tạo."
_SHORT = 110


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _mark(item: QTreeWidgetItem | QListWidgetItem) -> None:
    if isinstance(item, QTreeWidgetItem):
        item.setBackground(0, QBrush(UNPLACED))
        item.setToolTip(0, UNPLACED_TIP)
    else:
        item.setBackground(QBrush(UNPLACED))
        item.setToolTip(UNPLACED_TIP)


class ImportPlanDocxDialog(Dialog):
    """Signal `created(plan id, None)` once the plan exists (as the new-plan dialog's)."""

    created = Signal(int, object)

    def __init__(self, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Mở kế hoạch từ tệp Word")
        self.runner = runner
        self.found: Recognised | None = None
        self.file = QLabel("Chưa chọn tệp.")
        self.file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self.choose_file)
        self.summary = QLabel("Chọn tệp Word (.docx) của kế hoạch năm trước hoặc kế hoạch của đơn vị khác.")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Kế hoạch nhận ra được"])
        self.paragraphs = QListWidget()
        self.paragraphs.setWordWrap(True)
        legend = QLabel("Các đoạn trong văn bản (tô vàng: chưa xếp được, sẽ là đoạn văn của mục gần nhất)")
        legend.setWordWrap(True)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(legend)
        rv.addWidget(self.paragraphs)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Tạo kế hoạch")
        self.create_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file, 1)
        top.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        size_for(self, 160, 36)

    # ---------------------------------------------------------------- reading
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp Word của kế hoạch", str(Path.home()), FILE_FILTER)
        if path:
            self.open_file(path)

    def open_file(self, path: Path | str) -> None:
        """Read the document off the GUI thread (a 2,000-task plan takes seconds)."""
        self.summary.setText("Đang đọc tệp…")
        self.create_button.setEnabled(False)
        self.runner.submit(
            lambda: read_docx_plan(Path(path)), lambda found: self._show(Path(path), found), self._refused
        )

    def _refused(self, message: str) -> None:
        self.summary.setText("Không đọc được tệp này.")
        show_error(self, message, "Không đọc được tệp")

    def _show(self, path: Path, found: Recognised) -> None:
        self.found = found
        self.file.setText(str(path))
        self.summary.setText(f"Đã nhận ra: {found.summary()}.")
        self._fill_tree(found)
        self._fill_paragraphs(found)
        self.create_button.setEnabled(True)

    # ---------------------------------------------------------------- the two sides
    def _fill_tree(self, found: Recognised) -> None:
        plan, unplaced = found.plan, set(found.unplaced)
        self.tree.clear()
        self._add_head(plan)
        sections = QTreeWidgetItem(self.tree, [f"Các mục ({len(plan.sections)})"])
        parents: list[QTreeWidgetItem] = [sections]
        for ns in numbered_sections(plan):
            del parents[ns.depth + 1 :]
            item = QTreeWidgetItem(parents[-1], [_short(heading_text(ns.label, ns.section.heading))])
            for text in ns.section.paragraphs:
                child = QTreeWidgetItem(item, [_short(text)])
                child.setForeground(0, QBrush(QColor("#555555")))
                if text in unplaced:
                    _mark(child)
            parents.append(item)
        self._add_tail(plan)
        self.tree.expandToDepth(1)

    def _add_head(self, plan: Plan) -> None:
        head = QTreeWidgetItem(self.tree, ["Đầu văn bản"])
        for label, value in (
            ("Cơ quan chủ quản", plan.parent_agency),
            ("Cơ quan ban hành", plan.agency),
            ("Số", number_symbol(plan.number, plan.symbol).strip()),
            ("Địa danh, ngày", f"{plan.place}, {date_words(plan.doc_date)}".strip(", ")),
            ("Trích yếu", plan.summary),
        ):
            if value.strip("/ "):
                QTreeWidgetItem(head, [f"{label}: {' '.join(value.split())}"])
        if plan.decision is not None:
            dec = plan.decision
            QTreeWidgetItem(head, [f"Ban hành bằng Quyết định số {number_symbol(dec.number, dec.symbol).strip()}"])
        bases = plan.legal_bases or (plan.decision.legal_bases if plan.decision else ())
        node = QTreeWidgetItem(self.tree, [f"Căn cứ ({len(bases)})"])
        for b in bases:
            QTreeWidgetItem(node, [_short(b)])
        if plan.preamble:
            QTreeWidgetItem(self.tree, [f"Mở đầu: {_short(plan.preamble)}"])

    def _add_tail(self, plan: Plan) -> None:
        if plan.closing:
            QTreeWidgetItem(self.tree, [f"Kết thúc: {_short(plan.closing)}"])
        signer = plan.decision.signer if plan.decision is not None else plan.signer
        who = " — ".join(x for x in (" ".join(signer.authority.split()), signer.position, signer.name) if x)
        QTreeWidgetItem(self.tree, [f"Người ký: {who or '(chưa nhận ra)'}"])
        recipients = QTreeWidgetItem(self.tree, [f"Nơi nhận ({len(plan.recipients)})"])
        for r in plan.recipients:
            QTreeWidgetItem(recipients, [r])
        appendices = QTreeWidgetItem(self.tree, [f"Phụ lục ({len(plan.appendices)})"])
        for n, a in enumerate(plan.appendices, 1):
            if a.kind == "targets":
                count = f"{len(plan.targets)} mục tiêu"
            else:
                subs = sum(1 for t in a.tasks for _ in iter_tasks(t.subtasks))
                count = f"{len(a.tasks)} nhiệm vụ, {subs} nhiệm vụ con"
            label = appendix_label(plan.appendix_numbering, n)
            QTreeWidgetItem(appendices, [f"{label}: {_short(a.title)} — {count}"])

    def _fill_paragraphs(self, found: Recognised) -> None:
        self.paragraphs.clear()
        left = list(found.unplaced)
        for text in found.paragraphs:
            item = QListWidgetItem(" ".join(text.split()))
            if text in left:
                left.remove(text)
                _mark(item)
            self.paragraphs.addItem(item)
        for text in left:  # rows of a table that are no task
            item = QListWidgetItem(f"(trong bảng) {' '.join(text.split())}")
            _mark(item)
            self.paragraphs.addItem(item)

    # ---------------------------------------------------------------- creating
    def accept(self) -> None:
        if self.found is None:
            return
        done = self.runner.run(create_from_recognised, self.found)
        if done is None or done.created is None:
            return  # the message is out; the dialog stays open
        super().accept()
        self.created.emit(done.created, None)
