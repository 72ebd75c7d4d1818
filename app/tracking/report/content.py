"""The periodic report as data: counts, editable sections, target verdicts and the results rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.model import DocDate, Signer

REPORT_SYMBOL = "BC-UBND"


@dataclass(frozen=True)
class Counts:
    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_done: int = 0
    overdue: int = 0  # unfinished and past the due date ("chậm")

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def sentence(self, as_of: date) -> str:
        """'Tính đến ngày 10/6/2027, đã hoàn thành 18/42 nhiệm vụ, 3 nhiệm vụ chậm so với thời hạn; …'."""
        return (
            f"Tính đến ngày {as_of.day}/{as_of.month}/{as_of.year}, đã hoàn thành {self.done}/{self.total} nhiệm vụ, "
            f"{self.overdue} nhiệm vụ chậm so với thời hạn; trong đó {self.done_on_time} nhiệm vụ hoàn thành đúng hạn, "
            f"{self.done_late} nhiệm vụ hoàn thành quá hạn; đang thực hiện {self.in_progress} nhiệm vụ, "
            f"chưa thực hiện {self.not_started} nhiệm vụ, không thực hiện {self.not_done} nhiệm vụ."
        )


@dataclass(frozen=True)
class ReportSection:
    """An editable block: `key` says what it is ("intro", "results", "general", "area:<id>",
    "targets", "limits", "next", "closing"); level 0 = plain paragraphs, 1 = mục, 2 = khoản."""

    key: str
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    level: int = 0


@dataclass(frozen=True)
class TargetLine:
    target_id: int | None
    content: str
    measure: str  # "≥ 92%" or "" when not measurable
    value: float | None
    ok: bool | None  # đạt / chưa đạt / no value
    sentence: str


@dataclass(frozen=True)
class ResultRow:
    kind: str  # "group" or "task"
    label: str
    content: str
    lead: str = ""
    due: str = ""
    status: str = ""
    result: str = ""
    depth: int = 0
    task_id: int | None = None


@dataclass(frozen=True)
class Report:
    plan_id: int | None
    period: str  # "q1", "6m", "9m", "year"
    period_title: str  # "6 tháng"
    phrase: str  # "6 tháng đầu năm 2027"
    year: int
    as_of: date
    parent_agency: str
    agency: str
    place: str
    summary: str  # "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027"
    counts: Counts
    sections: tuple[ReportSection, ...]
    target_lines: tuple[TargetLine, ...]
    appendix_title: str
    rows: tuple[ResultRow, ...]
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()
    number: str = ""
    symbol: str = REPORT_SYMBOL
    date: DocDate | None = None
    id: int | None = None

    @property
    def doc_date(self) -> DocDate:
        return self.date if self.date is not None else DocDate(self.as_of.year, self.as_of.month, None)

    def section(self, key: str) -> ReportSection:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)
