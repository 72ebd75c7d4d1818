"""Every export prints exactly what it printed before: the characterisation test for layout refactors.

The documents of layout_snapshot.py are exported to DOCX, PDF and XLSX and read back; each aspect
(PDF page count, sizes, text, fonts, bytes; DOCX document.xml, styles.xml, other parts; XLSX
cells, merges, widths, heights, print settings) is compared by digest with
tests/fixtures/layout_baseline.json, recorded from the code before the refactor (c69c657).

A failure names the file and the aspect; `python bench/layout_compare.py` shows the difference
itself against the original code. After a deliberate layout change, record a new baseline:
`python tests/exporters/layout_snapshot.py --digests tests/fixtures/layout_baseline.json`.
The digests hold only for the bundled Liberation Serif and the library versions they were
recorded with; elsewhere the test is skipped.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("_layout_snapshot", Path(__file__).with_name("layout_snapshot.py"))
assert _spec is not None and _spec.loader is not None
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)

BASELINE = Path(__file__).resolve().parents[1] / "fixtures" / "layout_baseline.json"


@pytest.fixture(scope="module")
def baseline() -> dict:
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    here = snapshot.meta()
    if here != data["meta"]:
        pytest.skip(f"baseline recorded with {data['meta']}, this machine has {here}")
    return data["files"]


def test_every_export_is_unchanged(baseline, tmp_path):
    changed = []
    seen = set()
    for name, features in snapshot.export(tmp_path):
        seen.add(name)
        expected = baseline.get(name)
        got = snapshot.digests(features)
        if expected != got:
            aspects = sorted(k for k in set(got) | set(expected or {}) if got.get(k) != (expected or {}).get(k))
            changed.append(f"{name}: {', '.join(aspects)}")
    assert not changed, "changed output (see bench/layout_compare.py):\n" + "\n".join(changed)
    assert seen == set(baseline), sorted(set(baseline) ^ seen)
