"""Yearly self-assessments against a criteria set: scores, links, files added per criterion."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.errors import NotFound
from app.index.model import Assessment, CriterionFile, Link, Score
from app.paths import EVIDENCE_DIR
from app.vietnamese import clean_text
from storage import plans as plans_store
from storage.db import Store
from storage.tracking.evidence import copy_into, safe_name

_FILE_COLS = "id, number, file_name, stored_path, sha256, size"


def insert_assessment(store: Store, set_id: int, plan_id: int | None, year: int) -> int:
    with store.atomic():
        if store.execute("SELECT 1 FROM index_sets WHERE id = ?", (set_id,)).fetchone() is None:
            raise NotFound(f"Không có bộ tiêu chí số hiệu {set_id}.")
        if plan_id is not None and not plans_store.plan_exists(store, plan_id):
            raise NotFound(f"Không có kế hoạch số hiệu {plan_id}.")
        cur = store.execute(
            "INSERT INTO index_assessments (set_id, plan_id, year) VALUES (?,?,?)", (set_id, plan_id, year)
        )
        assert cur.lastrowid is not None
        return cur.lastrowid


def get_assessment(store: Store, assessment_id: int) -> Assessment:
    row = store.execute(
        "SELECT id, set_id, plan_id, year FROM index_assessments WHERE id = ?", (assessment_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"Không có bản tự đánh giá số hiệu {assessment_id}.")
    a = Assessment(*row)
    for number, score, explanation in store.execute(
        "SELECT number, score, explanation FROM index_scores WHERE assessment_id = ?", (assessment_id,)
    ):
        a.scores[number] = Score(number, Decimal(score) if score is not None else None, explanation)
    a.links = [
        Link(*r)
        for r in store.execute(
            "SELECT number, kind, ref FROM index_links WHERE assessment_id = ? ORDER BY rowid", (assessment_id,)
        )
    ]
    a.files = [
        CriterionFile(*r)
        for r in store.execute(
            f"SELECT {_FILE_COLS} FROM index_files WHERE assessment_id = ? ORDER BY id", (assessment_id,)
        )
    ]
    return a


def list_assessments(store: Store) -> list[tuple[int, int, int | None, int]]:
    """(id, set id, plan id, year) of every assessment, oldest first."""
    return list(store.execute("SELECT id, set_id, plan_id, year FROM index_assessments ORDER BY id"))


def _touch(store: Store, assessment_id: int) -> None:
    cur = store.execute(
        "UPDATE index_assessments SET updated_at = strftime('%Y-%m-%dT%H:%M:%S','now') WHERE id = ?",
        (assessment_id,),
    )
    if cur.rowcount == 0:
        raise NotFound(f"Không có bản tự đánh giá số hiệu {assessment_id}.")


def put_score(store: Store, assessment_id: int, score: Score) -> None:
    with store.atomic():
        _touch(store, assessment_id)
        store.execute(
            "INSERT OR REPLACE INTO index_scores (assessment_id, number, score, explanation) VALUES (?,?,?,?)",
            (
                assessment_id,
                score.number,
                str(score.score) if score.score is not None else None,
                clean_text(score.explanation),
            ),
        )


def add_link(store: Store, assessment_id: int, link: Link) -> None:
    with store.atomic():
        _touch(store, assessment_id)
        store.execute(
            "INSERT OR IGNORE INTO index_links (assessment_id, number, kind, ref) VALUES (?,?,?,?)",
            (assessment_id, link.number, link.kind, link.ref),
        )


def remove_link(store: Store, assessment_id: int, link: Link) -> None:
    with store.atomic():
        _touch(store, assessment_id)
        store.execute(
            "DELETE FROM index_links WHERE assessment_id = ? AND number = ? AND kind = ? AND ref = ?",
            (assessment_id, link.number, link.kind, link.ref),
        )


def add_file(store: Store, data_folder: Path, assessment_id: int, number: str, source: Path) -> CriterionFile:
    """Copy a file into <data folder>/evidence/index-<id>/ for one criterion (the copy is removed
    again if the database refuses)."""
    get_assessment(store, assessment_id)
    folder = Path(data_folder) / EVIDENCE_DIR / f"index-{assessment_id}"
    source = Path(source)
    path, sha, size = copy_into(source, folder, f"{number}-{safe_name(source.name)}")
    try:
        with store.atomic():
            _touch(store, assessment_id)
            cur = store.execute(
                "INSERT INTO index_files (assessment_id, number, file_name, stored_path, sha256, size)"
                " VALUES (?,?,?,?,?,?)",
                (
                    assessment_id,
                    number,
                    clean_text(source.name),
                    f"{EVIDENCE_DIR}/{folder.name}/{path.name}",
                    sha,
                    size,
                ),
            )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    assert cur.lastrowid is not None
    row = store.execute(f"SELECT {_FILE_COLS} FROM index_files WHERE id = ?", (cur.lastrowid,)).fetchone()
    return CriterionFile(*row)


def task_and_target_ids(store: Store, plan_id: int) -> tuple[set[int], set[int]]:
    """The ids of a plan's tasks and targets (to refuse a link to another plan's)."""
    tasks = {r[0] for r in store.execute("SELECT id FROM tasks WHERE plan_id = ?", (plan_id,))}
    targets = {r[0] for r in store.execute("SELECT id FROM targets WHERE plan_id = ?", (plan_id,))}
    return tasks, targets


def remove_file(store: Store, assessment_id: int, file_id: int) -> CriterionFile:
    """Take a criterion's own file off the assessment; the copy stays in the data folder (an undo
    puts the row back without copying again). Returns the row as it was."""
    with store.atomic():
        row = store.execute(
            f"SELECT {_FILE_COLS} FROM index_files WHERE id = ? AND assessment_id = ?", (file_id, assessment_id)
        ).fetchone()
        if row is None:
            raise NotFound("Không tìm thấy tệp kiểm chứng này; có thể nó đã được gỡ.")
        _touch(store, assessment_id)
        store.execute("DELETE FROM index_files WHERE id = ?", (file_id,))
    return CriterionFile(*row)


def restore_file(store: Store, assessment_id: int, f: CriterionFile) -> None:
    """Put back a file row taken off by remove_file (same id, same stored copy)."""
    with store.atomic():
        _touch(store, assessment_id)
        store.execute(
            "INSERT INTO index_files (id, assessment_id, number, file_name, stored_path, sha256, size)"
            " VALUES (?,?,?,?,?,?,?)",
            (f.id, assessment_id, f.number, f.file_name, f.stored_path, f.sha256, f.size),
        )
