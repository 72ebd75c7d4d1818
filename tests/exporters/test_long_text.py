"""Long text: the PDF does work in proportion to it, nothing is lost, no writer fails (issue 15).

Speed is measured in bench/bench_long_text.py; here the work itself is counted: the characters
reportlab breaks into lines, which grew with the square of a cell's length.
"""

from __future__ import annotations

import re

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from app import limits
from app.model import Appendix, Plan, Section, Task
from exporters.build import build_document
from exporters.docx_writer import write_docx
from exporters.layout import TITLE
from exporters.lines import balance
from exporters.pdf_long import LONG_TEXT, PIECE, text_pieces
from exporters.pdf_writer import write_pdf
from exporters.xlsx_writer import write_xlsx


def sentences(n: int) -> str:
    return " ".join(f"Câu số {i} của một ô rất dài." for i in range(n))


def broken_chars(monkeypatch) -> list[int]:
    """Characters handed to reportlab's line breaking, counted as the export runs."""
    seen = [0]
    original = Paragraph.breakLines

    def counting(self, width):
        for f in self.frags:
            seen[0] += len(getattr(f, "text", "") or "") + sum(
                len(w) for w in getattr(f, "words", ()) if isinstance(w, str)
            )
        return original(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    return seen


def pdf_work(monkeypatch, tmp_path, plan: Plan) -> int:
    seen = broken_chars(monkeypatch)
    write_pdf(build_document(plan), tmp_path / "p.pdf")
    return seen[0]


@pytest.mark.parametrize("where", ["cell", "paragraph"])
def test_pdf_line_breaking_grows_in_proportion_to_the_text(monkeypatch, tmp_path, where):
    def plan(text: str) -> Plan:
        if where == "cell":
            return Plan(2027, summary="KH", appendices=(Appendix(tasks=(Task(content=text),)),))
        return Plan(2027, summary="KH", preamble=text)

    small, large = sentences(1_500), sentences(6_000)  # about 45,000 and 190,000 characters
    w_small = pdf_work(monkeypatch, tmp_path, plan(small))
    w_large = pdf_work(monkeypatch, tmp_path, plan(large))
    ratio = (w_large / len(large)) / (w_small / len(small))
    assert ratio < 1.5, f"work per character grew {ratio:.1f}×: {w_small:,} → {w_large:,}"


def test_every_sentence_of_a_long_cell_is_printed_in_order(tmp_path):
    text = " ".join(f"Câu{i} của một ô rất dài, dài hơn một trang giấy." for i in range(2_000))  # 100,000 characters
    write_pdf(build_document(Plan(2027, appendices=(Appendix(tasks=(Task(content=text),)),))), tmp_path / "p.pdf")
    printed = " ".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "p.pdf")).pages)
    numbers = [int(n) for n in re.findall(r"Câu(\d+)", printed)]
    assert numbers == list(range(2_000))


def test_text_within_the_limits_is_never_cut():
    assert LONG_TEXT > limits.CELL_CHARS  # so the layout of every plan the limits allow is unchanged
    text = sentences(600)
    assert len(text) <= limits.CELL_CHARS and text_pieces(text) == [text]


def test_long_text_is_cut_at_line_breaks_then_sentences():
    text = "\n".join(sentences(60) for _ in range(40))  # ~70,000 characters
    pieces = text_pieces(text)
    assert all(len(p) <= PIECE for p in pieces)
    assert "\n".join(pieces).replace("\n", " ") == text.replace("\n", " ")
    assert all(p.endswith(".") for p in pieces)
    one_line = sentences(2_000)
    cut = text_pieces(one_line)
    assert all(p.endswith(".") for p in cut) and " ".join(cut) == one_line


def test_a_summary_at_the_title_limit_exports_to_every_format(tmp_path):
    summary = ("Kế hoạch cải cách hành chính năm 2027 của phường Phú Sơn " * 40)[: limits.TITLE_CHARS]
    doc = build_document(Plan(2027, summary=summary, sections=(Section("Mục", paragraphs=("Đoạn.",)),)))
    write_docx(doc, tmp_path / "p.docx")  # the document title was over Word's 255-character property
    write_pdf(doc, tmp_path / "p.pdf")
    write_xlsx(doc, tmp_path / "p.xlsx")
    body = "".join(p.text for p in open_docx(str(tmp_path / "p.docx")).paragraphs)
    assert summary.split()[-2] in body
    load_workbook(tmp_path / "p.xlsx")


def test_a_title_far_longer_than_six_lines_is_not_balanced(monkeypatch):
    # balancing tried 20,000 ways to break it, each measuring every line: a 20,000-character
    # summary never finished
    from exporters import lines

    tried = []
    cost = lines._cost
    monkeypatch.setattr(lines, "_cost", lambda *a: tried.append(1) or cost(*a))
    title = "Kế hoạch cải cách hành chính năm 2027 " * 40  # 1,500 characters: running text, not a title
    assert balance(title, TITLE.summary, 165) == title
    assert not tried
    assert "\n" in balance("Kế hoạch cải cách hành chính năm 2027 " * 3, TITLE.summary, 165)


def test_a_cell_over_libxml2s_10_mb_text_limit_still_exports_to_docx(tmp_path):
    # only a database filled before the limits can hold it; the export must not fail
    big = "Nội dung. " * 1_100_000  # 11,000,000 characters
    write_docx(build_document(Plan(2027, appendices=(Appendix(tasks=(Task(content=big),)),))), tmp_path / "p.docx")
    assert (tmp_path / "p.docx").stat().st_size > 10_000
