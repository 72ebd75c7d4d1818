"""What the exporters print, as comparable data: the characterisation harness for layout refactors.

`documents()` builds a fixed set of Documents (the seed fixtures, the bundled templates, the rich
sample plan with footnotes and a decision, the periodic report and a few edge tables); `export()`
writes each to DOCX, PDF and XLSX and `features()` reads the files back:

- PDF: page count, every page's size, the text of each page (pypdf) and the fonts each page uses,
  plus a digest of the whole file (reportlab's invariant mode: no dates, no random ids);
- DOCX: word/document.xml and word/styles.xml as text, and a digest of every other part
  (docProps/core.xml is left out: it holds the time of the export);
- XLSX: per sheet, the cells (value, type, style), merges, column widths, row heights, print
  settings, and a digest of every part but docProps/core.xml.

Run as a script (`python tests/exporters/layout_snapshot.py OUT.json`) from any checkout: it
imports `app` and `exporters` from the current directory, so bench/layout_compare.py can run it
against the original code in a temporary git worktree and diff the two. The kept test
test_layout_unchanged.py compares digests of these features with tests/fixtures/layout_baseline.json.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
FORMATS = ("docx", "pdf", "xlsx")
NOTE_1 = "Theo Kế hoạch số 123/KH-UBND ngày 10/12/2026 của Ủy ban nhân dân tỉnh Thanh Hóa."
NOTE_2 = "Gồm các thủ tục thuộc thẩm quyền giải quyết của cấp xã theo Quyết định công bố của tỉnh."
HUGE_NOTE = " ".join(f"Câu {i} của ghi chú rất dài." for i in range(900))
HUGE_CELL = " ".join(f"Câu số {i} của một ô rất dài, dài hơn một trang giấy." for i in range(400))


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the documents
def _noted(plan: Any) -> Any:
    """The sample plan with a footnote in a body paragraph and one in a table cell."""
    from app.model import Section

    first = dataclasses.replace(
        plan.sections[0],
        sections=(
            Section(f"Cụ thể hóa mục tiêu, nhiệm vụ cải cách hành chính của tỉnh^[{NOTE_1}]", run_in=True),
            *plan.sections[0].sections[1:],
        ),
    )
    appendix = plan.appendices[0]
    tasks = list(appendix.tasks)
    tasks[2] = dataclasses.replace(tasks[2], content=tasks[2].content + f"^[{NOTE_2}]")
    return dataclasses.replace(
        plan,
        sections=(first, *plan.sections[1:]),
        appendices=(dataclasses.replace(appendix, tasks=tuple(tasks)), *plan.appendices[1:]),
    )


def _many_notes(plan: Any) -> Any:
    from app.model import Section

    long = "về việc thực hiện nhiệm vụ cải cách hành chính, " * 12
    paragraphs = tuple(
        f"Đoạn văn số {i} nói về nhiệm vụ^[Ghi chú A{i}: {long}hết A{i}.] "
        f"và thêm một ý nữa^[Ghi chú B{i}: {long[:200]}hết B{i}.] để kết thúc đoạn."
        for i in range(40)
    )
    return dataclasses.replace(plan, sections=(Section("NHIỀU GHI CHÚ", paragraphs=paragraphs),), appendices=())


def _huge_notes(plan: Any) -> Any:
    from app.model import Appendix, Section, Task

    return dataclasses.replace(
        plan,
        sections=(Section("A", paragraphs=("Mở đầu.", f"Đoạn có ghi chú^[{HUGE_NOTE}] rồi tiếp.", "Kết thúc.")),),
        appendices=(
            Appendix(
                kind="tasks",
                title="X",
                columns=("content", "product"),
                tasks=(Task(content="a"), Task(content=f"b^[{HUGE_NOTE}]", product="c^[Ngắn.]"), Task(content="z")),
            ),
        ),
    )


def _table_doc(rows: list[Any], columns: tuple[Any, ...] | None = None, header: str = "Nội dung") -> Any:
    from exporters import document as D

    cols = columns or (
        D.Column("stt", "STT", 12, "center"),
        D.Column("content", header, 140, "justify"),
        D.Column("lead", "Đơn vị", 100, "left"),
    )
    title = D.AppendixTitle("Phụ lục I", "X", "(Kèm theo)")
    return D.Document(D.Meta("t", "a", "s"), (D.Part("landscape", (title, D.Table(cols, tuple(rows), "x")), True),))


def _edge_documents() -> Iterator[tuple[str, Any]]:
    from exporters import document as D

    rows = [D.Row("task", (str(i), f"Nhiệm vụ {i}", "Phòng")) for i in range(1, 12)]
    rows.insert(5, D.Row("task", ("99", HUGE_CELL, HUGE_CELL[:3000])))
    rows.insert(0, D.Row("group", ("I", HUGE_CELL[:5000])))
    yield "edge-tall-rows", _table_doc(rows)
    yield "edge-absurd-header", _table_doc([D.Row("task", ("1", "a", "b"))], header="Tiêu đề cột rất dài " * 300)
    one = (D.Column("content", "Nội dung", 300, "left"),)
    groups = [D.Row("group", ("I", "Nhóm một")), D.Row("task", ("Việc một", "thừa")), D.Row("group", ("II",))]
    yield "edge-one-column", _table_doc(groups, one)
    yield "edge-empty", D.Document(D.Meta("", "", ""), ())


def _report_document() -> Any:
    from datetime import date

    from app.tracking.calendar import default_periods, period_by_key
    from app.tracking.report import build_report
    from exporters.report_build import build_report_document

    helpers = _load("_snapshot_report", HERE.parent / "app" / "test_report.py")
    period = period_by_key(default_periods(2027), "6m")
    report = build_report(
        helpers.known_plan(), helpers.records(), period, date(2027, 6, 20), target_values={11: 93.5, 12: 87}
    )
    return build_report_document(report)


def documents() -> Iterator[tuple[str, Any]]:
    """(name, Document) for every document of the snapshot, always in the same order."""
    from app import plan_file
    from app.ops.plans import default_decision
    from app.templates import Agency, instantiate, list_templates
    from exporters.build import DECISION_ONLY, PLAN_ONLY, build_document

    for path in sorted(FIXTURES.glob("seed_*.json")):
        yield path.stem, build_document(plan_file.read(path))
    agency = Agency(
        "Ủy ban nhân dân phường Phú Sơn", "UBND tỉnh Thanh Hóa", "Phú Sơn", "tỉnh Thanh Hóa", "Nguyễn Văn An"
    )
    for template in list_templates():
        year = template.period.start if template.period else 2027
        yield f"template-{template.id}", build_document(instantiate(template.id, year, agency))
    sample = _load("_snapshot_conftest", HERE / "conftest.py").make_plan()
    yield "sample", build_document(sample)
    noted = _noted(sample)
    yield "sample-notes", build_document(noted)
    decided = dataclasses.replace(noted, decision=default_decision(noted), footnotes_restart=True)
    yield "sample-decision", build_document(decided)
    yield "sample-decision-only", build_document(decided, DECISION_ONLY)
    yield "sample-plan-only", build_document(decided, PLAN_ONLY)
    yield "many-notes", build_document(_many_notes(sample))
    yield "huge-notes", build_document(_huge_notes(sample))
    yield "report", _report_document()
    yield from _edge_documents()


# ---------------------------------------------------------------- reading the files back
def _digest(data: bytes | str) -> str:
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8")).hexdigest()


def _parts(path: Path) -> dict[str, str]:
    """Digest of every part of an Office file except the one that holds the export time."""
    with zipfile.ZipFile(path) as z:
        return {n: _digest(z.read(n)) for n in sorted(z.namelist()) if n != "docProps/core.xml"}


def pdf_features(path: Path) -> dict[str, Any]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = []
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        pages.append(
            {
                "size": [round(float(x), 3) for x in page.mediabox],
                "fonts": sorted(str(f.get_object().get("/BaseFont")) for f in fonts.get_object().values()),
                "text": page.extract_text(),
            }
        )
    return {"pages": len(pages), "page": pages, "bytes": _digest(path.read_bytes())}


def docx_features(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as z:
        xml = {n: z.read(n).decode("utf-8") for n in ("word/document.xml", "word/styles.xml")}
    return {**xml, "parts": _parts(path)}


def _sheet(ws: Any) -> dict[str, Any]:
    ps, m = ws.page_setup, ws.page_margins
    return {
        "title": ws.title,
        "cells": [
            [c.coordinate, c.value, c.data_type, c.style, bool(c.quotePrefix)]
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.style != "Normal"
        ],
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
        "heights": {str(k): d.height for k, d in sorted(ws.row_dimensions.items())},
        "print": {
            "paper": ps.paperSize,
            "orientation": ps.orientation,
            "fit": [ps.fitToWidth, ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage],
            "first_page": [ps.firstPageNumber, ps.useFirstPageNumber],
            "margins": [m.left, m.right, m.top, m.bottom, m.header, m.footer],
            "centered": ws.print_options.horizontalCentered,
            "titles": ws.print_title_rows,
            "area": ws.print_area,
            "freeze": ws.freeze_panes,
            "header": [ws.oddHeader.center.text, ws.oddHeader.center.size, ws.oddHeader.center.font],
            "different_first": ws.HeaderFooter.differentFirst,
        },
    }


def xlsx_features(path: Path) -> dict[str, Any]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {"sheets": [_sheet(ws) for ws in wb.worksheets], "parts": _parts(path)}


def _writers() -> dict[str, Callable[[Any, Path], Any]]:
    from exporters.docx_writer import write_docx
    from exporters.pdf_writer import write_pdf
    from exporters.xlsx_writer import write_xlsx

    return {"docx": write_docx, "pdf": write_pdf, "xlsx": write_xlsx}


READERS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "docx": docx_features,
    "pdf": pdf_features,
    "xlsx": xlsx_features,
}


def export(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Write every document in every format to folder; yield ("name.fmt", features)."""
    from reportlab import rl_config

    rl_config.invariant = 1  # no creation date or random file id: equal layouts give equal bytes
    writers = _writers()
    for name, doc in documents():
        for fmt in FORMATS:
            path = folder / f"{name}.{fmt}"
            writers[fmt](doc, path)
            yield f"{name}.{fmt}", READERS[fmt](path)


def _aspects(features: dict[str, Any]) -> dict[str, Any]:
    """The features split into the aspects a failure should name (a PDF's pages by what they show)."""
    if "page" not in features:
        return features
    pages = features["page"]
    return {
        "pages": features["pages"],
        "sizes": [p["size"] for p in pages],
        "text": [p["text"] for p in pages],
        "fonts": [p["fonts"] for p in pages],
        "bytes": features["bytes"],
    }


def digests(features: dict[str, Any]) -> dict[str, str]:
    """One digest per aspect of a file's features."""
    return {k: _digest(json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in _aspects(features).items()}


def meta() -> dict[str, Any]:
    from importlib.metadata import version

    from exporters.fonts import serif_family

    return {
        "versions": {p: version(p) for p in ("python-docx", "reportlab", "openpyxl", "pypdf")},
        "family": serif_family().name,
    }


def main(argv: list[str]) -> int:
    """OUT.json: every feature in full; --digests OUT.json: their digests (the kept baseline)."""
    import tempfile

    only_digests = "--digests" in argv
    out = Path([a for a in argv[1:] if a != "--digests"][0])
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: digests(f) if only_digests else f for name, f in export(Path(tmp))}
    text = json.dumps({"meta": meta(), "files": files}, ensure_ascii=False, indent=1, sort_keys=True)
    out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path.cwd()))  # the checkout being measured, not this file's
    sys.exit(main(sys.argv))
