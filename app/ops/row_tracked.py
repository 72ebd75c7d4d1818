"""The tracking data that goes with deleted rows (records, evidence links, target measures and
results), kept so the undo of the delete puts it back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.ops.changes import Part
from app.tracking.calendar import PERIOD_KEYS
from app.tracking.measure import Measure
from app.tracking.status import TaskTracking
from app.workspace import Workspace


@dataclass(frozen=True)
class Tracked:
    """What the database deletes or unlinks with rows besides their text, for the undo of the
    delete to put back: task records and evidence links, target measures and results."""

    records: tuple[TaskTracking, ...] = ()
    evidence: tuple[tuple[int, int], ...] = ()  # (evidence id, task id)
    measures: tuple[tuple[int, Measure | None], ...] = ()  # None: "not measurable"
    results: tuple[tuple[int, str, float], ...] = ()  # (target id, period, value)

    @property
    def parts(self) -> tuple[Part, ...]:
        found = ((Part.TRACKING, self.records), (Part.EVIDENCE, self.evidence))
        return tuple(p for p, x in found if x) + ((Part.TARGET_RESULTS,) if self.measures or self.results else ())


UNTRACKED = Tracked()


def tracked_with(ws: Workspace, plan_id: int, task_ids: Iterable[int] = (), target_ids: Iterable[int] = ()) -> Tracked:
    """The tracking data of these tasks and targets of a plan, as stored now."""
    tasks, targets = set(task_ids), set(target_ids)
    found = UNTRACKED
    if tasks:
        found = replace(
            found,
            records=tuple(r for t, r in ws.db.get_records(plan_id).items() if t in tasks),
            evidence=tuple((e.id, e.task_id) for e in ws.db.list_evidence(plan_id) if e.task_id in tasks),
        )
    if targets:
        found = replace(
            found,
            measures=tuple((t, m) for t, m in ws.db.get_measures(plan_id).items() if t in targets),
            results=tuple(
                (t, p, v) for p in PERIOD_KEYS for t, v in ws.db.get_target_values(plan_id, p).items() if t in targets
            ),
        )
    return found


def put_tracked(ws: Workspace, tracked: Tracked, new_ids: dict[int, int]) -> None:
    """Store tracking data again for rows put back (`new_ids`: old id -> id now)."""
    for r in tracked.records:
        ws.db.put_record(replace(r, task_id=new_ids.get(r.task_id, r.task_id)))
    for evidence_id, task_id in tracked.evidence:
        ws.db.relink_evidence(evidence_id, new_ids.get(task_id, task_id))
    for target_id, measure in tracked.measures:
        ws.db.put_measure(new_ids.get(target_id, target_id), measure)
    for target_id, period, value in tracked.results:
        ws.db.put_target_value(new_ids.get(target_id, target_id), period, value)
