"""The command line is a public contract: outputs, exit codes and error lines (docs/cli.md)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, db=None, cwd=None):
    cmd = [sys.executable, str(ROOT / "main.py")]
    if db is not None:
        cmd += ["--db", str(db)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(cmd + list(args), capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd)


def plan_count(db):
    import sqlite3

    if not Path(db).exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM plans").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def test_templates_lists_ids(db):
    r = run("templates", db=db)
    assert r.returncode == 0, r.stderr
    ids = [line.split("\t")[0] for line in r.stdout.splitlines()]
    assert {"ward-annual", "ward-grouped", "reform-index"} <= set(ids)


def test_new_list_export_import_carry_forward(db, tmp_path):
    r = run(
        "new",
        "--template",
        "ward-annual",
        "--year",
        "2027",
        "--agency",
        "Phường Phú Sơn",
        "--parent",
        "UBND tỉnh Thanh Hóa",
        "--chairman",
        "Nguyễn Văn An",
        db=db,
    )
    assert r.returncode == 0, r.stderr
    pid = int(r.stdout.strip())
    listed = run("list", db=db).stdout
    assert listed.startswith(f"{pid}\t2027\t")

    out = tmp_path / "kế hoạch 2027.json"
    assert run("export-json", str(pid), str(out), db=db).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "kehoach-cchc/1" and data["year"] == 2027
    assert data["agency"] == "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ SƠN"
    assert data["signer"]["name"] == "Nguyễn Văn An"

    r = run("import", str(out), db=db)
    assert r.returncode == 0, r.stderr
    again = tmp_path / "again.json"
    assert run("export-json", r.stdout.strip(), str(again), db=db).returncode == 0
    assert again.read_bytes() == out.read_bytes()

    r = run("carry-forward", str(pid), "--year", "2028", db=db)
    assert r.returncode == 0, r.stderr
    new_id = int(r.stdout.strip())
    moved = tmp_path / "2028.json"
    run("export-json", str(new_id), str(moved), db=db)
    text = moved.read_text(encoding="utf-8")
    assert "năm 2028" in text and json.loads(text)["year"] == 2028
    assert all(a["headers"].get("content") != "Nội dung năm trước" for a in json.loads(text)["appendices"])

    r = run("carry-forward", str(pid), "--year", "2028", "--compare", db=db)
    assert r.returncode == 0, r.stderr
    run("export-json", r.stdout.strip(), str(moved), db=db)
    last = json.loads(moved.read_text(encoding="utf-8"))["appendices"][-1]
    assert last["headers"] == {"content": "Nội dung năm trước", "product": "Nội dung năm nay", "note": "Ghi chú"}
    assert [t["content"] for t in last["tasks"]] == [
        "Không có nội dung thay đổi so với Kế hoạch năm trước, ngoài năm thực hiện."
    ]


@pytest.mark.parametrize(
    "args,fragment",
    [
        (("new", "--template", "khong-co", "--year", "2027"), "Không có mẫu"),
        (("new", "--template", "ward-annual", "--year", "1900"), "1900"),
        (("new", "--template", "ward-annual", "--year", "3000"), "3000"),
        (("new", "--template", "ward-annual", "--year", "abc"), "số nguyên"),
        (("new", "--template", "ward-2026-2030", "--year", "2027"), "năm kế hoạch là 2026"),
        (("new", "--year", "2027"), "thiếu tham số"),
        (("carry-forward", "999", "--year", "2028"), "Không có kế hoạch"),
        (("export-json", "999", "x.json"), "Không có kế hoạch"),
        (("export", "999", "--pdf", "x.pdf"), "Không có kế hoạch"),
        (("import", "khong-co.json"), "Không tìm thấy"),
        (("lenh-la",), "lựa chọn không hợp lệ"),
    ],
)
def test_bad_input_exits_2_with_one_vietnamese_line_and_creates_nothing(db, tmp_path, args, fragment):
    r = run(*args, db=db, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    assert plan_count(db) == 0


@pytest.mark.parametrize(
    "content,fragment",
    [
        ("{ không phải json", "JSON"),
        ('{"format": "kehoach-cchc/2", "year": 2027}', "mới hơn"),
        ('{"format": "kehoach-cchc/1", "year": 2027, "sections": [{"heading": 1}]}', "sections[0].heading"),
        ("[1, 2, 3]", "đối tượng"),
    ],
)
def test_import_of_bad_files(db, tmp_path, content, fragment):
    f = tmp_path / "bad file.json"
    f.write_text(content, encoding="utf-8")
    r = run("import", str(f), db=db)
    assert r.returncode == 2 and fragment in r.stderr and "Traceback" not in r.stderr
    assert plan_count(db) == 0


def test_carry_forward_to_a_past_year_is_refused(db):
    pid = run("new", "--template", "ward-annual", "--year", "2027", db=db).stdout.strip()
    r = run("carry-forward", pid, "--year", "2026", db=db)
    assert r.returncode == 2 and "phải sau" in r.stderr
    assert plan_count(db) == 1


def test_cli_paths_do_not_import_qt(db):
    code = (
        f"import sys, runpy; sys.argv=['main.py','--db',{str(db)!r},'list'];"
        "import main; main.main(sys.argv[1:]); print('PySide6' in sys.modules)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith("False")


def test_backup_and_restore(db, tmp_path):
    pid = run("new", "--template", "ward-annual", "--year", "2027", db=db).stdout.strip()
    r = run("backup", str(tmp_path / "sao-luu.db"), db=db)
    assert r.returncode == 0 and Path(r.stdout.strip()).exists()
    run("new", "--template", "reform-index", "--year", "2027", db=db)
    assert plan_count(db) == 2
    r = run("restore", str(tmp_path / "sao-luu.db"), db=db)
    assert r.returncode == 0, r.stderr
    assert plan_count(db) == 1 and pid
    assert Path(r.stdout.strip()).exists()  # the safety copy of what was replaced
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"x" * 5000)
    r = run("restore", str(bad), db=db)
    assert r.returncode == 2 and "Lỗi:" in r.stderr and plan_count(db) == 1


def test_backup_without_dest_goes_beside_the_database_and_rotates(db):
    run("new", "--template", "ward-annual", "--year", "2027", db=db)
    folder = db.parent / "backups"
    folder.mkdir()
    old = [folder / f"kehoach-20200115-1200{i:02d}-thu-cong.db" for i in range(11)]
    for f in old:
        f.write_bytes(b"")
    r = run("backup", db=db)
    assert r.returncode == 0, r.stderr
    made = Path(r.stdout.strip())
    assert made.parent == folder and made.name.endswith("-thu-cong.db") and made.stat().st_size > 0
    # rotated: the last 10 (this one and the 9 newest of January 2020) plus the newest of each month
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name] + [f.name for f in old[2:]])


def test_check_prints_findings_and_exit_code(db, tmp_path):
    # A template plan as created: the province's plan still "số …/KH-UBND ngày …/…/2026", no signer.
    pid = run("new", "--template", "ward-annual", "--year", "2027", db=db).stdout.strip()
    r = run("check", pid, db=db)
    assert r.returncode == 1, r.stdout + r.stderr
    assert any(
        line.startswith("Lỗi: Căn cứ thứ ") and "còn chỗ «…» chưa điền" in line for line in r.stdout.splitlines()
    )
    assert "Lỗi: Người ký: chưa ghi họ tên người ký." in r.stdout
    assert "Thông tin: Số, ký hiệu: số văn bản còn để trống" in r.stdout
    # Filled in as the officer would: warnings and information only, exit 0.
    new = ("new", "--template", "ward-annual", "--year", "2027", "--province", "tỉnh Thanh Hóa")
    pid = run(*new, "--chairman", "Nguyễn Văn An", db=db).stdout.strip()
    path = tmp_path / "kh.json"
    run("export-json", pid, str(path), db=db)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["legal_bases"] = [
        re.sub(r"ngày …/…/", "ngày 20/12/", re.sub(r"số …/", "số 45/", b)) for b in data["legal_bases"]
    ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    filled = run("import", str(path), db=db).stdout.strip()
    r = run("check", filled, db=db)
    assert r.returncode == 0 and "Lỗi:" not in r.stdout, r.stdout + r.stderr
    assert "Cảnh báo:" in r.stdout and "còn nhắc năm 2026" in r.stdout
    r = run("carry-forward", filled, "--year", "2028", db=db)
    r = run("check", r.stdout.strip(), db=db)
    assert r.returncode == 0 and "Cảnh báo:" in r.stdout


def test_check_leaves_out_the_warnings_dismissed_in_the_window(db):
    from app.ops import checks, plans
    from app.workspace import open_workspace

    ws = open_workspace(db)
    pid = plans.ensure_sample_plan(ws)
    mention = next(f for f in checks.check(ws, pid).findings if f.code == "last-year-mention")
    checks.dismiss(ws, pid, mention)
    ws.close()
    r = run("check", str(pid), db=db)
    assert r.returncode == 0 and "Lỗi:" not in r.stdout, r.stdout
    assert mention.message not in r.stdout
    assert r.stderr == "Đã bỏ qua 1 cảnh báo (in cả bằng --all).\n"
    r = run("check", str(pid), "--all", db=db)
    assert f"Cảnh báo (đã bỏ qua): {mention.place.label}: {mention.message}" in r.stdout.splitlines()
    assert r.stderr == ""


def test_period_and_decision_plans_and_separate_export(db, tmp_path):
    r = run(
        "new",
        "--template",
        "ward-annual",
        "--year",
        "2026",
        "--period",
        "2026-2030",
        "--decision",
        "--agency",
        "Phường Phú Sơn",
        db=db,
    )
    assert r.returncode == 0, r.stderr
    pid = r.stdout.strip()
    out = tmp_path / "p.json"
    run("export-json", pid, str(out), db=db)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["period"] == {"from": 2026, "to": 2030}
    assert data["summary"] == "Cải cách hành chính giai đoạn 2026 - 2030"
    assert data["decision"]["articles"][0].startswith("Ban hành kèm theo Quyết định này Kế hoạch")
    r = run("export", pid, "--docx", str(tmp_path / "QD.docx"), "--separate", db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [str(tmp_path / "QD.docx"), str(tmp_path / "QD-ke-hoach.docx")]
    r = run("new", "--template", "ward-annual", "--year", "2027", "--period", "2026-2030", db=db)
    assert r.returncode == 2 and "năm đầu giai đoạn" in r.stderr


def test_output_is_utf8_even_when_the_locale_is_not(db):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(LC_ALL="C", LANG="C", PYTHONIOENCODING="latin-1")
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "templates"], capture_output=True, env=env
    )
    assert r.returncode == 0, r.stderr
    assert "Kế hoạch CCHC năm" in r.stdout.decode("utf-8")
