"""Tracking data in SQLite: task records, evidence rows and files, target measures and results,
the reporting calendar and stored reports. The only place with tracking SQL."""

from storage.tracking.evidence import (
    EVIDENCE_DIR,
    Evidence,
    add_evidence,
    copy_into,
    get_evidence,
    list_evidence,
    relink_evidence,
    safe_name,
    unlink_evidence,
    unlinked_evidence,
)
from storage.tracking.records import get_record, get_records, put_record, task_plan_id
from storage.tracking.reports import (
    StoredReport,
    delete_report,
    get_periods,
    get_report,
    insert_report,
    list_reports,
    put_period,
    update_report,
)
from storage.tracking.targets import get_measures, get_target_values, put_measure, put_target_value, target_plan_id

__all__ = [
    "EVIDENCE_DIR",
    "Evidence",
    "StoredReport",
    "add_evidence",
    "copy_into",
    "delete_report",
    "get_evidence",
    "get_measures",
    "get_periods",
    "get_record",
    "get_records",
    "get_report",
    "get_target_values",
    "insert_report",
    "list_evidence",
    "list_reports",
    "put_measure",
    "put_period",
    "put_record",
    "put_target_value",
    "relink_evidence",
    "safe_name",
    "target_plan_id",
    "task_plan_id",
    "unlink_evidence",
    "unlinked_evidence",
    "update_report",
]
