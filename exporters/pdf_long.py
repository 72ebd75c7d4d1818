"""Long text reaches reportlab in paragraph-sized pieces, so the PDF costs time in proportion to it.

reportlab breaks a paragraph into lines by popping words off the front of a list (quadratic in
the words of one paragraph), and a paragraph taller than a page is split page by page, each split
breaking all the remaining text into lines again (quadratic in the pages). A 100,000-character
cell took 7 s, 300,000 over 30 s. Text longer than LONG_TEXT is therefore cut, into pieces of
PIECE characters, before it becomes a Paragraph: at a line break the officer typed (the print is the same: a forced break starts a line
either way), else after a sentence, else at a space; each piece is a paragraph of its own and a
page break falls between or inside pieces. Text up to LONG_TEXT (anything within the plan's
limits, app/limits.py) is printed exactly as before; longer text comes only from a database
filled before the limits.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from exporters.document import Run

T = TypeVar("T")
LONG_TEXT = 25_000  # characters: above the cell limit (app/limits.py), so every text a plan may hold prints as before
PIECE = 3_000  # characters of a piece of a longer text
_MIN_PIECE = PIECE // 4  # a cut is looked for in the last three quarters of a piece
_BLANK = "\u00a0"  # a piece that is an empty line keeps its line's height


def text_pieces(text: str, limit: int = PIECE) -> list[str]:
    """text cut into pieces of at most `limit` characters (see the module's note); [text] when it
    is not longer than LONG_TEXT."""
    if len(text) <= max(limit, LONG_TEXT):
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut, skip = _cut(window)
        out.append(window[:cut] or _BLANK)
        start += cut + skip
    out.append(text[start:] or _BLANK)
    return out


def _cut(window: str) -> tuple[int, int]:
    """Where to end a piece in window, and how many characters the cut swallows (the break itself)."""
    at = window.rfind("\n")
    if at >= _MIN_PIECE:
        return at, 1
    at = max(window.rfind(". "), window.rfind("; "), window.rfind("! "), window.rfind("? "))
    if at >= _MIN_PIECE:
        return at + 1, 1
    at = window.rfind(" ")
    if at >= _MIN_PIECE:
        return at, 1
    return len(window), 0


def run_pieces(runs: tuple[Run, ...], limit: int = PIECE) -> list[tuple[Run, ...]]:
    """Runs cut like text_pieces: a long run is cut inside, short runs stay together."""
    if sum(len(r.text) for r in runs) <= max(limit, LONG_TEXT):
        return [runs]
    groups: list[list[Run]] = [[]]
    for r in runs:
        parts = text_pieces(r.text, limit) if r.note is None else [r.text]
        groups[-1].append(replace(r, text=parts[0]))
        for part in parts[1:]:
            groups.append([replace(r, text=part)])
    return [tuple(g) for g in groups]


@lru_cache(maxsize=64)
def piece_style(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    """The style of one piece of a long paragraph: the space and indent before it only on the
    first piece, the space after and keep-with-next only on the last."""
    return ParagraphStyle(
        f"{style.name}-piece-{int(first)}{int(last)}",
        parent=style,
        spaceBefore=style.spaceBefore if first else 0,
        firstLineIndent=style.firstLineIndent if first else 0,
        spaceAfter=style.spaceAfter if last else 0,
        keepWithNext=getattr(style, "keepWithNext", 0) if last else 0,
    )


def styled(pieces: list[T], style: ParagraphStyle) -> list[tuple[T, ParagraphStyle]]:
    """Each piece with its piece_style (the style itself when there is one piece)."""
    if len(pieces) == 1:
        return [(pieces[0], style)]
    n = len(pieces)
    return [(p, piece_style(style, i == 0, i == n - 1)) for i, p in enumerate(pieces)]


class Stack(Flowable):
    """The pieces of one long table cell as one flowable: measured once per width, split between
    pieces (or inside the one at the cut), so a page of a tall row costs only that page's pieces
    (a plain list would be measured again, piece by piece, on every page that follows)."""

    def __init__(self, pieces: list[Flowable], heights: list[float | None] | None = None, at: float | None = None):
        super().__init__()
        self.pieces = pieces
        self._at = at  # the width the heights were measured at
        self._heights = heights

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        if self._at != aw or self._heights is None or None in self._heights:
            self._heights = [f.wrap(aw, ah)[1] for f in self.pieces]
            self._at = aw
        self.width, self.height = aw, sum(h for h in self._heights if h is not None)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        self.wrap(aw, ah)
        heights = [h or 0.0 for h in self._heights or ()]
        used = 0.0
        for j, (f, h) in enumerate(zip(self.pieces, heights, strict=True)):
            if used + h <= ah:
                used += h
                continue
            parts = f.split(aw, ah - used)
            if len(parts) >= 2:
                top, rest = [*self.pieces[:j], parts[0]], [*parts[1:], *self.pieces[j + 1 :]]
                rest_heights: list[float | None] = [None] * (len(parts) - 1) + list(heights[j + 1 :])
            else:
                top, rest, rest_heights = self.pieces[:j], self.pieces[j:], list(heights[j:])
            if not top:
                return []
            return [Stack(top), Stack(rest, rest_heights, aw)]
        return [self]

    def draw(self) -> None:
        y = self.height
        for f, h in zip(self.pieces, self._heights or (), strict=True):
            y -= h or 0.0
            f.wrapOn(self.canv, self.width, h or 0.0)  # a split it refused dropped its lines
            f.drawOn(self.canv, 0, y)
