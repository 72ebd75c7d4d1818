"""Thông tin chung, second half: issued by a decision (and its fields), multi-year period, footnote numbering."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.errors import UserError
from app.model import MAX_YEAR, MIN_YEAR, Decision, DocDate, Plan, Signer
from app.ops import plans
from app.ops.plans import parse_period
from ui.editors.fields import Autosave, FormPage, PlainText, blank_spin, date_row, lines_of

_ARTICLE_PREFIX = re.compile(r"^\s*Điều\s+\d+\s*[.:]\s*", re.IGNORECASE)


def article_lines(text: str) -> tuple[str, ...]:
    """One article per line; a typed 'Điều 2.' is dropped, the number is computed."""
    return tuple(_ARTICLE_PREFIX.sub("", line) for line in lines_of(text))


def _quiet(widget: QWidget, fn) -> None:
    widget.blockSignals(True)
    try:
        fn()
    finally:
        widget.blockSignals(False)


class DecisionFields:
    """Adds the decision checkbox and form, the period and the footnote option to a header page."""

    def __init__(self, page: FormPage):
        self.page = page
        self.context = page.context
        self.remembered: Decision | None = None  # the decision last switched off, to switch back on

        self.period = QLineEdit()
        self.period.setPlaceholderText("Ví dụ 2026-2030; để trống nếu là kế hoạch một năm")
        page.form.addRow("Kế hoạch nhiều năm (từ–đến):", self.period)
        self.period.editingFinished.connect(self.commit_period)

        self.footnotes_restart = QCheckBox("Đánh số chú thích lại từ đầu ở mỗi phụ lục")
        page.bind(
            "footnotes_restart",
            "cách đánh số chú thích",
            self.footnotes_restart,
            self.footnotes_restart.isChecked,
            lambda p: self.footnotes_restart.setChecked(p.footnotes_restart),
            left=self.footnotes_restart.toggled,
            row_label="",
        )

        self.issue = QCheckBox("Ban hành kèm theo quyết định")
        self.issue.setToolTip("Thêm Quyết định ban hành kế hoạch ở đầu văn bản (có thể xuất thành tệp riêng)")
        page.form.addRow("", self.issue)
        self.issue.toggled.connect(self.toggle)

        self.box = QGroupBox("Quyết định ban hành")
        f = QFormLayout(self.box)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.number = QLineEdit()
        self.number.setPlaceholderText("Để trống để văn thư điền khi ban hành")
        self.symbol = QLineEdit()
        self.day = blank_spin(1, 31)
        self.month = blank_spin(1, 12)
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        dates = date_row(self.day, self.month, self.year)
        self.bases = PlainText(4)
        self.bases.setPlaceholderText("Mỗi dòng một căn cứ")
        self.articles = PlainText(6)
        self.articles.setPlaceholderText("Mỗi dòng một điều; số «Điều 1.», «Điều 2.»… do phần mềm đánh")
        self.articles_preview = QLabel()
        self.articles_preview.setWordWrap(True)
        self.articles_preview.setStyleSheet("color: palette(mid);")
        self.position = QLineEdit()
        self.name = QLineEdit()
        self.recipients = PlainText(4)
        self.recipients.setPlaceholderText("Mỗi dòng một nơi nhận")
        f.addRow("Số:", self.number)
        f.addRow("Ký hiệu:", self.symbol)
        f.addRow("Ngày ký:", dates)
        f.addRow("Căn cứ (mỗi dòng một căn cứ):", self.bases)
        f.addRow("Các điều (mỗi dòng một điều):", self.articles)
        f.addRow("", self.articles_preview)
        f.addRow("Chức vụ người ký:", self.position)
        f.addRow("Họ và tên người ký:", self.name)
        f.addRow("Nơi nhận (mỗi dòng một nơi):", self.recipients)
        page.form.addRow(self.box)

        page.bind("decision", "quyết định ban hành", self.box, self.read, self.write)
        saver = Autosave(self.context, self.number.textEdited, self.number.editingFinished, self.commit_decision, page)
        for w in (self.symbol, self.position, self.name):
            w.textEdited.connect(saver._typed)
            w.editingFinished.connect(saver.flush)
        for t in (self.bases, self.articles, self.recipients):
            t.textChanged.connect(saver._typed)
            t.editingFinished.connect(saver.flush)
        for spin in (self.day, self.month, self.year):
            spin.editingFinished.connect(saver.flush)
        page.bindings["decision"].autosave = saver
        self.articles.textChanged.connect(self._preview_articles)

    # ---------------------------------------------------------------- decision
    def read(self) -> Decision | None:
        old = self.context.plan.decision
        if old is None:
            return None
        day, month = self.day.value(), self.month.value()
        return replace(
            old,
            number=self.number.text().strip(),
            symbol=self.symbol.text().strip() or "QĐ-UBND",
            date=DocDate(self.year.value(), month or None, day or None),
            legal_bases=lines_of(self.bases.toPlainText()),
            articles=article_lines(self.articles.toPlainText()),
            signer=Signer(old.signer.authority, self.position.text().strip(), self.name.text().strip()),
            recipients=lines_of(self.recipients.toPlainText()),
        )

    def show_state(self, plan: Plan) -> None:
        """The tick, the decision form shown or hidden, and the period, as stored. Run on every
        refresh: the binding writes the decision's fields only when they differ from the stored
        decision, which never happens for a plan without one."""
        d = plan.decision
        _quiet(self.issue, lambda: self.issue.setChecked(d is not None))
        self.box.setVisible(d is not None)
        period = f"{plan.period.start}-{plan.period.end}" if plan.period else ""
        if self.period.text() != period:
            _quiet(self.period, lambda: self.period.setText(period))

    def write(self, plan: Plan) -> None:
        d = plan.decision
        self.show_state(plan)
        if d is None:
            return
        date = d.date or plan.doc_date
        self.number.setText(d.number)
        self.symbol.setText(d.symbol)
        _quiet(self.year, lambda: self.year.setValue(date.year))
        _quiet(self.month, lambda: self.month.setValue(date.month or 0))
        _quiet(self.day, lambda: self.day.setValue(date.day or 0))
        self.bases.setPlainText("\n".join(d.legal_bases))
        self.articles.setPlainText("\n".join(d.articles))
        self.position.setText(d.signer.position)
        self.name.setText(d.signer.name)
        self.recipients.setPlainText("\n".join(d.recipients))
        self._preview_articles()

    def commit_decision(self) -> None:
        if self.context.plan.decision is not None:
            self.page.commit("decision")

    def _preview_articles(self) -> None:
        lines = article_lines(self.articles.toPlainText())
        shown = [f"Điều {i}. {a[:60]}{'…' if len(a) > 60 else ''}" for i, a in enumerate(lines, 1)]
        self.articles_preview.setText("\n".join(shown))

    def toggle(self, on: bool) -> None:
        plan = self.context.plan
        if on == (plan.decision is not None):
            return
        if not on:
            self.remembered = plan.decision
        self.context.run(plans.issue_by_decision, self.context.plan_id, on, self.remembered if on else None)
        self.page.refresh()

    # ---------------------------------------------------------------- period
    def commit_period(self) -> None:
        plan = self.context.plan
        try:
            new = parse_period(self.period.text(), plan.year)
        except UserError as e:
            self.context.report(e.message)
            self.page.refresh()
            return
        if new == plan.period:
            return
        label = "Đặt giai đoạn kế hoạch" if new else "Bỏ giai đoạn kế hoạch"
        self.context.run(plans.set_header, self.context.plan_id, label=label, period=new)
