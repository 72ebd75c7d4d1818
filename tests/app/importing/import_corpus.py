"""Tables to characterise the import parser with: the test files' tables, hand-made shapes and seeded random ones.

`record(result)` turns an ImportResult into plain JSON data, so a run of the parser can be stored
(parse_snapshot.json) and every later run compared with it field by field.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from app.importing import RawTable, guess_source_year, list_tables, parse_table, shift_result

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from import_builders import (  # noqa: E402
    SEED004_ROWS,
    continued_docx,
    lettered_docx,
    lettered_xlsx,
    seed000_docx,
    seed004_docx,
    two_line_header_docx,
    xlsx_file,
)


def raw(rows: list[list[str]], covered: list[list[str]] | None = None, title: str = "", **kw) -> RawTable:
    """A RawTable from its cell texts; `covered` marks merged cells ("h" beside, "v" below their start)."""
    cov = covered or [[""] * len(r) for r in rows]
    cells: list[list[str]] = []
    filled: list[list[str]] = []
    for r, row in enumerate(rows):
        cells.append([])
        filled.append([])
        for c, text in enumerate(row):
            mark = cov[r][c]
            if mark == "h":
                cells[r].append("")
                filled[r].append(filled[r][c - 1] if c else "")
            elif mark == "v":
                cells[r].append("")
                filled[r].append(filled[r - 1][c] if r and c < len(filled[r - 1]) else "")
            else:
                cells[r].append(text)
                filled[r].append(text)
    return RawTable(kw.pop("source", "Bảng 1"), title, cells, filled, [list(x) for x in cov], **kw)


# ---------------------------------------------------------------- the test files' tables


def file_tables(folder: Path) -> list[tuple[str, RawTable]]:
    """Every table of the .docx/.xlsx files the end-to-end tests build, as list_tables reads them."""
    files = {
        "seed000": seed000_docx(folder / "seed000.docx"),
        "seed004": seed004_docx(
            folder / "seed004.docx",
            areas=(("Cải cách thể chế", SEED004_ROWS), ("Cải cách thủ tục hành chính", SEED004_ROWS[:2])),
        ),
        "two_line": two_line_header_docx(folder / "two_line.docx"),
        "continued": continued_docx(folder / "continued.docx"),
        "xlsx": xlsx_file(folder / "sheets.xlsx", _SHEETS, _MERGES),
        "lettered_docx": lettered_docx(folder / "lettered.docx"),
        "lettered_xlsx": lettered_xlsx(folder / "lettered.xlsx"),
    }
    out = []
    for name, path in files.items():
        for i, t in enumerate(list_tables(path)):
            out.append((f"{name}[{i}]", t))
    return out


_SHEETS: dict[str, list[list]] = {
    "Phụ lục II": [
        ["PHỤ LỤC II", None, None, None, None, None],
        ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025", None, None, None, None, None],
        ["Cơ quan chủ trì", "STT", "Nội dung công việc", "Ghi chú", "Thời gian thực hiện/ hoàn thành", "Kinh phí"],
        [None, "A.", "Cải cách tổ chức bộ máy hành chính nhà nước", None, None, None],
        ["Phòng Nội vụ", 1, "Sắp xếp tổ chức bộ máy", "Ưu tiên", "Quý I/2025", "Ngân sách phường"],
        ["Văn phòng", 2, "Rà soát chức năng nhiệm vụ", None, "Quý II/2025", None],
        [None, None, None, None, None, None],
        [None, "B.", "Cải cách tài chính công", None, None, None],
        ["Bộ phận Tài chính", 1, "Công khai ngân sách", None, "Tháng 12/2025", "Không"],
    ],
    "Lạc cột": [
        ["STT", "Nội dung", "Hình ảnh minh họa", "Đơn vị chủ trì"],
        [1, "Nhiệm vụ một", "ảnh 1", "Văn phòng"],
        [None, None, "chữ lạc cột", None],
        [None, None, None, None],
        [None, None, None, None],
        [2, "Nhiệm vụ hai", None, "Công an"],
    ],
    "Không tiêu đề": [[1, "Nhiệm vụ một dài dòng", "Văn phòng"], [2, "Nhiệm vụ hai dài dòng", "Công an"]],
    "La Mã": [
        ["STT", "Nội dung", "Sản phẩm", "Đơn vị chủ trì"],
        ["I", "Nhiệm vụ lớn thứ nhất", "Kế hoạch", "Văn phòng"],
        ["1", "Việc nhỏ", "Báo cáo", "Công an"],
        ["II", "Cải cách tài chính công", None, None],
    ],
}
_MERGES = {"Phụ lục II": ["A1:F1", "A2:F2"]}


# ---------------------------------------------------------------- hand-made shapes


def hand_made() -> list[tuple[str, RawTable]]:
    """Shapes the files above do not have: no STT column, numbers in the content, odd groups."""
    header = ["STT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì"]
    return [
        (
            "content_numbers",
            raw(
                [
                    ["Nội dung", "Sản phẩm", "Đơn vị chủ trì"],
                    ["Cải cách thủ tục hành chính", "", ""],
                    ["1. Rà soát thủ tục", "Báo cáo", "Văn phòng"],
                    ["a) Niêm yết công khai", "Bảng niêm yết", ""],
                    ["- Cập nhật trên cổng", "", "Công chức tư pháp"],
                    ["1.2 Số hóa hồ sơ", "", ""],
                    ["Việc không số", "Kế hoạch", ""],
                ]
            ),
        ),
        (
            "merged_group_and_text_label",
            raw(
                [
                    header,
                    ["II. Cải cách thủ tục hành chính", "", "", ""],
                    ["1", "Rà soát", "Báo cáo", "Văn phòng"],
                    ["Ghi chú", "thêm một ý", "", ""],
                    ["Nhóm khác", "", "", ""],
                    ["b)", "Việc con", "", "Công an"],
                    ["", "", "", "Văn phòng"],
                    ["2", "", "Kế hoạch", ""],
                    ["", "nội dung bị ngắt trang", "", ""],
                ],
                [
                    ["", "", "", ""],
                    ["", "h", "h", "h"],
                    ["", "", "", ""],
                    ["", "", "", ""],
                    ["", "h", "h", "h"],
                    ["", "", "", ""],
                    ["", "", "", ""],
                    ["", "", "", ""],
                    ["", "", "", ""],
                ],
                title="Phụ lục: Cải cách hành chính năm 2024",
            ),
        ),
        (
            "deep_numbers_and_bullets",
            raw(
                [
                    header,
                    ["1", "Một", "", ""],
                    ["1.1", "Một một", "", ""],
                    ["1.1.1", "Một một một", "", ""],
                    ["1.1.1.1", "Quá sâu", "", ""],
                    ["-", "Gạch", "", ""],
                    ["a", "Chữ a", "", ""],
                    ["2.1", "Con không cha", "", ""],
                ]
            ),
        ),
        ("empty", raw([])),
        ("header_only", raw([header])),
        (
            "notes",
            raw(
                [header, ["1", "Rà soát", "", ""]],
                notes=[
                    "Chữ trong bảng gõ bằng bảng mã TCVN3; đã chuyển sang Unicode.",
                    "Bảng 2 trong tệp là phần tiếp theo (sang trang) nên đã được nối vào bảng này.",
                    "Tệp lớn: đọc nhanh, không xét ô gộp.",
                ],
            ),
        ),
    ]


# ---------------------------------------------------------------- seeded random tables

_HEADERS = [
    "STT",
    "TT",
    "Nội dung",
    "Nhiệm vụ cụ thể",
    "Sản phẩm",
    "Cơ quan chủ trì",
    "Đơn vị phối hợp",
    "Thời gian thực hiện",
    "Kinh phí",
    "Ghi chú",
    "Hình ảnh minh họa",
    "Theo dõi, kiểm tra",
]
_LABELS = ["1", "2", "3", "1.", "2.1", "2.2", "1.2.3", "1.1.1.1", "a)", "b", "c.", "đ)", "-", "+", "•"]
_LABELS += ["I", "II", "III.", "IV)", "A.", "B", "X", "Ghi chú", "", "", "", ""]
_GROUPS = [
    "I Cải cách thể chế",
    "II. Cải cách thủ tục hành chính",
    "A. Cải cách tổ chức bộ máy",
    "Cải cách tài chính công",
    "Xây dựng Chính quyền điện tử, Chính quyền số",
    "Nhiệm vụ khác",
    "III Nhiệm vụ khác",
    "Công tác chỉ đạo, điều hành",
    "Cải cách chế độ công vụ.",
]
_CONTENTS = [
    "Rà soát văn bản pháp luật.",
    "Tuyên truyền cải cách hành chính",
    "văn bản, kiểm soát chặt chẽ.",
    "nâng cao công tác xây dựng",
    "1. Nội dung có số",
    "a) Việc nhỏ",
    "- Gạch đầu dòng",
    "2.1 Việc con",
    "Cải cách thủ tục hành chính",
    "Xây dựng chính quyền số",
    "Ký số văn bản đi;",
    "Kế hoạch năm 2023",
    "",
]
_OTHERS = ["Kế hoạch", "Quý II/2023", "Văn phòng", "Công an phường", "", "", "", "(1)", "Ngân sách", "2.1"]
_TITLES = ["", "Phụ lục: Cải cách thủ tục hành chính năm 2023", "Nhiệm vụ năm 2024", "PHỤ LỤC II"]
_NOTES = [
    "Chữ trong bảng gõ bằng bảng mã VNI; đã chuyển sang Unicode.",
    "Bảng 3 trong tệp là phần tiếp theo (sang trang) nên đã được nối vào bảng này.",
    "Tệp lớn: đọc nhanh, không xét ô gộp.",
]


def _header_rows(rng: random.Random, n: int) -> tuple[list[list[str]], list[list[str]]]:
    shape = rng.choice(["none", "one", "one", "two", "numbered", "titled"])
    if shape == "none":
        return [], []
    top = [rng.choice(_HEADERS) for _ in range(n)]
    if rng.random() < 0.7:
        top[0] = "STT"
    if rng.random() < 0.7 and n > 1:
        top[1] = "Nội dung"
    rows, cov = [top], [[""] * n]
    if shape == "two" and n >= 4:
        top[2], top[3] = "Cơ quan thực hiện", ""
        rows.append(["" if c not in (2, 3) else ("Chủ trì" if c == 2 else "Phối hợp") for c in range(n)])
        cov = [["h" if c == 3 else "" for c in range(n)], ["v" if c not in (2, 3) else "" for c in range(n)]]
    if shape == "numbered":
        rows.append([f"({c + 1})" if rng.random() < 0.8 else str(c + 1) for c in range(n)])
        cov.append([""] * n)
    if shape == "titled":
        rows.insert(0, [rng.choice(_TITLES[1:])] + [""] * (n - 1))
        cov.insert(0, [""] + ["h"] * (n - 1))
    return rows, cov


def _body_row(rng: random.Random, n: int, header: list[list[str]]) -> tuple[list[str], list[str]]:
    kind = rng.choice(["task"] * 6 + ["group", "group_cell", "cont", "empty", "repeat", "numbers", "stray", "vmerge"])
    cov = [""] * n
    if kind == "group":
        return [rng.choice(_GROUPS)] + [""] * (n - 1), [""] + ["h"] * (n - 1)
    if kind == "group_cell" and n > 1:
        label = rng.choice(["I", "II.", "A", "B.", "V", "Ghi chú"])
        return [label, rng.choice(_GROUPS + _CONTENTS)] + [""] * (n - 2), cov
    if kind == "empty":
        return [""] * n, cov
    if kind == "repeat" and header:
        row = list(rng.choice(header))
        return row, cov
    if kind == "numbers":
        return [f"({c + 1})" for c in range(n)], cov
    if kind == "stray":
        row = [""] * n
        row[rng.randrange(n)] = rng.choice(["chữ lạc cột", "ảnh 1", "Ghi chú thêm"])
        return row, cov
    row = [rng.choice(_LABELS)] + [rng.choice(_CONTENTS)] + [rng.choice(_OTHERS) for _ in range(n - 2)]
    row = row[:n]
    if kind == "cont":
        row[0] = ""
    if kind == "vmerge":
        cov = ["v" if c >= 2 and rng.random() < 0.6 else "" for c in range(n)]
    return row, cov


def random_table(seed: int) -> RawTable:
    """A table from `seed`: random header shape, group rows, numbering, merges, page-break rows."""
    rng = random.Random(seed)
    n = rng.randint(1, 7)
    rows, cov = _header_rows(rng, n)
    header = list(rows)
    for _ in range(rng.randint(0, 14)):
        row, c = _body_row(rng, n, header)
        rows.append(row)
        cov.append(c)
    notes = [rng.choice(_NOTES)] if rng.random() < 0.15 else []
    return raw(rows, cov, title=rng.choice(_TITLES), notes=notes)


def random_mapping(seed: int, n_cols: int) -> dict | None:
    """Most often None (the header's own mapping); sometimes a user's mapping, now and then an invalid one."""
    rng = random.Random(seed * 7919 + 1)
    if rng.random() < 0.75:
        return None
    keys = ["number", "content", "product", "lead", "partners", "timeline", "budget", "monitor", "note", "", None]
    mapping: dict = {c: rng.choice(keys) for c in range(n_cols) if rng.random() < 0.8}
    if rng.random() < 0.05:
        mapping[n_cols + 1] = "content"
    return mapping


# ---------------------------------------------------------------- records


def record(result) -> dict:
    """Everything an ImportResult says, as JSON data (dict orders kept as lists)."""
    return {
        "table_index": result.table_index,
        "headers": result.headers,
        "header_rows": result.header_rows,
        "mapping": [[c, k] for c, k in result.mapping.items()],
        "rows": [
            [r.kind, r.label, r.level, r.area, list(r.fields.items()), list(r.source_rows), r.checked, r.parent]
            for r in result.rows
        ],
        "problems": [[p.kind, p.message, p.row, p.column, p.text] for p in result.problems],
        "empty_rows": result.empty_rows,
        "repeated_headers": result.repeated_headers,
        "table_area": result.table_area,
        "year_shift": result.year_shift,
        "source_year": result.source_year,
        "encoding": result.encoding,
        "counts": list(result.counts()),
    }


def run(table: RawTable, mapping: dict | None = None, table_index: int = 0) -> dict:
    """parse_table's record, or the error it raised; with the guessed year and a shift by one year."""
    try:
        result = parse_table(table, mapping, table_index=table_index)
    except Exception as e:  # an invalid user mapping: the error is part of the behaviour
        return {"error": [type(e).__name__, str(e)]}
    out = record(result)
    out["guessed_year"] = guess_source_year(result)
    out["shifted"] = [list(r.fields.items()) for r in shift_result(result, 1).rows]
    return out


RANDOM_SEEDS = range(400)


def corpus(folder: Path) -> list[tuple[str, RawTable, dict | None]]:
    """(name, table, mapping) for every table the characterisation covers."""
    out: list[tuple[str, RawTable, dict | None]] = [(n, t, None) for n, t in file_tables(folder)]
    out += [(n, t, None) for n, t in hand_made()]
    for seed in RANDOM_SEEDS:
        t = random_table(seed)
        out.append((f"random[{seed}]", t, random_mapping(seed, t.n_cols)))
    return out


def digest(rec: dict) -> str:
    """A short fingerprint of a record (the random tables' snapshot keeps only this)."""
    text = json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


if __name__ == "__main__":
    # Print one table's record: python tests/app/importing/import_corpus.py 'random[17]'
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for name, table, mapping in corpus(Path(folder)):
            if name in sys.argv[1:]:
                print(name, json.dumps(run(table, mapping), ensure_ascii=False, indent=1))
