"""The plan as plain, immutable data: what every layer reads and the use cases rebuild."""

from __future__ import annotations

from dataclasses import dataclass, field

# The fixed list of reform areas (product.md). Each plan keeps its own order and may
# reword a title (seeds write "Cải cách tổ chức bộ máy nhà nước" or add "tuyên truyền").
AREA_CATALOGUE: tuple[tuple[str, str], ...] = (
    ("institutions", "Cải cách thể chế"),
    ("procedures", "Cải cách thủ tục hành chính"),
    ("apparatus", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("civil_service", "Cải cách chế độ công vụ"),
    ("public_finance", "Cải cách tài chính công"),
    ("digital_government", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"),
    ("direction", "Công tác chỉ đạo, điều hành"),
)
AREA_IDS: tuple[str, ...] = tuple(a for a, _ in AREA_CATALOGUE)

# Columns a task appendix may show, in their usual order, with the default header text.
TASK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("content", "Nội dung"),
    ("product", "Sản phẩm"),
    ("lead", "Đơn vị chủ trì"),
    ("partners", "Đơn vị phối hợp"),
    ("timeline", "Thời gian thực hiện"),
    ("budget", "Kinh phí thực hiện"),
    ("monitor", "Theo dõi, kiểm tra, đôn đốc, tổng hợp"),
    ("note", "Ghi chú"),
)
TASK_COLUMN_KEYS: tuple[str, ...] = tuple(k for k, _ in TASK_COLUMNS)
TARGET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("content", "Nội dung mục tiêu"),
    ("lead", "Đơn vị phụ trách, theo dõi"),
    ("partners", "Đơn vị phối hợp"),
    ("note", "Ghi chú"),
)
TARGET_COLUMN_KEYS: tuple[str, ...] = tuple(k for k, _ in TARGET_COLUMNS)
TASK_TEXT_FIELDS: tuple[str, ...] = ("area",) + TASK_COLUMN_KEYS
TARGET_TEXT_FIELDS: tuple[str, ...] = ("area",) + TARGET_COLUMN_KEYS

# Numbering styles (app/numbering.py renders them).
HEADING_STYLES = ("roman", "arabic", "decimal", "letter", "none")
SUBTASK_STYLES = ("decimal", "letter")
APPENDIX_STYLES = ("roman", "number", "arabic")  # "Phụ lục I" / "Phụ lục số 01" / "Phụ lục 1"

FORMAT_ID = "kehoach-cchc/1"
MIN_YEAR, MAX_YEAR = 2000, 2099


@dataclass(frozen=True)
class Area:
    id: str
    title: str


@dataclass(frozen=True)
class DocDate:
    """A document date; month or day may be left blank in a draft."""

    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Signer:
    authority: str = ""  # the lines above the position, e.g. "TM. ỦY BAN NHÂN DÂN"
    position: str = ""  # e.g. "CHỦ TỊCH"; a deputy: authority "TM. …\nKT. CHỦ TỊCH", position "PHÓ CHỦ TỊCH"
    name: str = ""


@dataclass(frozen=True)
class Period:
    """A multi-year plan's span, e.g. 2026–2030 ("giai đoạn 2026 - 2030")."""

    start: int
    end: int


@dataclass(frozen=True)
class Decision:
    """The decision that issues the plan ("Ban hành kèm theo Quyết định số …/QĐ-UBND")."""

    number: str = ""
    symbol: str = "QĐ-UBND"
    date: DocDate | None = None
    legal_bases: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    signer: Signer = field(default_factory=lambda: Signer())
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    # A run-in item is printed as a regular numbered paragraph ("1. Cụ thể hóa …"),
    # not as a heading line.
    run_in: bool = False
    id: int | None = None


@dataclass(frozen=True)
class Target:
    area: str = ""
    content: str = ""
    lead: str = ""
    partners: str = ""
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Task:
    area: str = ""
    content: str = ""
    product: str = ""
    lead: str = ""
    partners: str = ""
    timeline: str = ""
    budget: str = ""
    monitor: str = ""
    note: str = ""
    subtasks: tuple[Task, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class Appendix:
    kind: str = "tasks"  # "tasks" or "targets"
    title: str = ""
    columns: tuple[str, ...] = ("content", "product", "lead", "partners", "timeline")
    group_by_area: bool = False
    area: str = ""  # set when the appendix holds the tasks of one area (seed 004)
    headers: tuple[tuple[str, str], ...] = ()  # per-plan header wording, key -> text
    tasks: tuple[Task, ...] = ()
    id: int | None = None

    def header_for(self, key: str) -> str:
        for k, text in self.headers:
            if k == key:
                return text
        defaults = dict(TARGET_COLUMNS if self.kind == "targets" else TASK_COLUMNS)
        return defaults.get(key, key)


def default_areas() -> tuple[Area, ...]:
    return tuple(Area(i, t) for i, t in AREA_CATALOGUE)


@dataclass(frozen=True)
class Plan:
    year: int
    summary: str = ""
    parent_agency: str = ""
    agency: str = ""
    number: str = ""
    symbol: str = "KH-UBND"
    place: str = ""
    date: DocDate | None = None
    legal_bases: tuple[str, ...] = ()
    legal_bases_italic: bool = True
    preamble: str = ""
    sections: tuple[Section, ...] = ()
    closing: str = ""
    targets: tuple[Target, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()
    areas: tuple[Area, ...] = field(default_factory=default_areas)
    heading_numbering: tuple[str, ...] = ("roman", "arabic", "letter")
    subtask_numbering: str = "decimal"
    appendix_numbering: str = "roman"
    period: Period | None = None
    decision: Decision | None = None
    footnotes_restart: bool = False  # each appendix restarts footnote numbers (default: continue)
    id: int | None = None

    @property
    def doc_date(self) -> DocDate:
        return self.date if self.date is not None else DocDate(self.year)

    def area_title(self, area_id: str) -> str:
        for a in self.areas:
            if a.id == area_id:
                return a.title
        return dict(AREA_CATALOGUE).get(area_id, area_id)

    def area_order(self, area_id: str) -> int:
        ids = [a.id for a in self.areas]
        return ids.index(area_id) if area_id in ids else len(ids)


def iter_tasks(tasks: tuple[Task, ...]):
    """Every task and sub-task, depth first."""
    for t in tasks:
        yield t
        yield from iter_tasks(t.subtasks)


def iter_sections(sections: tuple[Section, ...], depth: int = 0):
    """(depth, section) for every section, depth first."""
    for s in sections:
        yield depth, s
        yield from iter_sections(s.sections, depth + 1)
