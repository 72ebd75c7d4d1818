"""The window on a data folder in tmp_path, driven as a person does.

The fixtures and the Person helper are the journeys' (tests/journeys/window_fixtures.py and
person.py): `start()` opens the window as a double-click on the icon does, `person(window)` acts
with the mouse and keyboard, `stored()` and `read()` look at the database file through a fresh
connection (what a restart would see).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "journeys"))

import window_fixtures  # noqa: E402

# The journeys' fixtures, for the tests of this folder too.
application = window_fixtures.application
data_dir = window_fixtures.data_dir
today = window_fixtures.today
start = window_fixtures.start
person = window_fixtures.person
stored = window_fixtures.stored
remember_export_folder = window_fixtures.remember_export_folder


@pytest.fixture(autouse=True)
def _nothing_left_on_screen(qapp):
    """A test that fails halfway may leave a dialog or a window shown: closed, so that the next
    test's person does not find its buttons."""
    yield
    from PySide6.QtWidgets import QApplication

    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()


@pytest.fixture
def db_path(data_dir) -> Path:
    return data_dir / "kehoach.db"


@pytest.fixture
def read(db_path):
    """`read(fn, *args)`: fn(ws, *args) on a fresh workspace over the file (the app.ops readers)."""
    from app.workspace import open_workspace

    def call(fn, *args, **kwargs):
        ws = open_workspace(db_path)
        try:
            return fn(ws, *args, **kwargs)
        finally:
            ws.close()

    return call


@pytest.fixture
def prepare(db_path):
    """`prepare(fn, *args)`: put data in the file before the window starts (ensure_defaults first)."""
    from app.ops.directory import ensure_defaults
    from app.workspace import open_workspace

    def call(fn, *args, **kwargs):
        ws = open_workspace(db_path)
        try:
            ensure_defaults(ws)
            return fn(ws, *args, **kwargs)
        finally:
            ws.close()

    return call


@pytest.fixture
def window(start):
    return start()


@pytest.fixture
def lan(window, person):
    """chị Lan at the window."""
    return person(window)


@pytest.fixture
def plan_id(window) -> int:
    """The plan the window opened on (the sample plan on a first start)."""
    return window.plan_id
