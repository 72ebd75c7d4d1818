"""Word appendix tables: fixed column widths, the header row repeated, no row split across pages."""

from __future__ import annotations

from exporters.document import Row, Run, Table
from exporters.docx_notes import Notes
from exporters.docx_styles import S_TABLE, S_TABLE_GROUP, S_TABLE_HEADER
from exporters.docx_xml import clean, eighths, twips, w_ppr, w_r, w_rpr
from exporters.layout import TABLE

_JC = {"left": "left", "center": "center", "justify": "both", "right": "right", "both": "both"}


def _cell_paras(text: str, ppr: str, rpr: str = "") -> str:
    text = clean(text)
    if not text:
        return f"<w:p>{ppr}</w:p>"
    return "".join(f"<w:p>{ppr}{w_r(line, rpr, cleaned=True) if line else ''}</w:p>" for line in text.split("\n"))


def _rich_cell_paras(runs: tuple[Run, ...], ppr: str, rpr: str, notes: Notes) -> str:
    """Like _cell_paras for a cell given as runs: a line break starts a new paragraph, a note run
    becomes a footnote reference where it stands."""
    paras: list[list[str]] = [[]]
    for run in runs:
        if run.note is not None:
            paras[-1].append(notes.ref(run.note))
            continue
        run_rpr = rpr or w_rpr(bold=True if run.bold else None, italic=True if run.italic else None)
        for k, line in enumerate(clean(run.text).split("\n")):
            if k:
                paras.append([])
            if line:
                paras[-1].append(w_r(line, run_rpr, cleaned=True))
    return "".join(f"<w:p>{ppr}{''.join(p)}</w:p>" for p in paras)


def _row_cells(row: Row, n: int) -> list[tuple[Run, ...]]:
    """Every cell of a row as runs (plain cells as one run), padded to n cells."""
    cells: list[tuple[Run, ...]] = list(row.rich) if row.rich is not None else [(Run(c),) for c in row.cells]
    return cells[:n] + [(Run(""),)] * (n - len(cells))


def grid_table(table: Table, text_mm: float, notes: Notes) -> str:
    cols = table.columns
    n = len(cols)
    if n == 0:
        return ""
    total_mm = sum(max(0.0, c.width_mm) for c in cols) or text_mm
    scale = text_mm / total_mm if total_mm > text_mm + TABLE.docx_overflow_mm else 1.0  # never wider than the text
    widths = [twips(max(0.0, c.width_mm) * scale) for c in cols]
    pad, vpad = twips(TABLE.pad_x_mm), int(TABLE.pad_y_pt * 20)
    grid = eighths(TABLE.grid_pt)
    single = "".join(
        f'<w:{s} w:val="single" w:sz="{grid}" w:space="0" w:color="auto"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        f'<w:tblBorders>{single}</w:tblBorders><w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="{vpad}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="{vpad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]

    def tc(width: int, valign: str, span: int = 1) -> str:
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}<w:vAlign w:val="{valign}"/></w:tcPr>'

    # Header row: bold, centred, repeated on every page.
    head_ppr = w_ppr(S_TABLE_HEADER)
    bold = w_rpr(bold=True)
    out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    for w, c in zip(widths, cols, strict=True):
        out.append(f"{tc(w, 'center')}{_cell_paras(c.header, head_ppr, bold)}</w:tc>")
    out.append("</w:tr>")

    cell_open = [tc(w, "top") for w in widths]
    cell_ppr = [w_ppr(S_TABLE, jc=_JC.get(c.align, "left") if c.align != "left" else None) for c in cols]
    content_idx = next((i for i, c in enumerate(cols) if c.key == "content"), min(1, n - 1))
    group_stt_ppr = w_ppr(S_TABLE_GROUP, jc="center")
    group_ppr = w_ppr(S_TABLE_GROUP)
    group_open = tc(sum(widths[1:]), "top", n - 1) if n > 1 else ""
    row_open = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"

    def ppr_for(row: Row, i: int) -> str:
        """A cell's paragraph properties; a sub-task's content is indented by its depth."""
        if row.depth > 0 and i == content_idx:
            c = cols[i]
            return w_ppr(
                S_TABLE,
                ind_left=twips(TABLE.subtask_indent_mm * row.depth),
                jc=_JC.get(c.align, "left") if c.align != "left" else None,
            )
        return cell_ppr[i]

    def rich_row(row: Row) -> None:
        """A row whose cells hold footnotes (Row.rich), laid out like the plain rows below."""
        cells = _row_cells(row, max(n, 2))
        if row.kind == "group":
            if n == 1:
                runs = cells[0] + (Run(" "),) + cells[1]
                out.append(f"{cell_open[0]}{_rich_cell_paras(runs, group_ppr, bold, notes)}</w:tc>")
            else:
                out.append(f"{cell_open[0]}{_rich_cell_paras(cells[0], group_stt_ppr, bold, notes)}</w:tc>")
                out.append(f"{group_open}{_rich_cell_paras(cells[1], group_ppr, bold, notes)}</w:tc>")
            return
        for i, runs in enumerate(cells[:n]):
            out.append(f"{cell_open[i]}{_rich_cell_paras(runs, ppr_for(row, i), '', notes)}</w:tc>")

    for row in table.rows:
        out.append(row_open)
        if row.rich is not None:
            rich_row(row)
        elif row.kind == "group":
            label = row.cells[0] if row.cells else ""
            title = row.cells[1] if len(row.cells) > 1 else ""
            if n == 1:
                out.append(f"{cell_open[0]}{_cell_paras(f'{label} {title}'.strip(), group_ppr, bold)}</w:tc>")
            else:
                out.append(f"{cell_open[0]}{_cell_paras(label, group_stt_ppr, bold)}</w:tc>")
                out.append(f"{group_open}{_cell_paras(title, group_ppr, bold)}</w:tc>")
        else:
            cells = tuple(row.cells[:n]) + ("",) * (n - len(row.cells))
            for i, text in enumerate(cells):
                out.append(f"{cell_open[i]}{_cell_paras(text, ppr_for(row, i))}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
