"""The one runner of operations for the window.

`Runner.run(op, …)` commits whatever the officer is still typing, runs the operation on the
workspace, puts its undo step on the undo stack of its plan, turns a UserError into a Vietnamese
message and anything else into a logged bug report, and emits `changed(Changes)` once: every view
listens to that signal and refreshes only what the Changes names. File work that can take long
(exports, the preview PDF, reading an import file) runs off the GUI thread through `submit`.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from app.errors import UserError
from app.ops.changes import Changes, Step
from app.workspace import Workspace

log = logging.getLogger(__name__)
T = TypeVar("T")

BUG_MESSAGE = "Rất tiếc, đã xảy ra lỗi ngoài dự kiến. Chi tiết đã được ghi vào tệp nhật ký: {path}"


def log_bug(exc: BaseException, path: Path) -> str:
    """Write the traceback to the log file; return the apology to show."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as f:
            f.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    except OSError:
        log.exception("cannot write the log file")
    return BUG_MESSAGE.format(path=path)


class _Step(QUndoCommand):
    """One undo step: runs the operation's undo, keeps the undo of that as its redo.

    The operation already ran when the step is pushed, so the first redo (QUndoStack.push calls
    it) does nothing. A step that fails is made obsolete and dropped from the stack.
    """

    def __init__(self, runner: Runner, changes: Changes):
        super().__init__(changes.label or "Sửa")
        self.runner = runner
        self.back: Step | None = changes.undo
        self.forward: Step | None = None
        self.pushed = False

    def redo(self) -> None:
        if not self.pushed:
            self.pushed = True
            return
        self._run("forward")

    def undo(self) -> None:
        self._run("back")

    def _run(self, which: str) -> None:
        step = getattr(self, which)
        done = self.runner.apply(step) if step is not None else None
        if done is None or done.undo is None:
            self.setObsolete(True)
            return
        other = "forward" if which == "back" else "back"
        setattr(self, other, done.undo)


class _JobSignals(QObject):
    done = Signal(int, object)  # job number, result
    failed = Signal(int, str)  # job number, message


_RUNNING: set[Job] = set()  # jobs kept alive until they report, even when their window is gone


class Job(QRunnable):
    """Work off the GUI thread (files only, never the database or a widget); results come back
    through signals to the runner, a QObject of the GUI thread, so they are delivered there."""

    def __init__(self, number: int, work: Callable[[], Any], log_path: Path):
        super().__init__()
        self.number = number
        self.work = work
        self.log_path = log_path
        self.signals = _JobSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.work()
        except UserError as e:
            self.signals.failed.emit(self.number, e.message)
        except Exception as e:  # a bug: logged, shown as an apology
            self.signals.failed.emit(self.number, log_bug(e, self.log_path))
        else:
            self.signals.done.emit(self.number, result)
        finally:
            _RUNNING.discard(self)


class Runner(QObject):
    """The window's access to the data: the workspace, its operations and their undo stacks."""

    changed = Signal(object)  # Changes
    failed = Signal(str)  # a Vietnamese message for the officer
    busy = Signal(bool)  # background work started / finished

    def __init__(self, ws: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.ws = ws
        self.group = QUndoGroup(self)
        self.stacks: dict[int | None, QUndoStack] = {}
        self._pending: dict[object, Callable[[], None]] = {}
        self._jobs: dict[int, tuple[Job, Callable[[Any], None], Callable[[str], None]]] = {}
        self._job_numbers = 0
        self.last_error: str | None = None
        self._error_sinks: list[Callable[[str], None]] = []

    # ---------------------------------------------------------------- undo stacks
    def stack(self, plan_id: int | None) -> QUndoStack:
        """The undo stack of one plan (kept while the app is open, even when another plan is shown)."""
        stack = self.stacks.get(plan_id)
        if stack is None:
            stack = self.stacks[plan_id] = QUndoStack(self)
            self.group.addStack(stack)
        return stack

    def show_plan(self, plan_id: int) -> None:
        self.group.setActiveStack(self.stack(plan_id))

    # ---------------------------------------------------------------- what is being typed
    def hold(self, key: object, commit: Callable[[], None]) -> None:
        """An editor has text not yet saved; `commit` saves it (called before any operation)."""
        self._pending[key] = commit

    def release(self, key: object) -> None:
        self._pending.pop(key, None)

    def commit_pending(self) -> None:
        """Save every field being typed in, before an operation reads or changes the data."""
        while self._pending:
            _key, commit = self._pending.popitem()
            commit()

    # ---------------------------------------------------------------- running
    def run(self, op: Callable[..., Changes], *args: Any, **kwargs: Any) -> Changes | None:
        """Run an operation; None when it failed (the message has gone out through `failed`)."""
        self.commit_pending()
        changes = self.call(op, *args, **kwargs)
        if changes is None or changes.empty:
            return changes
        if changes.undo is not None:
            self.stack(changes.plan_id).push(_Step(self, changes))
        self.changed.emit(changes)
        return changes

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Call an app function with the workspace; failures become messages (None returned)."""
        self.last_error = None
        try:
            return fn(self.ws, *args, **kwargs)
        except UserError as e:
            self.report(e.message)
        except Exception as e:  # a bug: logged, the window stays alive
            self.report(log_bug(e, self.ws.paths.log))
        return None

    def apply(self, step: Step) -> Changes | None:
        """Run an undo or redo step and announce what it changed."""
        changes = self.call(step)
        if changes is not None and not changes.empty:
            self.changed.emit(changes)
        return changes

    def report(self, message: str) -> None:
        self.last_error = message
        if self._error_sinks:
            self._error_sinks[-1](message)
        else:
            self.failed.emit(message)

    @contextmanager
    def errors_to(self, show: Callable[[str], None]) -> Iterator[None]:
        """Failures inside the block go to `show` (a dialog's own message line, the dialog staying
        open to be corrected) instead of the window's message box."""
        self._error_sinks.append(show)
        try:
            yield
        finally:
            self._error_sinks.pop()

    def forget_history(self) -> None:
        """After the data file was replaced no step can be undone: every stack is emptied."""
        for stack in self.stacks.values():
            stack.clear()

    # ---------------------------------------------------------------- background file work
    def submit(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
        synchronous: bool = False,
    ) -> Job:
        """Run `work` off the GUI thread; `done(result)` on the GUI thread, or the message to
        `failed` (default: out through the runner's `failed`). `work` must not touch the
        database or a widget."""
        self._job_numbers += 1
        job = Job(self._job_numbers, work, self.ws.paths.log)
        self._jobs[job.number] = (job, done, failed or self.report)
        _RUNNING.add(job)
        job.signals.done.connect(self._job_done)
        job.signals.failed.connect(self._job_failed)
        self.busy.emit(True)
        if synchronous:
            job.run()
        else:
            QThreadPool.globalInstance().start(job)
        return job

    def wait_for_jobs(self, ms: int = 60000) -> bool:
        """Let file work in progress finish (closing the window must not cut an export in half)."""
        return QThreadPool.globalInstance().waitForDone(ms) if self._jobs else True

    def _job_done(self, number: int, result: object) -> None:
        _job, done, _failed = self._jobs.pop(number)
        self.busy.emit(bool(self._jobs))
        done(result)

    def _job_failed(self, number: int, message: str) -> None:
        _job, _done, failed = self._jobs.pop(number)
        self.busy.emit(bool(self._jobs))
        failed(message)
