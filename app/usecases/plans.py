"""Whole-plan verbs: create from a template, carry forward, import and export the plan file."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from app import clock, plan_file
from app.carry_forward import Leftover, carry_forward, past_years
from app.errors import InvalidInput
from app.files import write_text_atomic
from app.model import MAX_YEAR, MIN_YEAR, Decision, Period, Plan, Signer
from app.templates import Agency, instantiate
from storage import plans as plans_store
from storage.backup import auto_backup
from storage.db import Store


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"Năm {year} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).")


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


def create_from_template(
    store: Store, template_id: str, year: int, agency: Agency, period: str = "", decision: bool = False
) -> int:
    check_year(year)
    span = parse_period(period, year)
    plan = instantiate(template_id, year, agency)
    if span is not None:
        plan = as_period_plan(plan, span)
    if decision:
        plan = replace(plan, decision=default_decision(plan))
    return plans_store.insert_plan(store, plan)


@dataclass(frozen=True)
class CarryForwardResult:
    plan_id: int
    leftovers: list[Leftover]


def carry_forward_plan(store: Store, plan_id: int, year: int) -> CarryForwardResult:
    """Create `year`'s plan from plan `plan_id`; report every past year left in its text."""
    check_year(year)
    source = plans_store.load_plan(store, plan_id)
    if year <= source.year:
        raise InvalidInput(
            f"Năm mới ({year}) phải sau năm của kế hoạch gốc ({source.year}); hãy chọn năm {source.year + 1}."
        )
    backup_before(store, "truoc-chuyen-nam")
    new_id = plans_store.insert_plan(store, carry_forward(source, year))
    return CarryForwardResult(new_id, past_years(plans_store.load_plan(store, new_id)))


def import_plan(store: Store, path: Path) -> int:
    """Read, validate and store a plan file; nothing is written when the file is refused."""
    plan = plan_file.read(path)
    backup_before(store, "truoc-nhap")
    return plans_store.insert_plan(store, plan)


def backup_before(store: Store, reason: str) -> None:
    """A rolling backup before a risky action, when there is anything to lose."""
    if plans_store.list_plans(store):
        auto_backup(store, reason)


def delete_plan(store: Store, plan_id: int) -> Plan:
    """Delete a plan (backed up first); returns it, so the window can offer to bring it back."""
    plan = plans_store.load_plan(store, plan_id)
    backup_before(store, "truoc-xoa-ke-hoach")
    plans_store.delete_plan(store, plan_id)
    return plan


def export_plan_json(store: Store, plan_id: int, path: Path) -> Plan:
    plan = plans_store.load_plan(store, plan_id)
    write_text_atomic(path, plan_file.dumps(plan))
    return plan


SAMPLE_AGENCY = Agency(
    agency="Ủy ban nhân dân phường Phú Sơn",
    parent_agency="",
    place="Phú Sơn",
    province="tỉnh Thanh Hóa",
    chairman="Nguyễn Văn An",
)


def planning_year(today: date | None = None) -> int:
    """The year an officer is drafting for: next year from October on."""
    today = today or clock.today()
    return today.year + 1 if today.month >= 10 else today.year


def ensure_sample_plan(store: Store) -> int:
    """The plan the window opens on: the newest plan, or a filled sample when there is none."""
    existing = plans_store.list_plans(store)
    if existing:
        return max(existing, key=lambda p: p.updated_at).id
    return create_from_template(store, "ward-annual", planning_year(), SAMPLE_AGENCY)


def default_decision(plan: Plan) -> Decision:
    """The decision that issues a plan, with the usual three articles, ready to edit."""
    from app.vietnamese import locality, split_locality

    loc = locality(plan.agency) or "……"
    kind = split_locality(plan.agency)[0] or "xã"
    summary = " ".join(plan.summary.split())
    phrase = summary[:1].lower() + summary[1:] if summary else f"cải cách hành chính năm {plan.year}"
    return Decision(
        number="",
        symbol="QĐ-UBND",
        date=plan.date,
        legal_bases=tuple(b.rstrip(" .;") + ";" for b in plan.legal_bases)
        + ("Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",),
        articles=(
            f"Ban hành kèm theo Quyết định này Kế hoạch {phrase} của Ủy ban nhân dân {loc}.",
            "Quyết định này có hiệu lực kể từ ngày ký.",
            f"Chánh Văn phòng HĐND và UBND {kind}, Trưởng các phòng, đơn vị thuộc Ủy ban nhân dân {kind} "
            "và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ),
        signer=Signer("", "CHỦ TỊCH", plan.signer.name),
        recipients=("Như Điều 3",) + tuple(r for r in plan.recipients if not r.startswith("Lưu")) + ("Lưu: VT.",),
    )


def issue_by_decision(store: Store, plan_id: int, on: bool = True) -> Decision | None:
    """Issue the plan by a decision (generated, editable) or on its own again."""
    plan = plans_store.load_plan(store, plan_id)
    decision = (plan.decision or default_decision(plan)) if on else None
    plans_store.update_plan(store, plan_id, decision=decision)
    return decision
