"""Every text of a plan with where it stands: for carry-forward, find, and checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from app.model import TARGET_COLUMN_KEYS, TASK_COLUMN_KEYS, TASK_COLUMNS, Appendix, Plan, Section, Target, Task
from app.numbering import appendix_label, numbered_sections, task_rows

_TASK_LABELS = dict(TASK_COLUMNS)
_TASK_KEYS = ("content",) + tuple(k for k in _TASK_LABELS if k != "content")  # content first
_TARGET_LABELS = {"content": "Nội dung", "lead": "Phụ trách", "partners": "Phối hợp", "note": "Ghi chú"}
_HEADER_LABELS = {
    "summary": "Trích yếu",
    "parent_agency": "Cơ quan chủ quản",
    "agency": "Cơ quan ban hành",
    "place": "Địa danh",
    "preamble": "Lời mở đầu",
    "closing": "Đoạn kết",
}


@dataclass(frozen=True)
class Place:
    """Where a text lives. `kind` + `ref` (row id, or list index) + `field` find it again."""

    kind: str  # plan | decision | legal_basis | recipient | section | target | task | appendix | signer
    ref: int | None
    field: str
    label: str  # what the officer reads: "Phụ lục I, dòng 3 — Thời gian thực hiện"
    index: int | None = None  # paragraph index inside a section


def iter_texts(plan: Plan) -> Iterator[tuple[Place, str]]:
    """Every text of the plan with its place, in the order the document prints them."""
    for key in ("summary", "parent_agency", "agency", "place", "preamble"):
        yield Place("plan", plan.id, key, _HEADER_LABELS[key]), getattr(plan, key)
    yield from _decision_texts(plan)
    for i, text in enumerate(plan.legal_bases):
        yield Place("legal_basis", i, "text", f"Căn cứ thứ {i + 1}"), text
    yield from _section_texts(plan)
    yield Place("plan", plan.id, "closing", _HEADER_LABELS["closing"]), plan.closing
    for i, t in enumerate(plan.targets, 1):
        for key, label in _TARGET_LABELS.items():
            yield Place("target", t.id, key, f"Chỉ tiêu {i} — {label}"), getattr(t, key)
    yield from _appendix_texts(plan)
    for key, label in (("authority", "Thẩm quyền ký"), ("position", "Chức vụ người ký"), ("name", "Người ký")):
        yield Place("signer", None, key, label), getattr(plan.signer, key)
    for i, text in enumerate(plan.recipients):
        yield Place("recipient", i, "text", f"Nơi nhận thứ {i + 1}"), text


def _decision_texts(plan: Plan) -> Iterator[tuple[Place, str]]:
    if plan.decision is None:
        return
    for i, text in enumerate(plan.decision.legal_bases):
        yield Place("decision", i, "legal_bases", f"Quyết định — căn cứ thứ {i + 1}"), text
    for i, text in enumerate(plan.decision.articles):
        yield Place("decision", i, "articles", f"Quyết định — Điều {i + 1}"), text
    for key, label in (("position", "chức vụ người ký"), ("name", "người ký")):
        yield Place("decision", None, key, f"Quyết định — {label}"), getattr(plan.decision.signer, key)
    for i, text in enumerate(plan.decision.recipients):
        yield Place("decision", i, "recipients", f"Quyết định — nơi nhận thứ {i + 1}"), text


def _section_texts(plan: Plan) -> Iterator[tuple[Place, str]]:
    for ns in numbered_sections(plan):
        name = f"Mục {ns.label}".rstrip(".") if ns.label else "Mục"
        yield Place("section", ns.section.id, "heading", f"{name} — tiêu đề"), ns.section.heading
        for j, para in enumerate(ns.section.paragraphs):
            yield Place("section", ns.section.id, "paragraphs", f"{name} — đoạn {j + 1}", j), para


def _appendix_texts(plan: Plan) -> Iterator[tuple[Place, str]]:
    for n, a in enumerate(plan.appendices, 1):
        name = appendix_label(plan.appendix_numbering, n)
        yield Place("appendix", a.id, "title", f"{name} — tên phụ lục"), a.title
        if a.kind != "tasks":
            continue
        for row in task_rows(plan, a):
            if row.task is None:
                continue
            for key in _TASK_KEYS:
                yield (
                    Place("task", row.task.id, key, f"{name}, dòng {row.label} — {_TASK_LABELS[key]}"),
                    getattr(row.task, key),
                )


def map_texts(plan: Plan, fn: Callable[[str], str]) -> Plan:
    """A copy of the plan with every free text passed through fn (agency names and symbols kept)."""

    def sec(s: Section) -> Section:
        return replace(
            s,
            heading=fn(s.heading),
            paragraphs=tuple(fn(p) for p in s.paragraphs),
            sections=tuple(sec(c) for c in s.sections),
        )

    def task(t: Task) -> Task:
        texts: dict[str, Any] = {k: fn(getattr(t, k)) for k in TASK_COLUMN_KEYS}
        return replace(t, **texts, subtasks=tuple(task(c) for c in t.subtasks))

    def target(t: Target) -> Target:
        texts: dict[str, Any] = {k: fn(getattr(t, k)) for k in TARGET_COLUMN_KEYS}
        return replace(t, **texts)

    def appendix(a: Appendix) -> Appendix:
        return replace(a, title=fn(a.title), tasks=tuple(task(t) for t in a.tasks))

    return replace(
        plan,
        summary=fn(plan.summary),
        legal_bases=tuple(fn(x) for x in plan.legal_bases),
        preamble=fn(plan.preamble),
        sections=tuple(sec(s) for s in plan.sections),
        closing=fn(plan.closing),
        targets=tuple(target(t) for t in plan.targets),
        appendices=tuple(appendix(a) for a in plan.appendices),
        recipients=tuple(fn(x) for x in plan.recipients),
    )
