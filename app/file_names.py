"""The names the exported files get: 'KH-CCHC-2027-phuong-Phu-Son', 'BC-CCHC-6-thang-2027-phuong-Phu-Son'."""

from __future__ import annotations

from pathlib import Path

from app.model import Plan
from app.tracking.report import Report
from app.vietnamese import file_slug

PERIOD_SLUG = {"q1": "quy-I", "6m": "6-thang", "9m": "9-thang", "year": "nam"}


def plan_base_name(plan: Plan) -> str:
    slug = file_slug(plan.agency)
    return f"KH-CCHC-{plan.year}" + (f"-{slug}" if slug else "")


def report_base_name(report: Report) -> str:
    slug = file_slug(report.agency)
    return f"BC-CCHC-{PERIOD_SLUG.get(report.period, report.period)}-{report.year}" + (f"-{slug}" if slug else "")


def free_base_name(folder: Path, base: str, suffixes: list[str]) -> str:
    """`base`, or 'base-2', 'base-3' … the first with none of the files already in the folder."""
    candidate, n = base, 1
    while any((folder / f"{candidate}.{s}").exists() for s in suffixes):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
