"""The PyInstaller bundle (packaging/kehoach.spec) works on its own: no Python, no project folder, no
environment. Runs only with KEHOACH_TEST_BUNDLE=1 (building takes about a minute); CI runs it as its
own step in .ci/run after `python packaging/build.py`:

    pip install -e ".[build,test]" && python packaging/build.py && KEHOACH_TEST_BUNDLE=1 python -m pytest tests/test_bundle.py

Every program is started like an officer's PC would: `env -i` (only HOME, PATH and, for the window,
QT_QPA_PLATFORM=offscreen), a fresh HOME, and a working directory outside the project, so a resource
found through the current directory or the source tree fails here. The usual way a bundle breaks is a
resource left behind: fonts (PDF), the ICC profile (PDF/A), python-docx's header/footer templates,
plan templates, the icon.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.skipif(
    os.environ.get("KEHOACH_TEST_BUNDLE") != "1",
    reason="bundle test: set KEHOACH_TEST_BUNDLE=1 (its own CI step in .ci/run)",
)


@pytest.fixture(scope="module")
def bundle() -> Path:
    path = Path(os.environ.get("KEHOACH_BUNDLE", ROOT / "dist" / "kehoach"))
    if not (path / f"kehoach-cli{EXE}").is_file():
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], check=True)
    return path


@pytest.fixture
def clean(tmp_path):
    """Run a bundled program in a bare environment; returns (run, home, work)."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":  # Windows needs these to start anything at all
        env = {k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR", "LOCALAPPDATA", "APPDATA", "TEMP") if k in os.environ}
        env["QT_QPA_PLATFORM"] = "offscreen"

    def run(bundle: Path, program: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(bundle / f"{program}{EXE}"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )

    return run, home, work


def _ok(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_bundle_carries_its_resources(bundle):
    internal = bundle / "_internal"
    res = internal / "resources"
    for rel in (
        "fonts/LiberationSerif-Regular.ttf",
        "fonts/LiberationSerif-BoldItalic.ttf",
        "fonts/LICENSE-LiberationSerif.txt",
        "icc/sRGB.icc",  # the PDF/A output intent
        "icc/LICENSE-sRGB.txt",
        "icons/kehoach.png",
        "icons/kehoach.ico",
        "plan.schema.json",
        "templates/ward-annual.json",
    ):
        assert (res / rel).is_file(), rel
    assert (internal / "docx" / "templates" / "default-header.xml").is_file()
    assert (internal / "docx" / "parts" / "hdrftr.py").is_file()  # collected as source (pitfalls.md)
    # Trimmed: no Qt module the app does not use.
    names = {p.name.lower() for p in internal.rglob("*")}
    for unused in ("qt6network", "qt6qml", "qt6quick", "qt6webengine", "qt63d", "qt6multimedia"):
        assert not any(unused in n for n in names), unused


@pytest.mark.parametrize("program", ["kehoach", "kehoach-cli"])
def test_window_paints_from_the_bundle(bundle, clean, program):
    run, home, work = clean
    out = _ok(run(bundle, program, "--smoke"))
    if not (sys.platform == "win32" and program == "kehoach"):  # a windowed Windows program has no stdout
        assert re.search(r"first paint: \d+ ms", out), out
    # The data lands in the user's profile (platformdirs), never next to the program or in the cwd.
    if sys.platform.startswith("linux"):
        assert (home / ".local" / "share" / "KeHoachCCHC" / "kehoach.db").is_file()
    assert not list(bundle.rglob("*.db")) and not list(work.iterdir())


def test_cli_exports_all_three_formats_with_embedded_fonts(bundle, clean):
    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    run, _home, work = clean
    templates = _ok(run(bundle, "kehoach-cli", "templates"))
    assert "ward-annual\tKế hoạch CCHC năm" in templates  # UTF-8 output in a bare C locale

    db = str(work / "x.db")
    plan_id = _ok(run(bundle, "kehoach-cli", "--db", db, "new", "--template", "ward-annual", "--year", "2027")).strip()
    assert plan_id.isdigit()
    formats = ["--pdf", "out.pdf", "--docx", "out.docx", "--xlsx", "out.xlsx"]
    _ok(run(bundle, "kehoach-cli", "--db", db, "export", plan_id, *formats))

    reader = PdfReader(work / "out.pdf")
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = desc is not None and any(
                k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts  # every font embedded
    assert any("LiberationSerif" in name for name in fonts), fonts  # the bundled faces, not a system font
    text = " ".join(reader.pages[0].extract_text().split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text

    doc = Document(str(work / "out.docx"))
    assert any(p.text for p in doc.paragraphs)
    assert load_workbook(work / "out.xlsx").sheetnames

    # PDF/A: the ICC profile is found in the bundle (tests/exporters/pdfa_check.py, loaded by path)
    _ok(run(bundle, "kehoach-cli", "--db", db, "export", plan_id, "--pdfa", "luu-tru.pdf"))
    spec = importlib.util.spec_from_file_location("_bundle_pdfa_check", ROOT / "tests" / "exporters" / "pdfa_check.py")
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    assert checker.pdfa_problems(work / "luu-tru.pdf") == []


def test_bundle_migrates_a_database_made_by_schema_version_1(bundle, clean):
    """An upgrade that meets an older database migrates it (same check as tests/app/test_period_decision.py)."""
    import sqlite_utils

    from storage.migrations import _v1

    run, _home, work = clean
    path = work / "v1.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    with db.atomic():
        _v1(db)
        db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO plans (year, summary) VALUES (2024, 'Cải cách hành chính năm 2024')")
    db.conn.commit()
    db.close()

    out = _ok(run(bundle, "kehoach-cli", "--db", str(path), "list"))
    assert "Cải cách hành chính năm 2024" in out
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 2
