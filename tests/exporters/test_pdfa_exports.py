"""Whole `main.py export --pdf F --pdfa` and `report … --pdfa` exports, made by the CLI in a real
process on a real database, checked with pypdf for each thing PDF/A-2b asks of them: the XMP
identification (part 2, conformance B), the sRGB output intent with the shipped ICC profile, every
font embedded, no /Encrypt, a trailer /ID, no transparency, and the whole pdfa_check.py.

veraPDF is not installable here: these structural checks are what vouches for the files.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.fonts import reportlab_faces

_spec = importlib.util.spec_from_file_location("_exporters_pdfa_check", Path(__file__).with_name("pdfa_check.py"))
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ("ward template", "decision form", "decision apart", "plan apart", "report")


def _run(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env)


def _cli(db: Path, *args: str) -> list[str]:
    r = _run(db, *args)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """The ward template plan, a plan issued by a decision (in one file, then decision and plan
    apart) and a progress report, each exported as PDF/A by the CLI."""
    tmp = tmp_path_factory.mktemp("pdfa-cli")
    db = tmp / "k.db"
    agency = ["--agency", "Phường Phú Sơn", "--chairman", "Nguyễn Văn An"]
    ward = _cli(db, "new", "--template", "ward-annual", "--year", "2027", *agency)[0]
    decided = _cli(db, "new", "--template", "ward-annual", "--year", "2027", "--decision", *agency)[0]
    written = _cli(db, "export", ward, "--pdf", str(tmp / "kh"), "--docx", str(tmp / "kh"), "--pdfa")
    assert written == [str(tmp / "kh.docx"), str(tmp / "kh.pdf")]  # the extension added, as without --pdfa
    assert _cli(db, "export", decided, "--pdfa", str(tmp / "qd")) == [str(tmp / "qd.pdf")]  # --pdfa F alone
    apart = _cli(db, "export", decided, "--pdf", str(tmp / "tach.pdf"), "--separate", "--pdfa")
    assert apart == [str(tmp / "tach.pdf"), str(tmp / "tach-ke-hoach.pdf")]
    _cli(db, "report", ward, "--period", "q1", "--today", "2027-03-20", "--pdf", str(tmp / "bc.pdf"), "--pdfa")
    paths = [tmp / "kh.pdf", tmp / "qd.pdf", tmp / "tach.pdf", tmp / "tach-ke-hoach.pdf", tmp / "bc.pdf"]
    return dict(zip(EXPORTS, paths, strict=True))


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def test_the_exports_are_what_they_claim(exports):
    assert "KẾ HOẠCH" in _text(exports["ward template"])
    for name in ("decision form", "decision apart"):
        text = _text(exports[name])
        assert "QUYẾT ĐỊNH" in text and "Nguyễn Văn An" in text
    assert "QUYẾT ĐỊNH:" not in _text(exports["plan apart"]) and "KẾ HOẠCH" in _text(exports["plan apart"])
    assert "BÁO CÁO" in _text(exports["report"])


@pytest.mark.parametrize("name", EXPORTS)
def test_no_checked_rule_of_pdfa_2b_is_broken(exports, name):
    assert check.pdfa_problems(exports[name]) == []


@pytest.mark.parametrize("name", EXPORTS)
def test_xmp_says_pdfa_part_2_conformance_b(exports, name):
    meta = PdfReader(str(exports[name])).trailer["/Root"]["/Metadata"].get_object()
    assert meta["/Type"] == "/Metadata" and meta["/Subtype"] == "/XML"
    data = meta.get_data().decode("utf-8")
    xmp = ET.fromstring(data.split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    ns = {"pdfaid": "http://www.aiim.org/pdfa/ns/id/"}
    assert [e.text for e in xmp.iter(f"{{{ns['pdfaid']}}}part")] == ["2"]
    assert [e.text for e in xmp.iter(f"{{{ns['pdfaid']}}}conformance")] == ["B"]


@pytest.mark.parametrize("name", EXPORTS)
def test_output_intent_is_srgb_with_the_shipped_profile(exports, name):
    intents = PdfReader(str(exports[name])).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    shipped = ROOT / "resources" / "icc" / "sRGB.icc"
    assert profile["/N"] == 3 and profile.get_data() == shipped.read_bytes()
    assert check.icc_header(profile.get_data()) == ("mntr", "RGB ", 2)
    assert (shipped.parent / "LICENSE-sRGB.txt").is_file()  # its licence travels with it


@pytest.mark.parametrize("name", EXPORTS)
def test_every_font_is_embedded(exports, name):
    fonts = {}
    for page in PdfReader(str(exports[name])).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/FontDescriptor"].get_object()  # simple TrueType fonts: no descendants
            fonts[str(font["/BaseFont"]).split("+")[-1]] = font["/Subtype"] == "/TrueType" and "/FontFile2" in desc
    assert fonts and all(fonts.values()), fonts
    assert set(fonts) <= set(reportlab_faces().values())  # the serif faces, nothing else


@pytest.mark.parametrize("name", EXPORTS)
def test_not_encrypted_and_the_trailer_has_an_id(exports, name):
    reader = PdfReader(str(exports[name]))
    assert "/Encrypt" not in reader.trailer and not reader.is_encrypted
    ids = reader.trailer["/ID"]
    assert len(ids) == 2 and all(len(bytes(i.original_bytes)) == 16 for i in ids)


@pytest.mark.parametrize("name", EXPORTS)
def test_nothing_is_transparent(exports, name):
    reader = PdfReader(str(exports[name]))
    for page in reader.pages:
        assert "/Group" not in page
        res = page["/Resources"]
        for gs in (res.get("/ExtGState") or {}).values():
            gs = gs.get_object()
            assert gs.get("/SMask", "/None") == "/None" and float(gs.get("/CA", 1)) == float(gs.get("/ca", 1)) == 1
        for xo in (res.get("/XObject") or {}).values():
            assert "/SMask" not in xo.get_object()
    raw = exports[name].read_bytes()
    assert b"/SMask" not in raw and b"/Transparency" not in raw


def test_pdfa_without_a_pdf_is_refused_and_nothing_is_made(tmp_path):
    db = tmp_path / "k.db"
    plan_id = _cli(db, "new", "--template", "ward-annual", "--year", "2027")[0]
    docx = ["--docx", str(tmp_path / "a.docx")]
    for args in (
        ["export", plan_id, *docx, "--pdfa"],
        ["export", plan_id, *docx, "--pdfa", ""],
        ["export", plan_id, *docx, "--pdf", str(tmp_path / "a.pdf"), "--pdfa", str(tmp_path / "b.pdf")],
        ["report", plan_id, "--period", "q1", "--pdfa"],
        ["report", plan_id, "--period", "q1", "--pdf", str(tmp_path / "a.pdf"), "--pdfa", str(tmp_path / "b.pdf")],
    ):
        r = _run(db, *args)
        assert r.returncode == 2 and r.stderr.startswith("Lỗi: --pdfa") and len(r.stderr.splitlines()) == 1, args
    assert list(tmp_path.iterdir()) == [db]
    with sqlite3.connect(db) as conn:  # nothing half-done: no report was created either
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
