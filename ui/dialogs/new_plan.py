"""'Kế hoạch mới': from a template or carried forward from last year's plan; the ward is remembered."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
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

from app.carry_forward import Leftover
from app.model import MAX_YEAR, MIN_YEAR
from app.templates import Agency, list_templates
from app.usecases.plans import carry_forward_plan, create_from_template, planning_year
from storage.db import Store
from storage.plans import list_plans
from ui.settings import Settings

AGENCY_KEYS = (
    ("agency", "agency/agency"),
    ("parent_agency", "agency/parent"),
    ("province", "agency/province"),
    ("place", "agency/place"),
    ("chairman", "agency/chairman"),
)


@dataclass(frozen=True)
class NewPlanChoice:
    year: int
    template_id: str | None = None  # set for a plan from a template
    source_plan_id: int | None = None  # set for carry-forward
    agency: Agency = field(default_factory=Agency)


@dataclass(frozen=True)
class NewPlanResult:
    plan_id: int
    leftovers: list[Leftover]


def create_plan(store: Store, choice: NewPlanChoice) -> NewPlanResult:
    """Run the use case the dialog's choice asks for."""
    if choice.source_plan_id is not None:
        r = carry_forward_plan(store, choice.source_plan_id, choice.year)
        return NewPlanResult(r.plan_id, r.leftovers)
    assert choice.template_id is not None
    return NewPlanResult(create_from_template(store, choice.template_id, choice.year, choice.agency), [])


class NewPlanDialog(QDialog):
    def __init__(self, store: Store, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Kế hoạch mới")
        self.settings = settings
        self.plans = list_plans(store)

        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(planning_year())

        self.from_previous = QRadioButton("Tiếp tục từ kế hoạch năm trước")
        self.from_template = QRadioButton("Bắt đầu từ mẫu")
        group = QButtonGroup(self)
        group.addButton(self.from_previous)
        group.addButton(self.from_template)
        self.source = QComboBox()
        for p in self.plans:
            self.source.addItem(f"Kế hoạch năm {p.year} — {' '.join(p.summary.split())}", p.id)
        self.template = QComboBox()
        for t in list_templates():
            self.template.addItem(t.title, t.id)
        self.template_help = QLabel()
        self.template_help.setWordWrap(True)
        self.template_help.setStyleSheet("color: palette(mid);")

        source_box = QGroupBox("Nguồn")
        sv = QVBoxLayout(source_box)
        sv.addWidget(self.from_previous)
        sv.addWidget(self.source)
        sv.addWidget(self.from_template)
        sv.addWidget(self.template)
        sv.addWidget(self.template_help)

        self.agency_box = QGroupBox("Đơn vị (chỉ hỏi một lần, lần sau tự điền)")
        af = QFormLayout(self.agency_box)
        self.fields: dict[str, QLineEdit] = {}
        for key, label, placeholder in (
            ("agency", "Tên xã, phường:", "Ví dụ: Phường Phú Sơn"),
            ("parent_agency", "Cơ quan chủ quản:", "Để trống nếu không có"),
            ("province", "Tỉnh, thành phố:", "Ví dụ: tỉnh Thanh Hóa"),
            ("place", "Địa danh:", "Ví dụ: Phú Sơn"),
            ("chairman", "Chủ tịch UBND:", "Họ và tên người ký"),
        ):
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
        has_plans = bool(self.plans)
        self.from_previous.setEnabled(has_plans)
        earlier = self._pick_source()
        (self.from_previous if earlier else self.from_template).setChecked(True)
        self._update()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _pick_source(self) -> bool:
        """Pre-select last year's plan for the chosen year, else the newest before it; False if none."""
        year = self.year.value()
        best = None
        for i, p in enumerate(self.plans):
            if p.year < year and (best is None or p.year > self.plans[best].year):
                best = i
        if best is not None:
            self.source.setCurrentIndex(best)
        return best is not None

    def _update(self) -> None:
        carry = self.from_previous.isChecked()
        self.source.setEnabled(carry)
        self.template.setEnabled(not carry)
        self.agency_box.setEnabled(not carry)
        from app.templates import find_template

        tid = self.template.currentData()
        self.template_help.setText(find_template(tid).description if tid and not carry else "")

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
        super().accept()
