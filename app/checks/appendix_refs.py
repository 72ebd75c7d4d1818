"""References to appendices in running text: "Phụ lục II", "Phụ lục số 03", "phụ lục 2",
"các Phụ lục số 01 đến Phụ lục số 07", "Phụ lục I, II và III"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MENTION = re.compile(r"(?i:phụ\s+lục)(?!\w)")
# One numeral after "Phụ lục" (roman numerals in capitals only: "phụ lục và …" is no "V").
_ITEM = re.compile(r"\s*(?i:(số)\s+)?([IVXLC]+|\d{1,2})(?![\w%/]|[.,]\d)")
# Between two numerals of one reference: a list ("," "và") or a range ("đến" "-").
_JOIN = re.compile(r"\s*(,|(?i:và|hoặc)|(?i:đến|tới)|[-–])\s*(?:(?i:(?:các\s+)?phụ\s+lục)(?!\w))?")
# What follows a reference to another document's appendix: "Phụ lục II kèm theo Quyết định số 282/…".
_OTHER_DOCUMENT = re.compile(
    r"\s*,?\s*(?i:(?:ban\s+hành\s+)?kèm\s+theo\s+|của\s+|tại\s+)?"
    r"(?i:quyết\s+định|kế\s+hoạch|nghị\s+định|nghị\s+quyết|thông\s+tư|chỉ\s+thị|công\s+văn|văn\s+bản|"
    r"hướng\s+dẫn|chương\s+trình|đề\s+án)\s+(?i:số\s+)?\d"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def from_roman(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


@dataclass(frozen=True)
class AppendixRef:
    """One appendix named in a text, and how it was written."""

    n: int
    style: str  # "roman", "number" ("số 03", "03") or "arabic" — the styles of app.numbering
    start: int
    end: int  # the span of the whole reference it belongs to ("Phụ lục số 01 đến Phụ lục số 07")


@dataclass(frozen=True)
class Mention:
    """A "phụ lục" in a text: the appendices it names (none: "các phụ lục kèm theo")."""

    refs: tuple[AppendixRef, ...]
    other_document: bool  # the appendix of a cited document, not of this plan


def _item(m: re.Match) -> tuple[int, str]:
    word, numeral = m.group(1), m.group(2)
    if numeral.isdigit():
        return int(numeral), "number" if word or numeral.startswith("0") else "arabic"
    return from_roman(numeral), "roman"


def _read(text: str, pos: int) -> tuple[list[tuple[int, str]], int]:
    """The numerals of one reference starting at `pos` (a range expanded) and where it ends."""
    items: list[tuple[int, str]] = []
    m = _ITEM.match(text, pos)
    while m:
        n, style = _item(m)
        if items and items[-1][1] == "range":
            first = items.pop()[0]
            items += [(k, style) for k in range(first + 1, n)]
        items.append((n, style))
        pos = m.end()
        join = _JOIN.match(text, pos)
        following = _ITEM.match(text, join.end()) if join else None
        if join is None or following is None:
            break
        if join.group(1).lower() in ("đến", "tới", "-", "–"):
            items.append((n, "range"))
        pos, m = join.end(), following
    return [(n, s) for n, s in items if s != "range"], pos


def mentions(text: str) -> Iterator[Mention]:
    """Every "phụ lục" of a text, in order, with the appendices it names."""
    pos = 0
    for m in _MENTION.finditer(text):
        if m.start() < pos:
            continue  # the second "Phụ lục" of "Phụ lục số 01 đến Phụ lục số 07"
        items, pos = _read(text, m.end())
        pos = max(pos, m.end())
        refs = tuple(AppendixRef(n, style, m.start(), pos) for n, style in items if n > 0)
        yield Mention(refs, _OTHER_DOCUMENT.match(text, pos) is not None)
