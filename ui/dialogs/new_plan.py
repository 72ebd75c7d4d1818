"""'Kế hoạch mới': from a template or carried forward from last year's plan; the ward and the
template chosen are remembered for next time."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.model import MAX_YEAR, MIN_YEAR, Period
from app.ops import plans
from app.templates import Agency, find_template, list_templates
from ui.ops import Runner
from ui.screen import Dialog
from ui.settings import Settings

AGENCY_KEYS = (
    ("agency", "agency/agency"),
    ("parent_agency", "agency/parent"),
    ("province", "agency/province"),
    ("place", "agency/place"),
    ("chairman", "agency/chairman"),
)
AGENCY_FIELDS = (
    ("agency", "Tên xã, phường, đặc khu:", "Ví dụ: Phường Phú Sơn, Xã Xuân Phú"),
    ("parent_agency", "Cơ quan chủ quản:", "Để trống nếu không có"),
    ("province", "Tỉnh, thành phố:", "Ví dụ: tỉnh Thanh Hóa"),
    ("place", "Địa danh:", "Ví dụ: Phú Sơn"),
    ("chairman", "Chủ tịch UBND:", "Họ và tên người ký"),
)


@dataclass(frozen=True)
class NewPlanChoice:
    year: int
    template_id: str | None = None  # set for a plan from a template
    source_plan_id: int | None = None  # set for carry-forward
    agency: Agency = field(default_factory=Agency)


def create_plan(runner: Runner, choice: NewPlanChoice) -> tuple[int, list | None] | None:
    """Run the operation the choice asks for: (new plan id, leftovers after a carry-forward)."""
    if choice.source_plan_id is not None:
        carried = runner.call(plans.carry_forward_plan, choice.source_plan_id, choice.year)
        if carried is None:
            return None
        runner.changed.emit(carried.changes)
        return carried.plan_id, carried.leftovers
    assert choice.template_id is not None
    done = runner.run(plans.create_from_template, choice.template_id, choice.year, choice.agency)
    return (done.created, None) if done is not None and done.created is not None else None


class NewPlanDialog(Dialog):
    """Signal `created(plan id, leftovers or None)` once the plan exists."""

    created = Signal(int, object)

    def __init__(self, runner: Runner, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Kế hoạch mới")
        self.runner, self.settings = runner, settings
        self.plans = plans.summaries(runner.ws)

        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(plans.planning_year())
        self.free_year: int | None = None  # the year chosen before a multi-year template fixed it
        self.from_previous = QRadioButton("Tiếp tục từ kế hoạch năm trước")
        self.from_template = QRadioButton("Bắt đầu từ mẫu")
        group = QButtonGroup(self)
        group.addButton(self.from_previous)
        group.addButton(self.from_template)
        self.source = QComboBox()
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(40)
        for p in self.plans:
            self.source.addItem(f"Kế hoạch năm {p.year} — {' '.join(p.summary.split())}", p.id)
        self.template = QComboBox()
        for t in list_templates():
            self.template.addItem(t.title, t.id)
        self.template.setCurrentIndex(max(0, self.template.findData(settings.get("new/template"))))
        self.template_help = QLabel()
        self.template_help.setWordWrap(True)
        self.template_help.setStyleSheet("color: palette(mid);")

        source_box = QGroupBox("Nguồn")
        sv = QVBoxLayout(source_box)
        for part in (self.from_previous, self.source, self.from_template, self.template, self.template_help):
            sv.addWidget(part)
        self.agency_box = QGroupBox("Đơn vị (chỉ hỏi một lần, lần sau tự điền)")
        af = QFormLayout(self.agency_box)
        self.fields: dict[str, QLineEdit] = {}
        for key, label, placeholder in AGENCY_FIELDS:
            w = QLineEdit()
            w.setPlaceholderText(placeholder)
            self.fields[key] = w
            af.addRow(label, w)
        for key, skey in AGENCY_KEYS:
            self.fields[key].setText(settings.get(skey))

        top = QFormLayout()
        top.addRow("Năm kế hoạch:", self.year)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tạo kế hoạch")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(source_box)
        layout.addWidget(self.agency_box)
        layout.addWidget(self.buttons)

        self.from_previous.toggled.connect(self._update)
        self.template.currentIndexChanged.connect(self._update)
        self.year.valueChanged.connect(self._pick_source)
        self.from_previous.setEnabled(bool(self.plans))
        (self.from_previous if self._pick_source() else self.from_template).setChecked(True)
        self._update()
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 80, 780))

    def _pick_source(self) -> bool:
        """Pre-select last year's plan for the chosen year, else the newest before it; False if none."""
        year = self.year.value()
        earlier = [i for i, p in enumerate(self.plans) if p.year < year]
        if not earlier:
            return False
        best = max(earlier, key=lambda i: (self.plans[i].year, self.plans[i].id))
        self.source.setCurrentIndex(best)
        return True

    def _update(self) -> None:
        carry = self.from_previous.isChecked()
        self.source.setEnabled(carry)
        self.template.setEnabled(not carry)
        self.agency_box.setEnabled(not carry)
        tid = self.template.currentData()
        info = find_template(tid) if tid and not carry else None
        self.template_help.setText(info.description if info else "")
        self._fit_year(info.period if info else None)

    def _fit_year(self, period: Period | None) -> None:
        """A multi-year template is for its period alone: the year is its first year, not editable."""
        if period is not None:
            if self.free_year is None:
                self.free_year = self.year.value()
            self.year.setValue(period.start)
            self.year.setSuffix(f" (giai đoạn {period.start} - {period.end})")
        elif self.free_year is not None:
            self.year.setValue(self.free_year)
            self.free_year = None
            self.year.setSuffix("")
        self.year.setEnabled(period is None)

    def choice(self) -> NewPlanChoice:
        year = self.year.value()
        if self.from_previous.isChecked() and self.source.currentData() is not None:
            return NewPlanChoice(year, source_plan_id=self.source.currentData())
        v = {k: w.text().strip() for k, w in self.fields.items()}
        agency = Agency(v["agency"] or Agency.agency, v["parent_agency"], v["place"], v["province"], v["chairman"])
        return NewPlanChoice(year, template_id=self.template.currentData(), agency=agency)

    def accept(self) -> None:
        for key, skey in AGENCY_KEYS:
            self.settings.set(skey, self.fields[key].text().strip())
        if not self.from_previous.isChecked():
            self.settings.set("new/template", self.template.currentData())
        self.settings.sync()
        made = create_plan(self.runner, self.choice())
        if made is None:
            return  # the message is out; the dialog stays open to try again
        super().accept()
        self.created.emit(*made)
