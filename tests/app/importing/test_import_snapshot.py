"""The parser's behaviour pinned: every corpus table reads as parse_snapshot.json says.

The snapshot was recorded with the parser as it was before it became a pipeline of steps. Named
tables are stored in full; the seeded random ones as a digest of their record (print one with
`python tests/app/importing/import_corpus.py random[17]` on both sides of a change to compare).
After an intended change of behaviour, re-record with UPDATE_IMPORT_SNAPSHOT=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from import_corpus import corpus, digest, run

SNAPSHOT = Path(__file__).with_name("parse_snapshot.json")


def _write(records: dict[str, dict], digests: dict[str, str]) -> None:
    def block(items: dict) -> str:
        return ",\n".join(
            f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in items.items()
        )

    text = '{\n"tables": {\n' + block(records) + '\n},\n"random": {\n' + block(digests) + "\n}\n}\n"
    SNAPSHOT.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[dict[str, dict], dict[str, str]]:
    records: dict[str, dict] = {}
    digests: dict[str, str] = {}
    for name, table, mapping in corpus(tmp_path_factory.mktemp("corpus")):
        got = json.loads(json.dumps(run(table, mapping)))  # tuples as lists, as stored
        if name.startswith("random["):
            digests[name] = digest(got)
        else:
            records[name] = got
    if os.environ.get("UPDATE_IMPORT_SNAPSHOT"):
        _write(records, digests)
    return records, digests


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_corpus_is_the_recorded_one(recorded, expected):
    records, digests = recorded
    assert sorted(records) == sorted(expected["tables"])
    assert sorted(digests) == sorted(expected["random"])


def test_named_tables_read_as_recorded_field_by_field(recorded, expected):
    records, _ = recorded
    for name, want in expected["tables"].items():
        got = records[name]
        for key in sorted(set(want) | set(got)):
            assert got.get(key) == want.get(key), (name, key)


def test_random_tables_read_as_recorded(recorded, expected):
    _, digests = recorded
    differ = [name for name, want in expected["random"].items() if digests[name] != want]
    assert not differ, differ
