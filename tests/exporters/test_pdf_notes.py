"""PDF footnotes and a plan issued by a decision, read back with pypdf only.

A footnote's text is printed at the foot of the page that holds its reference mark, after its
number, under the body text (never over it); long notes never get lost. A plan issued by a
decision starts with the decision, then the plan on a new page, numbered again from 1.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.model import Appendix, Section, Task
from app.ops.plans import default_decision
from exporters import document as D
from exporters import layout as L
from exporters.build import build_document
from exporters.pdf_writer import write_pdf

# tests/ is not a package: load this folder's conftest by path for make_plan.
_spec = importlib.util.spec_from_file_location("_exporters_conftest_notes", Path(__file__).with_name("conftest.py"))
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
make_plan = _conftest.make_plan

MM = 72 / 25.4
NOTE_1 = "Theo Kế hoạch số 123/KH-UBND ngày 10/12/2026 của Ủy ban nhân dân tỉnh Thanh Hóa."
NOTE_2 = "Gồm các thủ tục thuộc thẩm quyền giải quyết của cấp xã theo Quyết định công bố của tỉnh."


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _spans(page) -> list[tuple[str, float, float, str, float]]:
    """(text, x, y, base font, size) of every text run on a page, in drawing order."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str(font.get("/BaseFont", "")) if font else ""
            out.append((unicodedata.normalize("NFC", text.strip()), x, y, base, size * abs(tm[0] or 1)))

    page.extract_text(visitor_text=visit)
    return out


def _note_spans(page) -> list[tuple[str, float, float, str, float]]:
    """Spans in the notes' face and size (12 pt regular; table cells share it, the body does not)."""
    return [s for s in _spans(page) if s[4] == pytest.approx(12) and not s[3].endswith(("Bold", "Italic"))]


def _render(doc: D.Document, path: Path) -> tuple[int, PdfReader, list[str]]:
    n = write_pdf(doc, path)
    reader = PdfReader(str(path))
    return n, reader, [_norm(p.extract_text()) for p in reader.pages]


def _page_of(texts: list[str], needle: str) -> int:
    pages = [i for i, t in enumerate(texts) if needle in t]
    assert pages, needle
    return pages[0]


def _note_line(page, start: str) -> tuple[int, float]:
    """(index in drawing order, y) of the span that starts a note's text."""
    spans = _spans(page)
    i = next(k for k, s in enumerate(spans) if s[0].startswith(start))
    return i, spans[i][2]


def _mark_after(page, word: str, number: int) -> float:
    """y of the superscript mark `number` drawn right after the span ending with `word`."""
    spans = _spans(page)
    for k, s in enumerate(spans[:-1]):
        nxt = spans[k + 1]
        if s[0].endswith(word) and nxt[0] == str(number):
            assert nxt[4] < s[4], (s, nxt)  # smaller than the text it follows (raised by Ts)
            return nxt[2]
    raise AssertionError(f"no mark {number} after {word!r}")


def _with_notes(plan):
    sections = plan.sections
    first = dataclasses.replace(
        sections[0],
        sections=(
            Section(f"Cụ thể hóa mục tiêu, nhiệm vụ cải cách hành chính của tỉnh^[{NOTE_1}]", run_in=True),
            *sections[0].sections[1:],
        ),
    )
    appendix = plan.appendices[0]
    tasks = list(appendix.tasks)
    tasks[2] = dataclasses.replace(tasks[2], content=tasks[2].content + f"^[{NOTE_2}]")
    return dataclasses.replace(
        plan,
        sections=(first, *sections[1:]),
        appendices=(dataclasses.replace(appendix, tasks=tuple(tasks)), *plan.appendices[1:]),
    )


@pytest.fixture(scope="module")
def noted(tmp_path_factory):
    doc = build_document(_with_notes(make_plan()))
    return _render(doc, tmp_path_factory.mktemp("notes") / "notes.pdf")


# ---------------------------------------------------------------- notes on the page of their mark
def test_paragraph_note_at_the_foot_of_its_page(noted):
    _, reader, texts = noted
    page_no = _page_of(texts, "Cụ thể hóa mục tiêu, nhiệm vụ cải cách hành chính của tỉnh")
    assert NOTE_1 in texts[page_no]  # the same page, and nowhere else
    assert sum(NOTE_1 in t for t in texts) == 1
    page = reader.pages[page_no]
    mark_y = _mark_after(page, "của tỉnh", 1)
    i, note_y = _note_line(page, "Theo Kế hoạch số 123")
    spans = _spans(page)
    assert spans[i - 1][0] == "1" and spans[i - 1][4] < 12  # its (superscript) number first
    assert note_y < mark_y
    assert spans[i][4] == pytest.approx(12)  # 12 pt notes
    assert spans[i][1] < L.PAGE.margin_left_mm * MM + 8  # at the left edge, after the number
    # below all the body text of the page: nothing overlaps
    body = [s for s in spans if s[4] == pytest.approx(L.BODY.text.size) and not s[0].isdigit()]
    assert min(s[2] for s in body) > note_y + 12
    assert note_y >= L.PAGE.margin_bottom_mm * MM - 0.5


def test_table_cell_note_at_the_foot_of_its_page(noted):
    _, reader, texts = noted
    page_no = _page_of(texts, NOTE_2)
    assert "Nhiệm vụ 3 về institutions" in texts[page_no]
    page = reader.pages[page_no]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # an appendix page
    mark_y = _mark_after(page, "quyết hồ sơ", 2)
    i, note_y = _note_line(page, "Gồm các thủ tục")
    spans = _spans(page)
    assert spans[i - 1][0] == "2" and spans[i - 1][4] < 12
    assert note_y < mark_y
    grid = [s for s in spans if s[4] == pytest.approx(L.TABLE.text.size) and s is not spans[i]]
    assert min(s[2] for s in grid if not s[0].startswith(("Gồm", "tỉnh"))) > note_y


def test_notes_keep_the_numbers_of_the_document(noted, tmp_path):
    # a decision before the plan: its note is 1, the plan's notes follow on (build.py numbers them)
    plan = _with_notes(make_plan())
    decision = default_decision(plan)
    decision = dataclasses.replace(
        decision, articles=(decision.articles[0] + "^[Ghi chú của quyết định.]", *decision.articles[1:])
    )
    _, reader, texts = _render(build_document(dataclasses.replace(plan, decision=decision)), tmp_path / "d.pdf")
    assert "1 Ghi chú của quyết định." in texts[0]
    page = _page_of(texts, NOTE_1)
    assert f"2 {NOTE_1}" in texts[page] and f"3 {NOTE_2}" in " ".join(texts)


# ---------------------------------------------------------------- many and long notes
def test_many_long_notes_are_all_printed_on_the_page_of_their_mark(tmp_path):
    long = "về việc thực hiện nhiệm vụ cải cách hành chính, " * 12
    paragraphs = tuple(
        f"Đoạn văn số {i} nói về nhiệm vụ^[Ghi chú A{i}: {long}hết A{i}.] "
        f"và thêm một ý nữa^[Ghi chú B{i}: {long[:200]}hết B{i}.] để kết thúc đoạn."
        for i in range(40)
    )
    plan = dataclasses.replace(make_plan(), sections=(Section("NHIỀU GHI CHÚ", paragraphs=paragraphs),), appendices=())
    n, reader, texts = _render(build_document(plan), tmp_path / "many.pdf")
    assert n == len(reader.pages) > 5
    for i in range(40):
        here = _page_of(texts, f"Đoạn văn số {i} nói về nhiệm vụ")
        for tag in (f"A{i}", f"B{i}"):
            start = _page_of(texts, f"Ghi chú {tag}:")
            end = _page_of(texts, f"hết {tag}.")
            assert start == end == here, (tag, start, end, here)  # whole, on the page of its mark
    for page in reader.pages:  # notes never overlap the body
        spans = _spans(page)
        notes = _note_spans(page)
        body = [s for s in spans if s[4] == pytest.approx(L.BODY.text.size) and not s[0].isdigit()]
        if notes and body:
            assert min(s[2] for s in body) > max(s[2] for s in notes)


def test_a_note_longer_than_a_page_continues_and_is_never_lost(tmp_path):
    huge = " ".join(f"Câu {i} của ghi chú rất dài." for i in range(900))
    plan = dataclasses.replace(
        make_plan(),
        sections=(Section("A", paragraphs=("Mở đầu.", f"Đoạn có ghi chú^[{huge}] rồi tiếp.", "Kết thúc.")),),
        appendices=(
            Appendix(
                kind="tasks",
                title="X",
                columns=("content", "product"),
                tasks=(Task(content="a"), Task(content=f"b^[{huge}]", product="c^[Ngắn.]"), Task(content="z")),
            ),
        ),
    )
    n, reader, texts = _render(build_document(plan), tmp_path / "huge.pdf")
    text = " ".join(texts)
    assert text.count("Câu 0 của ghi chú rất dài.") == 2
    assert text.count("Câu 899 của ghi chú rất dài.") == 2
    assert "3 Ngắn." in text and "Kết thúc" in text and "Nguyễn Văn An" in text
    # every sentence of both notes, in order (the notes alone: a note continued on the next page
    # is interrupted by that page's number and body in the extracted page text)
    notes = " ".join(s[0] for page in reader.pages for s in _note_spans(page) if s[0] not in ("a", "b", "c", "z"))
    found = re.findall(r"Câu (\d+) của ghi chú", _norm(notes))
    assert found == [str(i) for i in range(900)] * 2


# ---------------------------------------------------------------- a plan issued by a decision
@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    plan = make_plan()
    doc = build_document(dataclasses.replace(plan, decision=default_decision(plan)))
    return _render(doc, tmp_path_factory.mktemp("decision") / "decision.pdf")


def _top_margin(page) -> list[str]:
    h = float(page.mediabox.height)
    return [t for t, _, y, _, _ in _spans(page) if y > h - L.PAGE.margin_top_mm * MM]


def test_decision_first_page(decided):
    _, reader, texts = decided
    first = texts[0]
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "Ban hành Kế hoạch cải cách hành chính",
    ):
        assert line in first, line
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN" in first
    assert "QUYẾT ĐỊNH:" in first and "Điều 1. Ban hành kèm theo Quyết định này" in first
    assert first.index("QUYẾT ĐỊNH:") < first.index("Điều 1.")
    assert _top_margin(reader.pages[0]) == []
    spans = _spans(reader.pages[0])
    page_w = float(reader.pages[0].mediabox.width)
    centre = L.PAGE.margin_left_mm * MM + (page_w - (L.PAGE.margin_left_mm + L.PAGE.margin_right_mm) * MM) / 2
    for start in ("CHỦ TỊCH ỦY BAN", "QUYẾT ĐỊNH:"):
        text, x, _, font, size = next(s for s in spans if s[0].startswith(start))
        assert font.endswith("-Bold") and size == L.BODY.text.size
        # centred, not indented: the line's middle is the text area's middle
        width = stringWidth(text, font.split("+")[-1].lstrip("/"), size)
        assert abs(x + width / 2 - centre) < 2, start
    article = next(s for s in spans if s[0].startswith("Điều 1."))
    assert article[3].endswith("-Bold")
    assert article[1] == pytest.approx(L.PAGE.margin_left_mm * MM + L.BODY.first_line_indent_mm * MM, abs=0.5)
    assert not next(s for s in spans if s[0].startswith("Ban hành kèm theo Quyết định này"))[3].endswith("-Bold")
    # the decision is signed on its own pages, before the plan
    plan_start = _page_of(texts, "(Ban hành kèm theo Quyết định số")
    assert "Nơi nhận:" in " ".join(texts[:plan_start]) and "- Như Điều 3;" in " ".join(texts[:plan_start])


def test_the_plan_starts_a_new_page_numbered_again(decided):
    _, reader, texts = decided
    start = _page_of(texts, "(Ban hành kèm theo Quyết định số")
    assert start >= 1
    page = texts[start]
    assert page.startswith("KẾ HOẠCH Cải cách hành chính năm 2027 (Ban hành kèm theo Quyết định số")
    assert "của Chủ tịch Ủy ban nhân dân phường Phú Sơn)" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in page and "Độc lập - Tự do - Hạnh phúc" not in page
    assert "Nơi nhận:" not in " ".join(texts[start:])  # the plan itself is not signed again
    assert _top_margin(reader.pages[start]) == []  # its first page carries no number
    assert _top_margin(reader.pages[start + 1]) == ["2"]  # and it counts from 1 again
    note = next(s for s in _spans(reader.pages[start]) if s[0].startswith("(Ban hành kèm theo"))
    assert note[3].endswith("-Italic") and note[4] == L.BODY.text.size


# ---------------------------------------------------------------- a big table
def test_notes_in_a_2000_task_table(tmp_path):
    plan = make_plan(tasks_per_area=285)
    appendix = plan.appendices[0]
    tasks = list(appendix.tasks)
    for i in range(0, len(tasks), 50):
        tasks[i] = dataclasses.replace(tasks[i], content=tasks[i].content + f"^[Ghi chú số {i} của bảng lớn.]")
    plan = dataclasses.replace(
        plan, appendices=(dataclasses.replace(appendix, tasks=tuple(tasks)), *plan.appendices[1:])
    )
    doc = build_document(plan)
    write_pdf(D.Document(D.Meta("", "", ""), ()), tmp_path / "warm.pdf")
    pages = write_pdf(doc, tmp_path / "big.pdf")  # its speed is measured in bench/bench_export.py
    text = " ".join(_norm(p.extract_text()) for p in PdfReader(str(tmp_path / "big.pdf")).pages)
    assert pages > 300
    assert all(f"Ghi chú số {i} của bảng lớn." in text for i in range(0, len(tasks), 50))
