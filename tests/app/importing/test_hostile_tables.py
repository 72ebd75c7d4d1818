"""Hostile and very large tables cost little: each is read within the caps or refused in one
Vietnamese sentence, and no row read is lost (issue 15, items 2 and 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.importing import ImportFileError, read_file
from app.importing import grid as grid_module
from app.importing import xlsx as xlsx_module
from app.importing.parse import JOINED_ROW

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "app"))
from hostile_tables import (  # noqa: E402
    far_cells_xlsx,
    lying_dimension_xlsx,
    merge_bomb_xlsx,
    numbered_docx,
    numbered_rows,
    numbered_xlsx,
    overlapping_merges_xlsx,
    raw_docx,
    raw_xlsx,
    sheet_xml,
)

MEMORY_CAP = 300 * 1024 * 1024  # the budget: any file under 20 MB in < 300 MB


def refusal(path: Path) -> str:
    with pytest.raises(ImportFileError) as e:
        read_file(path)
    message = str(e.value)
    assert "\n" not in message and e.value.__cause__ is None
    return message


def contents(result) -> list[str]:
    return [r.fields["content"] for r in result.rows if r.kind == "task"]


def test_a_merge_over_the_whole_sheet_is_clamped_to_the_table(tmp_path):
    path = merge_bomb_xlsx(tmp_path / "gop.xlsx")
    assert path.stat().st_size < 2500
    r = read_file(path)
    assert contents(r) == [f"Nhiệm vụ số {i} của phụ lục" for i in (1, 2, 3)]
    assert r.table.n_rows == 4 and r.table.n_cols == 3 and not r.not_taken()


def test_overlapping_merges_are_refused(tmp_path):
    message = refusal(overlapping_merges_xlsx(tmp_path / "chong.xlsx"))
    assert message.startswith("Trang tính «Phụ lục» có các vùng gộp ô chồng lên nhau")


def test_text_far_outside_the_table_limits_is_refused_naming_the_cell(tmp_path):
    message = refusal(far_cells_xlsx(tmp_path / "xa.xlsx", sheets=50))
    assert message.startswith("Trang tính «Trang 1» có chữ ở ô XFD1048576, ngoài giới hạn 5.000 dòng × 60 cột")


def test_too_many_sheets_are_refused(tmp_path):
    assert "hơn 100 trang tính" in refusal(far_cells_xlsx(tmp_path / "nhieu.xlsx", sheets=200))


def test_a_sheet_is_read_to_its_last_row_whatever_its_dimension_says(tmp_path):
    path = lying_dimension_xlsx(tmp_path / "doi.xlsx")
    assert 16.7e6 < path.stat().st_size < 20e6  # big enough that openpyxl's read-only mode was used
    r = read_file(path)
    assert r.counts() == (200, 0) and contents(r)[-1] == "Nhiệm vụ số 200 của phụ lục"


def test_empty_cells_far_away_do_not_widen_the_table(tmp_path):
    sheet = sheet_xml(numbered_rows(2)).replace(
        "</sheetData>", '<row r="900000"><c r="XFD900000" s="1"/></row></sheetData>'
    )
    r = read_file(raw_xlsx(tmp_path / "rong.xlsx", [("Phụ lục", sheet)]))
    assert (r.table.n_rows, r.table.n_cols) == (3, 3) and r.counts() == (2, 0)


@pytest.mark.parametrize("build", [numbered_xlsx, numbered_docx], ids=["xlsx", "docx"])
def test_rows_numbered_1000_and_up_are_tasks_of_their_own(tmp_path, build):
    r = read_file(build(tmp_path / f"dai.{build.__name__[-4:]}", 1100))
    assert r.counts() == (1100, 0)
    assert [row.label for row in r.rows][998:1001] == ["999", "1000", "1001"]
    assert not r.not_taken() and not any(p.kind == JOINED_ROW for p in r.problems)


def test_text_past_the_last_row_allowed_is_refused_not_cut(tmp_path):
    rows = numbered_rows(grid_module.MAX_ROWS)  # a header and 5,000 tasks: 5,001 rows
    assert "ô A5001" in refusal(raw_xlsx(tmp_path / "qua.xlsx", [("Phụ lục", sheet_xml(rows))]))
    assert "Bảng 1 có chữ ở ô A5001" in refusal(raw_docx(tmp_path / "qua.docx", rows))


def test_text_past_the_last_column_allowed_is_refused_not_cut(tmp_path):
    rows = [["STT", "Nội dung"] + [""] * 58 + ["Ghi chú ở cột 61"], [1, "Việc một"]]
    assert "ô BI1" in refusal(raw_xlsx(tmp_path / "rong.xlsx", [("Phụ lục", sheet_xml(rows))]))
    assert "ô BI1" in refusal(raw_docx(tmp_path / "rong.docx", rows))


def test_the_cells_of_a_file_are_budgeted(tmp_path, monkeypatch):
    path = numbered_xlsx(tmp_path / "o.xlsx", 300)
    monkeypatch.setattr(xlsx_module, "MAX_ELEMENTS", 500)
    assert refusal(path).startswith("Tệp «o.xlsx» có hơn 500 ô")
    monkeypatch.setattr(xlsx_module, "MAX_ELEMENTS", 10_000)
    monkeypatch.setattr(grid_module, "MAX_GRID_CELLS", 600)
    assert refusal(path).startswith("Các bảng trong tệp «o.xlsx» có tổng cộng hơn 600 ô")


_CHILD = """
import json, sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (120, 120))  # a guard against a hang, not a speed check
except ImportError:  # Windows: the outcomes are still checked
    pass
sys.path.insert(0, ROOT)
from app.importing import ImportFileError, read_file
out = {}
for path in sys.argv[1:]:
    try:
        out[path] = list(read_file(path).counts())
    except ImportFileError as e:
        out[path] = str(e)
print(json.dumps(out))
"""


def test_the_hostile_set_stays_under_the_memory_budget(tmp_path):
    files = {
        "gop": merge_bomb_xlsx(tmp_path / "gop.xlsx"),
        "chong": overlapping_merges_xlsx(tmp_path / "chong.xlsx"),
        "xa50": far_cells_xlsx(tmp_path / "xa50.xlsx", 50),
        "xa200": far_cells_xlsx(tmp_path / "xa200.xlsx", 200),
        "doi": lying_dimension_xlsx(tmp_path / "doi.xlsx"),
        "dai": numbered_docx(tmp_path / "dai.docx", 1100),
    }
    code = _CHILD.replace("CAP", str(MEMORY_CAP)).replace("ROOT", repr(str(ROOT)))
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, files.values())], capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 0, done.stderr
    out = {name: json.loads(done.stdout)[str(path)] for name, path in files.items()}
    assert out["gop"] == [3, 0] and out["doi"] == [200, 0] and out["dai"] == [1100, 0]
    assert "chồng lên nhau" in out["chong"] and "ô XFD1048576" in out["xa50"] and "100 trang tính" in out["xa200"]


def test_a_word_document_with_too_many_tags_is_refused_before_python_docx_reads_it(tmp_path, monkeypatch):
    from app.importing import safety

    path = numbered_docx(tmp_path / "van-ban.docx", 300)
    assert read_file(path).counts() == (300, 0)
    monkeypatch.setattr(safety, "MAX_WORD_TAGS", 2000)
    assert refusal(path).startswith("Văn bản «van-ban.docx» quá lớn để đọc")
