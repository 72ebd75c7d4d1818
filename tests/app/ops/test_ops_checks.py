"""app.ops.checks on a real file: a warning dismissed at its place is remembered in the database
(also after reopening the file, an older one migrated), comes back when its text changes, undoes
and redoes; errors cannot be dismissed."""

from __future__ import annotations

import sqlite3

import pytest

from app.checks import ERROR, WARNING
from app.errors import InvalidInput, NotFound
from app.model import Section
from app.ops import checks, plans, rows
from app.ops.changes import NOTHING, Part
from app.templates import instantiate
from app.workspace import open_workspace

KEPT = "Phát huy kết quả đạt được trong năm 2026, khắc phục hạn chế."


@pytest.fixture
def mention(ws, plan_id):
    """The rich plan with a paragraph naming last year (a 2027 plan): one last-year-mention."""
    plan = ws.plan(plan_id)
    first = plan.sections[1]
    rows.set_fields(ws, rows.SECTIONS, first.id, paragraphs=first.paragraphs + (KEPT,))
    (f,) = [f for f in checks.check(ws, plan_id).findings if f.code == "last-year-mention"]
    return f


def _codes(found) -> list[str]:
    return [f.code for f in found]


def test_a_dismissed_warning_is_set_apart_and_undo_brings_it_back(ws, plan_id, mention):
    assert mention.level == WARNING and checks.can_dismiss(mention)
    changes = checks.dismiss(ws, plan_id, mention)
    assert changes.plan_id == plan_id and changes.parts == frozenset({Part.CHECKS})
    assert changes.label == "Bỏ qua cảnh báo" and changes.undo is not None
    checked = checks.check(ws, plan_id)
    assert "last-year-mention" not in _codes(checked.findings) and checked.dismissed == [mention]
    assert checks.dismiss(ws, plan_id, mention) is NOTHING  # already dismissed

    redo = changes.undo(ws)
    assert redo.parts == frozenset({Part.CHECKS}) and redo.undo is not None
    assert mention in checks.check(ws, plan_id).findings and checks.check(ws, plan_id).dismissed == []
    redo.undo(ws)
    assert checks.check(ws, plan_id).dismissed == [mention]


def test_undismiss_shows_it_again_and_its_undo_dismisses_it(ws, plan_id, mention):
    checks.dismiss(ws, plan_id, mention)
    changes = checks.undismiss(ws, plan_id, mention)
    assert changes.label == "Hiện lại cảnh báo" and mention in checks.check(ws, plan_id).findings
    assert checks.undismiss(ws, plan_id, mention) is NOTHING
    changes.undo(ws)
    assert checks.check(ws, plan_id).dismissed == [mention]


def test_remembered_in_the_file_per_place(ws, plan_id, mention, tmp_path):
    checks.dismiss(ws, plan_id, mention)
    path = ws.paths.db
    ws.close()
    again = open_workspace(path)
    try:
        assert checks.check(again, plan_id).dismissed == [mention]
        # The same words at another place (another plan) are not dismissed there.
        other = plans.create_from_template(again, "ward-annual", 2027, plans.SAMPLE_AGENCY).created
        section = again.plan(other).sections[0]
        rows.set_fields(again, rows.SECTIONS, section.id, paragraphs=section.paragraphs + (KEPT,))
        assert any(f.message == mention.message for f in checks.check(again, other).findings)
        assert checks.check(again, other).dismissed == []
    finally:
        again.close()
    conn = sqlite3.connect(path)
    stored = conn.execute("SELECT plan_id, code, kind, ref, field, idx, message FROM dismissed_findings").fetchall()
    conn.close()
    place = mention.place
    assert stored == [(plan_id, "last-year-mention", "section", place.ref, "paragraphs", place.index, mention.message)]


def test_a_changed_paragraph_brings_the_warning_back(ws, plan_id, mention):
    checks.dismiss(ws, plan_id, mention)
    section = ws.plan(plan_id).sections[1]
    changed = section.paragraphs[:-1] + ("Kết quả năm 2026 chưa đạt, cần khắc phục ngay.",)
    rows.set_fields(ws, rows.SECTIONS, section.id, paragraphs=changed)
    checked = checks.check(ws, plan_id)
    assert "last-year-mention" in _codes(checked.findings) and checked.dismissed == []


def test_a_deleted_plan_takes_its_dismissals_with_it(ws, plan_id, mention):
    checks.dismiss(ws, plan_id, mention)
    plans.delete_plan(ws, plan_id)
    assert ws.db.list_dismissed(plan_id) == []
    with pytest.raises(NotFound):
        checks.dismiss(ws, plan_id, mention)


def test_any_warning_can_be_dismissed_never_an_error(ws, plan_id):
    found = checks.check(ws, plan_id).findings
    tone = next(f for f in found if f.code == "tone-mixed")  # a warning about the whole plan
    assert tone.place is None
    checks.dismiss(ws, plan_id, tone)
    assert tone in checks.check(ws, plan_id).dismissed
    no_lead = next(f for f in found if f.code == "task-no-lead")
    checks.dismiss(ws, plan_id, no_lead)
    assert no_lead in checks.check(ws, plan_id).dismissed

    ws.db.update_plan(plan_id, agency="")
    ws.forget(plan_id)
    error = next(f for f in checks.check(ws, plan_id).findings if f.code == "agency-empty")
    assert error.level == ERROR and not checks.can_dismiss(error)
    with pytest.raises(InvalidInput, match="Chỉ bỏ qua được cảnh báo"):
        checks.dismiss(ws, plan_id, error)
    info = next(f for f in checks.check(ws, plan_id).findings if f.code == "number-blank")
    with pytest.raises(InvalidInput):
        checks.dismiss(ws, plan_id, info)
    assert [d.code for d in ws.db.list_dismissed(plan_id)] == ["tone-mixed", "task-no-lead"]


def test_a_file_of_the_previous_version_gets_the_table(tmp_path):
    path = tmp_path / "old.db"
    ws = open_workspace(path)
    pid = ws.db.insert_plan(plans.sample_plan(instantiate("ward-annual", 2027, plans.SAMPLE_AGENCY)))
    ws.close()
    conn = sqlite3.connect(path)
    # a version-4 file: without the tables of versions 5 (dismissed warnings), 6 (reform index),
    # 7 (versions), 9 (records of removed tasks)
    conn.execute("DROP TRIGGER tracking_keep_on_task_delete")
    conn.execute("DROP TRIGGER tracking_kept_go_with_plan")
    for table in (
        "tracking_before_removal",
        "plan_versions",
        "index_files",
        "index_links",
        "index_scores",
        "index_assessments",
        "index_criteria",
        "index_sets",
    ):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE dismissed_findings")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    ws = open_workspace(path)
    try:
        plan = ws.plan(pid)
        paragraphs = plan.sections[0].paragraphs + (KEPT,)
        rows.set_fields(ws, rows.SECTIONS, plan.sections[0].id, paragraphs=paragraphs)
        found = next(f for f in checks.check(ws, pid).findings if f.code == "last-year-mention")
        checks.dismiss(ws, pid, found)
        assert checks.check(ws, pid).dismissed == [found]
    finally:
        ws.close()


def test_a_section_added_before_it_renumbers_it_and_it_stays_dismissed(ws, plan_id, mention):
    """The place is kept by the section's id and the paragraph's index, not by the printed label."""
    checks.dismiss(ws, plan_id, mention)
    rows.insert(ws, rows.SECTIONS, plan_id, [Section("MỚI")], position=0)
    (still,) = checks.check(ws, plan_id).dismissed
    assert still.place.label == "Mục III — đoạn 2" and checks.dismissal(still) == checks.dismissal(mention)
