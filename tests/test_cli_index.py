"""The reform-index commands (docs/cli.md): index-import, index-sets, assess, assess-export —
their stdout, stderr and exit codes on a real database file."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "index" / "sample-criteria.json"


def run(db, *args):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env)


def test_import_list_assess_export(tmp_path):
    db = tmp_path / "k.db"
    r = run(db, "index-import", str(SAMPLE))
    assert (r.returncode, r.stdout, r.stderr) == (0, "1\n", "74 tiêu chí, tổng 100 điểm.\n")
    r = run(db, "index-sets")
    assert r.stdout == "1\tBộ tiêu chí mẫu — không phải của tỉnh nào\t100 điểm\t74 tiêu chí\n"
    plan = run(db, "new", "--template", "ward-annual", "--year", "2027", "--agency", "phường Phú Sơn").stdout.strip()
    r = run(db, "assess", plan, "--set", "1", "--year", "2027")
    assert (r.returncode, r.stdout) == (0, "1\n"), r.stderr
    out = tmp_path / "out"
    out.mkdir()
    r = run(
        db,
        "assess-export",
        "1",
        "--xlsx",
        str(out / "bang"),
        "--docx",
        str(out / "bc.docx"),
        "--pdf",
        str(out / "bc.pdf"),
        "--evidence",
        str(out / "goi"),
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        str(out / "bc.docx"),
        str(out / "bc.pdf"),
        str(out / "bang.xlsx"),
        str(out / "goi"),
    ]
    sheet = openpyxl.load_workbook(out / "bang.xlsx").active
    assert any(row[1] == "TỔNG CỘNG" and row[2] == "100" for row in sheet.iter_rows(values_only=True))
    with open(out / "goi" / "muc-luc-tai-lieu-kiem-chung.csv", encoding="utf-8-sig") as f:
        assert len(list(csv.reader(f))) == 1  # no evidence linked yet: the header alone


def test_a_set_that_does_not_add_up_is_refused_in_one_line_and_nothing_stored(tmp_path):
    bad = tmp_path / "bo.json"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace('"total": "100"', '"total": "90"'), encoding="utf-8")
    db = tmp_path / "k.db"
    r = run(db, "index-import", str(bad))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "Lỗi: Các lĩnh vực cộng lại 100 điểm, khác tổng điểm 90 của bộ tiêu chí.\n"
    assert run(db, "index-sets").stdout == ""


def test_unknown_ids_exit_2_with_one_line(tmp_path):
    db = tmp_path / "k.db"
    r = run(db, "assess", "1", "--set", "4", "--year", "2027")
    assert (r.returncode, r.stderr) == (2, "Lỗi: Không có bộ tiêu chí số hiệu 4.\n")
    r = run(db, "assess-export", "3", "--xlsx", str(tmp_path / "x.xlsx"))
    assert (r.returncode, r.stderr) == (2, "Lỗi: Không có bản tự đánh giá số hiệu 3.\n")


def test_a_set_exported_to_a_file_imports_back_the_same(tmp_path):
    db = tmp_path / "k.db"
    run(db, "index-import", str(SAMPLE))
    r = run(db, "index-set-export", "1", str(tmp_path / "bo.json"))
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    r = run(db, "index-import", str(tmp_path / "bo.json"), "--name", "Bộ của phường bạn")
    assert (r.returncode, r.stdout) == (0, "2\n")
    assert run(db, "index-sets").stdout.splitlines()[1] == "2\tBộ của phường bạn\t100 điểm\t74 tiêu chí"


def test_assess_export_writes_the_evidence_package_as_a_zip_when_the_name_ends_in_zip(tmp_path):
    import zipfile

    db = tmp_path / "k.db"
    run(db, "index-import", str(SAMPLE))
    plan = run(db, "new", "--template", "ward-annual", "--year", "2027", "--agency", "phường Phú Sơn").stdout.strip()
    run(db, "assess", plan, "--set", "1", "--year", "2027")
    r = run(db, "assess-export", "1", "--evidence", str(tmp_path / "Gói tài liệu.ZIP"))
    assert (r.returncode, r.stdout) == (0, f"{tmp_path / 'Gói tài liệu.ZIP'}\n"), r.stderr
    with zipfile.ZipFile(tmp_path / "Gói tài liệu.ZIP") as zf:
        assert zf.namelist() == ["muc-luc-tai-lieu-kiem-chung.csv"]
    r = run(db, "assess-export", "1", "--evidence", str(tmp_path / "khong-co" / "goi.zip"))
    assert r.returncode == 2 and r.stderr.startswith("Lỗi: Thư mục «") and r.stderr.count("\n") == 1
