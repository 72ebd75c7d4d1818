"""Rewrite every text of a plan with one function (tone marks, a year), in one transaction, with
an undo that puts back each text exactly as it was, place by place. Row ids stay as they are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from app.model import Plan, iter_sections
from app.ops.changes import NOTHING, Changes, Part
from app.text_walk import Place, iter_texts
from app.workspace import Workspace


@dataclass
class _Edits:
    """What the rewrite writes back: header fields, list items, signer, paragraphs, row fields."""

    plan: Plan
    header: dict[str, object] = field(default_factory=dict)
    paragraphs: dict[int, list[str]] = field(default_factory=dict)
    rows: list[tuple[str, int, str, str]] = field(default_factory=list)  # (kind, id, field, text)
    titles: dict[int, str] = field(default_factory=dict)  # appendix id -> title

    def put(self, place: Place, text: str) -> None:
        handler = _HANDLERS.get(place.kind)
        if handler is not None:
            handler(self, place, text)

    def _header(self, place: Place, text: str) -> None:
        self.header[place.field] = text

    def _listed(self, place: Place, text: str) -> None:
        key = "legal_bases" if place.kind == "legal_basis" else "recipients"
        items = list(self.header.get(key, getattr(self.plan, key)))  # type: ignore[call-overload]
        items[place.ref] = text  # type: ignore[index]
        self.header[key] = tuple(items)

    def _signer(self, place: Place, text: str) -> None:
        signer = self.header.get("signer", self.plan.signer)
        self.header["signer"] = replace(signer, **{place.field: text})  # type: ignore[type-var]

    def _decision(self, place: Place, text: str) -> None:
        decision = self.header.get("decision", self.plan.decision)
        if place.ref is None:  # the signer's position or name
            signer = replace(decision.signer, **{place.field: text})  # type: ignore[union-attr, attr-defined]
            self.header["decision"] = replace(decision, signer=signer)  # type: ignore[type-var]
            return
        items = list(getattr(decision, place.field))
        items[place.ref] = text  # type: ignore[index]
        self.header["decision"] = replace(decision, **{place.field: tuple(items)})  # type: ignore[type-var]

    def _section(self, place: Place, text: str) -> None:
        assert place.ref is not None
        if place.field != "paragraphs":
            self.rows.append(("sections", place.ref, "heading", text))
            return
        if place.ref not in self.paragraphs:
            section = next(s for _, s in iter_sections(self.plan.sections) if s.id == place.ref)
            self.paragraphs[place.ref] = list(section.paragraphs)
        assert place.index is not None
        self.paragraphs[place.ref][place.index] = text

    def _row(self, place: Place, text: str) -> None:
        if place.ref is not None:
            self.rows.append((f"{place.kind}s", place.ref, place.field, text))

    def _appendix(self, place: Place, text: str) -> None:
        if place.ref is not None:
            self.titles[place.ref] = text

    def write(self, ws: Workspace) -> None:
        kinds = {"tasks": ws.db.TASKS, "targets": ws.db.TARGETS, "sections": ws.db.SECTIONS}
        for kind, row_id, key, text in self.rows:
            ws.db.update_row(kinds[kind], row_id, **{key: text})
        for section_id, paras in self.paragraphs.items():
            ws.db.update_row(ws.db.SECTIONS, section_id, paragraphs=tuple(paras))
        for appendix_id, title in self.titles.items():
            ws.db.update_appendix(appendix_id, title=title)
        if self.header:
            assert self.plan.id is not None
            ws.db.update_plan(self.plan.id, **self.header)


_HANDLERS: dict[str, Callable[[_Edits, Place, str], None]] = {
    "plan": _Edits._header,
    "legal_basis": _Edits._listed,
    "recipient": _Edits._listed,
    "signer": _Edits._signer,
    "decision": _Edits._decision,
    "section": _Edits._section,
    "task": _Edits._row,
    "target": _Edits._row,
    "appendix": _Edits._appendix,
}


def _texts(ws: Workspace, plan_id: int) -> list[str]:
    return [text for _, text in iter_texts(ws.plan(plan_id))]


def _write(ws: Workspace, plan_id: int, fn: Callable[[int, str], str]) -> int:
    """Apply fn(n, text) to the n-th text of the plan; returns how many texts changed."""
    plan = ws.plan(plan_id)
    edits = _Edits(plan)
    changed = 0
    for n, (place, text) in enumerate(iter_texts(plan)):
        new = fn(n, text)
        if new != text:
            changed += 1
            edits.put(place, new)
    if changed:
        with ws.atomic():
            edits.write(ws)
        ws.forget(plan_id)
    return changed


def _everywhere(ws: Workspace, plan_id: int, label: str, undo) -> Changes:
    """A rewrite may touch any text of the plan: every part that holds text."""
    appendices = [a.id for a in ws.plan(plan_id).appendices]
    parts = (Part.HEADER, Part.SECTIONS, Part.TARGETS, Part.TASKS, Part.APPENDICES, Part.PLANS)
    return Changes.of(plan_id, *parts, appendix_ids=appendices, label=label, undo=undo)


def rewrite_texts(ws: Workspace, plan_id: int, fn: Callable[[str], str], label: str) -> Changes:
    """Every text of the plan through `fn`; undo puts back each text exactly as it was."""
    before = _texts(ws, plan_id)
    if not _write(ws, plan_id, lambda _n, text: fn(text)):
        return NOTHING
    after = _texts(ws, plan_id)
    return _everywhere(
        ws, plan_id, label, partial(_put_texts, plan_id=plan_id, source=after, target=before, label=label)
    )


def _put_texts(ws: Workspace, plan_id: int, source: list[str], target: list[str], label: str) -> Changes:
    """Where the plan holds `source[n]` as its n-th text, write `target[n]` (texts changed since are
    left alone)."""

    def fn(n: int, text: str) -> str:
        return target[n] if n < len(source) and text == source[n] else text

    _write(ws, plan_id, fn)
    return _everywhere(
        ws, plan_id, label, partial(_put_texts, plan_id=plan_id, source=target, target=source, label=label)
    )
