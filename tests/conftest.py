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


@pytest.fixture
def open_dir():
    """A folder any user may enter (tmp_path's parents are private to their owner), for tests
    that run code as a user without the power to ignore file modes (see `unprivileged`)."""
    import shutil
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="kehoach-modes-"))
    os.chmod(folder, 0o777)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        try:
            os.chmod(p, 0o777 if p.is_dir() else 0o666)
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def unprivileged():
    """`with unprivileged():` runs the block the way the officer's account would: file modes apply.

    As root (a container), root ignores a read-only mode, so the block runs with the effective
    ids of `nobody` and goes back after; as an ordinary user (CI) it changes nothing. Import what
    the block needs before it: `nobody` may not read the interpreter's own folders.
    """
    from contextlib import contextmanager

    @contextmanager
    def as_officer():
        if os.name != "posix" or os.geteuid() != 0:
            yield
            return
        os.setegid(65534)
        os.seteuid(65534)
        try:
            yield
        finally:
            os.seteuid(0)
            os.setegid(0)

    return as_officer


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
print("released", flush=True)
sys.stdin.readline()
"""


class LockHolder:
    """Another program (antivirus, a sync tool, `sqlite3` in a shell) holding `BEGIN EXCLUSIVE`
    on a database file, in a process of its own, until `release()`."""

    def __init__(self, path):
        import subprocess
        import sys

        self.proc = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout.readline().strip() == "held"
        self.held = True

    def release(self) -> None:
        if self.held:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            assert self.proc.stdout.readline().strip() == "released"
            self.held = False

    def stop(self) -> None:
        self.release()
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def hold_lock():
    """`hold_lock(path)`: another process holds an exclusive lock on the file until `.release()`."""
    holders = []

    def start(path):
        holders.append(LockHolder(path))
        return holders[-1]

    yield start
    for h in holders:
        h.stop()
