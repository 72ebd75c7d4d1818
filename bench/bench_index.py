"""Reform-index figures on a 150-criterion set: importing the province's .xlsx table, and
exporting the four outputs (XLSX table, DOCX and PDF report, evidence package with one file per
scored criterion).

Run: python bench/bench_index.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_core import ms  # noqa: E402

from app.index import assess  # noqa: E402
from app.index.import_table import read_criteria_table  # noqa: E402
from app.index.report import assessment_report  # noqa: E402
from app.index.sets import save_set  # noqa: E402
from app.model import Appendix, Plan, Task  # noqa: E402
from app.workspace import open_workspace  # noqa: E402
from exporters.api import ExportRequest, export_assessment  # noqa: E402


def province_table(path: Path, areas: int = 10, criteria: int = 4, subs: int = 2) -> int:
    """areas, criteria per area, sub-criteria per criterion, each row numbered 1 / 1.1 / 1.1.1."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm", "", "Hướng dẫn chấm"])
    ws.append(["", "", "Điểm tối đa", "Điểm tự chấm", ""])
    for rng in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        ws.merge_cells(rng)
    n = 0
    for a in range(1, areas + 1):
        ws.append([str(a), f"Lĩnh vực thứ {a}", str(criteria * subs), "", ""])
        n += 1
        for c in range(1, criteria + 1):
            ws.append([f"{a}.{c}", f"Tiêu chí {a}.{c} về cải cách hành chính", f"{subs},0", "", ""])
            n += 1
            for s in range(1, subs + 1):
                ws.append([f"{a}.{c}.{s}", f"Tiêu chí thành phần {a}.{c}.{s}", "1", "", "Đạt: 1 điểm; không đạt: 0"])
                n += 1
    ws.append(["", "Tổng cộng", str(areas * criteria * subs), "", ""])
    wb.save(path)
    return n


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        n = province_table(t / "bo.xlsx", areas=10, criteria=7, subs=1)  # 10 + 70 + 70 = 150
        got = read_criteria_table(t / "bo.xlsx")
        print(f"criteria in the table: {n}, read: {len(got.criteria_set.criteria)}")
        print(
            f"import (read + check) a {n}-criterion .xlsx: {ms(lambda: read_criteria_table(t / 'bo.xlsx'), 5):.0f} ms"
        )

        ws = open_workspace(t / "data" / "kehoach.db")
        set_id = save_set(ws, got.criteria_set)
        tasks = tuple(Task(content=f"Nhiệm vụ {i}", timeline="Quý II/2027") for i in range(1, 41))
        plan_id = ws.db.insert_plan(
            Plan(year=2027, agency="Ủy ban nhân dân phường Phú Sơn", appendices=(Appendix(tasks=tasks),))
        )
        aid = assess.start(ws, set_id, 2027, plan_id)
        leaves = got.criteria_set.leaves()
        for i, c in enumerate(leaves):
            src = t / f"minh-chung-{i}.pdf"
            src.write_bytes(b"%PDF-1.4 " + bytes(50_000))
            assess.add_file(ws, aid, c.number, src)
            assess.set_score(ws, aid, c.number, Decimal(1), f"Đã thực hiện tiêu chí {c.number}")
        report = assessment_report(ws, aid)
        out = t / "out"
        out.mkdir()

        def export(fmt: str):
            def go():
                shutil.rmtree(out / "goi", ignore_errors=True)
                if fmt == "evidence":
                    export_assessment(report, ExportRequest(), out / "goi")
                elif fmt == "evidence-zip":
                    export_assessment(report, ExportRequest(), out / "goi.zip")
                else:
                    export_assessment(report, ExportRequest(**{fmt: out / f"x.{fmt}"}))

            return go

        print(f"assessment: {len(leaves)} scored criteria, {len(report.files)} evidence files of 50 KB")
        for fmt in ("xlsx", "docx", "pdf", "evidence", "evidence-zip"):
            print(f"export {fmt}: {ms(export(fmt), 3):.0f} ms")
        print(f"zip size: {(out / 'goi.zip').stat().st_size // 1024} KB")
        print(f"gather the report from the database: {ms(lambda: assessment_report(ws, aid), 5):.0f} ms")
        ws.close()


if __name__ == "__main__":
    main()
