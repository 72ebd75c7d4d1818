"""Frozen versions of a plan: issued ("Ban hành": the number and date the clerk assigned) and
named drafts ("Dự thảo lấy ý kiến 10/12").

A version is the whole plan as its plan file (app/plan_file.py), compressed with zlib and never
edited again, with the task row ids in plan-file order so a later comparison matches tasks by
identity. Versions belong to their plan: deleting the plan deletes them (the backup taken before
a deletion keeps them). They live in the database, so every backup holds them.
"""

from __future__ import annotations

import json
import weakref
import zlib
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from app import limits, plan_file
from app.errors import InvalidInput, InvalidPlanFile
from app.model import DocDate, Plan, Task, iter_tasks
from app.ops.changes import Changes, Part
from app.ops.plans import set_header
from app.vietnamese import clean_text
from app.workspace import Workspace

ISSUED, DRAFT = "issued", "draft"
KIND_NAMES = {ISSUED: "ban hành", DRAFT: "dự thảo"}
NAME_CHARS = limits.TITLE_CHARS


@dataclass(frozen=True)
class Version:
    id: int
    kind: str  # ISSUED or DRAFT
    name: str
    number: str
    issued_on: str | None  # YYYY-MM-DD for an issued version
    created_at: str  # YYYY-MM-DDTHH:MM:SS (UTC)

    @property
    def label(self) -> str:
        """How the officer reads it: 'Ban hành số 15 ngày 10/12/2026' or the draft's name."""
        if self.kind == ISSUED:
            d = date.fromisoformat(self.issued_on) if self.issued_on else None
            when = f" ngày {d:%d/%m/%Y}" if d else ""
            return f"Ban hành số {self.number}{when}"
        return self.name


def task_ids(plan: Plan) -> list[int | None]:
    """The task row ids of a plan in plan-file order (appendices, then depth first)."""
    return [t.id for a in plan.appendices for t in iter_tasks(a.tasks)]


def _freeze(plan: Plan) -> tuple[bytes, bytes]:
    body = zlib.compress(plan_file.dumps(plan).encode("utf-8"), 6)
    ids = zlib.compress(json.dumps(task_ids(plan)).encode("ascii"), 6)
    return body, ids


def _store(ws: Workspace, plan_id: int, kind: str, name: str, number: str, issued_on: str | None) -> int:
    count = len(ws.db.list_versions(plan_id))
    if count >= limits.VERSIONS:
        raise InvalidInput(
            f"Kế hoạch đã có {limits.number(count)} phiên bản, tối đa {limits.number(limits.VERSIONS)}; "
            "không lưu thêm được."
        )
    body, ids = _freeze(ws.plan(plan_id))
    return ws.db.insert_version(plan_id, kind, name, number, issued_on, body, ids)


def save_version(ws: Workspace, plan_id: int, name: str) -> Changes:
    """Freeze the plan as it is now as a named draft version; `created` is the version id."""
    name = clean_text(name).strip()
    if not name:
        raise InvalidInput("Hãy đặt tên cho phiên bản (ví dụ «Dự thảo lấy ý kiến 10/12»).")
    limits.check_text(name, NAME_CHARS, "Tên phiên bản")
    with ws.atomic():
        vid = _store(ws, plan_id, DRAFT, name, "", None)
    return Changes.of(plan_id, Part.VERSIONS, label="Lưu phiên bản", created=vid)


def issue(ws: Workspace, plan_id: int, number: str, on: date) -> Changes:
    """ "Ban hành": record the number and date on the plan and freeze it as an issued version.
    Both happen in one transaction, or neither. `created` is the version id."""
    number = clean_text(number).strip()
    if not number:
        raise InvalidInput("Hãy ghi số văn bản do văn thư cấp khi ban hành.")
    limits.check_text(number, limits.TITLE_CHARS, "Số văn bản")
    with ws.atomic():
        set_header(ws, plan_id, label="Ban hành", number=number, date=DocDate(on.year, on.month, on.day))
        vid = _store(ws, plan_id, ISSUED, "", number, on.isoformat())
    return Changes.of(
        plan_id, Part.VERSIONS, Part.HEADER, Part.PLANS, fields=("number", "date"), label="Ban hành", created=vid
    )


def list_versions(ws: Workspace, plan_id: int) -> list[Version]:
    ws.db.load_plan(plan_id)  # NotFound for a plan that does not exist
    return [Version(*row) for row in ws.db.list_versions(plan_id)]


def delete_draft(ws: Workspace, plan_id: int, version_id: int) -> Changes:
    """Remove a draft version saved by mistake; an issued version is the record of what was signed
    and is never removed. Undo puts the draft back as it was, with its id."""
    row, body, ids = ws.db.read_version(plan_id, version_id)  # NotFound for another plan's version
    vid, kind, name, number, issued_on, created_at = row
    if kind != DRAFT:
        raise InvalidInput("Bản ban hành là văn bản đã ký, không xóa được; chỉ xóa được bản dự thảo.")
    with ws.atomic():
        ws.db.delete_version(plan_id, version_id)

    def put_back(ws: Workspace) -> Changes:
        with ws.atomic():
            ws.db.insert_version(plan_id, kind, name, number, issued_on, body, ids, created_at, version_id=vid)
        return Changes.of(
            plan_id, Part.VERSIONS, label=label, undo=partial(delete_draft, plan_id=plan_id, version_id=vid)
        )

    label = f"Xóa bản dự thảo «{name}»"
    return Changes.of(plan_id, Part.VERSIONS, label=label, undo=put_back)


def _inflate(data: bytes, what: str) -> bytes:
    """Decompress at most the plan-file size limit: a version is a plan file and counts against it."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, limits.PLAN_FILE_BYTES + 1)
    except zlib.error:
        raise InvalidPlanFile(f"{what} bị hỏng, không đọc được.") from None
    if len(out) > limits.PLAN_FILE_BYTES or d.unconsumed_tail:
        raise InvalidPlanFile(
            f"{what} lớn hơn {limits.PLAN_FILE_BYTES // (1024 * 1024)} MB, quá giới hạn của một tệp kế hoạch."
        )
    return out


def version_text(ws: Workspace, plan_id: int, version_id: int) -> str:
    """The version's plan file exactly as it was frozen (exporting it gives the same bytes)."""
    _, body, _ = ws.db.read_version(plan_id, version_id)
    return _inflate(body, f"Phiên bản số hiệu {version_id}").decode("utf-8")


def stored_task_ids(ws: Workspace, plan_id: int, version_id: int) -> list[int | None] | None:
    """The task ids frozen with a version, in its plan-file order, without reading the plan
    (None when the list is damaged: load_version then gives the tasks no ids)."""
    _, _, blob = ws.db.read_version(plan_id, version_id)
    try:
        ids = json.loads(_inflate(blob, f"Phiên bản số hiệu {version_id}"))
    except (ValueError, InvalidPlanFile):
        return None
    return [x if isinstance(x, int) else None for x in ids] if isinstance(ids, list) else None


def load_version(ws: Workspace, plan_id: int, version_id: int) -> Plan:
    """A version as a Plan (read-only: no plan id), its tasks carrying the ids they had."""
    row, body, ids_blob = ws.db.read_version(plan_id, version_id)
    what = f"Phiên bản số hiệu {version_id}"
    plan = plan_file.loads(_inflate(body, what).decode("utf-8"))  # checks every limit (app/limits.py)
    try:
        ids = json.loads(_inflate(ids_blob, what))
    except ValueError:
        ids = []
    if isinstance(ids, list) and len(ids) == len(task_ids(plan)):
        plan = _with_task_ids(plan, iter(x if isinstance(x, int) else None for x in ids))
    return plan


# Issued versions already read, per workspace: a version never changes, so the tracking views and
# reports (app/ops/tracking.repealed) read each once. Keyed by its row and a checksum of its bytes.
_READ: weakref.WeakKeyDictionary[Workspace, dict[tuple, Plan]] = weakref.WeakKeyDictionary()


def issued_versions(ws: Workspace, plan_id: int) -> list[Plan]:
    """The plan's issued versions, oldest first, as Plans with their task ids; a damaged one is
    left out (it does not stop the year's tracking)."""
    read = _READ.setdefault(ws, {})
    out, keys = [], set()
    for row in ws.db.list_versions(plan_id):
        if row[1] != ISSUED:
            continue
        _, body, ids = ws.db.read_version(plan_id, row[0])
        key = (plan_id, tuple(row), zlib.crc32(body), zlib.crc32(ids))
        keys.add(key)
        if key not in read:
            try:
                read[key] = load_version(ws, plan_id, row[0])
            except InvalidPlanFile:
                continue
        out.append(read[key])
    for gone in [k for k in read if k[0] == plan_id and k not in keys]:  # the plan's versions only
        del read[gone]
    return out


def _with_task_ids(plan: Plan, ids) -> Plan:
    def one(t: Task) -> Task:
        tid = next(ids)
        return replace(t, id=tid, subtasks=tuple(one(s) for s in t.subtasks))

    return replace(plan, appendices=tuple(replace(a, tasks=tuple(one(t) for t in a.tasks)) for a in plan.appendices))


def new_plan_from_version(ws: Workspace, plan_id: int, version_id: int) -> Changes:
    """A new draft plan that starts as the version was; `created` is the new plan's id."""
    plan = load_version(ws, plan_id, version_id)
    with ws.atomic():
        new_id = ws.db.insert_plan(plan)
    return Changes.of(new_id, Part.PLANS, label="Tạo dự thảo từ phiên bản", created=new_id)


NOW = "now"


def resolve(ws: Workspace, plan_id: int, which: str) -> tuple[Plan, str]:
    """`which` = a version id or 'now' -> (the plan, how it is named in a comparison)."""
    if which.strip().lower() == NOW:
        return ws.plan(plan_id), "kế hoạch hiện tại"
    try:
        version_id = int(which)
    except ValueError:
        raise InvalidInput(f"«{which}» không phải mã phiên bản; ghi số (xem lệnh «versions») hoặc «now».") from None
    row, _, _ = ws.db.read_version(plan_id, version_id)
    return load_version(ws, plan_id, version_id), f"phiên bản {version_id}: {Version(*row).label}"


def compare_versions(ws: Workspace, plan_id: int, old: str, new: str = NOW):
    """The structured difference from version `old` to `new` (either may be 'now')."""
    from app.versions.diff import compare

    ws.db.load_plan(plan_id)  # NotFound for a plan that does not exist
    a, a_name = resolve(ws, plan_id, old)
    b, b_name = resolve(ws, plan_id, new)
    return compare(a, b, a_name, b_name)


def create_amendment(ws: Workspace, plan_id: int, issued_version: str, amended: str = NOW) -> Changes:
    """A new plan amending the issued version with what changed since (or up to `amended`);
    `created` is its id. Nothing to amend is refused."""
    from app.versions.amend import amended_changes, amendment_plan

    diff = compare_versions(ws, plan_id, issued_version, amended)
    if not amended_changes(diff):
        raise InvalidInput(
            "Kế hoạch không có nội dung nào thay đổi so với phiên bản này; không có gì để sửa đổi, bổ sung."
        )
    old, _ = resolve(ws, plan_id, issued_version)
    new, _ = resolve(ws, plan_id, amended)
    plan = amendment_plan(old, new, diff)
    limits.check_plan(plan)
    with ws.atomic():
        new_id = ws.db.insert_plan(plan)
        ws.db.set_origin(new_id, f"amends:{plan_id}")  # app/tracking/repealed.py reads it
    return Changes.of(new_id, Part.PLANS, label="Tạo kế hoạch sửa đổi, bổ sung", created=new_id)
