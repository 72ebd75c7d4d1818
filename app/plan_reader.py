"""Parsed plan-file JSON to a validated Plan; errors in Vietnamese name the place ("appendices[0].columns")."""

from __future__ import annotations

import calendar
from typing import Any

from app import limits
from app.errors import InvalidPlanFile
from app.model import (
    APPENDIX_STYLES,
    AREA_CATALOGUE,
    FORMAT_ID,
    HEADING_STYLES,
    MAX_YEAR,
    MIN_YEAR,
    SUBTASK_STYLES,
    TARGET_COLUMN_KEYS,
    TARGET_TEXT_FIELDS,
    TASK_COLUMN_KEYS,
    TASK_TEXT_FIELDS,
    Appendix,
    Area,
    Decision,
    DocDate,
    Period,
    Plan,
    Section,
    Signer,
    Target,
    Task,
    iter_tasks,
)
from app.vietnamese import clean_text, nfc

_SHOWN = 60  # characters of a value from the file quoted in a message


def shown(value: str) -> str:
    """A value from the file as a message quotes it: one line (line breaks and runs of spaces made
    one space), NFC, at most _SHOWN characters."""
    text = nfc(" ".join(value.split()))
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


# The most items a list of the plan file may hold, by its key: refused before any item is read.
_LIST_LIMITS = {
    "appendices": (limits.APPENDICES, "phụ lục"),
    "tasks": (limits.TASKS, "nhiệm vụ"),
    "subtasks": (limits.SUBTASKS, "nhiệm vụ con"),
    "sections": (limits.SECTIONS, "mục"),
    "paragraphs": (limits.PARAGRAPHS, "đoạn văn"),
    "targets": (limits.TARGETS, "chỉ tiêu"),
    "legal_bases": (limits.LEGAL_BASES, "căn cứ"),
    "articles": (limits.ARTICLES, "điều"),
    "recipients": (limits.RECIPIENTS, "nơi nhận"),
    "areas": (limits.AREAS, "lĩnh vực"),
    "columns": (len(TASK_COLUMN_KEYS), "cột"),
    "heading_numbering": (limits.SECTION_DEPTH, "kiểu đánh số"),
}


class _Reader:
    """Typed access to a JSON object with error messages that name the place. Readers of one file
    share `seen`, the tasks and sections read so far, so a file over the limit stops early."""

    def __init__(self, data: Any, where: str, seen: dict[str, int] | None = None):
        if not isinstance(data, dict):
            raise InvalidPlanFile(
                f"Tệp kế hoạch không đúng cấu trúc: {where or 'gốc tệp'} phải là một đối tượng {{…}}."
            )
        self.data = data
        self.where = where
        self.seen = {} if seen is None else seen

    def count(self, what: str, limit: int, noun: str) -> None:
        """One more task or section read; refused as soon as the plan holds more than `limit`."""
        n = self.seen[what] = self.seen.get(what, 0) + 1
        if n > limit:
            raise InvalidPlanFile(f"Tệp kế hoạch có hơn {limits.number(limit)} {noun}, quá giới hạn của một kế hoạch.")

    def _check_length(self, key: str, v: list) -> None:
        limit, noun = _LIST_LIMITS.get(key, (None, ""))
        if limit is not None and len(v) > limit:
            raise InvalidPlanFile(limits.too_many(noun, len(v), limit, f"ở «{self._place(key)}»"))

    def _place(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def text(self, key: str, default: str = "") -> str:
        v = self.data.get(key, default)
        if v is None:
            return default
        if not isinstance(v, str):
            raise InvalidPlanFile(f"Tệp kế hoạch sai kiểu dữ liệu: «{self._place(key)}» phải là chuỗi văn bản.")
        return clean_text(v)

    def flag(self, key: str, default: bool) -> bool:
        v = self.data.get(key, default)
        if not isinstance(v, bool):
            raise InvalidPlanFile(f"Tệp kế hoạch sai kiểu dữ liệu: «{self._place(key)}» phải là true hoặc false.")
        return v

    def year(self, key: str, required: bool = True) -> int:
        v = self.data.get(key)
        if v is None and not required:
            return 0
        if isinstance(v, bool) or not isinstance(v, int):
            raise InvalidPlanFile(f"Tệp kế hoạch thiếu hoặc sai «{self._place(key)}»: cần một năm, ví dụ 2027.")
        if not MIN_YEAR <= v <= MAX_YEAR:
            raise InvalidPlanFile(f"Năm {v} ở «{self._place(key)}» nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).")
        return v

    def texts(self, key: str) -> tuple[str, ...]:
        v = self.data.get(key, [])
        if v is None:
            return ()
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise InvalidPlanFile(
                f"Tệp kế hoạch sai kiểu dữ liệu: «{self._place(key)}» phải là danh sách chuỗi văn bản."
            )
        self._check_length(key, v)
        return tuple(clean_text(x) for x in v)

    def items(self, key: str) -> list[_Reader]:
        v = self.data.get(key, [])
        if v is None:
            return []
        if not isinstance(v, list):
            raise InvalidPlanFile(f"Tệp kế hoạch sai kiểu dữ liệu: «{self._place(key)}» phải là một danh sách […].")
        self._check_length(key, v)
        return [_Reader(x, f"{self._place(key)}[{i}]", self.seen) for i, x in enumerate(v)]

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        v = self.text(key, default) or default
        if v not in allowed:
            raise InvalidPlanFile(
                f"Giá trị «{shown(v)}» ở «{self._place(key)}» không hợp lệ; dùng một trong: {', '.join(allowed)}."
            )
        return v


def _read_task(r: _Reader, depth: int = 0) -> Task:
    if depth >= limits.TASK_DEPTH:
        raise InvalidPlanFile(f"Nhiệm vụ con lồng quá sâu ở «{r.where}» (tối đa {limits.TASK_DEPTH} cấp).")
    r.count("tasks", limits.TASKS, "nhiệm vụ (kể cả nhiệm vụ con)")
    texts: dict[str, Any] = {key: r.text(key) for key in TASK_TEXT_FIELDS}
    return Task(
        **texts,
        subtasks=tuple(_read_task(s, depth + 1) for s in r.items("subtasks")),
    )


def _read_target(r: _Reader) -> Target:
    texts: dict[str, Any] = {key: r.text(key) for key in TARGET_TEXT_FIELDS}
    return Target(**texts)


def _read_section(r: _Reader, depth: int = 0) -> Section:
    if depth >= limits.SECTION_DEPTH:
        raise InvalidPlanFile(f"Các mục lồng quá sâu ở «{r.where}» (tối đa {limits.SECTION_DEPTH} cấp).")
    r.count("sections", limits.SECTIONS, "mục")
    return Section(
        heading=r.text("heading"),
        paragraphs=r.texts("paragraphs"),
        sections=tuple(_read_section(s, depth + 1) for s in r.items("sections")),
        run_in=r.flag("run_in", False),
    )


def _read_appendix(r: _Reader) -> Appendix:
    kind = r.choice("kind", ("tasks", "targets"), "tasks")
    allowed = TARGET_COLUMN_KEYS if kind == "targets" else TASK_COLUMN_KEYS
    columns = _read_columns(r, kind, allowed)
    headers = _read_headers(r, allowed)
    tasks = tuple(_read_task(t) for t in r.items("tasks"))
    if kind == "targets" and tasks:
        raise InvalidPlanFile(f"Phụ lục chỉ tiêu «{r.where}» không chứa nhiệm vụ; chỉ tiêu đặt ở khóa «targets».")
    return Appendix(
        kind=kind,
        title=r.text("title"),
        columns=columns,
        headers=headers,
        group_by_area=r.flag("group_by_area", False),
        area=r.text("area"),
        tasks=tasks,
    )


def _read_columns(r: _Reader, kind: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    columns = r.texts("columns") or (
        TARGET_COLUMN_KEYS if kind == "targets" else ("content", "product", "lead", "partners", "timeline")
    )
    for c in columns:
        if c not in allowed:
            raise InvalidPlanFile(
                f"Cột «{shown(c)}» ở «{r.where}.columns» không có; các cột dùng được: {', '.join(allowed)}."
            )
    twice = next((c for i, c in enumerate(columns) if c in columns[:i]), None)
    if twice is not None:
        raise InvalidPlanFile(f"Cột «{shown(twice)}» ghi hai lần ở «{r.where}.columns»; mỗi cột chỉ được ghi một lần.")
    return tuple(columns)


def _read_headers(r: _Reader, allowed: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The per-plan header wording; keys of columns this kind of appendix lacks are dropped."""
    raw = r.data.get("headers", {}) or {}
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise InvalidPlanFile(f"«{r.where}.headers» phải là một đối tượng {{tên cột: tiêu đề}}.")
    return tuple((k, clean_text(v)) for k, v in raw.items() if k in allowed)


def _read_date(r: _Reader, key: str = "date") -> DocDate | None:
    raw = r.data.get(key)
    if raw is None:
        return None
    where = f"{r.where}.{key}" if r.where else key
    d = _Reader(raw, where)
    y = d.year("year")
    month = d.data.get("month")
    day = d.data.get("day")
    for name, v, hi in (("month", month, 12), ("day", day, 31)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= hi):
            raise InvalidPlanFile(f"Ngày tháng không hợp lệ ở «{where}.{name}»: {v!r} (để trống thì ghi null).")
    if day is not None and month is None:
        raise InvalidPlanFile(f"Ngày tháng không hợp lệ: có ngày mà thiếu tháng ở «{where}».")
    if day is not None and month is not None and day > calendar.monthrange(y, month)[1]:
        raise InvalidPlanFile(f"Ngày {day}/{month}/{y} không có thật; sửa «{where}.day».")
    return DocDate(y, month, day)


def _read_signer(r: _Reader, key: str) -> Signer:
    s = _Reader(r.data.get(key) or {}, f"{r.where}.{key}" if r.where else key)
    return Signer(s.text("authority"), s.text("position"), s.text("name"))


def _read_period(r: _Reader, year: int) -> Period | None:
    raw = r.data.get("period")
    if raw is None:
        return None
    p = _Reader(raw, "period")
    start, end = p.year("from"), p.year("to")
    if not start <= year <= end or start == end:
        raise InvalidPlanFile(
            f"Giai đoạn «period» {start} - {end} phải gồm nhiều năm và chứa năm của kế hoạch ({year})."
        )
    return Period(start, end)


def _read_decision(r: _Reader) -> Decision | None:
    raw = r.data.get("decision")
    return None if raw is None else decision_from_dict(raw)


def decision_from_dict(raw: Any) -> Decision:
    d = _Reader(raw, "decision")
    return Decision(
        number=d.text("number"),
        symbol=d.text("symbol", "QĐ-UBND") or "QĐ-UBND",
        date=_read_date(d),
        legal_bases=d.texts("legal_bases"),
        articles=d.texts("articles"),
        signer=_read_signer(d, "signer"),
        recipients=d.texts("recipients"),
    )


def from_dict(data: Any) -> Plan:
    """A validated Plan from a plan file's parsed JSON; InvalidPlanFile names the first wrong place."""
    r = _Reader(data, "")
    _check_format(data.get("format"))
    year = r.year("year")
    areas = _read_areas(r)
    signer = _read_signer(r, "signer")
    styles = _read_heading_numbering(r)
    plan = Plan(
        year=year,
        summary=r.text("summary"),
        parent_agency=r.text("parent_agency"),
        agency=r.text("agency"),
        number=r.text("number"),
        symbol=r.text("symbol", "KH-UBND") or "KH-UBND",
        place=r.text("place"),
        date=_read_date(r),
        legal_bases=r.texts("legal_bases"),
        legal_bases_italic=r.flag("legal_bases_italic", True),
        preamble=r.text("preamble"),
        sections=tuple(_read_section(s) for s in r.items("sections")),
        closing=r.text("closing"),
        targets=tuple(_read_target(t) for t in r.items("targets")),
        appendices=tuple(_read_appendix(a) for a in r.items("appendices")),
        signer=signer,
        recipients=r.texts("recipients"),
        areas=areas,
        heading_numbering=styles,
        subtask_numbering=r.choice("subtask_numbering", SUBTASK_STYLES, "decimal"),
        appendix_numbering=r.choice("appendix_numbering", APPENDIX_STYLES, "roman"),
        period=_read_period(r, year),
        decision=_read_decision(r),
        footnotes_restart=r.flag("footnotes_restart", False),
    )
    _check_areas(plan)
    limits.check_plan(plan, InvalidPlanFile)
    return plan


def _check_format(fmt: Any) -> None:
    if fmt == FORMAT_ID:
        return
    if isinstance(fmt, str) and fmt.startswith("kehoach-cchc/"):
        raise InvalidPlanFile(
            f"Tệp dùng định dạng «{shown(fmt)}» mới hơn phiên bản này hiểu ({FORMAT_ID}); hãy cập nhật phần mềm."
        )
    raise InvalidPlanFile(f"Đây không phải tệp kế hoạch CCHC: khóa «format» phải là «{FORMAT_ID}».")


def _read_areas(r: _Reader) -> tuple[Area, ...]:
    areas = tuple(Area(a.text("id"), a.text("title")) for a in r.items("areas")) or tuple(
        Area(i, t) for i, t in AREA_CATALOGUE
    )
    if len({a.id for a in areas}) != len(areas) or any(not a.id for a in areas):
        raise InvalidPlanFile("Danh sách lĩnh vực «areas» có mã trống hoặc trùng nhau.")
    return areas


def _read_heading_numbering(r: _Reader) -> tuple[str, ...]:
    styles = r.texts("heading_numbering") or ("roman", "arabic", "letter")
    for s in styles:
        if s not in HEADING_STYLES:
            raise InvalidPlanFile(f"Kiểu đánh số «{shown(s)}» không có; dùng: {', '.join(HEADING_STYLES)}.")
    return styles


def _check_areas(plan: Plan) -> None:
    known = {a.id for a in plan.areas} | {""}
    used = [t.area for t in plan.targets] + [a.area for a in plan.appendices]
    used += [t.area for a in plan.appendices for t in iter_tasks(a.tasks)]
    for area in used:
        if area not in known:
            raise InvalidPlanFile(
                f"Lĩnh vực «{shown(area)}» không có trong danh sách «areas» của kế hoạch; dùng một mã trong đó hoặc để trống."
            )
