"""AssessmentReport -> Document: "Báo cáo tự đánh giá, chấm điểm Chỉ số CCHC năm …" in the same
official layout as the plan and its reports, the scoring table as its landscape appendix. The
workbook export writes only the table (STT / Tiêu chí / Điểm tối đa / Điểm tự chấm / Giải trình /
Tài liệu kiểm chứng), print-ready in Times New Roman like every table of the program."""

from __future__ import annotations

from app.index.model import format_points
from app.index.report import AssessmentReport, ScoreRow
from app.model import DocDate
from app.vietnamese import (
    agency_header,
    date_words,
    locality,
    number_line,
    parent_header,
    place_date_line,
    roman,
)
from exporters.build import (
    MOTTO,
    NATIONAL,
    _end_mark,
    _lines,
    _t,
    appendix_title,
    landscape_columns,
    signature_block,
    title_block,
)
from exporters.document import Block, Document, HeaderBlock, Meta, Para, Part, Row, Run, Table

SCORE_COLUMNS: tuple[tuple[str, str, float, str], ...] = (
    ("title", "Tiêu chí", 3.6, "justify"),
    ("max", "Điểm tối đa", 0.9, "center"),
    ("score", "Điểm tự chấm", 0.9, "center"),
    ("explanation", "Giải trình", 3.0, "justify"),
    ("evidence", "Tài liệu kiểm chứng", 2.2, "left"),
)
SHEET = "Tu danh gia"


def _row(r: ScoreRow) -> Row:
    cells = (
        r.number,
        _t(r.title),
        format_points(r.max_points),
        r.signed_score,
        _t(r.explanation),
        "\n".join(r.evidence),
    )
    if r.depth == 1:
        bold = tuple((Run(c, bold=True),) for c in cells)
        return Row("task", cells, 0, bold, keep_with_next=True)
    return Row("task", cells, r.depth - 1)


def score_table(report: AssessmentReport, caption: tuple[str, ...] = ()) -> Table:
    rows = [_row(r) for r in report.rows]
    total = ("", "TỔNG CỘNG", format_points(report.total_max), format_points(report.total_score), "", "")
    rows.append(Row("task", total, 0, tuple((Run(c, bold=True),) for c in total)))
    return Table(landscape_columns(SCORE_COLUMNS), tuple(rows), SHEET, caption)


def _agency_sentence(report: AssessmentReport) -> str:
    loc = locality(report.agency)
    return f"Ủy ban nhân dân {loc}" if loc else " ".join(_lines(report.agency))


def _header(report: AssessmentReport, when: DocDate) -> HeaderBlock:
    parent = parent_header(report.parent_agency) if report.parent_agency.strip() else ""
    agency = report.agency if "\n" in report.agency else agency_header(report.agency)
    return HeaderBlock(
        parent_lines=_lines(parent),
        agency_lines=_lines(agency) if report.agency.strip() else (),
        national=NATIONAL,
        motto=MOTTO,
        number=number_line("", "BC-UBND"),
        place_date=place_date_line(_t(report.place), when),
    )


def _body(report: AssessmentReport) -> list[Block]:
    blocks: list[Block] = [
        Para(
            (
                Run(
                    f"Thực hiện hướng dẫn tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {report.year}"
                    f" theo {_t(report.set_name)}, {_agency_sentence(report) or 'đơn vị'} báo cáo kết quả như sau:"
                ),
            )
        )
    ]
    for i, (heading, paragraphs) in enumerate(report.sections(), start=1):
        blocks.append(Para((Run(f"{roman(i)}. {heading}", bold=True),), "heading1"))
        for p in paragraphs:
            blocks.append(Para((Run(_t(p)),), "bullet" if p.startswith("- ") else "body"))
    _end_mark(blocks)
    return blocks


def build_assessment_document(report: AssessmentReport) -> Document:
    when = report.doc_date or DocDate(report.year + 1)
    summary = (f"Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {report.year}",)
    body: list[Block] = [_header(report, when), title_block("BÁO CÁO", summary)]
    body += _body(report)
    body.append(signature_block(report.recipients, report.signer))
    attachment = f"(Kèm theo Báo cáo số {number_line('', 'BC-UBND')[4:]} {date_words(when)}"
    attachment += f" của {_agency_sentence(report)})" if report.agency.strip() else ")"
    title = appendix_title("Phụ lục", "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", attachment)
    table = score_table(report, ("Phụ lục", title.title, title.attachment))
    parts = (Part("portrait", tuple(body)), Part("landscape", (title, table), restart_page_numbers=True))
    meta = Meta(
        title=report.title,
        author=_agency_sentence(report),
        subject=summary[0],
        keywords=("chỉ số cải cách hành chính", "tự đánh giá", str(report.year)),
    )
    return Document(meta, parts)
