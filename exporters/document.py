"""The layout-neutral document: what to print, in what order and style, but not how."""

# build.py makes one from a plan; the DOCX, PDF and XLSX writers only render it, so the three
# files can never disagree about numbering, text or order. The sizes, margins and spacing they
# render it with (Nghị định 30/2020, docs: ../shared/docs/format-nd30.md) are in layout.py.

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """Text with one style. A footnote reference is a Run with `note` set and empty text:
    writers print `note_number` as a superscript mark and the note at the foot of the page
    (DOCX: a real Word footnote, numbered by Word the same way)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: str | None = None
    note_number: int = 0


@dataclass(frozen=True)
class Para:
    """A paragraph of the body.

    style: "body" (justified, first-line indent), "legal_basis", "heading1" (mục: I., CAPS bold),
    "heading2" (khoản heading: bold), "heading3"/"heading4" (điểm and below: regular),
    "bullet" ("- " text), "subbullet" ("+ " text), "center" (centred, no indent).
    """

    runs: tuple[Run, ...]
    style: str = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class HeaderBlock:
    """The two-column block at the top of page 1 (borderless), set as layout.HEADER says."""

    parent_lines: tuple[str, ...]  # CAPS; may be empty
    agency_lines: tuple[str, ...]  # CAPS; a short rule under it
    national: str
    motto: str  # a rule as long as the motto under it
    number: str  # "Số: 09/KH-UBND"
    place_date: str


@dataclass(frozen=True)
class TitleBlock:
    """Centred under the header block, set as layout.TITLE says; a short rule under it."""

    doc_type: str  # "KẾ HOẠCH"
    summary_lines: tuple[str, ...]
    note: str = ""  # a line under the summary, e.g. "(Ban hành kèm theo Quyết định …)"


@dataclass(frozen=True)
class SignatureBlock:
    """Recipients left, signer right, kept together on one page, set as layout.SIGNATURE says."""

    recipients: tuple[str, ...]  # already "- X;" … "- Lưu: VT, …."
    authority_lines: tuple[str, ...]  # CAPS
    name: str  # after the signature gap
    recipients_title: str = "Nơi nhận:"


@dataclass(frozen=True)
class AppendixTitle:
    """The top of an appendix, set as layout.TITLE says; a short rule under it."""

    label: str  # "Phụ lục I"
    title: str  # CAPS
    attachment: str  # "(Kèm theo Kế hoạch số … ngày … của …)"


@dataclass(frozen=True)
class Column:
    key: str  # "stt" or a task/target field
    header: str
    width_mm: float
    align: str = "left"  # "left", "center", "justify"


@dataclass(frozen=True)
class Row:
    """A table row. kind "group": cells = (label, title) — the title spans every column after STT,
    bold. kind "task": one cell per column; depth 0 for tasks, 1+ for sub-tasks.

    `cells` is plain text; where a cell holds footnotes it shows superscript marks ("…tỉnh¹")
    and `rich` gives every cell as runs (with note runs) for writers that make real notes.

    `keep_with_next`: the row never ends a page (a group title, a task whose sub-tasks follow)."""

    kind: str
    cells: tuple[str, ...]
    depth: int = 0
    rich: tuple[tuple[Run, ...], ...] | None = None
    keep_with_next: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    sheet_name: str  # for XLSX: valid, ≤ 31 characters
    caption: tuple[str, ...] = ()  # XLSX title rows above the table (label, title, attachment)
    notes: tuple[tuple[int, str], ...] = ()  # footnotes in the table's cells: (number, text), for XLSX


Block = HeaderBlock | TitleBlock | Para | SignatureBlock | AppendixTitle | Table


@dataclass(frozen=True)
class Part:
    """A run of pages with one orientation; each part starts a new page (DOCX: a new section)."""

    orientation: str  # "portrait" or "landscape"
    blocks: tuple[Block, ...]
    restart_page_numbers: bool = False  # appendices restart at 1 and hide their own first number
    restart_footnotes: bool = False  # footnote numbers start again at 1 in this part


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    language: str = "vi-VN"
    creator: str = "Kế hoạch CCHC"
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    meta: Meta
    parts: tuple[Part, ...] = field(default_factory=tuple)

    def tables(self) -> list[Table]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Table)]
