"""What the database checks cost: a restore's full check (schema + integrity_check), the restore
itself, the start's open with quick_check, on five 2,000-task plans (database about 4.6 MB).

Run: python bench/bench_restore.py   (prints figures; never passes or fails)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.model import Appendix, Plan, Task  # noqa: E402
from app.workspace import open_workspace  # noqa: E402
from bench.bench_core import ms  # noqa: E402
from storage import backup  # noqa: E402


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "kehoach.db"
    ws = open_workspace(db)
    text = "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của UBND phường " * 3
    for year in range(2027, 2032):
        tasks = tuple(Task(content=f"{text}{i}") for i in range(2000))
        ws.db.insert_plan(Plan(year, summary="Kế hoạch", appendices=(Appendix(tasks=tasks),)))
    copy = ws.db.backup_to(tmp / "copy.db")
    ws.close()
    print(f"database: {db.stat().st_size / 1e6:.1f} MB, 10,000 tasks")
    print(f"check a backup (schema + integrity_check): {ms(lambda: backup.check_file(copy), 9):.0f} ms (median of 9)")
    print(
        f"restore (check, copy, check the copy, safety copy, replace): {ms(lambda: backup.restore(db, copy), 5):.0f} ms"
    )

    def start() -> None:
        store, _ = backup.open_checked(db)
        store.close()

    print(f"open at start (open + quick_check): {ms(start, 9):.0f} ms (median of 9)")


if __name__ == "__main__":
    main()
