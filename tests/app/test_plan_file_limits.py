"""Hostile plan files cost nothing: content limits, huge numbers, devices and pipes (issue 15)."""

import json
import os
import sys

import pytest

from app import limits, plan_file
from app.errors import InvalidPlanFile
from app.ops.plans import import_plan_file
from app.workspace import open_workspace

F = {"format": "kehoach-cchc/1", "year": 2027}


def write(tmp_path, data, name="p.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refused(tmp_path, data) -> str:
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.read(write(tmp_path, data))
    return e.value.message


def test_a_file_of_empty_tasks_is_refused_before_they_are_built(tmp_path):
    # 20 MB of `{},` would be 7 million tasks; the brackets are counted before json builds them
    text = '{"format": "kehoach-cchc/1", "year": 2027, "appendices": [{"tasks": [' + "{}," * 200_000 + "{}]}]}"
    assert (
        refused(tmp_path, text)
        == "Tệp có hơn 100.000 khối dữ liệu, quá nhiều cho một kế hoạch (tối đa 10.000 nhiệm vụ)."
    )


def test_millions_of_empty_lists_in_an_unknown_key_are_refused_too(tmp_path):
    text = '{"format": "kehoach-cchc/1", "year": 2027, "junk": [' + "[]," * 150_000 + "[]]}"
    assert "khối dữ liệu" in refused(tmp_path, text)


def test_brackets_inside_texts_do_not_count(tmp_path):
    cell = "[{" * 9_000  # 18,000 characters: within the cell limit
    tasks = [{"content": cell} for _ in range(8)]  # 144,000 brackets, all inside strings
    plan = plan_file.read(write(tmp_path, {**F, "appendices": [{"tasks": tasks}]}))
    assert plan.appendices[0].tasks[7].content == cell


def test_one_task_too_many_is_refused_with_the_limit():
    tasks = [{"content": "x"} for _ in range(limits.TASKS)] + [{"content": "y"}]
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.from_dict({**F, "appendices": [{"tasks": tasks}]})
    assert e.value.message == "Có 10.001 nhiệm vụ ở «appendices[0].tasks», quá giới hạn 10.000."


def test_tasks_over_the_limit_across_appendices_and_subtasks_are_counted():
    tasks = [{"content": "x", "subtasks": [{"content": "y"}]} for _ in range(2_501)]  # 5,002 a table
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.from_dict({**F, "appendices": [{"tasks": tasks}, {"tasks": tasks}]})
    assert e.value.message == "Tệp kế hoạch có hơn 10.000 nhiệm vụ (kể cả nhiệm vụ con), quá giới hạn của một kế hoạch."


def test_a_long_cell_is_refused_naming_its_row_and_appendix():
    tasks = [{"content": "a"}, {"content": "b"}, {"content": "x" * 25_000}]
    data = {**F, "appendices": [{"tasks": [{"content": "a"}]}, {"tasks": tasks}]}
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.from_dict(data)
    assert e.value.message == "«Phụ lục II, dòng 3 — Nội dung» dài 25.000 ký tự, quá giới hạn 20.000."


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"summary": "S" * 2_001}, "«Trích yếu» dài 2.001 ký tự, quá giới hạn 2.000."),
        ({"preamble": "p" * 20_001}, "«Lời mở đầu» dài 20.001 ký tự, quá giới hạn 20.000."),
        ({"sections": [{"heading": "H" * 3_000}]}, "«Mục I — tiêu đề» dài 3.000 ký tự, quá giới hạn 2.000."),
        ({"legal_bases": ["Căn cứ"] * 201}, "Có 201 căn cứ ở «legal_bases», quá giới hạn 200."),
        ({"sections": [{"paragraphs": ["x"] * 501}]}, "Có 501 đoạn văn ở «sections[0].paragraphs», quá giới hạn 500."),
        ({"appendices": [{}] * 51}, "Có 51 phụ lục ở «appendices», quá giới hạn 50."),
        ({"number": "9" * 2_001}, "Số văn bản dài 2.001 ký tự, quá giới hạn 2.000."),
    ],
)
def test_each_limit_names_the_place(extra, message):
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.from_dict({**F, **extra})
    assert e.value.message == message


def test_limits_are_inclusive():
    tasks = [{"content": "x" * limits.CELL_CHARS}]
    plan = plan_file.from_dict({**F, "summary": "s" * limits.TITLE_CHARS, "appendices": [{"tasks": tasks}]})
    assert len(plan.appendices[0].tasks[0].content) == limits.CELL_CHARS


def test_duplicate_columns_are_refused_as_the_editor_refuses_them():
    data = {**F, "appendices": [{"columns": ["content", "lead", "content"]}]}
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.from_dict(data)
    assert e.value.message == "Cột «content» ghi hai lần ở «appendices[0].columns»; mỗi cột chỉ được ghi một lần."


def test_an_integer_of_5000_digits_is_refused_not_a_crash(tmp_path):
    text = '{"format": "kehoach-cchc/1", "year": ' + "1" * 5_000 + "}"
    assert refused(tmp_path, text) == "Tệp chứa một con số dài hàng nghìn chữ số; đây không phải tệp kế hoạch hợp lệ."


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_dev_zero_is_refused_without_reading_it():
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.read("/dev/zero")  # type: ignore[arg-type]
    assert "không phải một tệp thông thường" in e.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes in the file system are a POSIX thing")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    with pytest.raises(InvalidPlanFile) as e:
        plan_file.read(fifo)  # opening it would block forever
    assert "không phải một tệp thông thường" in e.value.message


def test_a_refused_import_leaves_the_database_as_it_was(tmp_path):
    ws = open_workspace(tmp_path / "k.db")
    try:
        path = write(tmp_path, {**F, "summary": "S" * 5_000})
        with pytest.raises(InvalidPlanFile):
            import_plan_file(ws, path)
        assert ws.db.list_plans() == []
    finally:
        ws.close()
