"""The words of a row: its number as written, the reform area a title names, text joined across rows."""

from __future__ import annotations

import re

from app.vietnamese import LETTERS, fold

_AREA_KEYWORDS: dict[str, tuple[str, ...]] = {
    "institutions": ("the che",),
    "procedures": ("thu tuc", "tthc", "mot cua"),
    "apparatus": ("to chuc bo may", "bo may"),
    "civil_service": ("che do cong vu", "cong vu", "can bo, cong chuc", "doi ngu can bo"),
    "public_finance": ("tai chinh cong", "tai chinh"),
    "digital_government": (
        "chinh quyen dien tu",
        "chinh quyen so",
        "chinh phu dien tu",
        "chinh phu so",
        "chuyen doi so",
        "dien tu",
        "hien dai hoa",
    ),
    "direction": ("chi dao", "dieu hanh", "tuyen truyen"),
}

_ROMAN = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
_GROUP_LABEL = re.compile(rf"^({_ROMAN}|[A-H])\s*[.):\-–]?$")
_GROUP_PREFIX = re.compile(rf"^({_ROMAN}|[A-H])(?:\s*[.):\-–]\s*|\s+)(\S.*)$", re.S)
# Each part of a number has up to 4 digits: a table holds up to 5,000 rows (app.importing.grid.MAX_ROWS),
# and a row numbered 1000 must not read as text (it was joined to task 999 as its continuation).
DECIMAL = re.compile(r"^(\d{1,4}(?:\.\d{1,4})*)\.?$")
_LETTER = re.compile(r"^([a-zđ])\s*[).]?$")
_BULLET = re.compile(r"^[-+•*–—·]$")
_CONTENT_PREFIX = re.compile(r"^(\d{1,4}(?:\.\d{1,4})*\.|\d{1,4}\.\d{1,4}|[a-zđ]\)|[-+•–])\s+(\S.*)$", re.S)
_HEADING_START = ("cai cach", "xay dung", "cong tac", "chinh quyen", "chuyen doi so", "hien dai hoa", "linh vuc")
# A lettered item opening a text: 'b) Rà soát', 'c. Rà soát', 'đ)Rà soát' — Vietnamese item letters only
# (no f, j, w, z), and a '.' must be followed by a space ('v.v.' opens nothing).
_LETTER_ITEM = re.compile(rf"^([{''.join(LETTERS)}])(\)\s*|\.\s+)(\S.*)$", re.S)
_LETTER_ORDER = "".join(LETTERS)
SENTENCE_END = ".;:!?…)"


def guess_area(text: str) -> str:
    """The reform area a group title names ('II Cải cách thủ tục hành chính' -> 'procedures'), or ''."""
    folded = " ".join(fold(text).split())
    best, best_pos = "", len(folded) + 1
    for area, words in _AREA_KEYWORDS.items():
        for w in words:
            pos = folded.find(w)
            if 0 <= pos < best_pos:
                best, best_pos = area, pos
    return best


def compact(text: str) -> str:
    """Letters and digits only, folded: 'Số TT' -> 'sott' (a header compared whatever its spacing)."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def parse_label(text: str) -> tuple[str, object]:
    """('decimal', [2, 1]) / ('letter', 'a') / ('group', 'II') / ('bullet', '-') / ('text', …) / ('', None)."""
    t = " ".join(text.split())
    if not t:
        return "", None
    m = DECIMAL.match(t)
    if m:
        return "decimal", [int(x) for x in m.group(1).split(".")]
    if _GROUP_LABEL.match(t):
        return "group", t.rstrip(".):-– ")
    m = _LETTER.match(t)
    if m:
        return "letter", m.group(1)
    if _BULLET.match(t):
        return "bullet", t
    return "text", t


def split_group_prefix(text: str) -> tuple[str, str] | None:
    """('II', 'Cải cách thủ tục hành chính') from 'II. Cải cách thủ tục hành chính', or None."""
    m = _GROUP_PREFIX.match(text)
    return (m.group(1), m.group(2)) if m else None


def split_content_number(text: str) -> tuple[str, str] | None:
    """('2.1', 'Số hóa hồ sơ') from '2.1 Số hóa hồ sơ' (a number typed into the content), or None."""
    m = _CONTENT_PREFIX.match(text)
    return (m.group(1), m.group(2)) if m else None


def split_letter_item(text: str) -> tuple[str, str] | None:
    """('b)', 'Rà soát văn bản') from 'b) Rà soát văn bản', ('c.', …) from 'c. …'; None when the text
    opens no lettered item."""
    m = _LETTER_ITEM.match(text)
    return (m.group(1) + m.group(2).strip(), m.group(3)) if m else None


def item_letters(text: str) -> list[str]:
    """The letters of the lines of a text that open a lettered item: 'Gồm:\na) …\nb) …' -> ['a', 'b']."""
    return [m.group(1) for m in map(_LETTER_ITEM.match, text.split("\n")) if m]


def follows(before: str, letter: str) -> bool:
    """`letter` comes right after `before` in the item letters: 'đ' after 'd', 'g' after 'e'."""
    return len(before) == len(letter) == 1 and before + letter in _LETTER_ORDER


def looks_like_heading(text: str) -> bool:
    """A short title that starts like an area heading ('Cải cách …', 'Xây dựng …') and names an area."""
    folded = " ".join(fold(text).split())
    return bool(guess_area(text)) and folded.startswith(_HEADING_START) and len(text) <= 120 and text[-1] not in ".;"


def join_text(before: str, after: str) -> str:
    """Two pieces of one cell's text: a sentence cut by a page break goes on after a space, else a new line."""
    if not before:
        return after
    if not after:
        return before
    if split_letter_item(after):  # a lettered item starts its own line, even inside a sentence
        return f"{before}\n{after}"
    if before[-1] not in SENTENCE_END and (after[0].islower() or after[0].isdigit() or after[0] in ",;)"):
        return f"{before} {after}"
    return f"{before}\n{after}"
