"""The guard against PySide6 6.12 taking references off None on every void Qt call."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.refcount_guard import guard_singletons
guard_singletons()
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(30000):
    label.setText("a")
    label.setFocus()
print("ok")
"""


def test_many_void_calls_do_not_abort(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=root, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "ok"
