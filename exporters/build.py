"""Plan -> Document: every numbering, wording and ordering decision of the exports, made once."""

from __future__ import annotations

import re

from app.model import Appendix, Plan, Target
from app.numbering import appendix_label, grouped, heading_text, numbered_sections, task_rows
from app.vietnamese import (
    agency_header,
    clean_text,
    date_words,
    locality,
    number_line,
    number_symbol,
    parent_header,
    place_date_line,
    roman,
)
from exporters.document import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_H,
    AppendixTitle,
    Block,
    Column,
    Document,
    HeaderBlock,
    Meta,
    Para,
    Part,
    Row,
    Run,
    SignatureBlock,
    Table,
    TitleBlock,
)

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
STT_MM = 12.0
LANDSCAPE_TEXT_MM = PAGE_H - MARGIN_LEFT - MARGIN_RIGHT  # 252 mm
# Relative widths of the task/target columns; STT is fixed.
_WEIGHTS = {
    "content": 3.2,
    "product": 2.0,
    "lead": 1.6,
    "partners": 1.6,
    "timeline": 1.4,
    "budget": 1.4,
    "monitor": 1.5,
    "note": 1.0,
}
_ALIGN = {"content": "justify", "product": "left", "timeline": "left", "budget": "left", "note": "left"}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _t(text: str) -> str:
    return clean_text(text)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in _t(text).split("\n") if line.strip())


def sentence_agency(plan: Plan) -> str:
    """'Ủy ban nhân dân phường Phú Sơn' for running text."""
    loc = locality(plan.agency)
    return f"Ủy ban nhân dân {loc}" if loc else _t(plan.agency)


def _paragraph(text: str) -> Para:
    text = _t(text)
    if text.startswith("- "):
        return Para((Run(text),), "bullet")
    if text.startswith("+ "):
        return Para((Run(text),), "subbullet")
    return Para((Run(text),), "body")


def header_block(plan: Plan) -> HeaderBlock:
    parent = parent_header(plan.parent_agency) if plan.parent_agency.strip() else ""
    return HeaderBlock(
        parent_lines=_lines(parent),
        agency_lines=_lines(plan.agency if "\n" in plan.agency else agency_header(plan.agency)),
        national=NATIONAL,
        motto=MOTTO,
        number=number_line(_t(plan.number), _t(plan.symbol)),
        place_date=place_date_line(_t(plan.place), plan.doc_date),
    )


def _doc_type(plan: Plan) -> str:
    return "KẾ HOẠCH"


def body_blocks(plan: Plan) -> list[Block]:
    blocks: list[Block] = []
    for basis in plan.legal_bases:
        blocks.append(Para((Run(_t(basis), italic=plan.legal_bases_italic),), "legal_basis"))
    blocks += [_paragraph(p) for p in _lines(plan.preamble)]
    for ns in numbered_sections(plan):
        s = ns.section
        text = heading_text(ns.label, _t(s.heading))
        if s.run_in:
            blocks.append(Para((Run(text),), "body"))
        elif text:
            level = min(ns.depth + 1, 4)
            if level == 1:
                text = text.upper()
            blocks.append(Para((Run(text, bold=level <= 2),), f"heading{level}"))
        blocks += [_paragraph(p) for p in s.paragraphs if p.strip()]
    blocks += [_paragraph(p) for p in _lines(plan.closing)]
    _end_mark(blocks)
    return blocks


def _end_mark(blocks: list[Block]) -> None:
    """The body ends with './.' after its last sentence."""
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        if isinstance(b, Para) and b.style != "legal_basis" and not b.style.startswith("heading"):
            text = b.text.rstrip()
            if text.endswith("./."):
                return
            end = "/." if text.endswith(".") else "./."
            last = b.runs[-1]
            blocks[i] = Para(b.runs[:-1] + (Run(last.text.rstrip() + end, last.bold, last.italic),), b.style)
            return


def signature_block(plan: Plan) -> SignatureBlock:
    rec = [r.strip().removeprefix("- ").rstrip(";.").strip() for r in plan.recipients if r.strip()]
    lines = tuple(f"- {r}{'.' if i == len(rec) - 1 else ';'}" for i, r in enumerate(rec))
    authority = _lines(plan.signer.authority) + _lines(plan.signer.position)
    return SignatureBlock(
        recipients=lines, authority_lines=tuple(a.upper() for a in authority), name=_t(plan.signer.name)
    )


def attachment_line(plan: Plan) -> str:
    """'(Kèm theo Kế hoạch số 09/KH-UBND ngày 17 tháng 01 năm 2023 của Ủy ban nhân dân phường …)'."""
    ref = number_symbol(_t(plan.number), _t(plan.symbol))
    return f"(Kèm theo Kế hoạch số {ref} {date_words(plan.doc_date)} của {sentence_agency(plan)})"


def column_widths(keys: tuple[str, ...]) -> list[float]:
    total = sum(_WEIGHTS[k] for k in keys)
    free = LANDSCAPE_TEXT_MM - STT_MM
    return [round(free * _WEIGHTS[k] / total, 1) for k in keys]


def sheet_name(label: str, used: set[str]) -> str:
    name = _SHEET_BAD.sub("-", label)[:31].strip() or "Bang"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def _columns(appendix: Appendix) -> tuple[Column, ...]:
    widths = column_widths(appendix.columns)
    cols = [Column("stt", "STT", STT_MM, "center")]
    cols += [Column(k, appendix.header_for(k), w, _ALIGN.get(k, "left")) for k, w in zip(appendix.columns, widths)]
    return tuple(cols)


def task_table(plan: Plan, appendix: Appendix, sheet: str, caption: tuple[str, ...]) -> Table:
    rows = []
    for r in task_rows(plan, appendix):
        if r.kind == "group":
            rows.append(Row("group", (r.label, _t(r.title))))
        else:
            assert r.task is not None
            rows.append(Row("task", (r.label, *(_t(getattr(r.task, k)) for k in appendix.columns)), r.depth))
    return Table(_columns(appendix), tuple(rows), sheet, caption)


def target_table(plan: Plan, appendix: Appendix, sheet: str, caption: tuple[str, ...]) -> Table:
    rows = []
    groups = grouped(plan, plan.targets, lambda t: t.area)
    numbered = not (len(groups) == 1 and groups[0][0] == "")
    for g, (area, targets) in enumerate(groups, 1):
        if numbered:
            rows.append(Row("group", (roman(g), plan.area_title(area) if area else "Mục tiêu khác")))
        for i, t in enumerate(targets, 1):
            assert isinstance(t, Target)
            rows.append(Row("task", (str(i), *(_t(getattr(t, k)) for k in appendix.columns))))
    return Table(_columns(appendix), tuple(rows), sheet, caption)


def appendix_parts(plan: Plan) -> list[Part]:
    parts = []
    used: set[str] = set()
    attachment = attachment_line(plan)
    for n, a in enumerate(plan.appendices, 1):
        label = appendix_label(plan.appendix_numbering, n)
        title = AppendixTitle(label, _t(a.title).upper(), attachment)
        caption = (label, title.title, attachment)
        sheet = sheet_name(label, used)
        table = task_table(plan, a, sheet, caption) if a.kind == "tasks" else target_table(plan, a, sheet, caption)
        parts.append(Part("landscape", (title, table), restart_page_numbers=True))
    return parts


def build_document(plan: Plan) -> Document:
    """The whole plan as a Document: the body (portrait) then each appendix (landscape)."""
    summary = _lines(plan.summary)
    body: list[Block] = [header_block(plan), TitleBlock(_doc_type(plan), summary)]
    body += body_blocks(plan)
    body.append(signature_block(plan))
    meta = Meta(
        title=f"Kế hoạch {' '.join(summary)}".strip() if summary else "Kế hoạch",
        author=sentence_agency(plan),
        subject=" ".join(summary),
        keywords=("kế hoạch", "cải cách hành chính", str(plan.year)),
    )
    return Document(meta, (Part("portrait", tuple(body)), *appendix_parts(plan)))
