"""Whole-plan operations: create from a template, carry forward, import and export the plan file,
delete, and the header-level fields (with the issuing decision and the tone-mark spelling)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from app import clock, limits, plan_file
from app.carry_forward import Leftover, carry_forward, past_years
from app.checks.doc_dates import dates_in, known_after
from app.errors import InvalidInput
from app.files import write_text_atomic
from app.model import MAX_YEAR, MIN_YEAR, Decision, DocDate, Period, Plan, Signer
from app.ops.changes import NOTHING, Changes, Part
from app.ops.rewrite import rewrite_texts
from app.records import PlanSummary
from app.templates import Agency, instantiate
from app.vietnamese import locality, split_locality, to_tone_style
from app.workspace import Workspace

SAMPLE_AGENCY = Agency(
    agency="Ủy ban nhân dân phường Phú Sơn",
    parent_agency="",
    place="Phú Sơn",
    province="tỉnh Thanh Hóa",
    chairman="Nguyễn Văn An",
)
SAMPLE_TEMPLATE = "ward-annual"
# Header fields whose change the plan list or the window title shows.
LISTED_FIELDS = frozenset({"summary", "year", "agency"})


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"Năm {year} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).")


def planning_year(today: date | None = None) -> int:
    """The year an officer is drafting for: next year from October on."""
    today = today or clock.today()
    return today.year + 1 if today.month >= 10 else today.year


def parse_period(text: str, year: int) -> Period | None:
    """'2026-2030' (or '2026 - 2030') -> Period; '' -> None."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    if not m:
        raise InvalidInput(f"Giai đoạn «{text}» không đúng dạng; ghi ví dụ 2026-2030.")
    start, end = int(m.group(1)), int(m.group(2))
    check_year(start)
    check_year(end)
    if not start < end:
        raise InvalidInput(f"Giai đoạn {start}-{end} phải có năm đầu nhỏ hơn năm cuối.")
    if year != start:
        raise InvalidInput(
            f"Năm {year} không phải năm đầu giai đoạn {start}-{end}; kế hoạch nhiều năm lấy năm đầu giai đoạn (--year {start})."
        )
    return Period(start, end)


def as_period_plan(plan: Plan, period: Period) -> Plan:
    """A template plan spread over a period: its summary and appendix titles name the period."""
    span = f"giai đoạn {period.start} - {period.end}"

    def fix(text: str) -> str:
        return re.sub(rf"\bnăm {plan.year}\b", span, text)

    return replace(
        plan,
        year=period.start,
        period=period,
        summary=fix(plan.summary),
        appendices=tuple(replace(a, title=fix(a.title)) for a in plan.appendices),
    )


def _created(ws: Workspace, plan_id: int, origin: str, label: str) -> Changes:
    ws.db.set_origin(plan_id, origin)
    return Changes.of(plan_id, Part.PLANS, label=label, created=plan_id)


# ---------------------------------------------------------------- creating plans


def create_from_template(
    ws: Workspace, template_id: str, year: int, agency: Agency, period: str = "", decision: bool = False
) -> Changes:
    """A new plan from a built-in template, with the ward's names filled in; `created` is its id."""
    check_year(year)
    span = parse_period(period, year)
    plan = instantiate(template_id, year, agency)
    if span is not None:
        plan = as_period_plan(plan, span)
    if decision:
        plan = replace(plan, decision=default_decision(plan))
    with ws.atomic():
        plan_id = ws.db.insert_plan(plan)
        return _created(ws, plan_id, f"template:{template_id}", "Tạo kế hoạch mới")


@dataclass(frozen=True)
class CarriedForward:
    changes: Changes
    leftovers: list[Leftover]

    @property
    def plan_id(self) -> int:
        assert self.changes.created is not None
        return self.changes.created


def carry_forward_plan(ws: Workspace, plan_id: int, year: int, compare: bool = False) -> CarriedForward:
    """`year`'s plan from plan `plan_id` (years moved on, dates, numbers and results cleared),
    with every past year left in its text. `compare`: with the appendix "what changed from last
    year's plan" at the end (app/versions/last_year.py; the window can make it again later)."""
    check_year(year)
    source = ws.db.load_plan(plan_id)
    if year <= source.year:
        raise InvalidInput(
            f"Năm mới ({year}) phải sau năm của kế hoạch gốc ({source.year}); hãy chọn năm {source.year + 1}."
        )
    backup_before(ws, "truoc-chuyen-nam")
    with ws.atomic():
        new_id = ws.db.insert_plan(carry_forward(source, year))
        changes = _created(ws, new_id, f"carried:{plan_id}", "Tạo kế hoạch năm sau")
        if compare:
            from app.versions.last_year import add_last_year_comparison

            add_last_year_comparison(ws, new_id)
    return CarriedForward(changes, past_years(ws.plan(new_id)))


def import_plan_file(ws: Workspace, path: Path) -> Changes:
    """Read, validate and store a plan file with its versions (the optional `versions` key);
    nothing is written when the file is refused."""
    from app.versions.file import read_versions, store_versions

    plan, data = plan_file.read_document(path)
    versions = read_versions(data, plan)
    backup_before(ws, "truoc-nhap")
    with ws.atomic():
        changes = _created(ws, ws.db.insert_plan(plan), "imported", "Nhập kế hoạch")
        assert changes.created is not None
        store_versions(ws, changes.created, versions)
        return changes


def export_plan_json(ws: Workspace, plan_id: int, path: Path, versions: bool = True) -> Plan:
    """Write the plan file, with the plan's frozen versions unless `versions` is False."""
    from app.versions.file import dumps_with_versions

    plan = ws.db.load_plan(plan_id)
    write_text_atomic(path, dumps_with_versions(ws, plan_id, plan) if versions else plan_file.dumps(plan))
    return plan


def backup_before(ws: Workspace, reason: str) -> None:
    """A rolling backup before a risky action, when there is anything to lose."""
    if ws.db.list_plans():
        ws.db.auto_backup(reason)


def delete_plan(ws: Workspace, plan_id: int) -> Changes:
    """Delete a plan (backed up first)."""
    ws.db.load_plan(plan_id)  # NotFound with its message when there is no such plan
    backup_before(ws, "truoc-xoa-ke-hoach")
    ws.db.delete_plan(plan_id)
    ws.forget(plan_id)
    return Changes.of(plan_id, Part.PLANS, label="Xóa kế hoạch")


def summaries(ws: Workspace) -> list[PlanSummary]:
    """Every plan, newest year first (the plan list)."""
    return ws.db.list_plans()


def ensure_sample_plan(ws: Workspace) -> int:
    """The plan the window opens on: the latest changed plan, or a filled sample when there is none."""
    existing = ws.db.list_plans()
    if existing:
        return max(existing, key=lambda p: p.updated_at).id
    plan = sample_plan(instantiate(SAMPLE_TEMPLATE, planning_year(), SAMPLE_AGENCY))
    with ws.atomic():
        plan_id = ws.db.insert_plan(plan)
        ws.db.set_origin(plan_id, "sample")
    return plan_id


# What the template leaves for the officer in a cited document: "số …/KH-UBND", "ngày …/…/2025".
_BLANK_NUMBER = re.compile(r"(?<=số )…+(?=/)")
_BLANK_DATE = re.compile(r"ngày …+/…+/(…+|\d{4})")


def sample_plan(plan: Plan) -> Plan:
    """A template plan as an officer fills it before signing: the cited documents' numbers and
    dates written in, and dated no earlier than its latest legal basis, so it passes the check."""
    numbers = iter(range(45, 1000, 7))

    def day(m: re.Match) -> str:  # late December before the plan's year, early January in it
        year = int(m.group(1)) if m.group(1).isdigit() else plan.year - 1
        return f"ngày 20/12/{year}" if year < plan.year else f"ngày 05/01/{year}"

    def fill(text: str) -> str:
        return _BLANK_DATE.sub(day, _BLANK_NUMBER.sub(lambda _m: str(next(numbers)), text))

    bases = tuple(fill(b) for b in plan.legal_bases)
    date = plan.doc_date
    for basis in bases:
        for cited, _ in dates_in(basis):
            if known_after(cited, date) and cited.year == plan.year and cited.month is not None:
                date = DocDate(plan.year, min(12, cited.month + 1))  # the month after the basis
    return replace(plan, legal_bases=bases, date=date)


# ---------------------------------------------------------------- header fields


def set_header(ws: Workspace, plan_id: int, label: str = "Sửa thông tin chung", **fields: Any) -> Changes:
    """Change header-level fields (summary, date, legal bases, signer, decision, period …)."""
    plan = ws.plan(plan_id)
    old = {k: getattr(plan, k) for k in fields}
    if old == fields:
        return NOTHING
    limits.check_header(fields)
    ws.db.update_plan(plan_id, **fields)
    ws.forget(plan_id)
    parts = [Part.HEADER] + ([Part.PLANS] if LISTED_FIELDS & fields.keys() else [])
    undo = partial(set_header, plan_id=plan_id, label=label, **old)
    return Changes.of(plan_id, *parts, fields=fields.keys(), label=label, undo=undo)


# Who drafts the decision (and the plan it issues): the office in charge of administrative reform
# since 2025, named in the proposal line and, abbreviated, in the filing line "Lưu: VT, VHXH.".
DRAFTING_UNIT, DRAFTING_UNIT_SHORT = "Văn hóa - Xã hội", "VHXH"


def _filing_line(recipients: tuple[str, ...]) -> str:
    """The decision's "Lưu: VT, <drafting unit>.": the plan's own filing line, which names the
    unit that drafted it (the same unit drafts the decision), else the house drafting unit."""
    for r in reversed(recipients):
        text = r.strip().removeprefix("-").strip().rstrip(" ;.")
        if text.startswith("Lưu") and "," in text:
            return text + "."
    return f"Lưu: VT, {DRAFTING_UNIT_SHORT}."


def default_decision(plan: Plan) -> Decision:
    """The decision that issues a plan, with the usual three articles, ready to edit."""
    loc = locality(plan.agency) or "……"
    kind = split_locality(plan.agency)[0] or "xã"
    summary = " ".join(plan.summary.split())
    phrase = summary[:1].lower() + summary[1:] if summary else f"cải cách hành chính năm {plan.year}"
    return Decision(
        number="",
        symbol="QĐ-UBND",
        date=plan.date,
        legal_bases=tuple(b.rstrip(" .;") + ";" for b in plan.legal_bases)
        + (f"Theo đề nghị của Trưởng phòng {DRAFTING_UNIT}.",),
        articles=(
            f"Ban hành kèm theo Quyết định này Kế hoạch {phrase} của Ủy ban nhân dân {loc}.",
            "Quyết định này có hiệu lực kể từ ngày ký.",
            f"Chánh Văn phòng HĐND và UBND {kind}, Trưởng các phòng, đơn vị thuộc Ủy ban nhân dân {kind} "
            "và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ),
        signer=Signer("", "CHỦ TỊCH", plan.signer.name),
        recipients=("Như Điều 3",)
        + tuple(r for r in plan.recipients if not r.strip().removeprefix("-").strip().startswith("Lưu"))
        + (_filing_line(plan.recipients),),
    )


def issue_by_decision(ws: Workspace, plan_id: int, on: bool, remembered: Decision | None = None) -> Changes:
    """Issue the plan by a decision (the one switched off before, else a generated one) or alone."""
    plan = ws.plan(plan_id)
    if on == (plan.decision is not None):
        return NOTHING
    decision = (remembered or default_decision(plan)) if on else None
    label = "Ban hành kèm theo quyết định" if on else "Bỏ quyết định ban hành"
    return set_header(ws, plan_id, label=label, decision=decision)


def unify_tone(ws: Workspace, plan_id: int, style: str) -> Changes:
    """Every 'hoà/hòa', 'uỷ/ủy' of the plan written one way ("new": hòa, ủy; "old": hoà, uỷ)."""
    if style not in ("new", "old"):
        raise InvalidInput("Kiểu bỏ dấu phải là «new» (hòa, ủy) hoặc «old» (hoà, uỷ).")
    label = f"Thống nhất kiểu bỏ dấu ({'hòa, ủy' if style == 'new' else 'hoà, uỷ'})"
    return rewrite_texts(ws, plan_id, lambda t: to_tone_style(t, style), label)
