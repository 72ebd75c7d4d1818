"""The names the exported files get: 'KH-CCHC-2027-phuong-Phu-Son', 'BC-CCHC-6-thang-2027-phuong-Phu-Son'."""

from __future__ import annotations

from pathlib import Path

from app.model import Plan
from app.tracking.report import Report
from app.vietnamese import ascii_fold, file_slug

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


def version_base_name(plan: Plan, kind: str, number: str, name: str) -> str:
    """A frozen version's files: 'KH-CCHC-2027-phuong-Phu-Son-ban-hanh-15', '…-du-thao-lay-y-kien-10-12'
    (kind: app.versions' 'issued' or 'draft')."""
    what = (
        f"ban hanh {number}"
        if kind == "issued"
        else (name if "thao" in ascii_fold(name).lower() else f"du thao {name}")
    )
    folded = "".join(ch if ch.isalnum() else " " for ch in ascii_fold(what).lower())
    slug = "-".join(folded.split())[:60].rstrip("-")
    return f"{plan_base_name(plan)}-{slug}"


def changes_base_name(plan: Plan) -> str:
    """The tracked-changes Word file of a comparison: 'KH-CCHC-2027-phuong-Phu-Son-thay-doi'."""
    return f"{plan_base_name(plan)}-thay-doi"
