"""Year-round tracking views: the overview, the tracking table, target results, evidence, reports."""

from ui.tracking.evidence import EvidenceDialog
from ui.tracking.overview import OverviewPage
from ui.tracking.report_editor import ReportDialog
from ui.tracking.targets import TargetsWidget
from ui.tracking.task_table import TaskTrackingWidget

__all__ = ["EvidenceDialog", "OverviewPage", "ReportDialog", "TargetsWidget", "TaskTrackingWidget"]
