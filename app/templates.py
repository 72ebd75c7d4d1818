"""Built-in plan templates (resources/templates/*.json) and how their placeholders are filled."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import InvalidInput
from app.model import MAX_YEAR, MIN_YEAR, Plan
from app.paths import resource_dir
from app.plan_file import from_dict
from app.vietnamese import agency_header, fold, locality, parent_header, split_locality

_TOKEN = re.compile(r"\{([a-zA-Z_]+)\}")

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


@lru_cache(maxsize=1)
def list_templates() -> tuple[TemplateInfo, ...]:
    out = []
    for path in sorted(templates_dir().glob("*.json")):
        try:
            meta = json.loads(path.read_text(encoding="utf-8-sig"))["template"]
            out.append(TemplateInfo(meta["id"], meta["title"], meta.get("description", ""), path))
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


def _fill(value: Any, values: dict[str, str]) -> Any:
    if isinstance(value, str):
        return _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    return value


def instantiate(template_id: str, year: int, agency: Agency) -> Plan:
    """A new plan from a template: placeholders filled, dated January of `year`, number and day blank."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"Năm {year} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).")
    info = find_template(template_id)
    data = json.loads(info.path.read_text(encoding="utf-8-sig"))
    data.pop("template", None)
    data = _fill(data, placeholders(year, agency))
    data["year"] = year
    data["date"] = {"year": year, "month": 1, "day": None}
    data["number"] = ""
    return from_dict(data)
