"""Word-level difference of one text: what stayed, what went, what came (difflib on words)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

EQUAL, DELETE, INSERT = "=", "-", "+"
Op = tuple[str, str]  # (EQUAL/DELETE/INSERT, text)

_TOKEN = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    """Words and the spaces between them, so joining the tokens gives the text back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[Op, ...]:
    """Ops whose EQUAL+DELETE texts join to `old` and EQUAL+INSERT texts join to `new`."""
    a, b = tokens(old), tokens(new)
    out: list[Op] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _add(out, EQUAL, "".join(a[i1:i2]))
            continue
        _add(out, DELETE, "".join(a[i1:i2]))
        _add(out, INSERT, "".join(b[j1:j2]))
    return _phrases(out)


def _phrases(ops: list[Op]) -> tuple[Op, ...]:
    """A space kept between two changed words belongs to the change: "~~Trung tâm~~ Công chức"
    reads as one replaced phrase, not as words deleted and inserted in turn (Word shows each
    op as its own revision)."""
    spread: list[Op] = []
    for i, (kind, text) in enumerate(ops):
        between = 0 < i < len(ops) - 1 and ops[i - 1][0] != EQUAL and ops[i + 1][0] != EQUAL
        if kind == EQUAL and between and text.isspace():
            spread += [(DELETE, text), (INSERT, text)]
        else:
            spread.append((kind, text))
    out: list[Op] = []
    gone: list[str] = []
    came: list[str] = []
    for kind, text in [*spread, (EQUAL, "")]:
        if kind == DELETE:
            gone.append(text)
        elif kind == INSERT:
            came.append(text)
        else:
            _add(out, DELETE, "".join(gone))
            _add(out, INSERT, "".join(came))
            gone, came = [], []
            _add(out, EQUAL, text)
    return tuple(out)


def _add(out: list[Op], kind: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == kind:
        out[-1] = (kind, out[-1][1] + text)
    else:
        out.append((kind, text))


def old_text(ops: tuple[Op, ...]) -> str:
    return "".join(t for k, t in ops if k != INSERT)


def new_text(ops: tuple[Op, ...]) -> str:
    return "".join(t for k, t in ops if k != DELETE)


def similarity(old: str, new: str) -> float:
    """0..1, how much of two texts is the same (words)."""
    if old == new:
        return 1.0
    m = SequenceMatcher(None, old.split(), new.split(), autojunk=False)
    return m.quick_ratio() and m.ratio()
