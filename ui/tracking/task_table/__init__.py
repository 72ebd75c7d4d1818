"""The tracking table ("Tiến độ nhiệm vụ"): model, cell editors, the done dialog, the page."""

from ui.tracking.task_table.widget import TaskTrackingWidget

__all__ = ["TaskTrackingWidget"]
