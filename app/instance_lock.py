"""Whether the window has a database open, for the command line (without Qt).

The window takes a QLockFile beside the database (`kehoach.db.lock`, ui/app.py) and keeps it
open while it runs. Qt holds that file in a way another process can see: on Linux and the BSDs
an flock on it, on Windows a handle that shares neither writing nor deleting. A lock file left by
a killed window (a power cut) holds neither, and does not count: Qt takes it over too.
On macOS Qt takes no flock; there the process id written in the file must still be running.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def lock_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


def window_has_open(db_path: Path) -> bool:
    """True while a running window holds the database's single-instance lock."""
    path = lock_path(db_path)
    if not path.is_file():
        return False
    if sys.platform == "win32":
        return _held_on_windows(path)
    if sys.platform == "darwin":
        return _owner_running(path)
    return _flocked(path)


def _held_on_windows(path: Path) -> bool:
    try:
        with open(path, "r+b"):
            return False
    except PermissionError:  # a sharing violation: the window has it open
        return True
    except OSError:
        return False


def _flocked(path: Path) -> bool:
    from app.files import flock_held

    return flock_held(path, unopenable=False)


def _owner_running(path: Path) -> bool:
    """The process id on the file's first line is alive (and is not this process)."""
    try:
        pid = int(path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except OSError:
        return False
    return True
