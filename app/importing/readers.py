"""Every table of a .docx, every sheet of an .xlsx, as a grid of cell texts (app.importing.grid).

Text typed in a legacy font encoding is converted here, so every later step and every preview
sees Unicode. Sheets are streamed by app.importing.xlsx; a Word body is walked here. Text beyond
the limits of app.importing.grid refuses the file, it is never cut off silently.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.errors import InvalidInput
from app.importing.grid import (
    MAX_COLS,
    MAX_ROWS,
    MAX_TABLES,
    PREVIEW_ROWS,
    Grid,
    GridBudget,
    RawTable,
    TooLarge,
    advice,
    check_cell,
    clean_cell,
)
from app.importing.safety import DOCX, ImportFileError, sniff
from app.importing.word_body import word_body
from app.importing.xlsx import xlsx_tables
from app.legacy_encoding import ENCODING_NAMES, detect_legacy, to_unicode

__all__ = ["MAX_COLS", "MAX_ROWS", "PREVIEW_ROWS", "RawTable", "clean_cell", "convert_legacy", "read_tables"]

_UNICODE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


# ---------------------------------------------------------------- docx


def _docx_tables(path: Path) -> list[RawTable]:
    try:
        body = word_body(path)
    except Exception:
        raise ImportFileError(
            f"Không mở được tệp Word «{path.name}»; tệp có thể bị hỏng: hãy mở bằng Word, lưu lại rồi nhập."
        ) from None
    return [] if body is None else _DocxReader(path.name).tables(body)


class _DocxReader:
    """A Word body's tables read straight from its XML, with the caption text before each."""

    def __init__(self, name: str) -> None:
        from docx.oxml.ns import qn

        self.name, self.budget = name, GridBudget(name)
        self.w_r, self.w_link, self.w_br = qn("w:r"), qn("w:hyperlink"), qn("w:br")
        self.w_type = qn("w:type")
        # what python-docx's Run.text makes of a run's pieces (a <w:br> depends on its type)
        self.run_pieces = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n"}
        self.run_pieces[qn("w:noBreakHyphen")] = "-"
        self.w_p, self.w_tbl, self.w_tr, self.w_tc = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
        self.names = {t: qn(t) for t in ("w:trPr", "w:tcPr", "w:gridBefore", "w:gridSpan", "w:vMerge", "w:val")}

    def tables(self, body) -> list[RawTable]:
        """Every top-level table; `adjacent` when no text stands between it and the one before."""
        tables: list[RawTable] = []
        recent: list[str] = []  # non-empty paragraphs since the last table
        between = False  # text between the previous table and this one
        for el in body.iter(self.w_p, self.w_tbl):
            if next(el.iterancestors(self.w_tbl), None) is not None:
                continue  # inside a table: read with its table
            if el.tag == self.w_p:
                text = clean_cell(self.para_text(el))
                if text:
                    recent.append(text)
                    between = True
                continue
            n = len(tables) + 1
            if n > MAX_TABLES:
                raise TooLarge(f"Tệp «{self.name}» có hơn {MAX_TABLES} bảng; {advice(self.name)}")
            g = self.grid(el, f"Bảng {n}")
            g.trim(columns=False)  # a Word table's columns are its structure (continued tables compare them)
            self.budget.take(len(g.cells), max((len(r) for r in g.cells), default=0))
            t = RawTable(f"Bảng {n}", "\n".join(recent[-3:]), g.cells, g.filled, g.covered, parts=(n - 1,))
            t.adjacent = bool(tables) and not between
            tables.append(t)
            recent, between = [], False
        return tables

    def grid(self, tbl, where: str) -> Grid:
        """The table's own rows (not those of a table nested in a cell), spans and vertical merges spread;
        text past MAX_ROWS or MAX_COLS refuses the file."""
        g = Grid()
        # Rows and cells are found at any depth (a content control may wrap them); with no table
        # nested inside, every one found is this table's own, without asking each for its table.
        nested = tbl.find(".//" + self.w_tbl) is not None
        rows = (
            (x for x in tbl.iter(self.w_tr) if next(x.iterancestors(self.w_tbl)) is tbl)
            if nested
            else tbl.iter(self.w_tr)
        )
        for r, tr in enumerate(rows):
            if r < MAX_ROWS:
                g.new_row()
            col = self.int_attr(tr.find(self.names["w:trPr"]), "w:gridBefore", 0)
            cells = (
                (x for x in tr.iter(self.w_tc) if next(x.iterancestors(self.w_tr)) is tr)
                if nested
                else tr.iter(self.w_tc)
            )
            for tc in cells:
                if r >= MAX_ROWS or col >= MAX_COLS:
                    if clean_cell(self.cell_text(tc)):
                        check_cell(self.name, where, r, col)
                    continue
                col = self.put_cell(g, r, col, tc)
        g.square()
        return g

    def put_cell(self, g: Grid, r: int, col: int, tc) -> int:
        """One cell put at column `col` over its grid span; the column after it."""
        tc_pr = tc.find(self.names["w:tcPr"])
        span = max(1, self.int_attr(tc_pr, "w:gridSpan", 1))
        vmerge = tc_pr.find(self.names["w:vMerge"]) if tc_pr is not None else None
        cont = vmerge is not None and vmerge.get(self.names["w:val"], "continue") == "continue"
        text = clean_cell(self.cell_text(tc))
        for k in range(span):
            c = col + k
            if cont and r > 0:
                above = g.filled[r - 1][c] if c < len(g.filled[r - 1]) else ""
                g.put(r, c, "", above, "v")
            else:
                g.put(r, c, text if k == 0 else "", text, "" if k == 0 else "h")
        return col + span

    def para_text(self, p) -> str:
        """The text python-docx's Paragraph.text gives (its runs and hyperlinks' runs), without its
        per-paragraph XPath, which made a 5,000-row table take seconds."""
        parts: list[str] = []
        for child in p:
            if child.tag == self.w_r:
                self.run_text(child, parts)
            elif child.tag == self.w_link:
                for run in child:
                    if run.tag == self.w_r:
                        self.run_text(run, parts)
        return "".join(parts)

    def run_text(self, run, parts: list[str]) -> None:
        for el in run:
            tag = el.tag
            if tag == self.w_br:
                parts.append("\n" if el.get(self.w_type, "textWrapping") == "textWrapping" else "")
            elif tag in self.run_pieces:
                piece = self.run_pieces[tag]
                parts.append(el.text or "" if piece is None else piece)

    def cell_text(self, tc) -> str:
        return "\n".join(self.para_text(p) for p in tc.iter(self.w_p))

    def int_attr(self, el, tag: str, default: int) -> int:
        """A w:val number of a child element, kept within 0..MAX_COLS; `default` when absent or odd."""
        if el is None:
            return default
        child = el.find(self.names[tag])
        if child is None:
            return default
        try:
            return max(0, min(int(child.get(self.names["w:val"], default)), MAX_COLS))
        except (TypeError, ValueError):
            return default


# ---------------------------------------------------------------- legacy encodings


def convert_legacy(table: RawTable) -> RawTable:
    """Detect TCVN3/VNI text over the whole table and convert it (cells already in Unicode stay)."""
    sample = (
        "\n".join(t for row in table.cells for t in row if t and not _UNICODE_ONLY.search(t))
        + "\n"
        + (table.title if not _UNICODE_ONLY.search(table.title) else "")
    )
    enc = detect_legacy(sample)
    if enc is None:
        return table

    def conv(t: str) -> str:
        return t if not t or _UNICODE_ONLY.search(t) else clean_cell(to_unicode(t, enc))

    table.cells = [[conv(t) for t in row] for row in table.cells]
    table.filled = [[conv(t) for t in row] for row in table.filled]
    table.title = conv(table.title)
    table.encoding = enc
    table.notes.append(f"Chữ trong bảng gõ bằng bảng mã {ENCODING_NAMES[enc]}; đã chuyển sang Unicode.")
    return table


def read_tables(path: Path | str) -> list[RawTable]:
    """Every table of the file, safety-checked, legacy text converted; ImportFileError if unreadable."""
    path = Path(path)
    kind = sniff(path)
    try:
        if kind == DOCX:
            tables = _docx_tables(path)
        else:
            tables = xlsx_tables(path)
    except InvalidInput:
        raise
    except MemoryError:
        raise ImportFileError(f"Tệp «{path.name}» quá lớn để đọc; hãy chỉ giữ lại phần phụ lục rồi nhập lại.") from None
    except Exception:
        raise ImportFileError(
            f"Không đọc được bảng trong tệp «{path.name}»; hãy mở bằng Word/Excel, lưu lại rồi nhập."
        ) from None
    return [convert_legacy(t) for t in tables]
