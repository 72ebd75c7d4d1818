"""The table reader opens only the main document of a .docx (app.importing.word_body)."""

import io
import zipfile

import docx
import pytest

from app.importing import read_file
from app.importing.safety import ImportFileError


def _word_file(path, rows=3):
    d = docx.Document()
    d.add_paragraph("PHỤ LỤC")
    t = d.add_table(rows=rows + 1, cols=3)
    for c, h in enumerate(("STT", "Nội dung", "Đơn vị chủ trì")):
        t.cell(0, c).text = h
    for r in range(1, rows + 1):
        t.cell(r, 0).text, t.cell(r, 1).text, t.cell(r, 2).text = str(r), f"Nhiệm vụ {r}", "Văn phòng"
    d.save(path)
    return path


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin:
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    dst.write_bytes(out.getvalue())
    return dst


def _contents(result):
    return [r.fields["content"] for r in result.rows if r.kind == "task"]


def test_reads_the_tasks(tmp_path):
    result = read_file(_word_file(tmp_path / "a.docx"))
    assert _contents(result) == ["Nhiệm vụ 1", "Nhiệm vụ 2", "Nhiệm vụ 3"]


def test_a_damaged_part_the_tables_do_not_use_is_not_read(tmp_path):
    """python-docx's Document() parsed styles.xml too and refused the whole file for it."""
    src = _word_file(tmp_path / "a.docx")

    def break_styles(m):
        m["word/styles.xml"] = b"<w:styles xmlns:w='x'><unclosed>"

    result = read_file(_rewrite(src, tmp_path / "b.docx", break_styles))
    assert len(_contents(result)) == 3


def test_the_main_part_is_found_by_its_relationship(tmp_path):
    src = _word_file(tmp_path / "a.docx")

    def move_main(m):
        m["word/main.xml"] = m["word/document.xml"]
        m["word/document.xml"] = b"<nothing/>"
        m["word/_rels/main.xml.rels"] = m.pop("word/_rels/document.xml.rels")
        m["_rels/.rels"] = m["_rels/.rels"].replace(b'Target="word/document.xml"', b'Target="/word/./main.xml"')
        m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(b"/word/document.xml", b"/WORD/MAIN.XML")

    result = read_file(_rewrite(src, tmp_path / "b.docx", move_main))
    assert len(_contents(result)) == 3


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.__setitem__("_rels/.rels", m["_rels/.rels"].replace(b'officeDocument"', b'other"')),
        lambda m: m.__setitem__(
            "[Content_Types].xml", m["[Content_Types].xml"].replace(b"document.main+xml", b"template.main+xml")
        ),
        lambda m: m.__setitem__("word/document.xml", b"<root/>"),
        lambda m: m.__setitem__("word/document.xml", b"<w:document"),
        lambda m: m.pop("[Content_Types].xml"),
    ],
    ids=["no-main-relationship", "not-a-document-type", "not-a-document", "unparsable", "no-content-types"],
)
def test_a_package_without_a_word_document_is_refused_in_vietnamese(tmp_path, change):
    src = _word_file(tmp_path / "a.docx")
    with pytest.raises(ImportFileError) as e:
        read_file(_rewrite(src, tmp_path / "b.docx", change))
    assert "Không mở được tệp Word" in str(e.value) or "không phải" in str(e.value)
