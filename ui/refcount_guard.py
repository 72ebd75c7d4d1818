"""Work around PySide6 6.12 dropping a reference to None on every call of a void Qt method.

Measured here (PySide6-Essentials 6.12.0, CPython 3.11.7): `QLabel.setText("a")` 20,000 times
aborts the interpreter with "Fatal Python error: none_dealloc: deallocating None"; each call of a
method returning nothing (setText, setFocus, setCurrentIndex, QApplication.processEvents…) takes one
reference off None, and a signal emitted to a Python slot takes one off True. A long editing
session reaches zero. From Python 3.12 on, None, True and False are immortal and nothing happens;
before that, give them so many references that no session can use them up.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40


def guard_singletons() -> bool:
    """Add HEADROOM references to None, True and False on CPython < 3.12; True when applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False):
        if sys.getrefcount(obj) < HEADROOM // 2:
            # ob_refcnt is the first field of every object on CPython (a Py_ssize_t)
            ctypes.c_ssize_t.from_address(id(obj)).value += HEADROOM
    return True
