"""What a check reports: a finding with its level, stable code, Vietnamese sentence and place."""

from __future__ import annotations

from dataclasses import dataclass

from app.text_walk import Place

ERROR, WARNING, INFO = "error", "warning", "info"
LEVEL_WORDS = {ERROR: "Lỗi", WARNING: "Cảnh báo", INFO: "Thông tin"}


@dataclass(frozen=True)
class Finding:
    level: str
    code: str  # stable id of the kind of finding (for scripts and the window)
    message: str  # one Vietnamese sentence
    place: Place | None = None

    def line(self) -> str:
        where = f"{self.place.label}: " if self.place else ""
        return f"{LEVEL_WORDS[self.level]}: {where}{self.message}"


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == ERROR for f in findings)


def excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    """The words around text[start:end] on one line, "…" where the text goes on."""
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")
