"""How plan values are kept in columns: JSON text, the decision as canonical JSON, a date as three."""

from __future__ import annotations

import json
from typing import Any

from app.model import Decision, DocDate
from app.plan_file import decision_from_dict, decision_to_dict


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def decision_json(decision: Decision | None) -> str | None:
    if decision is None:
        return None
    return json_text(decision_to_dict(decision_from_dict(decision_to_dict(decision))))  # cleaned, canonical


def date_columns(d: DocDate | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day), all None for no date."""
    return (d.year, d.month, d.day) if d else (None, None, None)
