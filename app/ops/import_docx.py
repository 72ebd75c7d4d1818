"""Create a plan from last year's Word file (or the province's, or a neighbour's)."""

from __future__ import annotations

from pathlib import Path

from app import limits
from app.docx_plan import Recognised, read_plan
from app.ops.changes import Changes, Part
from app.ops.plans import backup_before, planning_year
from app.workspace import Workspace


def read_docx_plan(path: Path) -> Recognised:
    """The plan the .docx holds, for a preview; nothing is stored."""
    return read_plan(path, fallback_year=planning_year())


def create_from_recognised(ws: Workspace, found: Recognised) -> Changes:
    """Store a recognised plan as a new plan (one transaction; a rolling backup first); a plan
    beyond the limits of app/limits.py (a 30,000-character cell typed in Word) is refused whole."""
    limits.check_plan(found.plan)
    backup_before(ws, "truoc-nhap")
    with ws.atomic():
        plan_id = ws.db.insert_plan(found.plan)
        ws.db.set_origin(plan_id, "imported")
    return Changes.of(plan_id, Part.PLANS, label="Nhập kế hoạch từ tệp Word", created=plan_id)


def import_plan_docx(ws: Workspace, path: Path) -> tuple[Changes, Recognised]:
    """Read the .docx and store its plan; nothing is written when the file is refused."""
    found = read_docx_plan(path)
    return create_from_recognised(ws, found), found
