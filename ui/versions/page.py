"""The "Phiên bản" page of a plan: its frozen versions, newest first (date, kind, name), with
"Ban hành…", "Lưu phiên bản…", and for the versions chosen: view, compare, export, start a draft."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ops.changes import Changes, Part
from app.versions import ISSUED, KIND_NAMES, NOW, Version, delete_draft, list_versions, load_version
from ui.context import PlanContext
from ui.settings import Settings
from ui.versions.viewer import saved_at

HEADERS = ("Ngày", "Loại", "Tên", "Lưu lúc")
EMPTY = "Chưa có phiên bản nào. Khi văn thư cấp số, bấm «Ban hành…»; muốn gửi dự thảo lấy ý kiến, bấm «Lưu phiên bản…»."
VERSION_ROLE = Qt.ItemDataRole.UserRole


def version_date(v: Version) -> str:
    """The issued date for an issued version, the day it was saved for a draft: 'dd/mm/yyyy'."""
    if v.issued_on:
        return f"{date.fromisoformat(v.issued_on):%d/%m/%Y}"
    return saved_at(v)[:10]


class VersionsPage(QWidget):
    """`plan_created(plan id)`: a new plan was made from a version or as an amendment (to open)."""

    plan_created = Signal(int)

    def __init__(self, context: PlanContext, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.settings = context, settings
        self.versions: list[Version] = []
        self.dialogs: dict[str, QWidget] = {}
        title = QLabel("Phiên bản của kế hoạch")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        intro = QLabel(
            "Bản ban hành và các bản dự thảo được lưu cố định, không sửa được: xem lại, xuất đúng như "
            "lúc lưu, so sánh hai bản, lập kế hoạch sửa đổi, bổ sung."
        )
        intro.setWordWrap(True)
        self.issue_button = QPushButton("Ban hành…")
        self.issue_button.setToolTip("Ghi số, ngày văn thư cấp và lưu cố định bản ban hành")
        self.save_button = QPushButton("Lưu phiên bản…")
        self.save_button.setToolTip("Lưu kế hoạch như hiện tại thành một bản dự thảo có tên")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.view_button = QPushButton("Xem")
        self.compare_button = QPushButton("So sánh…")
        self.compare_button.setToolTip("Phiên bản đã chọn so với kế hoạch hiện tại (chọn hai phiên bản: so với nhau)")
        self.export_button = QPushButton("Xuất…")
        self.draft_button = QPushButton("Tạo bản dự thảo mới từ phiên bản này")
        self.delete_button = QPushButton("Xóa bản dự thảo")
        self.delete_button.setToolTip("Xóa bản dự thảo đã chọn (Ctrl+Z để hoàn tác); bản ban hành không xóa được")
        self._assemble(title, intro)
        self.issue_button.clicked.connect(self.issue)
        self.save_button.clicked.connect(self.save_version)
        self.view_button.clicked.connect(self.view_selected)
        self.compare_button.clicked.connect(self.compare)
        self.export_button.clicked.connect(self.export_selected)
        self.draft_button.clicked.connect(self.draft_from_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.tree.itemActivated.connect(lambda *_: self.view_selected())  # double-click or Enter
        self.tree.itemSelectionChanged.connect(self._enable)
        context.changed.connect(self._on_changed)

    def _assemble(self, title: QLabel, intro: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(self.issue_button)
        top.addWidget(self.save_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        for b in (self.view_button, self.compare_button, self.export_button, self.draft_button):
            bottom.addWidget(b)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addLayout(bottom)

    # ---------------------------------------------------------------- the list
    def refresh(self) -> None:
        chosen = {v.id for v in self.selected()}
        got = self.context.runner.call(list_versions, self.context.plan_id)
        self.versions = sorted(got or [], key=lambda v: v.id, reverse=True)
        self.tree.clear()
        for v in self.versions:
            item = QTreeWidgetItem([version_date(v), KIND_NAMES[v.kind].capitalize(), v.label, saved_at(v)])
            item.setData(0, VERSION_ROLE, v.id)
            if v.kind == ISSUED:
                bold = item.font(2)
                bold.setBold(True)
                for col in range(len(HEADERS)):
                    item.setFont(col, bold)
            self.tree.addTopLevelItem(item)
            item.setSelected(v.id in chosen)
        self.empty.setVisible(not self.versions)
        self.tree.setVisible(bool(self.versions))
        first = self.tree.topLevelItem(0)
        if first is not None and not chosen:
            self.tree.setCurrentItem(first)
        self._enable()

    def selected(self) -> list[Version]:
        ids = {item.data(0, VERSION_ROLE) for item in self.tree.selectedItems()}
        return [v for v in self.versions if v.id in ids]

    def _enable(self) -> None:
        n = len(self.selected())
        for b in (self.view_button, self.export_button, self.draft_button):
            b.setEnabled(n == 1)
        self.compare_button.setEnabled(n in (1, 2))
        self.delete_button.setEnabled(n == 1 and self.selected()[0].kind != ISSUED)

    def _on_changed(self, changes: Changes) -> None:
        if self.context.mine(changes) and changes.touches(Part.VERSIONS, Part.EVERYTHING):
            self.refresh()

    # ---------------------------------------------------------------- what the buttons open
    def issue(self) -> None:
        from ui.versions.dialogs import IssueDialog

        self.context.runner.commit_pending()  # the number being typed in the header is the one asked
        issued = next((v.label for v in self.versions if v.kind == ISSUED), "")  # the newest
        dialog = IssueDialog(self.context.runner, self.context.plan, issued, self)
        self.dialogs["issue"] = dialog
        dialog.open()

    def save_version(self) -> None:
        from ui.versions.dialogs import SaveVersionDialog

        dialog = SaveVersionDialog(self.context.runner, self.context.plan_id, self)
        self.dialogs["save"] = dialog
        dialog.open()

    def open_viewer(self, v: Version):
        from ui.versions.viewer import VersionViewer

        runner = self.context.runner
        plan = runner.call(load_version, self.context.plan_id, v.id)
        if plan is None:
            return None
        viewer = VersionViewer(runner, self.settings, self.context.plan_id, v, plan, self)
        viewer.plan_created.connect(self.plan_created)
        self.dialogs["viewer"] = viewer
        return viewer

    def view_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and (viewer := self.open_viewer(chosen[0])) is not None:
            viewer.open()

    def export_selected(self) -> None:
        from ui.versions.viewer import export_dialog

        chosen = self.selected()
        plan = self.context.runner.call(load_version, self.context.plan_id, chosen[0].id) if len(chosen) == 1 else None
        if plan is not None:
            dialog = export_dialog(self.context.runner, self.settings, chosen[0], plan, self)
            self.dialogs["export"] = dialog
            dialog.show()

    def draft_from_selected(self) -> None:
        from ui.versions.viewer import new_draft

        chosen = self.selected()
        if len(chosen) == 1 and (created := new_draft(self.context.runner, self.context.plan_id, chosen[0])):
            self.plan_created.emit(created)

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.context.run(delete_draft, self.context.plan_id, chosen[0].id)

    def compare(self) -> None:
        from ui.versions.compare import CompareDialog

        chosen = sorted(self.selected(), key=lambda v: v.id)
        if not chosen:
            return
        self.context.runner.commit_pending()
        old, new = str(chosen[0].id), (str(chosen[1].id) if len(chosen) > 1 else NOW)
        dialog = CompareDialog(self.context, self.settings, self.versions, old, new, self)
        dialog.plan_created.connect(self.plan_created)
        self.dialogs["compare"] = dialog
        dialog.show()
