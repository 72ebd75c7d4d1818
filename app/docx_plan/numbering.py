"""Word's own list numbering (numbering.xml) turned into the labels Word prints.

Each paragraph with a numPr gets the text Word would show before it ("I.", "1.", "1.2.", "a)",
or "-"/"+" for a bullet), counted in document order: a level counts on, and every deeper level of
the same list starts again. The recogniser then reads the label as if it had been typed.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from app.vietnamese import letter, roman

W_VAL = qn("w:val")
_PLACEHOLDER = re.compile(r"%([1-9])")


class _Level:
    def __init__(self, fmt: str = "decimal", text: str = "%1.", start: int = 1) -> None:
        self.fmt, self.text, self.start = fmt, text, start


def _val(el, tag: str, default: str) -> str:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(W_VAL, default) if child is not None else default


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _levels(abstract) -> dict[int, _Level]:
    out = {}
    for lvl in abstract.iterchildren(qn("w:lvl")):
        ilvl = _int(lvl.get(qn("w:ilvl"), "0"), 0)
        out[ilvl] = _Level(
            _val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText", ""), _int(_val(lvl, "w:start", "1"), 1)
        )
    return out


def _format(fmt: str, n: int) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        r = roman(max(1, n))
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        s = letter(max(1, n))
        return s if fmt == "lowerLetter" else s.upper()
    return str(n)


class ListNumbers:
    """Counters of every list of one document."""

    def __init__(self, document) -> None:
        self.defs: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstracts = {a.get(qn("w:abstractNumId")): _levels(a) for a in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            levels = dict(abstracts.get(_val(num, "w:abstractNumId", ""), {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl"), "0"), 0)
                start = _val(override, "w:startOverride", "")
                if start and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = _Level(old.fmt, old.text, _int(start, 1))
            self.defs[num.get(qn("w:numId"), "")] = levels

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph of list `num_id` at level `ilvl` ('' when none)."""
        levels = self.defs.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "+" if ilvl > 0 else "-"
        if level.fmt == "none":
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            return _format(lv.fmt, counts.get(k, lv.start))

        return _PLACEHOLDER.sub(sub, level.text).strip()
