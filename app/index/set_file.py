"""The criteria-set file (format "kehoach-cchc-index/1", see docs/index-format.md): the shipped
sample, and how a ward shares its province's set with its neighbours."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import InvalidInput, os_reason
from app.files import write_text_atomic
from app.index.model import PARTS, RULE_KINDS, CriteriaSet, Criterion, Rule, parse_points
from app.index.validate import check_set
from app.paths import resource_dir
from app.vietnamese import clean_text

FORMAT = "kehoach-cchc-index/1"
MAX_FILE_BYTES = 5 << 20
SAMPLE_NAME = "sample-criteria.json"


def sample_set_path() -> Path:
    return resource_dir() / "index" / SAMPLE_NAME


def set_to_dict(cs: CriteriaSet) -> dict[str, Any]:
    out = []
    for c in cs.criteria:
        d: dict[str, Any] = {"number": c.number, "title": c.title, "points": str(c.max_points)}
        if c.guidance:
            d["guidance"] = c.guidance
        if c.part:
            d["part"] = c.part
        if c.rule is not None:
            d["rule"] = {"kind": c.rule.kind}
            if c.rule.bands:
                d["rule"]["bands"] = [[str(a), str(b)] for a, b in c.rule.bands]
        out.append(d)
    return {"format": FORMAT, "name": cs.name, "total": str(cs.total), "criteria": out}


def _points(value: Any, where: str) -> Decimal:
    p = parse_points(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if p is None:
        raise InvalidInput(f"{where}: điểm «{value}» không phải là số điểm.")
    return p


def _rule(d: Any, where: str) -> Rule | None:
    if d is None:
        return None
    if not isinstance(d, dict) or d.get("kind") not in RULE_KINDS:
        raise InvalidInput(f"{where}: cách chấm không phải một trong {', '.join(RULE_KINDS)}.")
    bands = d.get("bands", [])
    if not isinstance(bands, list) or not all(isinstance(b, list) and len(b) == 2 for b in bands):
        raise InvalidInput(f"{where}: các mức điểm theo tỷ lệ phải là các cặp [tỷ lệ %, điểm].")
    return Rule(d["kind"], tuple((_points(a, where), _points(b, where)) for a, b in bands))


def _criterion(d: Any, i: int) -> Criterion:
    where = f"Tiêu chí thứ {i + 1}"
    if not isinstance(d, dict) or not isinstance(d.get("number"), str) or not isinstance(d.get("title"), str):
        raise InvalidInput(f"{where}: thiếu số thứ tự hoặc tên tiêu chí.")
    guidance = d.get("guidance", "")
    if not isinstance(guidance, str):
        raise InvalidInput(f"{where}: hướng dẫn chấm phải là văn bản.")
    part = d.get("part", "")
    if part not in PARTS:
        raise InvalidInput(f"{where}: phần «{part}» không phải một trong bonus, penalty, survey.")
    return Criterion(
        d["number"].strip(),
        clean_text(d["title"]),
        _points(d.get("points"), where),
        clean_text(guidance),
        _rule(d.get("rule"), where),
        part,
    )


def set_from_dict(d: Any, source: str = "") -> CriteriaSet:
    """A checked set from the file's dictionary; InvalidInput (one Vietnamese line) otherwise."""
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        raise InvalidInput("Tệp không phải tệp bộ tiêu chí Chỉ số CCHC của phần mềm.")
    criteria = d.get("criteria")
    if not isinstance(criteria, list) or not isinstance(d.get("name"), str):
        raise InvalidInput("Tệp bộ tiêu chí thiếu tên hoặc danh sách tiêu chí.")
    cs = CriteriaSet(
        clean_text(d["name"]),
        _points(d.get("total"), "Tổng điểm"),
        [_criterion(c, i) for i, c in enumerate(criteria)],
        source=source,
    )
    check_set(cs)
    return cs


def read_set_file(path: Path | str, source: str = "") -> CriteriaSet:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(f"Tệp «{path.name}» quá lớn cho một bộ tiêu chí.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InvalidInput(f"Không đọc được tệp «{path.name}»: {os_reason(e)}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(f"Tệp «{path.name}» không phải tệp bộ tiêu chí (JSON) đọc được.") from None
    return set_from_dict(data, source or f"file:{path.name}")


def write_set_file(cs: CriteriaSet, path: Path | str) -> None:
    write_text_atomic(Path(path), json.dumps(set_to_dict(cs), ensure_ascii=False, indent=1) + "\n")


def sample_set() -> CriteriaSet:
    """The shipped sample set (marked as such in its name)."""
    return read_set_file(sample_set_path(), "sample")
