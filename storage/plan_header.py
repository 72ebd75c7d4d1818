"""Header-level fields of a plan (the domain names of Plan) written to its row, and the change stamp."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.errors import NotFound
from app.vietnamese import clean_text
from storage.columns import date_columns, decision_json, json_text
from storage.db import Store

HEADER_FIELDS = {
    "year",
    "summary",
    "parent_agency",
    "agency",
    "number",
    "symbol",
    "place",
    "legal_bases",
    "legal_bases_italic",
    "preamble",
    "closing",
    "recipients",
    "areas",
    "heading_numbering",
    "subtask_numbering",
    "appendix_numbering",
    "date",
    "signer",
    "period",
    "decision",
    "footnotes_restart",
}

# Fields kept in other columns than their own name, or in another form; the rest are their value
# (text cleaned).
_ENCODE: dict[str, Callable[[Any], dict[str, object]]] = {
    "date": lambda d: dict(zip(("date_year", "date_month", "date_day"), date_columns(d), strict=True)),
    "signer": lambda s: {
        "signer_authority": clean_text(s.authority),
        "signer_position": clean_text(s.position),
        "signer_name": clean_text(s.name),
    },
    "legal_bases": lambda v: {"legal_bases": json_text([clean_text(x) for x in v])},
    "recipients": lambda v: {"recipients": json_text([clean_text(x) for x in v])},
    "heading_numbering": lambda v: {"heading_numbering": json_text(list(v))},
    "areas": lambda v: {"areas": json_text([[a.id, clean_text(a.title)] for a in v])},
    "period": lambda p: {"period_from": p.start if p else None, "period_to": p.end if p else None},
    "decision": lambda d: {"decision": decision_json(d)},
    "legal_bases_italic": lambda v: {"legal_bases_italic": int(v)},
    "footnotes_restart": lambda v: {"footnotes_restart": int(v)},
}


def header_columns(key: str, value: Any) -> dict[str, object]:
    """The plans columns holding one header field; ValueError for a name that is not one."""
    if key not in HEADER_FIELDS:
        raise ValueError(key)
    if key in _ENCODE:
        return _ENCODE[key](value)
    return {key: clean_text(value) if isinstance(value, str) else value}


def update_plan(store: Store, plan_id: int, **fields) -> None:
    """Change header-level fields of a plan (the domain names of Plan) in one statement."""
    cols: dict[str, object] = {}
    for key, value in fields.items():
        cols.update(header_columns(key, value))
    if not cols:
        return
    assigns = ", ".join(f"{c} = ?" for c in cols)
    with store.atomic():
        cur = store.execute(
            f"UPDATE plans SET {assigns}, updated_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?",
            (*cols.values(), plan_id),
        )
        if cur.rowcount == 0:
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")


def touch(store: Store, plan_id: int) -> None:
    store.execute("UPDATE plans SET updated_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?", (plan_id,))
