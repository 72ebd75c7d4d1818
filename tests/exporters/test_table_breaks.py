"""Appendix rows that head other rows never end a page: a group title ("VI …") or a task whose
sub-tasks follow stays with the next row, in the Word file (keep with next on the row's
paragraphs, the row unsplittable) and in the PDF.

The pages are read back with pypdf: the labels of the STT column, page by page, walked along the
rows of the Document. The Word file is laid out by LibreOffice where it is installed (a fresh CI
machine has none: that test is skipped there); its XML is checked everywhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from pypdf import PdfReader

from app.model import Appendix, Area, Plan, Signer, Task
from exporters.build import build_document
from exporters.document import Document, Row
from exporters.docx_writer import write_docx
from exporters.pdf_writer import write_pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^([IVXLC]+|\d+(\.\d+)*|[a-zđ]\))$")
WORDS = "rà soát, đánh giá, công khai kết quả giải quyết hồ sơ thủ tục hành chính trên địa bàn phường "


def heads_next(row: Row, following: Row) -> bool:
    """The rule, stated apart from the flag build.py sets: a group title, or a task directly
    followed by its first sub-task."""
    return row.kind == "group" or (following.kind == "task" and following.depth > row.depth)


def _many_groups_plan() -> Plan:
    """A grouped task appendix of 14 areas whose tasks (some with sub-tasks) differ in height,
    so that, wherever the pages break, group titles and parent tasks come near page feet."""
    areas = tuple(Area(f"a{g:02d}", f"Lĩnh vực thứ {g + 1}: nhiệm vụ cải cách hành chính") for g in range(14))
    tasks = []
    for g, area in enumerate(areas):
        for i in range(1 + (g * 3) % 4):
            subtasks = tuple(Task(area=area.id, content=f"Việc {k + 1}: " + WORDS) for k in range(2)) if i % 2 else ()
            tasks.append(
                Task(
                    area=area.id,
                    content=f"Nhiệm vụ {g + 1}.{i + 1}: " + WORDS * (1 + (g + 3 * i) % 5),
                    product="Báo cáo kết quả",
                    lead="Phòng Văn hóa - Xã hội",
                    timeline="Quý I/2027",
                    subtasks=subtasks,
                )
            )
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        areas=areas,
        appendices=(Appendix(title="Nhiệm vụ theo lĩnh vực", group_by_area=True, tasks=tuple(tasks)),),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
    )


@pytest.fixture(scope="module")
def doc() -> Document:
    return build_document(_many_groups_plan())


def stt_labels(path: Path) -> list[list[str]]:
    """Per landscape page, the row labels in the STT column (under its header), top first."""
    pages = []
    for page in PdfReader(str(path)).pages:
        if float(page.mediabox.width) < float(page.mediabox.height):
            continue
        spans: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, font, size, spans=spans):
            if text.strip():
                spans.append(
                    (text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
                )

        page.extract_text(visitor_text=visit)
        head = next((s for s in spans if s[0].split()[0] == "STT"), None)
        if head is None:
            pages.append([])
            continue
        _, hx, hy = head
        found = [(y, t) for t, x, y in spans if hx - 8 <= x <= hx + 20 and y < hy - 1 and LABEL.match(t)]
        pages.append([t for _, t in sorted(found, reverse=True)])
    return pages


def rows_ending_pages(doc: Document, path: Path) -> list[Row]:
    """The last row of every page on which a table goes on to the next page."""
    rows = [(row, k == len(t.rows) - 1) for t in doc.tables() for k, row in enumerate(t.rows)]
    i, ends = 0, []
    for labels in stt_labels(path):
        for label in labels:
            assert rows[i][0].cells[0] == label, (i, label)
            i += 1
        if labels and not rows[i - 1][1]:
            ends.append((rows[i - 1][0], rows[i][0]))
    assert i == len(rows)  # every row found, in order
    return [row for row, following in ends if heads_next(row, following)]


def test_the_document_flags_rows_that_head_others(doc):
    table = doc.tables()[0]
    pairs = list(zip(table.rows, table.rows[1:], strict=False))
    assert [r.keep_with_next for r, _ in pairs] == [heads_next(r, f) for r, f in pairs]
    assert not table.rows[-1].keep_with_next
    assert sum(r.kind == "group" for r, _ in pairs) == 14 and sum(r.depth == 1 for r in table.rows) > 10


def test_docx_rows_that_head_others_keep_with_next(doc, tmp_path):
    path = tmp_path / "plan.docx"
    write_docx(doc, path)
    with zipfile.ZipFile(path) as z:
        body = ET.fromstring(z.read("word/document.xml"))
    table = doc.tables()[0]
    grid = next(t for t in body.iter(f"{W}tbl") if len(t.findall(f"{W}tr")) == len(table.rows) + 1)
    trs = grid.findall(f"{W}tr")[1:]  # under the header row
    for k, (tr, row) in enumerate(zip(trs, table.rows, strict=True)):
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None
        paras = list(tr.iter(f"{W}p"))
        kept = [p.find(f"{W}pPr/{W}keepNext") is not None for p in paras]
        expected = k + 1 < len(table.rows) and heads_next(row, table.rows[k + 1])
        assert kept == [expected] * len(paras), (k, row.cells[:2])


def test_pdf_never_ends_a_page_with_a_row_that_heads_others(doc, tmp_path):
    path = tmp_path / "plan.pdf"
    write_pdf(doc, path)
    assert len(stt_labels(path)) > 5
    assert rows_ending_pages(doc, path) == []


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: the Word file's pages are not laid out"
)
def test_word_file_as_libreoffice_lays_it_out_never_ends_a_page_with_a_group_title(doc, tmp_path):
    path = tmp_path / "plan.docx"
    write_docx(doc, path)
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    laid_out = tmp_path / "out" / "plan.pdf"
    assert len(stt_labels(laid_out)) > 5
    assert rows_ending_pages(doc, laid_out) == []
