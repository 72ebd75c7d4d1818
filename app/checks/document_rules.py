"""Rules on the parts every issued document has (Nghị định 30/2020): the header, the signature,
the recipients with the clerk's "Lưu: VT" line, and the decision that issues a plan."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.checks.findings import ERROR, WARNING, Finding
from app.checks.registry import plan_rule
from app.model import Decision, Plan
from app.text_walk import Place

# "Lưu: VT, VHXH.", "- Lưu VT", "Lưu: Văn thư": the copy the clerk files.
_ARCHIVE = re.compile(r"^[\s\-–+•]*lưu\s*:?\s*(?:vt|văn\s+thư)\b", re.IGNORECASE)


def has_archive_line(recipients: tuple[str, ...]) -> bool:
    return any(_ARCHIVE.match(r) for r in recipients)


@plan_rule("agency-empty", "place-empty", "summary-empty")
def header_parts(plan: Plan) -> Iterator[Finding]:
    """The issuing agency, the place before the date or the summary line is blank."""
    for field, label, message in (
        ("agency", "Cơ quan ban hành", "chưa ghi cơ quan ban hành (góc trái đầu văn bản)."),
        ("place", "Địa danh", "chưa ghi địa danh trước ngày, tháng, năm ban hành."),
        ("summary", "Trích yếu", "chưa ghi trích yếu (tên kế hoạch dưới chữ KẾ HOẠCH)."),
    ):
        if not getattr(plan, field).strip():
            yield Finding(ERROR, f"{field}-empty", message, Place("plan", plan.id, field, label))


@plan_rule("signer-authority-empty", "signer-position-empty", "signer-empty")
def signer_parts(plan: Plan) -> Iterator[Finding]:
    """The plan's signature lacks the authority (TM., KT.), the position or the signer's name."""
    if plan.decision is not None:
        return  # the decision is signed; the plan it issues carries no signature
    signer = plan.signer
    if not signer.authority.strip():
        yield _authority_missing(signer.position)
    for field, code, label, message in (
        ("position", "signer-position-empty", "Chức vụ người ký", "chưa ghi chức vụ người ký."),
        ("name", "signer-empty", "Người ký", "chưa ghi họ tên người ký."),
    ):
        if not getattr(signer, field).strip():
            yield Finding(ERROR, code, message, Place("signer", None, field, label))


def _authority_missing(position: str) -> Finding:
    # A deputy never signs without "KT.", nor a blank position without anything: errors. The
    # Chairman may sign in his own name (seed 000: "CHỦ TỊCH" alone); a plan of the committee is
    # signed "TM. ỦY BAN NHÂN DÂN", so a warning.
    place = Place("signer", None, "authority", "Thẩm quyền ký")
    words = position.strip().upper()
    if words.startswith("PHÓ"):
        return Finding(ERROR, "signer-authority-empty", "cấp phó ký thay phải ghi thẩm quyền «KT. CHỦ TỊCH».", place)
    if not words:
        return Finding(ERROR, "signer-authority-empty", "chưa ghi thẩm quyền ký (TM. ỦY BAN NHÂN DÂN).", place)
    return Finding(
        WARNING,
        "signer-authority-empty",
        "chưa ghi thẩm quyền ký; kế hoạch ban hành nhân danh Ủy ban thì ghi «TM. ỦY BAN NHÂN DÂN».",
        place,
    )


@plan_rule("recipients-empty", "recipients-no-archive")
def recipient_parts(plan: Plan) -> Iterator[Finding]:
    """The plan's recipients are missing, or lack the clerk's "Lưu: VT" line."""
    if plan.decision is not None:
        return  # the decision lists the recipients
    place = Place("recipient", None, "text", "Nơi nhận")
    if not any(r.strip() for r in plan.recipients):
        yield Finding(ERROR, "recipients-empty", "chưa ghi nơi nhận.", place)
    elif not has_archive_line(plan.recipients):
        yield Finding(ERROR, "recipients-no-archive", "nơi nhận thiếu dòng «Lưu: VT, …» ở cuối.", place)


def _decision_place(field: str, label: str) -> Place:
    return Place("decision", None, field, f"Quyết định — {label}")


@plan_rule(
    "decision-no-bases",
    "decision-no-articles",
    "decision-position-empty",
    "decision-signer-empty",
    "decision-recipients-empty",
    "decision-recipients-no-archive",
)
def decision_parts(plan: Plan) -> Iterator[Finding]:
    """The issuing decision lacks its bases, articles, signer's position or name, or recipients."""
    d = plan.decision
    if d is None:
        return
    for field, code, label, message in (
        ("legal_bases", "decision-no-bases", "căn cứ", "quyết định ban hành chưa có căn cứ nào."),
        ("articles", "decision-no-articles", "các điều", "quyết định ban hành chưa có điều nào."),
    ):
        if not any(t.strip() for t in getattr(d, field)):
            yield Finding(ERROR, code, message, _decision_place(field, label))
    for field, code, label, message in (
        ("position", "decision-position-empty", "chức vụ người ký", "quyết định chưa ghi chức vụ người ký."),
        ("name", "decision-signer-empty", "người ký", "quyết định chưa ghi họ tên người ký."),
    ):
        if not getattr(d.signer, field).strip():
            yield Finding(ERROR, code, message, _decision_place(field, label))
    yield from _decision_recipients(d)


def _decision_recipients(d: Decision) -> Iterator[Finding]:
    place = _decision_place("recipients", "nơi nhận")
    if not any(r.strip() for r in d.recipients):
        yield Finding(ERROR, "decision-recipients-empty", "quyết định chưa ghi nơi nhận.", place)
    elif not has_archive_line(d.recipients):
        yield Finding(
            ERROR, "decision-recipients-no-archive", "nơi nhận của quyết định thiếu dòng «Lưu: VT, …» ở cuối.", place
        )
