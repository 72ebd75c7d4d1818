"""XLSX export: read back with openpyxl (and the raw XML where openpyxl would re-derive things)."""

import importlib.util
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter

from exporters.build import build_document
from exporters.document import Column, Document, Meta, Part, Row, Table
from exporters.xlsx_writer import MAX_CELL_CHARS, clean_cell_text, excel_width, write_xlsx

# tests/ is not a package: load this folder's conftest by path for make_plan and LONG.
_spec = importlib.util.spec_from_file_location("_exporters_conftest", Path(__file__).with_name("conftest.py"))
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
LONG, make_plan = _conftest.LONG, _conftest.make_plan

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
HOSTILE = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+2"]


@pytest.fixture
def xlsx(sample_doc, tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    write_xlsx(sample_doc, path)
    return path


@pytest.fixture
def wb(xlsx):
    return openpyxl.load_workbook(xlsx)


def header_row(table: Table) -> int:
    return len(table.caption) + (2 if table.caption else 1)


def sheet_rows(ws, table: Table) -> list[list]:
    """The table's logical rows as read back: continuation rows of a tall (merged-down) row skipped."""
    out = []
    for r in range(header_row(table) + 1, ws.max_row + 1):
        first = ws.cell(row=r, column=1)
        if isinstance(first, MergedCell):
            continue
        out.append([ws.cell(row=r, column=c).value for c in range(1, len(table.columns) + 1)])
    return out


def expected_rows(table: Table) -> list[list]:
    n = len(table.columns)
    out = []
    for row in table.rows:
        cells = list(row.cells) + [""] * (n - len(row.cells))
        if row.kind == "group":
            cells = [row.cells[0], row.cells[1]] + [""] * (n - 2)
        out.append([c if c else None for c in cells[:n]])
    return out


def test_one_sheet_per_table_in_order(sample_doc, wb):
    assert wb.sheetnames == [t.sheet_name for t in sample_doc.tables()]
    assert len(wb.sheetnames) == 3  # two task appendices and the targets appendix


def test_caption_rows_merged_and_styled(sample_doc, wb):
    for table in sample_doc.tables():
        ws = wb[table.sheet_name]
        last = get_column_letter(len(table.columns))
        merged = {str(r) for r in ws.merged_cells.ranges}
        for i, line in enumerate(table.caption, 1):
            cell = ws.cell(row=i, column=1)
            assert cell.value == line
            assert f"A{i}:{last}{i}" in merged
            assert cell.font.name == "Times New Roman" and cell.font.size == 14
            assert cell.alignment.horizontal == "center"
        assert ws["A1"].font.bold and ws["A2"].font.bold and not ws["A3"].font.bold
        assert ws["A3"].font.italic
        assert all(
            ws.cell(row=len(table.caption) + 1, column=c).value is None for c in range(1, len(table.columns) + 1)
        )


def test_header_row(sample_doc, wb):
    for table in sample_doc.tables():
        ws = wb[table.sheet_name]
        h = header_row(table)
        assert [ws.cell(row=h, column=c).value for c in range(1, len(table.columns) + 1)] == [
            c.header for c in table.columns
        ]
        for c in range(1, len(table.columns) + 1):
            cell = ws.cell(row=h, column=c)
            assert cell.font.bold and cell.alignment.horizontal == "center" and cell.alignment.wrap_text


def test_page_setup(sample_doc, wb):
    for table in sample_doc.tables():
        ws = wb[table.sheet_name]
        ps = ws.page_setup
        assert int(ps.paperSize) == 9
        assert ps.orientation == "landscape"
        assert int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        h = header_row(table)
        assert ws.print_title_rows == f"${h}:${h}"
        m = ws.page_margins
        assert m.top == pytest.approx(20 / 25.4) and m.bottom == pytest.approx(20 / 25.4)
        assert m.left == pytest.approx(30 / 25.4) and m.right == pytest.approx(15 / 25.4)
        assert ws.print_options.horizontalCentered is True
        assert ws.freeze_panes == f"A{h + 1}"
        assert ws.oddHeader.center.text == "&P"
        # no number on an appendix's own first page, as in the DOCX and PDF
        assert ws.HeaderFooter.differentFirst is True and not ws.firstHeader.center.text


def test_print_titles_defined_name_in_xml(xlsx):
    with zipfile.ZipFile(xlsx) as z:
        book = z.read("xl/workbook.xml").decode()
    assert book.count("_xlnm.Print_Titles") == 3
    assert "'Phụ lục I'!$5:$5" in book


def test_fonts_times_new_roman_everywhere(sample_doc, wb):
    for table in sample_doc.tables():
        ws = wb[table.sheet_name]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == "Times New Roman", cell.coordinate
                    if cell.row >= header_row(table):
                        assert cell.font.size == 12
                        assert cell.alignment.wrap_text


def test_cells_render_the_document_exactly(sample_doc, wb):
    """Same rows, same text, same order; STT labels are build.py's (text, never renumbered)."""
    for table in sample_doc.tables():
        ws = wb[table.sheet_name]
        assert sheet_rows(ws, table) == expected_rows(table)
        labels = [r[0] for r in sheet_rows(ws, table)]
        assert labels == [row.cells[0] for row in table.rows]
        assert all(isinstance(v, str) for v in labels)


def test_group_rows_merged_and_bold(sample_doc, wb):
    table = sample_doc.tables()[0]
    ws = wb[table.sheet_name]
    last = get_column_letter(len(table.columns))
    merged = {str(r) for r in ws.merged_cells.ranges}
    groups = 0
    for r in range(header_row(table) + 1, ws.max_row + 1):
        a = ws.cell(row=r, column=1)
        if isinstance(a, MergedCell) or ws.cell(row=r, column=2).value is None:
            continue
        if f"B{r}:{last}{r}" in merged:
            groups += 1
            assert a.font.bold and ws.cell(row=r, column=2).font.bold
            assert re.fullmatch(r"[IVX]+", a.value)
    assert groups == sum(1 for row in table.rows if row.kind == "group") == 7


def test_task_cells_regular_top_aligned(sample_doc, wb):
    table = sample_doc.tables()[0]
    ws = wb[table.sheet_name]
    r = header_row(table) + 2  # first task row under group I
    assert ws.cell(row=r, column=1).value == "1"
    for c, col in enumerate(table.columns, 1):
        cell = ws.cell(row=r, column=c)
        assert not cell.font.bold
        assert cell.alignment.vertical == "top"
        assert cell.alignment.horizontal == col.align


def _border_ids(xlsx: Path, sheet_index: int) -> tuple[dict[str, int], list[bool]]:
    """Cell ref -> style index of one sheet, and per cellXfs index: has a thin box border."""
    with zipfile.ZipFile(xlsx) as z:
        styles = ET.fromstring(z.read("xl/styles.xml"))
        sheet = ET.fromstring(z.read(f"xl/worksheets/sheet{sheet_index + 1}.xml"))
    borders = []
    for b in styles.find("m:borders", NS):
        sides = [b.find(f"m:{s}", NS) for s in ("left", "right", "top", "bottom")]
        borders.append(all(s is not None and s.get("style") == "thin" for s in sides))
    boxed = [borders[int(xf.get("borderId", 0))] for xf in styles.find("m:cellXfs", NS)]
    refs = {c.get("r"): int(c.get("s", 0)) for c in sheet.iter(f"{{{NS['m']}}}c")}
    return refs, boxed


def test_thin_borders_on_every_table_cell_including_merged(sample_doc, xlsx, wb):
    for i, table in enumerate(sample_doc.tables()):
        ws = wb[table.sheet_name]
        refs, boxed = _border_ids(xlsx, i)
        for r in range(header_row(table), ws.max_row + 1):
            for c in range(1, len(table.columns) + 1):
                ref = f"{get_column_letter(c)}{r}"
                assert ref in refs and boxed[refs[ref]], ref
        # caption rows carry no border
        assert not boxed[refs["A1"]]


def test_hostile_strings_stay_text(sample_doc, xlsx, wb):
    ws = wb[sample_doc.tables()[0].sheet_name]
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in HOSTILE:
                found[cell.value] = cell
    assert set(found) == set(HOSTILE)
    for cell in found.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix
    # No formula anywhere, in any sheet's XML.
    with zipfile.ZipFile(xlsx) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode() and "<f " not in z.read(name).decode()


def test_no_cell_is_a_formula_or_number(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert isinstance(cell.value, str)


def test_column_widths_from_mm(sample_doc, wb):
    for table in sample_doc.tables():
        ws = wb[table.sheet_name]
        for c, col in enumerate(table.columns, 1):
            w = ws.column_dimensions[get_column_letter(c)].width
            assert w == pytest.approx(excel_width(col.width_mm), abs=0.01)
            # back to mm: (w * 8 + 5) px at 96 px/in (the digit of Times New Roman 12, the Normal font)
            assert (w * 8 + 5) / 96 * 25.4 == pytest.approx(col.width_mm, abs=0.1)


def test_normal_style_is_times_new_roman(xlsx):
    # Column widths are counted in digits of the Normal style's font. openpyxl's default is
    # Calibri 11: without Calibri, LibreOffice measured with a wider face and printed the
    # appendix at 77 %. Both the Normal cell style and font 0 (unstyled cells) are the house font.
    with zipfile.ZipFile(xlsx) as z:
        root = ET.fromstring(z.read("xl/styles.xml"))
    fonts = root.findall("m:fonts/m:font", NS)
    normal = next(s for s in root.findall("m:cellStyles/m:cellStyle", NS) if s.get("name") == "Normal")
    xf = root.findall("m:cellStyleXfs/m:xf", NS)[int(normal.get("xfId"))]
    for font in (fonts[0], fonts[int(xf.get("fontId"))]):
        assert font.find("m:name", NS).get("val") == "Times New Roman"
        assert float(font.find("m:sz", NS).get("val")) == 12
    assert root.findall("m:cellXfs/m:xf", NS)[0].get("fontId") == "0"
    assert not any(f.find("m:name", NS).get("val") == "Calibri" for f in fonts)


def test_digit_width_is_that_of_the_normal_font():
    # 8 px at 96 px/inch: Times New Roman (and Liberation Serif) digits are 0.5 em, 12 pt = 16 px.
    from reportlab.pdfbase import pdfmetrics

    from exporters.fonts import reportlab_faces
    from exporters.xlsx_writer import DIGIT_PX

    regular = reportlab_faces()["regular"]
    widest = max(pdfmetrics.stringWidth(d, regular, 12) for d in "0123456789")
    assert DIGIT_PX == widest * 96 / 72


def test_row_heights_follow_text(sample_doc, wb):
    table = sample_doc.tables()[0]
    ws = wb[table.sheet_name]
    h = header_row(table)
    heights = {r: ws.row_dimensions[r].height for r in range(h + 1, ws.max_row + 1)}
    assert all(v is not None and v > 0 for v in heights.values())
    # "Văn phòng HĐND và UBND; Trung tâm Phục vụ hành chính công" wraps in its 34 mm column
    first_task = h + 2
    assert heights[first_task] > 15.75 * 2
    # a one-line sub-task row stays one line
    sub = next(r for r in heights if ws.cell(row=r, column=1).value == "2.1")
    assert heights[sub] < 20
    # the header wraps ("Theo dõi, kiểm tra, đôn đốc, tổng hợp" in 32 mm)
    assert ws.row_dimensions[h].height > 15.75 * 2


def test_very_long_cell_is_merged_down_not_hidden(sample_doc, wb):
    """Excel caps one row at 409.5 pt: a taller task row spans several rows, merged per column."""
    table = sample_doc.tables()[0]
    ws = wb[table.sheet_name]
    r = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=2).value == LONG)
    rng = next(m for m in ws.merged_cells.ranges if m.min_row == r and m.min_col == 2)
    assert rng.max_row > r and rng.max_col == 2
    total = sum(ws.row_dimensions[i].height for i in range(r, rng.max_row + 1))
    assert all(ws.row_dimensions[i].height <= 409.5 for i in range(r, rng.max_row + 1))
    # ~9,700 characters in a 68 mm column: well over 150 lines of 15.75 pt
    assert total > 150 * 15.75
    for c in range(1, len(table.columns) + 1):
        assert any(
            m.min_row == r and m.max_row == rng.max_row and m.min_col == m.max_col == c for m in ws.merged_cells.ranges
        )


def test_workbook_properties(sample_doc, wb):
    p = wb.properties
    meta = sample_doc.meta
    assert p.title == meta.title
    assert p.creator == meta.author
    assert p.subject == meta.subject
    assert p.keywords == ", ".join(meta.keywords)
    assert p.language == "vi-VN"


def _tiny(rows, caption=("Phụ lục", "TIÊU ĐỀ", "(Kèm theo …)")) -> Document:
    cols = (
        Column("stt", "STT", 12, "center"),
        Column("content", "Nội dung", 180, "justify"),
        Column("note", "Ghi chú", 60),
    )
    table = Table(cols, tuple(rows), "Phụ lục I", tuple(caption))
    return Document(Meta(title="T", author="A", subject="S"), (Part("landscape", (table,)),))


def test_stt_labels_stay_text(tmp_path):
    doc = _tiny(
        [
            Row("task", ("2.10", "a", "")),
            Row("task", ("1", "b", "")),
            Row("task", ("007", "c", "")),
            Row("task", ("1e3", "d", "")),
            Row("task", ("TRUE", "e", "")),
        ]
    )
    write_xlsx(doc, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [ws.cell(row=r, column=1).value for r in range(6, 11)] == ["2.10", "1", "007", "1e3", "TRUE"]
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(6, 11))
    assert ws.cell(row=6, column=1).number_format == "@"


def test_leading_tab_cr_and_formula_signs_are_quoted(tmp_path):
    values = ["=1+2", "+1", "-1", "@A1", "\t=1+2", "\r=1+2", "- Rà soát văn bản;", "Bình thường"]
    doc = _tiny([Row("task", (str(i), v, "")) for i, v in enumerate(values, 1)])
    write_xlsx(doc, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    for r, v in enumerate(values, 6):
        cell = ws.cell(row=r, column=2)
        assert cell.value.replace("\r", "\n") == v.replace("\r", "\n")
        assert cell.data_type == "s"
        assert bool(cell.quotePrefix) == (v != "Bình thường")


def test_any_unicode_and_huge_cells_do_not_raise(tmp_path):
    weird = "a\x00b\x07c\x0b\x1b\ud800d\udfff\ufffe\uffff e\u200b\u202e😀 \U0001f468\u200d\U0001f469 Tiếng Việt"
    rows = [
        Row("group", ("I", weird)),
        Row("task", ("1", "Ư" * 100_000, weird)),
        Row("task", ("2", "😀" * 20_000, "x " * 60_000)),
        Row("task", ("3", "", "")),
    ]
    doc = _tiny(rows, caption=("Phụ lục\x01", weird, "(\x02)"))
    write_xlsx(doc, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert ws["A1"].value == "Phụ lục"
    assert ws["A2"].value == "abcd e\u200b\u202e😀 \U0001f468\u200d\U0001f469 Tiếng Việt"
    big = next(
        ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "1"
    )
    assert len(big) == MAX_CELL_CHARS and big.endswith("…") and big.startswith("ƯƯƯ")
    emoji = next(
        ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "2"
    )
    assert len(emoji.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS and emoji.endswith("…")
    # the unbroken 32,767-letter word still gets the height of its wrapped lines
    r1 = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "1")
    assert any(m.min_row == r1 and m.max_row > r1 for m in ws.merged_cells.ranges)


def test_clean_cell_text_keeps_normal_text():
    s = "Cải cách hành chính\nnăm 2027\t(đợt 1)"
    assert clean_cell_text(s) == s
    assert clean_cell_text("x" * 40_000) == "x" * (MAX_CELL_CHARS - 1) + "…"


def test_table_without_caption(tmp_path):
    doc = _tiny([Row("task", ("1", "a", "b"))], caption=())
    write_xlsx(doc, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert ws["A1"].value == "STT" and ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2"


def test_document_without_tables(tmp_path):
    doc = Document(Meta(title="T", author="A", subject="S"), ())
    write_xlsx(doc, tmp_path / "t.xlsx")
    assert len(openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets) == 1


def test_a_normal_and_a_2000_task_workbook(sample_doc, tmp_path):
    write_xlsx(sample_doc, tmp_path / "warm.xlsx")  # font registration happens once
    write_xlsx(sample_doc, tmp_path / "a.xlsx")  # its speed is measured in bench/bench_export.py
    big = build_document(make_plan(tasks_per_area=285))
    assert sum(len(t.rows) for t in big.tables()) > 2000
    write_xlsx(big, tmp_path / "big.xlsx")
    assert openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True).worksheets[0].max_row > 2000


def test_footnotes_of_a_table_are_listed_under_it(sample_plan, tmp_path):
    from dataclasses import replace

    from app.model import Appendix, Task

    plan = replace(
        sample_plan,
        appendices=(
            Appendix(tasks=(Task(content="Các cơ quan chuyên môn^[Gồm Văn phòng và các phòng.]", product="x"),)),
        ),
    )
    out = tmp_path / "notes.xlsx"
    write_xlsx(build_document(plan), out)
    ws = openpyxl.load_workbook(out).worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "Các cơ quan chuyên môn¹" in values
    assert values[-1] == "¹ Gồm Văn phòng và các phòng."
