"""Year-round tracking views: the overview, the tracking table, target results and the report dialog."""

from ui.tracking.evidence import EvidenceDialog, open_evidence
from ui.tracking.overview import OverviewPage, open_overview
from ui.tracking.report_editor import ReportDialog, open_report_editor
from ui.tracking.targets import TargetsWidget, open_targets
from ui.tracking.task_tracking import TaskTrackingWidget, open_task_tracking

__all__ = [
    "EvidenceDialog",
    "OverviewPage",
    "ReportDialog",
    "TargetsWidget",
    "TaskTrackingWidget",
    "open_evidence",
    "open_import_table",
    "open_overview",
    "open_report_editor",
    "open_targets",
    "open_task_tracking",
]


def open_import_table(store, plan_id, parent=None):
    """'Nhập bảng từ tệp…' (lives in ui.dialogs.import_table; re-exported here for the window's wiring)."""
    from ui.dialogs.import_table import open_import_table as _open

    return _open(store, plan_id, parent)
