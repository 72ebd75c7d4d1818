"""Text for reportlab: the serif faces, what they can draw, Paragraph markup and paragraph styles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from exporters.document import Run
from exporters.fonts import reportlab_faces
from exporters.layout import BODY, FONT, NOTES, TABLE, TextStyle

# Word's "1.15 lines" is 1.15 single lines of the font; the same leading keeps the page breaks
# close to the DOCX.
SINGLE = FONT.single_line_em
BODY_LEADING = BODY.text.size * SINGLE * BODY.line_spacing
SUBSTITUTE = "\u25a1"  # □, drawn for characters the font has no glyph for
SUPERSCRIPT_ZERO = "\u2070"  # ⁰, missing from the faces; drawn as a raised 0 (see markup)
_SPACES = re.compile(r" {2,}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DROP = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]"
    r"|[\U000e0000-\U000e01ef]"
)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    missing: re.Pattern[str]  # matches characters that any of the four faces lacks


def _ranges(codes: list[int]) -> str:
    """A regex character-class body for sorted code points, as ranges."""
    out: list[tuple[int, int]] = []
    for c in codes:
        if out and c == out[-1][1] + 1:
            out[-1] = (out[-1][0], c)
        else:
            out.append((c, c))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out)


@lru_cache(maxsize=1)
def pdf_fonts() -> Fonts:
    """The four serif faces, and which characters all of them can draw."""
    names = reportlab_faces()
    covered: set[int] | None = None
    for name in names.values():
        cmap = set(pdfmetrics.getFont(name).face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    codes = sorted((covered or set()) | {0x0A, 0x20, 0xA0, ord(SUPERSCRIPT_ZERO)})
    missing = re.compile(f"[^{_ranges(codes)}]")
    return Fonts(names["regular"], names["bold"], names["italic"], names["bolditalic"], missing)


def guard(text: str, fonts: Fonts) -> str:
    """Text the font can draw: drop invisible controls, replace glyph-less characters by □."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    if fonts.missing.search(text) is None:
        return text
    text = _DROP.sub("", text)
    return fonts.missing.sub(SUBSTITUTE, text)


def meta_text(text: str) -> str:
    """Metadata needs no glyphs, only valid, NFC Unicode."""
    return unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", _DROP.sub("", text)))


def _escape(text: str) -> str:
    """xml.sax.saxutils.escape without its import cost (it pulls in urllib and http.client)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, fonts: Fonts) -> str:
    """Plain text -> Paragraph markup: escaped, newlines as <br/>, runs of spaces kept (non-breaking)."""
    text = _escape(guard(text, fonts))
    if SUPERSCRIPT_ZERO in text:  # the faces lack U+2070 (note marks 10, 20 …): raise a plain 0
        text = text.replace(SUPERSCRIPT_ZERO, "<super>0</super>")
    if "  " in text:
        text = _SPACES.sub(lambda m: "\u00a0" * (len(m.group()) - 1) + " ", text)
    return text.replace("\n", "<br/>")


def note_mark(number: int, size: float) -> str:
    """A footnote number as a superscript, about 2/3 of the text size and raised 1/3 (as Word)."""
    size, rise = round(size * NOTES.mark_scale, 1), round(size * NOTES.mark_rise, 1)
    return f'<super size="{size}" rise="{rise}">{int(number or 0)}</super>'


def runs_markup(runs: tuple[Run, ...], fonts: Fonts, size: float) -> str:
    """Runs as Paragraph markup: each in its own bold/italic, a footnote reference as its mark."""
    out = []
    for r in runs:
        if getattr(r, "note", None) is not None:  # a footnote reference: its number as a superscript mark
            out.append(note_mark(getattr(r, "note_number", 0), size))
            continue
        t = markup(r.text, fonts)
        if r.italic:
            t = f"<i>{t}</i>"
        if r.bold:
            t = f"<b>{t}</b>"
        out.append(t)
    return "".join(out)


def tagged(text: str, style: TextStyle) -> str:
    """Markup set bold and/or italic as the house style says."""
    if style.italic:
        text = f"<i>{text}</i>"
    return f"<b>{text}</b>" if style.bold else text


def text_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the body, the table cells and the notes."""

    body: ParagraphStyle
    heading: ParagraphStyle
    center: ParagraphStyle
    th: ParagraphStyle
    td: dict[str, ParagraphStyle]
    note: ParagraphStyle


def face(fonts: Fonts, style: TextStyle) -> str:
    """The face a house text style is set in."""
    if style.bold:
        return fonts.bold_italic if style.italic else fonts.bold
    return fonts.italic if style.italic else fonts.regular


@lru_cache(maxsize=64)
def single_style(size: float, align: int = TA_CENTER, font: str = "") -> ParagraphStyle:
    """Single-spaced lines of one size and face (the blocks, table cells and notes)."""
    font = font or pdf_fonts().regular
    return ParagraphStyle(
        f"single-{size}-{align}-{font}", fontName=font, fontSize=size, leading=size * SINGLE, alignment=align
    )


def block_line(text: str, style: TextStyle, fonts: Fonts, align: int = TA_CENTER) -> Paragraph:
    """A line of a header, title or signature block in its house style."""
    return Paragraph(markup(text, fonts), single_style(style.size, align, face(fonts, style)))


@lru_cache(maxsize=1)
def pdf_styles() -> Styles:
    f = pdf_fonts()
    body = ParagraphStyle(
        "body",
        fontName=f.regular,
        fontSize=BODY.text.size,
        leading=BODY_LEADING,
        alignment=TA_JUSTIFY,
        firstLineIndent=BODY.first_line_indent_mm * mm,
        spaceBefore=BODY.space_before_pt,
        spaceAfter=0,
        # Word's widow/orphan control: never one line of a paragraph alone at the foot or the
        # head of a page (reportlab's default allows a last line alone at the head).
        allowOrphans=0,
        allowWidows=0,
    )
    cell = TABLE.text.size
    return Styles(
        body=body,
        heading=ParagraphStyle("heading", parent=body, keepWithNext=1),
        center=ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0),
        th=single_style(TABLE.header.size, font=face(f, TABLE.header)),
        td={
            "left": single_style(cell, TA_LEFT),
            "center": single_style(cell),
            "justify": single_style(cell, TA_JUSTIFY),
        },
        note=single_style(NOTES.text.size, TA_JUSTIFY),
    )


@lru_cache(maxsize=32)
def indented(style: ParagraphStyle, depth: int) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_{depth}", parent=style, leftIndent=TABLE.subtask_indent_mm * mm * depth)
