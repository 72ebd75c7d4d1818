"""The report's editing and storage form: one section's text replaced, and the dict kept in SQLite."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

from app.model import DocDate, Signer
from app.tracking.report.content import REPORT_SYMBOL, Counts, Report, ReportSection, ResultRow, TargetLine

EDITABLE_FIELDS = ("summary", "number", "date", "recipients", "signer", "appendix_title")


def with_section_text(report: Report, key: str, paragraphs: tuple[str, ...], heading: str | None = None) -> Report:
    """The report with one section's paragraphs (and optionally heading) replaced."""
    found = False
    out = []
    for s in report.sections:
        if s.key == key:
            found = True
            s = replace(s, paragraphs=tuple(paragraphs), heading=s.heading if heading is None else heading)
        out.append(s)
    if not found:
        raise KeyError(key)
    return replace(report, sections=tuple(out))


def report_to_dict(report: Report) -> dict:
    d = asdict(report)
    d["as_of"] = report.as_of.isoformat()
    d["date"] = None if report.date is None else [report.date.year, report.date.month, report.date.day]
    d.pop("id", None)
    return d


def report_from_dict(d: dict, report_id: int | None = None) -> Report:
    dt = d.get("date")
    return Report(
        plan_id=d.get("plan_id"),
        period=d["period"],
        period_title=d.get("period_title", ""),
        phrase=d.get("phrase", ""),
        year=int(d["year"]),
        as_of=date.fromisoformat(d["as_of"]),
        parent_agency=d.get("parent_agency", ""),
        agency=d.get("agency", ""),
        place=d.get("place", ""),
        summary=d.get("summary", ""),
        counts=Counts(**d.get("counts", {})),
        sections=tuple(
            ReportSection(s["key"], s.get("heading", ""), tuple(s.get("paragraphs", ())), int(s.get("level", 0)))
            for s in d.get("sections", ())
        ),
        target_lines=tuple(TargetLine(**x) for x in d.get("target_lines", ())),
        appendix_title=d.get("appendix_title", ""),
        rows=tuple(ResultRow(**x) for x in d.get("rows", ())),
        signer=Signer(**d.get("signer", {})),
        recipients=tuple(d.get("recipients", ())),
        number=d.get("number", ""),
        symbol=d.get("symbol", REPORT_SYMBOL),
        date=DocDate(*dt) if dt else None,
        id=report_id,
    )
