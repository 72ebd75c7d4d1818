"""Header pages: general information, legal bases, and signer with recipients."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from app.model import MAX_YEAR, MIN_YEAR, DocDate, Plan, Signer
from ui.editors.fields import FormPage, PlainText, blank_spin, date_row, lines_of
from ui.session import PlanSession


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
        field, label, w, w.editingFinished, lambda: w.text().strip(), lambda p: w.setText(getattr(p, field)), row_label
    )
    return w


def _text(form: FormPage, field: str, label: str, row_label: str, lines: int = 3) -> PlainText:
    w = PlainText(lines)
    form.bind(
        field,
        label,
        w,
        w.editingFinished,
        lambda: w.toPlainText().strip(),
        lambda p: w.setPlainText(getattr(p, field)),
        row_label,
    )
    return w


class HeaderForm(FormPage):
    """Thông tin chung: agency, number, place and date, summary, preamble."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None):
        super().__init__(session, "Thông tin chung", parent)
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
            self.day.editingFinished,
            self._read_date,
            self._write_date,
            "Ngày ban hành:",
        )
        self.month.editingFinished.connect(lambda: self.commit("date"))
        self.date_year.editingFinished.connect(lambda: self.commit("date"))

        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.bind(
            "year",
            "năm kế hoạch",
            self.year,
            self.year.editingFinished,
            self.year.value,
            lambda p: _quiet(self.year, lambda: self.year.setValue(p.year)),
            "Năm kế hoạch:",
        )
        self.summary = _line(self, "summary", "trích yếu", "Trích yếu:", "Cải cách hành chính năm …")
        self.preamble = _text(self, "preamble", "lời mở đầu", "Lời mở đầu:", 4)
        from ui.editors.decision_form import DecisionFields

        self.decision = DecisionFields(self)
        self.refresh()

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

    def __init__(self, session: PlanSession, parent: QWidget | None = None):
        super().__init__(session, "Căn cứ ban hành", parent)
        hint = QLabel("Mỗi dòng một căn cứ, ví dụ: «Căn cứ Kế hoạch số 123/KH-UBND ngày 10/12/2026 của UBND tỉnh …»")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.bases = PlainText(14, grow=True)
        self.bind(
            "legal_bases",
            "căn cứ",
            self.bases,
            self.bases.editingFinished,
            lambda: lines_of(self.bases.toPlainText()),
            lambda p: self.bases.setPlainText("\n".join(p.legal_bases)),
            "Các căn cứ:",
        )
        self.italic = QCheckBox("In nghiêng các căn cứ")
        self.bind(
            "legal_bases_italic",
            "kiểu chữ căn cứ",
            self.italic,
            self.italic.toggled,
            self.italic.isChecked,
            lambda p: self.italic.setChecked(p.legal_bases_italic),
            "",
        )
        self.refresh()


class SignerForm(FormPage):
    """Ký và nơi nhận: closing paragraph, signer block, recipients."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None):
        super().__init__(session, "Ký và nơi nhận", parent)
        self.closing = _text(self, "closing", "đoạn kết", "Đoạn kết:", 3)
        self.authority = PlainText(2)
        self.authority.setPlaceholderText("TM. ỦY BAN NHÂN DÂN\n(cấp phó ký thêm dòng «KT. CHỦ TỊCH»)")
        self.position = QLineEdit()
        self.name = QLineEdit()
        self.form.addRow("Thẩm quyền ký:", self.authority)
        self.form.addRow("Chức vụ:", self.position)
        self.form.addRow("Họ và tên người ký:", self.name)
        self.bind(
            "signer", "người ký", self.authority, self.authority.editingFinished, self._read_signer, self._write_signer
        )
        self.position.editingFinished.connect(lambda: self.commit("signer"))
        self.name.editingFinished.connect(lambda: self.commit("signer"))
        self.recipients = PlainText(9)
        self.bind(
            "recipients",
            "nơi nhận",
            self.recipients,
            self.recipients.editingFinished,
            lambda: lines_of(self.recipients.toPlainText()),
            lambda p: self.recipients.setPlainText("\n".join(p.recipients)),
            "Nơi nhận (mỗi dòng một nơi):",
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
