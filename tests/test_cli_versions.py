"""The versions commands: issue, save-version, versions, export-json/export --version (docs/cli.md)."""

from __future__ import annotations

from test_cli import run


def _new(db):
    r = run("new", "--template", "ward-annual", "--year", "2027", db=db)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_issue_save_list_and_export_a_version(tmp_path):
    db = tmp_path / "k.db"
    pid = _new(db)
    r = run("save-version", pid, "--name", "Dự thảo lấy ý kiến 10/12", db=db)
    assert (r.returncode, r.stdout) == (0, "1\n"), r.stderr
    r = run("issue", pid, "--number", "15", "--date", "2026-12-20", db=db)
    assert (r.returncode, r.stdout) == (0, "2\n"), r.stderr
    r = run("versions", pid, db=db)
    lines = r.stdout.splitlines()
    assert lines[1] == "2\tban hành\t2026-12-20\tBan hành số 15 ngày 20/12/2026"
    assert lines[0].startswith("1\tdự thảo\t") and lines[0].endswith("\tDự thảo lấy ý kiến 10/12")
    frozen, now = tmp_path / "v2.json", tmp_path / "now.json"
    assert run("export-json", pid, str(frozen), "--version", "2", db=db).returncode == 0
    assert run("export-json", pid, str(now), "--no-versions", db=db).returncode == 0
    assert frozen.read_bytes() == now.read_bytes()
    r = run("export", pid, "--version", "1", "--docx", str(tmp_path / "v1.docx"), db=db)
    assert r.returncode == 0 and (tmp_path / "v1.docx").stat().st_size > 0
    # the plan file carries the versions: imported, they list and export as they were
    whole = tmp_path / "whole.json"
    assert run("export-json", pid, str(whole), db=db).returncode == 0
    copy = run("import", str(whole), db=db).stdout.strip()
    listed = run("versions", copy, db=db).stdout.splitlines()
    assert [x.split("\t", 1)[1] for x in listed] == [x.split("\t", 1)[1] for x in lines]
    again = tmp_path / "again.json"
    assert run("export-json", copy, str(again), "--version", listed[1].split("\t")[0], db=db).returncode == 0
    assert again.read_bytes() == frozen.read_bytes()


def test_version_errors_are_one_vietnamese_line(tmp_path):
    db = tmp_path / "k.db"
    pid = _new(db)
    for args, needle in (
        (("issue", pid, "--number", "15", "--date", "20/12/2026"), "không hợp lệ"),
        (("export-json", pid, str(tmp_path / "x.json"), "--version", "7"), "không có phiên bản"),
        (("versions", "99"), "Không có kế hoạch"),
        (("save-version", pid, "--name", " "), "đặt tên"),
    ):
        r = run(*args, db=db)
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr.count("\n") == 1 and needle in r.stderr


def test_diff_prints_the_changes_in_vietnamese(tmp_path):
    db = tmp_path / "k.db"
    pid = _new(db)
    assert run("save-version", pid, "--name", "Dự thảo", db=db).returncode == 0
    assert run("issue", pid, "--number", "15", "--date", "2026-12-20", db=db).returncode == 0
    r = run("diff", pid, "--from", "1", db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == (
        "So sánh «phiên bản 1: Dự thảo» với «kế hoạch hiện tại»: 2 thay đổi (2 sửa, 0 bổ sung, 0 bãi bỏ, 0 chuyển chỗ)."
    )
    assert "Sửa thông tin chung — Số văn bản:\n    cũ:  (trống)\n    mới: 15\n    từ:  {+15+}\n" in r.stdout
    r = run("diff", pid, "--from", "2", "--to", "now", db=db)
    assert r.returncode == 0 and "không có thay đổi" in r.stdout
    r = run("diff", pid, "--from", "x", db=db)
    assert r.returncode == 2 and r.stderr.startswith("Lỗi: «x» không phải mã phiên bản")


def test_export_changes_writes_a_tracked_word_file(tmp_path):
    import zipfile

    db = tmp_path / "k.db"
    pid = _new(db)
    assert run("save-version", pid, "--name", "Dự thảo", db=db).returncode == 0
    assert run("issue", pid, "--number", "15", "--date", "2026-12-20", db=db).returncode == 0
    r = run("export-changes", pid, "--from", "1", "--to", "2", "--docx", str(tmp_path / "ch"), db=db)
    assert r.returncode == 0 and r.stdout == f"{tmp_path / 'ch.docx'}\n", r.stderr
    xml = zipfile.ZipFile(tmp_path / "ch.docx").read("word/document.xml").decode("utf-8")
    assert '<w:ins w:id="' in xml and 'w:author="Kế hoạch CCHC"' in xml
    r = run("diff", pid, "--from", "1", "--docx", str(tmp_path / "d.docx"), db=db)
    assert r.returncode == 0 and r.stdout.endswith(f"{tmp_path / 'd.docx'}\n")
    r = run("export-changes", pid, "--from", "9", "--docx", str(tmp_path / "x.docx"), db=db)
    assert r.returncode == 2 and not (tmp_path / "x.docx").exists()


def test_amend_creates_the_amendment_plan(tmp_path):
    db = tmp_path / "k.db"
    pid = _new(db)
    assert run("issue", pid, "--number", "15", "--date", "2026-12-20", db=db).returncode == 0
    r = run("amend", pid, "--from", "1", db=db)
    assert r.returncode == 2 and "không có gì để sửa đổi" in r.stderr and r.stdout == ""
    import sqlite3

    conn = sqlite3.connect(db)  # an edit made in the window after the plan was issued
    with conn:
        conn.execute("UPDATE tasks SET content = 'Nội dung đã sửa đổi' WHERE id = (SELECT min(id) FROM tasks)")
    conn.close()
    r = run("amend", pid, "--from", "1", db=db)
    assert r.returncode == 0, r.stderr
    new_id = r.stdout.strip()
    out = tmp_path / "a.json"
    assert run("export-json", new_id, str(out), db=db).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "Sửa đổi, bổ sung một số nội dung của Kế hoạch số 15/KH-UBND ngày 20/12/2026" in text
    assert "“Nội dung đã sửa đổi”" in text
    r = run("amend", pid, "--from", "7", db=db)
    assert r.returncode == 2 and "không có phiên bản" in r.stderr
