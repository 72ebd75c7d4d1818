"""The amendment plan: "Kế hoạch sửa đổi, bổ sung một số nội dung của Kế hoạch số …", built from
the difference between the issued version and the plan as amended.

Its body lists each change the way such plans are written ("Sửa đổi nhiệm vụ số 3 Phụ lục II
như sau: …", "Bổ sung nhiệm vụ số 5 Phụ lục I: …", "Bãi bỏ nhiệm vụ số 7 Phụ lục I: …"), places
named as the issued plan numbers them (additions: where they are in the amended plan); its
appendix compares each change (Nội dung cũ / Nội dung sửa đổi, bổ sung / Lý do, the reasons left
for the officer to write). It is an ordinary plan: edited in the window, checked, exported.
"""

from __future__ import annotations

from dataclasses import replace

from app.model import TASK_COLUMNS, Appendix, DocDate, Plan, Section, Task
from app.versions.diff import ADDED, CHANGED, MOVED, REMOVED, Change, PlanDiff
from app.vietnamese import locality, number_symbol, short_date

# Changes that are not the plan's content: its number and date are the clerk's, and the
# recipients the office's; the amendment has its own.
_NOT_AMENDED = frozenset({"recipient"})
_HEADER_NOT_AMENDED = frozenset({"Số văn bản", "Ngày ban hành", "Năm", "Ký hiệu"})
COMPARISON_HEADERS = (("content", "Nội dung cũ"), ("product", "Nội dung sửa đổi, bổ sung"), ("note", "Lý do"))


def reference(plan: Plan) -> str:
    """'Kế hoạch số 15/KH-UBND ngày 20/12/2026 của Ủy ban nhân dân phường Phú Sơn'."""
    when = f" ngày {short_date(plan.date)}" if plan.date else ""
    loc = locality(plan.agency)
    agency = f"Ủy ban nhân dân {loc}" if loc else " ".join(plan.agency.split())
    return f"Kế hoạch số {number_symbol(plan.number, plan.symbol)}{when} của {agency}"


def amended_changes(diff: PlanDiff) -> list[Change]:
    return [
        c
        for c in diff.changes
        if c.kind not in _NOT_AMENDED and not (c.kind == "header" and c.new_at in _HEADER_NOT_AMENDED)
    ]


def _q(text: str) -> str:
    return f"“{text}”"


def _task_lines(task: Task) -> tuple[str, ...]:
    return tuple(f"- {name}: {_q(getattr(task, k))}" for k, name in TASK_COLUMNS if getattr(task, k))


def _lines_of(c: Change, of: str) -> tuple[str, tuple[str, ...]]:
    """(the item's line, the paragraphs under it); `of` names the issued plan after an appendix
    ("Phụ lục II kèm theo Kế hoạch số 15/KH-UBND"), which is not one of this plan's."""
    if "Phụ lục" in c.old_at + c.new_at:
        c = replace(c, old_at=_of(c.old_at, of), new_at=_of(c.new_at, of))
    if c.action == ADDED:
        paras = _task_lines(c.new_item) if isinstance(c.new_item, Task) else (_q(c.text),)
        return f"Bổ sung {c.new_at} như sau:", paras
    if c.action == REMOVED:
        return f"Bãi bỏ {c.old_at}: {_q(c.text.rstrip('.'))}.", ()
    cells = tuple(f"- {cell.name}: {_q(cell.new)}" for cell in c.cells)
    if len(c.cells) == 1 and c.kind != "task":
        cells = (_q(c.cells[0].new),)
    if c.action == MOVED:
        head = f"Chuyển {c.old_at} thành {c.new_at}"
        return (head + (", đồng thời sửa đổi như sau:" if cells else "."), cells)
    assert c.action == CHANGED
    return f"Sửa đổi {c.old_at} như sau:", cells


def _of(where: str, of: str) -> str:
    return f"{where} {of}" if "Phụ lục" in where else where


def _comparison_row(c: Change) -> Task:
    if c.action == ADDED:
        return Task(content="Chưa có", product=c.text)
    if c.action == REMOVED:
        return Task(content=c.text, product="Bãi bỏ")
    old = "\n".join(f"{cell.name}: {cell.old}" if c.kind == "task" else cell.old for cell in c.cells)
    new = "\n".join(f"{cell.name}: {cell.new}" if c.kind == "task" else cell.new for cell in c.cells)
    if c.action == MOVED:
        old, new = f"{c.old_at}\n{old}".strip(), f"{c.new_at}\n{new}".strip()
    return Task(content=old, product=new)


def amendment_plan(issued: Plan, amended: Plan, diff: PlanDiff, year: int | None = None) -> Plan:
    """A new draft plan amending `issued` (number and date left for the clerk)."""
    ref = reference(issued)
    changes = amended_changes(diff)
    of = f"kèm theo Kế hoạch số {number_symbol(issued.number, issued.symbol)}"
    items = tuple(Section(head, paragraphs=paras, run_in=True) for head, paras in (_lines_of(c, of) for c in changes))
    see = "Nội dung trước và sau khi sửa đổi, bổ sung được so sánh tại Phụ lục I kèm theo Kế hoạch này."
    body = (
        Section("NỘI DUNG SỬA ĐỔI, BỔ SUNG", paragraphs=(see,), sections=items),
        Section(
            "TỔ CHỨC THỰC HIỆN",
            paragraphs=(
                f"Các nội dung khác của {ref} không được sửa đổi, bổ sung tại Kế hoạch này giữ nguyên hiệu lực thực hiện.",
                "Các cơ quan, đơn vị, cá nhân được giao nhiệm vụ căn cứ nội dung sửa đổi, bổ sung tại Kế hoạch "
                "này tổ chức thực hiện; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo "
                "để xem xét, giải quyết./.",
            ),
        ),
    )
    table = Appendix(
        kind="tasks",
        title="BẢNG SO SÁNH NỘI DUNG TRƯỚC VÀ SAU KHI SỬA ĐỔI, BỔ SUNG",
        columns=tuple(k for k, _ in COMPARISON_HEADERS),
        headers=COMPARISON_HEADERS,
        tasks=tuple(_comparison_row(c) for c in changes),
    )
    summary = f"Sửa đổi, bổ sung một số nội dung của {ref} về {_lower_first(issued.summary)}"
    return replace(
        amended,
        year=year or amended.year,
        summary=summary,
        number="",
        date=DocDate(year or amended.year),
        legal_bases=tuple(b.rstrip(" .;") + ";" for b in amended.legal_bases) + (f"Căn cứ {ref}.",),
        preamble=f"{_sentence(amended)} ban hành Kế hoạch sửa đổi, bổ sung một số nội dung của {ref} như sau:",
        sections=body,
        closing="",
        targets=(),
        appendices=(table,),
        decision=None,
        id=None,
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _sentence(plan: Plan) -> str:
    loc = locality(plan.agency)
    return f"Ủy ban nhân dân {loc}" if loc else " ".join(plan.agency.split())
