"""Shared bits of the tracking views: a non-blocking message, dates, sizes."""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QWidget

APP_TITLE = "Kế hoạch CCHC"


def show_error(parent: QWidget, message: str, title: str = APP_TITLE) -> QMessageBox:
    """A non-blocking warning box (open(), never exec())."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    parent.error_box = box  # type: ignore[attr-defined]  # kept against garbage collection
    box.open()
    return box


def saved_text() -> str:
    return f"Đã lưu tự động lúc {time.strftime('%H:%M:%S')}"


def to_qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d is not None else QDate()


def from_qdate(q: QDate) -> date | None:
    return date(q.year(), q.month(), q.day()) if q.isValid() else None


def dmy(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d is not None else ""


def size_text(n: int) -> str:
    """1536 -> '1,5 KB' (Vietnamese decimal comma)."""
    value = float(n)
    for unit in ("byte", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            if unit == "byte":
                return f"{int(value)} byte"
            return f"{value:.1f}".replace(".", ",") + f" {unit}"
        value /= 1024
    return f"{n} byte"
