"""The Word and Excel files open in LibreOffice (the nearest thing to Word and Excel here).

Runs where LibreOffice is installed (developer machines; the issue asks for it "when it is
installed"); a fresh CI machine has no LibreOffice, and the app never depends on it.
"""

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from exporters.docx_writer import write_docx
from exporters.xlsx_writer import write_xlsx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed on this machine")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_converts_our_files_to_pdf(sample_doc, tmp_path, fmt):
    src = tmp_path / f"ke hoach.{fmt}"
    (write_docx if fmt == "docx" else write_xlsx)(sample_doc, src)
    profile = tmp_path / "lo-profile"
    r = subprocess.run(
        [
            SOFFICE,
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
    pdf = tmp_path / "out" / "ke hoach.pdf"
    assert r.returncode == 0 and pdf.exists(), r.stderr
    pages = PdfReader(str(pdf)).pages
    assert len(pages) > 1
    if fmt == "docx":
        first = pages[0]
        assert abs(float(first.mediabox.width) - 595.3) < 3 and abs(float(first.mediabox.height) - 841.9) < 3
        assert any(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)  # landscape appendices
