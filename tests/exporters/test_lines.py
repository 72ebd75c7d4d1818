"""Centred titles break into balanced lines, decided once and printed alike in the PDF, the DOCX and the workbook."""

from __future__ import annotations

import dataclasses
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.ops.plans import default_decision
from exporters.build import build_document
from exporters.document import AppendixTitle, TitleBlock
from exporters.docx_writer import write_docx
from exporters.fonts import reportlab_faces
from exporters.layout import TITLE, TextStyle
from exporters.lines import balance
from exporters.pdf_writer import write_pdf
from exporters.xlsx_writer import write_xlsx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4
DIGITAL = "NHIỆM VỤ TRỌNG TÂM VỀ XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ NĂM 2027"
DIRECTION = "NHIỆM VỤ TRỌNG TÂM VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH VÀ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2027"
INDEX = "Nâng cao Chỉ số cải cách hành chính, Chỉ số hài lòng của người dân (SIPAS) và Chỉ số PAPI năm 2027"
NOTE = (
    "(Ban hành kèm theo Quyết định số       /QĐ-UBND ngày      tháng 01 năm 2027 "
    "của Chủ tịch Ủy ban nhân dân phường Phú Sơn)"
)


def width(text: str, style: TextStyle) -> float:
    face = ("bold" if style.bold else "") + ("italic" if style.italic else "") or "regular"
    return stringWidth(text, reportlab_faces()[face], style.size)


@pytest.mark.parametrize(
    "text, style, width_mm",
    [
        (DIGITAL, TITLE.appendix_title, 252),
        (DIRECTION, TITLE.appendix_title, 252),
        (INDEX, TITLE.summary, 165),
        (NOTE, TITLE.note, 165),
    ],
)
def test_titles_break_into_even_lines_at_good_places(text, style, width_mm):
    lines = balance(text, style, width_mm).split("\n")
    assert " ".join(lines) == text  # only spaces became breaks; the blanks to fill stay whole
    assert len(lines) == 2
    widths = [width(x, style) for x in lines]
    assert max(widths) <= width_mm * MM
    assert min(widths) >= 0.6 * max(widths)  # even lines, no stub
    assert len(lines[-1].split()) >= 3
    for before, after in zip(lines, lines[1:], strict=False):
        pair = f"{before.split()[-1]} {after.split()[0]}".lower()
        assert not after[0].isdigit() and pair not in ("hành chính", "cải cách", "năm 2027", "01 năm")


def test_what_fits_on_a_line_or_is_already_broken_stays_as_it_is():
    assert balance("Cải cách hành chính năm 2027", TITLE.summary, 165) == "Cải cách hành chính năm 2027"
    assert balance("A\nB " * 40, TITLE.summary, 165) == "A\nB " * 40
    assert balance("", TITLE.summary, 165) == ""
    long_word = "X" * 200
    assert balance(long_word, TITLE.summary, 165) == long_word  # nothing to break at


def _plan(sample_plan):
    appendices = tuple(
        dataclasses.replace(a, title=t) for a, t in zip(sample_plan.appendices, (DIGITAL, DIRECTION), strict=False)
    )
    plan = dataclasses.replace(sample_plan, summary=INDEX, appendices=appendices)
    return dataclasses.replace(plan, decision=default_decision(plan))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _pdf_lines(path: Path) -> list[str]:
    out = []
    for page in PdfReader(str(path)).pages:
        rows: dict[float, list[tuple[float, str]]] = {}

        def visit(text, cm, tm, font, size, rows=rows):
            if text.strip():
                y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 0)
                rows.setdefault(y, []).append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text))

        page.extract_text(visitor_text=visit)
        out += [_norm(" ".join(t for _, t in sorted(r))) for _, r in sorted(rows.items(), reverse=True)]
    return out


def test_every_writer_breaks_the_titles_where_the_document_says(sample_plan, tmp_path):
    doc = build_document(_plan(sample_plan))
    titles = [b for p in doc.parts for b in p.blocks if isinstance(b, (TitleBlock, AppendixTitle))]
    broken = [b.title for b in titles if isinstance(b, AppendixTitle)][:2]
    broken += [b.note for b in titles if isinstance(b, TitleBlock) and b.note]
    assert len(broken) == 3 and all(t.count("\n") == 1 for t in broken)
    summary = next(b.summary_lines for b in titles if isinstance(b, TitleBlock) and b.doc_type == "KẾ HOẠCH")
    assert summary == tuple(balance(INDEX, TITLE.summary, 165).split("\n")) and len(summary) == 2
    expected = [_norm(x) for t in broken for x in t.split("\n")] + [_norm(x) for x in summary]
    # PDF: each line on its own baseline, as given
    write_pdf(doc, tmp_path / "plan.pdf")
    lines = _pdf_lines(tmp_path / "plan.pdf")
    assert [x for x in expected if x not in lines] == []
    # DOCX: a w:br where the Document has "\n" (a summary line is a paragraph of its own)
    write_docx(doc, tmp_path / "plan.docx")
    with zipfile.ZipFile(tmp_path / "plan.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    paras = [
        "".join("\n" if e.tag == f"{W}br" else e.text or "" for e in p.iter(f"{W}t", f"{W}br"))
        for p in body.iter(f"{W}p")
    ]
    assert [t for t in broken if t not in paras] == [] and [x for x in summary if x not in paras] == []
    # XLSX: the caption cells hold the same breaks
    write_xlsx(doc, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert wb.worksheets[0]["A2"].value == broken[0] and wb.worksheets[1]["A2"].value == broken[1]
