"""Reading a whole plan back from Word (`import FILE.docx`): the ward template's own export and the
2,000-task plan's. Median of 5 runs each, after one warm-up. Prints figures; never passes or fails.

Run: python bench/bench_import_docx.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.docx_plan import read_plan  # noqa: E402
from app.importing import list_tables, parse_table  # noqa: E402
from app.templates import Agency, instantiate  # noqa: E402
from bench.bench_core import big_plan, ms  # noqa: E402
from exporters.api import ExportRequest, export_plan  # noqa: E402

RUNS = 5
WARD = Agency(agency="Ủy ban nhân dân phường Phú Sơn", place="Phú Sơn", chairman="Nguyễn Văn An")


def median_ms(fn) -> float:
    fn()  # a warm-up run first
    return ms(fn, RUNS)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    for name, plan in (("ward-annual template", instantiate("ward-annual", 2027, WARD)), ("2,000 tasks", big_plan())):
        path = tmp / f"{len(name)}.docx"
        export_plan(plan, ExportRequest(docx=path))
        found = read_plan(path, fallback_year=2027)
        took = median_ms(lambda p=path: read_plan(p, fallback_year=2027))
        size = path.stat().st_size // 1024
        print(f"{name}: {took:.0f} ms ({size} KB; {found.summary()})")
        tables = list_tables(path)
        print(f"  of which the table importer reads the tables: {median_ms(lambda p=path: list_tables(p)):.0f} ms")
        print(f"  and understands them: {median_ms(lambda t=tables: [parse_table(x) for x in t]):.0f} ms")


if __name__ == "__main__":
    main()
