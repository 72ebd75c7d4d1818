"""Typed numbers at the start of a paragraph: "I.", "1.", "1.2.", "a)" — read, and stripped."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = re.compile(r"^(?P<n>[IVXL]{1,6})\s*[.):]\s*(?P<rest>\S.*)$", re.S)
_DECIMAL = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(?P<rest>\S.*)$", re.S)
_ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?P<rest>\D.*)$", re.S)
_LETTER = re.compile(r"^(?P<n>[a-zđ])\s*[.)]\s+(?P<rest>\S.*)$", re.S)
_VALID_ROMAN = re.compile(r"^(XL|L?X{0,3})(IX|IV|V?I{0,3})$")


@dataclass(frozen=True)
class Label:
    style: str  # "roman", "arabic", "decimal", "letter"
    key: tuple  # what identifies a level: the style, and for "decimal" its number of parts
    text: str  # the label as typed, without its punctuation
    rest: str  # the text after it


def read_label(text: str) -> Label | None:
    """The typed number a paragraph starts with, or None."""
    m = _ROMAN.match(text)
    if m and _VALID_ROMAN.match(m.group("n")):
        return Label("roman", ("roman",), m.group("n"), m.group("rest").strip())
    m = _DECIMAL.match(text)
    if m:
        n = m.group("n")
        return Label("decimal", ("decimal", n.count(".") + 1), n, m.group("rest").strip())
    m = _ARABIC.match(text)
    if m and not m.group("rest").lstrip().startswith(("%", "/")):
        return Label("arabic", ("arabic",), m.group("n"), m.group("rest").strip())
    m = _LETTER.match(text)
    if m:
        return Label("letter", ("letter",), m.group("n"), m.group("rest").strip())
    return None
