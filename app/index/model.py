"""A criteria set: a tree of areas, criteria and sub-criteria numbered "1", "1.1", "1.1.1".

Points are Decimals (0.5, 0.25 add up exactly); they are stored as text, never as floats.
The tree is the numbering itself: "1.2" is a child of "1", "1.2.3" of "1.2".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

ON_TIME, RATE, MANUAL = "on_time", "rate", "manual"
RULE_KINDS = (ON_TIME, RATE, MANUAL)

# The parts of a set an area belongs to: the scored areas ("" — they add up to the set's total),
# bonus points (điểm thưởng, added), penalty points (điểm trừ, subtracted: the self-score is the
# points taken off), and the survey part (điều tra xã hội học: in the total, scored by the province).
NORMAL, BONUS, PENALTY, SURVEY = "", "bonus", "penalty", "survey"
PARTS = (NORMAL, BONUS, PENALTY, SURVEY)
PART_WORDS = {BONUS: "điểm thưởng", PENALTY: "điểm trừ", SURVEY: "điều tra xã hội học"}


@dataclass(frozen=True)
class Rule:
    """How a criterion is scored: full points when done on time (0 otherwise), a rate band
    ((min %, points) from the highest threshold down), or by hand."""

    kind: str = MANUAL
    bands: tuple[tuple[Decimal, Decimal], ...] = ()

    def points_for_rate(self, percent: Decimal) -> Decimal:
        """The points of the first band whose threshold the rate reaches; 0 below every band."""
        for threshold, points in sorted(self.bands, reverse=True):
            if percent >= threshold:
                return points
        return Decimal(0)


@dataclass(frozen=True)
class Criterion:
    number: str  # "1", "1.1", "1.1.1"
    title: str
    max_points: Decimal
    guidance: str = ""
    rule: Rule | None = None
    part: str = NORMAL  # on an area only (its criteria belong to its part): see PARTS

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1

    @property
    def parent_number(self) -> str | None:
        head, dot, _ = self.number.rpartition(".")
        return head if dot else None


@dataclass
class CriteriaSet:
    name: str
    total: Decimal
    criteria: list[Criterion] = field(default_factory=list)  # in reading order
    id: int | None = None
    source: str = ""  # "sample", "imported:<file name>", ""

    def children(self, number: str | None) -> list[Criterion]:
        """The criteria directly under `number` (the areas when None), in order."""
        return [c for c in self.criteria if c.parent_number == number]

    def areas(self) -> list[Criterion]:
        return self.children(None)

    def part_of(self, number: str) -> str:
        """The part (PARTS) of a criterion: its area's."""
        area = self.find(number.split(".")[0])
        return area.part if area is not None else NORMAL

    def scored_areas(self) -> list[Criterion]:
        """The areas that add up to the set's total (the survey part included)."""
        return [a for a in self.areas() if a.part in (NORMAL, SURVEY)]

    def find(self, number: str) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    def leaves(self) -> list[Criterion]:
        """The criteria that are scored: those with no sub-criteria."""
        parents = {c.parent_number for c in self.criteria}
        return [c for c in self.criteria if c.number not in parents]


def parse_points(text: str | int | Decimal) -> Decimal | None:
    """'1', '0,5', '2.0', '1,25 điểm' -> Decimal; None when it is not a number of points."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    s = str(text).strip().lower().removesuffix("điểm").strip().replace(",", ".")
    if not s:
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value > 1000:
        return None
    return value


def format_points(value: Decimal) -> str:
    """Points as a Vietnamese reader writes them: 1, 0,5, 0,25 (no trailing zeros)."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


TASK, TARGET, EVIDENCE = "task", "target", "evidence"
LINK_KINDS = (TASK, TARGET, EVIDENCE)


@dataclass(frozen=True)
class Score:
    """The officer's self-score of one criterion (None: not scored yet) and her explanation."""

    number: str
    score: Decimal | None = None
    explanation: str = ""


@dataclass(frozen=True)
class Link:
    """A criterion linked to a plan task, a target, or an evidence row attached to a task."""

    number: str
    kind: str  # TASK, TARGET, EVIDENCE
    ref: int


@dataclass(frozen=True)
class CriterionFile:
    """A file added for one criterion only (copied into the data folder once)."""

    id: int
    number: str
    file_name: str
    stored_path: str  # relative to the data folder, "/" separators
    sha256: str
    size: int


@dataclass
class Assessment:
    """A year's self-assessment against one criteria set, drawing on one plan's tracking."""

    id: int
    set_id: int
    plan_id: int | None
    year: int
    scores: dict[str, Score] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    files: list[CriterionFile] = field(default_factory=list)

    def score_of(self, number: str) -> Score:
        return self.scores.get(number, Score(number))

    def links_of(self, number: str, kind: str | None = None) -> list[Link]:
        return [k for k in self.links if k.number == number and (kind is None or k.kind == kind)]

    def files_of(self, number: str) -> list[CriterionFile]:
        return [f for f in self.files if f.number == number]
