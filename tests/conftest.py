"""Test set-up: Qt offscreen, and the data folder pointed at a temp dir (never the user's)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHOACH_DATA_DIR", str(tmp_path / "data"))
    yield


@pytest.fixture(autouse=True)
def _real_clock():
    """A test that pins app.clock (as `--today` does) leaves the real date to the next one."""
    yield
    from app import clock

    clock.pin(None)


@pytest.fixture
def ws(tmp_path):
    """The data folder of the test (tmp_path/data, where KEHOACH_DATA_DIR points) opened."""
    from app.workspace import open_workspace

    w = open_workspace(tmp_path / "data" / "kehoach.db")
    yield w
    w.close()


@pytest.fixture
def clock_at(monkeypatch):
    """Set the day app.clock answers: `clock_at(date(2027, 6, 10))`; returns the day."""
    import app.clock

    def set_day(day):
        monkeypatch.setattr(app.clock, "today", lambda: day)
        return day

    return set_day
