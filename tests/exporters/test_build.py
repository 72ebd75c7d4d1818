"""The Document model: decisions, footnote numbering, period titles — decided once for all writers."""

from dataclasses import replace

from app.model import Appendix, DocDate, Section, Task
from app.ops.plans import default_decision
from exporters.build import DECISION_ONLY, PLAN_ONLY, build_document
from exporters.document import AppendixTitle, HeaderBlock, Para, SignatureBlock, Table, TitleBlock


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
    assert body.blocks[0].note == (
        "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2027 "
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
