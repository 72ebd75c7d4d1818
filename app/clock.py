"""Today's date for every rule that depends on it (due dates, report periods, the planning year).

One place to ask, so the command line's --today, a test or a demo can set the day the officer
lives in.
"""

from __future__ import annotations

from datetime import date

_pinned: date | None = None


def today() -> date:
    return _pinned if _pinned is not None else date.today()


def pin(day: date | None) -> None:
    """Make `today()` answer `day` from now on (None: the real date again)."""
    global _pinned
    _pinned = day
