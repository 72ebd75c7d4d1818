"""Plan -> Document: every numbering, wording and ordering decision of the exports, made once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from app.footnotes import split_notes
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
from exporters.layout import PAGE, TABLE, TITLE
from exporters.lines import balance

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
LANDSCAPE_TEXT_MM = PAGE.text_width_mm("landscape")  # 252 mm, shared by the appendix columns
PORTRAIT_TEXT_MM = PAGE.text_width_mm("portrait")  # 165 mm: the title block's lines
# Relative widths of the task/target columns (a column not named here gets 1.0); STT is fixed.
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
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# Which parts of a plan issued by a decision a Document holds.
ALL, DECISION_ONLY, PLAN_ONLY = "all", "decision", "plan"


def _t(text: str) -> str:
    return clean_text(text)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in _t(text).split("\n") if line.strip())


def sentence_agency(plan: Plan) -> str:
    """'Ủy ban nhân dân phường Phú Sơn' for running text."""
    loc = locality(plan.agency)
    return f"Ủy ban nhân dân {loc}" if loc else " ".join(_lines(plan.agency))


def superscript(n: int) -> str:
    return str(n).translate(_SUPERSCRIPT)


@dataclass
class _Notes:
    """Footnote numbers, in document order, shared by every writer."""

    count: int = 0
    collected: list[tuple[int, str]] = field(default_factory=list)

    def runs(self, text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
        out = []
        for piece in split_notes(_t(text)):
            if piece.note is None:
                out.append(Run(piece.text, bold, italic))
            else:
                self.count += 1
                self.collected.append((self.count, piece.note))
                out.append(Run("", bold, italic, note=piece.note, note_number=self.count))
        return tuple(out) or (Run("", bold, italic),)

    def plain(self, runs: tuple[Run, ...]) -> str:
        return "".join(r.text if r.note is None else superscript(r.note_number) for r in runs)


def header_block(plan: Plan, number: str, symbol: str, date) -> HeaderBlock:
    parent = parent_header(plan.parent_agency) if plan.parent_agency.strip() else ""
    return HeaderBlock(
        parent_lines=_lines(parent),
        agency_lines=_lines(plan.agency if "\n" in plan.agency else agency_header(plan.agency)),
        national=NATIONAL,
        motto=MOTTO,
        number=number_line(_t(number), _t(symbol)),
        place_date=place_date_line(_t(plan.place), date),
    )


def title_block(doc_type: str, summary: tuple[str, ...], note: str = "") -> TitleBlock:
    """The document type, the summary and the note under it, centred on the portrait page: each
    line the officer typed broken into balanced lines once here (lines.py), for every writer."""
    lines = tuple(x for s in summary for x in balance(s, TITLE.summary, PORTRAIT_TEXT_MM).split("\n"))
    return TitleBlock(doc_type, lines, note=balance(note, TITLE.note, PORTRAIT_TEXT_MM))


def landscape_columns(spec: tuple[tuple[str, str, float, str], ...]) -> tuple[Column, ...]:
    """STT, then (key, header, relative width, alignment) columns sharing the rest of a landscape page."""
    free = LANDSCAPE_TEXT_MM - TABLE.stt_mm
    total = sum(w for _, _, w, _ in spec)
    return (Column("stt", "STT", TABLE.stt_mm, "center"),) + tuple(
        Column(k, h, round(free * w / total, 1), a) for k, h, w, a in spec
    )


def appendix_title(label: str, title: str, attachment: str) -> AppendixTitle:
    """The top of an appendix (landscape), its title and attachment line in balanced lines."""
    return AppendixTitle(
        label,
        balance(title, TITLE.appendix_title, LANDSCAPE_TEXT_MM),
        balance(attachment, TITLE.appendix_attachment, LANDSCAPE_TEXT_MM),
    )


def _styled_paragraph(notes: _Notes, text: str) -> Para:
    text = _t(text)
    style = "bullet" if text.startswith("- ") else "subbullet" if text.startswith("+ ") else "body"
    return Para(notes.runs(text), style)


def body_blocks(plan: Plan, notes: _Notes) -> list[Block]:
    """The plan's text. A plan issued by a decision starts at its first section: its legal bases
    and the preamble ("… ban hành Kế hoạch …") belong to the decision, and the plan keeps them only
    as data (they come back when the decision is switched off)."""
    blocks: list[Block] = []
    if plan.decision is None:
        for basis in plan.legal_bases:
            blocks.append(Para(notes.runs(basis, italic=plan.legal_bases_italic), "legal_basis"))
        blocks += [_styled_paragraph(notes, p) for p in _lines(plan.preamble)]
    for ns in numbered_sections(plan):
        s = ns.section
        text = heading_text(ns.label, _t(s.heading))
        if s.run_in:
            blocks.append(Para(notes.runs(text), "body"))
        elif text:
            level = min(ns.depth + 1, 4)
            if level == 1:
                text = text.upper()
            blocks.append(Para(notes.runs(text, bold=level <= 2), f"heading{level}"))
        blocks += [_styled_paragraph(notes, p) for p in s.paragraphs if p.strip()]
    blocks += [_styled_paragraph(notes, p) for p in _lines(plan.closing)]
    _end_mark(blocks)
    return blocks


_NO_END_MARK = ("legal_basis", "center", "heading1", "heading2", "heading3", "heading4")


def _end_mark(blocks: list[Block]) -> None:
    """The body ends with './.' after its last sentence. Only the last paragraph takes it: when
    that is a heading, a legal basis or a centred line ("QUYẾT ĐỊNH:" of a decision with no
    articles) the text has no last sentence, and a mark glued to it, or to a paragraph above it,
    would be nonsense; `check` reports the missing text instead."""
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        if isinstance(b, Para):
            if b.style in _NO_END_MARK:
                return
            k = max((j for j, r in enumerate(b.runs) if r.note is None), default=None)
            if k is None:
                return
            last = b.runs[k]
            text = last.text.rstrip()
            if text.endswith("./."):
                return
            end = "/." if text.endswith(".") else "./."
            runs = b.runs[:k] + (Run(text + end, last.bold, last.italic),) + b.runs[k + 1 :]
            blocks[i] = Para(runs, b.style)
            return


def signature_block(recipients: tuple[str, ...], signer) -> SignatureBlock:
    rec = [r.strip().removeprefix("- ").rstrip(";.").strip() for r in recipients if r.strip()]
    lines = tuple(f"- {_t(r)}{'.' if i == len(rec) - 1 else ';'}" for i, r in enumerate(rec))
    authority = _lines(signer.authority) + _lines(signer.position)
    return SignatureBlock(recipients=lines, authority_lines=tuple(a.upper() for a in authority), name=_t(signer.name))


def _summary_phrase(plan: Plan) -> str:
    """'cải cách hành chính năm 2027' — the summary as it reads inside a sentence."""
    s = " ".join(_lines(plan.summary))
    return s[:1].lower() + s[1:] if s[:2] != s[:2].upper() else s


def issuer(plan: Plan) -> str:
    """Who issues the decision: the Chairman, or the committee when signed 'TM.'."""
    dec = plan.decision
    collective = dec is not None and dec.signer.authority.strip().upper().startswith("TM.")
    return sentence_agency(plan) if collective else f"Chủ tịch {sentence_agency(plan)}"


def decision_reference(plan: Plan) -> str:
    """'Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2027 của Chủ tịch Ủy ban nhân dân phường …'."""
    dec = plan.decision
    assert dec is not None
    ref = number_symbol(_t(dec.number), _t(dec.symbol))
    return f"Quyết định số {ref} {date_words(dec.date or plan.doc_date)} của {issuer(plan)}"


def attachment_line(plan: Plan) -> str:
    """'(Kèm theo Kế hoạch số 09/KH-UBND ngày 17 tháng 01 năm 2023 của Ủy ban nhân dân phường …)'."""
    if plan.decision is not None:
        return f"(Kèm theo Kế hoạch ban hành kèm theo {decision_reference(plan)})"
    ref = number_symbol(_t(plan.number), _t(plan.symbol))
    return f"(Kèm theo Kế hoạch số {ref} {date_words(plan.doc_date)} của {sentence_agency(plan)})"


# A table of two texts side by side and a note — the comparison of an amendment ("Nội dung cũ /
# Nội dung sửa đổi, bổ sung / Lý do") or of last year's plan: both texts as wide, aligned alike.
_SIDE_BY_SIDE = ("content", "product", "note")
_SIDE_WEIGHTS = {"content": 2.6, "product": 2.6, "note": 1.0}


def _weight(keys: tuple[str, ...], key: str) -> float:
    return (_SIDE_WEIGHTS if keys == _SIDE_BY_SIDE else _WEIGHTS).get(key, 1.0)


def _align(keys: tuple[str, ...], key: str) -> str:
    return "justify" if keys == _SIDE_BY_SIDE and key == "product" else _ALIGN.get(key, "left")


def column_widths(keys: tuple[str, ...]) -> list[float]:
    total = sum(_weight(keys, k) for k in keys)
    free = LANDSCAPE_TEXT_MM - TABLE.stt_mm
    return [round(free * _weight(keys, k) / total, 1) for k in keys]


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
    cols = [Column("stt", "STT", TABLE.stt_mm, "center")]
    cols += [
        Column(k, appendix.header_for(k), w, _align(appendix.columns, k))
        for k, w in zip(appendix.columns, widths, strict=True)
    ]
    return tuple(cols)


def _row(notes: _Notes, kind: str, label: str, texts: list[str], depth: int = 0) -> Row:
    if not any("^[" in t for t in texts):
        return Row(kind, (label, *(_t(t) for t in texts)), depth)
    rich = ((Run(label),),) + tuple(notes.runs(t) for t in texts)
    return Row(kind, tuple(notes.plain(r) for r in rich), depth, rich)


def kept_rows(rows: list[Row]) -> tuple[Row, ...]:
    """Rows that head what follows them, a group title or a task with sub-tasks, are kept with
    the next row: never the last row of a page, away from what they head."""
    out = list(rows)
    for i, (row, following) in enumerate(zip(rows, rows[1:], strict=False)):
        if row.kind == "group" or (following.kind == "task" and following.depth > row.depth):
            out[i] = replace(row, keep_with_next=True)
    return tuple(out)


def task_table(plan: Plan, appendix: Appendix, notes: _Notes, sheet: str, caption: tuple[str, ...]) -> Table:
    rows = []
    for r in task_rows(plan, appendix):
        if r.kind == "group":
            rows.append(Row("group", (r.label, _t(r.title))))
        else:
            assert r.task is not None
            rows.append(_row(notes, "task", r.label, [getattr(r.task, k) for k in appendix.columns], r.depth))
    return Table(_columns(appendix), kept_rows(rows), sheet, caption)


def target_table(plan: Plan, appendix: Appendix, notes: _Notes, sheet: str, caption: tuple[str, ...]) -> Table:
    rows = []
    groups = grouped(plan, plan.targets, lambda t: t.area)
    numbered = not (len(groups) == 1 and groups[0][0] == "")
    for g, (area, targets) in enumerate(groups, 1):
        if numbered:
            rows.append(Row("group", (roman(g), plan.area_title(area) if area else "Mục tiêu khác")))
        for i, t in enumerate(targets, 1):
            assert isinstance(t, Target)
            rows.append(_row(notes, "task", str(i), [getattr(t, k) for k in appendix.columns]))
    return Table(_columns(appendix), kept_rows(rows), sheet, caption)


def appendix_parts(plan: Plan, notes: _Notes) -> list[Part]:
    parts = []
    used: set[str] = set()
    attachment = attachment_line(plan)
    for n, a in enumerate(plan.appendices, 1):
        if plan.footnotes_restart:
            notes.count = 0
        label = appendix_label(plan.appendix_numbering, n)
        title = appendix_title(label, _t(a.title).upper(), attachment)
        caption = (label, title.title, title.attachment)
        sheet = sheet_name(label, used)
        first = len(notes.collected)
        build = task_table if a.kind == "tasks" else target_table
        table = build(plan, a, notes, sheet, caption)
        table = Table(table.columns, table.rows, table.sheet_name, table.caption, tuple(notes.collected[first:]))
        parts.append(
            Part("landscape", (title, table), restart_page_numbers=True, restart_footnotes=plan.footnotes_restart)
        )
    return parts


def decision_blocks(plan: Plan, notes: _Notes) -> list[Block]:
    """The decision issuing the plan (Nghị định 30/2020, a document with a type name)."""
    dec = plan.decision
    assert dec is not None
    date = dec.date or plan.doc_date
    blocks: list[Block] = [
        header_block(plan, dec.number, dec.symbol, date),
        title_block("QUYẾT ĐỊNH", (f"Ban hành Kế hoạch {_summary_phrase(plan)}",)),
        Para((Run(issuer(plan).upper(), bold=True),), "center"),
    ]
    blocks += [Para(notes.runs(b, italic=plan.legal_bases_italic), "legal_basis") for b in dec.legal_bases]
    blocks.append(Para((Run("QUYẾT ĐỊNH:", bold=True),), "center"))
    for i, text in enumerate((a for a in dec.articles if a.strip()), 1):
        blocks.append(Para((Run(f"Điều {i}. ", bold=True),) + notes.runs(text), "body"))
    _end_mark(blocks)
    blocks.append(signature_block(dec.recipients, dec.signer))
    return blocks


def _meta(plan: Plan, title: str) -> Meta:
    summary = " ".join(_lines(plan.summary))
    return Meta(
        title=title,
        author=sentence_agency(plan),
        subject=summary,
        keywords=("kế hoạch", "cải cách hành chính", str(plan.year)),
    )


def build_document(plan: Plan, part: str = ALL) -> Document:
    """The plan as a Document: the body (portrait) then each appendix (landscape).

    A plan issued by a decision starts with the decision (`part` chooses the decision alone,
    the plan alone, or both in one file); the plan then carries no national header and is
    titled "(Ban hành kèm theo Quyết định số …)".
    """
    notes = _Notes()
    summary = _lines(plan.summary)
    plan_title = f"Kế hoạch {' '.join(summary)}".strip()
    parts: list[Part] = []
    if plan.decision is not None and part in (ALL, DECISION_ONLY):
        parts.append(Part("portrait", tuple(decision_blocks(plan, notes))))
        if part == DECISION_ONLY:
            return Document(_meta(plan, f"Quyết định ban hành {plan_title}"), tuple(parts))
    if plan.decision is not None:
        body: list[Block] = [title_block("KẾ HOẠCH", summary, note=f"(Ban hành kèm theo {decision_reference(plan)})")]
        body += body_blocks(plan, notes)
        parts.append(Part("portrait", tuple(body), restart_page_numbers=bool(parts)))
    else:
        body = [header_block(plan, plan.number, plan.symbol, plan.doc_date), title_block("KẾ HOẠCH", summary)]
        body += body_blocks(plan, notes)
        body.append(signature_block(plan.recipients, plan.signer))
        parts.append(Part("portrait", tuple(body)))
    parts += appendix_parts(plan, notes)
    return Document(_meta(plan, plan_title), tuple(parts))
