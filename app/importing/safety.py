"""What a file really is, and whether it is safe to open, before any library parses it.

A .docx and an .xlsx are zip archives. Before any XML parser or openpyxl sees one, the archive's
directory is read, every member is decompressed once with a running count (so a member that
lies about its size cannot blow up memory), and the totals and compression ratio are checked.
XML with a DOCTYPE (entity expansion) is refused. Nothing in the file is ever executed:
macros, formulas and embedded objects are never run, only cell text is read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.errors import InvalidInput

MAX_FILE_BYTES = 50 * 1024 * 1024  # on disk
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # all members together, once decompressed
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB
MAX_MEMBERS = 5000
# Tags in a Word document's XML parts: the main part is parsed whole into an lxml tree (about 75 bytes
# and 1 µs a tag), so 2 million keep a document within 5 s and 300 MB. A 5,000-row table typed
# in Word has about 1.5 million. Sheets are streamed instead (app.importing.xlsx.MAX_ELEMENTS).
MAX_WORD_TAGS = 2_000_000
_CHUNK = 1 << 20

DOCX, XLSX = "docx", "xlsx"


class ImportFileError(InvalidInput):
    """A file that cannot be imported; the message is one Vietnamese sentence."""


def _name(path: Path) -> str:
    return f"«{path.name}»"


def sniff(path: Path) -> str:
    """'docx' or 'xlsx' from the file's content (not its extension); ImportFileError otherwise."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise ImportFileError(f"Không tìm thấy tệp {_name(path)}; hãy kiểm tra lại đường dẫn.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{_name(path)} là một thư mục, không phải tệp Word hay Excel.") from None
    except OSError as e:
        raise ImportFileError(
            f"Không đọc được tệp {_name(path)} ({e.strerror or e}); hãy đóng tệp ở chương trình khác rồi thử lại."
        ) from None
    if size == 0:
        raise ImportFileError(f"Tệp {_name(path)} rỗng, không có bảng nào để nhập.")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(f"Tệp {_name(path)} quá lớn (hơn 50 MB); hãy chỉ giữ lại phần phụ lục rồi nhập lại.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            f"Tệp {_name(path)} là tệp Word/Excel kiểu cũ (.doc, .xls); hãy mở bằng Word hoặc Excel và lưu lại dưới dạng .docx hoặc .xlsx rồi nhập lại."
        )
    if not head.startswith(b"PK"):
        raise ImportFileError(
            f"Tệp {_name(path)} không phải tệp Word (.docx) hay Excel (.xlsx); hãy chọn đúng tệp phụ lục."
        )
    names = check_archive(path)
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise ImportFileError(
        f"Tệp {_name(path)} là tệp nén nhưng không phải văn bản Word hay bảng tính Excel; hãy chọn đúng tệp phụ lục."
    )


def check_archive(path: Path) -> set[str]:
    """The member names, once the archive is known to be within the limits."""
    try:
        zf = zipfile.ZipFile(path)
    except Exception:  # BadZipFile, NotImplementedError (odd versions), OSError, …
        raise _damaged(path) from None
    with zf:
        infos = zf.infolist()
        _check_directory(path, infos)
        total, tags = 0, 0
        for info in infos:
            if not info.filename.endswith("/"):  # not ZipInfo.is_dir(): it fails on an empty name
                total, tags = _read_member(path, zf, info, total, tags)
        return {i.filename for i in infos}


def _damaged(path: Path) -> ImportFileError:
    return ImportFileError(
        f"Tệp {_name(path)} bị hỏng hoặc không phải tệp Word/Excel; hãy mở lại bằng Word/Excel, lưu lại rồi nhập."
    )


def _too_big(path: Path) -> ImportFileError:
    return ImportFileError(
        f"Tệp {_name(path)} khi giải nén vượt quá 50 MB (có thể là tệp độc hại); chương trình không mở tệp này."
    )


def _check_directory(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """What the archive's directory declares: how many members, their sizes and ratios, a password."""
    if len(infos) > MAX_MEMBERS:
        raise _too_big(path)
    if any(not i.filename for i in infos):  # a member with no name (or one cut at a NUL)
        raise _damaged(path)
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
        raise _too_big(path)
    if any(i.file_size > _CHUNK and i.file_size > MAX_RATIO * max(1, i.compress_size) for i in infos):
        raise _too_big(path)
    if any(i.flag_bits & 0x1 for i in infos):
        raise ImportFileError(f"Tệp {_name(path)} có đặt mật khẩu; hãy bỏ mật khẩu trong Word/Excel rồi nhập lại.")


def _read_member(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, tags: int) -> tuple[int, int]:
    """`total` plus the member's real size, counted while decompressing (a declared size may lie),
    and `tags` plus the tags of a Word XML part."""
    word = info.filename.startswith("word/") and info.filename.lower().endswith(".xml")
    try:
        xml = info.filename.lower().endswith((".xml", ".rels"))
        with zf.open(info) as member:
            tail = b""
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > MAX_UNCOMPRESSED_BYTES:
                    raise _too_big(path)
                tags += chunk.count(b"<") if word else 0
                if tags > MAX_WORD_TAGS:
                    raise ImportFileError(
                        f"Văn bản {_name(path)} quá lớn để đọc (hơn 2 triệu thẻ định dạng); hãy chép riêng "
                        "phần phụ lục sang một tệp Word mới rồi nhập tệp đó."
                    )
                if xml and _declares_entities(tail + chunk):
                    raise _damaged(path)
                tail = chunk[-_MARK_TAIL:]
    except ImportFileError:
        raise
    except Exception:  # BadZipFile, zlib.error, OSError, EOFError…: a damaged member
        raise _damaged(path) from None
    return total, tags


# A DOCTYPE or an entity declaration, as UTF-8 (and ASCII-compatible encodings) and UTF-16/32
# write it: XML may come in any of them, and a prolog may hold any length of comments first.
_MARKS = tuple(
    word.encode(codec)
    for word in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_MARK_TAIL = max(len(m) for m in _MARKS) - 1  # kept from the previous chunk: a mark cut in two is found


_MARKS_UTF8 = _MARKS[::5]


def _declares_entities(data: bytes) -> bool:
    """XML that declares a DOCTYPE or entities anywhere (entity expansion is refused). Text
    without a NUL byte cannot be UTF-16/32: three scans instead of ten (50 MB in 0.1 s)."""
    return any(mark in data for mark in (_MARKS if b"\x00" in data else _MARKS_UTF8))
