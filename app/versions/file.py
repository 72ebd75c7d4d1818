"""A plan's versions in its plan file: the optional `versions` key (docs/plan-format.md).

Each version is written as it was frozen: its plan file as one string (`plan_file`, exactly the
text `export-json --version` writes, so nothing is re-worded on the way) with its kind, name,
number, dates, and `task_keys`: for each of its tasks in plan-file order, a number naming the
task across the file (a task of the plan itself: its index in the plan's own task order; a task
the plan no longer has: a number from the plan's task count on, the same in every version). On
import the keys become the new task ids, so a comparison still matches tasks by identity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app import limits, plan_file
from app.errors import InvalidInput, InvalidPlanFile
from app.model import Plan
from app.versions import DRAFT, ISSUED, list_versions, load_version, stored_task_ids, task_ids, version_text
from app.vietnamese import clean_text
from app.workspace import Workspace

KEY = "versions"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


@dataclass(frozen=True)
class FileVersion:
    kind: str
    name: str
    number: str
    issued_on: str | None
    created_at: str
    text: str  # the version's plan file
    task_keys: tuple[int | None, ...] | None  # None: the file does not say


# ---------------------------------------------------------------- writing


def versions_list(ws: Workspace, plan_id: int, plan: Plan) -> list[dict[str, Any]]:
    """The `versions` key of plan `plan_id` (`plan`: the plan as written beside them)."""
    keys: dict[int, int] = {tid: i for i, tid in enumerate(task_ids(plan)) if tid is not None}
    out = []
    for v in list_versions(ws, plan_id):
        text = version_text(ws, plan_id, v.id)
        # One id per task: a canonical plan file has one `"subtasks": [` key per task (inside a
        # text the quotes are escaped), so the stored list is checked without parsing the version.
        ids = stored_task_ids(ws, plan_id, v.id)
        if ids is None or len(ids) != text.count('"subtasks": ['):  # damaged: as load_version reads it
            ids = task_ids(load_version(ws, plan_id, v.id))
        item: dict[str, Any] = {
            "kind": v.kind,
            "name": v.name,
            "number": v.number,
            "issued_on": v.issued_on,
            "created_at": v.created_at,
        }
        item["task_keys"] = [None if tid is None else keys.setdefault(tid, len(keys)) for tid in ids]
        item["plan_file"] = text
        out.append(item)
    return out


def dumps_with_versions(ws: Workspace, plan_id: int, plan: Plan) -> str:
    """The plan file of a stored plan with its versions (no `versions` key when it has none),
    refused when it would be more than a plan file may hold."""
    d = plan_file.to_dict(plan)
    versions = versions_list(ws, plan_id, plan)
    if versions:
        size = sum(len(v["plan_file"].encode("utf-8")) for v in versions)
        _check_versions(len(versions), size, InvalidInput)
        d[KEY] = versions
    text = json.dumps(d, ensure_ascii=False, indent=2) + "\n"
    if len(text.encode("utf-8")) > limits.PLAN_FILE_BYTES:
        raise InvalidInput(
            f"Tệp kế hoạch kèm {len(versions)} phiên bản lớn hơn {limits.PLAN_FILE_BYTES // (1024 * 1024)} MB, "
            "quá giới hạn của một tệp kế hoạch; hãy xuất không kèm phiên bản."
        )
    return text


def _check_versions(count: int, size: int, error: type[InvalidInput] | type[InvalidPlanFile]) -> None:
    mb = limits.VERSIONS_BYTES // (1024 * 1024)
    if count > limits.VERSIONS:
        raise error(limits.too_many("phiên bản", count, limits.VERSIONS, "của kế hoạch"))
    if size > limits.VERSIONS_BYTES:
        raise error(f"Các phiên bản của kế hoạch cộng lại lớn hơn {mb} MB, quá giới hạn của một tệp kế hoạch.")


# ---------------------------------------------------------------- reading


def read_versions(data: Any, plan: Plan) -> list[FileVersion]:
    """The versions of a parsed plan file (none when it has no `versions` key), each checked as a
    plan file of its own; InvalidPlanFile names the first wrong place."""
    raw = data.get(KEY) if isinstance(data, dict) else None
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InvalidPlanFile(f"Tệp kế hoạch sai kiểu dữ liệu: «{KEY}» phải là một danh sách […].")
    texts = [v.get("plan_file") if isinstance(v, dict) else None for v in raw]
    _check_versions(len(raw), sum(len(t.encode("utf-8")) for t in texts if isinstance(t, str)), InvalidPlanFile)
    known = len(task_ids(plan))
    return [_version(v, f"{KEY}[{i}]", known) for i, v in enumerate(raw)]


def _text(v: dict, key: str, where: str, limit: int = limits.TITLE_CHARS) -> str:
    value = v.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidPlanFile(f"Tệp kế hoạch sai kiểu dữ liệu: «{where}.{key}» phải là chuỗi văn bản.")
    value = clean_text(value)
    limits.check_text(value, limit, f"«{where}.{key}»", InvalidPlanFile)
    return value


def _version(v: Any, where: str, known: int) -> FileVersion:
    if not isinstance(v, dict):
        raise InvalidPlanFile(f"Tệp kế hoạch không đúng cấu trúc: «{where}» phải là một đối tượng {{…}}.")
    kind = v.get("kind")
    if kind not in (ISSUED, DRAFT):
        raise InvalidPlanFile(f"«{where}.kind» phải là «{ISSUED}» (ban hành) hoặc «{DRAFT}» (dự thảo).")
    issued_on = _day(v.get("issued_on"), f"{where}.issued_on")
    if kind == ISSUED and issued_on is None:
        raise InvalidPlanFile(f"Phiên bản ban hành «{where}» thiếu ngày ban hành («issued_on», dạng YYYY-MM-DD).")
    created_at = v.get("created_at")
    if not isinstance(created_at, str) or not _STAMP.fullmatch(created_at) or not _valid_stamp(created_at):
        raise InvalidPlanFile(f"«{where}.created_at» phải là thời điểm dạng YYYY-MM-DDTHH:MM:SS.")
    text = v.get("plan_file")
    if not isinstance(text, str):
        raise InvalidPlanFile(f"«{where}.plan_file» phải là nội dung tệp kế hoạch của phiên bản (chuỗi văn bản).")
    try:
        version_plan = plan_file.loads(text)
    except InvalidPlanFile as e:
        raise InvalidPlanFile(f"Phiên bản «{where}»: {e.message}") from None
    canonical = plan_file.dumps(version_plan)
    keys = _keys(v.get("task_keys"), f"{where}.task_keys", len(task_ids(version_plan)), known)
    name, number = _text(v, "name", where), _text(v, "number", where)
    # A version written by this app keeps its text byte for byte; any other text is stored as the
    # app writes it (its texts cleaned, its keys in order).
    return FileVersion(kind, name, number, issued_on, created_at, text if text == canonical else canonical, keys)


def _valid_stamp(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _day(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise InvalidPlanFile(f"«{where}» phải là một ngày có thật, dạng YYYY-MM-DD.")


def _keys(value: Any, where: str, count: int, known: int) -> tuple[int | None, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(x is None or (type(x) is int and x >= 0) for x in value):
        raise InvalidPlanFile(f"Tệp kế hoạch sai kiểu dữ liệu: «{where}» phải là danh sách số tự nhiên.")
    if len(value) != count:
        raise InvalidPlanFile(f"«{where}» có {len(value)} số nhưng phiên bản có {count} nhiệm vụ.")
    limit = known + limits.TASKS * limits.VERSIONS
    if any(x is not None and x >= limit for x in value):
        raise InvalidPlanFile(f"«{where}» có số quá lớn để chỉ một nhiệm vụ.")
    return tuple(value)


# ---------------------------------------------------------------- storing


def store_versions(ws: Workspace, plan_id: int, versions: list[FileVersion]) -> None:
    """Store a freshly imported plan's versions (inside the import's transaction): the file's task
    keys become task ids: the plan's own new ids, and reserved ids for tasks it no longer has."""
    import zlib

    own = task_ids(ws.db.load_plan(plan_id))
    extra = sorted({k for v in versions for k in v.task_keys or () if k is not None and k >= len(own)})
    ids: dict[int, int | None] = dict(enumerate(own))
    ids.update(zip(extra, ws.db.reserve_task_ids(len(extra)), strict=True))
    for v in versions:
        body = zlib.compress(v.text.encode("utf-8"), 6)
        mapped = [] if v.task_keys is None else [None if k is None else ids.get(k) for k in v.task_keys]
        blob = zlib.compress(json.dumps(mapped).encode("ascii"), 6)
        ws.db.insert_version(plan_id, v.kind, v.name, v.number, v.issued_on, body, blob, v.created_at)
