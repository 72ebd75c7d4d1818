"""The plan file format (kehoach-cchc/1): the whole plan as JSON, no database ids.

Writing is canonical (every key, fixed order, two-space indent, trailing newline), so
export -> import -> export gives byte-identical files. Reading validates the shape and
says in Vietnamese where a file is wrong (the JSON itself: app/plan_reader.py). See docs/plan-format.md.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from app import limits
from app.errors import InvalidPlanFile
from app.model import FORMAT_ID, TARGET_COLUMN_KEYS, TASK_COLUMN_KEYS, Decision, DocDate, Plan, Section, Signer, Task
from app.plan_reader import decision_from_dict, from_dict

__all__ = [
    "MAX_FILE_BYTES",
    "decision_from_dict",
    "decision_to_dict",
    "dumps",
    "from_dict",
    "loads",
    "loads_document",
    "read",
    "read_document",
    "to_dict",
]

MAX_FILE_BYTES = limits.PLAN_FILE_BYTES
# A JSON string, to blank out before counting brackets (the unrolled form: linear, no backtracking).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


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
    return loads_document(text)[0]


def loads_document(text: str) -> tuple[Plan, dict[str, Any]]:
    """The plan and the parsed file (its optional keys beyond the plan: `versions`)."""
    _check_containers(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InvalidPlanFile(
            f"Tệp không phải JSON hợp lệ (dòng {e.lineno}, cột {e.colno}); hãy dùng tệp xuất từ phần mềm."
        ) from None
    except RecursionError:
        raise InvalidPlanFile("Tệp JSON lồng quá sâu, không đọc được.") from None
    except ValueError:  # an integer of more than 4,300 digits (Python refuses to convert it)
        raise InvalidPlanFile(
            "Tệp chứa một con số dài hàng nghìn chữ số; đây không phải tệp kế hoạch hợp lệ."
        ) from None
    return from_dict(data), data


def _check_containers(text: str) -> None:
    """Refuse a file of millions of tiny objects or lists before json builds them (20 MB of `{},`
    would be 7 million tasks): a plan within the limits has far fewer than JSON_CONTAINERS."""
    if text.count("{") + text.count("[") <= limits.JSON_CONTAINERS:
        return
    bare = _STRING.sub("", text)  # brackets inside texts do not count
    if bare.count("{") + bare.count("[") > limits.JSON_CONTAINERS:
        raise InvalidPlanFile(
            f"Tệp có hơn {limits.number(limits.JSON_CONTAINERS)} khối dữ liệu, quá nhiều cho một kế hoạch "
            f"(tối đa {limits.number(limits.TASKS)} nhiệm vụ)."
        )


def read(path: Path) -> Plan:
    """Read and validate a plan file; every failure is an InvalidPlanFile in Vietnamese."""
    return read_document(path)[0]


def read_document(path: Path) -> tuple[Plan, dict[str, Any]]:
    """`read`, with the parsed file (see loads_document)."""
    raw = _read_capped(Path(path))
    if raw[:2] == b"PK":
        raise InvalidPlanFile(f"Tệp «{path.name}» là tệp Word/Excel (nén), không phải tệp kế hoạch .json của phần mềm.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidPlanFile(f"Tệp «{path.name}» không phải văn bản UTF-8; hãy dùng tệp xuất từ phần mềm.") from None
    return loads_document(text)


def _too_big(path: Path, size: int) -> InvalidPlanFile:
    return InvalidPlanFile(
        f"Tệp «{path.name}» quá lớn ({size // (1024 * 1024)} MB, tối đa "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB) để là một kế hoạch; hãy chọn đúng tệp .json."
    )


def _read_capped(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES. A device (/dev/zero), a named pipe
    or a folder is refused before it is opened (opening a pipe would wait for a writer forever),
    and at most one byte past the cap is read, so a file that grows meanwhile cannot fill memory."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InvalidPlanFile(f"Không tìm thấy tệp «{path}»; kiểm tra lại đường dẫn.") from None
    except OSError as e:
        raise InvalidPlanFile(f"Không đọc được tệp «{path}»: {e.strerror or e}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise InvalidPlanFile(f"«{path}» là một thư mục, không phải tệp kế hoạch.")
    if not stat.S_ISREG(st.st_mode):
        raise InvalidPlanFile(
            f"«{path}» không phải một tệp thông thường (thiết bị hoặc ống dẫn), không đọc như kế hoạch."
        )
    if st.st_size > MAX_FILE_BYTES:
        raise _too_big(path, st.st_size)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise InvalidPlanFile(f"Không đọc được tệp «{path}»: {e.strerror or e}.") from None
    try:
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped for a pipe since the check
                raise InvalidPlanFile(f"«{path}» không phải một tệp thông thường, không đọc như kế hoạch.")
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise InvalidPlanFile(f"Không đọc được tệp «{path}»: {e.strerror or e}.") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(path, len(raw))
    return raw
