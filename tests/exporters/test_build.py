"""The Document model: decisions, footnote numbering, period titles — decided once for all writers."""

from dataclasses import replace
from pathlib import Path

from app import plan_file
from app.model import Appendix, DocDate, Section, Task
from app.ops.plans import default_decision
from exporters.build import DECISION_ONLY, PLAN_ONLY, build_document
from exporters.document import AppendixTitle, HeaderBlock, Para, SignatureBlock, Table, TitleBlock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def paras(part):
    return [b for b in part.blocks if isinstance(b, Para)]


def test_plan_on_its_own_has_header_title_and_signature(sample_plan):
    doc = build_document(sample_plan)
    body = doc.parts[0].blocks
    assert isinstance(body[0], HeaderBlock) and isinstance(body[1], TitleBlock)
    assert isinstance(body[-1], SignatureBlock)
    assert body[0].number == "Số:      /KH-UBND"
    assert paras(doc.parts[0])[-1].text.endswith("./.")
    assert all(p.orientation == "landscape" and p.restart_page_numbers for p in doc.parts[1:])


def test_decision_then_plan_as_its_attachment(sample_plan):
    plan = replace(sample_plan, decision=replace(default_decision(sample_plan), number="12", date=DocDate(2027, 1, 5)))
    doc = build_document(plan)
    dec, body = doc.parts[0], doc.parts[1]
    head = dec.blocks[0]
    assert isinstance(head, HeaderBlock) and head.number == "Số: 12/QĐ-UBND"
    assert head.place_date == "Phú Sơn, ngày 05 tháng 01 năm 2027"
    title = dec.blocks[1]
    assert title.doc_type == "QUYẾT ĐỊNH" and title.summary_lines == ("Ban hành Kế hoạch cải cách hành chính năm 2027",)
    texts = [p.text for p in paras(dec)]
    assert texts[0] == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN"
    assert "QUYẾT ĐỊNH:" in texts
    articles = [t for t in texts if t.startswith("Điều ")]
    assert [a.split(".")[0] for a in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    assert articles[-1].endswith("./.")
    assert paras(dec)[-1].runs[0].bold  # "Điều 3." bold
    assert isinstance(dec.blocks[-1], SignatureBlock) and dec.blocks[-1].authority_lines == ("CHỦ TỊCH",)
    # The plan: no national header, its own title block naming the decision, no signature.
    assert not any(isinstance(b, (HeaderBlock, SignatureBlock)) for b in body.blocks)
    assert body.blocks[0].note == (  # in two balanced lines (exporters/lines.py)
        "(Ban hành kèm theo Quyết định số 12/QĐ-UBND\nngày 05 tháng 01 năm 2027 "
        "của Chủ tịch Ủy ban nhân dân phường Phú Sơn)"
    )
    assert body.restart_page_numbers
    app_title = doc.parts[2].blocks[0]
    assert isinstance(app_title, AppendixTitle)
    assert app_title.attachment.startswith("(Kèm theo Kế hoạch ban hành kèm theo Quyết định số 12/QĐ-UBND")
    # Separate files.
    assert len(build_document(plan, DECISION_ONLY).parts) == 1
    assert build_document(plan, PLAN_ONLY).parts[0].blocks[0].doc_type == "KẾ HOẠCH"


def test_footnotes_numbered_in_document_order_and_restart_option(sample_plan):
    plan = replace(
        sample_plan,
        sections=(
            Section(
                "A",
                paragraphs=(
                    "Theo Quyết định số 1860^[Về việc ban hành Kế hoạch.] của tỉnh.",
                    "Kế hoạch số 70^[Kế hoạch số hóa.]",
                ),
            ),
        ),
        appendices=(
            Appendix(tasks=(Task(content="Cơ quan chuyên môn^[Gồm các phòng.]", product="x"),)),
            Appendix(tasks=(Task(content="y", product="Báo cáo^[Hằng quý.]"),)),
        ),
    )
    doc = build_document(plan)
    notes = [
        (r.note_number, r.note) for p in doc.parts for b in p.blocks if isinstance(b, Para) for r in b.runs if r.note
    ]
    assert notes == [(1, "Về việc ban hành Kế hoạch."), (2, "Kế hoạch số hóa.")]
    t1, t2 = [b for p in doc.parts for b in p.blocks if isinstance(b, Table)]
    assert t1.rows[0].cells[1] == "Cơ quan chuyên môn³" and t1.notes == ((3, "Gồm các phòng."),)
    assert t1.rows[0].rich[1][1].note_number == 3
    assert t2.notes == ((4, "Hằng quý."),)
    restarted = build_document(replace(plan, footnotes_restart=True))
    t1, t2 = [b for p in restarted.parts for b in p.blocks if isinstance(b, Table)]
    assert t1.notes == ((1, "Gồm các phòng."),) and t2.notes == ((1, "Hằng quý."),)
    assert restarted.parts[1].restart_footnotes


def test_the_end_mark_goes_after_the_text_not_after_a_note(sample_plan):
    plan = replace(sample_plan, closing="Kết thúc kế hoạch.^[Ghi chú cuối.]")
    last = paras(build_document(plan).parts[0])[-1]
    assert last.runs[0].text == "Kết thúc kế hoạch./." and last.runs[1].note == "Ghi chú cuối."


def test_the_generated_decision_ends_its_bases_with_the_proposal(sample_plan):
    dec = default_decision(sample_plan)
    assert all(b.endswith(";") for b in dec.legal_bases[:-1])
    assert dec.legal_bases[-1] == "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."


def test_a_plan_issued_by_a_decision_starts_at_its_first_section(sample_plan):
    plan = replace(sample_plan, decision=default_decision(sample_plan))
    decision, body = build_document(plan).parts[:2]
    # The bases and the preamble are the decision's: the attached plan starts at "I. …" (seed 004).
    assert isinstance(body.blocks[0], TitleBlock)
    assert body.blocks[1] == paras(body)[0] and paras(body)[0].text == "I. MỤC ĐÍCH, YÊU CẦU"
    assert not any(p.style == "legal_basis" or p.text.startswith("Căn cứ") for p in paras(body))
    assert not any("ban hành Kế hoạch" in p.text for p in paras(body))
    assert [p.text for p in paras(decision) if p.style == "legal_basis"][:2] == list(plan.decision.legal_bases[:2])
    assert build_document(plan, PLAN_ONLY).parts[0].blocks[1].text == "I. MỤC ĐÍCH, YÊU CẦU"
    # Only the export changes: the plan keeps them, and prints them again on its own.
    assert plan.legal_bases and plan.preamble
    alone = paras(build_document(replace(plan, decision=None)).parts[0])
    assert alone[0].style == "legal_basis" and alone[0].text == plan.legal_bases[0]


def test_the_end_mark_is_never_glued_to_the_decision_heading():
    seed = plan_file.read(FIXTURES / "seed_004.json")  # a decision with no bases and no articles
    assert seed.decision is not None and not seed.decision.articles
    decision = build_document(seed, DECISION_ONLY).parts[0]
    texts = [p.text for p in paras(decision)]
    assert "QUYẾT ĐỊNH:" in texts and not any("./." in t for t in texts)
    one = replace(seed, decision=replace(seed.decision, articles=("Ban hành Kế hoạch.", "Có hiệu lực.")))
    texts = [p.text for p in paras(build_document(one, DECISION_ONLY).parts[0])]
    assert "QUYẾT ĐỊNH:" in texts and texts[-1] == "Điều 2. Có hiệu lực./."
    assert sum("./." in t for t in texts) == 1


def test_a_body_ending_in_a_heading_has_no_end_mark_above_it(sample_plan):
    plan = replace(sample_plan, sections=(*sample_plan.sections, Section("KIẾN NGHỊ")), closing="")
    body = paras(build_document(plan).parts[0])
    assert body[-1].text == "IV. KIẾN NGHỊ" and not any("./." in p.text for p in body)


def test_the_generated_decision_files_a_copy_with_its_drafting_unit(sample_plan):
    # "Lưu: VT, VHXH.": the unit that drafted the plan (its own filing line) drafts the decision.
    dec = default_decision(sample_plan)
    assert dec.recipients[0] == "Như Điều 3" and dec.recipients[-1] == "Lưu: VT, VHXH."
    assert sum(r.startswith("Lưu") for r in dec.recipients) == 1
    signed = build_document(replace(sample_plan, decision=dec), DECISION_ONLY).parts[0].blocks[-1]
    assert signed.recipients[-1] == "- Lưu: VT, VHXH."
    other = replace(sample_plan, recipients=("Sở Nội vụ;", "- Lưu: VT, NV-LĐTBXH (Phú)."))
    assert default_decision(other).recipients == ("Như Điều 3", "Sở Nội vụ;", "Lưu: VT, NV-LĐTBXH (Phú).")
    # No unit named anywhere: the unit the decision's proposal line names.
    for recipients in ((), ("Sở Nội vụ", "Lưu: VT")):
        assert default_decision(replace(sample_plan, recipients=recipients)).recipients[-1] == "Lưu: VT, VHXH."


def test_a_side_by_side_comparison_gives_both_texts_the_same_width_and_alignment(sample_plan):
    """The amendment's "Nội dung cũ / Nội dung sửa đổi, bổ sung / Lý do" (and last year's
    comparison) read across: the old text must not get a wider, differently aligned column."""
    from app.versions.amend import COMPARISON_HEADERS

    table = Appendix(
        title="BẢNG SO SÁNH",
        columns=tuple(k for k, _ in COMPARISON_HEADERS),
        headers=COMPARISON_HEADERS,
        tasks=(Task(content="Cũ", product="Mới"),),
    )
    doc = build_document(replace(sample_plan, appendices=(table,)))
    [t] = [b for p in doc.parts for b in p.blocks if isinstance(b, Table)]
    stt, old, new, why = t.columns
    assert (old.header, new.header, why.header) == ("Nội dung cũ", "Nội dung sửa đổi, bổ sung", "Lý do")
    assert old.width_mm == new.width_mm > 2 * why.width_mm
    assert old.align == new.align == "justify"
    usual = build_document(sample_plan)  # a task table keeps its usual proportions
    [first, *_] = [b for p in usual.parts for b in p.blocks if isinstance(b, Table)]
    widths = {c.key: c.width_mm for c in first.columns}
    assert widths["content"] > widths.get("product", 0)
