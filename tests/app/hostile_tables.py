"""Hostile and very large appendix tables, written as raw zip members (small and fast to build).

Used by the import tests and by bench/bench_hostile_tables.py. Each builder writes the file and
returns its path; none needs openpyxl or python-docx, so the XML is exactly what a hostile
colleague could hand-craft (a lying <dimension>, merges over the whole sheet, cells at XFD1048576).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/octet-stream"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
)
_REL = '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type}" Target="{target}"/>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column_letters(c: int) -> str:
    """1 -> 'A', 16384 -> 'XFD'."""
    out = ""
    while c:
        c, rem = divmod(c - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_xml(
    rows: list[list], dimension: str | None = None, merges: list[str] = (), far_cell: str | None = None
) -> str:
    """A worksheet with inline-string / number cells, an optional (lying) <dimension> and merges."""
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">']
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    for r, row in enumerate(rows, start=1):
        parts.append(f'<row r="{r}">')
        for c, value in enumerate(row, start=1):
            ref = f"{column_letters(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, (int, float)):
                parts.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
        parts.append("</row>")
    if far_cell:
        row_number = "".join(ch for ch in far_cell if ch.isdigit())
        parts.append(f'<row r="{row_number}"><c r="{far_cell}" t="inlineStr"><is><t>x</t></is></c></row>')
    parts.append("</sheetData>")
    if merges:
        parts.append(f'<mergeCells count="{len(merges)}">')
        parts.extend(f'<mergeCell ref="{m}"/>' for m in merges)
        parts.append("</mergeCells>")
    parts.append("</worksheet>")
    return "".join(parts)


def raw_xlsx(path: Path, sheets: list[tuple[str, str]], extra: dict[str, bytes] | None = None) -> Path:
    """An .xlsx from (sheet name, worksheet XML) pairs; `extra` members are stored uncompressed."""
    workbook = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_R}"><sheets>'
    ]
    rels = []
    for n, (name, _xml) in enumerate(sheets, start=1):
        workbook.append(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>')
        rels.append(_REL.format(id=f"rId{n}", type="worksheet", target=f"worksheets/sheet{n}.xml"))
    workbook.append("</sheets></workbook>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            _XLSX_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1))),
        )
        z.writestr("_rels/.rels", _RELS.format(_REL.format(id="rId1", type="officeDocument", target="xl/workbook.xml")))
        z.writestr("xl/workbook.xml", "".join(workbook))
        z.writestr("xl/_rels/workbook.xml.rels", _RELS.format("".join(rels)))
        for n, (_name, xml) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{n}.xml", xml)
        for name, data in (extra or {}).items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
    return path


HEADER = ["STT", "Nội dung", "Đơn vị chủ trì"]


def numbered_rows(n: int) -> list[list]:
    """A header and `n` numbered tasks, each with its own content and lead."""
    return [HEADER] + [[i, f"Nhiệm vụ số {i} của phụ lục", f"Phòng {i % 7}"] for i in range(1, n + 1)]


def numbered_xlsx(path: Path, n: int) -> Path:
    return raw_xlsx(path, [("Phụ lục", sheet_xml(numbered_rows(n)))])


def merge_bomb_xlsx(path: Path) -> Path:
    """About 1.8 KB: a small table and one merged range from A10 to the sheet's last cell."""
    return raw_xlsx(path, [("Phụ lục", sheet_xml(numbered_rows(3), merges=["A10:XFD1048576"]))])


def overlapping_merges_xlsx(path: Path, n: int = 50) -> Path:
    """`n` merges each reaching the sheet's last cell from a different start: they overlap."""
    merges = [f"{column_letters(i)}{i}:XFD1048576" for i in range(1, n + 1)]
    return raw_xlsx(path, [("Phụ lục", sheet_xml(numbered_rows(3), merges=merges))])


def far_cells_xlsx(path: Path, sheets: int = 50) -> Path:
    """`sheets` sheets, each with one cell at XFD1048576 (27 KB for 50): the used range is the whole sheet."""
    return raw_xlsx(path, [(f"Trang {n}", sheet_xml([], far_cell="XFD1048576")) for n in range(1, sheets + 1)])


def lying_dimension_xlsx(path: Path, rows: int = 200, padding: int = 17 * 1024 * 1024) -> Path:
    """A sheet saying <dimension ref="A1:A1"/> over `rows` tasks, with `padding` bytes of
    incompressible filler so the file is over 16.7 MB uncompressed (and under 20 MB on disk)."""
    sheet = sheet_xml(numbered_rows(rows), dimension="A1:A1")
    return raw_xlsx(path, [("Phụ lục", sheet)], extra={"xl/media/filler.bin": os.urandom(padding)} if padding else None)


# ---------------------------------------------------------------- docx

_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def raw_docx(path: Path, rows: list[list]) -> Path:
    """A .docx holding one table of these rows (written as XML: fast for thousands of rows)."""
    body = []
    for row in rows:
        cells = "".join(f"<w:tc><w:p><w:r><w:t>{escape(str(v))}</w:t></w:r></w:p></w:tc>" for v in row)
        body.append(f"<w:tr>{cells}</w:tr>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
        f"<w:p><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p><w:tbl>{''.join(body)}</w:tbl><w:p/></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr(
            "_rels/.rels", _RELS.format(_REL.format(id="rId1", type="officeDocument", target="word/document.xml"))
        )
        z.writestr("word/document.xml", document)
    return path


def numbered_docx(path: Path, n: int) -> Path:
    return raw_docx(path, numbered_rows(n))


def empty_member_name_xlsx(path: Path) -> Path:
    """A small good table plus a zip member whose name is empty."""
    numbered_xlsx(path, 3)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr(zipfile.ZipInfo(""), b"data")
    return path
