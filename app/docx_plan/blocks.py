"""The header block and the signature block, from the lines of their two columns.

Both come as a borderless two-column table, as tab-separated paragraphs or (the header) text
boxes; the caller splits them into left and right lines, and these functions say what each is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.docx_plan.source import Para
from app.model import DocDate, Signer
from app.vietnamese import fold

_NUMBER = re.compile(r"^s[ốo]\s*:?\s*(?P<num>[^/]*?)\s*/\s*(?P<sym>\S+)\s*$", re.I)
_DATE = re.compile(
    r"^(?:(?P<place>[^,]+),\s*)?ngày\s*(?P<d>[\d.…_\s]*?)\s*tháng\s*(?P<m>[\d.…_\s]*?)\s*năm\s*(?P<y>\d{4})\s*$",
    re.I,
)
_RULE = re.compile(r"^[-_–—=.…\s]+$")
_NATIONAL = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap")
_UBND = ("uy ban nhan dan", "ubnd")
_AGENCY_MAX = 90  # an agency line is short and in capitals
AUTHORITY_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


@dataclass
class Header:
    parent_agency: str = ""
    agency: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: DocDate | None = None
    found: bool = False
    leftovers: list[str] = field(default_factory=list)


def is_rule(text: str) -> bool:
    return bool(_RULE.match(text))


def is_national(text: str) -> bool:
    f = " ".join(fold(text).split())
    return f.startswith(_NATIONAL)


def read_number(text: str) -> tuple[str, str] | None:
    m = _NUMBER.match(" ".join(text.split()))
    if not m:
        return None
    num = m.group("num").strip(" .…_")
    return num, m.group("sym")


def _part(text: str) -> int | None:
    text = text.strip(" .…_")
    return int(text) if text.isdigit() else None


def read_date(text: str) -> tuple[str, DocDate] | None:
    """(place, date) from 'Phú Sơn, ngày 05 tháng 01 năm 2024'; day and month may be blank."""
    m = _DATE.match(" ".join(text.split()))
    if not m:
        return None
    day, month = _part(m.group("d")), _part(m.group("m"))
    month = month if month is not None and 1 <= month <= 12 else None
    day = day if day is not None and 1 <= day <= 31 else None
    return (m.group("place") or "").strip(), DocDate(int(m.group("y")), month, day)


def read_header(lines: list[Para]) -> Header:
    """Every header line (either column) sorted into agency, number, place and date."""
    h = Header()
    agency: list[Para] = []
    for p in lines:
        text = p.text.strip()
        if not text or is_rule(text) or is_national(text):
            h.found = h.found or bool(text)
            continue
        if (num := read_number(text)) is not None and not h.symbol:
            h.number, h.symbol = num
        elif (date := read_date(text)) is not None and h.date is None:
            h.place, h.date = date
        elif text == text.upper() and len(text) <= _AGENCY_MAX:
            agency.append(p)
            continue
        else:
            h.leftovers.append(text)
            continue
        h.found = True
    parent, own = split_agency(agency)
    h.parent_agency, h.agency = "\n".join(parent), "\n".join(own)
    h.found = h.found or bool(own)
    return h


def split_agency(lines: list[Para]) -> tuple[list[str], list[str]]:
    """(parent lines, agency lines): the parent is printed plain above the bold agency; without
    that difference, the agency starts at the last line that begins 'ỦY BAN NHÂN DÂN'."""
    texts = [p.text.strip() for p in lines]
    bold = [p.bold for p in lines]
    if any(bold) and not bold[0]:
        k = bold.index(True)
        if all(bold[k:]):
            return texts[:k], texts[k:]
    starts = [i for i, t in enumerate(texts) if fold(t).startswith(_UBND[0])]
    if starts and starts[-1] > 0:
        return texts[: starts[-1]], texts[starts[-1] :]
    if len(texts) >= 2 and all(fold(t).startswith(_UBND) for t in texts[:2]) and not starts:
        return texts[:1], texts[1:]
    return [], texts


def is_authority(text: str) -> bool:
    return text.strip().upper().startswith(AUTHORITY_PREFIXES)


def clean_recipient(text: str) -> str:
    return text.strip().lstrip("-–•+*").strip().rstrip(";.,").strip()


def is_recipients_title(text: str) -> bool:
    return fold(text).replace(" ", "").startswith("noinhan")


def read_recipients(lines: list[str]) -> list[str]:
    """Recipient lines after 'Nơi nhận:' (that title and empty lines dropped)."""
    out = []
    for line in lines:
        if is_recipients_title(line):
            rest = line.split(":", 1)[1] if ":" in line else ""
            if clean_recipient(rest):
                out.append(clean_recipient(rest))
            continue
        if clean_recipient(line):
            out.append(clean_recipient(line))
    return out


def read_signer(lines: list[str]) -> Signer:
    """Authority lines, position, name — from the signer's column (notes like '(Đã ký)' dropped)."""
    texts = [t.strip() for t in lines if t.strip() and not (t.strip().startswith("(") and t.strip().endswith(")"))]
    name = ""
    if texts and texts[-1] != texts[-1].upper():
        name = texts.pop()
    if not texts:
        return Signer(name=name)
    return Signer("\n".join(texts[:-1]), texts[-1], name)
