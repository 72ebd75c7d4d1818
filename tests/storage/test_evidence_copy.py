"""Characterisation: evidence files are copied whole or not at all, each failure in its own words."""

import builtins
import hashlib
import os
import sqlite3

import pytest

from app import files
from app.errors import InvalidInput
from app.model import Appendix, Plan, Task
from storage import plans as plans_store
from storage import tracking as tracking_store
from storage.db import open_store


@pytest.fixture
def source(tmp_path):
    src = tmp_path / "a.pdf"
    src.write_bytes(b"proof" * 1000)
    return src


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_copies_hash_and_free_names(tmp_path, source):
    folder = tmp_path / "evidence" / "1"
    got = [tracking_store.copy_into(source, folder, "7-a.pdf") for _ in range(3)]
    assert [p.name for p, _, _ in got] == ["7-a.pdf", "7-a-2.pdf", "7-a-3.pdf"]
    assert {(sha, size) for _, sha, size in got} == {(hashlib.sha256(b"proof" * 1000).hexdigest(), 5000)}
    assert _leftovers(folder) == ["7-a-2.pdf", "7-a-3.pdf", "7-a.pdf"]
    assert tracking_store.copy_into(source, folder, "noext")[0].name == "noext"
    assert tracking_store.copy_into(source, folder, "noext")[0].name == "noext-2"


def test_folder_that_cannot_be_made(tmp_path, source):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InvalidInput, match=r"^Không tạo được thư mục minh chứng «.*file.sub»: .+\.$"):
        tracking_store.copy_into(source, blocker / "sub", "a.pdf")


def test_folder_that_refuses_a_new_file(tmp_path, source, monkeypatch):
    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "_temp_file", refuse)
    folder = tmp_path / "ev"
    with pytest.raises(InvalidInput) as err:
        tracking_store.copy_into(source, folder, "a.pdf")
    assert str(err.value) == f"Không ghi được vào thư mục minh chứng «{folder}»: không có quyền truy cập."
    assert _leftovers(folder) == []


def test_source_failing_midway_leaves_nothing(tmp_path, source, monkeypatch):
    real_open = builtins.open

    class Broken:
        def __init__(self, f):
            self.f = f

        def read(self, n):
            raise OSError(5, "Input/output error")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    def fake_open(path, *a, **k):
        f = real_open(path, *a, **k)
        return Broken(f) if str(path) == str(source) else f

    monkeypatch.setattr(builtins, "open", fake_open)
    folder = tmp_path / "ev"
    with pytest.raises(InvalidInput) as err:
        tracking_store.copy_into(source, folder, "a.pdf")
    assert str(err.value) == "Không đọc được tệp «a.pdf» (lỗi đọc ghi ổ đĩa)."
    assert _leftovers(folder) == []


def test_unreadable_source_says_it_may_be_open(tmp_path, source, monkeypatch):
    real_open = builtins.open

    def refuse(path, *a, **k):
        if str(path) == str(source):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr(builtins, "open", refuse)
    with pytest.raises(InvalidInput) as err:
        tracking_store.copy_into(source, tmp_path / "ev", "a.pdf")
    assert (
        str(err.value)
        == "Không đọc được tệp «a.pdf» (không có quyền truy cập); tệp có thể đang mở ở chương trình khác."
    )


def test_copy_that_cannot_be_put_in_place(tmp_path, source, monkeypatch):
    def refuse(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    folder = tmp_path / "ev"
    with pytest.raises(InvalidInput) as err:
        tracking_store.copy_into(source, folder, "a.pdf")
    assert str(err.value) == "Không sao chép được tệp «a.pdf» vào thư mục dữ liệu: ổ đĩa đã đầy."
    assert _leftovers(folder) == []


def test_database_refusing_the_row_removes_the_copy(tmp_path, source):
    store = open_store(tmp_path / "k.db")
    try:
        pid = plans_store.insert_plan(store, Plan(2027, appendices=(Appendix(tasks=(Task(content="a"),)),)))
        tid = plans_store.load_plan(store, pid).appendices[0].tasks[0].id
        store.execute("CREATE TRIGGER no_evidence BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'full'); END")
        with pytest.raises(sqlite3.DatabaseError):
            tracking_store.add_evidence(store, tmp_path / "data", tid, source)
        assert _leftovers(tmp_path / "data" / "evidence" / str(pid)) == []
        assert tracking_store.list_evidence(store, pid) == []
    finally:
        store.close()
