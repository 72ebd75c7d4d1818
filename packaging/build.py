"""Build the one-folder bundle for the platform this runs on, and on Windows optionally the installer.

    pip install -e ".[build]"
    python packaging/build.py               # -> dist/kehoach/ (kehoach, kehoach-cli, _internal/)
    python packaging/build.py --installer   # Windows: also dist/KeHoachCCHC-<version>-setup.exe (Inno Setup 6)

Prints the bundle's size. Refuses to build when the version in pyproject.toml, packaging/version_info.txt
and packaging/kehoach.iss disagree, so the file properties never lie about the version.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "kehoach"


def project_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'(?m)^version\s*=\s*"([^"]+)"', text)
    if not m:
        raise SystemExit("pyproject.toml has no version")
    return m.group(1)


def version_mismatches(version: str) -> list[str]:
    """Places that state a different version from pyproject.toml (empty when all agree)."""
    numbers = tuple(int(n) for n in re.findall(r"\d+", version)[:4])
    numbers += (0,) * (4 - len(numbers))
    info = (PACKAGING / "version_info.txt").read_text(encoding="utf-8")
    iss = (PACKAGING / "kehoach.iss").read_text(encoding="utf-8")
    problems = []
    for key in ("filevers", "prodvers"):
        if f"{key}={numbers}" not in info:
            problems.append(f"version_info.txt: {key} is not {numbers}")
    for key in ("FileVersion", "ProductVersion"):
        if f"StringStruct('{key}', '{version}')" not in info:
            problems.append(f"version_info.txt: {key} is not {version}")
    if f'#define AppVersion "{version}"' not in iss:
        problems.append(f"kehoach.iss: AppVersion is not {version}")
    return problems


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build_bundle(clean: bool) -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    cmd += ["--distpath", str(DIST), "--workpath", str(WORK)]
    if clean:
        cmd.append("--clean")
    cmd.append(str(PACKAGING / "kehoach.spec"))
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)
    return BUNDLE


def find_iscc() -> Path | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    for env in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(env)
        if not base:
            continue
        for sub in ("Inno Setup 6", r"Programs\Inno Setup 6"):
            candidate = Path(base) / sub / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def build_installer(version: str) -> Path:
    if sys.platform != "win32":
        raise SystemExit("--installer: Inno Setup runs on Windows only (the bundle is built for this platform)")
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit(
            "--installer: ISCC.exe not found. Install Inno Setup 6 (https://jrsoftware.org/isdl.php, "
            "or `winget install JRSoftware.InnoSetup`) or put ISCC on PATH."
        )
    cmd = [str(iscc), f"/DAppVersion={version}", f"/DBundleDir={BUNDLE}", f"/O{DIST}", str(PACKAGING / "kehoach.iss")]
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=PACKAGING, check=True)
    return DIST / f"KeHoachCCHC-{version}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--installer", action="store_true", help="Windows: wrap the bundle with Inno Setup (ISCC)")
    ap.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    args = ap.parse_args(argv)

    version = project_version()
    problems = version_mismatches(version)
    if problems:
        print("Version mismatch with pyproject.toml:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1

    start = time.perf_counter()
    bundle = build_bundle(args.clean)
    exe = ".exe" if sys.platform == "win32" else ""
    for name in ("kehoach", "kehoach-cli"):
        if not (bundle / f"{name}{exe}").is_file():
            print(f"missing {bundle / (name + exe)}", file=sys.stderr)
            return 1
    size = folder_size(bundle)
    print(f"bundle: {bundle}  {size / 1e6:.1f} MB  built in {time.perf_counter() - start:.0f} s")

    if args.installer:
        setup = build_installer(version)
        print(f"installer: {setup}  {setup.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
