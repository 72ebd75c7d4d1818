"""Export files are written atomically; failures leave the old file and no partial file behind."""

import os

import pytest

from app.errors import FileLocked, InvalidInput
from exporters import api


def test_extension_added_and_only_requested_formats(sample_plan, tmp_path):
    written = api.export_plan(sample_plan, api.ExportRequest(docx=tmp_path / "ke hoạch 2027"))
    assert written == [tmp_path / "ke hoạch 2027.docx"]
    assert written[0].stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == ["ke hoạch 2027.docx"]


def test_nothing_requested_is_a_clear_error(sample_plan):
    with pytest.raises(InvalidInput, match="Chưa chọn"):
        api.export_plan(sample_plan, api.ExportRequest())


def test_missing_folder(sample_plan, tmp_path):
    with pytest.raises(InvalidInput, match="không tồn tại"):
        api.export_plan(sample_plan, api.ExportRequest(docx=tmp_path / "khong-co" / "a.docx"))


def test_failed_writer_leaves_the_old_file_and_no_temp(sample_plan, tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def broken(doc, path):
        path.write_bytes(b"half")
        raise RuntimeError("crash in the middle")

    monkeypatch.setattr(api, "_writer", lambda fmt: broken)
    with pytest.raises(RuntimeError):
        api.export_plan(sample_plan, api.ExportRequest(docx=target))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_read_only_folder(sample_plan, tmp_path, monkeypatch):
    # Root ignores permission bits, so refuse the temp file the way a read-only folder would.
    from app import files

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "_temp_file", refuse)
    with pytest.raises(InvalidInput, match="quyền ghi"):
        api.export_plan(sample_plan, api.ExportRequest(docx=tmp_path / "a.docx"))
    assert list(tmp_path.iterdir()) == []


def test_file_open_in_word_is_named(sample_plan, tmp_path, monkeypatch):
    target = tmp_path / "KH.docx"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FileLocked) as err:
        api.export_plan(sample_plan, api.ExportRequest(docx=target))
    assert "KH.docx" in err.value.message and "đang mở" in err.value.message
    assert target.read_bytes() == b"old"
