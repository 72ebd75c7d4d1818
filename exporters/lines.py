"""Balanced line breaks for centred titles, decided once (build.py) and printed alike by every writer."""

# A centred title wrapped by the writer fills its first line and leaves the rest to the second:
# "… CẢI CÁCH HÀNH / CHÍNH NĂM 2027", "… CHÍNH QUYỀN SỐ NĂM / 2027". Titles are broken here instead,
# into the fewest lines that fit, as even in width as they can be, never before a number (năm
# 2027, số 09) or a dash, preferably not inside a common two-syllable word, and never with a last
# line of one or two short words. The breaks are "\n" in the Document's text: the PDF prints them
# as <br/>, the DOCX as w:br, the workbook as a line break in the cell, each measured here with
# the metrics every writer uses (fonts.py: Times New Roman or its metric twin Liberation Serif).

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from exporters.fonts import reportlab_faces
from exporters.layout import MM_PER_INCH, TextStyle

_PT_PER_MM = 72 / MM_PER_INCH
_SLACK_PT = 1.0  # under the full width: a writer never wraps a balanced line again
_MAX_SPLITS = 20000  # ways to break a title tried at most (a title has a few dozen words)
# Two syllables that make one word in these titles, better not parted by a line break.
_WORDS = frozenset(
    (
        "cải cách", "hành chính", "nhiệm vụ", "trọng tâm", "xây dựng", "phát triển", "chính quyền",
        "điện tử", "nhà nước", "công vụ", "tổ chức", "bộ máy", "thủ tục", "tài chính", "chỉ đạo",
        "điều hành", "tuyên truyền", "kế hoạch", "quyết định", "ủy ban", "uỷ ban", "nhân dân",
        "thực hiện", "phân công", "mục tiêu", "chỉ số", "hài lòng", "người dân", "thể chế", "công tác",
        "ban hành", "kèm theo", "giai đoạn", "chế độ", "kinh phí", "cơ quan", "đơn vị", "chủ tịch",
        "nâng cao", "hiệu quả", "kết quả", "đánh giá", "chuyển đổi", "doanh nghiệp", "dịch vụ",
        "công chức", "viên chức", "cán bộ", "hiện đại", "chất lượng",
    )
)  # fmt: skip
_HARD, _SOFT, _SHORT_LAST = 10.0, 0.25, 10.0  # costs, against raggedness (a fraction of the width)
_SPACE = re.compile(r"(?<! ) (?! )")  # a single space; runs of spaces are blanks to fill, kept whole


@lru_cache(maxsize=4096)
def _width(text: str, bold: bool, italic: bool, size: float) -> float:
    """Printed width (pt) of one line in the house serif face."""
    from reportlab.pdfbase import pdfmetrics

    style = ("bold" if bold else "") + ("italic" if italic else "") or "regular"
    try:
        return pdfmetrics.stringWidth(text, reportlab_faces()[style], size)
    except Exception:  # a missing or broken font file must not stop the export: Times' own metrics
        base = text.encode("latin-1", "replace").decode("latin-1")
        return pdfmetrics.stringWidth(base, "Times-Bold" if bold else "Times-Roman", size)


def _break_cost(before: str, after: str) -> float:
    if after[:1].isdigit() or after[:1] in "-–—)/" or before[-1:] in "(/":
        return _HARD
    # a date holds together too: "tháng 01 năm 2027"
    return _SOFT if before[-1:].isdigit() or f"{before} {after}".lower() in _WORDS else 0.0


def _fewest_lines(widths: list[float], space: float, limit: float) -> int:
    lines, used = 1, widths[0]
    for w in widths[1:]:
        if used + space + w > limit:
            lines, used = lines + 1, w
        else:
            used += space + w
    return lines


def _cost(words: list[str], cuts: tuple[int, ...], line_width, limit: float) -> tuple[float, float] | None:
    """(cost, -first line width) of breaking before each index in cuts; None if a line is too wide."""
    bounds = (0, *cuts, len(words))
    widths = [line_width(" ".join(words[a:b])) for a, b in itertools.pairwise(bounds)]
    if max(widths) > limit:
        return None
    cost = (max(widths) - min(widths)) / limit + sum(_break_cost(words[c - 1], words[c]) for c in cuts)
    last = words[cuts[-1] :]
    if len(last) <= 2 and widths[-1] < 0.4 * max(widths):
        cost += _SHORT_LAST
    return cost, -widths[0]


def balance(text: str, style: TextStyle, width_mm: float) -> str:
    """text broken into balanced lines ("\\n" between them) to print centred in width_mm; text
    that fits on one line, or that already holds breaks, is returned as it is."""
    if not text or "\n" in text:
        return text

    def line_width(s: str) -> float:
        return _width(s, style.bold, style.italic, style.size)

    limit = width_mm * _PT_PER_MM - _SLACK_PT
    if line_width(text) <= limit:
        return text
    words = _SPACE.split(text.strip())
    if len(words) < 2:
        return text
    limit = max(limit, *(line_width(w) for w in words))  # a word wider than the line stands alone
    n = _fewest_lines([line_width(w) for w in words], line_width(" "), limit)
    if n < 2:
        return text
    best: tuple[tuple[float, float], tuple[int, ...]] | None = None
    for k, cuts in enumerate(itertools.combinations(range(1, len(words)), n - 1)):
        if k >= _MAX_SPLITS:
            break
        cost = _cost(words, cuts, line_width, limit)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, cuts)
    if best is None:
        return text
    bounds = (0, *best[1], len(words))
    return "\n".join(" ".join(words[a:b]) for a, b in itertools.pairwise(bounds))
