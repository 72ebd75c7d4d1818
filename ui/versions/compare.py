"""'So sánh phiên bản': two versions (or a version and the plan as it is now) side by side, the old
on the left and the new on the right, one row per change with the words marked; from here the
tracked-changes Word file and the amendment plan ("Lập kế hoạch sửa đổi, bổ sung")."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.file_names import changes_base_name
from app.ops.changes import Changes, Part
from app.versions import ISSUED, NOW, Version, compare_versions, create_amendment, list_versions, resolve
from app.versions.diff import PlanDiff
from ui.context import PlanContext
from ui.screen import Dialog, size_for
from ui.settings import Settings
from ui.versions.html import DELETED_STYLE, INSERTED_STYLE, compare_html, summary

NOW_LABEL = "Hiện tại (kế hoạch đang soạn)"
FOLLOW_MS = 400  # the plan as it is now is compared again this long after the last edit
LEGEND = (
    f'Chữ <span style="{DELETED_STYLE}">bỏ đi</span> màu đỏ, gạch ngang; '
    f'chữ <span style="{INSERTED_STYLE}">thêm vào</span> màu xanh, gạch chân.'
)


class CompareDialog(Dialog):
    """`plan_created(plan id)` after "Lập kế hoạch sửa đổi, bổ sung"."""

    plan_created = Signal(int)

    def __init__(
        self,
        context: PlanContext,
        settings: Settings,
        versions: list[Version],
        old: str,
        new: str = NOW,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("So sánh phiên bản")
        self.context, self.settings, self.plan_id = context, settings, context.plan_id
        self.diff: PlanDiff | None = None
        self.old_box, self.new_box = QComboBox(), QComboBox()
        self._fill(versions, old, new)
        self.summary = QLabel()
        legend = QLabel(LEGEND)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.tracked_button = QPushButton("Xuất bản có theo dõi thay đổi (DOCX)…")
        self.amend_button = QPushButton("Lập kế hoạch sửa đổi, bổ sung")
        close = QPushButton("Đóng")
        self._assemble(legend, close)
        self.old_box.currentIndexChanged.connect(self.refresh)
        self.new_box.currentIndexChanged.connect(self.refresh)
        self.tracked_button.clicked.connect(self.export_tracked)
        self.amend_button.clicked.connect(self.amend)
        close.clicked.connect(self.reject)
        context.changed.connect(self._on_changed)
        context.switched.connect(lambda _id: self.reject())  # its versions are of the plan it opened on
        self.dialogs: dict[str, QWidget] = {}
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self.refresh)
        size_for(self, 170, 46)
        self.refresh()

    def _assemble(self, legend: QLabel, close: QPushButton) -> None:
        choose = QHBoxLayout()
        for label, box in (("Bản cũ:", self.old_box), ("Bản mới:", self.new_box)):
            choose.addWidget(QLabel(label))
            choose.addWidget(box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tracked_button)
        buttons.addWidget(self.amend_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        info = QHBoxLayout()
        info.addWidget(self.summary, 1)
        info.addWidget(legend)
        layout.addLayout(info)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def _fill(self, versions: list[Version], old: str, new: str) -> None:
        """The two lists of versions, newest first ("Hiện tại" heads the new side), `old` and `new` chosen."""
        self.versions = {str(v.id): v for v in versions}
        for box in (self.old_box, self.new_box):
            box.blockSignals(True)
            box.clear()
            for v in sorted(versions, key=lambda v: v.id, reverse=True):
                box.addItem(v.label, str(v.id))
        self.new_box.insertItem(0, NOW_LABEL, NOW)
        self._choose(self.old_box, old)
        self._choose(self.new_box, new)
        for box in (self.old_box, self.new_box):
            box.blockSignals(False)

    def _versions_changed(self) -> None:
        """A version saved, issued or deleted while the dialog is open: the lists follow."""
        got = self.context.runner.call(list_versions, self.plan_id)
        if got is None:
            return
        chosen = self.keys()
        self._fill(got, *chosen)
        if self.keys() != chosen:  # a version compared was deleted
            self.refresh()

    @staticmethod
    def _choose(box: QComboBox, key: str) -> None:
        i = box.findData(key)
        box.setCurrentIndex(i if i >= 0 else 0)

    def keys(self) -> tuple[str, str]:
        return str(self.old_box.currentData()), str(self.new_box.currentData())

    def refresh(self, *_args) -> None:
        self._follow.stop()
        old, new = self.keys()
        self.diff = self.context.runner.call(compare_versions, self.plan_id, old, new)
        if self.diff is None:
            return
        self.summary.setText(summary(self.diff))
        bar = self.text.verticalScrollBar().value()
        self.text.setHtml(compare_html(self.diff))
        self.text.verticalScrollBar().setValue(bar)
        issued = old in self.versions and self.versions[old].kind == ISSUED
        self.amend_button.setEnabled(issued and old != new and bool(self.diff.changes))
        self.amend_button.setToolTip(
            "Kế hoạch mới sửa đổi, bổ sung bản ban hành, liệt kê từng thay đổi (sửa được trước khi xuất)"
            if issued
            else "Chỉ lập được từ một bản ban hành: chọn bản ban hành làm bản cũ"
        )
        self.tracked_button.setEnabled(old != new)

    def _on_changed(self, changes: Changes) -> None:
        """The plan as it is now, when shown, follows her edits; the lists follow the versions."""
        if changes.plan_id != self.plan_id:
            return
        if changes.touches(Part.VERSIONS):
            self._versions_changed()
        if NOW in self.keys() and changes.parts - {Part.VERSIONS}:  # issuing writes the header too
            self._follow.start()

    def export_tracked(self) -> None:
        from ui.versions.dialogs import TrackedExportDialog

        old, new = self.keys()
        runner = self.context.runner

        def plans(ws):
            return resolve(ws, self.plan_id, old)[0], resolve(ws, self.plan_id, new)[0]

        runner.commit_pending()
        dialog = TrackedExportDialog(runner, plans, changes_base_name(self.context.plan), self.settings, self)
        self.dialogs["tracked"] = dialog
        dialog.open()

    def amend(self) -> None:
        old, new = self.keys()
        done = self.context.run(create_amendment, self.plan_id, old, new)
        if done is not None and done.created is not None:
            self.plan_created.emit(done.created)
