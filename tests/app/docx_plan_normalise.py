"""What a plan becomes once printed to Word and read back: the normalisations listed in
docs/plan-format.md ("Importing a plan from Word"), applied to the original for comparison."""

from __future__ import annotations

import re
from dataclasses import replace

from app.model import (
    AREA_CATALOGUE,
    TARGET_COLUMNS,
    TASK_COLUMNS,
    Appendix,
    Area,
    DocDate,
    Period,
    Plan,
    Section,
    Signer,
    Task,
)
from app.vietnamese import agency_header, parent_header

_PERIOD = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.I)
DEFAULT_NUMBERING = Plan(2000).heading_numbering


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _depth(sections: tuple[Section, ...]) -> int:
    return max((1 + _depth(s.sections) for s in sections), default=0)


def _upper_top(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    return tuple(s if s.run_in else replace(s, heading=s.heading.upper()) for s in sections)


def _recipient(text: str) -> str:
    return text.strip().removeprefix("- ").rstrip(";.").strip()


def _signer(s: Signer) -> Signer:
    return Signer(s.authority.upper(), s.position.upper(), s.name)


def _end_mark(plan: Plan) -> Plan:
    """The body's last paragraph is printed with './.'; read back, it keeps one full stop."""

    fix = _full_stop
    if plan.closing.strip():
        lines = _lines(plan.closing)
        return replace(plan, closing="\n".join(lines[:-1] + [fix(lines[-1])]))

    def last(sections: tuple[Section, ...]) -> tuple[Section, ...]:
        if not sections:
            return sections
        s = sections[-1]
        if s.sections:
            s = replace(s, sections=last(s.sections))
        elif s.paragraphs:
            s = replace(s, paragraphs=s.paragraphs[:-1] + (fix(s.paragraphs[-1]),))
        elif s.run_in:
            s = replace(s, heading=fix(s.heading))
        return sections[:-1] + (s,)

    return replace(plan, sections=last(plan.sections))


def _full_stop(text: str) -> str:
    text = text.rstrip()
    return text[:-2] if text.endswith("./.") else text if text.endswith(".") else text + "."


def _last_fixed(texts: tuple[str, ...]) -> tuple[str, ...]:
    return texts[:-1] + (_full_stop(texts[-1]),) if texts else texts


def _areas(plan: Plan) -> tuple[Area, ...]:
    """Areas titled as group rows print them, in the plan's order; the others as the catalogue."""
    used = {t.area for a in plan.appendices if a.group_by_area and a.kind == "tasks" for t in a.tasks}
    if any(a.group_by_area and a.kind == "targets" for a in plan.appendices):
        used |= {t.area for t in plan.targets}
    seen = tuple(a for a in plan.areas if a.id in used)
    rest = tuple(Area(i, t) for i, t in AREA_CATALOGUE if i not in used)
    return seen + rest


def _tasks(tasks: tuple[Task, ...], area: str | None) -> tuple[Task, ...]:
    return tuple(replace(t, area=t.area if area is None else area, subtasks=_tasks(t.subtasks, area)) for t in tasks)


def _appendix(a: Appendix) -> Appendix:
    defaults = dict(TARGET_COLUMNS if a.kind == "targets" else TASK_COLUMNS)
    return replace(
        a,
        title=" ".join(a.title.split()).upper(),
        headers=tuple((k, t) for k, t in a.headers if k in a.columns and t != defaults.get(k)),
        tasks=_tasks(a.tasks, a.area if a.area and not a.group_by_area else None),
        id=None,
    )


def normalise(plan: Plan) -> Plan:
    summary = " ".join(" ".join(_lines(plan.summary)).split())
    m = _PERIOD.search(summary)
    depth = _depth(plan.sections)
    has_targets = any(a.kind == "targets" for a in plan.appendices)
    has_subtasks = any(t.subtasks for a in plan.appendices for t in a.tasks)
    decision = plan.decision
    out = replace(
        plan,
        summary=summary,
        agency=plan.agency if "\n" in plan.agency else agency_header(plan.agency),
        parent_agency=parent_header(plan.parent_agency),
        date=plan.date or DocDate(plan.year),
        preamble="\n".join(_lines(plan.preamble)),
        closing="\n".join(_lines(plan.closing)),
        sections=_upper_top(plan.sections),
        recipients=tuple(r for r in (_recipient(x) for x in plan.recipients) if r),
        signer=_signer(plan.signer),
        areas=_areas(plan),
        targets=plan.targets if has_targets else (),
        appendices=tuple(_appendix(a) for a in plan.appendices),
        heading_numbering=plan.heading_numbering[:depth] + DEFAULT_NUMBERING[depth:],
        subtask_numbering=plan.subtask_numbering if has_subtasks else "decimal",
        appendix_numbering=plan.appendix_numbering if plan.appendices else "roman",
        period=Period(int(m.group(1)), int(m.group(2))) if m else None,
        footnotes_restart=False,
        id=None,
    )
    if decision is not None:
        out = replace(
            out,
            number="",
            symbol="KH-UBND",
            legal_bases=(),
            preamble="",
            signer=Signer(),
            recipients=(),
            legal_bases_italic=plan.legal_bases_italic if decision.legal_bases else True,
            date=decision.date or out.date,
            decision=replace(
                decision,
                date=decision.date or out.date,
                signer=_signer(decision.signer),
                recipients=tuple(r for r in (_recipient(x) for x in decision.recipients) if r),
                articles=_last_fixed(tuple(a for a in decision.articles if a.strip())),
            ),
        )
    elif not plan.legal_bases:
        out = replace(out, legal_bases_italic=True)
    return _end_mark(out)
