"""The check before export on a stored plan: its findings less the warnings the officer dismissed,
and dismissing a warning or bringing it back (one undo step each).

A dismissal is remembered for the plan, the code, the place and the message, which quotes the
text: when that text changes, the warning comes back. Only warnings can be dismissed; an error
is what a reviewer sends back, and information needs no answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from app.checks import WARNING, Finding, check_plan
from app.errors import InvalidInput, NotFound
from app.ops.changes import NOTHING, Changes, Part
from app.records import Dismissal
from app.workspace import Workspace

DISMISS_LABEL = "Bỏ qua cảnh báo"
RESTORE_LABEL = "Hiện lại cảnh báo"


@dataclass(frozen=True)
class Checked:
    """What the check found on a plan: the findings to show and the warnings dismissed."""

    findings: list[Finding]
    dismissed: list[Finding]


def can_dismiss(finding: Finding) -> bool:
    return finding.level == WARNING


def dismissal(finding: Finding) -> Dismissal:
    """What is remembered of a dismissed warning."""
    p = finding.place
    if p is None:
        return Dismissal(finding.code, message=finding.message)
    return Dismissal(finding.code, p.kind, p.ref, p.field, p.index, finding.message)


def check(ws: Workspace, plan_id: int, with_index: bool = False) -> Checked:
    """Every finding of the plan as stored, the dismissed warnings set apart (in their order);
    with `with_index` (the window's panel) those of the plan's self-assessments after them."""
    found = check_plan(ws.plan(plan_id))
    if with_index:
        from app.index.assess import plan_findings

        found = found + plan_findings(ws, plan_id)
    gone = set(ws.db.list_dismissed(plan_id))
    shown: list[Finding] = []
    hidden: list[Finding] = []
    for f in found:
        (hidden if can_dismiss(f) and dismissal(f) in gone else shown).append(f)
    return Checked(shown, hidden)


def _plan_must_exist(ws: Workspace, plan_id: int) -> None:
    if not ws.db.plan_exists(plan_id):
        raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")


def dismiss(ws: Workspace, plan_id: int, finding: Finding, label: str = DISMISS_LABEL) -> Changes:
    """Stop showing a warning at its place (until its text changes); undo shows it again."""
    if not can_dismiss(finding):
        raise InvalidInput("Chỉ bỏ qua được cảnh báo; lỗi cần sửa trước khi trình ký.")
    _plan_must_exist(ws, plan_id)
    if not ws.db.add_dismissal(plan_id, dismissal(finding)):
        return NOTHING
    undo = partial(undismiss, plan_id=plan_id, finding=finding, label=label)
    return Changes.of(plan_id, Part.CHECKS, label=label, undo=undo)


def undismiss(ws: Workspace, plan_id: int, finding: Finding, label: str = RESTORE_LABEL) -> Changes:
    """Show a dismissed warning again; undo dismisses it again."""
    _plan_must_exist(ws, plan_id)
    if not ws.db.remove_dismissal(plan_id, dismissal(finding)):
        return NOTHING
    undo = partial(dismiss, plan_id=plan_id, finding=finding, label=label)
    return Changes.of(plan_id, Part.CHECKS, label=label, undo=undo)
