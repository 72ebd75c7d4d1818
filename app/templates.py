"""Built-in plan templates (resources/templates/*.json) and how their placeholders are filled.

Three things a template decides from the data of the new plan (docs/templates.md):
- the words that depend on the kind of commune ({economy_office}, {hamlet});
- what it may cite on its date: a list item (legal basis, paragraph, section, task) may carry
  "from"/"until" (ISO dates) and is kept only when the plan is dated on/after "from" and before
  "until"; named "phrases" are the same inside a sentence;
- its date: January of the year, or the first month that starts on or after the template's
  "not_before" day (the day the documents its content rests on exist).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import InvalidInput
from app.model import MAX_YEAR, MIN_YEAR, DocDate, Period, Plan
from app.numbering import appendix_label
from app.paths import resource_dir
from app.plan_file import from_dict
from app.vietnamese import agency_header, fold, locality, parent_header, split_locality

_TOKEN = re.compile(r"\{([a-zA-Z_0-9]+)\}")
_DATE_KEYS = ("from", "until")

# The offices and the units below a commune-level People's Committee, by its kind (Nghị định
# 150/2025/NĐ-CP; ../shared/docs/legal-bases.md §1.5): a phường (and đặc khu Phú Quốc) has a Phòng Kinh
# tế, Hạ tầng và Đô thị, a xã or another đặc khu a Phòng Kinh tế; a xã is made of thôn, a phường of
# tổ dân phố, a đặc khu of either. Each province names its offices: the officer edits what differs.
ECONOMY_OFFICE_URBAN = "Phòng Kinh tế, Hạ tầng và Đô thị"
ECONOMY_OFFICE = "Phòng Kinh tế"
HAMLETS = {"xã": "thôn", "phường": "tổ dân phố", "thị trấn": "tổ dân phố", "đặc khu": "thôn, tổ dân phố"}
_URBAN_SPECIAL_ZONES = ("phu quoc",)


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title: str
    description: str
    path: Path
    period: Period | None = None  # a multi-year template: its plan's year is period.start
    not_before: date | None = None  # no plan from it is dated before this day


@dataclass(frozen=True)
class Agency:
    """What the officer types once: the ward, its province, the place and the chairman."""

    agency: str = "Ủy ban nhân dân phường Mẫu"
    parent_agency: str = ""
    place: str = ""
    province: str = ""
    chairman: str = ""


def templates_dir() -> Path:
    return resource_dir() / "templates"


def _iso(text: str) -> date:
    return date.fromisoformat(text)


def _info(path: Path) -> TemplateInfo:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    meta = data["template"]
    period = data.get("period")
    return TemplateInfo(
        meta["id"],
        meta["title"],
        meta.get("description", ""),
        path,
        Period(period["from"], period["to"]) if period else None,
        _iso(meta["not_before"]) if meta.get("not_before") else None,
    )


@lru_cache(maxsize=1)
def list_templates() -> tuple[TemplateInfo, ...]:
    out = []
    for path in sorted(templates_dir().glob("*.json")):
        try:
            out.append(_info(path))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a damaged template is left out rather than breaking the list
    return tuple(out)


def find_template(template_id: str) -> TemplateInfo:
    for t in list_templates():
        if t.id == template_id:
            return t
    ids = ", ".join(t.id for t in list_templates())
    raise InvalidInput(f"Không có mẫu «{template_id}»; các mẫu hiện có: {ids}.")


def kind_words(kind: str, name: str = "") -> dict[str, str]:
    """{economy_office} and {hamlet} for a 'xã', 'phường' or 'đặc khu' (unknown: as a xã)."""
    kind = kind if kind in HAMLETS else "xã"
    urban = kind == "phường" or (kind == "đặc khu" and fold(name) in _URBAN_SPECIAL_ZONES)
    return {"economy_office": ECONOMY_OFFICE_URBAN if urban else ECONOMY_OFFICE, "hamlet": HAMLETS[kind]}


def placeholders(year: int, agency: Agency) -> dict[str, str]:
    kind, name = split_locality(agency.agency)
    province = agency.province or (locality(agency.parent_agency) if agency.parent_agency else "") or "tỉnh ……"
    loc = locality(agency.agency) or "xã ……"
    return {
        "year": str(year),
        "prev_year": str(year - 1),
        "next_year": str(year + 1),
        "agency": agency_header(agency.agency),
        "parent_agency": parent_header(agency.parent_agency),
        "place": agency.place or name or "……",
        "locality": loc,
        "Locality": loc[:1].upper() + loc[1:],
        "kind": kind or "xã",
        "province": province,
        "Province": province[:1].upper() + province[1:],
        "chairman": agency.chairman,
    } | kind_words(kind, name)


def plan_date(year: int, not_before: date | None = None) -> DocDate:
    """January of `year`; when the template's content exists only from `not_before` in that year,
    the first month that starts on or after it (the day stays blank for the clerk)."""
    if not_before is None or not_before.year != year or not_before <= date(year, 1, 1):
        return DocDate(year, 1)
    return DocDate(year, min(12, not_before.month + (not_before.day > 1)))


def first_day(d: DocDate) -> date:
    """The earliest day a draft dated `d` can be signed (a blank day or month: the first)."""
    return date(d.year, d.month or 1, d.day or 1)


def _in_force(item: Any, on: date) -> bool:
    if not isinstance(item, dict):
        return True
    start, end = item.get("from"), item.get("until")
    return (not isinstance(start, str) or _iso(start) <= on) and (not isinstance(end, str) or on < _iso(end))


def _undated(item: Any) -> Any:
    """A kept item without its dates; {"text": …} alone is the string it wraps."""
    if not isinstance(item, dict) or not any(isinstance(item.get(k), str) for k in _DATE_KEYS):
        return item
    rest = {k: v for k, v in item.items() if k not in _DATE_KEYS}
    return rest["text"] if rest.keys() == {"text"} else rest


def dated(value: Any, on: date) -> Any:
    """The template data as it stands on `on`: list items not yet issued or no longer current left out."""
    if isinstance(value, list):
        return [dated(_undated(v), on) for v in value if _in_force(v, on)]
    if isinstance(value, dict):
        return {k: dated(v, on) for k, v in value.items()}
    return value


def _fill(value: Any, values: dict[str, str]) -> Any:
    if isinstance(value, str):
        return _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    return value


def _own_values(data: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """The template's own placeholders: {appendix_N} ('Phụ lục II' in its numbering) and its phrases."""
    style = data.get("appendix_numbering", "roman")
    out = {f"appendix_{n}": appendix_label(style, n) for n in range(1, len(data.get("appendices", [])) + 1)}
    for name, choices in data.get("phrases", {}).items():
        out[name] = _fill(choices[0], values | out) if choices else ""
    return out


def instantiate(template_id: str, year: int, agency: Agency) -> Plan:
    """A new plan from a template: dated (see plan_date), what it cites issued by then, its
    placeholders filled, number and day blank."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"Năm {year} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).")
    info = find_template(template_id)
    if info.period is not None and year != info.period.start:
        span = f"{info.period.start} - {info.period.end}"
        raise InvalidInput(f"Mẫu «{info.title}» là kế hoạch giai đoạn {span}: năm kế hoạch là {info.period.start}.")
    when = plan_date(year, info.not_before)
    data = json.loads(info.path.read_text(encoding="utf-8-sig"))
    data.pop("template", None)
    data = dated(data, first_day(when))
    values = placeholders(year, agency)
    values |= _own_values(data, values)
    data.pop("phrases", None)
    data = _fill(data, values)
    data["year"] = year
    data["date"] = {"year": when.year, "month": when.month, "day": None}
    data["number"] = ""
    return from_dict(data)
