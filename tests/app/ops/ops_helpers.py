"""Operations on a real data folder: a plan with every kind of row, and what "put back exactly" means.

`content(ws, plan_id)` is the plan as its file form (no database ids: an undo that puts a deleted
row back gives it a new id); `stored(ws, plan_id)` is the plan with its ids, for operations that
keep every id. After every operation the workspace's cached plan must be the stored one.
"""

from __future__ import annotations

from datetime import date

from app import plan_file
from app.model import Appendix, DocDate, Plan, Section, Signer, Target, Task
from app.ops.changes import Changes

TODAY = date(2027, 6, 10)


def rich_plan() -> Plan:
    """Nested sections, targets, two task appendices (one with tasks three levels deep) and a
    targets appendix."""
    return Plan(
        year=2027,
        summary="Cải cách hành chính năm 2027",
        agency="Ủy ban nhân dân phường Phú Sơn",
        place="Phú Sơn",
        date=DocDate(2027, 1, 5),
        legal_bases=("Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Kế hoạch của tỉnh;"),
        sections=(
            Section(
                "MỤC ĐÍCH, YÊU CẦU",
                sections=(Section("Mục đích", paragraphs=("Hoà nhập.", "- Một")), Section("Yêu cầu")),
            ),
            Section("NHIỆM VỤ", paragraphs=("Uỷ ban thực hiện.",)),
            Section("TỔ CHỨC THỰC HIỆN"),
        ),
        targets=(
            Target(area="procedures", content="Mức độ hài lòng đạt tối thiểu 92%"),
            Target(area="procedures", content="100% hồ sơ được số hóa"),
            Target(area="institutions", content="Tổ chức đối thoại"),
        ),
        appendices=(
            Appendix(
                title="Nhiệm vụ năm 2027",
                group_by_area=True,
                tasks=(
                    Task(area="institutions", content="Rà soát văn bản", lead="Văn phòng", timeline="Quý I/2027"),
                    Task(
                        area="procedures",
                        content="Niêm yết thủ tục",
                        lead="Trung tâm",
                        timeline="Tháng 7/2027",
                        subtasks=(
                            Task(
                                area="procedures",
                                content="Cập nhật danh mục",
                                subtasks=(Task(area="procedures", content="Danh mục cấp xã"),),
                            ),
                            Task(area="procedures", content="Công khai trên cổng"),
                        ),
                    ),
                    Task(area="procedures", content="Đối thoại", timeline="Sau khi có Kế hoạch của Tỉnh"),
                    Task(area="civil_service", content="Kiểm tra công vụ", lead="Phòng VH-XH", timeline="Quý III/2027"),
                ),
            ),
            Appendix(
                title="Chuyển đổi số",
                area="digital_government",
                tasks=(
                    Task(content="Ký số văn bản đi", timeline="Quý II/2027"),
                    Task(content="Số hóa hồ sơ", subtasks=(Task(content="Hồ sơ cũ"),)),
                ),
            ),
            Appendix(kind="targets", title="Chỉ tiêu", columns=("content", "lead", "partners", "note")),
        ),
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
        recipients=("Sở Nội vụ", "Lưu: VT, thuỷ lợi"),
    )


def content(ws, plan_id: int) -> str:
    """The plan as stored, without ids; also checks the workspace holds the same plan."""
    fresh = ws.db.load_plan(plan_id)
    assert ws.plan(plan_id) == fresh, "the workspace kept a stale plan"
    return plan_file.dumps(fresh)


def stored(ws, plan_id: int) -> Plan:
    """The plan as stored, with its ids; also checks the workspace holds the same plan."""
    fresh = ws.db.load_plan(plan_id)
    assert ws.plan(plan_id) == fresh, "the workspace kept a stale plan"
    return fresh


def undo_redo(ws, changes: Changes, read) -> tuple[Changes, Changes]:
    """Run `changes.undo`, check `read(ws)` is as before the operation, run the redo, check it is as
    after; returns (undone, redone). `read` is called before anything, so call right after the op."""
    after = read(ws)
    assert changes.undo is not None, "the operation gave no undo step"
    return _cycle(ws, changes, read, after)


def round_trip(ws, do, read) -> tuple[Changes, Changes, Changes]:
    """Run the operation `do()`, then its undo and redo, and undo again: the data `read(ws)` returns
    is as before after each undo, and as after the operation after each redo."""
    before = read(ws)
    changes = do()
    assert not changes.empty
    after = read(ws)
    assert after != before, "the operation changed nothing"
    undone, redone = _cycle(ws, changes, read, after, before)
    return changes, undone, redone


def _cycle(ws, changes, read, after, before=None):
    assert changes.undo is not None, "the operation gave no undo step"
    undone = changes.undo(ws)
    if before is not None:
        assert read(ws) == before, "the undo did not put the data back"
    assert undone.undo is not None, "the undo gave no redo step"
    back = read(ws)
    redone = undone.undo(ws)
    assert read(ws) == after, "the redo did not do the operation again"
    assert redone.undo is not None
    again = redone.undo(ws)
    assert read(ws) == back, "a second undo did not put the data back"
    assert again.undo is not None
    again.undo(ws)
    assert read(ws) == after, "a second redo did not do the operation again"
    return undone, redone
