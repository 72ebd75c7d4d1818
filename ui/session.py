"""The open plan of a window: the store, the cached domain plan, the undo stack and change signals."""

from __future__ import annotations

import logging
import traceback
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.model import Plan
from app.paths import data_dir
from storage.db import Store
from storage.plans import load_plan

log = logging.getLogger(__name__)

BUG_MESSAGE = "Rất tiếc, đã xảy ra lỗi ngoài dự kiến. Chi tiết đã được ghi vào tệp nhật ký: {path}"


@dataclass(frozen=True)
class Change:
    """What an edit touched, so each view refreshes only itself.

    scope: "header" | "sections" | "tasks" | "targets" | "cell" | "plans" | "appendix" (settings of one
    appendix, ref = its id) | "appendices" (added, deleted, moved) | "all" (texts anywhere rewritten)
    kind/ref: for rows, the row kind ("tasks", "sections", "targets") and its table (appendix id).
    """

    scope: str
    kind: str = ""
    ref: int | None = None
    row_id: int | None = None
    fields: tuple[tuple[str, object], ...] = field(default=())


class IdMap:
    """Row ids change when an undo re-inserts a deleted row: remember old id -> current id.

    A live id is never a key, so chains always end at the row as it exists now.
    """

    def __init__(self) -> None:
        self._m: dict[int, int] = {}

    def resolve(self, key: int | None) -> int | None:
        seen: set[int] = set()
        while key is not None and key in self._m and key not in seen:
            seen.add(key)
            key = self._m[key]
        return key

    def remap(self, old: int, new: int) -> None:
        self._m.pop(new, None)
        if old != new:
            self._m[old] = new


def log_path():
    return data_dir() / "kehoach.log"


def log_bug(exc: BaseException) -> str:
    """Write the traceback to the log file; return the apology to show."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as f:
            f.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    except OSError:
        log.exception("cannot write the log file")
    return BUG_MESSAGE.format(path=path)


class PlanSession(QObject):
    """One plan open in one window. Views read `plan`; commands edit through use cases and `notify`."""

    changed = Signal(object)  # Change
    saved = Signal()
    failed = Signal(str)
    switched = Signal()

    def __init__(self, store: Store, plan_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.plan_id = plan_id
        self.stack = QUndoStack(self)
        self.ids = {"tasks": IdMap(), "sections": IdMap(), "targets": IdMap(), "appendices": IdMap()}
        self._plan: Plan | None = None
        self._batch: list[Change] | None = None
        self.last_error: str | None = None
        self.last_inserted: int | None = None
        self._row_sources: list[weakref.WeakMethod] = []

    def add_row_source(self, find) -> None:
        """A view that keeps rows in memory (task tables) can answer `find_row` without a plan reload."""
        self._row_sources.append(weakref.WeakMethod(find))

    def find_row(self, kind, row_id: int):
        """The row (task with its subtasks, section, target) as stored now."""
        if kind.name == "tasks":
            for ref in self._row_sources:
                fn = ref()
                found = fn(row_id) if fn is not None else None
                if found is not None:
                    return found
        self.invalidate()
        return kind.find(self.plan, row_id)

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = load_plan(self.store, self.plan_id)
        return self._plan

    def open_plan(self, plan_id: int) -> None:
        self.stack.clear()
        self.ids = {"tasks": IdMap(), "sections": IdMap(), "targets": IdMap(), "appendices": IdMap()}
        self.plan_id = plan_id
        self._plan = None
        self.switched.emit()

    def invalidate(self) -> None:
        self._plan = None

    def notify(self, change: Change) -> None:
        self._plan = None
        if self._batch is not None:
            if change not in self._batch:
                self._batch.append(change)
            return
        self.changed.emit(change)
        self.saved.emit()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect the changes of several edits and announce them once at the end."""
        if self._batch is not None:
            yield
            return
        self._batch = []
        try:
            yield
        finally:
            changes, self._batch = self._batch, None
            for c in changes:
                self.changed.emit(c)
            if changes:
                self.saved.emit()

    def report(self, message: str) -> None:
        self.last_error = message
        self.failed.emit(message)

    def push(self, command) -> bool:
        """Run a command through the undo stack; False when it failed (it is then dropped)."""
        self.last_error = None
        self.stack.push(command)
        return self.last_error is None
