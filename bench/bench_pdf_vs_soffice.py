"""Our whole `main.py export ID --pdf` process against LibreOffice converting our own DOCX of the
same plan (`soffice --headless --convert-to pdf`), side by side in one run; our PDF/A export
(`--pdfa`) is shown too.

CPU seconds are user + sys of the child process and everything it waited for
(`resource.getrusage(RUSAGE_CHILDREN)` before and after each run); wall is the time the command
took. Two plans: the ward template and the 2,000-task plan of bench_core.big_plan (imported from
a plan file). LibreOffice runs with a profile of its own in a temp folder, started once before
measuring (its first start builds the profile: that run is shown apart, not counted).

Run: python bench/bench_pdf_vs_soffice.py [--runs N] [--big-runs N]
(prints figures; never passes or fails; without soffice it says so and measures ours only)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MAIN = [sys.executable, str(ROOT / "main.py")]


def measured(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds of the child and its waited-for children, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def cli(db: Path, *args: str) -> str:
    out = subprocess.run([*MAIN, "--db", str(db), *args], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def make_plans(tmp: Path, db: Path) -> dict[str, str]:
    """The ward template through `main.py new`, the 2,000-task plan through `main.py import`."""
    from bench_core import big_plan

    from app import plan_file

    ward = cli(db, "new", "--template", "ward-annual", "--year", "2027", "--agency", "Phường Phú Sơn")
    big_file = tmp / "big.json"
    big_file.write_text(plan_file.dumps(big_plan()), encoding="utf-8")
    big = cli(db, "import", str(big_file))
    return {"ward template": ward, "2,000 tasks": big}


def soffice_cmd(profile: Path, docx: Path, outdir: Path) -> list[str]:
    return [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(docx),
    ]


def pages(path: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        return "?"
    return str(len(PdfReader(str(path)).pages))


def median_pair(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def bench_plan(name: str, plan_id: str, n: int, tmp: Path, db: Path, soffice: bool) -> None:
    slug = "ward" if name.startswith("ward") else "big"
    docx = tmp / f"{slug}.docx"
    cli(db, "export", plan_id, "--docx", str(docx))
    ours_pdf, lo_dir = tmp / f"{slug}.pdf", tmp / "lo"
    ours_cmd = [*MAIN, "--db", str(db), "export", plan_id, "--pdf", str(ours_pdf)]
    pdfa_cmd = [*MAIN, "--db", str(db), "export", plan_id, "--pdfa", str(tmp / f"{slug}-a.pdf")]
    ours, archival, lo = [], [], []
    for _ in range(n):  # alternated, so that a change of load hits both alike
        ours.append(measured(ours_cmd))
        archival.append(measured(pdfa_cmd))
        if soffice:
            lo.append(measured(soffice_cmd(tmp / "profile", docx, lo_dir)))
    cpu, wall = median_pair(ours)
    print(f"== {name} (median of {n}; load average now {os.getloadavg()[0]:.2f})")
    print(f"  ours  `main.py export --pdf`:      CPU {cpu:7.2f} s   wall {wall:7.2f} s   {pages(ours_pdf)} pages")
    a_cpu, a_wall = median_pair(archival)
    print(f"  ours  `main.py export --pdfa`:     CPU {a_cpu:7.2f} s   wall {a_wall:7.2f} s")
    if not soffice:
        return
    lo_cpu, lo_wall = median_pair(lo)
    print(
        f"  LibreOffice DOCX -> PDF:          CPU {lo_cpu:7.2f} s   wall {lo_wall:7.2f} s   "
        f"{pages(lo_dir / docx.with_suffix('.pdf').name)} pages"
    )
    print(f"  ours uses {lo_cpu / cpu:.1f}x less CPU, {lo_wall / wall:.1f}x less wall time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each for the ward template (default 5)")
    ap.add_argument("--big-runs", type=int, default=1, help="runs of each for the 2,000-task plan (default 1)")
    args = ap.parse_args()
    soffice = shutil.which("soffice") is not None
    tmp = Path(tempfile.mkdtemp(prefix="bench-soffice-"))
    db = tmp / "bench.db"
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")
    if soffice:
        version = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
        print(f"LibreOffice: {version}")
    else:
        print("soffice is not installed: LibreOffice is skipped, only our export is measured.")
    ids = make_plans(tmp, db)
    if soffice:  # the first start builds the profile; an officer's LibreOffice has one already
        first = tmp / "first.docx"
        cli(db, "export", ids["ward template"], "--docx", str(first))
        cpu, wall = measured(soffice_cmd(tmp / "profile", first, tmp / "lo"))
        print(f"LibreOffice's first start with a new profile (not counted): CPU {cpu:.2f} s, wall {wall:.2f} s")
    bench_plan("ward template", ids["ward template"], args.runs, tmp, db, soffice)
    bench_plan("2,000 tasks", ids["2,000 tasks"], args.big_runs, tmp, db, soffice)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
