"""How much a plan may hold: the one place that says it, and the checks every way in applies.

A plan file, a pasted or imported row and a typed field are refused beyond these limits with one
Vietnamese sentence naming the limit and the place. A real ward plan is far below every one of
them (the real plans in tests/fixtures: at most 39 tasks, no text over 1,400 characters); they exist so that a hostile or broken
input costs seconds, not gigabytes. The window's editors cap typing with the same constants.
See docs/plan-format.md (limits table) and docs/reliability.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.errors import InvalidInput, UserError
from app.model import TASK_COLUMNS, Plan, Section, Target, Task, iter_sections, iter_tasks
from app.text_walk import Place, iter_texts

PLAN_FILE_BYTES = 20 * 1024 * 1024  # a plan file on disk (the largest real one: ~300 KB)
JSON_CONTAINERS = 100_000  # {…} and […] in a plan file, counted before the JSON is built

TASKS = 10_000  # tasks of a plan, sub-tasks included
SUBTASKS = 500  # direct sub-tasks of one task
TASK_DEPTH = 3  # task, sub-task, sub-sub-task
SECTIONS = 1_000  # sections of a plan, every level
SECTION_DEPTH = 6
PARAGRAPHS = 500  # paragraphs of one section
APPENDICES = 50
TARGETS = 1_000
LEGAL_BASES = 200  # of the plan, and of its decision
ARTICLES = 50  # of the decision
RECIPIENTS = 200  # "Nơi nhận" lines
AREAS = 50
VERSIONS = 100  # frozen versions of one plan (issued and drafts): saved, issued, or read from a plan file
VERSIONS_BYTES = PLAN_FILE_BYTES  # the versions' plan files together, as a plan file carries them

CELL_CHARS = 20_000  # a table cell, a paragraph, a legal basis, an article, the preamble, the closing
TITLE_CHARS = 2_000  # a title, a heading, a header line, a name, a recipient, any one-line field

_FIELD_NAMES = dict(TASK_COLUMNS) | {"area": "Lĩnh vực", "heading": "Tiêu đề mục", "paragraphs": "Đoạn văn"}
# Places whose text is a paragraph or a cell; every other text is a one-line field (TITLE_CHARS).
_CELL_KINDS = frozenset({"legal_basis", "task", "target"})
_CELL_FIELDS = frozenset({"preamble", "closing", "paragraphs", "legal_bases", "articles"})


def number(n: int) -> str:
    """25000 -> '25.000' (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def too_long(where: str, length: int, limit: int) -> str:
    return f"{where} dài {number(length)} ký tự, quá giới hạn {number(limit)}."


def too_many(what: str, count: int, limit: int, where: str = "") -> str:
    place = f" {where}" if where else ""
    return f"Có {number(count)} {what}{place}, quá giới hạn {number(limit)}."


def check_text(text: str, limit: int, where: str, error: type[UserError] = InvalidInput) -> None:
    if len(text) > limit:
        raise error(too_long(where, len(text), limit))


def check_count(count: int, limit: int, what: str, where: str = "", error: type[UserError] = InvalidInput) -> None:
    if count > limit:
        raise error(too_many(what, count, limit, where))


def field_limit(kind: str, field: str) -> int:
    """The limit of a row field: 'tasks'/'targets' cells and paragraphs CELL_CHARS, headings TITLE_CHARS."""
    if field == "heading" or field == "area":
        return TITLE_CHARS
    return CELL_CHARS if kind in ("tasks", "targets") or field == "paragraphs" else TITLE_CHARS


def field_name(field: str) -> str:
    return _FIELD_NAMES.get(field, field)


def place_limit(place: Place) -> int:
    return CELL_CHARS if place.kind in _CELL_KINDS or place.field in _CELL_FIELDS else TITLE_CHARS


# ---------------------------------------------------------------- whole plans


def check_plan(plan: Plan, error: type[UserError] = InvalidInput) -> None:
    """Every count and every text of a plan within the limits; `error` names the first one over."""
    _check_counts(plan, error)
    for place, text in iter_texts(plan):
        limit = place_limit(place)
        if len(text) > limit:
            raise error(too_long(f"«{place.label}»", len(text), limit))
    extras = [("Số văn bản", plan.number), ("Ký hiệu văn bản", plan.symbol)]
    extras += [(f"Tên lĩnh vực «{a.id}»", a.title) for a in plan.areas]
    extras += [
        (f"Tiêu đề cột «{k}» của phụ lục {i}", v) for i, a in enumerate(plan.appendices, 1) for k, v in a.headers
    ]
    if plan.decision is not None:
        d = plan.decision
        extras += [("Số quyết định", d.number), ("Ký hiệu quyết định", d.symbol)]
        extras += [("Quyết định — thẩm quyền ký", d.signer.authority)]
    for where, text in extras:
        check_text(text, TITLE_CHARS, where, error)


def _check_counts(plan: Plan, error: type[UserError]) -> None:
    tasks = sum(1 for a in plan.appendices for _ in iter_tasks(a.tasks))
    check_count(tasks, TASKS, "nhiệm vụ (kể cả nhiệm vụ con)", "trong kế hoạch", error)
    check_count(len(plan.appendices), APPENDICES, "phụ lục", "trong kế hoạch", error)
    check_count(sum(1 for _ in iter_sections(plan.sections)), SECTIONS, "mục", "trong kế hoạch", error)
    check_count(len(plan.targets), TARGETS, "chỉ tiêu", "trong kế hoạch", error)
    check_count(len(plan.legal_bases), LEGAL_BASES, "căn cứ", "trong kế hoạch", error)
    check_count(len(plan.recipients), RECIPIENTS, "nơi nhận", "trong kế hoạch", error)
    check_count(len(plan.areas), AREAS, "lĩnh vực", "trong kế hoạch", error)
    for _, s in iter_sections(plan.sections):
        check_count(len(s.paragraphs), PARAGRAPHS, "đoạn văn", f"trong mục «{s.heading[:60]}»", error)
    for a in plan.appendices:
        for t in iter_tasks(a.tasks):
            check_count(len(t.subtasks), SUBTASKS, "nhiệm vụ con", f"trong nhiệm vụ «{t.content[:60]}»", error)
    if plan.decision is not None:
        check_count(len(plan.decision.legal_bases), LEGAL_BASES, "căn cứ", "trong quyết định", error)
        check_count(len(plan.decision.articles), ARTICLES, "điều", "trong quyết định", error)
        check_count(len(plan.decision.recipients), RECIPIENTS, "nơi nhận", "trong quyết định", error)


# ---------------------------------------------------------------- rows added or edited


def check_fields(kind: str, fields: dict[str, object]) -> None:
    """The fields an edit sets on one task, target or section (typing, "Sửa ô")."""
    for key, value in fields.items():
        if isinstance(value, str):
            check_text(value, field_limit(kind, key), field_name(key))
        elif key == "paragraphs" and isinstance(value, tuple):
            check_count(len(value), PARAGRAPHS, "đoạn văn", "trong một mục")
            for i, p in enumerate(value, 1):
                if isinstance(p, str):
                    check_text(p, CELL_CHARS, f"Đoạn {i}")


def _walk(item: Task | Section | Target) -> Iterable[Task | Section | Target]:
    yield item
    for child in getattr(item, "subtasks", ()) or getattr(item, "sections", ()):
        yield from _walk(child)


def rows_added(items: Iterable[Task | Section | Target]) -> int:
    """How many rows inserting `items` adds (children included)."""
    return sum(1 for item in items for _ in _walk(item))


def check_items(kind: str, items: Iterable[Task | Section | Target]) -> None:
    """Rows about to be inserted (pasted, imported from a table, added): every text within its limit."""
    for n, item in enumerate(items, 1):
        for row in _walk(item):
            label = f"dòng {n}" if row is item else f"một dòng con của dòng {n}"
            if isinstance(row, Task):
                check_count(len(row.subtasks), SUBTASKS, "nhiệm vụ con", f"ở {label}")
            elif isinstance(row, Section):
                check_count(len(row.paragraphs), PARAGRAPHS, "đoạn văn", f"ở {label}")
            for key, value in vars(row).items():
                if isinstance(value, str):
                    check_text(value, field_limit(kind, key), f"«{field_name(key)}» ở {label}")
                elif key == "paragraphs":
                    for i, p in enumerate(value, 1):
                        check_text(p, CELL_CHARS, f"Đoạn {i} ở {label}")


def height(item: Task | Section | Target) -> int:
    """Levels of an item with its children: 1 for a row without children."""
    children = getattr(item, "subtasks", ()) or getattr(item, "sections", ())
    return 1 + max((height(c) for c in children), default=0)


# ---------------------------------------------------------------- header, appendix, tracking texts

_HEADER_NAMES = {
    "summary": "Trích yếu",
    "parent_agency": "Cơ quan chủ quản",
    "agency": "Cơ quan ban hành",
    "number": "Số văn bản",
    "symbol": "Ký hiệu",
    "place": "Địa danh",
    "preamble": "Lời mở đầu",
    "closing": "Đoạn kết",
}
_HEADER_LISTS = {
    "legal_bases": (LEGAL_BASES, "căn cứ", CELL_CHARS),
    "recipients": (RECIPIENTS, "nơi nhận", TITLE_CHARS),
}


def check_header(fields: dict[str, object]) -> None:
    """Header-level fields an edit sets (summary, legal bases, signer, the decision …)."""
    for key, value in fields.items():
        if isinstance(value, str):
            limit = CELL_CHARS if key in _CELL_FIELDS else TITLE_CHARS
            check_text(value, limit, _HEADER_NAMES.get(key, key))
        elif key in _HEADER_LISTS and isinstance(value, tuple | list):
            limit, noun, chars = _HEADER_LISTS[key]
            check_count(len(value), limit, noun)
            for i, item in enumerate(value, 1):
                check_text(str(item), chars, f"{noun.capitalize()} thứ {i}")
        elif key == "areas" and isinstance(value, tuple | list):
            check_count(len(value), AREAS, "lĩnh vực")
            for a in value:
                check_text(getattr(a, "title", ""), TITLE_CHARS, "Tên lĩnh vực")
        elif value is not None and hasattr(value, "__dataclass_fields__"):  # signer, decision
            check_texts(vars(value), "Quyết định" if key == "decision" else "Người ký")


def check_texts(data: object, where: str, limit: int = CELL_CHARS) -> None:
    """Every text inside a dict, list or dataclass (a report, a decision) within `limit`."""
    if isinstance(data, str):
        check_text(data, limit, where)
    elif isinstance(data, dict):
        for v in data.values():
            check_texts(v, where, limit)
    elif isinstance(data, list | tuple):
        for v in data:
            check_texts(v, where, limit)
    elif hasattr(data, "__dataclass_fields__"):
        check_texts(vars(data), where, limit)
