"""The periodic report's content (a pure function of plan + records + period): header fields,
counts, result paragraphs per area, target verdicts and the results appendix.

The Report is a snapshot: it is stored as created, the officer edits its texts, and the
exporters print it (exporters/report_build.py). content.py holds the data, build.py makes it,
stored.py edits it and turns it into the dict kept in SQLite and back.
"""

from app.tracking.report.build import NEXT_HORIZON_DAYS, build_report, plan_reference, target_line
from app.tracking.report.content import REPORT_SYMBOL, Counts, Report, ReportSection, ResultRow, TargetLine
from app.tracking.report.stored import EDITABLE_FIELDS, report_from_dict, report_to_dict, with_section_text

__all__ = [
    "EDITABLE_FIELDS",
    "NEXT_HORIZON_DAYS",
    "REPORT_SYMBOL",
    "Counts",
    "Report",
    "ReportSection",
    "ResultRow",
    "TargetLine",
    "build_report",
    "plan_reference",
    "report_from_dict",
    "report_to_dict",
    "target_line",
    "with_section_text",
]
