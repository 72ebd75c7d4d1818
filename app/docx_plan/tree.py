"""The body's paragraphs as the plan's section tree, typed numbers stripped, each level's style found.

A numbered paragraph opens a section at the depth its kind of number already has ("I." the
first kind met, then "1.", then "a)" …); a kind not met yet opens a level under the current one.
A numbered paragraph that reads as a sentence (not bold, ends with a full stop or is long) is a
run-in item ("1. Cụ thể hóa …"); the app's own styles (KH Muc, KH Body …) decide when present.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.docx_plan.labels import read_label
from app.docx_plan.source import Para
from app.model import Section

HEADING_STYLES = {"KH Muc", "KH Khoan", "KH Diem", "KH Tiet"}
RUN_IN_STYLES = {"KH Body"}
MAX_DEPTH = 6
_LONG_HEADING = 160


@dataclass
class _Node:
    heading: str = ""
    run_in: bool = False
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(self.heading, tuple(self.paragraphs), tuple(c.freeze() for c in self.children), self.run_in)


def is_run_in(p: Para, rest: str) -> bool:
    if p.style in HEADING_STYLES:
        return False
    if p.style in RUN_IN_STYLES:
        return True
    if p.bold:
        return False
    return rest.rstrip().endswith((".", ";", "./.")) or len(rest) > _LONG_HEADING


class Tree:
    """Sections built paragraph by paragraph."""

    def __init__(self) -> None:
        self.root = _Node()
        self.path: list[_Node] = []  # the open section at each depth
        self.keys: list[tuple] = []  # the kind of number of each open depth
        self.styles: dict[int, str] = {}  # depth -> numbering style, as first met

    @property
    def started(self) -> bool:
        return bool(self.root.children)

    def add(self, p: Para) -> bool:
        """Open a section when `p` is numbered; False when it is not (a plain paragraph)."""
        label = read_label(p.text)
        if label is None or not label.rest:
            return False
        if label.key in self.keys:
            depth = self.keys.index(label.key)
        elif not self.started and label.style not in ("roman", "arabic"):
            return False  # the first section of a plan is "I." or "1."
        else:
            depth = len(self.keys)
        if depth >= MAX_DEPTH:
            return False
        node = _Node(label.rest, is_run_in(p, label.rest))
        parent = self.path[depth - 1] if depth else self.root
        parent.children.append(node)
        self.path = self.path[:depth] + [node]
        self.keys = self.keys[:depth] + [label.key]
        self.styles.setdefault(depth, label.style)
        return True

    def paragraph(self, text: str) -> None:
        """A plain paragraph of the open section (of a first, headless section when none is open)."""
        if not self.path:
            self.root.children.append(_Node())
            self.path = [self.root.children[-1]]
            self.keys = [("none",)]
        self.path[-1].paragraphs.append(text)

    def last_paragraphs(self) -> list[str]:
        return self.path[-1].paragraphs if self.path else []

    def sections(self) -> tuple[Section, ...]:
        return tuple(c.freeze() for c in self.root.children)

    def numbering(self, default: tuple[str, ...]) -> tuple[str, ...]:
        """Each level's style as met; levels the document does not reach keep `default`'s."""
        depth = max(self.styles, default=-1) + 1
        found = tuple(self.styles.get(d, "letter") for d in range(depth))
        return found + default[depth:]
