"""What the versions views show, as Qt rich text (HTML): a version as it exports (from the
exporters' Document, so the numbering and text are the files' own) and a comparison, one table row
per change, the old text on the left and the new on the right. Plain Python, no Qt.

Marks: words taken out red and struck through, words put in green and underlined; a row tinted
by its action (added green, removed red, moved blue).
"""

from __future__ import annotations

from html import escape

from app.versions.diff import ADDED, CHANGED, MOVED, REMOVED, Change, PlanDiff
from app.versions.words import DELETE, EQUAL, INSERT, Op
from exporters.document import AppendixTitle, Document, HeaderBlock, Para, SignatureBlock, Table, TitleBlock

DELETED_STYLE = "color:#b00020; text-decoration: line-through; background-color:#fde7ea;"
INSERTED_STYLE = "color:#0a6b2b; text-decoration: underline; background-color:#e3f5e8;"
ACTION_NAMES = {CHANGED: "Sửa đổi", ADDED: "Bổ sung", REMOVED: "Bãi bỏ", MOVED: "Chuyển chỗ"}
ROW_TINT = {CHANGED: "#ffffff", ADDED: "#f1faf3", REMOVED: "#fdf1f2", MOVED: "#eef4fc"}
ACTION_COLOUR = {CHANGED: "#333333", ADDED: "#0a6b2b", REMOVED: "#b00020", MOVED: "#1f4e9c"}
MAX_ROWS = 400  # rows laid out on screen (≈ 0.5 s); the rest are counted (the Word file holds them all)
KIND_NAMES = {
    "header": "Thông tin chung",
    "legal_basis": "Căn cứ",
    "section": "Mục",
    "paragraph": "Đoạn văn",
    "target": "Chỉ tiêu",
    "task": "Nhiệm vụ",
    "recipient": "Nơi nhận",
}


def text(value: str) -> str:
    """Escaped, line breaks kept."""
    return escape(value).replace("\n", "<br>")


# ---------------------------------------------------------------- a version as it exports


def _para(p: Para) -> str:
    runs = "".join(
        f"<sup>{r.note_number}</sup>"
        if r.note is not None
        else ("<b>" if r.bold else "")
        + ("<i>" if r.italic else "")
        + text(r.text)
        + ("</i>" if r.italic else "")
        + ("</b>" if r.bold else "")
        for r in p.runs
    )
    if p.style == "center":
        return f'<p align="center">{runs}</p>'
    if p.style == "heading1":
        return f"<p><b>{runs}</b></p>"
    if p.style == "legal_basis":
        return f'<p style="margin-left:24px;">{runs}</p>'
    if p.style in ("bullet", "subbullet"):
        return f'<p style="margin-left:{24 if p.style == "bullet" else 48}px;">{runs}</p>'
    return f'<p style="text-indent:24px;">{runs}</p>'


def _two_columns(left: str, right: str, left_align: str = "center") -> str:
    return (
        '<table width="100%" cellspacing="0" cellpadding="2"><tr>'
        f'<td width="40%" align="{left_align}" valign="top">{left}</td>'
        f'<td width="60%" align="center" valign="top">{right}</td></tr></table>'
    )


def _table(t: Table) -> str:
    head = "".join(f'<th bgcolor="#eeeeee">{text(c.header)}</th>' for c in t.columns)
    rows = []
    for r in t.rows:
        if r.kind == "group":
            label, title = (r.cells + ("", ""))[:2]
            rows.append(
                f'<tr><td align="center"><b>{text(label)}</b></td><td colspan="{len(t.columns) - 1}"><b>{text(title)}</b></td></tr>'
            )
        else:
            rows.append("<tr>" + "".join(f'<td valign="top">{text(c)}</td>' for c in r.cells) + "</tr>")
    return f'<table width="100%" border="1" cellspacing="0" cellpadding="4"><tr>{head}</tr>{"".join(rows)}</table>'


def _lines(lines: tuple[str, ...]) -> str:
    return "<br>".join(text(x) for x in lines)


def _header(b: HeaderBlock) -> str:
    left = f"{_lines(b.parent_lines)}<br><b>{_lines(b.agency_lines)}</b><br>{text(b.number)}"
    right = f"<b>{text(b.national)}</b><br><b>{text(b.motto)}</b><br><i>{text(b.place_date)}</i>"
    return _two_columns(left, right)


def _title(b: TitleBlock) -> str:
    note = f"<br><i>{text(b.note)}</i>" if b.note else ""
    return f'<p align="center"><b>{text(b.doc_type)}</b><br><b>{_lines(b.summary_lines)}</b>{note}</p>'


def _appendix_title(b: AppendixTitle) -> str:
    return f'<p align="center"><b>{text(b.label)}<br>{text(b.title)}</b><br><i>{text(b.attachment)}</i></p>'


def _signature(b: SignatureBlock) -> str:
    left = f"<b><i>{text(b.recipients_title)}</i></b><br>{_lines(b.recipients)}"
    right = f"<b>{_lines(b.authority_lines)}</b><br><br><br><b>{text(b.name)}</b>"
    return _two_columns(left, right, "left")


_BLOCKS = {
    HeaderBlock: _header,
    TitleBlock: _title,
    AppendixTitle: _appendix_title,
    Para: _para,
    SignatureBlock: _signature,
    Table: _table,
}


def document_html(doc: Document) -> str:
    """The whole document, block by block, parts separated by a rule (each is a new page on paper)."""
    out: list[str] = []
    for n, part in enumerate(doc.parts):
        if n:
            out.append("<hr>")
        out += [_BLOCKS[type(b)](b) for b in part.blocks]  # type: ignore[operator]
    return "".join(out)


# ---------------------------------------------------------------- a comparison


def side_ops(ops: tuple[Op, ...], side: str) -> list[Op]:
    """The ops one side shows: the old side its text with what was taken out (DELETE), the new side
    with what was put in (INSERT). A space between two marked words is marked with them, so a
    phrase reads as one mark, not word by word."""
    mark = DELETE if side == "old" else INSERT
    kept = [(k, t) for k, t in ops if k in (EQUAL, mark)]
    out: list[Op] = []
    for n, (kind, words) in enumerate(kept):
        between = 0 < n < len(kept) - 1 and kept[n - 1][0] == mark and kept[n + 1][0] == mark
        if kind == EQUAL and between and not words.strip():
            kind = mark
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + words)
        else:
            out.append((kind, words))
    return out


def marked(ops: tuple[Op, ...], side: str) -> str:
    """One side of a word-level difference as rich text, its changed words marked."""
    style = DELETED_STYLE if side == "old" else INSERTED_STYLE
    return "".join(
        text(words) if kind == EQUAL else f'<span style="{style}">{text(words)}</span>'
        for kind, words in side_ops(ops, side)
    )


def _where(at: str) -> str:
    return f'<p style="color:#666666; margin:0;"><i>{text(at)}</i></p>' if at else ""


def _p(html: str) -> str:
    return f'<p style="margin:0;">{html}</p>'


def _whole(c: Change, side: str) -> str:
    """An added or removed item: where it is and all its text, marked; '(chưa có)' on the other side."""
    if (side == "new") != (c.action == ADDED):
        return _p(f'<span style="color:#999999;">{"(chưa có)" if c.action == ADDED else "(bãi bỏ)"}</span>')
    style = INSERTED_STYLE if c.action == ADDED else DELETED_STYLE
    return _where(c.new_at if c.action == ADDED else c.old_at) + _p(f'<span style="{style}">{text(c.text)}</span>')


def _sides(c: Change) -> tuple[str, str]:
    """(old cell, new cell) of one change."""
    if c.action in (ADDED, REMOVED):
        return _whole(c, "old"), _whole(c, "new")
    old, new = [_where(c.old_at)], [_where(c.new_at)]
    if c.kind in ("task", "target") and "content" not in {cell.field for cell in c.cells}:
        content = getattr(c.new_item, "content", "") or c.text  # which task: its text, unchanged
        old.append(_p(text(content)))
        new.append(_p(text(content)))
    for cell in c.cells:
        named = c.kind not in ("header", "legal_basis", "paragraph", "recipient")
        name = f"<b>{text(cell.name)}:</b> " if named else ""
        ops = cell.words
        old.append(_p(name + (marked(ops, "old") or "<i>(trống)</i>")))
        new.append(_p(name + (marked(ops, "new") or "<i>(trống)</i>")))
    return "".join(old), "".join(new)


def compare_html(diff: PlanDiff, limit: int = MAX_ROWS) -> str:
    head = (
        '<tr><th width="16%" bgcolor="#eeeeee">Thay đổi</th>'
        f'<th width="42%" bgcolor="#eeeeee">Bản cũ: {text(diff.old_name)}</th>'
        f'<th width="42%" bgcolor="#eeeeee">Bản mới: {text(diff.new_name)}</th></tr>'
    )
    rows = []
    for c in diff.changes[:limit]:
        old, new = _sides(c)
        label = f'<b style="color:{ACTION_COLOUR[c.action]};">{text(ACTION_NAMES[c.action])}</b><br>{text(KIND_NAMES.get(c.kind, c.kind))}'
        rows.append(
            f'<tr bgcolor="{ROW_TINT[c.action]}"><td valign="top">{label}</td>'
            f'<td valign="top">{old}</td><td valign="top">{new}</td></tr>'
        )
    if not rows:
        rows.append('<tr><td colspan="3" align="center">Hai bản giống hệt nhau: không có thay đổi nào.</td></tr>')
    more = len(diff.changes) - limit
    tail = (
        f"<p><i>Còn {more} thay đổi nữa không hiện ở đây; tệp Word có theo dõi thay đổi có đủ.</i></p>"
        if more > 0
        else ""
    )
    return f'<table width="100%" border="1" cellspacing="0" cellpadding="5">{head}{"".join(rows)}</table>{tail}'


def summary(diff: PlanDiff) -> str:
    """'12 thay đổi: 5 sửa đổi, 3 bổ sung, 2 bãi bỏ, 2 chuyển chỗ.'"""
    if not diff.changes:
        return "Không có thay đổi nào."
    counts = [
        (sum(1 for c in diff.changes if c.action == a), ACTION_NAMES[a].lower())
        for a in (CHANGED, ADDED, REMOVED, MOVED)
    ]
    return f"{len(diff.changes)} thay đổi: " + ", ".join(f"{n} {name}" for n, name in counts if n) + "."
