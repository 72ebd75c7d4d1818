"""The `overview` and `report` commands (docs/cli.md)."""

import os
import subprocess
import sys
from pathlib import Path

from docx import Document as DocxDocument

ROOT = Path(__file__).resolve().parent.parent


def run(db, *args):
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT)


def test_overview_and_report_commands(tmp_path):
    db = tmp_path / "kehoach.db"
    r = run(
        db, "new", "--template", "ward-annual", "--year", "2027", "--agency", "Phường Phú Sơn", "--place", "Phú Sơn"
    )
    assert r.returncode == 0, r.stderr
    plan_id = r.stdout.strip()

    r = run(db, "overview", plan_id, "--today", "2027-09-09")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Tổng số: ") and "nhiệm vụ quá hạn" in lines[0]
    assert "Quá hạn: " in r.stdout and "Đến hạn trong 30 ngày tới: " in r.stdout
    assert lines[-1] == "Báo cáo quý III: chốt số liệu 14/9, còn 5 ngày"

    out = tmp_path / "bao-cao"
    r = run(db, "report", plan_id, "--period", "6m", "--docx", str(out), "--pdf", str(out), "--today", "2027-06-10")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [str(out) + ".docx", str(out) + ".pdf"]
    texts = [p.text for p in DocxDocument(str(out) + ".docx").paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027" in texts

    r = run(db, "report", plan_id, "--period", "year")
    assert r.returncode == 0 and r.stdout.strip().isdigit()


def test_errors_are_one_vietnamese_line(tmp_path):
    db = tmp_path / "kehoach.db"
    r = run(db, "overview", "42")
    assert r.returncode == 2 and r.stderr.startswith("Lỗi: ") and len(r.stderr.splitlines()) == 1
    r = run(db, "report", "42", "--period", "q7")
    assert r.returncode == 2 and "Lỗi:" in r.stderr
    r = run(db, "overview", "42", "--today", "10/6/2027")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr
