"""Hostile and very large appendix tables: CPU time, wall time and peak memory of reading each.

Run: python bench/bench_hostile_tables.py   (prints a Markdown table; never passes or fails)

Each file is read by `app.importing.read_file` in a fresh child process; the child reports its
own CPU time and peak resident memory (VmHWM on Linux, else ru_maxrss), so the Python start-up
(about 25 MB) is included. The budget (issue 15): any file under 20 MB imports or is refused in
< 5 s and < 300 MB.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "app"))

from hostile_tables import (  # noqa: E402
    column_letters,
    empty_member_name_xlsx,
    far_cells_xlsx,
    lying_dimension_xlsx,
    merge_bomb_xlsx,
    numbered_docx,
    numbered_rows,
    numbered_xlsx,
    overlapping_merges_xlsx,
    raw_docx,
    raw_xlsx,
    sheet_xml,
)

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, ROOT)
def peak_kb():
    try:  # this process's own high-water mark (ru_maxrss also counts the parent's memory before exec)
        with open("/proc/self/status") as f:
            return int(next(line for line in f if line.startswith("VmHWM")).split()[1])
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.process_time()
from app.importing import ImportFileError, read_file
try:
    outcome = "%d tasks, %d sub-tasks" % read_file(sys.argv[1]).counts()
except ImportFileError as e:
    outcome = "refused: " + str(e)
print(json.dumps([outcome, time.process_time() - t, peak_kb()]))
"""


def many_empty_cells_xlsx(path: Path, n: int = 600_000) -> Path:
    """One sheet of `n` empty styled cells (no text): refused when the cell budget runs out."""
    rows = []
    for r in range(1, n // 50 + 1):
        cells = "".join(f'<c r="{column_letters(c)}{r}" s="1"/>' for c in range(1, 51))
        rows.append(f'<row r="{r}">{cells}</row>')
    xml = sheet_xml(numbered_rows(3)).replace("</sheetData>", "".join(rows[3:]) + "</sheetData>")
    return raw_xlsx(path, [("Phụ lục", xml)])


def many_strings_xlsx(path: Path, n: int = 480_000) -> Path:
    """A small table and a shared-string table of `n` distinct strings (within the budget)."""
    rng = random.Random(15)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings = "".join(f"<si><t>{rng.getrandbits(40):x}</t></si>" for _ in range(n))
    raw_xlsx(path, [("Phụ lục", sheet_xml(numbered_rows(50)))])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{strings}</sst>')
    return path


def big_docx(path: Path, rows: int = 5000, cols: int = 12) -> Path:
    """A Word table at the row limit: 5,000 rows of 12 cells."""
    return raw_docx(path, [[f"Ô {r}.{c}" for c in range(cols)] for r in range(rows)])


def paragraphs_docx(path: Path, n: int = 1_200_000) -> Path:
    """A small table after `n` short paragraphs: a document.xml of about 50 MB, 20 MB on disk at most."""
    raw_docx(path, numbered_rows(3))
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    rng = random.Random(15)
    filler = "".join(f"<w:p><w:r><w:t>{rng.getrandbits(24):x}</w:t></w:r></w:p>" for _ in range(n))
    xml = xml.replace("<w:body>", "<w:body>" + filler, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(raw_docx(path.with_name("tmp.docx"), [[1]])) as src:
            for name in src.namelist():
                z.writestr(name, xml if name == "word/document.xml" else src.read(name))
    return path


CASES = [
    ("merged range A10:XFD1048576 (issue: > 4 GB)", merge_bomb_xlsx),
    ("50 overlapping merges (issue: 109 s CPU)", overlapping_merges_xlsx),
    ("50 sheets, one cell at XFD1048576 each (issue: 3.1 GB, 59 s)", lambda p: far_cells_xlsx(p, 50)),
    ("200 sheets, one cell at XFD1048576 each (issue: > 4 GB)", lambda p: far_cells_xlsx(p, 200)),
    ("<dimension> A1:A1 over 200 rows, 17 MB (issue: 1 of 200 tasks)", lying_dimension_xlsx),
    ("1,100 numbered rows .xlsx (issue: 999 tasks)", lambda p: numbered_xlsx(p, 1100)),
    ("1,100 numbered rows .docx (issue: 999 tasks)", lambda p: numbered_docx(p.with_suffix(".docx"), 1100)),
    ("zip member with an empty name (issue: IndexError)", empty_member_name_xlsx),
    ("600,000 empty styled cells", many_empty_cells_xlsx),
    ("480,000 distinct shared strings", many_strings_xlsx),
    ("Word table of 5,000 rows × 12 columns", lambda p: big_docx(p.with_suffix(".docx"))),
    ("Word document of 1.2 million paragraphs (40 MB of XML)", lambda p: paragraphs_docx(p.with_suffix(".docx"))),
    (
        "Word document just under the tag limit (245,000 paragraphs)",
        lambda p: paragraphs_docx(p.with_suffix(".docx"), 245_000),
    ),
]


def main() -> None:
    print("| file | size | answer | CPU | wall | peak RSS |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, build) in enumerate(CASES):
            path = build(Path(tmp) / f"case{i}.xlsx")
            code = _CHILD.replace("ROOT", repr(str(ROOT)))
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
            wall = time.perf_counter() - start
            if done.returncode:
                print(f"| {label} | — | CRASH: {done.stderr.strip().splitlines()[-1]} | | {wall:.2f} s | |")
                continue
            outcome, cpu, rss_kb = json.loads(done.stdout)
            size = path.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size > 1e6 else f"{size / 1e3:.1f} KB"
            print(f"| {label} | {shown} | {outcome} | {cpu:.2f} s | {wall:.2f} s | {rss_kb // 1024} MB |")


if __name__ == "__main__":
    main()
