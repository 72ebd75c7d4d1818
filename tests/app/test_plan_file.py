import json
import unicodedata

import pytest

from app import plan_file
from app.errors import InvalidPlanFile
from app.model import Appendix, DocDate, Plan, Section, Task

MINIMAL = {"format": "kehoach-cchc/1", "year": 2027}


def test_minimal_file_gets_defaults_and_canonical_round_trip():
    plan = plan_file.from_dict(MINIMAL)
    text = plan_file.dumps(plan)
    assert plan_file.dumps(plan_file.loads(text)) == text
    data = json.loads(text)
    for key in (
        "format",
        "year",
        "summary",
        "parent_agency",
        "agency",
        "number",
        "symbol",
        "place",
        "date",
        "legal_bases",
        "preamble",
        "sections",
        "targets",
        "appendices",
        "signer",
        "recipients",
    ):
        assert key in data


def test_nfd_input_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Cải cách hành chính năm 2027")
    plan = plan_file.from_dict({**MINIMAL, "summary": nfd, "sections": [{"heading": nfd, "paragraphs": [nfd]}]})
    assert plan.summary == "Cải cách hành chính năm 2027"
    assert unicodedata.is_normalized("NFC", plan.sections[0].paragraphs[0])


@pytest.mark.parametrize(
    "data,fragment",
    [
        ([], "đối tượng"),
        ({"year": 2027}, "format"),
        ({"format": "kehoach-cchc/9", "year": 2027}, "mới hơn"),
        ({"format": "kehoach-cchc/1"}, "year"),
        ({"format": "kehoach-cchc/1", "year": "2027"}, "year"),
        ({"format": "kehoach-cchc/1", "year": 1900}, "1900"),
        ({"format": "kehoach-cchc/1", "year": 3000}, "3000"),
        ({**MINIMAL, "summary": 5}, "summary"),
        ({**MINIMAL, "sections": {}}, "sections"),
        ({**MINIMAL, "sections": [{"heading": ["x"]}]}, "sections[0].heading"),
        ({**MINIMAL, "legal_bases": ["a", 1]}, "legal_bases"),
        ({**MINIMAL, "date": {"year": 2027, "month": 2, "day": 31}}, "31/2/2027"),
        ({**MINIMAL, "date": {"year": 2027, "month": 13, "day": None}}, "date.month"),
        ({**MINIMAL, "appendices": [{"kind": "tasks", "columns": ["content", "colour"]}]}, "colour"),
        ({**MINIMAL, "appendices": [{"kind": "list"}]}, "kind"),
        ({**MINIMAL, "appendices": [{"tasks": [{"area": "sports", "content": "x"}]}]}, "sports"),
        ({**MINIMAL, "heading_numbering": ["greek"]}, "greek"),
    ],
)
def test_bad_shapes_get_a_vietnamese_message_naming_the_place(data, fragment):
    with pytest.raises(InvalidPlanFile) as err:
        plan_file.from_dict(data)
    assert fragment in err.value.message


def test_not_json_and_renamed_xlsx_and_missing_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(InvalidPlanFile, match="JSON"):
        plan_file.read(bad)
    xlsx = tmp_path / "bang.json"
    xlsx.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(InvalidPlanFile, match="Word/Excel"):
        plan_file.read(xlsx)
    with pytest.raises(InvalidPlanFile, match="Không tìm thấy"):
        plan_file.read(tmp_path / "none.json")
    with pytest.raises(InvalidPlanFile, match="thư mục"):
        plan_file.read(tmp_path)


def test_too_large_file_is_refused_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr(plan_file, "MAX_FILE_BYTES", 1024)
    with pytest.raises(InvalidPlanFile, match="quá lớn"):
        plan_file.read(big)


def test_full_plan_round_trip_keeps_everything():
    plan = Plan(
        year=2024,
        summary="Cải cách hành chính năm 2024",
        number="09",
        date=DocDate(2024, 1, 15),
        sections=(Section("A", run_in=True, paragraphs=("- x", "+ y")),),
        appendices=(
            Appendix(
                title="T",
                headers=(("content", "Nhiệm vụ cụ thể"),),
                area="institutions",
                tasks=(Task(area="institutions", content="c", subtasks=(Task(content="s"),)),),
            ),
        ),
        heading_numbering=("roman", "arabic", "decimal"),
        subtask_numbering="letter",
        appendix_numbering="number",
        legal_bases_italic=False,
    )
    again = plan_file.loads(plan_file.dumps(plan))
    assert again == plan
