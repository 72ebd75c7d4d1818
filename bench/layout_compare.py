"""Prove a layout refactor prints what the original code printed: this checkout against a git ref.

    python bench/layout_compare.py [--ref c69c657] [--trace]

Checks out REF (default c69c657, the code before the exporters refactor) in a temporary
`git worktree`, then in both trees, side by side:
- runs tests/exporters/layout_snapshot.py (this checkout's copy): every snapshot document to
  DOCX, PDF and XLSX, read back in full (PDF pages, sizes, text, fonts and bytes; DOCX
  document.xml, styles.xml and parts; XLSX cells, merges, widths, heights, print settings);
- with --trace, also runs each tree's tests/exporters with bench/layout_trace_plugin.py, which
  records a digest of every file any test writes (several minutes).
Prints each difference (a unified diff for texts) and exits 1 if there is any. Never touches the
ref's branch: the worktree is detached and removed afterwards.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "exporters" / "layout_snapshot.py"
PLUGIN_DIR = ROOT / "bench"
DEFAULT_REF = "c69c657"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}


def _snapshot(tree: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SNAPSHOT), str(out)], cwd=tree, env=_env())


def _trace(tree: Path, out: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "layout_trace_plugin"]
    env = _env(PYTHONPATH=str(PLUGIN_DIR), LAYOUT_TRACE_OUT=str(out))
    return subprocess.Popen([*cmd, "tests/exporters"], cwd=tree, env=env, stdout=subprocess.DEVNULL)


def _diff(where: str, old: Any, new: Any, out: list[str]) -> None:
    """Append a readable account of every difference between two JSON values."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new), key=str):
            _diff(f"{where}/{k}", old.get(k), new.get(k), out)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _diff(f"{where}[{i}]", a, b, out)
    elif isinstance(old, str) and isinstance(new, str) and ("\n" in old or len(old) > 200):
        a, b = old.replace("><", ">\n<").splitlines(), new.replace("><", ">\n<").splitlines()
        lines = list(difflib.unified_diff(a, b, "before", "after", n=1, lineterm=""))
        out.append(f"{where}:\n" + "\n".join(lines[:60]))
    else:
        out.append(f"{where}: {str(old)[:300]!r} -> {str(new)[:300]!r}")


def _compare(kind: str, old_file: Path, new_file: Path) -> list[str]:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_file, new_file))
    if kind == "trace":  # tests added since the ref have nothing to compare with
        new = {k: v for k, v in new.items() if k in old}
        old = {k: v for k, v in old.items() if k in new}
    out: list[str] = []
    _diff(kind, old, new, out)
    return out


def main(argv: list[str]) -> int:
    ref = argv[argv.index("--ref") + 1] if "--ref" in argv else DEFAULT_REF
    kinds = ["snapshot", "trace"] if "--trace" in argv else ["snapshot"]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), ref], cwd=ROOT, check=True)
        try:
            runs = {}
            for kind in kinds:
                start = _snapshot if kind == "snapshot" else _trace
                for label, tree in (("old", base), ("new", ROOT)):
                    out = Path(tmp) / f"{kind}-{label}.json"
                    runs[kind, label] = (start(tree, out), out)
            for proc, _ in runs.values():
                proc.wait()
            problems = []
            for kind in kinds:
                (old_proc, old_out), (new_proc, new_out) = runs[kind, "old"], runs[kind, "new"]
                if not (old_out.exists() and new_out.exists()):
                    problems.append(f"{kind}: a run failed (exit {old_proc.returncode} / {new_proc.returncode})")
                    continue
                found = _compare(kind, old_out, new_out)
                print(f"{kind}: {len(found)} difference(s) between {ref} and this checkout")
                problems += found
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
