"""Prove a layout refactor prints what the original code printed: this checkout against a git ref.

    python bench/layout_compare.py [--ref c69c657] [--trace [--tests tests/exporters/test_pdf.py]]

Checks out REF (default c69c657, the code before the exporters refactor) in a temporary
`git worktree`, then in both trees, side by side:
- runs tests/exporters/layout_snapshot.py (this checkout's copy): every snapshot document to
  DOCX, PDF and XLSX, read back in full (PDF pages, sizes, text, fonts and bytes; DOCX
  document.xml, styles.xml and parts; XLSX cells, merges, widths, heights, print settings);
- with --trace, also runs each tree's tests/exporters (or --tests) with
  bench/layout_trace_plugin.py, which records a digest of every file any test writes (a few
  minutes); a file written from a different Document in the two runs (a test whose input is not
  repeatable) is listed apart and does not count as a difference.
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
    # a fixed hash seed: set order inside hypothesis strategies, hence the examples drawn, repeats
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0", **extra}


def _snapshot(tree: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SNAPSHOT), str(out)], cwd=tree, env=_env())


def _trace(tree: Path, out: Path, tests: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "layout_trace_plugin"]
    env = _env(PYTHONPATH=str(PLUGIN_DIR), LAYOUT_TRACE_OUT=str(out))
    return subprocess.Popen([*cmd, tests], cwd=tree, env=env, stdout=subprocess.DEVNULL)


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


def _comparable(old: dict, new: dict) -> tuple[dict, dict, list[str]]:
    """The trace records both runs can be compared on: the same test writing the same Document
    (hypothesis draws words from the source tree, so some of its examples differ between trees)."""
    skipped = []
    old_out, new_out = {}, {}
    for test in sorted(set(old) & set(new)):  # tests added since the ref have nothing to compare with
        if [r[:2] for r in old[test]] == [r[:2] for r in new[test]]:  # (format, Document) in order
            old_out[test], new_out[test] = old[test], new[test]
            continue
        a_by = {(r[0], r[1]): r for r in old[test]}
        b_by = {(r[0], r[1]): r for r in new[test]}
        common = sorted(set(a_by) & set(b_by))
        old_out[test], new_out[test] = [a_by[k] for k in common], [b_by[k] for k in common]
        left = len(old[test]) - len(common)
        skipped.append(f"trace/{test}: {len(common)} files compared, {left} written from Documents only one run made")
    return old_out, new_out, skipped


def _compare(kind: str, old_file: Path, new_file: Path) -> tuple[list[str], list[str], int]:
    """(differences, files left out, files compared)."""
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_file, new_file))
    skipped: list[str] = []
    if kind == "trace":
        old, new, skipped = _comparable(old, new)
    out: list[str] = []
    _diff(kind, old, new, out)
    return out, skipped, len(old["files"]) if kind == "snapshot" else sum(len(v) for v in old.values())


def main(argv: list[str]) -> int:
    ref = argv[argv.index("--ref") + 1] if "--ref" in argv else DEFAULT_REF
    kinds = ["snapshot", "trace"] if "--trace" in argv else ["snapshot"]
    tests = argv[argv.index("--tests") + 1] if "--tests" in argv else "tests/exporters"
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), ref], cwd=ROOT, check=True)
        try:
            runs = {}
            for kind in kinds:
                for label, tree in (("old", base), ("new", ROOT)):
                    out = Path(tmp) / f"{kind}-{label}.json"
                    proc = _snapshot(tree, out) if kind == "snapshot" else _trace(tree, out, tests)
                    runs[kind, label] = (proc, out)
            for proc, _ in runs.values():
                proc.wait()
            problems = []
            for kind in kinds:
                (old_proc, old_out), (new_proc, new_out) = runs[kind, "old"], runs[kind, "new"]
                if not (old_out.exists() and new_out.exists()):
                    problems.append(f"{kind}: a run failed (exit {old_proc.returncode} / {new_proc.returncode})")
                    continue
                found, skipped, count = _compare(kind, old_out, new_out)
                print(f"{kind}: {len(found)} difference(s) in {count} files between {ref} and this checkout")
                print("\n".join(skipped) if skipped else "", end="\n" if skipped else "")
                problems += found
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
