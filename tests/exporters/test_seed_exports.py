"""Each seed plan, exported, gives the seed back: ≥ 98 % of the seed's body words in order from
the PDF and the DOCX, and ≥ 98 % of the table cells as exact DOCX cell texts.

The seeds are PDF extractions (lines broken, table cells interleaved), so the body is compared
as a word sequence and the tables cell by cell (the cells of the fixture, which
tests/app/test_seed_fixtures.py checks word by word against the seed).
"""

from __future__ import annotations

import os
import re
import string
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from app import plan_file
from app.footnotes import strip_notes
from app.model import iter_tasks
from exporters.build import PLAN_ONLY, build_document
from exporters.docx_writer import write_docx
from exporters.pdf_writer import write_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = Path(os.environ.get("KEHOACH_SEEDS_DIR", Path(__file__).resolve().parents[3] / "shared" / "seeds"))
IDS = sorted(p.stem for p in FIXTURES.glob("seed_*.json"))
# Where each seed's appendix tables start in its text (the body is what comes before).
APPENDIX_START = {"seed_000": "Phụ lục 1", "seed_001": None, "seed_004": "Phụ lục số 01"}
PUNCT = string.punctuation + "“”‘’…–—"
CODE_BREAK = re.compile(r"(?<=[A-ZĐ])-\s+(?=[A-ZĐ])")


def words(text: str) -> list[str]:
    text = CODE_BREAK.sub("-", text.replace("ƣ", "ư").replace("\u00a0", " "))
    out = []
    for w in text.split():
        w = w.strip(PUNCT)
        if w and not w.isdigit():  # page numbers and computed labels are not the seed's words
            out.append(w.lower())
    return out


def seed_body(name: str) -> str:
    number = name.removeprefix("seed_")
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not found:
        pytest.skip(f"seed {number} not available in {SEEDS}")
    text = found[0].read_text(encoding="utf-8")
    marker = APPENDIX_START[name]
    if marker:
        text = text[: text.index(marker)]
    return text


def plan_notes(plan) -> list[str]:
    """Every footnote text of the plan's body (they are printed at the foot of a page, so they
    are compared as wholes, not in reading order)."""
    from app.footnotes import split_notes
    from app.text_walk import iter_texts

    return [p.note for _, t in iter_texts(plan) for p in split_notes(t) if p.note]


def without(text: str, notes: list[str]) -> list[str]:
    """The words of `text` with each note's word sequence taken out once."""
    seq = words(text)
    for note in notes:
        n = words(note)
        for i in range(len(seq) - len(n) + 1):
            if seq[i : i + len(n)] == n:
                del seq[i : i + len(n)]
                break
    return seq


def in_order_share(seed: list[str], exported: list[str]) -> tuple[float, list[str]]:
    """Share of the seed's words found, in order, in the export; and the missing passages."""
    sm = SequenceMatcher(None, seed, exported, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    missing, last = [], 0
    for b in sm.get_matching_blocks():
        if b.a > last:
            missing.append(" ".join(seed[last : b.a]))
        last = b.a + b.size
    return matched / max(1, len(seed)), missing


def docx_body_text(path: Path) -> str:
    doc = open_docx(str(path))
    parts = [p.text for p in doc.paragraphs]
    # The header and signature blocks are borderless tables of the body; appendix tables are not body.
    for t in doc.tables:
        cells = [c.text for row in t.rows for c in row.cells]
        if len(t.columns) == 2:
            parts += cells
    # Real Word footnotes live in their own part; their text belongs to the body.
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/footnotes.xml":
            parts += re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", part.blob.decode("utf-8"))
    return "\n".join(parts)


def pdf_text(path: Path, portrait_only: bool) -> str:
    reader = PdfReader(str(path))
    pages = [p for p in reader.pages if not portrait_only or float(p.mediabox.width) < float(p.mediabox.height)]
    return "\n".join(p.extract_text() or "" for p in pages)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    out = {}
    folder = tmp_path_factory.mktemp("seeds")
    for name in IDS:
        plan = plan_file.read(FIXTURES / f"{name}.json")
        doc = build_document(plan, PLAN_ONLY)
        d, p = folder / f"{name}.docx", folder / f"{name}.pdf"
        write_docx(doc, d)
        write_pdf(doc, p)
        out[name] = (plan, d, p)
    return out


@pytest.mark.parametrize("name", IDS)
def test_body_words_come_back_from_pdf_and_docx(exports, name):
    plan, docx_path, pdf_path = exports[name]
    notes = [n for n in plan_notes(plan) if n]
    body_notes = [n for n in notes if " ".join(words(n)) in " ".join(words(seed_body(name)))]
    seed = without(seed_body(name), body_notes)
    for label, text in (("PDF", pdf_text(pdf_path, portrait_only=True)), ("DOCX", docx_body_text(docx_path))):
        exported = " ".join(words(text))
        for note in body_notes:  # every footnote printed whole
            assert " ".join(words(note)) in exported, f"{label}: footnote missing: {note}"
        share, missing = in_order_share(seed, without(text, body_notes))
        assert share >= 0.98, f"{label}: {share:.1%} of {name}'s body words; missing: {missing[:10]}"


@pytest.mark.parametrize("name", [n for n in IDS if APPENDIX_START.get(n)])
def test_table_cells_come_back_as_exact_docx_cells(exports, name):
    plan, docx_path, _ = exports[name]
    expected = []
    for a in plan.appendices:
        for t in iter_tasks(a.tasks):
            expected += [getattr(t, k) for k in a.columns]
    for t in plan.targets:
        expected += [t.content, t.lead, t.partners, t.note]
    expected = [" ".join(strip_notes(x).split()) for x in expected if x.strip()]
    assert expected, f"{name} should have table cells"
    doc = open_docx(str(docx_path))
    cells = {
        " ".join(re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]", "", c.text).split()) for t in doc.tables for row in t.rows for c in row.cells
    }
    missing = [x for x in expected if x not in cells]
    share = 1 - len(missing) / len(expected)
    assert share >= 0.98, f"{share:.1%} of {name}'s cells exact; missing: {missing[:5]}"
