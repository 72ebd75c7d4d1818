"""Shared bits of the tracking views: running a use case with Vietnamese errors, dates, messages."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError
from ui.session import log_bug

T = TypeVar("T")

APP_TITLE = "Kế hoạch CCHC"


class UseCaseFailed(Exception):
    """A use case failed; `message` is the Vietnamese sentence to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def run(fn: Callable[[], T]) -> T:
    """Call a use case; a known failure or a bug (logged) becomes UseCaseFailed with its message."""
    try:
        return fn()
    except UserError as e:
        raise UseCaseFailed(e.message) from None
    except Exception as e:  # a bug: log it, keep the window alive
        raise UseCaseFailed(log_bug(e)) from None


def show_error(parent: QWidget, message: str, title: str = APP_TITLE) -> QMessageBox:
    """A non-blocking warning box (open(), never exec(), so tests are not stopped by it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    parent.error_box = box  # type: ignore[attr-defined]  # kept for tests and against garbage collection
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
