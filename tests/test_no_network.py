"""The suite proves the app never uses the network: tests/conftest.py's autouse `no_network`
fixture fails any test that creates a socket other than AF_UNIX. These tests prove it bites."""

import socket
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parent / "conftest.py"


def test_an_internet_socket_is_refused_before_it_connects(no_network):
    with pytest.raises(RuntimeError, match="no network in tests: a AF_INET socket"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(RuntimeError, match="AF_INET"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)  # refused before any connect
    with pytest.raises(RuntimeError, match="AF_INET"):
        socket.socket()  # the default family is AF_INET
    if socket.has_ipv6:
        with pytest.raises(RuntimeError, match="AF_INET6"):
            socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    assert no_network[:3] == ["AF_INET", "AF_INET", "AF_INET"]
    no_network.clear()  # expected here; any other test with an attempt fails at teardown


def test_local_sockets_stay_allowed():
    a, b = socket.socketpair()
    with a, b:
        a.sendall(b"ok")
        assert b.recv(2) == b"ok"
    if hasattr(socket, "AF_UNIX"):
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()


INNER_TESTS = """
import socket

def test_swallows_the_refusal():
    try:
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    except Exception:
        pass  # code under test that hides the error must not hide the attempt

def test_only_local_sockets():
    a, b = socket.socketpair()
    a.close()
    b.close()
"""


def test_a_swallowed_attempt_still_fails_the_test(tmp_path):
    """The fixture from the real conftest, in a separate pytest run."""
    (tmp_path / "conftest.py").write_text(CONFTEST.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_inner.py").write_text(INNER_TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "ERROR test_inner.py::test_swallows_the_refusal" in out, out
    assert "the test created network sockets: AF_INET" in out, out
    assert "PASSED test_inner.py::test_only_local_sockets" in out, out
