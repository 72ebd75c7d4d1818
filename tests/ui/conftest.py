"""A window on a real SQLite file in tmp_path, with the sample plan."""

from __future__ import annotations

import pytest

from app.usecases.directory import ensure_defaults
from app.usecases.plans import ensure_sample_plan
from storage.db import open_store
from ui.refcount_guard import guard_singletons

guard_singletons()  # long test runs call Qt's void methods thousands of times (PySide6 6.12 leak)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "kehoach.db"


@pytest.fixture
def store(db_path):
    s = open_store(db_path)
    ensure_defaults(s)
    yield s
    s.close()


@pytest.fixture
def window(qtbot, store):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    w = MainWindow(store, ensure_sample_plan(store), Settings())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def reopen(db_path):
    """Load a plan again from the file through a fresh connection (what a restart would see)."""
    from storage.plans import load_plan

    def load(plan_id: int):
        s = open_store(db_path)
        try:
            return load_plan(s, plan_id)
        finally:
            s.close()

    return load
