"""Every operation on the data: `op(workspace, …) -> Changes`, one transaction each.

plans (create, carry forward, header, decision, tone marks), rows (tasks, sections, targets),
appendices, import_table, tracking (status, due date, result), evidence, targets (target
results), reports, backups, directory, checks (the check less the dismissed warnings). The window runs them through ui/ops.py; the command line
calls them directly. Changes (changes.py) says what changed and carries the undo step.
"""

from app.ops.changes import NOTHING, Changes, Part

__all__ = ["NOTHING", "Changes", "Part"]
