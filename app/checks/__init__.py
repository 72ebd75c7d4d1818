"""The check before export: what would embarrass the officer upstairs, each with its place.

Errors block nothing for a draft; they are what must be fixed before signing. Warnings are
likely mistakes; information is what a draft normally still has (blank number or day).

Each rule is one small function registered with a decorator: rules on the parts every document
has in document_rules.py, on the whole plan in plan_rules.py, on what the text leaves open or says
about other documents in text_rules.py, on one task row in row_rules.py. check_plan runs them in
registration order, which is the order of the imports below (alphabetical).
"""

from app.checks import document_rules, plan_rules, row_rules, text_rules
from app.checks.findings import ERROR, INFO, LEVEL_WORDS, WARNING, Finding, has_errors
from app.checks.plan_rules import EXCEL_CELL_LIMIT
from app.checks.registry import PLAN_RULES, ROW_RULES, Rule, check_plan

__all__ = [
    "ERROR",
    "EXCEL_CELL_LIMIT",
    "INFO",
    "LEVEL_WORDS",
    "PLAN_RULES",
    "ROW_RULES",
    "WARNING",
    "Finding",
    "Rule",
    "check_plan",
    "document_rules",
    "has_errors",
    "plan_rules",
    "row_rules",
    "text_rules",
]
