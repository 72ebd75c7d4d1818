"""The evidence package the Sở asks for: one folder per criterion number holding copies of its
evidence files, and the index (mục lục tài liệu kiểm chứng) listing every file with its
criterion, name and SHA-256, as a CSV that Excel opens (UTF-8 with BOM).

The package is a folder, or one .zip file when the name ends in .zip (the same layout inside,
names flagged UTF-8 so Windows shows the Vietnamese). It appears whole or not at all: it is built
beside the target and renamed into place; a missing evidence file refuses the package before
anything is written."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import time
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path
from typing import BinaryIO, cast

from app.errors import InvalidInput, os_reason
from app.index.report import AssessmentReport

INDEX_NAME = "muc-luc-tai-lieu-kiem-chung.csv"
INDEX_HEADER = ("STT", "Tiêu chí", "Tên tiêu chí", "Tên tệp", "Đường dẫn trong gói", "SHA-256", "Dung lượng (byte)")
_COMPRESSED = {".pdf", ".jpg", ".jpeg", ".png", ".zip", ".docx", ".xlsx", ".pptx", ".rar", ".7z", ".mp4"}
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def package_name(name: str) -> str:
    """A file name every file system accepts, the Vietnamese kept (NFC)."""
    name = _BAD.sub("_", unicodedata.normalize("NFC", name)).strip(" .") or "tai-lieu"
    return name[:120]


def _free(used: set[str], folder: str, name: str) -> str:
    """folder/name, or folder/name-2, -3 … when two files of a criterion have the same name."""
    rel, n = f"{folder}/{name}", 2
    while rel.casefold() in used:
        rel = f"{folder}/{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    used.add(rel.casefold())
    return rel


def _copy(src: Path, out: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(src, "rb") as i:
        while chunk := i.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _index_bytes(lines: Sequence[tuple[str, ...]]) -> bytes:
    text = io.StringIO(newline="")
    w = csv.writer(text)
    w.writerow(INDEX_HEADER)
    w.writerows(lines)
    return text.getvalue().encode("utf-8-sig")


def _fill(report: AssessmentReport, open_for: Callable[[str], ContextManager[BinaryIO]]) -> None:
    """Every evidence file at <criterion number>/<name>, then the index; `open_for(relative
    path)` opens where a file of the package is written (the folder or the zip)."""
    titles = {r.number: r.title for r in report.rows}
    lines = []
    used: set[str] = set()
    for i, f in enumerate(report.files, start=1):
        rel = _free(used, f.number, package_name(f.name))
        with open_for(rel) as out:
            sha, size = _copy(f.path, out)
        lines.append((str(i), f.number, titles.get(f.number, ""), f.name, rel, sha, str(size)))
    with open_for(INDEX_NAME) as out:
        out.write(_index_bytes(lines))


def _refuse_missing(report: AssessmentReport) -> None:
    for f in report.files:
        if not f.path.is_file():
            raise InvalidInput(
                f"Tiêu chí {f.number}: không tìm thấy tệp kiểm chứng «{f.name}» trong thư mục dữ liệu;"
                " hãy gắn lại tệp rồi xuất lại."
            )


def _write_folder(report: AssessmentReport, target: Path) -> Path:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInput(f"Thư mục «{target}» đã có nội dung; hãy chọn một thư mục mới hoặc thư mục trống.")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")

    def open_for(rel: str) -> BinaryIO:
        path = tmp / rel
        path.parent.mkdir(exist_ok=True)
        return open(path, "wb")

    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        _fill(report, open_for)
        if target.exists():
            target.rmdir()
        tmp.rename(target)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise InvalidInput(f"Không ghi được gói tài liệu kiểm chứng vào «{target}»: {os_reason(e)}.") from None
    return target


def _write_zip(report: AssessmentReport, target: Path) -> Path:
    """The package as one .zip (already-compressed files stored). zipfile writes a non-ASCII name
    in UTF-8 with the general-purpose flag 0x800 set, so Windows shows the Vietnamese names;
    written beside the target and renamed over it."""
    if target.is_dir():
        raise InvalidInput(f"«{target}» là một thư mục; hãy chọn tên tệp .zip khác.")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:

            def open_for(rel: str) -> BinaryIO:
                info = zipfile.ZipInfo(rel, date_time=time.localtime()[:6])
                stored = Path(rel).suffix.lower() in _COMPRESSED
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                return cast(BinaryIO, zf.open(info, "w", force_zip64=True))

            _fill(report, open_for)
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(f"Không ghi được gói tài liệu kiểm chứng vào «{target}»: {os_reason(e)}.") from None
    return target


def write_evidence_package(report: AssessmentReport, target: Path) -> Path:
    """Write the package at `target`: a .zip file when the name ends in .zip (replaced whole if it
    exists), otherwise a folder that must not exist yet, or be empty."""
    target = Path(target)
    _refuse_missing(report)
    if not target.parent.is_dir():
        raise InvalidInput(f"Thư mục «{target.parent}» không tồn tại; hãy chọn thư mục khác.")
    if target.suffix.lower() == ".zip":
        return _write_zip(report, target)
    return _write_folder(report, target)
