"""Where the PDF's body pages break: a heading keeps the first lines of its paragraph, as in Word.

Word keeps a heading (keep with next) with the first lines of the next paragraph and splits that
paragraph with at least two lines at the foot and two at the head of a page (widow/orphan
control). The PDF once kept the heading with the whole paragraph, so a page before a heading
could end a third empty. Read back with pypdf: the lowest line of each portrait page and the
first line of the next.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import plan_file
from app.model import Plan, Section, Signer
from app.ops.plans import default_decision
from app.templates import Agency, instantiate, list_templates
from exporters import layout as L
from exporters.build import build_document
from exporters.document import Document, Para
from exporters.pdf_writer import write_pdf

MM = 72 / 25.4
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MAX_BLANK = 0.15  # of the text area's height, at the foot of a page that a heading follows
DESCENT = 0.216  # em, Liberation Serif / Times New Roman, under the last baseline
AGENCY = Agency("Ủy ban nhân dân phường Phú Sơn", "", "Phú Sơn", "tỉnh Thanh Hóa", "Nguyễn Văn An")
SENTENCE = "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính, cắt giảm chi phí tuân thủ cho người dân. "


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _lines(page) -> list[tuple[float, str]]:
    """(baseline y, text) of each line of the text area (the page number left out), top first."""
    top = float(page.mediabox.height) - L.PAGE.margin_top_mm * MM
    found: dict[float, list[str]] = {}

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y < top:
            found.setdefault(round(y, 1), []).append(text.strip())

    page.extract_text(visitor_text=visit)
    return sorted(((y, " ".join(t)) for y, t in found.items()), reverse=True)


def _headings(doc: Document) -> list[str]:
    return [_norm(b.text) for p in doc.parts for b in p.blocks if isinstance(b, Para) and b.style.startswith("heading")]


def blank_before_headings(doc: Document, path: Path) -> list[tuple[int, float, str]]:
    """(page, blank fraction, heading) for every portrait page followed by a portrait page that
    starts with a heading: how much of the text area is left empty under the page's last line."""
    write_pdf(doc, path)
    pages = PdfReader(str(path)).pages
    headings = _headings(doc)
    area = L.PAGE.height_mm * MM - (L.PAGE.margin_top_mm + L.PAGE.margin_bottom_mm) * MM
    out = []
    for i in range(len(pages) - 1):
        page, following = pages[i], pages[i + 1]
        if any(float(p.mediabox.width) > float(p.mediabox.height) for p in (page, following)):
            continue
        lines, next_lines = _lines(page), _lines(following)
        if not lines or not next_lines:
            continue
        first = _norm(next_lines[0][1])
        heading = next((h for h in headings if first and h.startswith(first[:40])), None)
        if heading is None:
            continue
        bottom = lines[-1][0] - DESCENT * L.BODY.text.size - L.PAGE.margin_bottom_mm * MM
        out.append((i + 1, bottom / area, heading))
    return out


def _long_paragraphs_plan() -> Plan:
    """Headings before paragraphs of 5 to 16 lines: wherever the pages break, some heading lands
    near the foot of a page with room for its first lines but not for its whole paragraph."""
    sections = tuple(
        Section(f"Nhiệm vụ trọng tâm số {i + 1}", paragraphs=(SENTENCE * (4 + (7 * i) % 12),)) for i in range(24)
    )
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        sections=(Section("NỘI DUNG", sections=sections),),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
        recipients=("Lưu: VT, VHXH",),
    )


def _plans() -> list[tuple[str, Plan]]:
    plans = [
        (f"template-{t.id}", instantiate(t.id, t.period.start if t.period else 2027, AGENCY)) for t in list_templates()
    ]
    ward = dict(plans)["template-ward-annual"]
    plans.append(("template-ward-annual-decision", dataclasses.replace(ward, decision=default_decision(ward))))
    plans += [(p.stem, plan_file.read(p)) for p in sorted(FIXTURES.glob("seed_*.json"))]
    plans.append(("long-paragraphs", _long_paragraphs_plan()))
    return plans


@pytest.mark.parametrize("name, plan", _plans(), ids=[n for n, _ in _plans()])
def test_no_page_ends_far_above_the_heading_that_follows_it(name, plan, tmp_path):
    found = blank_before_headings(build_document(plan), tmp_path / f"{name}.pdf")
    too_blank = [(page, f"{blank:.0%}", heading[:50]) for page, blank, heading in found if blank > MAX_BLANK]
    assert not too_blank


def test_a_heading_at_a_page_foot_keeps_two_lines_of_its_paragraph(tmp_path):
    doc = build_document(_long_paragraphs_plan())
    write_pdf(doc, tmp_path / "long.pdf")
    pages = PdfReader(str(tmp_path / "long.pdf")).pages
    headings = set(_headings(doc))
    after_last_heading = []  # per page: the lines under its last heading
    for page in pages[:-1]:
        texts = [_norm(t) for _, t in _lines(page)]
        marks = [k for k, t in enumerate(texts) if t in headings]
        if marks:
            after_last_heading.append(len(texts) - 1 - marks[-1])
    assert after_last_heading and min(after_last_heading) >= 2  # never a heading alone, nor one line
    assert 2 in after_last_heading  # a heading and the first two lines of its paragraph end a page
