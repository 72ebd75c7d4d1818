"""Export figures: DOCX, PDF, XLSX for the ward template plan and a 2,000-task plan.

In-process time per format, the whole `python main.py export` process, pages, sizes, peak
memory, and (when LibreOffice is installed) the ratio to `soffice --convert-to pdf` of our DOCX.
Run: python bench/bench_export.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_core import big_plan  # noqa: E402
from bench_core import ms as median_ms  # noqa: E402

from app.templates import Agency, instantiate  # noqa: E402
from exporters.build import build_document  # noqa: E402
from storage.db import open_store  # noqa: E402
from storage.plans import insert_plan  # noqa: E402


def writer(fmt):
    if fmt == "docx":
        from exporters.docx_writer import write_docx as w
    elif fmt == "pdf":
        from exporters.pdf_writer import write_pdf as w
    else:
        from exporters.xlsx_writer import write_xlsx as w
    return w


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    agency = Agency("Phường Phú Sơn", "UBND tỉnh Thanh Hóa", chairman="Nguyễn Văn An")
    plans = {"ward template": instantiate("ward-annual", 2027, agency), "2,000 tasks": big_plan()}
    db = tmp / "b.db"
    store = open_store(db)
    ids = {name: insert_plan(store, p) for name, p in plans.items()}
    store.close()
    for name, plan in plans.items():
        print(f"== {name}")
        t0 = time.perf_counter()
        doc = build_document(plan)
        print(f"  build document: {(time.perf_counter() - t0) * 1000:.1f} ms")
        for fmt in ("docx", "pdf", "xlsx"):
            w = writer(fmt)
            out = tmp / f"{name.replace(' ', '_').replace(',', '')}.{fmt}"
            w(doc, out)  # warm: fonts registered, modules imported
            repeat = 5 if name == "ward template" else 1
            t = median_ms(lambda w=w, doc=doc, out=out: w(doc, out), repeat)
            tracemalloc.start()
            w(doc, out)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            pages = f", {pdf_pages(out)} pages" if fmt == "pdf" else ""
            print(
                f"  {fmt}: in-process {t:.0f} ms, {out.stat().st_size // 1024} KB{pages}, peak Python memory {peak:.0f} MB"
            )
            cmd = [
                sys.executable,
                str(ROOT / "main.py"),
                "--db",
                str(db),
                "export",
                str(ids[name]),
                f"--{fmt}",
                str(tmp / f"cli.{fmt}"),
            ]
            wall = median_ms(lambda cmd=cmd: subprocess.run(cmd, check=True, capture_output=True), 3)
            print(f"  {fmt}: whole `main.py export --{fmt}` process {wall:.0f} ms")
        if shutil.which("soffice"):
            docx = tmp / f"{name.replace(' ', '_').replace(',', '')}.docx"
            lo = median_ms(
                lambda docx=docx: subprocess.run(
                    ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(docx)],
                    check=True,
                    capture_output=True,
                ),
                1 if name != "ward template" else 3,
            )
            ours = median_ms(
                lambda name=name: subprocess.run(
                    [
                        sys.executable,
                        str(ROOT / "main.py"),
                        "--db",
                        str(db),
                        "export",
                        str(ids[name]),
                        "--pdf",
                        str(tmp / "cli.pdf"),
                    ],
                    check=True,
                    capture_output=True,
                ),
                3,
            )
            print(f"  LibreOffice DOCX->PDF {lo:.0f} ms vs ours {ours:.0f} ms: {lo / ours:.1f}x faster")


if __name__ == "__main__":
    main()
