"""The core imports without Qt; SQL stays in storage/."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_packages_import_without_pyside6():
    code = (
        "import sys, pkgutil, importlib\n"
        "for pkg in ('app', 'storage', 'exporters'):\n"
        "    m = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(m.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "print('PySide6' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_sqlite_only_in_storage():
    pattern = re.compile(r"^\s*(from|import)\s+(sqlite3|sqlite_utils)", re.M)
    for pkg in ("app", "exporters", "ui"):
        for path in (ROOT / pkg).rglob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_no_sql_statements_outside_storage():
    sql = re.compile(r"""["'](SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA) """)
    for pkg in ("app", "exporters", "ui"):
        for path in (ROOT / pkg).rglob("*.py"):
            assert not sql.search(path.read_text(encoding="utf-8")), path
