"""The house layout of every export, in millimetres and points: one place, read by all three writers."""

# The values follow Nghị định 30/2020/NĐ-CP; where the decree gives a range, the value here is our
# [house] choice inside it (../shared/docs/format-nd30.md). Each writer converts to its own units
# (twips and half-points, reportlab points, Excel inches) where it uses a value, so changing a
# value here changes the Word file, the PDF and the workbook alike.
#
# A few values differ between the writers on purpose or by history; they are separate fields
# below, each named for the writer that uses it and commented with the reason, so that no
# difference is hidden in a writer.

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class TextStyle:
    """How one kind of text is set: its size (pt) and face."""

    size: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Typeface:
    """The font every export names, and the metrics the PDF lays its lines out with."""

    # DOCX and XLSX name the font; the PDF embeds Times New Roman when the system has it (Windows),
    # else the bundled, metric-compatible Liberation Serif (fonts.py).
    name: str = "Times New Roman"
    language: str = "vi-VN"
    # Metrics of both families (hhea table): one "single" line is 1.15 em (ascender + descender +
    # gap), and the first baseline sits 0.891 em below the top of its line. The PDF lays lines
    # out with them so that its page breaks stay close to the Word file's.
    single_line_em: float = 1.15
    ascent_em: float = 0.891


@dataclass(frozen=True)
class PageLayout:
    """A4; the same margins on portrait and landscape pages."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    # From the top edge to the top of the page-number line: the middle of the top margin
    # (DOCX header distance, XLSX header margin, the PDF's drawing position).
    header_mm: float = 10.0
    page_number: TextStyle = TextStyle(14.0)  # centred; none on page 1 or an appendix's first page
    # XLSX only: Excel's default footer margin (0.3 in); the workbook prints no footer. The DOCX
    # footer distance is header_mm.
    sheet_footer_mm: float = 7.6

    def size_mm(self, orientation: str) -> tuple[float, float]:
        """(width, height) of a page in this orientation ("portrait" or "landscape")."""
        if orientation == "landscape":
            return self.height_mm, self.width_mm
        return self.width_mm, self.height_mm

    def text_width_mm(self, orientation: str) -> float:
        return self.size_mm(orientation)[0] - self.margin_left_mm - self.margin_right_mm


@dataclass(frozen=True)
class BodyLayout:
    """Body paragraphs: justified, first line indented."""

    text: TextStyle = TextStyle(14.0)
    first_line_indent_mm: float = 12.7
    space_before_pt: float = 6.0  # and nothing after
    line_spacing: float = 1.15  # in lines (Word's "multiple")


@dataclass(frozen=True)
class RuleLayout:
    """The short rules under the agency, the motto and the titles."""

    fraction: float = 0.4  # of the widest text line above it (the decree: 1/3 to 1/2)
    gap_pt: float = 3.0  # between that line and the rule
    width_pt: float = 0.75


@dataclass(frozen=True)
class HeaderLayout:
    """The borderless two-column block at the top of page 1 (agency left, national title right)."""

    left_mm: float = 62.0  # 62 + 103 = the 165 mm portrait text width
    right_mm: float = 103.0
    parent: TextStyle = TextStyle(13.0)
    agency: TextStyle = TextStyle(13.0, bold=True)  # a short rule under it
    national: TextStyle = TextStyle(13.0, bold=True)
    national_min_pt: float = 12.0  # the decree allows 12–13 pt: 13 only on one line in a column >= 100 mm
    national_min_column_mm: float = 100.0
    motto: TextStyle = TextStyle(13.0, bold=True)  # a rule as long as the motto under it
    number: TextStyle = TextStyle(13.0)
    place_date: TextStyle = TextStyle(14.0, italic=True)
    row_gap_pt: float = 6.0  # above the number / place-and-date row

    def national_pt(self, width_mm: float) -> float:
        """Size of the national title, given its printed width (mm) at national.size."""
        if self.right_mm < self.national_min_column_mm or width_mm > self.right_mm:
            return self.national_min_pt
        return self.national.size


@dataclass(frozen=True)
class TitleLayout:
    """The document type and summary under the header block, and the title of each appendix."""

    space_before_pt: float = 18.0
    doc_type: TextStyle = TextStyle(14.0, bold=True)  # "KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH"
    summary: TextStyle = TextStyle(14.0, bold=True)
    note: TextStyle = TextStyle(14.0, italic=True)  # "(Ban hành kèm theo Quyết định …)"
    # PDF only: 2 pt of air between the italic note and the rule under it, added with the decision
    # pages (2f6f3f8); the DOCX puts only rule.gap_pt there. Kept as found.
    pdf_note_gap_pt: float = 2.0
    space_after_pt: float = 12.0  # under the rule
    appendix_label: TextStyle = TextStyle(14.0, bold=True)  # "Phụ lục I"
    appendix_title: TextStyle = TextStyle(14.0, bold=True)
    appendix_attachment: TextStyle = TextStyle(14.0, italic=True)  # "(Kèm theo Kế hoạch số …)"
    appendix_rule_min_mm: float = 20.0  # the label is short; the decree's sample rule is about 1/3 of it


@dataclass(frozen=True)
class SignatureLayout:
    """Recipients left, signer right: a borderless one-row table kept on one page."""

    left_mm: float = 62.0  # the header block's columns
    right_mm: float = 103.0
    space_before_pt: float = 12.0
    recipients_title: TextStyle = TextStyle(12.0, bold=True, italic=True)  # "Nơi nhận:"
    recipient: TextStyle = TextStyle(11.0)
    authority: TextStyle = TextStyle(14.0, bold=True)
    name: TextStyle = TextStyle(14.0, bold=True)
    gap_lines: int = 4  # empty single-spaced body lines for the signature and seal


@dataclass(frozen=True)
class TableLayout:
    """The appendix tables: a grid, header row bold and repeated, group rows bold."""

    text: TextStyle = TextStyle(12.0)
    header: TextStyle = TextStyle(12.0, bold=True)
    group: TextStyle = TextStyle(12.0, bold=True)
    stt_mm: float = 12.0  # the STT column; the others share the rest of the text width
    pad_x_mm: float = 1.5  # left and right, inside each cell
    pad_y_pt: float = 2.0  # top and bottom
    # PDF only: reportlab sets a cell's first baseline one font size below the top of its text,
    # Word one ascent (FONT.ascent_em) below, so in the PDF the text sat 1.3 pt lower than in the
    # Word file and its descenders touched the bottom border. The PDF moves the text up by that
    # difference: Word's baseline, the same row heights (2 × pad_y_pt), air under the last line.
    pdf_pad_top_pt: float = 0.7
    pdf_pad_bottom_pt: float = 3.3
    grid_pt: float = 0.5
    subtask_indent_mm: float = 3.0  # per depth, in the content cell of a sub-task
    # How a table whose columns are wider than the text area is fitted, as each writer does it:
    # the DOCX scales the columns down only beyond 0.5 mm of overflow (rounding of the column
    # widths is left alone); the PDF scales at any overflow, after giving every column at least
    # 1 mm, because reportlab draws past the margin otherwise.
    docx_overflow_mm: float = 0.5
    pdf_min_column_mm: float = 1.0
    # PDF only: sub-task indents stop growing at this depth, so that a deep row keeps a usable
    # cell (the app makes at most depth 2; the DOCX has no such limit).
    pdf_max_indent_depth: int = 6
    # The title of a group row: justified in the PDF, left-aligned in the DOCX and the XLSX
    # (their group styles set no alignment). Different since the first PDF writer (2d5d2e2).
    pdf_group_title_align: str = "justify"


@dataclass(frozen=True)
class NoteLayout:
    """Footnotes at the foot of the page (DOCX: real Word footnotes; PDF: drawn by the frame)."""

    text: TextStyle = TextStyle(12.0)
    # PDF only (Word sets its own superscript): the mark at 0.65 of the text size, raised 0.33.
    mark_scale: float = 0.65
    mark_rise: float = 0.33
    # PDF only (Word draws its own separator): a rule at the text's left edge above the notes.
    rule_mm: float = 50.0
    rule_width_pt: float = 0.5
    space_above_pt: float = 9.0  # body -> rule
    space_below_pt: float = 4.0  # rule -> first note
    # XLSX only: the notes listed under a table are one point smaller than its 12 pt cells.
    sheet_text: TextStyle = TextStyle(11.0)


FONT = Typeface()
PAGE = PageLayout()
BODY = BodyLayout()
RULE = RuleLayout()
HEADER = HeaderLayout()
TITLE = TitleLayout()
SIGNATURE = SignatureLayout()
TABLE = TableLayout()
NOTES = NoteLayout()
