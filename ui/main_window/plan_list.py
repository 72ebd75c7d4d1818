"""The list of plans, newest year first, each told apart by its ward, its date and a "mẫu" mark,
with the "Kế hoạch mới" button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.ops import plans
from app.ops.changes import Changes, Part
from app.records import PlanSummary
from app.vietnamese import locality
from ui.ops import Runner

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole
ORIGINS = {"sample": "mẫu", "imported": "nhập từ tệp"}


def _day(stamp: str, short: bool = False) -> str:
    """'2026-12-05T09:30:00' -> '05/12/2026' ('05/12' when short)."""
    day = stamp[:10].split("-")
    if len(day) != 3:
        return stamp
    return f"{day[2]}/{day[1]}" if short else "/".join(reversed(day))


def _derived_origin(origin: str) -> str:
    """'carried:7' -> 'từ năm trước', 'amends:7' -> 'sửa đổi, bổ sung kế hoạch mã 7'."""
    kind, _, plan_id = origin.partition(":")
    if kind == "carried":
        return "từ năm trước"
    if kind == "amends" and plan_id:
        return f"sửa đổi, bổ sung kế hoạch mã {plan_id}"
    return ""


def plan_line(p: PlanSummary) -> str:
    """Two lines: the year and summary, then what tells two plans of that year apart."""
    summary = " ".join(p.summary.split()) or "(chưa có trích yếu)"
    where = locality(p.agency) or " ".join(p.agency.split())
    origin = ORIGINS.get(p.origin, _derived_origin(p.origin))
    details = [where, f"sửa {_day(p.updated_at, short=True)}", f"mã {p.id}"]
    if origin:
        details.insert(0, origin)
    return f"{p.year} — {summary}\n{' · '.join(d for d in details if d)}"


class PlanList(QWidget):
    opened = Signal(int)
    new_requested = Signal()

    def __init__(self, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.current_id: int | None = None
        self.new_button = QPushButton("Kế hoạch mới")
        self.new_button.setToolTip("Tạo kế hoạch mới từ mẫu hoặc từ kế hoạch năm trước (Ctrl+N)")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.list, 1)
        self.new_button.clicked.connect(self.new_requested)
        self.list.currentItemChanged.connect(self._on_current)
        runner.changed.connect(self._on_changed)

    def reload(self, current_id: int | None = None) -> None:
        if current_id is not None:
            self.current_id = current_id
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for p in plans.summaries(self.runner.ws):
                item = QListWidgetItem(plan_line(p))
                item.setToolTip(
                    f"{' '.join(p.agency.split())}\nTạo ngày {_day(p.created_at)}, sửa ngày {_day(p.updated_at)}; "
                    f"{p.tasks} nhiệm vụ"
                )
                item.setData(PLAN_ID_ROLE, p.id)
                self.list.addItem(item)
                if p.id == self.current_id:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Part.PLANS, Part.TASKS) or changes.plan_id is None:
            self.reload()

    def _on_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.opened.emit(item.data(PLAN_ID_ROLE))
