"""Header pages: general information, legal bases, and signer with recipients."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from app import limits
from app.model import MAX_YEAR, MIN_YEAR, DocDate, Plan, Signer
from ui.context import PlanContext
from ui.editors.fields import FormPage, PlainText, blank_spin, cap_length, date_row, lines_of


def _quiet(widget: QWidget, fn) -> None:
    widget.blockSignals(True)
    try:
        fn()
    finally:
        widget.blockSignals(False)


def _line(form: FormPage, field: str, label: str, row_label: str, placeholder: str = "") -> QLineEdit:
    w = QLineEdit()
    w.setPlaceholderText(placeholder)
    form.bind(
        field,
        label,
        w,
        lambda: w.text().strip(),
        lambda p: w.setText(getattr(p, field)),
        edited=w.textEdited,
        left=w.editingFinished,
        row_label=row_label,
    )
    return w


def _text(form: FormPage, field: str, label: str, row_label: str, lines: int = 3) -> PlainText:
    w = PlainText(lines)
    cap_length(w, limits.CELL_CHARS)  # the preamble, the closing
    form.bind(
        field,
        label,
        w,
        lambda: w.toPlainText().strip(),
        lambda p: w.setPlainText(getattr(p, field)),
        edited=w.textChanged,
        left=w.editingFinished,
        row_label=row_label,
    )
    return w


class HeaderForm(FormPage):
    """Thông tin chung: agency, number, place and date, summary, preamble."""

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(context, "Thông tin chung", parent)
        self.parent_agency = _text(self, "parent_agency", "cơ quan chủ quản", "Cơ quan chủ quản:", 2)
        self.parent_agency.setPlaceholderText("Để trống nếu không có (ví dụ: UBND TỈNH THANH HÓA)")
        self.agency = _text(self, "agency", "cơ quan ban hành", "Cơ quan ban hành:", 2)
        self.number = _line(self, "number", "số văn bản", "Số:", "Để trống để văn thư điền khi ban hành")
        self.symbol = _line(self, "symbol", "ký hiệu", "Ký hiệu:")
        self.place = _line(self, "place", "địa danh", "Địa danh:")

        self.day = blank_spin(1, 31)
        self.month = blank_spin(1, 12)
        self.date_year = QSpinBox()
        self.date_year.setRange(MIN_YEAR, MAX_YEAR)
        dates = date_row(self.day, self.month, self.date_year)
        self.bind(
            "date",
            "ngày ban hành",
            dates,
            self._read_date,
            self._write_date,
            left=self.day.editingFinished,
            row_label="Ngày ban hành:",
        )
        self.month.editingFinished.connect(lambda: self.commit("date"))
        self.date_year.editingFinished.connect(lambda: self.commit("date"))

        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.bind(
            "year",
            "năm kế hoạch",
            self.year,
            self.year.value,
            lambda p: _quiet(self.year, lambda: self.year.setValue(p.year)),
            left=self.year.editingFinished,
            row_label="Năm kế hoạch:",
        )
        self.summary = _line(self, "summary", "trích yếu", "Trích yếu:", "Cải cách hành chính năm …")
        self.preamble = _text(self, "preamble", "lời mở đầu", "Lời mở đầu:", 4)
        from ui.editors.decision_form import DecisionFields

        self.decision = DecisionFields(self)
        self.refresh()

    def refresh(self, force: bool = True) -> None:
        super().refresh(force)
        self.decision.show_state(self.context.plan)

    def _read_date(self) -> DocDate:
        day, month = self.day.value(), self.month.value()
        return DocDate(self.date_year.value(), month or None, day or None)

    def _write_date(self, plan: Plan) -> None:
        d = plan.doc_date
        _quiet(self.date_year, lambda: self.date_year.setValue(d.year))
        _quiet(self.month, lambda: self.month.setValue(d.month or 0))
        _quiet(self.day, lambda: self.day.setValue(d.day or 0))

    def value_of(self, plan: Plan, field: str):
        if field == "date":
            return plan.doc_date
        return super().value_of(plan, field)


class LegalBasesForm(FormPage):
    """Căn cứ: one legal basis per line, printed in italics or not."""

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(context, "Căn cứ ban hành", parent)
        hint = QLabel("Mỗi dòng một căn cứ, ví dụ: «Căn cứ Kế hoạch số 123/KH-UBND ngày 10/12/2026 của UBND tỉnh …»")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.bases = PlainText(14, grow=True)
        self.bind(
            "legal_bases",
            "căn cứ",
            self.bases,
            lambda: lines_of(self.bases.toPlainText()),
            lambda p: self.bases.setPlainText("\n".join(p.legal_bases)),
            edited=self.bases.textChanged,
            left=self.bases.editingFinished,
            row_label="Các căn cứ:",
        )
        self.italic = QCheckBox("In nghiêng các căn cứ")
        self.bind(
            "legal_bases_italic",
            "kiểu chữ căn cứ",
            self.italic,
            self.italic.isChecked,
            lambda p: self.italic.setChecked(p.legal_bases_italic),
            left=self.italic.toggled,
            row_label="",
        )
        self.refresh()

    def select_line(self, index: int) -> None:
        """Put the cursor on a legal basis with its whole line selected (typing replaces it)."""
        self.ensureWidgetVisible(self.bases)
        self.bases.setFocus()
        block = self.bases.document().findBlockByNumber(self._block_of(index))
        cursor = self.bases.textCursor()
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + max(0, block.length() - 1), cursor.MoveMode.KeepAnchor)
        self.bases.setTextCursor(cursor)

    def _block_of(self, index: int) -> int:
        """The text block of the index-th non-blank line."""
        n = -1
        for i, line in enumerate(self.bases.toPlainText().split("\n")):
            if line.strip():
                n += 1
                if n == index:
                    return i
        return max(0, self.bases.blockCount() - 1)


class SignerForm(FormPage):
    """Ký và nơi nhận: closing paragraph, signer block, recipients."""

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(context, "Ký và nơi nhận", parent)
        self.closing = _text(self, "closing", "đoạn kết", "Đoạn kết:", 3)
        self.authority = PlainText(2)
        self.authority.setPlaceholderText("TM. ỦY BAN NHÂN DÂN\n(cấp phó ký thêm dòng «KT. CHỦ TỊCH»)")
        self.position = QLineEdit()
        self.name = QLineEdit()
        self.form.addRow("Thẩm quyền ký:", self.authority)
        self.form.addRow("Chức vụ:", self.position)
        self.form.addRow("Họ và tên người ký:", self.name)
        self.bind(
            "signer",
            "người ký",
            self.authority,
            self._read_signer,
            self._write_signer,
            edited=self.authority.textChanged,
            left=self.authority.editingFinished,
        )
        saver = self.bindings["signer"].autosave
        assert saver is not None
        for w in (self.position, self.name):
            w.textEdited.connect(saver._typed)
            w.editingFinished.connect(saver.flush)
        self.recipients = PlainText(9)
        self.bind(
            "recipients",
            "nơi nhận",
            self.recipients,
            lambda: lines_of(self.recipients.toPlainText()),
            lambda p: self.recipients.setPlainText("\n".join(p.recipients)),
            edited=self.recipients.textChanged,
            left=self.recipients.editingFinished,
            row_label="Nơi nhận (mỗi dòng một nơi):",
        )
        self.refresh()

    def _read_signer(self) -> Signer:
        return Signer(self.authority.toPlainText().strip(), self.position.text().strip(), self.name.text().strip())

    def _write_signer(self, plan: Plan) -> None:
        s = plan.signer
        self.authority.setPlainText(s.authority)
        _quiet(self.position, lambda: self.position.setText(s.position))
        _quiet(self.name, lambda: self.name.setText(s.name))

    def focus_field(self, field: str) -> bool:
        target = {"authority": self.authority, "position": self.position, "name": self.name}.get(field)
        if target is not None:
            self.ensureWidgetVisible(target)
            target.setFocus()
            return True
        return super().focus_field(field)
