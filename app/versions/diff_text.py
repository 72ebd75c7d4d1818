"""A comparison printed the way an officer reads it, in Vietnamese, one change a paragraph:

    Sửa nhiệm vụ số 3 Phụ lục II — Nội dung:
      cũ:  Rà soát văn bản
      mới: Rà soát, hệ thống hóa văn bản
      từ:  Rà soát{+, hệ thống hóa+} văn bản

Within a cell, `[-…-]` is text taken out and `{+…+}` text put in.
"""

from __future__ import annotations

from app.versions.diff import ADDED, CHANGED, MOVED, REMOVED, Change, PlanDiff
from app.versions.words import DELETE, INSERT, Op


def marked(ops: tuple[Op, ...]) -> str:
    """One line with the words taken out in [-…-] and put in in {+…+}."""
    out = []
    for kind, text in ops:
        if kind == DELETE:
            out.append(f"[-{text}-]")
        elif kind == INSERT:
            out.append(f"{{+{text}+}}")
        else:
            out.append(text)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ¶ ".join(line for line in text.splitlines() if line.strip()) or "(trống)"


def _title(c: Change) -> str:
    if c.action == ADDED:
        return f"Bổ sung {c.new_at}"
    if c.action == REMOVED:
        return f"Bãi bỏ {c.old_at}"
    if c.kind == "header":
        return f"Sửa thông tin chung — {c.new_at}"
    if c.action == MOVED:
        return f"Chuyển {c.old_at} thành {c.new_at}"
    return f"Sửa {c.new_at}" + ("" if c.old_at == c.new_at else f" (trước là {c.old_at})")


def change_lines(c: Change) -> list[str]:
    if c.action in (ADDED, REMOVED):
        return [f"{_title(c)}: «{_one_line(c.text)}»"]
    lines = [_title(c) + (":" if c.cells else "")]
    for cell in c.cells:
        if c.kind != "header":
            lines.append(f"  {cell.name}:")
        lines += [
            f"    cũ:  {_one_line(cell.old)}",
            f"    mới: {_one_line(cell.new)}",
            f"    từ:  {_one_line(marked(cell.words))}",
        ]
    return lines


def render(diff: PlanDiff) -> list[str]:
    counts = {a: sum(1 for c in diff.changes if c.action == a) for a in (ADDED, REMOVED, CHANGED, MOVED)}
    head = f"So sánh «{diff.old_name}» với «{diff.new_name}»: "
    if not diff.changes:
        return [head + "không có thay đổi."]
    summary = (
        f"{len(diff.changes)} thay đổi ({counts[CHANGED]} sửa, {counts[ADDED]} bổ sung, "
        f"{counts[REMOVED]} bãi bỏ, {counts[MOVED]} chuyển chỗ)."
    )
    out = [head + summary]
    for c in diff.changes:
        out.append("")
        out += change_lines(c)
    return out
