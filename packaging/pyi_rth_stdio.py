"""PyInstaller runtime hook: give a windowed Windows program somewhere to write.

A GUI-subsystem executable (kehoach.exe) starts with sys.stdout and sys.stderr set to None. print()
then does nothing, but sys.stderr.write(...) (argparse errors, warnings, tracebacks written by
libraries) raises AttributeError. Point both at the null device; the console program
kehoach-cli.exe keeps its real streams, and the window logs to the data folder (ui/ops.py, ui/app.py).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)
