"""Inline footnotes in Pandoc's syntax: 'text^[the note] more text'."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    text: str
    note: str | None = None  # when set, a footnote reference stands here (text is "")


def split_notes(text: str) -> list[Piece]:
    """Text pieces and notes in order; brackets inside a note nest; an unclosed '^[' stays text."""
    pieces: list[Piece] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("^[", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text[j] == "[":
                    depth += 1
                elif text[j] == "]":
                    depth -= 1
                j += 1
            if depth == 0:
                if buf:
                    pieces.append(Piece("".join(buf)))
                    buf = []
                pieces.append(Piece("", text[i + 2 : j - 1].strip()))
                i = j
                continue
        buf.append(text[i])
        i += 1
    if buf:
        pieces.append(Piece("".join(buf)))
    return pieces


def has_notes(text: str) -> bool:
    return "^[" in text and any(p.note is not None for p in split_notes(text))


def strip_notes(text: str) -> str:
    """The text without its notes (for sheet names, search keys, leftovers)."""
    return "".join(p.text for p in split_notes(text))
