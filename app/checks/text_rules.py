"""Rules on what the text leaves open or says about other documents: a "…" not filled in, a legal
basis dated after the document citing it, an appendix named that does not exist or never named."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.checks.appendix_refs import AppendixRef, mentions
from app.checks.doc_dates import date_text, dates_in, known_after
from app.checks.findings import ERROR, WARNING, Finding, excerpt
from app.checks.registry import plan_rule
from app.model import DocDate, Plan
from app.numbering import appendix_label
from app.text_walk import Place, iter_texts

# "tỉnh ……", "số …/KH-UBND", "ngày …/…/2025", "(...)": dots standing for what is still to be
# written. Dots glued to a word end an enumeration ("các khoản phí, lệ phí…", "v.v...") and stay.
_PLACEHOLDER = re.compile(r"(?<![\w….])(?:…|\.{3,})+|…{2,}|\.{5,}")


@plan_rule("placeholder")
def placeholders(plan: Plan) -> Iterator[Finding]:
    """A "…" or "…/…/…" left to be filled in, anywhere in the text (legal bases included)."""
    for place, text in iter_texts(plan):
        m = _PLACEHOLDER.search(text)
        if m:
            yield Finding(ERROR, "placeholder", f"còn chỗ «…» chưa điền: «{excerpt(text, m.start(), m.end())}»", place)


def _bases(plan: Plan) -> Iterator[tuple[Place, str, DocDate, str]]:
    """(place, text, date of the citing document, its name) of every legal basis."""
    decision_date = (plan.decision.date if plan.decision is not None else None) or plan.doc_date
    for place, text in iter_texts(plan):
        if place.kind == "legal_basis":
            yield place, text, plan.doc_date, "kế hoạch"
        elif place.kind == "decision" and place.field == "legal_bases":
            yield place, text, decision_date, "quyết định"


@plan_rule("basis-after-date")
def basis_after_date(plan: Plan) -> Iterator[Finding]:
    """A legal basis dated after the plan (or its decision) that cites it: not yet issued then."""
    for place, text, issued, what in _bases(plan):
        late = next((words for d, words in dates_in(text) if known_after(d, issued)), None)
        if late is not None:
            yield Finding(
                ERROR,
                "basis-after-date",
                f"văn bản làm căn cứ có {late}, sau ngày ban hành {what} ({date_text(issued)}); "
                "văn bản chưa ban hành thì chưa làm căn cứ được.",
                place,
            )


def _body_texts(plan: Plan) -> Iterator[tuple[Place, str]]:
    """The running text that refers to the appendices: preamble, sections, targets, closing, articles."""
    for place, text in iter_texts(plan):
        if (
            place.kind in ("section", "target")
            or (place.kind == "plan" and place.field in ("preamble", "closing"))
            or (place.kind == "decision" and place.field == "articles")
        ):
            yield place, text


def _misnamed(plan: Plan, ref: AppendixRef) -> str | None:
    """What is wrong with a reference to one of this plan's appendices, or None."""
    count = len(plan.appendices)
    written = appendix_label(ref.style, ref.n)
    if ref.n > count:
        have = f"chỉ có {count} phụ lục" if count else "không có phụ lục nào"
        return f"nhắc đến «{written}» nhưng kế hoạch {have}."
    if (ref.style == "roman") != (plan.appendix_numbering == "roman"):
        printed = appendix_label(plan.appendix_numbering, ref.n)
        return f"nhắc đến «{written}» nhưng phụ lục này in là «{printed}»; sửa cho khớp."
    return None


@plan_rule("appendix-missing", "appendix-unreferenced")
def appendix_references(plan: Plan) -> Iterator[Finding]:
    """An appendix named in the body that the plan does not have, or one the body never names."""
    named: set[int] = set()
    for place, text in _body_texts(plan):
        reported: set[int] = set()
        for mention in mentions(text):
            if mention.other_document:
                continue
            if not mention.refs:  # "tại các phụ lục kèm theo": every appendix
                named.update(range(1, len(plan.appendices) + 1))
            for ref in mention.refs:
                named.add(ref.n)
                problem = _misnamed(plan, ref)
                if problem is not None and ref.n not in reported:
                    reported.add(ref.n)
                    yield Finding(ERROR, "appendix-missing", problem, place)
    yield from _unreferenced(plan, named)


def _unreferenced(plan: Plan, named: set[int]) -> Iterator[Finding]:
    # A warning: the decree asks the body to point to each appendix, but an appendix no sentence
    # names is still printed, numbered and attached; nothing the reader needs is missing.
    for n, a in enumerate(plan.appendices, 1):
        if n not in named:
            label = appendix_label(plan.appendix_numbering, n)
            yield Finding(
                WARNING,
                "appendix-unreferenced",
                f"{label} không được nhắc đến trong nội dung kế hoạch (thường ghi «chi tiết tại {label} kèm theo»).",
                Place("appendix", a.id, "title", f"{label} — tên phụ lục"),
            )
