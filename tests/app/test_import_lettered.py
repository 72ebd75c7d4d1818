"""The upper level's sub-rows with an empty STT and a letter opening Nội dung ('b) …'), read from real
.docx and .xlsx files: sub-tasks with their own columns, told apart from text continued from above."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest

from app.importing import TASK, read_file
from app.importing.rows import JOINED_ROW, TOO_DEEP, UNNUMBERED_ROW
from app.model import Task

sys.path.insert(0, str(Path(__file__).parent))
from import_builders import LETTERED_TASKS, lettered_docx, lettered_xlsx  # noqa: E402


def outline(selected: list[tuple[str, Task]]) -> list[tuple[str, str, str]]:
    """(area, content, lead) of every task to import, a sub-task's content indented by two spaces."""
    out = []

    def walk(area: str, task: Task, depth: int) -> None:
        out.append((area, "  " * depth + task.content, task.lead))
        for s in task.subtasks:
            walk(area, s, depth + 1)

    for area, task in selected:
        walk(area, task, 0)
    return out


@pytest.fixture(params=["docx", "xlsx"])
def lettered_file(request, tmp_path) -> Path:
    build = lettered_docx if request.param == "docx" else lettered_xlsx
    return build(tmp_path / f"Phụ lục huyện.{request.param}")


def test_lettered_rows_are_sub_tasks_and_the_rest_continues(lettered_file):
    result = read_file(lettered_file)
    assert result.counts() == (5, 4)
    assert outline(result.selected()) == LETTERED_TASKS
    subs = [r for r in result.rows if r.kind == TASK and r.level == 1]
    # the letter as written is the row's number, as '2.1' is; its columns are its own
    assert [r.label for r in subs] == ["b)", "c)", "a)", "b."]
    assert (subs[0].fields["timeline"], subs[0].fields["product"]) == ("Quý I/2026", "Danh mục văn bản")
    assert (subs[1].fields["timeline"], subs[1].fields["lead"]) == ("Quý II/2026", "Phòng Văn hóa - Xã hội")
    assert set(subs[3].fields) == {"content"}  # a lettered row with empty columns: a sub-task, columns empty
    # every sub-task hangs under its own task, not across the group row between them
    parents = [result.rows[r.parent].fields["content"] for r in subs if r.parent is not None]
    assert parents == [
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
        "Rà soát, đơn giản hóa thủ tục hành chính",
        "Rà soát, đơn giản hóa thủ tục hành chính",
    ]
    kinds = [p.kind for p in result.problems]
    assert kinds.count(JOINED_ROW) == 3 and UNNUMBERED_ROW not in kinds


def test_a_fourth_level_is_imported_on_the_third_and_said(tmp_path):
    d = docx.Document()
    rows = [
        ["STT", "Nội dung", "Cơ quan chủ trì"],
        ["1", "Chuyển đổi số", "Văn phòng"],
        ["1.1", "Hạ tầng số", "Văn phòng"],
        ["1.1.1", "Mạng nội bộ", "Văn phòng"],
        ["", "a) Thay thiết bị mạng", "Công an phường"],
    ]
    t = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.save(str(tmp_path / "sau.docx"))
    result = read_file(tmp_path / "sau.docx")
    assert outline(result.selected()) == [
        ("", "Chuyển đổi số", "Văn phòng"),
        ("", "  Hạ tầng số", "Văn phòng"),
        ("", "    Mạng nội bộ", "Văn phòng"),
        ("", "    Thay thiết bị mạng", "Công an phường"),
    ]
    (deep,) = [p for p in result.problems if p.kind == TOO_DEEP]
    assert deep.row == 5 and deep.message.startswith("Dòng 5: «a)» sẽ là cấp thứ tư")
    assert "chỉ có ba cấp" in deep.message
