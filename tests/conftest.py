"""Test set-up: Qt offscreen, the data folder pointed at a temp dir (never the user's), no network."""

import os
import socket
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

# Sockets a test may create: local ones (Qt's single-instance server, socketpair on Linux).
_LOCAL_FAMILIES = {f for f in (getattr(socket, "AF_UNIX", None),) if f is not None}


class NetworkUsed(RuntimeError):
    """Raised where a test creates an Internet socket (the app works offline, always)."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Creating any socket other than AF_UNIX raises NetworkUsed and fails the test, even if the
    code under test swallows the exception. `socket.socketpair()` stays allowed: it never leaves
    the machine, and on Windows it is built from a loopback AF_INET pair. Yields the attempts."""
    attempts: list[str] = []
    real_init, real_pair = socket.socket.__init__, socket.socketpair
    in_pair = threading.local()

    def guarded_init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        if self.family in _LOCAL_FAMILIES or getattr(in_pair, "active", False):
            return
        family = getattr(self.family, "name", str(self.family))
        attempts.append(family)
        self.close()
        raise NetworkUsed(f"no network in tests: a {family} socket was created")

    def pair(*args, **kwargs):
        in_pair.active = True
        try:
            return real_pair(*args, **kwargs)
        finally:
            in_pair.active = False

    monkeypatch.setattr(socket.socket, "__init__", guarded_init)
    monkeypatch.setattr(socket, "socketpair", pair)
    yield attempts
    if attempts:
        pytest.fail(f"the test created network sockets: {', '.join(attempts)}", pytrace=False)


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
