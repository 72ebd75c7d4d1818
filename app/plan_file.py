"""The plan file format (kehoach-cchc/1): the whole plan as JSON, no database ids.

Writing is canonical (every key, fixed order, two-space indent, trailing newline), so
export -> import -> export gives byte-identical files. Reading validates the shape and
says in Vietnamese where a file is wrong (the JSON itself: app/plan_reader.py). See docs/plan-format.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.errors import InvalidPlanFile
from app.model import FORMAT_ID, TARGET_COLUMN_KEYS, TASK_COLUMN_KEYS, Decision, DocDate, Plan, Section, Signer, Task
from app.plan_reader import decision_from_dict, from_dict

__all__ = ["MAX_FILE_BYTES", "decision_from_dict", "decision_to_dict", "dumps", "from_dict", "loads", "read", "to_dict"]

MAX_FILE_BYTES = 20 * 1024 * 1024


# ---------------------------------------------------------------- writing


def _task(t: Task) -> dict[str, Any]:
    d: dict[str, Any] = {k: getattr(t, k) for k in ("area",) + TASK_COLUMN_KEYS}
    d["subtasks"] = [_task(s) for s in t.subtasks]
    return d


def _section(s: Section) -> dict[str, Any]:
    d: dict[str, Any] = {"heading": s.heading}
    if s.run_in:
        d["run_in"] = True
    d["paragraphs"] = list(s.paragraphs)
    d["sections"] = [_section(c) for c in s.sections]
    return d


def to_dict(plan: Plan) -> dict[str, Any]:
    d: dict[str, Any] = {
        "format": FORMAT_ID,
        "year": plan.year,
        "summary": plan.summary,
        "parent_agency": plan.parent_agency,
        "agency": plan.agency,
        "number": plan.number,
        "symbol": plan.symbol,
        "place": plan.place,
        "date": _date(plan.date),
        "legal_bases": list(plan.legal_bases),
        "legal_bases_italic": plan.legal_bases_italic,
        "preamble": plan.preamble,
        "sections": [_section(s) for s in plan.sections],
        "closing": plan.closing,
        "targets": [{k: getattr(t, k) for k in ("area",) + TARGET_COLUMN_KEYS} for t in plan.targets],
        "appendices": [
            {
                "kind": a.kind,
                "title": a.title,
                "columns": list(a.columns),
                "headers": dict(a.headers),
                "group_by_area": a.group_by_area,
                "area": a.area,
                "tasks": [_task(t) for t in a.tasks],
            }
            for a in plan.appendices
        ],
        "signer": _signer(plan.signer),
        "recipients": list(plan.recipients),
        "areas": [{"id": a.id, "title": a.title} for a in plan.areas],
        "heading_numbering": list(plan.heading_numbering),
        "subtask_numbering": plan.subtask_numbering,
        "appendix_numbering": plan.appendix_numbering,
    }
    # Optional keys are written only when used, so files of plans without them stay as they were.
    if plan.period is not None:
        d["period"] = {"from": plan.period.start, "to": plan.period.end}
    if plan.decision is not None:
        d["decision"] = decision_to_dict(plan.decision)
    if plan.footnotes_restart:
        d["footnotes_restart"] = True
    return d


def decision_to_dict(dec: Decision) -> dict[str, Any]:
    return {
        "number": dec.number,
        "symbol": dec.symbol,
        "date": _date(dec.date),
        "legal_bases": list(dec.legal_bases),
        "articles": list(dec.articles),
        "signer": _signer(dec.signer),
        "recipients": list(dec.recipients),
    }


def _date(date: DocDate | None) -> dict[str, Any] | None:
    return None if date is None else {"year": date.year, "month": date.month, "day": date.day}


def _signer(s: Signer) -> dict[str, str]:
    return {"authority": s.authority, "position": s.position, "name": s.name}


def dumps(plan: Plan) -> str:
    return json.dumps(to_dict(plan), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- reading


def loads(text: str) -> Plan:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InvalidPlanFile(
            f"Tệp không phải JSON hợp lệ (dòng {e.lineno}, cột {e.colno}); hãy dùng tệp xuất từ phần mềm."
        ) from None
    except RecursionError:
        raise InvalidPlanFile("Tệp JSON lồng quá sâu, không đọc được.") from None
    return from_dict(data)


def read(path: Path) -> Plan:
    """Read and validate a plan file; every failure is an InvalidPlanFile in Vietnamese."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidPlanFile(f"Không tìm thấy tệp «{path}»; kiểm tra lại đường dẫn.") from None
    except OSError as e:
        raise InvalidPlanFile(f"Không đọc được tệp «{path}»: {e.strerror or e}.") from None
    if path.is_dir():
        raise InvalidPlanFile(f"«{path}» là một thư mục, không phải tệp kế hoạch.")
    if size > MAX_FILE_BYTES:
        raise InvalidPlanFile(
            f"Tệp «{path.name}» quá lớn ({size // (1024 * 1024)} MB) để là một kế hoạch; hãy chọn đúng tệp .json."
        )
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InvalidPlanFile(f"Không đọc được tệp «{path}»: {e.strerror or e}.") from None
    if raw[:2] == b"PK":
        raise InvalidPlanFile(f"Tệp «{path.name}» là tệp Word/Excel (nén), không phải tệp kế hoạch .json của phần mềm.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidPlanFile(f"Tệp «{path.name}» không phải văn bản UTF-8; hãy dùng tệp xuất từ phần mềm.") from None
    return loads(text)
