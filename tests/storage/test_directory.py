import pytest

from app.errors import InvalidInput
from app.model import Appendix, Plan, Task
from app.ops.directory import DEFAULT_UNITS, ensure_defaults, suggestions, values_used
from storage import directory
from storage.db import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "d.db")
    yield s
    s.close()


def test_entries_are_unique_and_reused_across_plans(store):
    a = directory.add_entry(store, "unit", "Phòng Văn hóa - Xã hội")
    b = directory.add_entry(store, "unit", "  Phòng Văn hóa -  Xã hội ")
    assert a == b
    directory.add_entry(store, "officer", "Công chức Tư pháp - Hộ tịch")
    assert [e.name for e in directory.list_entries(store, "officer")] == ["Công chức Tư pháp - Hộ tịch"]
    with pytest.raises(InvalidInput):
        directory.add_entry(store, "unit", "   ")
    with pytest.raises(InvalidInput):
        directory.add_entry(store, "team", "x")


def test_defaults_and_suggestions_learn_from_plans(ws):
    ensure_defaults(ws)
    ensure_defaults(ws)
    assert len(ws.db.list_entries("unit")) == len(DEFAULT_UNITS)
    ws.db.insert_plan(
        Plan(
            2027,
            appendices=(
                Appendix(
                    tasks=(
                        Task(
                            content="x",
                            lead="Công chức Văn phòng - Thống kê",
                            partners="Công an phường; Đoàn Thanh niên",
                            timeline="Quý I/2027",
                        ),
                        Task(content="y", timeline="Quý I/2027"),
                    )
                ),
            ),
        ),
    )
    names = suggestions(ws)
    assert names[0] in DEFAULT_UNITS
    assert "Đoàn Thanh niên" in names and "Công chức Văn phòng - Thống kê" in names
    assert values_used(ws, "timeline") == ["Quý I/2027"]


def test_rename_refuses_duplicates(store):
    a = directory.add_entry(store, "unit", "A")
    directory.add_entry(store, "unit", "B")
    with pytest.raises(InvalidInput):
        directory.rename_entry(store, a, "B")
    directory.rename_entry(store, a, "C")
    assert {e.name for e in directory.list_entries(store)} == {"B", "C"}
