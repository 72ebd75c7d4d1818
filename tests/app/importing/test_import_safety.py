"""Archive checks the end-to-end tests do not reach: a password, a compression ratio, too many members."""

from __future__ import annotations

import zipfile

import pytest

from app.importing.safety import MAX_MEMBERS, ImportFileError, check_archive, sniff


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_a_good_archive_gives_its_member_names(tmp_path):
    p = _zip(tmp_path / "a.docx", {"word/document.xml": b"<a/>", "word/media/": b""})
    assert check_archive(p) == {"word/document.xml", "word/media/"}
    assert sniff(p) == "docx"


def test_a_password_protected_archive_is_refused(tmp_path):
    p = _zip(tmp_path / "mk.docx", {"word/document.xml": b"<a/>"})
    data = bytearray(p.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # general-purpose flag, bit 0
        data[data.find(signature) + offset] |= 1
    p.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match="có đặt mật khẩu"):
        check_archive(p)


def test_a_member_compressed_too_well_is_refused(tmp_path):
    p = _zip(tmp_path / "nen.docx", {"word/document.xml": b"<a/>", "x.bin": b"\x00" * (3 * 1024 * 1024)})
    with pytest.raises(ImportFileError, match="vượt quá 50 MB"):
        check_archive(p)


def test_too_many_members_are_refused(tmp_path):
    p = _zip(tmp_path / "nhieu.docx", {f"m/{i}": b"" for i in range(MAX_MEMBERS + 1)})
    with pytest.raises(ImportFileError, match="vượt quá 50 MB"):
        check_archive(p)


def test_a_damaged_member_is_one_sentence(tmp_path):
    p = _zip(tmp_path / "hong.docx", {"word/document.xml": b"<a>" + b"xyz" * 1000 + b"</a>"})
    data = bytearray(p.read_bytes())
    data[60:70] = b"\xff" * 10
    p.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match="bị hỏng") as e:
        check_archive(p)
    assert "\n" not in str(e.value) and e.value.__cause__ is None


def _rename_member(path, old: bytes, new: bytes) -> None:
    """Rewrite a member's name in the local header and the central directory (same length)."""
    assert len(old) == len(new)
    path.write_bytes(path.read_bytes().replace(old, new))


def test_a_member_with_an_empty_name_is_a_damaged_file_not_a_crash(tmp_path):
    p = _zip(tmp_path / "rong.docx", {"word/document.xml": b"<a/>"})
    with zipfile.ZipFile(p, "a") as z:
        z.writestr(zipfile.ZipInfo(""), b"data")
    with pytest.raises(ImportFileError, match="bị hỏng"):
        sniff(p)
    q = _zip(tmp_path / "nul.docx", {"word/document.xml": b"<a/>", "Xevil": b"data"})
    _rename_member(q, b"Xevil", b"\x00evil")  # zipfile cuts a name at NUL: empty again
    with pytest.raises(ImportFileError, match="bị hỏng"):
        sniff(q)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("name", ["../../evil.xml", "/tuyet-doi.xml", "a\\b.xml", "x" * 2000, "word/document.xml"])
def test_odd_member_names_are_read_as_names(tmp_path, name):
    """Names are only compared, never used as paths: traversal, absolute, backslash, long, duplicate."""
    p = tmp_path / "la.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", b"<a/>")
        z.writestr(zipfile.ZipInfo(name), b"<b/>")
    assert sniff(p) == "docx"
