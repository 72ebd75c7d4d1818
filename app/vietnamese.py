"""Vietnamese text rules: NFC, official date and number forms, letter sequences, folding."""

from __future__ import annotations

import re
import unicodedata

from app.model import DocDate

# Letters used for "điểm" a), b), … (no f, j, w, z; đ after d) — Nghị định 30/2020, Phụ lục I.
LETTERS: tuple[str, ...] = tuple("a b c d đ e g h i k l m n o p q r s t u v x y".split())

# What a blank number or day looks like in a draft: spaces the clerk types into.
BLANK = "    "
DRAFT_NUMBER = "      "

# Characters no XML file may hold, and the bidirectional controls (U+202A–U+202E embeddings and
# overrides, U+2066–U+2069 isolates, U+200E/U+200F/U+061C marks): Vietnamese text never needs them,
# and an override turns "exe.txt" into what looks like "txt.exe" in an export (a "Trojan Source" trick).
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """NFC, Windows line ends unified, and control characters that no XML file may hold and
    bidirectional controls removed."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def letter(n: int) -> str:
    """1 -> a, 5 -> đ, 23 -> y; past y the sequence doubles (aa, bb …) rather than failing."""
    if n < 1:
        raise ValueError(n)
    q, r = divmod(n - 1, len(LETTERS))
    return LETTERS[r] * (q + 1)


def roman(n: int) -> str:
    if n < 1:
        raise ValueError(n)
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero, 3–12 do not (Nghị định 30/2020)."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(d: DocDate) -> str:
    """'ngày 05 tháng 01 năm 2024'; a blank day or month keeps room for the clerk."""
    day = day_text(d.day) if d.day else BLANK
    month = month_text(d.month) if d.month else BLANK
    return f"ngày {day} tháng {month} năm {d.year}"


def place_date_line(place: str, d: DocDate) -> str:
    """'Phú Sơn, ngày 05 tháng 01 năm 2024'."""
    words = date_words(d)
    return f"{place}, {words}" if place else words.capitalize()


def number_text(number: str) -> str:
    """'9' -> '09'; non-numeric numbers are kept as typed; '' stays blank."""
    number = number.strip()
    if number.isdigit() and int(number) < 10:
        return f"{int(number):02d}"
    return number


def number_symbol(number: str, symbol: str) -> str:
    """'09/KH-UBND', or '    /KH-UBND' while the number is left blank."""
    num = number_text(number)
    return f"{num}/{symbol}" if num else f"{DRAFT_NUMBER}/{symbol}"


def number_line(number: str, symbol: str) -> str:
    """'Số: 09/KH-UBND'; draft 'Số:      /KH-UBND'."""
    num = number_text(number)
    return f"Số: {num}/{symbol}" if num else f"Số:{DRAFT_NUMBER}/{symbol}"


def short_date(d: DocDate) -> str:
    """'17/01/2023' for cross references; blanks where the draft has none."""
    day = f"{d.day:02d}" if d.day else BLANK
    month = f"{d.month:02d}" if d.month else BLANK
    return f"{day}/{month}/{d.year}"


def fold_slow(text: str) -> str:
    """`fold` by its definition, a character at a time in Python (kept to test `fold` against)."""
    text = nfc(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


class _FoldTable(dict):
    """str.translate's table for `fold`, filled as characters are met: each lower-case character
    of NFD text minus its combining marks ('ệ' -> 'e', 'đ' -> 'd'). Bounded: past _FOLD_CACHE
    characters (a hostile file's every code point) the answer is computed and not kept."""

    def __missing__(self, code: int) -> str:
        ch = chr(code).lower().replace("đ", "d")
        out = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        if len(self) < _FOLD_CACHE:
            self[code] = out
        return out


_FOLD_CACHE = 4096
_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Accent- and case-insensitive key for search: 'Hài Lòng' -> 'hai long'. Equal to `fold_slow`
    (tests/app/test_vietnamese_fold.py) and about 20 times faster: import folds every header cell."""
    if text.isascii():
        return text.lower()
    text = nfc(text)
    if "Σ" in text or "İ" in text:  # final sigma and dotted I: lower() depends on context
        return fold_slow(text)
    return text.translate(_FOLD)


def ascii_fold(text: str) -> str:
    """'phường Phú Sơn' -> 'phuong Phu Son' (case kept): for file names."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def file_slug(agency: str) -> str:
    """'phuong-Phu-Son' from any agency form ('' when there is none)."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in ascii_fold(locality(agency)).split()]
    return "-".join(w for w in words if w)


def title_case(text: str) -> str:
    """'PHÚ SƠN' -> 'Phú Sơn' (word by word, keeping the rest of each word)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


_KINDS = ("đặc khu", "thị trấn", "phường", "xã", "thành phố", "tỉnh", "thị xã", "huyện", "quận")
_UBND_PREFIXES = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")


def split_locality(agency: str) -> tuple[str, str]:
    """('phường', 'Phú Sơn') from 'ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN', 'UBND phường Phú Sơn' or 'Phường Phú Sơn'."""
    text = " ".join(nfc(agency).split())
    low = text.lower()
    for prefix in _UBND_PREFIXES:
        if low.startswith(prefix):
            text = text[len(prefix) :].strip()
            low = text.lower()
            break
    for kind in _KINDS:
        if low.startswith(kind + " "):
            return kind, title_case(text[len(kind) + 1 :])
    return "", title_case(text) if text.isupper() else text


def locality(agency: str) -> str:
    """'phường Phú Sơn' from any agency form."""
    kind, name = split_locality(agency)
    return f"{kind} {name}".strip()


def agency_header(agency: str) -> str:
    """The issuing agency as the header prints it: 'ỦY BAN NHÂN DÂN\\nPHƯỜNG PHÚ SƠN'."""
    kind, name = split_locality(agency)
    if not kind:
        return nfc(agency).upper()
    return f"ỦY BAN NHÂN DÂN\n{kind.upper()} {name.upper()}"


def parent_header(parent: str) -> str:
    """'UBND TỈNH THANH HÓA' from 'tỉnh Thanh Hóa' or 'Ủy ban nhân dân tỉnh Thanh Hóa'."""
    if not parent.strip():
        return ""
    kind, name = split_locality(parent)
    if not kind:
        return nfc(parent).upper()
    return f"UBND {kind.upper()} {name.upper()}"


# Tone-mark placement in "oa", "oe", "uy" at the end of a syllable: old style "hoà, uỷ",
# new style "hòa, ủy". Both are in use; a document should keep to one.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
# The syllable must end right there: no letter and no further mark (ặ in "hoặc" is a + dot + breve).
_END = r"(?![\w\u0300-\u036f])"
_OLD = re.compile(rf"(?<![qQ])([oO])([aAeE])([{_TONES}]){_END}|(?<![qQ])([uU])([yY])([{_TONES}]){_END}")
_NEW = re.compile(rf"(?<![qQ])([oO])([{_TONES}])([aAeE]){_END}|(?<![qQ])([uU])([{_TONES}])([yY]){_END}")


def _swap(m: re.Match) -> str:
    g = m.groups()
    a, b, c = (g[0], g[1], g[2]) if g[0] is not None else (g[3], g[4], g[5])
    return a + c + b


def tone_style_counts(text: str) -> tuple[int, int]:
    """(old-style, new-style) occurrences: 'hoà, uỷ' vs 'hòa, ủy'."""
    d = unicodedata.normalize("NFD", text)
    return len(_OLD.findall(d)), len(_NEW.findall(d))


def to_tone_style(text: str, style: str) -> str:
    """Rewrite every 'oa/oe/uy' syllable to the 'new' (hòa, ủy) or 'old' (hoà, uỷ) placement."""
    d = unicodedata.normalize("NFD", text)
    d = (_OLD if style == "new" else _NEW).sub(_swap, d)
    return unicodedata.normalize("NFC", d)
