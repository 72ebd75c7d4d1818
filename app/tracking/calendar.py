"""The reporting calendar: each periodic report with its data cut-off and its due date.

Defaults follow the Bộ Nội vụ rule cited in docs (legal-bases.md §1.8, Văn bản 581/BNV-CCHC):
data windows start on 15/12 of the previous year and close on the 14th of the period's last
month (14/3, 14/6, 14/9, 14/12); reports are sent by the 20th of that month. Provinces set
earlier commune deadlines, so every date is editable per plan (storage keeps the officer's).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

PERIOD_KEYS: tuple[str, ...] = ("q1", "6m", "9m", "year")

# key -> (title, phrase in the report summary, last month of the period)
_DEFAULTS: dict[str, tuple[str, str, int]] = {
    "q1": ("quý I", "quý I năm {y}", 3),
    "6m": ("6 tháng", "6 tháng đầu năm {y}", 6),
    "9m": ("quý III", "9 tháng đầu năm {y}", 9),
    "year": ("năm", "năm {y}", 12),
}
CUTOFF_DAY, DUE_DAY = 14, 20


@dataclass(frozen=True)
class ReportPeriod:
    key: str  # "q1", "6m", "9m", "year"
    title: str  # "quý I", "6 tháng", "quý III", "năm"
    cutoff: date  # last day of data
    due: date  # the report is sent by this day
    year: int

    @property
    def start(self) -> date:
        """First day of data: 15/12 of the previous year (every period is cumulative)."""
        return date(self.year - 1, 12, CUTOFF_DAY + 1)

    @property
    def phrase(self) -> str:
        """'6 tháng đầu năm 2027' — what the report covers."""
        return _DEFAULTS[self.key][1].format(y=self.year) if self.key in _DEFAULTS else f"{self.title} năm {self.year}"


def default_periods(year: int) -> tuple[ReportPeriod, ...]:
    return tuple(
        ReportPeriod(key, title, date(year, month, CUTOFF_DAY), date(year, month, DUE_DAY), year)
        for key, (title, _phrase, month) in _DEFAULTS.items()
    )


def merge_periods(year: int, saved: dict[str, tuple[str, date, date]]) -> tuple[ReportPeriod, ...]:
    """The defaults with the officer's saved titles and dates laid over them (key -> title, cutoff, due)."""
    out = []
    for p in default_periods(year):
        if p.key in saved:
            title, cutoff, due = saved[p.key]
            p = replace(p, title=title or p.title, cutoff=cutoff, due=due)
        out.append(p)
    return tuple(out)


def period_by_key(periods: tuple[ReportPeriod, ...], key: str) -> ReportPeriod:
    for p in periods:
        if p.key == key:
            return p
    raise KeyError(key)


def next_period(periods: tuple[ReportPeriod, ...], today: date) -> ReportPeriod | None:
    """The first report not yet due (due date today or later)."""
    upcoming = [p for p in periods if p.due >= today]
    return min(upcoming, key=lambda p: p.due) if upcoming else None


def _dm(d: date) -> str:
    return f"{d.day}/{d.month}"


def deadline_line(period: ReportPeriod, today: date) -> str:
    """'Báo cáo quý III: chốt số liệu 14/9, còn 5 ngày' (then the sending deadline once past the cut-off)."""
    head = f"Báo cáo {period.title}"
    days = (period.cutoff - today).days
    if days > 0:
        return f"{head}: chốt số liệu {_dm(period.cutoff)}, còn {days} ngày"
    if days == 0:
        return f"{head}: chốt số liệu hôm nay ({_dm(period.cutoff)})"
    left = (period.due - today).days
    when = f"còn {left} ngày" if left > 0 else "hạn hôm nay" if left == 0 else f"đã quá {-left} ngày"
    return f"{head}: đã chốt số liệu {_dm(period.cutoff)}, hạn gửi {_dm(period.due)}, {when}"
