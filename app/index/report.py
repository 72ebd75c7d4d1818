"""What the self-assessment exports print: the rows of the table, the totals, the report's texts
and its header, gathered from the workspace into plain domain objects (exporters/ lays them out)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.index.assess import EvidenceFile, evidence_files, load
from app.index.model import BONUS, PENALTY, Assessment, CriteriaSet, format_points
from app.index.scoring import totals
from app.model import DocDate, Signer
from app.workspace import Workspace


@dataclass(frozen=True)
class ScoreRow:
    number: str
    title: str
    depth: int  # 1: area, 2: criterion, 3+: sub-criterion
    max_points: Decimal
    score: Decimal | None  # a leaf's self-score, a parent's total; None: a leaf not scored
    explanation: str
    evidence: tuple[str, ...]  # file names
    part: str = ""  # its area's part (model.PARTS): bonus and penalty points are shown as such

    @property
    def signed_score(self) -> str:
        """The score as the table prints it: penalty points with a minus sign ("-1"), "" unscored."""
        if self.score is None:
            return ""
        minus = "-" if self.part == PENALTY and self.score > 0 else ""
        return minus + format_points(self.score)


@dataclass(frozen=True)
class AssessmentReport:
    year: int
    set_name: str
    total_max: Decimal
    total_score: Decimal
    rows: tuple[ScoreRow, ...]
    files: tuple[EvidenceFile, ...]
    agency: str = ""
    parent_agency: str = ""
    place: str = ""
    doc_date: DocDate | None = None
    signer: Signer = Signer()
    recipients: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"Báo cáo tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {self.year}"

    def areas(self) -> list[ScoreRow]:
        return [r for r in self.rows if r.depth == 1]

    def sections(self) -> list[tuple[str, list[str]]]:
        """The report's body: (heading, paragraphs)."""
        result = [
            f"Tổng điểm tự đánh giá: {format_points(self.total_score)}/{format_points(self.total_max)} điểm"
            f" ({_percent(self.total_score, self.total_max)}).",
            "Điểm tự đánh giá theo từng lĩnh vực:",
        ]
        result += [_area_line(a) for a in self.areas()]
        lost = [
            r
            for r in self.rows
            if r.score is not None and r.depth > 1 and r.score < r.max_points and _leaf(r, self) and not r.part
        ]
        missing = [r for r in self.rows if r.score is None]
        gaps = [
            f"- Tiêu chí {r.number} ({r.title}): {format_points(r.score or Decimal(0))}/{format_points(r.max_points)} điểm;"
            for r in lost
        ]
        if missing:
            gaps.append(f"- Còn {len(missing)} tiêu chí chưa tự chấm điểm;")
        if not gaps:
            gaps = ["Đạt điểm tối đa ở tất cả các tiêu chí đã chấm."]
        return [
            ("KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", result),
            ("NHỮNG TIÊU CHÍ CHƯA ĐẠT ĐIỂM TỐI ĐA", gaps),
            (
                "TÀI LIỆU KIỂM CHỨNG",
                [
                    f"Kèm theo báo cáo này là {len(self.files)} tệp tài liệu kiểm chứng, sắp xếp theo số thứ tự"
                    " tiêu chí, có mục lục tài liệu kiểm chứng kèm mã SHA-256 của từng tệp."
                ],
            ),
        ]


def _area_line(a: ScoreRow) -> str:
    score = a.score or Decimal(0)
    if a.part == BONUS:
        return f"- {a.title}: cộng {format_points(score)} điểm (tối đa {format_points(a.max_points)} điểm);"
    if a.part == PENALTY:
        return f"- {a.title}: trừ {format_points(score)} điểm (tối đa {format_points(a.max_points)} điểm);"
    return f"- {a.title}: {format_points(score)}/{format_points(a.max_points)} điểm ({_percent(score, a.max_points)});"


def _leaf(row: ScoreRow, report: AssessmentReport) -> bool:
    return not any(r.number.startswith(row.number + ".") for r in report.rows)


def _percent(score: Decimal, maximum: Decimal) -> str:
    if not maximum:
        return "0%"
    return format_points((score * 100 / maximum).quantize(Decimal("0.1")).normalize()) + "%"


def build_rows(cs: CriteriaSet, a: Assessment, files: list[EvidenceFile]) -> tuple[ScoreRow, ...]:
    sums = totals(cs, a)
    leaves = {c.number for c in cs.leaves()}
    out = []
    for c in cs.criteria:
        s = a.score_of(c.number)
        score = s.score if c.number in leaves else sums[c.number]
        names = tuple(f.name for f in files if f.number == c.number)
        part = cs.part_of(c.number)
        out.append(ScoreRow(c.number, c.title, c.depth, c.max_points, score, s.explanation, names, part))
    return tuple(out)


def assessment_report(ws: Workspace, assessment_id: int) -> AssessmentReport:
    a, cs = load(ws, assessment_id)
    files = evidence_files(ws, a)
    plan = ws.plan(a.plan_id) if a.plan_id is not None else None
    common = dict(
        year=a.year,
        set_name=cs.name,
        total_max=cs.total,
        total_score=totals(cs, a)[""],
        rows=build_rows(cs, a, files),
        files=tuple(files),
    )
    if plan is None:
        return AssessmentReport(**common)  # type: ignore[arg-type]
    return AssessmentReport(
        **common,  # type: ignore[arg-type]
        agency=plan.agency,
        parent_agency=plan.parent_agency,
        place=plan.place,
        signer=plan.signer,
        recipients=("Sở Nội vụ", "Lưu: VT"),
    )
