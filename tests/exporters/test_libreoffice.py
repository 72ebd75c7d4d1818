"""The Word and Excel files open in LibreOffice (the nearest thing to Word and Excel here).

Runs where LibreOffice is installed (developer machines; the issue asks for it "when it is
installed"); a fresh CI machine has no LibreOffice, and the app never depends on it.
"""

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.docx_writer import write_docx
from exporters.layout import TABLE
from exporters.xlsx_writer import write_xlsx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed on this machine")


def to_pdf(src: Path, tmp_path: Path) -> Path:
    """src converted by LibreOffice (its own profile in tmp_path) to a PDF beside it in out/."""
    profile = tmp_path / "lo-profile"
    r = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "out" / f"{src.stem}.pdf"
    assert r.returncode == 0 and pdf.exists(), r.stderr
    return pdf


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_converts_our_files_to_pdf(sample_doc, tmp_path, fmt):
    src = tmp_path / f"ke hoach.{fmt}"
    (write_docx if fmt == "docx" else write_xlsx)(sample_doc, src)
    pdf = to_pdf(src, tmp_path)
    pages = PdfReader(str(pdf)).pages
    assert len(pages) > 1
    if fmt == "docx":
        first = pages[0]
        assert abs(float(first.mediabox.width) - 595.3) < 3 and abs(float(first.mediabox.height) - 841.9) < 3
        assert any(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)  # landscape appendices


def test_the_workbook_prints_at_full_size(sample_doc, tmp_path):
    # Fit to one page wide: with Calibri as the Normal font (absent here) LibreOffice measured the
    # column widths with a wider face and shrank the appendix to 77 %, 12 pt text printed at 9.2.
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    src = tmp_path / "phu luc.xlsx"
    write_xlsx(sample_doc, src)
    document = pdfium.PdfDocument(str(to_pdf(src, tmp_path)))
    sizes: Counter[float] = Counter()
    try:
        for page in document:
            assert page.get_width() > page.get_height()  # landscape
            for obj in page.get_objects(max_depth=5):
                if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                    sizes[round(obj.get_font_size() * abs(obj.get_matrix().a), 1)] += 1
    finally:
        document.close()
    assert sizes.most_common(1)[0][0] == pytest.approx(TABLE.text.size, abs=0.1)  # the cells: 100 %
