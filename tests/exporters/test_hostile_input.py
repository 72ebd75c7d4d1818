"""Exporters never raise on any text a user can type, and every task's text survives."""

import re
import unicodedata
from dataclasses import replace

from docx import Document as open_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from app.model import Appendix, Plan, Section, Task
from app.vietnamese import clean_text
from exporters.build import build_document
from exporters.docx_writer import write_docx
from exporters.pdf_writer import write_pdf
from exporters.xlsx_writer import write_xlsx

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯƠ"
word = st.text(alphabet=st.sampled_from(VIET), min_size=2, max_size=10)
# Any printable text (control characters are dropped by every writer, by design: XML cannot hold them).
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), max_size=12)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def write_all(plan: Plan, tmp_path):
    doc = build_document(plan)
    paths = tmp_path / "p.docx", tmp_path / "p.pdf", tmp_path / "p.xlsx"
    write_docx(doc, paths[0])
    write_pdf(doc, paths[1])
    write_xlsx(doc, paths[2])
    return paths


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    contents=st.lists(st.tuples(word, noise, word).map(lambda t: f"{t[0]} {t[1]} {t[2]}"), min_size=1, max_size=6),
    heading=noise,
)
def test_random_unicode_exports_and_every_task_word_survives(tmp_path, contents, heading):
    tasks = tuple(Task(content=clean_text(c), product=clean_text(c[::-1])) for c in contents)
    plan = Plan(
        2027,
        summary=clean_text(heading) or "x",
        sections=(Section(clean_text(heading), paragraphs=(clean_text(heading),)),),
        appendices=(Appendix(tasks=tasks),),
    )
    docx_path, pdf_path, xlsx_path = write_all(plan, tmp_path)
    docx_cells = {c.text for t in open_docx(str(docx_path)).tables for r in t.rows for c in r.cells}
    pdf = squash("".join(p.extract_text() or "" for p in PdfReader(str(pdf_path)).pages))
    xlsx = {str(c.value) for ws in load_workbook(xlsx_path) for row in ws.iter_rows() for c in row if c.value}
    for t in tasks:
        first, last = t.content.split(" ")[0], t.content.split(" ")[-1]
        assert t.content in docx_cells
        assert t.content in xlsx or any(t.content in v for v in xlsx)
        # Letters the font lacks are drawn as a box in the PDF; Vietnamese words are always intact.
        assert squash(first) in pdf and squash(last) in pdf


def test_the_worst_a_user_can_type(tmp_path):
    nasty = [
        "\x00NUL\x01\x07\x1b[31m",  # control characters (invalid in XML)
        unicodedata.normalize("NFD", "Cải cách hành chính tổ hợp"),  # Unikey "Unicode tổ hợp"
        "😀 👍🏽 🇻🇳 emoji",
        "x" * 100_000,  # one huge cell
        "<b>markup</b> & <i>",
        '=HYPERLINK("http://x")',
        "Right-to-left \u202e test \u202c and zero-width \u200b\u200d",
        "中文 한국어 عربى",
        "",
    ]
    tasks = tuple(Task(content=clean_text(n) or "trống", product=clean_text(n), lead=clean_text(n)) for n in nasty)
    tasks += tuple(Task(content=f"Nhiệm vụ {i}") for i in range(5000))
    plan = Plan(3000 if False else 2099, summary="Kế hoạch thử", appendices=(Appendix(tasks=tasks),))
    docx_path, pdf_path, xlsx_path = write_all(plan, tmp_path)
    assert docx_path.stat().st_size and pdf_path.stat().st_size and xlsx_path.stat().st_size
    text = "".join(p.extract_text() or "" for p in PdfReader(str(pdf_path)).pages[-3:])
    assert "Nhiệm vụ 4999" in text


def test_a_blank_plan_exports(tmp_path):
    for p in write_all(Plan(2027), tmp_path):
        assert p.stat().st_size > 0
    blank = replace(Plan(2027), appendices=(Appendix(), Appendix(kind="targets", columns=("content",))))
    for p in write_all(blank, tmp_path):
        assert p.stat().st_size > 0
