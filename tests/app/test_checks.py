from app.carry_forward import carry_forward
from app.checks import ERROR, INFO, WARNING, check_plan, has_errors
from app.model import Appendix, DocDate, Plan, Section, Signer, Task
from app.ops.plans import unify_tone
from app.text_walk import iter_texts
from app.vietnamese import tone_style_counts
from app.workspace import open_workspace


def codes(findings):
    return [(f.level, f.code) for f in findings]


def _plan(**kw):
    base = dict(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        number="09",
        date=DocDate(2027, 1, 5),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "A"),
        recipients=("Sở Nội vụ", "Lưu: VT, VHXH"),
        closing="Chi tiết các nhiệm vụ tại Phụ lục I kèm theo.",
        appendices=(
            Appendix(
                columns=("content", "product", "lead", "timeline"),
                tasks=(
                    Task(
                        content="Rà soát thủ tục hành chính", product="Báo cáo", lead="Văn phòng", timeline="Quý I/2027"
                    ),
                ),
            ),
        ),
    )
    base.update(kw)
    return Plan(**base)


def test_a_clean_plan_has_no_findings():
    assert check_plan(_plan()) == []


def test_task_problems():
    plan = _plan(
        appendices=(
            Appendix(
                columns=("content", "product", "lead", "timeline"),
                tasks=(
                    Task(content="", lead="x"),
                    Task(content="Rà soát thủ tục", timeline="Quý I/2028"),
                    Task(content="Rà soát  thủ tục!", product="p", lead="l", timeline="Trước 31/12/2027"),
                ),
            ),
        )
    )
    found = codes(check_plan(plan))
    assert (ERROR, "task-empty") in found
    assert (WARNING, "task-no-lead") in found and (WARNING, "task-no-product") in found
    assert (WARNING, "timeline-outside") in found
    assert (WARNING, "task-duplicate") in found
    assert has_errors(check_plan(plan))
    dup = next(f for f in check_plan(plan) if f.code == "task-duplicate")
    assert dup.place.label == "Phụ lục I, dòng 3 — Nội dung" and "dòng 2" in dup.message


def test_carried_forward_plan_with_a_leftover_year_is_found():
    old = _plan(
        year=2026,
        date=DocDate(2026, 1, 5),
        sections=(Section("A", paragraphs=("Thực hiện trong năm 2026.", "Kết quả năm 2024 đã được đánh giá.")),),
    )
    new = carry_forward(old, 2027)
    found = check_plan(new)
    left = [f for f in found if f.code == "past-year"]
    assert left and "2024" in left[0].message and left[0].place.kind == "section"
    assert (INFO, "number-blank") in codes(found) and (INFO, "day-blank") in codes(found)
    assert not has_errors(found)  # a draft is never blocked


def test_mixed_tone_marks_found_and_fixed_in_one_click(tmp_path):
    plan = _plan(
        summary="Kế hoạch hoà nhập",
        sections=(Section("Uỷ ban", paragraphs=("Ủy ban hòa giải",)),),
        recipients=("Lưu: VT, thuỷ lợi",),
    )
    assert (WARNING, "tone-mixed") in codes(check_plan(plan))
    ws = open_workspace(tmp_path / "c.db")
    pid = ws.db.insert_plan(plan)
    before = ws.db.load_plan(pid)
    changes = unify_tone(ws, pid, "new")
    fixed = ws.db.load_plan(pid)
    changed = [(p, t) for (p, t), (_, u) in zip(iter_texts(fixed), iter_texts(before), strict=True) if t != u]
    assert len(changed) == 3 and changes.undo is not None
    assert fixed.summary == "Kế hoạch hòa nhập" and fixed.sections[0].heading == "Ủy ban"
    assert fixed.recipients == ("Lưu: VT, thủy lợi",)
    assert [s.id for s in fixed.sections] == [s.id for s in before.sections]
    assert (WARNING, "tone-mixed") not in codes(check_plan(fixed))
    assert tone_style_counts("Ủy ban hòa giải") == (0, 2)
    assert unify_tone(ws, pid, "new").empty  # nothing left to change
    ws.close()


def test_tone_marks_do_not_confuse_hoac_and_timelines_naming_events_are_fine():
    from app.vietnamese import tone_style_counts

    assert tone_style_counts("hoặc xoá hoà thuỷ") == (3, 0)
    assert tone_style_counts("hoặc hoạch khoảng") == (0, 0)
    plan = _plan(
        appendices=(
            Appendix(
                columns=("content", "product", "lead", "timeline"),
                tasks=(
                    Task(
                        content="Khắc phục", product="p", lead="l", timeline="Sau khi tỉnh công bố Chỉ số CCHC năm 2026"
                    ),
                    Task(content="Báo cáo", product="p", lead="l", timeline="Quý IV/2026"),
                ),
            ),
        )
    )
    outside = [f for f in check_plan(plan) if f.code == "timeline-outside"]
    assert len(outside) == 1 and "Quý IV/2026" in outside[0].message


def test_a_cell_excel_would_cut_is_reported():
    plan = _plan(
        appendices=(
            Appendix(
                columns=("content", "product", "lead", "timeline"),
                tasks=(Task(content="x" * 40_000, product="p", lead="l", timeline="Quý I/2027"),),
            ),
        )
    )
    (f,) = [f for f in check_plan(plan) if f.code == "cell-too-long"]
    assert "32.767" in f.message and f.place.field == "content"


def test_near_duplicate_tasks_are_reported():
    plan = _plan(
        appendices=(
            Appendix(
                columns=("content",),
                tasks=(
                    Task(content="Tổ chức khảo sát, đánh giá mức độ hài lòng của người dân, doanh nghiệp năm 2027"),
                    Task(content="Rà soát văn bản quy phạm pháp luật"),
                    Task(content="Tổ chức khảo sát đánh giá mức độ hài lòng của người dân và doanh nghiệp năm 2027"),
                ),
            ),
        )
    )
    (f,) = [f for f in check_plan(plan) if f.code == "task-near-duplicate"]
    assert "dòng 1" in f.message and f.place.label.startswith("Phụ lục I, dòng 3")


def test_near_duplicates_on_2000_tasks():

    tasks = tuple(
        Task(content=f"Nhiệm vụ số {i} về cải cách thủ tục hành chính tại phường lần {i * 7}") for i in range(2000)
    )
    plan = _plan(appendices=(Appendix(columns=("content",), tasks=tasks),))
    near = [f for f in check_plan(plan) if f.code == "task-near-duplicate"]  # speed: bench/bench_core.py
    assert near and len(near) < len(tasks)  # found, each row reported once at most


def test_the_decisions_signer_and_recipients_are_texts_of_the_plan_too(tmp_path):
    """Find, the check and the tone-mark rewrite read the decision's signer and recipients."""
    from app.model import Decision

    decision = Decision(signer=Signer("", "CHỦ TỊCH", "Hoà"), recipients=("Uỷ ban MTTQ", "Lưu: VT."))
    plan = _plan(summary="Hòa nhập", decision=decision)
    places = [(p.kind, p.ref, p.field) for p, _ in iter_texts(plan) if p.kind == "decision"]
    assert places == [("decision", None, "position"), ("decision", None, "name"),
                      ("decision", 0, "recipients"), ("decision", 1, "recipients")]  # fmt: skip
    ws = open_workspace(tmp_path / "c.db")
    pid = ws.db.insert_plan(plan)
    changes = unify_tone(ws, pid, "new")
    fixed = ws.db.load_plan(pid).decision
    assert fixed is not None and fixed.signer == Signer("", "CHỦ TỊCH", "Hòa")
    assert fixed.recipients == ("Ủy ban MTTQ", "Lưu: VT.")
    assert changes.undo is not None
    changes.undo(ws)
    assert ws.db.load_plan(pid).decision == decision
    ws.close()
