"""Long text and hostile plan files: PDF time against a cell's (or a paragraph's) length, and what
a 20 MB plan file of empty tasks or with a 20 MB summary costs before it is refused.

Run: python bench/bench_long_text.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import plan_file  # noqa: E402
from app.errors import InvalidPlanFile  # noqa: E402
from app.model import Appendix, Plan, Task  # noqa: E402
from exporters.build import build_document  # noqa: E402
from exporters.docx_writer import write_docx  # noqa: E402
from exporters.pdf_writer import write_pdf  # noqa: E402

SENTENCE = "Triển khai thực hiện nhiệm vụ cải cách hành chính năm 2027 theo kế hoạch. "


def text(n: int) -> str:
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n]


def timed(fn) -> tuple[float, float]:
    """(seconds, CPU seconds) of one call."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def pdf_figures(tmp: Path) -> None:
    write_pdf(build_document(Plan(2027, summary="x")), tmp / "warm.pdf")  # fonts registered
    print("PDF of one long text (wall s / CPU s / µs CPU per character):")
    for n in (20_000, 100_000, 300_000, 1_000_000):
        for where in ("cell", "paragraph"):
            t = text(n)
            plan = (
                Plan(2027, summary="KH", appendices=(Appendix(tasks=(Task(content=t),)),))
                if where == "cell"
                else Plan(2027, summary="KH", preamble=t)
            )
            doc = build_document(plan)
            wall, cpu = timed(lambda doc=doc: write_pdf(doc, tmp / "long.pdf"))
            print(f"  {n:>9,} characters, {where:9}: {wall:6.2f} s / {cpu:6.2f} s / {cpu / n * 1e6:5.1f} µs")


def refusal(path: Path, label: str) -> None:
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        plan_file.read(path)
        outcome = "imported (!)"
    except InvalidPlanFile as e:
        outcome = f"refused: {e.message}"
    wall = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"  {label}: {wall:.2f} s, peak Python memory {peak:.0f} MB — {outcome}")


def import_figures(tmp: Path) -> None:
    print("Hostile plan files (20 MB each):")
    head = '{"format": "kehoach-cchc/1", "year": 2027, '
    empty = tmp / "empty-tasks.json"
    n = (20 * 1024 * 1024 - 100) // 3
    empty.write_text(head + '"appendices": [{"tasks": [' + "{}," * (n - 1) + "{}]}]}", encoding="utf-8")
    refusal(empty, f"{n:,} empty tasks")
    summary = tmp / "summary.json"
    summary.write_text(head + '"summary": "' + "x" * (20 * 1024 * 1024 - 100) + '"}', encoding="utf-8")
    refusal(summary, "a 20 MB summary")
    doc = build_document(Plan(2027, summary="x" * 2_000, appendices=(Appendix(tasks=(Task(content=text(20_000)),)),)))
    wall, _ = timed(lambda: write_docx(doc, tmp / "limit.docx"))
    print(f"  DOCX of a plan at the limits (2,000-character summary, 20,000-character cell): {wall:.2f} s")


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    import_figures(tmp)
    pdf_figures(tmp)


if __name__ == "__main__":
    main()
