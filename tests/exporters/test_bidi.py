"""Bidirectional controls never reach an export (issue 15): U+202E would show "exe.txt" reversed."""

from __future__ import annotations

import zipfile

from app import plan_file
from app.model import Appendix, Plan, Section, Task
from app.vietnamese import clean_text
from exporters.build import build_document
from exporters.docx_writer import write_docx
from exporters.xlsx_writer import write_xlsx

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
TRICK = "Báo cáo \u202eexe.txt\u202c và \u2067ẩn\u2069"


def test_clean_text_drops_every_bidi_control():
    assert clean_text(TRICK) == "Báo cáo exe.txt và ẩn"
    assert not set(clean_text(BIDI * 3))


def test_a_plan_file_loses_them_on_import():
    plan = plan_file.from_dict({"format": "kehoach-cchc/1", "year": 2027, "summary": TRICK})
    assert plan.summary == "Báo cáo exe.txt và ẩn"


def test_text_already_stored_with_them_is_exported_without(tmp_path):
    # a database filled before this rule may still hold them: the exports drop them too
    plan = Plan(
        2027,
        summary=TRICK,
        sections=(Section(TRICK, paragraphs=(TRICK,)),),
        appendices=(Appendix(title=TRICK, tasks=(Task(content=TRICK, note=TRICK),)),),
    )
    doc = build_document(plan)
    write_docx(doc, tmp_path / "p.docx")
    write_xlsx(doc, tmp_path / "p.xlsx")
    for name in ("p.docx", "p.xlsx"):
        with zipfile.ZipFile(tmp_path / name) as z:
            for member in z.namelist():
                text = z.read(member).decode("utf-8", "replace")
                assert not set(text) & set(BIDI), f"{name}:{member}"
