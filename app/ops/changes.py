"""What an operation changed, so each view refreshes only itself, and how to take it back.

Every operation returns a `Changes`: which plan, which parts of it, which rows and tables. An
undoable operation also carries `undo`, a step that puts things back and returns its own
`Changes`, whose `undo` in turn redoes: the window's undo stack only ever runs these steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.workspace import Workspace


class Part(Enum):
    """The parts of the data a view may show."""

    PLANS = "plans"  # the list of plans (a plan added, deleted, renamed)
    HEADER = "header"  # header-level fields of a plan (`fields` names them)
    SECTIONS = "sections"  # numbered sections and their paragraphs
    TARGETS = "targets"  # the plan's targets (chỉ tiêu)
    APPENDICES = "appendices"  # appendices added, deleted, moved, or their settings
    TASKS = "tasks"  # task rows (`appendix_ids` and `ids` say which)
    TRACKING = "tracking"  # task status, due date, result
    EVIDENCE = "evidence"  # evidence files
    TARGET_RESULTS = "target_results"  # target measures and results per period
    REPORTS = "reports"  # periodic reports and the reporting calendar
    DIRECTORY = "directory"  # units and officers
    VERSIONS = "versions"  # a plan's frozen versions (issued, drafts)
    CHECKS = "checks"  # warnings of the check dismissed or brought back
    INDEX = "index"  # the reform-index self-assessment: scores, links, evidence (ids: the assessment)
    EVERYTHING = "everything"  # the data file itself was replaced (a restore)


Step = Callable[["Workspace"], "Changes"]


@dataclass(frozen=True)
class Changes:
    """The record of one operation.

    plan_id: the plan it touched (None for the data folder as a whole);
    parts: what kinds of data changed; ids: the task, section or target rows touched (kept,
    added, moved or removed); appendix_ids: the tables those rows are in, or whose settings
    changed; fields: the header or row fields edited; label: the undo text ("Dán 5 dòng");
    undo: the step that takes it back (None: cannot be undone); created: the id of a new row,
    plan or report, for the window to select it.
    """

    plan_id: int | None
    parts: frozenset[Part]
    ids: frozenset[int] = frozenset()
    appendix_ids: frozenset[int] = frozenset()
    fields: frozenset[str] = frozenset()
    label: str = ""
    created: int | None = None
    undo: Step | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        plan_id: int | None,
        *parts: Part,
        ids: Iterable[int] = (),
        appendix_ids: Iterable[int | None] = (),
        fields: Iterable[str] = (),
        label: str = "",
        created: int | None = None,
        undo: Step | None = None,
    ) -> Changes:
        return cls(
            plan_id,
            frozenset(parts),
            frozenset(ids),
            frozenset(a for a in appendix_ids if a is not None),
            frozenset(fields),
            label,
            created,
            undo,
        )

    def touches(self, *parts: Part) -> bool:
        """True when any of `parts` changed (a replaced file changes everything)."""
        return Part.EVERYTHING in self.parts or any(p in self.parts for p in parts)

    def with_undo(self, undo: Step | None, label: str | None = None) -> Changes:
        return replace(self, undo=undo, label=self.label if label is None else label)

    @property
    def empty(self) -> bool:
        return not self.parts


NOTHING = Changes(None, frozenset())
