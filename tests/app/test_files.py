"""Saving files: the user's usual permissions, and no temporary file left by a killed export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.files import remove_leftovers, write_atomic, write_text_atomic

ROOT = Path(__file__).resolve().parents[2]
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions, locks and signals")


@posix
def test_a_saved_file_has_the_users_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "kh.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "kh.json").stat().st_mode & 0o777 == 0o644  # was 0600: only the owner could read it


@posix
def test_a_stricter_umask_is_respected_too(tmp_path):
    old = os.umask(0o077)
    try:
        write_text_atomic(tmp_path / "kh.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "kh.json").stat().st_mode & 0o777 == 0o600


def test_the_next_write_removes_leftovers_of_its_kind_only(tmp_path):
    left = tmp_path / ".KH-2027-ab12cd34.pdf.tmp"  # what a killed export leaves
    old_style = tmp_path / ".KH-2027-k_9x2m1q.pdf.tmp"  # tempfile.mkstemp's names (older versions)
    other_kind = tmp_path / ".KH-2027-ab12cd34.docx.tmp"
    not_ours = tmp_path / ".cache.tmp"
    for p in (left, old_style, other_kind, not_ours):
        p.write_bytes(b"partial")
    write_atomic(tmp_path / "KH-2027.pdf", lambda tmp: tmp.write_bytes(b"%PDF-new"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["KH-2027.pdf", other_kind.name, not_ours.name])


@posix
def test_a_leftover_still_being_written_is_kept(tmp_path):
    import fcntl

    live = tmp_path / ".KH-ab12cd34.pdf.tmp"
    live.write_bytes(b"half")
    with open(live, "rb") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)  # another export writing it right now
        assert remove_leftovers(tmp_path, ".pdf") == 0
    assert live.exists()
    assert remove_leftovers(tmp_path, ".pdf") == 1


WRITER = r"""
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from app.files import write_atomic

def slow(tmp):
    tmp.write_bytes(b"%PDF-half")
    Path({ready!r}).write_text("x")
    time.sleep(60)

write_atomic(Path({target!r}), slow)
"""


@posix
def test_kill_9_during_an_export_keeps_the_old_file_and_the_next_export_cleans_up(tmp_path):
    target, ready = tmp_path / "KH.pdf", tmp_path / "ready"
    target.write_bytes(b"%PDF-old")
    script = tmp_path / "w.py"
    script.write_text(WRITER.format(root=str(ROOT), ready=str(ready), target=str(target)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)])
    try:
        for _ in range(600):
            if ready.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), "the writer did not start"
        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".pdf.tmp")]
        assert len(leftovers) == 1
        assert remove_leftovers(tmp_path, ".pdf") == 0  # still being written: kept
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert target.read_bytes() == b"%PDF-old"
    write_atomic(target, lambda tmp: tmp.write_bytes(b"%PDF-new"))
    assert target.read_bytes() == b"%PDF-new"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
