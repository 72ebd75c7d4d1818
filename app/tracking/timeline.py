"""Due dates read from the free "Thời gian thực hiện" text of a task.

`parse_timeline("Quý I/2024", 2024)` -> a Due on 31/03/2024. A timeline is one of:
- a date ("Tháng 02/2024", "trước 15/01/2024", "Chậm nhất tháng 12/2024", "Cả năm 2024"): the
  last day of the month, quarter or year, or the day written;
- recurring ("Thường xuyên trong năm 2024", "Định kỳ hàng quý"): no single due date;
- relative to another event ("Sau 02 tháng kể từ khi có văn bản hướng dẫn", "Theo chỉ đạo của
  UBND tỉnh"): no date until the officer sets one;
- none: empty or nothing recognisable.

Rules: text in brackets is a side remark and is ignored; the text is read clause by clause (lines
and ";"); the first dated clause gives the due date (a plan issued "trong tháng 02/2023 và tổ chức
thực hiện" is due at the end of February); inside a recurring clause a bare year ("thường xuyên
trong năm 2023") is the span, not a deadline; dates inside a clause tied to another event are
ignored. A year left out is the plan's year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.vietnamese import nfc

DATE, RECURRING, RELATIVE, NONE = "date", "recurring", "relative", "none"

# Recurrence kinds and their Vietnamese wording.
RECURRENCE_LABELS = {
    "continuous": "thường xuyên",
    "monthly": "định kỳ hằng tháng",
    "quarterly": "định kỳ hằng quý",
    "yearly": "định kỳ hằng năm",
    "periodic": "định kỳ theo quy định",
}


@dataclass(frozen=True)
class Due:
    """When a task is due. `date` is set for kind "date" (and may be set by the officer for any
    task); `recurrence` says how a recurring task repeats (it may accompany a date: "ban hành trước
    15/01, báo cáo định kỳ hằng quý"); `reason` is one Vietnamese sentence for the window."""

    kind: str
    date: date | None = None
    recurrence: str = ""
    precision: str = ""  # "day", "month", "quarter", "half", "year"
    phrase: str = ""  # the words the date or kind was read from
    reason: str = ""
    overridden: bool = False  # set by the officer rather than read from the text

    @property
    def has_date(self) -> bool:
        return self.date is not None

    def label(self) -> str:
        """Short text for a table cell: '31/03/2024', 'Thường xuyên', 'Chưa xác định'."""
        if self.date is not None:
            return self.date.strftime("%d/%m/%Y")
        if self.kind == RECURRING:
            return RECURRENCE_LABELS.get(self.recurrence, "định kỳ").capitalize()
        if self.kind == RELATIVE:
            return "Theo sự kiện"
        return "Chưa xác định"


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_L = r"a-zà-ỹđ"  # lower-case letters, for word edges after roman numerals
_SEP = r"\s*[/.\-]\s*"

# Alternatives tried at each position, in this order.
_CANDIDATE = re.compile(
    rf"(?P<half>(?P<months>6|9|sáu|chín)\s+tháng\s+đầu\s+năm(?:\s+(?P<hy>20\d\d))?)"
    rf"|(?P<quarter>quý\s+(?P<q>iv|iii|ii|i|[1-4])(?![{_L}\d])(?:{_SEP}(?P<qy>20\d\d)|\s+năm\s+(?P<qy2>20\d\d))?)"
    rf"|(?P<month>tháng\s+(?P<m>\d{{1,2}})(?!\d)(?:{_SEP}(?P<my>20\d\d)|\s+năm\s+(?P<my2>20\d\d))?)"
    rf"|(?P<day>(?<!\d)(?P<d>\d{{1,2}})\s*/\s*(?P<dm>\d{{1,2}})(?:\s*/\s*(?P<dy>20\d\d))?(?![\d/]))"
    rf"|(?P<year>(?:(?:cả|trong|suốt|hết|cuối)\s+)?năm\s+(?P<y>20\d\d)|(?:cả|trong|suốt)\s+năm(?!\s*[\d{_L}]))"
)
_RECURRING = (
    (re.compile(r"hàng quý|hằng quý|mỗi quý|theo quý"), "quarterly"),
    (re.compile(r"hàng tháng|hằng tháng|mỗi tháng"), "monthly"),
    (re.compile(r"hàng năm|hằng năm"), "yearly"),
    (re.compile(r"thường xuyên|liên tục|thường trực"), "continuous"),
    (re.compile(r"định kỳ"), "periodic"),
)
_RELATIVE = re.compile(
    r"sau khi|kể từ|sau\s+\d+\s*(ngày|tuần|tháng)|theo chỉ đạo|khi có|ngay sau|theo yêu cầu|khi được|khi nhận được"
)
_BRACKETS = re.compile(r"\([^()]*\)")
_CLAUSES = re.compile(r"[\n;]+|\s+và\s+")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _valid_year(y: int) -> bool:
    return 2000 <= y <= 2099


def _half_date(g: dict[str, Any], plan_year: int) -> tuple[date, str] | None:
    y = int(g["hy"] or plan_year)
    months = {"6": 6, "sáu": 6, "9": 9, "chín": 9}[g["months"]]
    return _month_end(y, months), "half"


def _quarter_date(g: dict[str, Any], plan_year: int) -> tuple[date, str] | None:
    q = _ROMAN.get(g["q"]) or int(g["q"])
    y = int(g["qy"] or g["qy2"] or plan_year)
    return (_month_end(y, q * 3), "quarter") if _valid_year(y) else None


def _month_date(g: dict[str, Any], plan_year: int) -> tuple[date, str] | None:
    mo = int(g["m"])
    y = int(g["my"] or g["my2"] or plan_year)
    if not 1 <= mo <= 12 or not _valid_year(y):
        return None
    return _month_end(y, mo), "month"


def _day_date(g: dict[str, Any], plan_year: int) -> tuple[date, str] | None:
    d, mo = int(g["d"]), int(g["dm"])
    y = int(g["dy"] or plan_year)
    try:
        return date(y, mo, d), "day"
    except ValueError:
        return None


def _year_date(g: dict[str, Any], plan_year: int) -> tuple[date, str] | None:
    y = int(g["y"] or plan_year)
    return (date(y, 12, 31), "year") if _valid_year(y) else None


# The named alternatives of _CANDIDATE and how each becomes a date, in the pattern's order.
_DATE_READERS = (
    ("half", _half_date),
    ("quarter", _quarter_date),
    ("month", _month_date),
    ("day", _day_date),
    ("year", _year_date),
)


def _candidate_date(m: re.Match, plan_year: int) -> tuple[date, str] | None:
    """(due date, precision) for one match, or None when it is not a real date."""
    g = m.groupdict()
    for kind, read in _DATE_READERS:
        if g[kind]:
            return read(g, plan_year)
    return None


def _fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def parse_timeline(text: str, plan_year: int) -> Due:
    """Read a due date (or recurring / relative / none) from a timeline text; see the module doc."""
    original = " ".join(nfc(text or "").split())
    if not original:
        return Due(NONE, reason="Chưa ghi thời gian thực hiện; hãy đặt thời hạn nếu có.")
    read = _read_clauses(_BRACKETS.sub(" ", nfc(text).lower()), plan_year)
    if read.first_date is not None:
        due, precision, phrase = read.first_date
        reason = f"Đọc từ «{_short(phrase)}»: hạn {_fmt(due)}."
        if read.recurrence:
            reason += f" Sau đó thực hiện {RECURRENCE_LABELS[read.recurrence]}."
        return Due(DATE, due, read.recurrence, precision, phrase, reason)
    if read.recurrence:
        label = RECURRENCE_LABELS[read.recurrence]
        return Due(
            RECURRING,
            recurrence=read.recurrence,
            phrase=original,
            reason=f"Nhiệm vụ thực hiện {label}: không có một thời hạn duy nhất.",
        )
    if read.relative:
        return Due(
            RELATIVE,
            phrase=original,
            reason=f"Thời hạn tính từ một sự kiện khác («{_short(original)}»): chưa có ngày, hãy đặt thời hạn khi biết.",
        )
    return Due(
        NONE, phrase=original, reason=f"Không đọc được thời hạn từ «{_short(original)}»; hãy đặt thời hạn nếu có."
    )


@dataclass
class _Clauses:
    """What the clauses of a timeline say: the first date, the first recurrence, the first event."""

    first_date: tuple[date, str, str] | None = None  # due date, precision, the words it was read from
    recurrence: str = ""
    relative: str = ""


def _read_clauses(lowered: str, plan_year: int) -> _Clauses:
    out = _Clauses()
    for clause in _CLAUSES.split(lowered):
        clause = clause.strip(" -–+.,:\t")
        if not clause:
            continue
        clause_recurrence = next((kind for rx, kind in _RECURRING if rx.search(clause)), "")
        out.recurrence = out.recurrence or clause_recurrence
        if _RELATIVE.search(clause):
            out.relative = out.relative or clause  # dates in it belong to the other event
        elif out.first_date is None:
            out.first_date = _clause_date(clause, bool(clause_recurrence), plan_year)
    return out


def _clause_date(clause: str, recurring: bool, plan_year: int) -> tuple[date, str, str] | None:
    """The clause's first date, or the end of a range ("từ tháng 3 đến tháng 6/2024")."""
    found = []
    for m in _CANDIDATE.finditer(clause):
        if m.group("year") and recurring:
            continue  # "thường xuyên trong năm 2023": the span, not a deadline
        got = _candidate_date(m, plan_year)
        if got is not None:
            found.append((got, m))
    if not found:
        return None
    (due, precision), m = found[0]
    if len(found) > 1 and re.search(r"\bđến\b|\s[-–]\s", clause[m.end() : found[1][1].start()] + " "):
        (due, precision), m = found[1]
    return due, precision, m.group(0)


def overridden_due(on: date | None) -> Due:
    """The officer's own due date (or the officer's 'no due date')."""
    if on is None:
        return Due(NONE, reason="Cán bộ đã bỏ thời hạn của nhiệm vụ này.", overridden=True)
    return Due(DATE, on, precision="day", reason=f"Thời hạn do cán bộ đặt: {_fmt(on)}.", overridden=True)
