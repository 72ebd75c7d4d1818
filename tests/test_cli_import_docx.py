"""`import FILE.docx`: a whole plan from a Word file, from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import plan_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "app"))
from docx_plan_normalise import normalise  # noqa: E402
from test_docx_plan_clerk import _header_table, _write  # noqa: E402


def run(*args, db):
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def test_exported_plan_comes_back_through_import(db, tmp_path):
    r = run("new", "--template", "ward-grouped", "--year", "2027", db=db)
    original = r.stdout.strip()
    assert run("export", original, "--docx", str(tmp_path / "kh.docx"), db=db).returncode == 0
    r = run("import", str(tmp_path / "kh.docx"), db=db)
    assert r.returncode == 0, r.stderr
    new_id = r.stdout.strip()
    assert new_id.isdigit() and new_id != original
    assert r.stderr.splitlines() == [
        "Đã nhận ra: cơ quan ban hành, 3 mục, 7 căn cứ, 2 phụ lục với 31 nhiệm vụ và 4 nhiệm vụ con, "
        "12 mục tiêu, người ký, 9 nơi nhận; không có đoạn nào chưa xếp được"
    ]
    for plan_id, name in ((original, "a.json"), (new_id, "b.json")):
        assert run("export-json", plan_id, str(tmp_path / name), db=db).returncode == 0
    want = plan_file.to_dict(normalise(plan_file.read(tmp_path / "a.json")))
    assert plan_file.to_dict(plan_file.read(tmp_path / "b.json")) == want
    r = run("carry-forward", new_id, "--year", "2028", db=db)  # the imported plan carries forward as any plan
    assert r.returncode == 0, r.stderr


def test_clerk_plan_lists_what_fits_nowhere(db, tmp_path):
    r = run("import", str(_write(tmp_path, _header_table)), db=db)
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines() == [
        "Đã nhận ra: cơ quan ban hành, 3 mục, 2 căn cứ, 1 phụ lục với 3 nhiệm vụ và 1 nhiệm vụ con, người ký, "
        "2 nơi nhận; 1 đoạn chưa xếp được",
        "- Ghi chú: phụ lục được cập nhật hằng quý.",
    ]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("kh.pdf", b"%PDF-1.4\n", "là tệp PDF"),
        ("kh.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "Word kiểu cũ (.doc)"),
        ("kh.docx", b"PK\x03\x04broken", "bị hỏng"),
        ("kh.docx", None, "Không tìm thấy tệp"),
    ],
)
def test_refusals_are_one_line_and_store_nothing(db, tmp_path, name, content, says):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = run("list", db=db).stdout
    r = run("import", str(path), db=db)
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and says in lines[0], r.stderr
    assert run("list", db=db).stdout == before


def test_json_import_is_unchanged(db, tmp_path):
    r = run("new", "--template", "ward-grouped", "--year", "2027", db=db)
    assert run("export-json", r.stdout.strip(), str(tmp_path / "p.json"), db=db).returncode == 0
    r = run("import", str(tmp_path / "p.json"), db=db)
    assert r.returncode == 0 and r.stdout.strip().isdigit() and r.stderr == ""


def test_a_word_plan_beyond_the_limits_is_refused_whole(db, tmp_path):
    """A 25,000-character paragraph typed in Word: one line naming the limit, nothing stored."""

    def long_header(doc) -> None:
        _header_table(doc)
        doc.add_paragraph("KẾ HOẠCH")
        doc.add_paragraph("Cải cách hành chính năm 2023")
        doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
        doc.add_paragraph("Rà soát thủ tục hành chính. " * 900)

    before = run("list", db=db).stdout
    r = run("import", str(_write(tmp_path, long_header)), db=db)
    assert r.returncode == 2 and r.stdout == "", r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "quá giới hạn 20.000" in lines[0], r.stderr
    assert run("list", db=db).stdout == before
