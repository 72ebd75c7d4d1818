"""The open data folder: the database, every path derived from it, and the only road to storage.

A Workspace is what every operation (app/ops) takes. It owns the open Store, knows where the
backups, the evidence files, the log and the settings live, caches the plans it has read until an
operation changes them, and reopens the file after a restore, so nothing else ever holds a
database handle that a restore could close under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from app.errors import UserError
from app.model import Plan
from app.paths import Paths
from app.records import Recovery
from storage import (
    backup,
    directory,
    dismissals,
    faults,
    index_assessments,
    index_sets,
    plan_header,
    plan_load,
    plans,
    rows,
    versions,
)
from storage.db import Store, open_store
from storage.faults import translated
from storage.tracking import evidence, records, reports, targets

P = ParamSpec("P")
R = TypeVar("R")


def _bound(fn: Callable[Concatenate[Store, P], R], get_store: Callable[[], Store]) -> Callable[P, R]:
    """A storage function with the workspace's current store filled in (typed like the original)."""

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        store = get_store()
        with translated(store.path):
            return fn(store, *args, **kwargs)

    call.__name__ = fn.__name__
    call.__doc__ = fn.__doc__
    return call


class Storage:
    """The storage verbs the operations use, each bound to the workspace's open database.

    This list is the whole surface between app/ and storage/: an operation that needs something
    else from storage adds it here.
    """

    TASKS, SECTIONS, TARGETS = rows.TASKS, rows.SECTIONS, rows.TARGETS

    def __init__(self, get_store: Callable[[], Store]) -> None:
        b = get_store
        # whole plans
        self.insert_plan = _bound(plans.insert_plan, b)
        self.load_plan = _bound(plan_load.load_plan, b)
        self.load_appendix_tasks = _bound(plan_load.load_appendix_tasks, b)
        self.load_task = _bound(plan_load.load_task, b)
        self.list_plans = _bound(plans.list_plans, b)
        self.plan_exists = _bound(plans.plan_exists, b)
        self.delete_plan = _bound(plans.delete_plan, b)
        self.set_origin = _bound(plans.set_origin, b)
        self.update_plan = _bound(plan_header.update_plan, b)
        # appendices
        self.appendix_kind = _bound(plans.appendix_kind, b)
        self.appendix_plan_id = _bound(plans.appendix_plan_id, b)
        self.update_appendix = _bound(plans.update_appendix, b)
        self.add_appendix = _bound(plans.add_appendix, b)
        self.delete_appendix = _bound(plans.delete_appendix, b)
        self.move_appendix = _bound(plans.move_appendix, b)
        # ordered rows: tasks, sections, targets
        self.locate = _bound(rows.locate, b)
        self.read_row = _bound(rows.read, b)
        self.sibling_ids = _bound(rows.sibling_ids, b)
        self.depth = _bound(rows.depth, b)
        self.count_in_plan = _bound(rows.count_in_plan, b)
        self.update_row = _bound(rows.update, b)
        self.insert_row = _bound(rows.insert, b)
        self.insert_rows = _bound(rows.insert_many, b)
        self.delete_rows = _bound(rows.delete_many, b)
        self.move_row = _bound(rows.move, b)
        self._bind_tracking(b)

    def _bind_tracking(self, b: Callable[[], Store]) -> None:
        # directory
        self.list_entries = _bound(directory.list_entries, b)
        self.add_entry = _bound(directory.add_entry, b)
        self.names_used_in_plans = _bound(directory.names_used_in_plans, b)
        self.distinct_values = _bound(directory.distinct_values, b)
        # tracking
        self.task_plan_id = _bound(records.task_plan_id, b)
        self.get_records = _bound(records.get_records, b)
        self.records_before_removal = _bound(records.records_before_removal, b)
        self.get_record = _bound(records.get_record, b)
        self.put_record = _bound(records.put_record, b)
        self.add_evidence = _bound(evidence.add_evidence, b)
        self.get_evidence = _bound(evidence.get_evidence, b)
        self.list_evidence = _bound(evidence.list_evidence, b)
        self.unlinked_evidence = _bound(evidence.unlinked_evidence, b)
        self.unlink_evidence = _bound(evidence.unlink_evidence, b)
        self.relink_evidence = _bound(evidence.relink_evidence, b)
        self.target_plan_id = _bound(targets.target_plan_id, b)
        self.get_measures = _bound(targets.get_measures, b)
        self.put_measure = _bound(targets.put_measure, b)
        self.get_target_values = _bound(targets.get_target_values, b)
        self.put_target_value = _bound(targets.put_target_value, b)
        self.get_periods = _bound(reports.get_periods, b)
        self.put_period = _bound(reports.put_period, b)
        self.insert_report = _bound(reports.insert_report, b)
        self.get_report = _bound(reports.get_report, b)
        self.list_reports = _bound(reports.list_reports, b)
        self.update_report = _bound(reports.update_report, b)
        self.delete_report = _bound(reports.delete_report, b)
        # warnings of the check the officer dismissed
        self.list_dismissed = _bound(dismissals.list_dismissed, b)
        self.add_dismissal = _bound(dismissals.add_dismissal, b)
        self.remove_dismissal = _bound(dismissals.remove_dismissal, b)
        # reform-index criteria sets
        self.insert_index_set = _bound(index_sets.insert_set, b)
        self.list_index_sets = _bound(index_sets.list_sets, b)
        self.load_index_set = _bound(index_sets.load_set, b)
        self.delete_index_set = _bound(index_sets.delete_set, b)
        self.insert_assessment = _bound(index_assessments.insert_assessment, b)
        self.get_assessment = _bound(index_assessments.get_assessment, b)
        self.list_assessments = _bound(index_assessments.list_assessments, b)
        self.put_index_score = _bound(index_assessments.put_score, b)
        self.add_index_link = _bound(index_assessments.add_link, b)
        self.remove_index_link = _bound(index_assessments.remove_link, b)
        self.add_index_file = _bound(index_assessments.add_file, b)
        self.remove_index_file = _bound(index_assessments.remove_file, b)
        self.restore_index_file = _bound(index_assessments.restore_file, b)
        self.plan_task_target_ids = _bound(index_assessments.task_and_target_ids, b)
        # frozen versions of a plan
        self.insert_version = _bound(versions.insert_version, b)
        self.list_versions = _bound(versions.list_versions, b)
        self.read_version = _bound(versions.read_version, b)
        self.delete_version = _bound(versions.delete_version, b)
        self.reserve_task_ids = _bound(versions.reserve_task_ids, b)
        # backups of the open file
        self.backup_to = _bound(backup.backup_to, b)
        self.auto_backup = _bound(backup.auto_backup, b)
        self.daily_backup = _bound(backup.daily_backup, b)

    # file-level backup verbs that take paths, not the open store
    list_backups = staticmethod(backup.list_backups)
    check_backup = staticmethod(backup.check_file)
    restore_file = staticmethod(backup.restore)


class IdMap:
    """Row ids change when an undo re-inserts a deleted row: remember old id -> current id.

    A live id is never a key, so chains always end at the row as it exists now.
    """

    def __init__(self) -> None:
        self._m: dict[int, int] = {}

    def resolve(self, key: int) -> int:
        seen: set[int] = set()
        while key in self._m and key not in seen:
            seen.add(key)
            key = self._m[key]
        return key

    def remap(self, old: int, new: int) -> None:
        self._m.pop(new, None)
        if old != new:
            self._m[old] = new


class Workspace:
    """One data folder open in this process: what every operation works on."""

    def __init__(self, store: Store, paths: Paths, recovery: Recovery | None = None) -> None:
        self._store = store
        self.paths = paths
        self.recovery = recovery  # set when the file was damaged at start and set aside
        self.db = Storage(lambda: self._store)
        self.ids: dict[str, IdMap] = {k: IdMap() for k in ("tasks", "sections", "targets", "appendices", "reports")}
        self._plans: dict[int, Plan] = {}

    # ---------------------------------------------------------------- the file
    @property
    def is_open(self) -> bool:
        return self._store is not None

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction for an operation of several storage calls (nested calls: savepoints).
        When it is rolled back, plans read inside it are forgotten: they held what was undone."""
        try:
            with translated(self._store.path), self._store.atomic():
                yield
        except BaseException:
            self._plans.clear()
            raise

    def close(self) -> None:
        self._store.close()
        self._plans.clear()

    def replace_file(self, put_in_place: Callable[[Path], object]) -> object:
        """Close the database, let `put_in_place(db_path)` change the file, open it again.

        The file is reopened even when `put_in_place` fails, so the window never works on a
        closed database; every cached plan and remembered id is forgotten.
        """
        self._store.close()
        try:
            return put_in_place(self.paths.db)
        finally:
            self._store = open_store(self.paths.db)
            self._plans.clear()
            for m in self.ids.values():
                m.__init__()  # type: ignore[misc]

    # ---------------------------------------------------------------- plans as read
    def plan(self, plan_id: int) -> Plan:
        """The plan as stored, read once until an operation changes it."""
        plan = self._plans.get(plan_id)
        if plan is None:
            plan = self._plans[plan_id] = self.db.load_plan(plan_id)
        return plan

    def forget(self, plan_id: int | None = None) -> None:
        """Drop cached plans (one, or all when None) after they changed."""
        if plan_id is None:
            self._plans.clear()
        else:
            self._plans.pop(plan_id, None)


def open_workspace(db_path: Path | str | None = None) -> Workspace:
    """Open (creating if needed) the database of a data folder; the default folder when None."""
    paths = Paths(Path(db_path)) if db_path is not None else Paths.default()
    return Workspace(open_store(paths.db), paths)


def data_folder_problem(db_path: Path) -> UserError | None:
    """Why the data folder of `db_path` cannot be written (read-only, disk full), or None."""
    return faults.data_folder_problem(Path(db_path))


def data_file_problem(db_path: Path) -> UserError | None:
    """Why the database file cannot be written (its read-only attribute), or None."""
    return faults.file_problem(Path(db_path))


def is_locked(db_path: Path) -> bool:
    """Another program holds the database file locked (a probe that does not wait)."""
    return faults.is_locked(Path(db_path))


def open_checked_workspace(db_path: Path, wait: float = 5.0) -> Workspace:
    """Open at start: a damaged file is set aside (see storage.backup.open_checked)."""
    store, recovery = backup.open_checked(db_path, wait)
    return Workspace(store, Paths(Path(db_path)), recovery)
