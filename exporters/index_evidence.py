"""The evidence package the Sở asks for: one folder per criterion number holding copies of its
evidence files, and the index (mục lục tài liệu kiểm chứng) listing every file with its
criterion, name and SHA-256, as a CSV that Excel opens (UTF-8 with BOM).

The package appears whole or not at all: it is built in a temporary folder beside the target and
renamed into place; a missing evidence file refuses the package before anything is written."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path

from app.errors import InvalidInput, os_reason
from app.index.report import AssessmentReport

INDEX_NAME = "muc-luc-tai-lieu-kiem-chung.csv"
INDEX_HEADER = ("STT", "Tiêu chí", "Tên tiêu chí", "Tên tệp", "Đường dẫn trong gói", "SHA-256", "Dung lượng (byte)")
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def package_name(name: str) -> str:
    """A file name every file system accepts, the Vietnamese kept (NFC)."""
    name = _BAD.sub("_", unicodedata.normalize("NFC", name)).strip(" .") or "tai-lieu"
    return name[:120]


def _free(folder: Path, name: str) -> Path:
    p, n = folder / name, 2
    while p.exists():
        p = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    return p


def _copy(src: Path, dest: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(src, "rb") as i, open(dest, "wb") as o:
        while chunk := i.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            o.write(chunk)
    return digest.hexdigest(), size


def _fill(report: AssessmentReport, tmp: Path) -> None:
    titles = {r.number: r.title for r in report.rows}
    lines = []
    for i, f in enumerate(report.files, start=1):
        folder = tmp / f.number
        folder.mkdir(exist_ok=True)
        dest = _free(folder, package_name(f.name))
        sha, size = _copy(f.path, dest)
        rel = dest.relative_to(tmp).as_posix()
        lines.append((str(i), f.number, titles.get(f.number, ""), f.name, rel, sha, str(size)))
    with open(tmp / INDEX_NAME, "w", encoding="utf-8-sig", newline="") as out:
        w = csv.writer(out)
        w.writerow(INDEX_HEADER)
        w.writerows(lines)


def write_evidence_package(report: AssessmentReport, target: Path) -> Path:
    """Write the package at `target` (a folder that must not exist yet, or be empty)."""
    target = Path(target)
    for f in report.files:
        if not f.path.is_file():
            raise InvalidInput(
                f"Tiêu chí {f.number}: không tìm thấy tệp kiểm chứng «{f.name}» trong thư mục dữ liệu;"
                " hãy gắn lại tệp rồi xuất lại."
            )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInput(f"Thư mục «{target}» đã có nội dung; hãy chọn một thư mục mới hoặc thư mục trống.")
    if not target.parent.is_dir():
        raise InvalidInput(f"Thư mục «{target.parent}» không tồn tại; hãy chọn thư mục khác.")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        _fill(report, tmp)
        if target.exists():
            target.rmdir()
        tmp.rename(target)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise InvalidInput(f"Không ghi được gói tài liệu kiểm chứng vào «{target}»: {os_reason(e)}.") from None
    return target
