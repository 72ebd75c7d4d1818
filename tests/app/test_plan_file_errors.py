"""Characterisation: each way a plan file can be wrong, with the exact Vietnamese message."""

import pytest

from app import plan_file
from app.errors import InvalidPlanFile
from app.model import Appendix

F = {"format": "kehoach-cchc/1", "year": 2027}


def _nested(key: str, levels: int) -> list:
    inner: list = []
    for _ in range(levels):
        inner = [{key: inner}]
    return inner


CASES = [
    ({"format": "kehoach-cchc/2", "year": 2027},
     "Tệp dùng định dạng «kehoach-cchc/2» mới hơn phiên bản này hiểu (kehoach-cchc/1); hãy cập nhật phần mềm."),
    ({"format": 1, "year": 2027}, "Đây không phải tệp kế hoạch CCHC: khóa «format» phải là «kehoach-cchc/1»."),
    ({"format": "kehoach-cchc/1"}, "Tệp kế hoạch thiếu hoặc sai «year»: cần một năm, ví dụ 2027."),
    ({**F, "year": 2100}, "Năm 2100 ở «year» nằm ngoài khoảng cho phép (2000–2099)."),
    ({**F, "summary": 5}, "Tệp kế hoạch sai kiểu dữ liệu: «summary» phải là chuỗi văn bản."),
    ({**F, "legal_bases_italic": "yes"},
     "Tệp kế hoạch sai kiểu dữ liệu: «legal_bases_italic» phải là true hoặc false."),
    ({**F, "legal_bases": ["a", 1]}, "Tệp kế hoạch sai kiểu dữ liệu: «legal_bases» phải là danh sách chuỗi văn bản."),
    ({**F, "sections": {}}, "Tệp kế hoạch sai kiểu dữ liệu: «sections» phải là một danh sách […]."),
    ({**F, "sections": [5]}, "Tệp kế hoạch không đúng cấu trúc: sections[0] phải là một đối tượng {…}."),
    ({**F, "sections": _nested("sections", 7)},
     "Các mục lồng quá sâu ở «sections[0]" + ".sections[0]" * 6 + "» (tối đa 6 cấp)."),
    ({**F, "areas": [{"id": "a"}, {"id": "a"}]}, "Danh sách lĩnh vực «areas» có mã trống hoặc trùng nhau."),
    ({**F, "areas": [{"title": "Không mã"}]}, "Danh sách lĩnh vực «areas» có mã trống hoặc trùng nhau."),
    ({**F, "heading_numbering": ["roman", "bad"]},
     "Kiểu đánh số «bad» không có; dùng: roman, arabic, decimal, letter, none."),
    ({**F, "subtask_numbering": "roman"},
     "Giá trị «roman» ở «subtask_numbering» không hợp lệ; dùng một trong: decimal, letter."),
    ({**F, "appendix_numbering": "x"},
     "Giá trị «x» ở «appendix_numbering» không hợp lệ; dùng một trong: roman, number, arabic."),
    ({**F, "date": {"year": 2027, "month": 13}}, "Ngày tháng không hợp lệ ở «date.month»: 13 (để trống thì ghi null)."),
    ({**F, "date": {"year": 2027, "day": 3}}, "Ngày tháng không hợp lệ: có ngày mà thiếu tháng ở «date»."),
    ({**F, "date": {"year": 2027, "month": 2, "day": 29}}, "Ngày 29/2/2027 không có thật; sửa «date.day»."),
    ({**F, "signer": {"name": 1}}, "Tệp kế hoạch sai kiểu dữ liệu: «signer.name» phải là chuỗi văn bản."),
    ({**F, "period": {"from": 2027, "to": 2027}},
     "Giai đoạn «period» 2027 - 2027 phải gồm nhiều năm và chứa năm của kế hoạch (2027)."),
    ({**F, "period": {"from": 2028, "to": 2030}},
     "Giai đoạn «period» 2028 - 2030 phải gồm nhiều năm và chứa năm của kế hoạch (2027)."),
    ({**F, "decision": {"date": {"year": 2027, "month": 0}}},
     "Ngày tháng không hợp lệ ở «decision.date.month»: 0 (để trống thì ghi null)."),
    ({**F, "decision": []}, "Tệp kế hoạch không đúng cấu trúc: decision phải là một đối tượng {…}."),
    ({**F, "targets": [{"area": "khong-co"}]},
     "Lĩnh vực «khong-co» không có trong danh sách «areas» của kế hoạch; dùng một mã trong đó hoặc để trống."),
    ({**F, "appendices": [{"kind": "bảng"}]},
     "Giá trị «bảng» ở «appendices[0].kind» không hợp lệ; dùng một trong: tasks, targets."),
    ({**F, "appendices": [{"columns": ["content", "colour"]}]},
     "Cột «colour» ở «appendices[0].columns» không có; các cột dùng được: content, product, lead, partners, "
     "timeline, budget, monitor, note."),
    ({**F, "appendices": [{"kind": "targets", "columns": ["product"]}]},
     "Cột «product» ở «appendices[0].columns» không có; các cột dùng được: content, lead, partners, note."),
    ({**F, "appendices": [{"headers": ["content"]}]}, "«appendices[0].headers» phải là một đối tượng {tên cột: tiêu đề}."),
    ({**F, "appendices": [{"headers": {"content": 1}}]},
     "«appendices[0].headers» phải là một đối tượng {tên cột: tiêu đề}."),
    ({**F, "appendices": [{"kind": "targets", "tasks": [{}]}]},
     "Phụ lục chỉ tiêu «appendices[0]» không chứa nhiệm vụ; chỉ tiêu đặt ở khóa «targets»."),
    ({**F, "appendices": [{"tasks": _nested("subtasks", 4)}]},
     "Nhiệm vụ con lồng quá sâu ở «appendices[0].tasks[0].subtasks[0].subtasks[0].subtasks[0]» (tối đa 3 cấp)."),
    ({**F, "appendices": [{"area": "x"}]},
     "Lĩnh vực «x» không có trong danh sách «areas» của kế hoạch; dùng một mã trong đó hoặc để trống."),
    ({**F, "appendices": [{"tasks": [{"subtasks": [{"area": "x"}]}]}]},
     "Lĩnh vực «x» không có trong danh sách «areas» của kế hoạch; dùng một mã trong đó hoặc để trống."),
]  # fmt: skip


@pytest.mark.parametrize("data, message", CASES)
def test_each_mistake_has_its_message(data, message):
    with pytest.raises(InvalidPlanFile) as err:
        plan_file.from_dict(data)
    assert str(err.value) == message


def test_six_levels_of_sections_and_three_of_tasks_are_allowed():
    plan = plan_file.from_dict(
        {**F, "sections": _nested("sections", 6), "appendices": [{"tasks": _nested("subtasks", 3)}]}
    )
    assert plan.sections[0].sections[0].sections[0].sections[0].sections[0].sections[0].sections == ()
    assert plan.appendices[0].tasks[0].subtasks[0].subtasks[0].subtasks == ()


def test_defaults_and_cleaning_when_keys_are_null_or_missing():
    plan = plan_file.from_dict(
        {
            **F,
            "appendices": [{"kind": "targets"}, {"headers": {"content": " A\u0301 ", "zzz": "B"}, "columns": None}],
            "areas": None,
            "heading_numbering": None,
            "symbol": None,
            "footnotes_restart": True,
        }
    )
    assert plan.appendices == (
        Appendix(kind="targets", columns=("content", "lead", "partners", "note")),
        Appendix(columns=("content", "product", "lead", "partners", "timeline"), headers=(("content", " Á "),)),
    )
    assert [a.id for a in plan.areas][:2] == ["institutions", "procedures"] and len(plan.areas) == 7
    assert plan.heading_numbering == ("roman", "arabic", "letter") and plan.symbol == "KH-UBND"
    assert plan.footnotes_restart and '"footnotes_restart": true' in plan_file.dumps(plan)


MULTILINE = "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ SƠN\r\n" + "Đ" * 5000 + "\u2028x"


@pytest.mark.parametrize(
    "data",
    [
        {**F, "appendix_numbering": MULTILINE},
        {**F, "subtask_numbering": MULTILINE},
        {**F, "heading_numbering": [MULTILINE]},
        {**F, "format": "kehoach-cchc/" + MULTILINE},
        {**F, "format": "kehoach-cchc/e\u0301"},  # NFD: not cleaned before it is shown
        {**F, "targets": [{"area": MULTILINE}]},
        {**F, "appendices": [{"kind": MULTILINE}]},
        {**F, "appendices": [{"columns": ["content", MULTILINE]}]},
        {**F, "appendices": [{"columns": [MULTILINE, MULTILINE]}]},
    ],
)
def test_a_value_quoted_from_the_file_stays_one_short_nfc_line(data):
    """Found by the fuzzer: a value copied from elsewhere in the plan (the agency's two lines) put
    its line break into the refusal, which must be one line."""
    import unicodedata

    with pytest.raises(InvalidPlanFile) as err:
        plan_file.from_dict(data)
    message = str(err.value)
    assert "\n" not in message and "\r" not in message and "\u2028" not in message, message
    assert len(message) < 300, len(message)
    assert unicodedata.normalize("NFC", message) == message
    assert "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN" in message or "kehoach-cchc/é" in message
