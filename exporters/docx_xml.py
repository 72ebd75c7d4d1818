"""WordprocessingML pieces written as text: units, clean text, runs, paragraph properties, text widths."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from exporters.fonts import reportlab_faces
from exporters.layout import RULE, TextStyle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
# Characters no XML 1.0 file may hold (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF),
# plus C1 controls, which Word refuses; NEL and the Unicode line/paragraph separators become LF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n|[\r\x85\u2028\u2029]")


def twips(mm: float) -> int:
    return int(round(mm * 1440 / 25.4))


def half_points(pt: float) -> int:
    """Half-points, the unit of w:sz."""
    return int(round(pt * 2))


def eighths(pt: float) -> int:
    """Eighths of a point, the unit of border widths."""
    return int(round(pt * 8))


def clean(text: object) -> str:
    """NFC text without characters XML cannot hold; never raises on any Unicode."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _INVALID_XML.sub("", text)
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def w_t(text: str, cleaned: bool = False) -> str:
    """w:t content for one run; tabs and line breaks become w:tab / w:br."""
    body = escape(text if cleaned else clean(text))
    if "\t" in body:
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    if "\n" in body:
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return f'<w:t xml:space="preserve">{body}</w:t>'


def w_rpr(size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> str:
    """Run properties in schema order. bold/italic: True on, False explicitly off, None inherit."""
    out = []
    if bold is not None:
        out.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if italic is not None:
        out.append("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    if size is not None:
        out.append(f'<w:sz w:val="{half_points(size)}"/><w:szCs w:val="{half_points(size)}"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def text_rpr(style: TextStyle) -> str:
    """Run properties of a house text style: its size, and bold/italic when it has them."""
    return w_rpr(style.size, bold=True if style.bold else None, italic=True if style.italic else None)


def w_r(text: str, rpr: str = "", cleaned: bool = False) -> str:
    return f"<w:r>{rpr}{w_t(text, cleaned)}</w:r>"


def style_id(name: str) -> str:
    """Style id from its name: 'KH Can cu' -> 'KHCancu'."""
    return name.replace(" ", "")


def w_ppr(
    style: str,
    keep_next: bool = False,
    border_top: bool = False,
    before: float | None = None,
    after: float | None = None,
    ind_left: int | None = None,
    ind_right: int | None = None,
    first_line: int | None = None,
    jc: str | None = None,
    extra: str = "",
) -> str:
    """Paragraph properties in schema order (pStyle, keepNext, pBdr, spacing, ind, jc, rPr/sectPr)."""
    out = [f'<w:pPr><w:pStyle w:val="{style_id(style)}"/>']
    if keep_next:
        out.append("<w:keepNext/>")
    if border_top:
        out.append(
            f'<w:pBdr><w:top w:val="single" w:sz="{eighths(RULE.width_pt)}" w:space="1" w:color="auto"/></w:pBdr>'
        )
    if before is not None or after is not None:
        attrs = ""
        if before is not None:
            attrs += f' w:before="{int(round(before * 20))}"'
        if after is not None:
            attrs += f' w:after="{int(round(after * 20))}"'
        out.append(f"<w:spacing{attrs}/>")
    if ind_left is not None or ind_right is not None or first_line is not None:
        attrs = ""
        if ind_left is not None:
            attrs += f' w:left="{ind_left}"'
        if ind_right is not None:
            attrs += f' w:right="{ind_right}"'
        if first_line is not None:
            attrs += f' w:firstLine="{first_line}"'
        out.append(f"<w:ind{attrs}/>")
    if jc is not None:
        out.append(f'<w:jc w:val="{jc}"/>')
    out.append(extra)
    out.append("</w:pPr>")
    return "".join(out)


def w_p(ppr: str, runs: str = "") -> str:
    return f"<w:p>{ppr}{runs}</w:p>"


@lru_cache(maxsize=4)
def _font(style: str) -> str | None:
    """reportlab name of a serif face to measure with, or None when it cannot load."""
    try:
        return reportlab_faces()[style]
    except Exception:  # a missing or broken font file must not stop the export
        return None


@lru_cache(maxsize=1024)
def text_width_mm(text: str, size: float, bold: bool = True) -> float:
    """Printed width of one line of Times New Roman text (Liberation Serif metrics)."""
    from reportlab.pdfbase import pdfmetrics

    font = _font("bold" if bold else "regular")
    try:
        if font is not None:
            return pdfmetrics.stringWidth(text, font, size) * 25.4 / 72
    except Exception:
        pass
    # Fallback: reportlab's built-in Times metrics on the letters without their diacritics.
    base = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    base = base.encode("latin-1", "ignore").decode("latin-1")
    return pdfmetrics.stringWidth(base, "Times-Bold" if bold else "Times-Roman", size) * 25.4 / 72


def short_rule_mm(lines: tuple[str, ...] | list[str], size: float, avail_mm: float) -> float:
    """A short rule: RULE.fraction of the widest line above it (as printed, at most the width)."""
    widest = max((text_width_mm(clean(x), size) for x in lines), default=avail_mm / 2)
    return RULE.fraction * min(widest, avail_mm)
