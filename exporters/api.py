"""Export a plan to the requested formats: one Document, each writer behind an atomic write."""

# Writers are imported only when their format is asked for, so `export --pdf` never loads
# python-docx or openpyxl.

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InvalidInput
from app.files import write_atomic
from app.model import Plan
from exporters.build import ALL, DECISION_ONLY, PLAN_ONLY, build_document
from exporters.document import Document

if TYPE_CHECKING:
    from app.index.report import AssessmentReport
    from app.tracking.report import Report

SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "xlsx": ".xlsx"}


@dataclass(frozen=True)
class ExportRequest:
    docx: Path | None = None
    pdf: Path | None = None
    xlsx: Path | None = None
    separate: bool = False  # a plan issued by a decision: the decision in F, the plan in F-ke-hoach
    pdfa: bool = False  # the PDF as PDF/A-2b (archival); the other formats are unchanged

    def targets(self) -> list[tuple[str, Path]]:
        return [(fmt, p) for fmt in ("docx", "pdf", "xlsx") if (p := getattr(self, fmt)) is not None]


def _writer(fmt: str):
    if fmt == "docx":
        from exporters.docx_writer import write_docx

        return write_docx
    if fmt == "pdf":
        from exporters.pdf_writer import write_pdf

        return write_pdf
    from exporters.xlsx_writer import write_xlsx

    return write_xlsx


def with_suffix(path: Path, fmt: str) -> Path:
    path = Path(path)
    return path if path.suffix.lower() == SUFFIXES[fmt] else path.with_name(path.name + SUFFIXES[fmt])


def plan_file_name(path: Path) -> Path:
    """'KH.pdf' -> 'KH-ke-hoach.pdf': where the plan goes when the decision is a separate file."""
    return path.with_name(f"{path.stem}-ke-hoach{path.suffix}")


def write(doc: Document, fmt: str, path: Path, pdfa: bool = False) -> Path:
    path = with_suffix(path, fmt)
    writer = _writer(fmt)
    if fmt == "pdf" and pdfa:
        writer = partial(writer, pdfa=True)
    write_atomic(path, lambda tmp: writer(doc, tmp))
    return path


def export_plan(plan: Plan, request: ExportRequest) -> list[Path]:
    """Write every requested file; returns the paths written."""
    targets = request.targets()
    if not targets:
        raise InvalidInput("Chưa chọn định dạng nào để xuất; dùng --docx, --pdf hoặc --xlsx.")
    if request.separate and plan.decision is not None:
        decision, body = build_document(plan, DECISION_ONLY), build_document(plan, PLAN_ONLY)
        written = []
        for fmt, path in targets:
            path = with_suffix(path, fmt)
            if fmt != "xlsx":  # the workbook holds only the appendix tables
                written.append(write(decision, fmt, path, request.pdfa))
                path = plan_file_name(path)
            written.append(write(body, fmt, path, request.pdfa))
        return written
    doc = build_document(plan, ALL)
    return [write(doc, fmt, path, request.pdfa) for fmt, path in targets]


def export_report(report: Report, request: ExportRequest) -> list[Path]:
    """Write the periodic report (BÁO CÁO, same official layout as the plan) to every requested
    format; the workbook holds the results table. Returns the paths written."""
    from exporters.report_build import build_report_document

    targets = request.targets()
    if not targets:
        raise InvalidInput("Chưa chọn định dạng nào để xuất; dùng --docx, --pdf hoặc --xlsx.")
    doc = build_report_document(report)
    return [write(doc, fmt, path, request.pdfa) for fmt, path in targets]


def export_assessment(report: AssessmentReport, request: ExportRequest, evidence: Path | None = None) -> list[Path]:
    """The self-assessment: the report (DOCX/PDF, the table as its appendix), the table alone as
    XLSX, and the evidence package folder. Returns the paths written."""
    from exporters.index_build import build_assessment_document
    from exporters.index_evidence import write_evidence_package

    targets = request.targets()
    if not targets and evidence is None:
        raise InvalidInput("Chưa chọn gì để xuất; dùng --xlsx, --docx, --pdf hoặc --evidence.")
    doc = build_assessment_document(report)
    written = [write(doc, fmt, path, request.pdfa) for fmt, path in targets]
    if evidence is not None:
        written.append(write_evidence_package(report, evidence))
    return written


def export_tracked_changes(old: Plan, new: Plan, path: Path, when: datetime) -> Path:
    """`new` as a Word file with the changes from `old` as Word tracked changes (author
    "Kế hoạch CCHC", dated `when`); returns the path written."""
    from exporters.docx_tracked import write_tracked_docx

    path = with_suffix(path, "docx")

    def write_to(tmp: Path) -> None:
        write_tracked_docx(old, new, tmp, when)

    write_atomic(path, write_to)
    return path
