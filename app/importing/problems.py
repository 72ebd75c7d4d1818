"""Every problem an import reports, one Vietnamese sentence each: no row is left out without one."""

from __future__ import annotations

from collections.abc import Iterable

from app.importing.classify import BLANK, ENTRY, HEADING, JOINED, ORPHAN, REPEAT, Columns, Line
from app.importing.header import Header
from app.importing.readers import RawTable
from app.importing.rows import (
    EMPTY_ROWS,
    EMPTY_TASK,
    JOINED_ROW,
    JOINED_TABLES,
    LEGACY_ENCODING,
    NO_CONTENT_COLUMN,
    NO_HEADER,
    ORPHAN_TEXT,
    READ_NOTE,
    REPEATED_HEADER,
    STRAY_TEXT,
    TOO_DEEP,
    UNKNOWN_GROUP,
    UNMAPPED_COLUMN,
    UNNUMBERED_ROW,
    Problem,
)


def read_notes(table: RawTable) -> list[Problem]:
    """What the reader said about the table (a legacy encoding converted, tables joined, a big file)."""
    problems = []
    for note in table.notes:
        kind = LEGACY_ENCODING if "bảng mã" in note else (JOINED_TABLES if "nối" in note else READ_NOTE)
        problems.append(Problem(kind, note))
    return problems


def column_problems(header: Header, columns: Columns) -> list[Problem]:
    """No header found, header columns that match no field, no content column."""
    problems = []
    if columns.guessed:
        problems.append(
            Problem(
                NO_HEADER,
                "Không nhận ra dòng tiêu đề của bảng; các cột được đoán theo vị trí, hãy kiểm tra cách gán cột.",
            )
        )
    if header.count:
        for c, key in columns.keys.items():
            if key is None and header.texts[c]:
                problems.append(
                    Problem(
                        UNMAPPED_COLUMN,
                        f"Cột «{header.texts[c]}» (cột {c + 1}) không khớp với cột nào của bảng nhiệm vụ; chữ trong cột này không được nhập.",
                        column=c,
                        text=header.texts[c],
                    )
                )
    if "content" not in columns.keys.values():
        problems.append(
            Problem(NO_CONTENT_COLUMN, "Chưa có cột nào được gán là «Nội dung»; hãy chọn cột chứa tên nhiệm vụ.")
        )
    return problems


def row_problems(lines: list[Line]) -> list[Problem]:
    """Each row's problems, in table order."""
    problems: list[Problem] = []
    for line in lines:
        if line.what == HEADING:
            problems += _heading_problems(line)
        elif line.what == ORPHAN:
            problems.append(_orphan_problem(line))
        elif line.what in (ENTRY, JOINED):
            problems += _task_problems(line)
    return problems


def _heading_problems(line: Line) -> list[Problem]:
    if line.area:
        return []
    title = line.fields["content"]
    return [
        Problem(
            UNKNOWN_GROUP,
            f"Dòng {line.row}: nhóm «{title}» không khớp với lĩnh vực cải cách nào; các nhiệm vụ bên dưới cần chọn lĩnh vực.",
            row=line.row,
            text=title,
        )
    ]


def _orphan_problem(line: Line) -> Problem:
    return Problem(
        ORPHAN_TEXT,
        f"Dòng {line.row}: có chữ nhưng không nằm trong cột nào đã gán («{_short(line.stray)}»); dòng này không được nhập.",
        row=line.row,
        text=" | ".join(t for _, t in line.stray),
    )


def _task_problems(line: Line) -> list[Problem]:
    rownum = line.row
    problems = [
        Problem(
            STRAY_TEXT,
            f"Dòng {rownum}: chữ ở cột {c + 1} không thuộc cột nào đã gán nên không được nhập («{_short([(c, text)])}»).",
            row=rownum,
            column=c,
            text=text,
        )
        for c, text in line.stray
    ]
    if line.what == JOINED:
        problems.append(
            Problem(
                JOINED_ROW,
                f"Dòng {rownum} không có số thứ tự và được nối vào nhiệm vụ ở dòng {line.joined_to} (dòng bị ngắt trang).",
                row=rownum,
            )
        )
    if line.unnumbered:
        problems.append(
            Problem(UNNUMBERED_ROW, f"Dòng {rownum} không có số thứ tự; được coi là một nhiệm vụ riêng.", row=rownum)
        )
    if line.too_deep:
        problems.append(
            Problem(
                TOO_DEEP,
                f"Dòng {rownum}: «{line.label}» sẽ là cấp thứ tư, nhưng bảng nhiệm vụ chỉ có ba cấp (nhiệm vụ, "
                "nhiệm vụ con và cấp dưới của nhiệm vụ con); dòng này được nhập ở cấp thứ ba.",
                row=rownum,
            )
        )
    if line.what == ENTRY and line.untitled:
        problems.append(
            Problem(EMPTY_TASK, f"Dòng {rownum}: nhiệm vụ không có nội dung; chưa được chọn để nhập.", row=rownum)
        )
    return problems


def skipped_rows(lines: list[Line]) -> list[Problem]:
    """The blank rows and the repeated header rows, counted."""
    empty = sum(1 for line in lines if line.what == BLANK)
    repeated = sum(1 for line in lines if line.what == REPEAT)
    problems = []
    if empty:
        problems.append(Problem(EMPTY_ROWS, f"Bỏ qua {empty} dòng trống."))
    if repeated:
        problems.append(
            Problem(REPEATED_HEADER, f"Bỏ qua {repeated} dòng tiêu đề lặp lại hoặc dòng đánh số cột (ở đầu các trang).")
        )
    return problems


def _short(items: Iterable[tuple[int, str]], n: int = 60) -> str:
    text = " | ".join(" ".join(t.split()) for _, t in items)
    return text if len(text) <= n else text[: n - 1] + "…"
