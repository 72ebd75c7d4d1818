"""`import-table`: the upper level's appendix (.docx/.xlsx) into a plan from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "app"))
from hostile_tables import empty_member_name_xlsx, far_cells_xlsx, numbered_xlsx, raw_xlsx, sheet_xml  # noqa: E402
from import_builders import SEED004_ROWS, lettered_xlsx, seed000_docx, seed004_docx, xlsx_file  # noqa: E402


def run(*args, db):
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env)


def one_error_line(r) -> str:
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("Lỗi: ")
    assert "Traceback" not in r.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def new_plan(db, template="ward-grouped", year="2024") -> str:
    r = run("new", "--template", template, "--year", year, db=db)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def tasks_in_list(db, plan_id) -> int:
    r = run("list", db=db)
    line = next(x for x in r.stdout.splitlines() if x.split("\t")[0] == plan_id)
    return int(line.split("\t")[-1].split()[0])


def test_import_table_grouped(db, tmp_path):
    plan_id = new_plan(db)
    before = tasks_in_list(db, plan_id)
    r = run("import-table", plan_id, str(seed000_docx(tmp_path / "pl1.docx")), db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Đã thêm 5 nhiệm vụ, 4 nhiệm vụ con"
    assert tasks_in_list(db, plan_id) >= before + 5


def test_import_table_counts_lettered_sub_rows(db, tmp_path):
    plan_id = new_plan(db, year="2026")
    r = run("import-table", plan_id, str(lettered_xlsx(tmp_path / "Phụ lục huyện.xlsx")), db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Đã thêm 5 nhiệm vụ, 4 nhiệm vụ con"


def test_import_table_choose_table_and_appendix(db, tmp_path):
    plan_id = new_plan(db, "ward-annual", "2023")
    path = seed004_docx(
        tmp_path / "pl.docx",
        areas=(("Cải cách thể chế", SEED004_ROWS), ("Cải cách thủ tục hành chính", SEED004_ROWS[:2])),
    )
    r = run("import-table", plan_id, str(path), "--table", "2", "--appendix", "3", db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Đã thêm 2 nhiệm vụ, 0 nhiệm vụ con"


def test_import_table_xlsx(db, tmp_path):
    plan_id = new_plan(db)
    rows = [["STT", "Nội dung", "Đơn vị chủ trì"], [1, "Nhiệm vụ một", "Văn phòng"], [2, "Nhiệm vụ hai", "Công an"]]
    r = run("import-table", plan_id, str(xlsx_file(tmp_path / "a.xlsx", {"Sheet": rows})), db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Đã thêm 2 nhiệm vụ, 0 nhiệm vụ con"


def test_import_table_bad_inputs(db, tmp_path):
    plan_id = new_plan(db)
    before = tasks_in_list(db, plan_id)
    good = seed000_docx(tmp_path / "pl1.docx")
    garbage = tmp_path / "rac.docx"
    garbage.write_bytes(b"not a document at all" * 50)
    cases = [
        (("import-table", plan_id, str(garbage)), "không phải tệp Word"),
        (("import-table", plan_id, str(tmp_path / "khong-co.docx")), "Không tìm thấy"),
        (("import-table", plan_id, str(good), "--table", "5"), "chỉ có 1 bảng"),
        (("import-table", plan_id, str(good), "--table", "0"), "bảng"),
        (("import-table", plan_id, str(good), "--appendix", "2"), "Phụ lục số 2 là bảng chỉ tiêu"),
        (("import-table", plan_id, str(good), "--appendix", "9"), "phụ lục"),
        (("import-table", "999", str(good)), "999"),
        (("import-table", plan_id, str(good), "--table", "x"), "số nguyên"),
        (("import-table", plan_id), "thiếu tham số"),
    ]
    for args, needle in cases:
        line = one_error_line(run(*args, db=db))
        assert needle in line, (args, line)
    assert tasks_in_list(db, plan_id) == before


def test_import_table_takes_every_row_of_a_long_table(db, tmp_path):
    plan_id = new_plan(db)
    before = tasks_in_list(db, plan_id)
    r = run("import-table", plan_id, str(numbered_xlsx(tmp_path / "dai.xlsx", 1100)), db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Đã thêm 1100 nhiệm vụ, 0 nhiệm vụ con"
    assert tasks_in_list(db, plan_id) == before + 1100


def test_import_table_lists_the_rows_not_taken_and_exits_1(db, tmp_path):
    plan_id = new_plan(db)
    before = tasks_in_list(db, plan_id)
    rows = [["STT", "Nội dung", "Đơn vị chủ trì"], [1, "Việc một", "Văn phòng"], [2, "", "Công an"]]
    r = run("import-table", plan_id, str(raw_xlsx(tmp_path / "thieu.xlsx", [("S", sheet_xml(rows))])), db=db)
    assert r.returncode == 1, r.stderr
    assert r.stdout.strip() == "Đã thêm 1 nhiệm vụ, 0 nhiệm vụ con"
    assert r.stderr.splitlines() == [
        "Dòng 3: nhiệm vụ không có nội dung; chưa được chọn để nhập.",
        "Có 1 dòng của bảng không được nhập (xem các dòng trên); hãy sửa bảng rồi nhập lại.",
    ]
    assert tasks_in_list(db, plan_id) == before + 1


def test_import_table_refuses_hostile_archives_in_one_line(db, tmp_path):
    plan_id = new_plan(db)
    before = tasks_in_list(db, plan_id)
    assert "bị hỏng" in one_error_line(
        run("import-table", plan_id, str(empty_member_name_xlsx(tmp_path / "e.xlsx")), db=db)
    )
    line = one_error_line(run("import-table", plan_id, str(far_cells_xlsx(tmp_path / "xa.xlsx")), db=db))
    assert "ô XFD1048576" in line
    assert tasks_in_list(db, plan_id) == before
