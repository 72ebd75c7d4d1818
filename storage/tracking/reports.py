"""The reporting calendar the officer set, and the stored reports (their texts as JSON)."""

from __future__ import annotations

import json
from datetime import date

from app.errors import NotFound
from app.model import DocDate
from app.records import StoredReport
from app.vietnamese import clean_text
from storage import plans as plans_store
from storage.columns import date_columns
from storage.db import Store


def get_periods(store: Store, plan_id: int) -> dict[str, tuple[str, date, date]]:
    """The officer's saved periods: key -> (title, cut-off, due)."""
    return {
        key: (title, date.fromisoformat(cutoff), date.fromisoformat(due))
        for key, title, cutoff, due in store.execute(
            "SELECT key, title, cutoff, due FROM report_periods WHERE plan_id = ?", (plan_id,)
        )
    }


def put_period(store: Store, plan_id: int, key: str, title: str, cutoff: date, due: date) -> None:
    with store.atomic():
        if not plans_store.plan_exists(store, plan_id):
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")
        store.execute(
            "INSERT OR REPLACE INTO report_periods (plan_id, key, title, cutoff, due) VALUES (?,?,?,?,?)",
            (plan_id, key, clean_text(title), cutoff.isoformat(), due.isoformat()),
        )
        plans_store.touch(store, plan_id)


# ---------------------------------------------------------------- reports


_R_COLS = "id, plan_id, period, number, date_year, date_month, date_day, texts, created_at, updated_at"


def _stored(row) -> StoredReport:
    d = DocDate(row[4], row[5], row[6]) if row[4] else None
    return StoredReport(row[0], row[1], row[2], row[3], d, json.loads(row[7]), row[8], row[9])


def insert_report(store: Store, plan_id: int, period: str, number: str, doc_date: DocDate | None, texts: dict) -> int:
    with store.atomic():
        if not plans_store.plan_exists(store, plan_id):
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")
        cur = store.execute(
            "INSERT INTO reports (plan_id, period, number, date_year, date_month, date_day, texts)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                plan_id,
                period,
                clean_text(number),
                *date_columns(doc_date),
                json.dumps(texts, ensure_ascii=False),
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid


def get_report(store: Store, report_id: int) -> StoredReport:
    row = store.execute(f"SELECT {_R_COLS} FROM reports WHERE id = ?", (report_id,)).fetchone()
    if row is None:
        raise NotFound(f"Không tìm thấy báo cáo (mã {report_id}); có thể nó đã bị xóa.")
    return _stored(row)


def list_reports(store: Store, plan_id: int) -> list[StoredReport]:
    return [
        _stored(r) for r in store.execute(f"SELECT {_R_COLS} FROM reports WHERE plan_id = ? ORDER BY id", (plan_id,))
    ]


def update_report(store: Store, report_id: int, number: str, doc_date: DocDate | None, texts: dict) -> None:
    with store.atomic():
        cur = store.execute(
            "UPDATE reports SET number = ?, date_year = ?, date_month = ?, date_day = ?, texts = ?,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?",
            (
                clean_text(number),
                *date_columns(doc_date),
                json.dumps(texts, ensure_ascii=False),
                report_id,
            ),
        )
        if cur.rowcount == 0:
            raise NotFound(f"Không tìm thấy báo cáo (mã {report_id}); có thể nó đã bị xóa.")


def delete_report(store: Store, report_id: int) -> None:
    with store.atomic():
        if store.execute("DELETE FROM reports WHERE id = ?", (report_id,)).rowcount == 0:
            raise NotFound(f"Không tìm thấy báo cáo (mã {report_id}); có thể nó đã bị xóa.")
