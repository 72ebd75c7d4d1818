"""A plan's versions travel in its plan file (the `versions` key): export -> import -> export keeps
every version byte for byte and the task identity comparisons rely on; older files still read;
the caps on versions refuse a file in one sentence and create nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app import limits, plan_file
from app.errors import InvalidInput, InvalidPlanFile
from app.model import Task, iter_tasks
from app.ops import plans, rows
from app.ops.row_moves import move_to
from app.versions import compare_versions, issue, list_versions, save_version, version_text


def _task(ws, plan_id, content):
    plan = ws.plan(plan_id)
    return next(t for a in plan.appendices for t in iter_tasks(a.tasks) if t.content == content)


def _five_versions(ws, plan_id):
    """Issued, then edits and drafts, a task removed after it was in two versions, then re-issued."""
    issue(ws, plan_id, "15", date(2027, 1, 20))
    rows.set_fields(ws, rows.TASKS, _task(ws, plan_id, "Rà soát văn bản").id, content="Rà soát, hệ thống hóa văn bản")
    # rewritten beyond recognition: only its id says it is the same task
    rows.set_fields(ws, rows.TASKS, _task(ws, plan_id, "Kiểm tra công vụ").id, content="Thanh tra nội bộ định kỳ")
    save_version(ws, plan_id, "Dự thảo lấy ý kiến 10/3")
    move_to(ws, rows.TASKS, _task(ws, plan_id, "Niêm yết thủ tục").id, None, 2)
    rows.remove(ws, rows.TASKS, [_task(ws, plan_id, "Thanh tra nội bộ định kỳ").id])
    save_version(ws, plan_id, "Dự thảo lấy ý kiến 20/3")
    rows.insert(ws, rows.TASKS, ws.plan(plan_id).appendices[1].id, [Task(content="Đánh giá mức độ hài lòng")])
    save_version(ws, plan_id, "Dự thảo trình ký")
    issue(ws, plan_id, "42", date(2027, 4, 2))
    rows.set_fields(ws, rows.TASKS, _task(ws, plan_id, "Đối thoại").id, note="sau ban hành lần hai")


def _changes(ws, plan_id, old, new):
    return [
        (c.action, c.kind, c.old_at, c.new_at, c.cells, c.text)
        for c in compare_versions(ws, plan_id, str(old), str(new)).changes
    ]


def test_versions_round_trip_byte_for_byte_and_keep_task_identity(ws, plan_id, tmp_path):
    _five_versions(ws, plan_id)
    first = tmp_path / "a.json"
    plans.export_plan_json(ws, plan_id, first)
    data = json.loads(first.read_text(encoding="utf-8"))
    assert [v["kind"] for v in data["versions"]] == ["issued", "draft", "draft", "draft", "issued"]
    assert list(data["versions"][0]) == ["kind", "name", "number", "issued_on", "created_at", "task_keys", "plan_file"]
    # a task removed from the plan keeps one number in every version that has it
    removed_keys = {
        k for v in data["versions"][:2] for k in v["task_keys"] if k >= len(data["versions"][4]["task_keys"])
    }
    assert len(removed_keys) == 1
    rewritten = [c for c in compare_versions(ws, plan_id, "1", "2").changes if c.kind == "task"]
    assert ("changed", "Kiểm tra công vụ") in [(c.action, c.old_item.content) for c in rewritten]

    new_id = plans.import_plan_file(ws, first).created
    second = tmp_path / "b.json"
    plans.export_plan_json(ws, new_id, second)
    assert second.read_bytes() == first.read_bytes()
    old_versions, new_versions = list_versions(ws, plan_id), list_versions(ws, new_id)
    assert [(v.kind, v.name, v.number, v.issued_on, v.created_at) for v in new_versions] == [
        (v.kind, v.name, v.number, v.issued_on, v.created_at) for v in old_versions
    ]
    for a, b in zip(old_versions, new_versions, strict=True):
        assert version_text(ws, new_id, b.id) == version_text(ws, plan_id, a.id)
    # comparisons match tasks as they did: the moved task is a move, the removed one is removed
    for i, j in ((0, 1), (0, 3), (1, 4), (0, 4)):
        assert _changes(ws, new_id, new_versions[i].id, new_versions[j].id) == _changes(
            ws, plan_id, old_versions[i].id, old_versions[j].id
        )
    assert _changes(ws, new_id, new_versions[0].id, "now") == _changes(ws, plan_id, old_versions[0].id, "now")
    # the ids kept for the removed task are never given to a new task
    rows.insert(ws, rows.TASKS, ws.plan(new_id).appendices[0].id, [Task(content="Nhiệm vụ mới")])
    assert _changes(ws, new_id, new_versions[0].id, new_versions[1].id) == _changes(
        ws, plan_id, old_versions[0].id, old_versions[1].id
    )


def test_a_plan_without_versions_and_an_older_file_read_as_before(ws, plan_id, tmp_path):
    out = tmp_path / "plain.json"
    plans.export_plan_json(ws, plan_id, out)
    assert out.read_text(encoding="utf-8") == plan_file.dumps(ws.plan(plan_id))  # no `versions` key
    new_id = plans.import_plan_file(ws, out).created
    assert list_versions(ws, new_id) == []
    save_version(ws, plan_id, "Dự thảo")
    plans.export_plan_json(ws, plan_id, out, versions=False)
    assert "versions" not in json.loads(out.read_text(encoding="utf-8"))


def _file_with(ws, plan_id, tmp_path, change):
    save_version(ws, plan_id, "Dự thảo")
    path = tmp_path / "v.json"
    plans.export_plan_json(ws, plan_id, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _refused(ws, path, fragment):
    before = len(plans.summaries(ws))
    with pytest.raises(InvalidPlanFile) as caught:
        plans.import_plan_file(ws, path)
    assert fragment in caught.value.message and "\n" not in caught.value.message
    assert len(plans.summaries(ws)) == before


def test_too_many_versions_are_refused_in_one_sentence(ws, plan_id, tmp_path):
    path = _file_with(ws, plan_id, tmp_path, lambda d: d["versions"].extend(d["versions"] * limits.VERSIONS))
    _refused(ws, path, f"quá giới hạn {limits.number(limits.VERSIONS)}")


def test_versions_larger_together_than_a_plan_file_are_refused(ws, plan_id, tmp_path, monkeypatch):
    path = _file_with(ws, plan_id, tmp_path, lambda d: d["versions"].extend(d["versions"] * 3))
    size = len(json.loads(path.read_text(encoding="utf-8"))["versions"][0]["plan_file"].encode())
    monkeypatch.setattr(limits, "VERSIONS_BYTES", 3 * size)
    _refused(ws, path, "Các phiên bản của kế hoạch cộng lại lớn hơn")
    for n in range(3):
        save_version(ws, plan_id, f"Dự thảo {n}")
    with pytest.raises(InvalidInput, match="cộng lại lớn hơn"):  # and the export says so too
        plans.export_plan_json(ws, plan_id, tmp_path / "x.json")


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda v: v.update(kind="final"), "versions[0].kind"),
        (lambda v: v.update(kind="issued", issued_on=None), "thiếu ngày ban hành"),
        (lambda v: v.update(created_at="hôm qua"), "versions[0].created_at"),
        (lambda v: v.update(task_keys=[0]), "versions[0].task_keys"),
        (lambda v: v.update(plan_file='{"format": "kehoach-cchc/1"}'), "Phiên bản «versions[0]»"),
        (lambda v: v.pop("plan_file"), "versions[0].plan_file"),
    ],
)
def test_a_wrong_version_is_refused_naming_its_place(ws, plan_id, tmp_path, change, fragment):
    _refused(ws, _file_with(ws, plan_id, tmp_path, lambda d: change(d["versions"][0])), fragment)


def test_saving_past_the_cap_is_refused(ws, plan_id, monkeypatch):
    monkeypatch.setattr(limits, "VERSIONS", 2)
    save_version(ws, plan_id, "Dự thảo 1")
    issue(ws, plan_id, "15", date(2027, 1, 20))
    before = ws.plan(plan_id)
    with pytest.raises(InvalidInput, match="tối đa 2"):
        issue(ws, plan_id, "16", date(2027, 2, 1))
    assert ws.plan(plan_id).number == before.number == "15" and len(list_versions(ws, plan_id)) == 2
