"""Rules on the whole plan, registered in the order their findings are listed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.carry_forward import past_years
from app.checks.findings import INFO, WARNING, Finding, excerpt
from app.checks.registry import check_rows, plan_rule, task_tables
from app.model import Plan
from app.numbering import task_rows
from app.text_walk import Place, iter_texts
from app.vietnamese import tone_style_counts

EXCEL_CELL_LIMIT = 32_767  # Excel's limit for one cell (exporters/xlsx_writer.py cuts there)


_past_years_of: list[tuple[Plan, list]] = []  # the last plan read, kept so its identity stays its own


def _past_years(plan: Plan) -> list:
    """past_years, read once for the two rules that need it in one check (a plan is immutable)."""
    if not _past_years_of or _past_years_of[0][0] is not plan:
        _past_years_of[:] = [(plan, past_years(plan))]
    return _past_years_of[0][1]


@plan_rule("past-year")
def past_year(plan: Plan) -> Iterator[Finding]:
    """A past year left in the text (the typical carry-forward mistake)."""
    for lo in _past_years(plan):
        what = "ngày của văn bản được dẫn thuộc chu kỳ trước" if lo.why == "cited" else "còn ghi năm cũ"
        yield Finding(WARNING, "past-year", f"{what} ({lo.year}): «{lo.excerpt}»", lo.place)


_LAST_YEAR = "(?<![\\d/])năm {year}(?!\\d)"


@plan_rule("last-year-mention")
def last_year_mention(plan: Plan) -> Iterator[Finding]:
    """A paragraph still naming last year: "năm 2026" in a 2027 plan (a warning one can dismiss)."""
    # Often right ("so với năm 2026"), sometimes a sentence carried over unchanged: a warning the
    # officer dismisses where the mention is meant (app/ops/checks.py remembers it per place).
    if plan.period is not None:
        return
    pattern = re.compile(_LAST_YEAR.format(year=plan.year - 1), re.IGNORECASE)
    reported = {(lo.place.kind, lo.place.ref, lo.place.index) for lo in _past_years(plan)}
    for place, text in iter_texts(plan):
        if place.kind != "section" or place.field != "paragraphs" or not text:
            continue
        m = pattern.search(text)
        if m and (place.kind, place.ref, place.index) not in reported:
            found = excerpt(text, m.start(), m.end())
            yield Finding(WARNING, "last-year-mention", f"còn nhắc năm {plan.year - 1}: «{found}»", place)


@plan_rule()  # its findings carry the codes of the row rules
def task_table_rows(plan: Plan) -> Iterator[Finding]:
    """Every row of every task table through the row rules (app/checks/row_rules.py)."""
    return check_rows(plan)


@plan_rule("tone-mixed")
def tone_mixed(plan: Plan) -> Iterator[Finding]:
    """Both tone-mark spellings ("hoà" and "hòa") in one document."""
    old = new = 0
    for _, text in iter_texts(plan):
        o, n = tone_style_counts(text)
        old, new = old + o, new + n
    if old and new:
        yield Finding(
            WARNING,
            "tone-mixed",
            f"văn bản dùng lẫn hai kiểu bỏ dấu: {old} chỗ kiểu cũ (hoà, uỷ) và {new} chỗ kiểu mới "
            "(hòa, ủy); nên thống nhất một kiểu.",
        )


@plan_rule("cell-too-long")
def cell_too_long(plan: Plan) -> Iterator[Finding]:
    """A shown task cell longer than Excel holds, which the Excel file would cut."""
    # The replace turns the thousands separator into a dot, and the comma after "ký tự" too.
    message = f"ô dài hơn {EXCEL_CELL_LIMIT:,} ký tự, tệp Excel sẽ phải cắt bớt (Word và PDF giữ đủ).".replace(",", ".")
    for label, a in task_tables(plan):
        for row in task_rows(plan, a):
            if row.task is None:
                continue
            for field in a.columns:
                if len(getattr(row.task, field)) > EXCEL_CELL_LIMIT:
                    place = Place("task", row.task.id, field, f"{label}, dòng {row.label}")
                    yield Finding(WARNING, "cell-too-long", message, place)


@plan_rule("number-blank")
def number_blank(plan: Plan) -> Iterator[Finding]:
    """The document number is still blank (normal in a draft)."""
    if not plan.number.strip():
        yield Finding(
            INFO,
            "number-blank",
            "số văn bản còn để trống (văn thư điền khi ban hành).",
            Place("plan", plan.id, "number", "Số, ký hiệu"),
        )


@plan_rule("day-blank")
def day_blank(plan: Plan) -> Iterator[Finding]:
    """The day of issue is still blank (normal in a draft)."""
    if plan.date is None or plan.date.day is None:
        yield Finding(INFO, "day-blank", "ngày ban hành còn để trống.", Place("plan", plan.id, "date", "Ngày"))
