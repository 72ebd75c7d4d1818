"""Report -> Document: the periodic report in the same official layout as the plan."""

# Page 1: the header block ("Số: …/BC-UBND"), "BÁO CÁO" and its summary, the sections, the
# signature block; then a landscape appendix with the results table (STT, nhiệm vụ, chủ trì,
# thời hạn, tình trạng, kết quả), grouped by area.

from __future__ import annotations

from app.model import DocDate
from app.tracking.report import Report
from app.vietnamese import (
    agency_header,
    date_words,
    locality,
    number_line,
    number_symbol,
    parent_header,
    place_date_line,
)
from exporters.build import (
    MOTTO,
    NATIONAL,
    _end_mark,
    _lines,
    _t,
    appendix_title,
    kept_rows,
    landscape_columns,
    signature_block,
    title_block,
)
from exporters.document import (
    Block,
    Document,
    HeaderBlock,
    Meta,
    Para,
    Part,
    Row,
    Run,
    Table,
)

# Relative widths of the results table after STT.
RESULT_COLUMNS: tuple[tuple[str, str, float, str], ...] = (
    ("content", "Nhiệm vụ", 3.4, "justify"),
    ("lead", "Đơn vị chủ trì", 1.6, "left"),
    ("due", "Thời hạn", 1.2, "center"),
    ("status", "Tình trạng", 1.5, "left"),
    ("result", "Kết quả thực hiện", 3.0, "justify"),
)


def report_header(report: Report) -> HeaderBlock:
    parent = parent_header(report.parent_agency) if report.parent_agency.strip() else ""
    return HeaderBlock(
        parent_lines=_lines(parent),
        agency_lines=_lines(report.agency if "\n" in report.agency else agency_header(report.agency)),
        national=NATIONAL,
        motto=MOTTO,
        number=number_line(_t(report.number), _t(report.symbol)),
        place_date=place_date_line(_t(report.place), report.doc_date),
    )


def _agency_sentence(report: Report) -> str:
    loc = locality(report.agency)
    return f"Ủy ban nhân dân {loc}" if loc else " ".join(_lines(report.agency))


def attachment_line(report: Report) -> str:
    """'(Kèm theo Báo cáo số     /BC-UBND ngày     tháng 6 năm 2027 của Ủy ban nhân dân phường …)'."""
    ref = number_symbol(_t(report.number), _t(report.symbol))
    d: DocDate = report.doc_date
    return f"(Kèm theo Báo cáo số {ref} {date_words(d)} của {_agency_sentence(report)})"


def _para(text: str) -> Para:
    text = _t(text)
    style = "bullet" if text.startswith("- ") else "subbullet" if text.startswith("+ ") else "body"
    return Para((Run(text),), style)


def body_blocks(report: Report) -> list[Block]:
    blocks: list[Block] = []
    for s in report.sections:
        heading = _t(s.heading).strip()
        if heading and s.level == 1:
            blocks.append(Para((Run(heading.upper(), bold=True),), "heading1"))
        elif heading:
            blocks.append(Para((Run(heading, bold=True),), "heading2"))
        blocks += [_para(p) for p in s.paragraphs if p.strip()]
    _end_mark(blocks)
    return blocks


def results_table(report: Report, sheet: str, caption: tuple[str, ...]) -> Table:
    rows = []
    for r in report.rows:
        if r.kind == "group":
            rows.append(Row("group", (r.label, _t(r.content))))
        else:
            rows.append(
                Row("task", (r.label, _t(r.content), _t(r.lead), _t(r.due), _t(r.status), _t(r.result)), r.depth)
            )
    return Table(landscape_columns(RESULT_COLUMNS), kept_rows(rows), sheet, caption)


def build_report_document(report: Report) -> Document:
    summary = _lines(report.summary)
    body: list[Block] = [report_header(report), title_block("BÁO CÁO", summary)]
    body += body_blocks(report)
    body.append(signature_block(report.recipients, report.signer))
    parts = [Part("portrait", tuple(body))]
    if report.rows:
        label = "Phụ lục"
        title = appendix_title(label, _t(report.appendix_title).upper(), attachment_line(report))
        caption = (label, title.title, title.attachment)
        parts.append(
            Part("landscape", (title, results_table(report, "Phu luc ket qua", caption)), restart_page_numbers=True)
        )
    meta = Meta(
        title=f"Báo cáo {' '.join(summary)}".strip(),
        author=_agency_sentence(report),
        subject=" ".join(summary),
        keywords=("báo cáo", "cải cách hành chính", str(report.year)),
    )
    return Document(meta, tuple(parts))
