"""The walk over a document's paragraphs and tables, in order, deciding what each one is.

The document is read in phases, as a plan is laid out (Nghị định 30/2020 and the seeds):
header block -> [QUYẾT ĐỊNH: title, issuer, bases, articles, signature] -> KẾ HOẠCH and its
summary -> legal bases -> preamble -> numbered sections -> closing -> signature and recipients
-> appendices. A paragraph that fits none of them is kept as a plain paragraph and listed.
"""

from __future__ import annotations

import re

from app.docx_plan.appendix import (
    Pending,
    Read,
    is_attachment,
    is_list_title,
    read_appendix_label,
    read_table,
    with_notes,
)
from app.docx_plan.blocks import (
    is_authority,
    is_national,
    is_recipients_title,
    is_rule,
    read_date,
    read_header,
    read_recipients,
)
from app.docx_plan.labels import read_label
from app.docx_plan.result import Found
from app.docx_plan.source import Item, Para, Tbl
from app.docx_plan.tree import Tree
from app.importing import RawTable
from app.model import Decision, DocDate
from app.vietnamese import fold

HEAD, TITLE, PRE, BODY, SIGN, APPX = "head", "title", "pre", "body", "sign", "appx"
DTITLE, DBODY, DARTS = "decision-title", "decision-body", "decision-arts"
_ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]\s*", re.I)
_DECISION_REF = re.compile(r"quyết định\s+số\s*(?P<num>[^/\s]*)\s*/\s*(?P<sym>\S+)", re.I)
_SHORT_DATE = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.I)
_CLOSING = ("tren day la", "trong qua trinh", "yeu cau cac", "de nghi cac")
BASIS_STYLES = {"KH Can cu"}
_SMALL_TABLE = 12


def _doc_type(text: str) -> str:
    """'ke hoach' or 'quyet dinh' for the document type's line ('KẾ HOẠCH CẢI CÁCH …' in one line too)."""
    f = " ".join(fold(text).split())
    if text != text.upper():
        return ""
    return "ke hoach" if f.startswith("ke hoach") else "quyet dinh" if f == "quyet dinh" else ""


def _fragments(p: Para) -> list[Para]:
    """A tab-separated line as its pieces (left column, right column)."""
    if "\t" not in p.text:
        return [p]
    return [Para(t.strip(), p.bold, p.italic, p.center, p.style) for t in p.text.split("\t") if t.strip()]


def ref_date(text: str) -> DocDate | None:
    """The date of a cited document: 'ngày 05 tháng 01 năm 2025' or 'ngày 05/01/2025'."""
    low = text.lower()
    if "ngày" not in low:
        return None
    words = read_date(text[low.find("ngày") :].split(" của ")[0].rstrip(") "))
    if words is not None:
        return words[1]
    m = _SHORT_DATE.search(text)
    if m is None:
        return None
    day, month, year = (int(x) for x in m.groups())
    return DocDate(year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _strip_end_mark(text: str) -> str:
    return text[:-2].rstrip() if text.endswith("./.") else text


class Walk:
    def __init__(self, tables: dict[int, RawTable]) -> None:
        self.tables = tables
        self.phase = HEAD
        self.found = Found()
        self.tree = Tree()
        self.head: list[Para] = []
        self.header_found = False
        self.in_decision = False
        self.dec_summary: list[str] = []
        self.dec_bases: list[str] = []
        self.decision_parts: tuple = ("", "", None)
        self.dec_header: tuple = ("", "", None)
        self.articles: list[str] = []
        self.dec_sign: tuple[list[str], list[str]] | None = None
        self.sign_right: list[str] = []
        self.sign_left: list[str] = []
        self.pending: Pending | None = None
        self.before: list[str] = []  # unplaced, met before the body
        self.after: list[str] = []  # unplaced, met after it
        self.inline: list[str] = []  # unplaced, already put where they stood (a table's rows in the body)

    # ------------------------------------------------------------ dispatch

    def run(self, items: list[Item]) -> None:
        for item in items:
            if isinstance(item, Tbl):
                self.table(item)
            else:
                self.para(item)
        self.finish_head()
        self.end_signature()
        if self.phase in (PRE, BODY):
            self.end_body()
        if self.pending is not None:
            self.after += self.pending.title

    def para(self, p: Para) -> None:
        if "\t" in p.text and self.phase not in (HEAD, SIGN, BODY):
            p = Para(" ".join(p.text.split()), p.bold, p.italic, p.center, p.style, p.boxed)
        text = p.text.strip()
        if self.title_starts(text):
            return
        if not text:
            if (self.phase == TITLE and self.found.summary) or (self.phase == DTITLE and self.dec_summary):
                self.phase = DBODY if self.phase == DTITLE else PRE
            return
        getattr(self, "on_" + self.phase.replace("decision-", "d"))(p, text)

    def title_starts(self, text: str) -> bool:
        """KẾ HOẠCH (after the header, or after the decision that issues it) or QUYẾT ĐỊNH first."""
        kind = _doc_type(text)
        if not kind or self.phase not in (HEAD, DBODY, DARTS, SIGN) or (self.phase != HEAD and kind != "ke hoach"):
            return False
        if self.in_decision:  # the decision's header was read; the plan's page may have its own
            f = self.found
            self.dec_header = (f.number, f.symbol, f.date)
        self.finish_head()
        self.phase = DTITLE if kind == "quyet dinh" else TITLE
        self.in_decision = self.in_decision or kind == "quyet dinh"
        rest = " ".join(text.split()[2:]) if kind == "ke hoach" else ""
        if rest:  # "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024" typed in one line
            self.found.summary.append(rest)
        return True

    # ------------------------------------------------------------ phases

    def on_head(self, p: Para, text: str) -> None:
        label = read_label(text)
        if fold(text).startswith("can cu") or (label is not None and label.style == "roman"):
            self.finish_head()  # no title: the bases or the first section start the plan
            self.phase = PRE
            self.para(p)
            return
        self.head += _fragments(p)

    def finish_head(self) -> None:
        if not self.head:
            return
        h = read_header(self.head)
        self.head = []
        self.header_found = self.header_found or h.found
        self.before += h.leftovers
        f = self.found
        f.parent_agency, f.agency = f.parent_agency or h.parent_agency, f.agency or h.agency
        f.number, f.symbol, f.place, f.date = h.number, h.symbol, h.place or f.place, h.date or f.date

    def on_title(self, p: Para, text: str) -> None:
        if text.startswith("(") and "kèm theo" in text.lower():
            self.decision_ref(text)
        elif is_rule(text):
            self.phase = PRE
        elif self.found.summary and (not p.center or fold(text).startswith("can cu")):
            self.phase = PRE
            self.para(p)
        else:
            self.found.summary.append(text)

    def on_dtitle(self, p: Para, text: str) -> None:
        """The decision's summary ("Ban hành Kế hoạch …"): the plan's own summary follows its title."""
        if is_rule(text) or (self.dec_summary and not p.center):
            self.phase = DBODY
            if not is_rule(text):
                self.para(p)
            return
        self.dec_summary.append(text)

    def on_dbody(self, p: Para, text: str) -> None:
        if fold(text).rstrip(": ") == "quyet dinh":
            self.phase = DARTS
        elif not self.dec_bases and p.center and text == text.upper():
            return  # "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG …": the issuer, said again by the plan
        else:
            self.dec_bases.append(_strip_end_mark(text))
            self.found.bases_italic.append(p.italic)

    def on_darts(self, p: Para, text: str) -> None:
        m = _ARTICLE.match(text)
        if m:
            self.articles.append(_strip_end_mark(text[m.end() :]))
        elif self.articles:
            self.articles[-1] += "\n" + _strip_end_mark(text)
        else:
            self.dec_bases.append(text)

    def on_pre(self, p: Para, text: str) -> None:
        if self.signature_starts(p, text):
            return
        f = self.found
        if (p.style in BASIS_STYLES or fold(text).startswith("can cu")) and not f.preamble:
            f.bases.append(_strip_end_mark(text))
            f.bases_italic.append(p.italic)
        elif self.tree.add(p):
            self.phase = BODY
        else:
            f.preamble.append(_strip_end_mark(text))

    def on_body(self, p: Para, text: str) -> None:
        if self.signature_starts(p, text) or self.body_appendix(p, text):
            return
        p.text = text = " ".join(text.split())  # a tab typed to indent is a space in the plan
        if not self.tree.add(p):
            self.tree.paragraph(_strip_end_mark(text))
        elif self.tree.path[-1].heading.endswith("./."):
            self.tree.path[-1].heading = _strip_end_mark(self.tree.path[-1].heading)

    def on_sign(self, p: Para, text: str) -> None:
        if self.appendix_starts(text):
            return
        for piece in _fragments(p):
            t = piece.text
            if is_recipients_title(t) or t.startswith(("-", "–", "+")) or (self.sign_left and t[:1].islower()):
                self.sign_left.append(t)
            else:
                self.sign_right.append(t)

    def on_appx(self, p: Para, text: str) -> None:
        if self.appendix_starts(text):
            return
        if is_attachment(text):
            return
        if self.pending is not None and (p.center or text == text.upper()):
            self.pending.title.append(text)
            return
        self.after.append(text)

    # ------------------------------------------------------------ transitions

    def signature_starts(self, p: Para, text: str) -> bool:
        first = _fragments(p)[0].text
        if not (is_recipients_title(first) or is_authority(first)):
            return False
        self.end_body()
        self.phase = SIGN
        self.on_sign(p, text)
        return True

    def body_appendix(self, p: Para, text: str) -> bool:
        """An appendix straight after the body (a plan issued by a decision has no signature):
        a short or centred 'Phụ lục …' line with its number, or a centred 'DANH MỤC …' title."""
        label = read_appendix_label(text)
        if label is not None and (p.center or len(text) <= 40) or (p.center and is_list_title(text)):
            self.end_body()
            return self.appendix_starts(text)
        return False

    def end_body(self) -> None:
        """The last section's closing paragraphs ('Trên đây là …', 'Trong quá trình …') become the closing."""
        paras = self.tree.last_paragraphs()
        for i, text in enumerate(paras):
            if fold(text).startswith(_CLOSING):
                self.found.closing = paras[i:]
                del paras[i:]
                return
        if not self.tree.started and self.found.preamble and fold(self.found.preamble[-1]).startswith(_CLOSING):
            self.found.closing = [self.found.preamble.pop()]

    def appendix_starts(self, text: str) -> bool:
        label = read_appendix_label(text)
        if label is None and not is_list_title(text):
            return False
        self.end_signature()
        self.phase = APPX
        style, rest = label if label is not None else ("", text)
        self.pending = Pending(style, [rest] if rest else [])
        if style and not self.found.appendix_style:
            self.found.appendix_style = style
        return True

    def end_signature(self) -> None:
        if self.sign_left or self.sign_right:
            self.signature(self.sign_left, self.sign_right)
            self.sign_left, self.sign_right = [], []

    def signature(self, left: list[str], right: list[str]) -> None:
        if self.in_decision and self.phase in (DBODY, DARTS):
            self.dec_sign = (left, right)
            return
        self.found.recipients = read_recipients(left)
        self.found.signer_lines = right

    def decision_ref(self, text: str) -> None:
        m = _DECISION_REF.search(text)
        if m is None:
            return
        self.decision_parts = (m.group("num").strip(" .…_"), m.group("sym").rstrip(").,"), ref_date(text))

    # ------------------------------------------------------------ tables

    def table(self, t: Tbl) -> None:
        if t.n_rows > _SMALL_TABLE and self.phase != HEAD:
            self.appendix_table(t)  # a header or signature table is a few rows
            return
        texts = t.texts()
        if self.phase == HEAD or (any(is_national(x) for x in texts) and self.phase in (SIGN, DBODY, DARTS)):
            for col in range(max((len(r) for r in t.rows), default=0)):
                for p in t.column_lines(col):
                    self.head += _fragments(p)
        elif any(is_recipients_title(x) for x in texts):
            self.signature_table(t)
        else:
            self.appendix_table(t)

    def signature_table(self, t: Tbl) -> None:
        """'Nơi nhận' and the recipients in the first column, the signer in the last."""
        if self.phase in (PRE, BODY):
            self.end_body()
        n = max((len(r) for r in t.rows), default=1)
        left = [p.text for p in t.column_lines(0)]
        right = [p.text for p in t.column_lines(n - 1)] if n > 1 else []
        self.signature(left, right)
        if self.phase not in (DBODY, DARTS):
            self.phase = SIGN

    def appendix_table(self, t: Tbl) -> None:
        """An appendix's table; a table inside the body stays there: a task or target table is
        taken as an appendix of its own, any other table's rows become paragraphs (and are listed)."""
        raw = self.tables.get(t.number)
        if raw is None:
            return  # the continuation of a table already read (joined by the importer)
        in_body = self.phase in (PRE, BODY)
        self.end_signature()
        read = read_table(with_notes(raw, t), "" if in_body else self.appendix_title(raw))
        if in_body and not (read.headed and (read.appendix.tasks or read.targets)):
            self.body_table(raw)
            return
        if not in_body:
            self.phase, self.pending = APPX, None
        self.take(read)

    def appendix_title(self, raw: RawTable) -> str:
        """The title read above the table, or the line just before it."""
        lines = self.pending.title if self.pending else [x for x in raw.title.split("\n")[-1:] if not is_attachment(x)]
        return " ".join(" ".join(lines).split())

    def body_table(self, raw: RawTable) -> None:
        for text in (" | ".join(c for c in row if c) for row in raw.cells):
            if text:
                self.tree.paragraph(text)
                self.inline.append(text)

    def take(self, read: Read) -> None:
        f = self.found
        f.appendices.append(read.appendix)
        f.targets += list(read.targets)
        f.letter_subtasks = f.letter_subtasks or read.letter_subtasks
        for area, title in read.areas:
            f.areas.setdefault(area, title)
        self.after += read.unplaced

    def decision(self) -> Decision | None:
        if not self.in_decision:
            return None
        from app.docx_plan.blocks import read_signer

        num, sym, date = self.decision_parts
        h_num, h_sym, h_date = self.dec_header
        left, right = self.dec_sign or ([], [])
        return Decision(
            number=num or h_num,
            symbol=sym or h_sym or "QĐ-UBND",
            date=date or h_date or self.found.date,
            legal_bases=tuple(self.dec_bases),
            articles=tuple(self.articles),
            signer=read_signer(right),
            recipients=tuple(read_recipients(left)),
        )
