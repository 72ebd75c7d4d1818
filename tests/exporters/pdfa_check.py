"""A checker of PDF/A-2b for our exports: pypdf and a byte-level look at the file, against the rules
of ISO 19005-2 that our files could break. Used by tests/exporters/test_pdfa.py, the export
dialog's test and the bundle test (loaded by path: the tests are not a package).

veraPDF (the reference validator, Java) is not installable here, so this is what vouches for the
files: identification and metadata (6.6), output intent (6.2.3), colour spaces and transparency
(6.2.4, 6.2.10), fonts (6.2.11), stream and file structure (6.1), encryption and the trailer /ID
(6.1.3). It does not parse fonts beyond their cmap, nor check glyph widths against the program.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, StreamObject

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}
STANDARD_14 = {
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
    "Courier-BoldOblique", "Symbol", "ZapfDingbats",
}  # fmt: skip
# Info entry -> (XMP property path, how the value sits there)
INFO_XMP = {
    "/Title": "dc:title/rdf:Alt/rdf:li",
    "/Author": "dc:creator/rdf:Seq/rdf:li",
    "/Subject": "dc:description/rdf:Alt/rdf:li",
    "/Keywords": "pdf:Keywords",
    "/Creator": "xmp:CreatorTool",
    "/Producer": "pdf:Producer",
    "/CreationDate": "xmp:CreateDate",
    "/ModDate": "xmp:ModifyDate",
}


# ---------------------------------------------------------------- the checker
def _xmp_value(root: ET.Element, path: str) -> str | None:
    for desc in root.iter(f"{{{NS['rdf']}}}Description"):
        found = desc.find(path, NS)
        if found is not None:
            return found.text or ""
    return None


def _pdf_date_as_xmp(value: str) -> str:
    """D:20270115093000+07'00' -> 2027-01-15T09:30:00+07:00"""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d)'(\d\d)'?", value)
    assert m, value
    y, mo, d, h, mi, s, tzh, tzm = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{tzh}:{tzm}"


def _metadata_problems(reader: PdfReader) -> list[str]:
    root = reader.trailer["/Root"]
    if "/Metadata" not in root:
        return ["6.6.2.1: no /Metadata in the Catalog"]
    meta = root["/Metadata"].get_object()
    out = []
    if meta.get("/Type") != "/Metadata" or meta.get("/Subtype") != "/XML":
        out.append("6.6.2.1: the metadata stream is not /Type /Metadata /Subtype /XML")
    if "/Filter" in meta:
        out.append("metadata stream is filtered (kept plain, readable by any tool)")
    data = meta.get_data()
    header = data[: data.index(b"?>")]
    if b"bytes=" in header or b"encoding=" in header:
        out.append("6.6.2.1: bytes or encoding attribute in the xpacket header")
    xmp = ET.fromstring(data.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    if _xmp_value(xmp, "pdfaid:part") != "2" or _xmp_value(xmp, "pdfaid:conformance") != "B":
        out.append("6.6.4: pdfaid:part is not 2 or pdfaid:conformance is not B")
    info = reader.trailer["/Info"].get_object()
    for key, value in info.items():
        if key not in INFO_XMP:
            out.append(f"Info {key} has no XMP counterpart")
            continue
        expected = _pdf_date_as_xmp(str(value)) if key.endswith("Date") else str(value)
        if _xmp_value(xmp, INFO_XMP[key]) != expected:
            out.append(f"Info {key} {value!r} differs from XMP {INFO_XMP[key]} {_xmp_value(xmp, INFO_XMP[key])!r}")
    return out


def icc_header(profile: bytes) -> tuple[str, str, int]:
    return profile[12:16].decode("latin-1"), profile[16:20].decode("latin-1"), profile[8]


def _output_intent_problems(reader: PdfReader) -> list[str]:
    intents = reader.trailer["/Root"].get("/OutputIntents")
    if not intents:
        return ["6.2.3: no /OutputIntents in the Catalog (DeviceRGB needs an RGB one)"]
    out = []
    for oi in intents:
        oi = oi.get_object()
        if oi.get("/S") != "/GTS_PDFA1" or not oi.get("/OutputConditionIdentifier"):
            out.append(f"6.2.3: output intent is not /GTS_PDFA1 with an identifier: {dict(oi)}")
        ref = oi.raw_get("/DestOutputProfile")
        profile = ref.get_object() if ref is not None else None
        if not isinstance(ref, IndirectObject) or not isinstance(profile, StreamObject) or profile.get("/N") != 3:
            out.append("6.2.3: DestOutputProfile is not an indirect ICC stream with /N 3")
            continue
        device_class, colour_space, major = icc_header(profile.get_data())
        if device_class not in ("mntr", "prtr") or colour_space != "RGB " or major >= 5:
            out.append(f"6.2.3-1: ICC profile {device_class!r} {colour_space!r} v{major}")
    return out


def _cmap_subtables(font_program: bytes) -> int:
    """How many encodings the 'cmap' table of a TrueType program holds."""
    num_tables = struct.unpack(">H", font_program[4:6])[0]
    for i in range(num_tables):
        tag, _sum, offset, _len = struct.unpack(">4sIII", font_program[12 + 16 * i : 28 + 16 * i])
        if tag == b"cmap":
            return struct.unpack(">H", font_program[offset + 2 : offset + 4])[0]
    return 0


def _font_problems(font: DictionaryObject, name: str) -> list[str]:
    base = str(font.get("/BaseFont", "")).lstrip("/")
    if base.split("+")[-1] in STANDARD_14:
        return [f"6.2.11.4: standard-14 font {base} in {name}"]
    holder = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    desc = holder.get("/FontDescriptor")
    files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if desc is not None and k in desc.get_object()]
    if not files:
        return [f"6.2.11.4: font {base} in {name} is not embedded"]
    out = []
    if font.get("/Subtype") == "/TrueType":
        symbolic = int(desc.get_object().get("/Flags", 0)) & 4
        if symbolic and "/Encoding" in font:
            out.append(f"6.2.11.6: symbolic TrueType {base} has an /Encoding")
        program = desc.get_object()[files[0]].get_object().get_data()
        if symbolic and _cmap_subtables(program) != 1:
            out.append(f"6.2.11.6: symbolic TrueType {base} has {_cmap_subtables(program)} cmap subtables")
        if len(font["/Widths"]) != font["/LastChar"] - font["/FirstChar"] + 1:
            out.append(f"6.2.11.2: {base} Widths does not cover FirstChar..LastChar")
    return out


def _resources_problems(res: DictionaryObject, name: str) -> list[str]:
    out = []
    for font in (res.get("/Font") or {}).values():
        out += _font_problems(font.get_object(), name)
    for gs in (res.get("/ExtGState") or {}).values():
        gs = gs.get_object()
        if "/SMask" in gs and gs["/SMask"] != "/None" or float(gs.get("/CA", 1)) < 1 or float(gs.get("/ca", 1)) < 1:
            out.append(f"transparency in {name}: {dict(gs)}")
        if "/TR" in gs or "/HTP" in gs:
            out.append(f"6.2.5: /TR or /HTP in an ExtGState of {name}")
    for xo in (res.get("/XObject") or {}).values():
        xo = xo.get_object()
        if "/SMask" in xo or "/OPI" in xo or xo.get("/Subtype") == "/PS":
            out.append(f"6.2.8/6.2.9: SMask, OPI or PostScript XObject in {name}")
        if xo.get("/Subtype") == "/Form" and "/Resources" in xo:
            out += _resources_problems(xo["/Resources"].get_object(), f"{name} form")
    return out


_CMYK_OR_SPOT = {b"k", b"K", b"cs", b"CS", b"sc", b"SC", b"scn", b"SCN"}  # all we draw is DeviceRGB/Gray


def _page_problems(reader: PdfReader) -> list[str]:
    out = []
    for i, page in enumerate(reader.pages, 1):
        name = f"page {i}"
        out += _resources_problems(page.get("/Resources", DictionaryObject()).get_object(), name)
        if "/Group" in page or "/AA" in page:
            out.append(f"{name} has a transparency /Group or additional actions")
        for annot in page.get("/Annots") or ArrayObject():
            flags = int(annot.get_object().get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32):
                out.append(f"6.3.2: annotation on {name} is not printable or is hidden")
        contents = page.get_contents()
        operators = {op for _, op in ContentStream(contents, reader).operations} if contents is not None else set()
        if operators & _CMYK_OR_SPOT:
            out.append(f"6.2.4.3: {name} paints in DeviceCMYK or a named colour space")
    return out


def _structure_problems(raw: bytes, reader: PdfReader) -> list[str]:
    out = []
    if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", raw):
        out.append("6.1.2: header is not %PDF-1.n followed by a binary comment")
    if "/ID" not in reader.trailer:
        out.append("6.1.3: trailer without /ID")
    if not re.search(rb"%%EOF(\r\n|\r|\n)?\Z", raw):
        out.append("6.1.3: data after the last %%EOF")
    for num, offset in reader.xref[0].items():
        obj = reader.get_object(num)
        if not isinstance(obj, StreamObject):
            continue
        if any(k in obj for k in ("/F", "/FFilter", "/FDecodeParms")):
            out.append(f"6.1.7: stream {num} refers to an external file")
        if "/LZWDecode" in str(obj.get("/Filter", "")):
            out.append(f"6.1.7: stream {num} uses LZWDecode")
        m = re.compile(rb"stream(\r\n|\n)").search(raw, offset)
        length = re.search(rb"/Length (\d+)( 0 R)?", raw[offset : m.start()]) if m else None
        if m is None or length is None:
            out.append(f"6.1.7: stream {num}: no stream keyword with an EOL, or no /Length")
            continue
        n = int(length.group(1))
        end = m.end() + (int(reader.get_object(n)) if length.group(2) else n)
        if not re.match(rb"(\r\n|\r|\n)endstream", raw[end : end + 12]):
            out.append(f"6.1.7: stream {num}: no EOL then endstream right after /Length bytes")
    return out


def pdfa_problems(path: Path) -> list[str]:
    """Every breach of the PDF/A-2b rules checked here (empty list: none found)."""
    raw = path.read_bytes()
    reader = PdfReader(str(path))
    if reader.is_encrypted:  # 6.1.3; nothing more can be read without the password
        return ["6.1.3: encrypted (/Encrypt in the trailer)"]
    return (
        _structure_problems(raw, reader)
        + _metadata_problems(reader)
        + _output_intent_problems(reader)
        + _page_problems(reader)
    )
