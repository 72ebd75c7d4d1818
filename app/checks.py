"""The check before export: what would embarrass the officer upstairs, each with its place.

Errors block nothing for a draft; they are what must be fixed before signing. Warnings are
likely mistakes; information is what a draft normally still has (blank number or day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.carry_forward import past_years
from app.footnotes import strip_notes
from app.model import Plan
from app.numbering import appendix_label, task_rows
from app.text_walk import Place, iter_texts
from app.vietnamese import fold, tone_style_counts

ERROR, WARNING, INFO = "error", "warning", "info"
EXCEL_CELL_LIMIT = 32_767  # Excel's limit for one cell (exporters/xlsx_writer.py cuts there)
LEVEL_WORDS = {ERROR: "Lỗi", WARNING: "Cảnh báo", INFO: "Thông tin"}
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_SYMBOL_YEAR = re.compile(r"(?<=/)(20\d\d)(?=/[A-ZĐ])")


@dataclass(frozen=True)
class Finding:
    level: str
    code: str  # stable id of the kind of finding (for scripts and the window)
    message: str  # one Vietnamese sentence
    place: Place | None = None

    def line(self) -> str:
        where = f"{self.place.label}: " if self.place else ""
        return f"{LEVEL_WORDS[self.level]}: {where}{self.message}"


def _years_allowed(plan: Plan) -> range:
    if plan.period is not None:
        return range(plan.period.start, plan.period.end + 1)
    return range(plan.year, plan.year + 1)


_DATE_BEFORE = re.compile(r"(/|tháng\s+\d{1,2}\s+năm\s+|(?:trong|cả|trước|hết)\s+năm\s+)$", re.IGNORECASE)


def _deadline_years_outside(timeline: str, allowed: range) -> list[int]:
    """Years of a timeline outside the plan's: any later year, or an earlier one used as a date
    ("Quý IV/2026", "trước 30/6/2026"); "sau khi công bố Chỉ số năm 2026" names an event, not a date."""
    text = _SYMBOL_YEAR.sub("", timeline)
    out = set()
    for m in _YEAR.finditer(text):
        year = int(m.group())
        if year > allowed[-1] or (year < allowed[0] and _DATE_BEFORE.search(text[: m.start()])):
            out.add(year)
    return sorted(out)


class _NearDuplicates:
    """Finds a task whose words are almost all another task's (word-set Jaccard ≥ 0.8, at least
    6 words), through an index of words, so a 2,000-task appendix is not compared pair by pair."""

    THRESHOLD = 0.8
    MIN_WORDS = 6
    COMMON = 40  # a word in more tasks than this does not make candidates (it still counts)

    def __init__(self) -> None:
        self.words: list[set[str]] = []
        self.labels: list[str] = []
        self.index: dict[str, list[int]] = {}

    def add(self, label: str, key: str) -> str | None:
        words = set(key.split())
        found = None
        if len(words) >= self.MIN_WORDS:
            # Candidates share a word that is not everywhere; the score uses every word.
            candidates: set[int] = set()
            for w in words:
                postings = self.index.get(w, ())
                if len(postings) <= self.COMMON:
                    candidates.update(postings)
            best = 0.0
            for i in candidates:
                n = len(words & self.words[i])
                score = n / (len(words) + len(self.words[i]) - n)
                if score >= self.THRESHOLD and score > best:
                    best, found = score, self.labels[i]
            for w in words:
                self.index.setdefault(w, []).append(len(self.words))
        self.words.append(words)
        self.labels.append(label)
        return found


def check_plan(plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    # A past year left in the text (the typical carry-forward mistake).
    for lo in past_years(plan):
        what = "ngày của văn bản được dẫn thuộc chu kỳ trước" if lo.why == "cited" else "còn ghi năm cũ"
        out.append(Finding(WARNING, "past-year", f"{what} ({lo.year}): «{lo.excerpt}»", lo.place))

    allowed = _years_allowed(plan)
    for n, a in enumerate(plan.appendices, 1):
        if a.kind != "tasks":
            continue
        label = appendix_label(plan.appendix_numbering, n)
        seen: dict[str, str] = {}
        similar = _NearDuplicates()
        for row in task_rows(plan, a):
            t = row.task
            if t is None:
                continue

            def place(field: str, name: str, t=t, where=f"{label}, dòng {row.label}") -> Place:
                return Place("task", t.id, field, f"{where} — {name}")

            if not t.content.strip():
                out.append(Finding(ERROR, "task-empty", "nhiệm vụ chưa có nội dung.", place("content", "Nội dung")))
                continue
            if row.depth == 0:
                for field, name, col in (
                    ("lead", "Chủ trì", "lead"),
                    ("product", "Sản phẩm", "product"),
                    ("timeline", "Thời gian", "timeline"),
                ):
                    if col in a.columns and not getattr(t, field).strip() and not t.subtasks:
                        out.append(
                            Finding(
                                WARNING, f"task-no-{field}", f"nhiệm vụ chưa ghi {name.lower()}.", place(field, name)
                            )
                        )
            outside = _deadline_years_outside(t.timeline, allowed)
            if outside:
                out.append(
                    Finding(
                        WARNING,
                        "timeline-outside",
                        f"thời gian «{t.timeline}» nằm ngoài năm của kế hoạch ({', '.join(map(str, outside))}).",
                        place("timeline", "Thời gian thực hiện"),
                    )
                )
            key = " ".join(re.sub(r"[^\w\s]", " ", fold(strip_notes(t.content))).split())
            if key in seen:
                out.append(
                    Finding(
                        WARNING,
                        "task-duplicate",
                        f"trùng với dòng {seen[key]} trong cùng phụ lục.",
                        place("content", "Nội dung"),
                    )
                )
                continue
            seen[key] = row.label
            near = similar.add(row.label, key)
            if near is not None:
                out.append(
                    Finding(
                        WARNING,
                        "task-near-duplicate",
                        f"gần giống dòng {near} trong cùng phụ lục; xem có phải một nhiệm vụ viết hai lần.",
                        place("content", "Nội dung"),
                    )
                )

    # Mixed tone-mark spelling in one document.
    old = new = 0
    for _, text in iter_texts(plan):
        o, n_ = tone_style_counts(text)
        old, new = old + o, new + n_
    if old and new:
        out.append(
            Finding(
                WARNING,
                "tone-mixed",
                f"văn bản dùng lẫn hai kiểu bỏ dấu: {old} chỗ kiểu cũ (hoà, uỷ) và {new} chỗ kiểu mới "
                "(hòa, ủy); nên thống nhất một kiểu.",
            )
        )

    # What an exporter would have to cut: Excel holds 32,767 characters in a cell.
    for n, a in enumerate(plan.appendices, 1):
        label = appendix_label(plan.appendix_numbering, n)
        for row in task_rows(plan, a) if a.kind == "tasks" else ():
            if row.task is None:
                continue
            for field in a.columns:
                if len(getattr(row.task, field)) > EXCEL_CELL_LIMIT:
                    out.append(
                        Finding(
                            WARNING,
                            "cell-too-long",
                            f"ô dài hơn {EXCEL_CELL_LIMIT:,} ký tự, tệp Excel sẽ phải cắt bớt (Word và PDF giữ đủ).".replace(
                                ",", "."
                            ),
                            Place("task", row.task.id, field, f"{label}, dòng {row.label}"),
                        )
                    )

    if not plan.number.strip():
        out.append(
            Finding(
                INFO,
                "number-blank",
                "số văn bản còn để trống (văn thư điền khi ban hành).",
                Place("plan", plan.id, "number", "Số, ký hiệu"),
            )
        )
    if plan.date is None or plan.date.day is None:
        out.append(Finding(INFO, "day-blank", "ngày ban hành còn để trống.", Place("plan", plan.id, "date", "Ngày")))
    if not plan.signer.name.strip():
        out.append(
            Finding(WARNING, "signer-empty", "chưa ghi họ tên người ký.", Place("signer", None, "name", "Người ký"))
        )
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == ERROR for f in findings)
