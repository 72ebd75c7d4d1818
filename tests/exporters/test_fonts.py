"""The serif faces are looked up in reportlab's registry, never by its Type 1 search of the disk.

`pdfmetrics.getFont(name)` for a name it does not know parses every .afm file on reportlab's
search path (212 files on a machine with LibreOffice): most of a whole `export --pdf` process.
A fresh process is needed to see it, since the faces are registered once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs main.main() with every road into reportlab's Type 1 search recorded; prints what was searched.
SPY = r"""
import sys
from reportlab import rl_config
from reportlab.pdfbase import _fontdata, pdfmetrics

searched = []


class Recorded(list):
    def __iter__(self):
        searched.append("T1SearchPath walked")
        return super().__iter__()


rl_config.T1SearchPath = Recorded(rl_config.T1SearchPath)


def spy(name, real):
    def wrapper(*args, **kwargs):
        searched.append(f"{name}{args!r}")
        return real(*args, **kwargs)

    return wrapper


pdfmetrics.bruteForceSearchForAFM = spy("bruteForceSearchForAFM", pdfmetrics.bruteForceSearchForAFM)
pdfmetrics.bruteForceSearchForFile = spy("bruteForceSearchForFile", pdfmetrics.bruteForceSearchForFile)
_fontdata.findT1File = spy("findT1File", _fontdata.findT1File)
sys.path.insert(0, sys.argv[1])
import main

code = main.main(sys.argv[2:])
print("SEARCHED:", searched)
sys.exit(code)
"""


def _run(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", SPY, str(ROOT), "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )


def test_a_whole_export_process_never_searches_the_disk_for_type1_fonts(tmp_path):
    db = tmp_path / "k.db"
    made = _run("new", "--template", "ward-annual", "--year", "2027", "--agency", "Phường Phú Sơn", db=db)
    assert made.returncode == 0, made.stderr
    plan_id = made.stdout.splitlines()[0]
    out = tmp_path / "out"
    out.mkdir()
    for formats in (
        ["--pdf", str(out / "a.pdf")],
        ["--pdf", str(out / "b.pdf"), "--docx", str(out / "b.docx"), "--xlsx", str(out / "b.xlsx")],
    ):
        r = _run("export", plan_id, *formats, db=db)
        assert r.returncode == 0, r.stderr
        assert r.stdout.splitlines()[-1] == "SEARCHED: []"
    assert (out / "a.pdf").stat().st_size > 10_000
