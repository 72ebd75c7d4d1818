"""What the recogniser found, as a Plan, and in words for the officer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.model import (
    AREA_IDS,
    MAX_YEAR,
    MIN_YEAR,
    Appendix,
    Area,
    Decision,
    DocDate,
    Period,
    Plan,
    Section,
    default_areas,
    iter_tasks,
)

_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.I)
_PERIOD = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.I)


@dataclass
class Found:
    """Everything read, before it is made a Plan."""

    parent_agency: str = ""
    agency: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: DocDate | None = None
    summary: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    bases_italic: list[bool] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    signer_lines: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    targets: list = field(default_factory=list)
    appendix_style: str = ""
    letter_subtasks: bool = False
    decision: Decision | None = None
    areas: dict[str, str] = field(default_factory=dict)  # area -> its title as a group row prints it

    def plan_areas(self) -> tuple[Area, ...]:
        """The areas in the order the tables group them, titled as printed; the others after."""
        seen = [Area(a, t) for a, t in self.areas.items() if a in AREA_IDS]
        return tuple(seen) + tuple(a for a in default_areas() if a.id not in self.areas)


def plan_year(summary: str, date: DocDate | None, fallback: int) -> tuple[int, Period | None]:
    """The plan's year from its summary ('năm 2027', 'giai đoạn 2026 - 2030'), else its date's."""
    m = _PERIOD.search(summary)
    if m and MIN_YEAR <= int(m.group(1)) < int(m.group(2)) <= MAX_YEAR:
        return int(m.group(1)), Period(int(m.group(1)), int(m.group(2)))
    m = _YEAR.search(summary)
    if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        return int(m.group(1)), None
    if date is not None and MIN_YEAR <= date.year <= MAX_YEAR:
        return date.year, None
    return fallback, None


@dataclass
class Recognised:
    """The plan read from the document, what was recognised, and the paragraphs placed by default."""

    plan: Plan
    unplaced: list[str]
    paragraphs: list[str] = field(default_factory=list)  # the document's paragraphs, for a preview
    header: bool = False

    def counts(self) -> dict[str, int]:
        p = self.plan
        tasks = [a for a in p.appendices if a.kind == "tasks"]
        bases = len(p.legal_bases) + (len(p.decision.legal_bases) if p.decision else 0)
        return {
            "sections": len(p.sections),
            "bases": bases,
            "appendices": len(p.appendices),
            "tasks": sum(len(a.tasks) for a in tasks),
            "subtasks": sum(1 for a in tasks for t in a.tasks for _ in iter_tasks(t.subtasks)),
            "targets": len(p.targets),
            "recipients": len(p.recipients),
        }

    def summary(self) -> str:
        """'cơ quan ban hành, 5 mục, 7 căn cứ, 2 phụ lục với 31 nhiệm vụ và 4 nhiệm vụ con; …'."""
        c = self.counts()
        p = self.plan
        parts = ["cơ quan ban hành"] if self.header and p.agency else []
        if p.decision is not None:
            parts.append("quyết định ban hành")
        parts += [f"{c['sections']} mục", f"{c['bases']} căn cứ"]
        appx = f"{c['appendices']} phụ lục với {c['tasks']} nhiệm vụ và {c['subtasks']} nhiệm vụ con"
        parts.append(appx + (f", {c['targets']} mục tiêu" if c["targets"] else ""))
        signer = p.decision.signer if p.decision is not None else p.signer
        if signer.position or signer.name:
            parts.append("người ký")
        if c["recipients"]:
            parts.append(f"{c['recipients']} nơi nhận")
        rest = f"{len(self.unplaced)} đoạn chưa xếp được" if self.unplaced else "không có đoạn nào chưa xếp được"
        return ", ".join(parts) + "; " + rest


def place_unplaced(sections: tuple[Section, ...], before: list[str], after: list[str]) -> tuple[Section, ...]:
    """Paragraphs that fit nowhere, as plain paragraphs of the nearest section: those met before the
    body at the start of the first section, the others at the end of the last one."""
    from dataclasses import replace

    if not before and not after:
        return sections
    if not sections:
        return (Section(paragraphs=tuple(before + after)),)
    first = replace(sections[0], paragraphs=tuple(before) + sections[0].paragraphs)
    out = (first,) + sections[1:]
    return out[:-1] + (_append_last(out[-1], after),)


def _append_last(s: Section, texts: list[str]) -> Section:
    from dataclasses import replace

    if not texts:
        return s
    if s.sections:
        return replace(s, sections=s.sections[:-1] + (_append_last(s.sections[-1], texts),))
    return replace(s, paragraphs=s.paragraphs + tuple(texts))
