"""A whole plan read from a Word file (.docx) as clerks type them, or as the app exports them.

    found = read_plan(path, fallback_year=2027)
    found.plan          # the Plan (no ids), ready for storage
    found.summary()     # 'cơ quan ban hành, 5 mục, 7 căn cứ, 2 phụ lục với 31 nhiệm vụ …'
    found.unplaced      # paragraphs that fit nowhere: kept as plain paragraphs, and listed

The file is checked as the table importer checks it (app/importing/safety.py: size, zip bombs,
passwords, entity declarations); its appendix tables are read by that importer. Every refusal is
an ImportFileError with one Vietnamese sentence. What is normalised on the way is listed in
docs/plan-format.md ("Importing a plan from Word").
"""

from __future__ import annotations

from pathlib import Path

from app.docx_plan.blocks import read_signer
from app.docx_plan.recognise import Walk
from app.docx_plan.result import Recognised, place_unplaced, plan_year
from app.docx_plan.source import Reader, Tbl, TooLarge
from app.importing import ImportFileError, RawTable, list_tables
from app.importing.safety import DOCX, sniff
from app.model import Plan, Signer

__all__ = ["ImportFileError", "Recognised", "read_plan"]


def _refuse_other_kinds(path: Path) -> None:
    """A .doc or a PDF: one sentence saying to save it as .docx in Word."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return  # sniff says why
    name = f"«{path.name}»"
    if head.startswith(b"%PDF"):
        raise ImportFileError(
            f"Tệp {name} là tệp PDF; hãy mở bản Word của kế hoạch và lưu dưới dạng .docx rồi nhập lại."
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            f"Tệp {name} là tệp Word kiểu cũ (.doc); hãy mở bằng Word, lưu lại dưới dạng .docx rồi nhập lại."
        )


def _open(path: Path):
    import docx

    _refuse_other_kinds(path)
    if sniff(path) != DOCX:
        raise ImportFileError(f"Tệp «{path.name}» không phải văn bản Word (.docx); hãy chọn tệp kế hoạch dạng .docx.")
    try:
        return docx.Document(str(path))
    except Exception:
        raise ImportFileError(
            f"Không mở được tệp Word «{path.name}»; tệp có thể bị hỏng: hãy mở bằng Word, lưu lại rồi nhập."
        ) from None


def _tables(path: Path, items) -> dict[int, RawTable]:
    """The importer's tables by their first table in the file (a table continued over a page once)."""
    if not any(isinstance(i, Tbl) for i in items):
        return {}
    try:
        raws = list_tables(path)
    except ImportFileError:
        return {}
    return {raw.parts[0]: raw for raw in raws if raw.parts}


def read_plan(path: Path | str, fallback_year: int) -> Recognised:
    """The plan in a .docx; `fallback_year` when the document names none."""
    path = Path(path)
    document = _open(path)
    try:
        items = Reader(document).items(document.element.body)
    except TooLarge:
        raise ImportFileError(
            f"Tệp «{path.name}» có quá nhiều đoạn văn để là một kế hoạch; hãy kiểm tra lại tệp."
        ) from None
    except MemoryError:
        raise ImportFileError(f"Tệp «{path.name}» quá lớn để đọc; hãy kiểm tra lại tệp.") from None
    walk = Walk(_tables(path, items))
    walk.run(items)
    plan = _plan(walk, fallback_year)
    paragraphs = [i.text for i in items if not isinstance(i, Tbl) and i.text]
    return Recognised(plan, walk.before + walk.inline + walk.after, paragraphs, walk.header_found)


def _plan(walk: Walk, fallback_year: int) -> Plan:
    f = walk.found
    summary = " ".join(" ".join(f.summary).split())
    decision = walk.decision()
    year, period = plan_year(summary, f.date, fallback_year)
    italic = all(f.bases_italic)  # no bases: the model's default (italic)
    signer = read_signer(f.signer_lines) if f.signer_lines else Signer()
    plan = Plan(
        year=year,
        summary=summary,
        parent_agency=f.parent_agency,
        agency=f.agency,
        number="" if decision is not None else f.number,
        symbol="KH-UBND" if decision is not None or not f.symbol else f.symbol,
        place=f.place,
        date=f.date,
        legal_bases=tuple(f.bases),
        legal_bases_italic=italic,
        preamble="\n".join(f.preamble),
        sections=place_unplaced(walk.tree.sections(), walk.before, walk.after),
        closing="\n".join(f.closing),
        targets=tuple(f.targets),
        appendices=tuple(f.appendices),
        signer=signer,
        recipients=tuple(f.recipients),
        areas=f.plan_areas(),
        heading_numbering=walk.tree.numbering(Plan(year).heading_numbering),
        subtask_numbering="letter" if f.letter_subtasks else "decimal",
        appendix_numbering=f.appendix_style or "roman",
        period=period,
        decision=decision,
    )
    return plan
