"""The plan on screen: every view of a plan reads it here and changes it through the runner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from app.model import Plan
from app.ops.changes import Changes
from app.workspace import Workspace
from ui.ops import Runner


class PlanContext(QObject):
    """The runner (workspace, operations, undo) and which plan the window shows.

    `switched(plan_id)` when another plan is opened; `changed(Changes)` is the runner's signal.
    """

    switched = Signal(int)

    def __init__(self, runner: Runner, plan_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.plan_id = plan_id
        self.changed = runner.changed
        runner.show_plan(plan_id)

    @property
    def ws(self) -> Workspace:
        return self.runner.ws

    @property
    def plan(self) -> Plan:
        return self.runner.ws.plan(self.plan_id)

    def open_plan(self, plan_id: int) -> None:
        self.runner.commit_pending()
        self.plan_id = plan_id
        self.runner.show_plan(plan_id)
        self.switched.emit(plan_id)

    def mine(self, changes: Changes) -> bool:
        """The change is about the plan on screen (or about the whole data file)."""
        return changes.plan_id in (None, self.plan_id)

    def run(self, op: Any, *args: Any, **kwargs: Any) -> Changes | None:
        return self.runner.run(op, *args, **kwargs)

    def report(self, message: str) -> None:
        self.runner.report(message)
