"""Settings of one appendix: title, which columns and in what order, header wording, grouping, area."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import limits
from app.model import TARGET_COLUMNS, TASK_COLUMNS, Appendix
from app.ops import appendices
from app.ops.changes import Changes, Part
from app.vietnamese import clean_text
from ui.context import PlanContext

KEY_ROLE = Qt.ItemDataRole.UserRole
ALL_AREAS = "(nhiều lĩnh vực)"


def sentence_case(title: str) -> str:
    """'NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ' -> 'Nhiệm vụ trọng tâm về cải cách thể chế'.

    Only an all-capitals title is changed; a title already typed in sentence case keeps its capitals.
    """
    text = " ".join(title.split())
    if not text or text != text.upper() or not any(c.isalpha() for c in text):
        return text
    low = text.lower()
    for keep in ("UBND", "HĐND", "CCHC", "TTHC", "CNTT"):
        low = low.replace(keep.lower(), keep)
    return low[:1].upper() + low[1:]


_GENERIC_START = ("nhiệm vụ trọng tâm về ", "nhiệm vụ trọng tâm ", "nhiệm vụ về ")


def outline_title(title: str) -> str:
    """The part of an appendix title that tells appendices apart, for the outline:
    'NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ NĂM 2027' -> 'Cải cách thể chế năm 2027'."""
    text = sentence_case(title)
    low = text.lower()
    for start in _GENERIC_START:
        if low.startswith(start) and len(text) > len(start) + 8:
            rest = text[len(start) :]
            return rest[:1].upper() + rest[1:]
    return text


class AppendixPanel(QFrame):
    """Edits one appendix's settings; each change is committed at once as its own undo step."""

    structure_requested = Signal(str)  # "add_tasks" | "add_targets" | "delete" | "up" | "down"

    def __init__(self, context: PlanContext, appendix_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.context = context
        self.appendix_id = appendix_id

        self.title = QLineEdit()
        self.title.setMaxLength(limits.TITLE_CHARS)
        self.title.setPlaceholderText("Ví dụ: Nhiệm vụ trọng tâm về cải cách thủ tục hành chính năm 2027")
        self.columns = QListWidget()
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.columns.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.columns.setToolTip(
            "Đánh dấu các cột in trong bảng; bấm đúp (hoặc F2) để sửa tiêu đề cột; Lên/Xuống để đổi thứ tự."
        )
        self.columns.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.up = QToolButton()
        self.up.setText("Lên")
        self.down = QToolButton()
        self.down.setText("Xuống")
        order = QVBoxLayout()
        order.addWidget(self.up)
        order.addWidget(self.down)
        order.addStretch(1)
        col_row = QHBoxLayout()
        col_row.addWidget(self.columns, 1)
        col_row.addLayout(order)
        self.group_by_area = QCheckBox("Nhóm nhiệm vụ theo lĩnh vực (I, II, III…)")
        self.area = QComboBox()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Tên phụ lục:", self.title)
        form.addRow("Các cột (thứ tự in):", col_row)
        form.addRow("", self.group_by_area)
        form.addRow("Lĩnh vực:", self.area)
        self.area_label = form.labelForField(self.area)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for key, text, tip in (
            ("add_tasks", "Thêm phụ lục nhiệm vụ", "Thêm một bảng nhiệm vụ mới ngay sau phụ lục này"),
            ("add_targets", "Thêm phụ lục chỉ tiêu", "Thêm một bảng chỉ tiêu"),
            ("up", "Đưa phụ lục lên", ""),
            ("down", "Đưa phụ lục xuống", ""),
            ("delete", "Xóa phụ lục…", "Xóa phụ lục cùng các nhiệm vụ (có sao lưu; Ctrl+Z để lấy lại)"),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip or text)
            b.clicked.connect(lambda _=False, k=key: self.structure_requested.emit(k))
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.title.editingFinished.connect(self._commit_title)
        self.columns.itemChanged.connect(lambda *_: self._commit_columns())
        self.up.clicked.connect(lambda: self._move_column(-1))
        self.down.clicked.connect(lambda: self._move_column(+1))
        self.group_by_area.toggled.connect(self._commit_group)
        self.area.activated.connect(lambda *_: self._commit_area())
        context.changed.connect(self._on_changed)
        self.refresh()

    # ---------------------------------------------------------------- reading
    def appendix(self) -> Appendix | None:
        if self.appendix_id is None:
            return None
        return next((a for a in self.context.plan.appendices if a.id == self.appendix_id), None)

    def _catalogue(self, a: Appendix) -> tuple[tuple[str, str], ...]:
        return TARGET_COLUMNS if a.kind == "targets" else TASK_COLUMNS

    def refresh(self) -> None:
        a = self.appendix()
        self.setEnabled(a is not None)
        if a is None:
            return
        for w in (self.title, self.columns, self.group_by_area, self.area):
            w.blockSignals(True)
        try:
            self.title.setText(a.title)
            current = self.columns.currentItem().data(KEY_ROLE) if self.columns.currentItem() else None
            self.columns.clear()
            catalogue = dict(self._catalogue(a))
            keys = list(a.columns) + [k for k in catalogue if k not in a.columns]
            for k in keys:
                item = QListWidgetItem(a.header_for(k))
                item.setData(KEY_ROLE, k)
                item.setToolTip(f"Tiêu đề mặc định: {catalogue[k]}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
                item.setCheckState(Qt.CheckState.Checked if k in a.columns else Qt.CheckState.Unchecked)
                self.columns.addItem(item)
                if k == current:
                    self.columns.setCurrentItem(item)
            tasks = a.kind == "tasks"
            self.group_by_area.setVisible(tasks)
            self.area.setVisible(tasks)
            if self.area_label is not None:
                self.area_label.setVisible(tasks)
            self.group_by_area.setChecked(a.group_by_area)
            self.area.clear()
            self.area.addItem(ALL_AREAS, "")
            for ar in self.context.plan.areas:
                self.area.addItem(ar.title, ar.id)
            i = self.area.findData(a.area)
            self.area.setCurrentIndex(max(0, i))
        finally:
            for w in (self.title, self.columns, self.group_by_area, self.area):
                w.blockSignals(False)

    def _on_changed(self, changes: Changes) -> None:
        if self.context.mine(changes) and changes.touches(Part.APPENDICES, Part.HEADER):
            if self.appendix_id is not None:
                self.appendix_id = self.context.ws.ids["appendices"].resolve(self.appendix_id)
            self.refresh()

    def listed(self) -> tuple[tuple[str, ...], dict[str, str]]:
        """(checked columns in order, header wording per column) as the list shows them."""
        cols, texts = [], {}
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            k = item.data(KEY_ROLE)
            texts[k] = clean_text(item.text()).strip()
            if item.checkState() == Qt.CheckState.Checked:
                cols.append(k)
        return tuple(cols), texts

    # ---------------------------------------------------------------- committing
    def _push(self, old: dict, new: dict, text: str) -> None:
        if old == new or self.appendix_id is None:
            return
        if self.context.run(appendices.set_settings, self.appendix_id, label=text, **new) is None:
            self.refresh()  # rejected (e.g. no column left): show what is stored

    def _commit_title(self) -> None:
        a = self.appendix()
        if a is not None:
            self._push({"title": a.title}, {"title": clean_text(self.title.text()).strip()}, "Sửa tên phụ lục")

    def _commit_columns(self) -> None:
        a = self.appendix()
        if a is None:
            return
        cols, texts = self.listed()
        catalogue = dict(self._catalogue(a))
        headers = {k: v for k, v in texts.items() if v and v != catalogue.get(k)}
        old: dict = {}
        new: dict = {}
        if cols != a.columns:
            old["columns"], new["columns"] = a.columns, cols
        if headers != dict(a.headers):
            old["headers"], new["headers"] = dict(a.headers), headers
        text = "Đổi tiêu đề cột" if "columns" not in new else "Chọn cột của phụ lục"
        self._push(old, new, text)

    def _move_column(self, delta: int) -> None:
        r = self.columns.currentRow()
        j = r + delta
        if r < 0 or not 0 <= j < self.columns.count():
            return
        self.columns.blockSignals(True)
        try:
            item = self.columns.takeItem(r)
            self.columns.insertItem(j, item)
            self.columns.setCurrentRow(j)
        finally:
            self.columns.blockSignals(False)
        self._commit_columns()

    def _commit_group(self, on: bool) -> None:
        a = self.appendix()
        if a is not None:
            self._push({"group_by_area": a.group_by_area}, {"group_by_area": on}, "Nhóm theo lĩnh vực")

    def _commit_area(self) -> None:
        a = self.appendix()
        if a is not None:
            self._push({"area": a.area}, {"area": self.area.currentData() or ""}, "Đổi lĩnh vực của phụ lục")
