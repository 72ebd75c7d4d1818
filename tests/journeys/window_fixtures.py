"""The window as a person meets it, for the journeys and for tests/ui.

The window is started the way `python main.py` starts it (ui.app.open_window on a data folder in
tmp_path); chị Lan acts through `person` (tests/journeys/person.py), and what she would check is
read back from the database file through a fresh connection and from the files she exports.
A conftest.py imports the fixtures it wants from here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ui.refcount_guard import guard_singletons

guard_singletons()  # long runs call Qt's void methods thousands of times (PySide6 6.12 on 3.11)


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("KEHOACH_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def today(monkeypatch):
    """The day of the journey (5 December 2026 unless a test moves it): the app's clock."""
    import app.clock

    day = {"value": date(2026, 12, 5)}
    monkeypatch.setattr(app.clock, "today", lambda: day["value"])

    def set_day(d: date) -> date:
        day["value"] = d
        return d

    set_day.current = lambda: day["value"]  # type: ignore[attr-defined]
    return set_day


_prepared: list[object] = []


@pytest.fixture(scope="session", autouse=True)
def application(qapp):
    """The application as main.py prepares it: Qt's strings in Vietnamese, the bundled fonts
    (once, however many conftest files use this fixture)."""
    from ui.app import prepare_application

    if qapp not in _prepared:
        prepare_application(qapp)
        _prepared.append(qapp)
    return qapp


@pytest.fixture
def start(qtbot, data_dir, today):
    """Double-click on the icon: the window on the data folder, shown and active."""
    windows = []

    def run():
        from ui.app import open_window

        window = open_window(data_dir / "kehoach.db")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window

    yield run
    for w in windows:
        w.close()


@pytest.fixture
def person(qtbot):
    from person import Person

    def make(window):
        return Person(qtbot, window)

    return make


@pytest.fixture
def stored(data_dir):
    """What is in the database file now, read through a new connection (what a restart would see)."""
    from storage.db import open_store
    from storage.plans import list_plans, load_plan

    def read(plan_id: int | None = None):
        store = open_store(data_dir / "kehoach.db")
        try:
            return list_plans(store) if plan_id is None else load_plan(store, plan_id)
        finally:
            store.close()

    return read


@pytest.fixture
def remember_export_folder(data_dir):
    """The folder she exported to last time (the app remembers it in its settings)."""
    from ui.settings import Settings

    def remember(folder: Path) -> None:
        settings = Settings(data_dir / "settings.ini")
        settings.set("export/folder", str(folder))
        settings.sync()

    return remember
