"""What only Windows does, proved on Windows (.github/workflows/windows-tests.yml runs the whole
suite on windows-latest): an open file cannot be renamed or deleted, paths carry a drive letter
and Vietnamese letters, the data lives in %LOCALAPPDATA%, and a pipe's code page is cp1252."""

import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.errors import FileLocked
from app.ops.plans import SAMPLE_AGENCY, SAMPLE_TEMPLATE, sample_plan
from app.templates import instantiate
from exporters.api import ExportRequest, export_plan

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows-only behaviour (Windows CI runs it)")


def cli(*args, env=None):
    env = env if env is not None else {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, env=env)


def out(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    return r.stdout.decode("utf-8").strip()


def test_an_open_file_cannot_be_renamed_or_deleted(tmp_path):
    """Why the app never renames a database another process holds (an antivirus, a sync tool)."""
    db = tmp_path / "kehoach.db"
    conn = sqlite3.connect(db)
    try:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        with pytest.raises(PermissionError):
            os.replace(db, tmp_path / "kehoach.hong.db")
        with pytest.raises(PermissionError):
            db.unlink()
    finally:
        conn.close()
    os.replace(db, tmp_path / "kehoach.hong.db")  # closed: allowed


def test_export_over_a_file_open_elsewhere_names_it_and_keeps_it(tmp_path):
    plan = sample_plan(instantiate(SAMPLE_TEMPLATE, 2027, SAMPLE_AGENCY))
    target = tmp_path / "Kế hoạch.docx"
    export_plan(plan, ExportRequest(docx=target))
    before = target.read_bytes()
    with open(target, "rb"), pytest.raises(FileLocked) as err:  # Word holds it the same way
        export_plan(plan, ExportRequest(docx=target))
    assert "Kế hoạch.docx" in err.value.message and "đang mở" in err.value.message
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["Kế hoạch.docx"]  # no temporary file left


def test_drive_letter_and_vietnamese_folder_for_database_export_and_backup(tmp_path):
    folder = tmp_path / "Kế hoạch CCHC – Phường Phú Sơn" / "Năm 2027"
    folder.mkdir(parents=True)
    assert re.match(r"^[A-Za-z]:\\", str(folder)), folder
    db = folder / "dữ liệu.db"
    plan_id = out(cli("--db", db, "new", "--template", "ward-annual", "--year", "2027", "--agency", "Phường Phú Sơn"))
    written = out(
        cli(
            "--db",
            db,
            "export",
            plan_id,
            "--docx",
            folder / "Kế hoạch",
            "--pdf",
            folder / "Kế hoạch",
            "--xlsx",
            folder / "Phụ lục",
        )
    ).splitlines()
    assert [Path(p).name for p in written] == ["Kế hoạch.docx", "Kế hoạch.pdf", "Phụ lục.xlsx"]
    assert zipfile.ZipFile(folder / "Kế hoạch.docx").testzip() is None
    assert (folder / "Kế hoạch.pdf").read_bytes().startswith(b"%PDF")
    backup = Path(out(cli("--db", db, "backup", folder / "Sao lưu.db")))
    assert backup == folder / "Sao lưu.db"
    out(cli("--db", db, "new", "--template", "ward-annual", "--year", "2028"))
    out(cli("--db", db, "restore", backup))
    assert len(out(cli("--db", db, "list")).splitlines()) == 1  # the restored database: one plan


def test_data_lives_in_localappdata(monkeypatch):
    from app.paths import APP_NAME, ENV_DATA_DIR, default_db_path

    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    expected = Path(os.environ["LOCALAPPDATA"]) / APP_NAME / "kehoach.db"
    assert os.path.normcase(default_db_path()) == os.path.normcase(expected)


def test_vietnamese_output_survives_the_ansi_code_page(tmp_path):
    """A pipe (a script, a scheduled task) gets the ANSI code page, cp1252, which has no «ế»:
    main.py switches its output to UTF-8 rather than crash or print «?»."""
    db = tmp_path / "kehoach.db"
    plan_id = out(cli("--db", db, "new", "--template", "ward-annual", "--year", "2027", "--agency", "Phường Phú Sơn"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"], capture_output=True, env=env
    )
    assert probe.stdout.decode().strip().lower() in ("cp1252", "utf-8", "cp65001")  # what the runner's pipe uses
    r = cli("--db", db, "list", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8").startswith(f"{plan_id}\t2027\t") and "nhiệm vụ" in r.stdout.decode("utf-8")
    r = cli("--db", db, "export", "999", "--docx", tmp_path / "x", env={**env, "PYTHONIOENCODING": "cp1252"})
    assert r.returncode == 2
    assert r.stderr.decode("utf-8").startswith("Lỗi: ")
