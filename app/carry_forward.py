"""Next year's plan from this year's: years in the text move on; what stays old is reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.model import Appendix, DocDate, Period, Plan
from app.plan_file import from_dict, to_dict
from app.text_walk import Place, iter_texts, map_texts

# A four-digit year not glued to other digits.
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# "2021 - 2025", "2021-2025", "2021 – 2025": a period, left as it is.
_RANGE = re.compile(r"(?<!\d)(19\d\d|20\d\d)\s*[-–—]\s*(19\d\d|20\d\d)(?!\d)")
# "90/2020/NĐ-CP", "01/2020/TT-VPCP": the year is part of a document's symbol.
_SYMBOL_YEAR = re.compile(r"(?<=/)(19\d\d|20\d\d)(?=/[A-ZĐ])")
# The issue date of a cited document: "số 4344/KH-UBND ngày 20/12/2022",
# "Nghị quyết số 02-NQ/HU ngày 31 tháng 01 năm 2021".
_CITED_DATE = re.compile(
    r"[Ss]ố:?\s*[\w./\-–…]+\s*,?\s+ngày\s+"
    r"(?:[\d…]{1,2}/[\d…]{1,2}/|[\d…]{1,2}\s+tháng\s+[\d…]{1,2}\s+năm\s+)(19\d\d|20\d\d)(?!\d)"
)


def _protected_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of years that carry-forward must not touch."""
    spans = [(m.start(), m.end(), "period") for m in _RANGE.finditer(text)]
    spans += [(m.start(), m.end(), "symbol") for m in _SYMBOL_YEAR.finditer(text)]
    spans += [(m.start(1), m.end(1), "cited") for m in _CITED_DATE.finditer(text)]
    return spans


def _is_period(text: str, period: Period) -> bool:
    m = _RANGE.fullmatch(text)
    return m is not None and (int(m.group(1)), int(m.group(2))) == (period.start, period.end)


def _why(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for s, e, why in spans:
        if s <= start and end <= e:
            return why
    return None


def shift_years(text: str, old_year: int, new_year: int, period: Period | None = None) -> str:
    """Move the plan's year and the one before it on by (new_year - old_year).

    "năm 2023" -> "năm 2024", "Quý I/2023" -> "Quý I/2024", "31/12/2023" -> "31/12/2024",
    "năm 2022" (last year's results) -> "năm 2023". Periods ("2021 - 2025"), document
    symbols ("90/2020/NĐ-CP") and the issue dates of cited documents are kept.
    A multi-year plan moves as a whole: its period ("2026 - 2030" -> "2031 - 2035") and every
    year inside it.
    """
    delta = new_year - old_year
    if not delta or not text:
        return text
    moving = set(range(period.start - 1, period.end + 1)) if period else {old_year - 1, old_year}
    spans = _protected_spans(text)
    if period is not None:
        # The plan's own period moves; other periods stay.
        own = [(s, e) for s, e, why in spans if why == "period" and _is_period(text[s:e], period)]
        spans = [sp for sp in spans if (sp[0], sp[1]) not in own]
    out, last = [], 0
    for m in _YEAR.finditer(text):
        year = int(m.group())
        if year in moving and _why(spans, m.start(), m.end()) is None:
            out.append(text[last : m.start()])
            out.append(str(year + delta))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


LAST_YEAR_HEADERS = (("content", "Nội dung năm trước"), ("product", "Nội dung năm nay"), ("note", "Ghi chú"))


def is_last_year_comparison(a: Appendix) -> bool:
    """The appendix comparing the plan with last year's (its column headers say so)."""
    headers = dict(a.headers)
    return headers.get("content") == LAST_YEAR_HEADERS[0][1] and headers.get("product") == LAST_YEAR_HEADERS[1][1]


@dataclass(frozen=True)
class Leftover:
    """A past year still in a plan's text."""

    place: Place
    year: int
    excerpt: str
    why: str  # "" plain mention, "cited" issue date of a cited document


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")


# "ISO 9001:2015", "TCVN 7312:2003": a standard's edition, not a year of the plan's cycle.
_STANDARD_YEAR = re.compile(r"(?<=\d:)(19\d\d|20\d\d)(?!\d)")
# Just before a year that is part of a date or a deadline: "31/12/", "Quý I/", "tháng 5 năm ".
_DATE_BEFORE = re.compile(r"(/|tháng\s+\d{1,2}\s+năm\s+)$", re.IGNORECASE)


def past_years(plan: Plan) -> list[Leftover]:
    """The places where a past year is probably a mistake in this plan's text.

    Reported: a date or deadline in a past year ("trước 30/6/2026", "Quý I/2026"); any year
    older than last year; a cited document about this plan's year dated before last year (the
    province's plan of the previous cycle, left after carry-forward). Not reported: document
    symbols ("90/2020/NĐ-CP"), standards ("ISO 9001:2015"), periods reaching the plan's year,
    old documents cited for what they are, the framework of a programme still running, dated at
    its start (NQ 76/NQ-CP of 2021 for 2021 - 2030), and plain mentions of last year ("so với
    năm 2026").
    """
    years = {plan.year} | (set(range(plan.period.start, plan.period.end + 1)) if plan.period else set())
    # The comparison with last year's plan quotes last year's texts on purpose (app/versions/last_year.py).
    plan = replace(plan, appendices=tuple(a for a in plan.appendices if not is_last_year_comparison(a)))
    found: list[Leftover] = []
    for place, text in iter_texts(plan):
        if text:
            found += _leftovers(place, _YearsInText.read(text, years), min(years))
    return found


@dataclass(frozen=True)
class _YearsInText:
    """One text as past_years reads it: the spans that protect a year, the periods, and the issue
    dates of cited documents whose own clause is about the plan's year or period."""

    text: str
    spans: list[tuple[int, int, str]]
    ranges: list[tuple[int, int, int, int]]  # start, end, first year, last year
    about: list[tuple[int, int]]

    @classmethod
    def read(cls, text: str, years: set[int]) -> _YearsInText:
        spans = _protected_spans(text)
        spans += [(m.start(), m.end(), "standard") for m in _STANDARD_YEAR.finditer(text)]
        ranges = [(m.start(), m.end(), int(m.group(1)), int(m.group(2))) for m in _RANGE.finditer(text)]
        # A cited document's own clause runs up to ";".
        about = [
            (m.start(1), m.end(1))
            for m in _CITED_DATE.finditer(text)
            if _stale(text[m.end() : (text.find(";", m.end()) + 1) or None], int(m.group(1)), years)
        ]
        return cls(text, spans, ranges, about)


# "đến năm 2030", "tầm nhìn đến năm 2045": where a span ends, not a year a document is about.
_UNTIL = re.compile(r"(?:đến|tới)\s+(?:năm\s+)?$", re.IGNORECASE)


def _spans_about(clause: str) -> list[tuple[int, int]]:
    """The years a cited document's clause says it is about: its periods ("giai đoạn 2021 - 2030")
    and single years ("về cải cách hành chính năm 2024"), not dates, symbols or open ends."""
    ranges = list(_RANGE.finditer(clause))
    spans = [(int(m.group(1)), int(m.group(2))) for m in ranges]
    for m in _YEAR.finditer(clause):
        before = clause[: m.start()]
        # "/2025/NĐ-CP", "31/12/2025", "tháng 5 năm 2025": a symbol or a date.
        if (
            any(r.start() <= m.start() < r.end() for r in ranges)
            or _DATE_BEFORE.search(before)
            or _UNTIL.search(before)
        ):
            continue
        spans.append((int(m.group()), int(m.group())))
    return spans


def _stale(clause: str, dated: int, years: set[int]) -> bool:
    """A cited document about a span holding the plan's year, dated more than a year before that
    span starts: the previous cycle's document left in place (the province's plan "ngày 20/12/2022
    … năm 2024"). The framework of a programme still running ("Nghị quyết 76/NQ-CP ngày 15/7/2021
    … giai đoạn 2021 - 2030") is dated at its start and is not."""
    return any(start <= max(years) and min(years) <= end and dated < start - 1 for start, end in _spans_about(clause))


def _leftovers(place: Place, t: _YearsInText, first: int) -> list[Leftover]:
    found = []
    for m in _YEAR.finditer(t.text):
        why = _leftover_why(t, m, first)
        if why is not None:
            found.append(Leftover(place, int(m.group()), _excerpt(t.text, m.start(), m.end()), why))
    return found


def _leftover_why(t: _YearsInText, m: re.Match, first: int) -> str | None:
    """Why the year at `m` is left over ("" a plain mention, "cited"), or None when it is not."""
    year = int(m.group())
    if year >= first:
        return None
    why = _why(t.spans, m.start(), m.end())
    if why in ("symbol", "standard"):
        return None
    if why == "period":
        rng = next(r for r in t.ranges if r[0] <= m.start() and m.end() <= r[1])
        if rng[2] <= first <= rng[3]:
            return None
        why = ""
    if why == "cited":
        return why if (m.start(), m.end()) in t.about and year < first - 1 else None
    if year == first - 1 and not _DATE_BEFORE.search(t.text[: m.start()]):
        return None  # "so với năm 2026", "kết quả năm 2026": last year named on purpose
    return why or ""


def carry_forward(plan: Plan, new_year: int) -> Plan:
    """The plan for `new_year`: texts shifted, number and day cleared, ids dropped."""
    old = plan.year
    moved = map_texts(plan, lambda t: shift_years(t, old, new_year, plan.period))
    month = plan.date.month if plan.date else 1
    delta = new_year - old
    period = Period(plan.period.start + delta, plan.period.end + delta) if plan.period else None
    fresh = from_dict(to_dict(moved))  # a clean copy without ids
    # last year's comparison is about last year: next year's plan makes its own
    fresh = replace(fresh, appendices=tuple(a for a in fresh.appendices if not is_last_year_comparison(a)))
    decision = None
    if plan.decision is not None:
        d = plan.decision
        decision = replace(
            d,
            number="",
            date=DocDate(new_year, d.date.month if d.date else month, None),
            legal_bases=tuple(shift_years(t, old, new_year, plan.period) for t in d.legal_bases),
            articles=tuple(shift_years(t, old, new_year, plan.period) for t in d.articles),
        )
    return replace(
        fresh, year=new_year, number="", date=DocDate(new_year, month, None), period=period, decision=decision
    )
