"""Fuzz harnesses: seeds exported by the app itself, mutators that keep the files' structure, and
the rule every input must satisfy.

The rule: a hostile input gives a result, or the app's own error (`app.errors.UserError`) with
one Vietnamese line, never any other exception. `bench/fuzz.py` adds the time (5 s) and memory
(300 MB) caps over long runs; `tests/fuzz/test_fuzz.py` runs each harness briefly with hypothesis
(whose `st.randoms()` drives the same mutators, so failures shrink).

Harnesses call only the public entry points: `app.plan_file.read`, `app.importing.read_file`
(the .docx/.xlsx table readers and the table parser), `app.legacy_encoding`'s converters.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from random import Random
from typing import Any

from app import plan_file
from app.errors import UserError
from app.legacy_encoding import TCVN3, VNI, convert_if_legacy, from_unicode, to_unicode

TIME_LIMIT_S = 5.0
# Pasted text: five cells at the planned 20,000-character cell limit (the converter is linear: ~7 µs a character).
MAX_TEXT = 100_000
# A mutated XML member stays under the size of a real appendix table's (the import's own limit is 50 MB).
MAX_MEMBER = 4 * 1024 * 1024
MEMORY_LIMIT_MB = 300


class RuleBroken(AssertionError):
    """The input got an answer that is neither a result nor a proper Vietnamese refusal."""


# ---------------------------------------------------------------- the rule


def is_vietnamese_line(message: str) -> bool:
    """One non-empty NFC line, without a traceback, with at least one Vietnamese letter."""
    if not message or "\n" in message or "Traceback" in message:
        return False
    if unicodedata.normalize("NFC", message) != message:
        return False
    decomposed = unicodedata.normalize("NFD", message)
    return "đ" in message.lower() or any(unicodedata.combining(c) for c in decomposed)


def refused(err: UserError) -> str:
    if not is_vietnamese_line(err.message) or str(err) != err.message:
        raise RuleBroken(f"refusal is not one Vietnamese line: {err.message!r}")
    return "refused"


# ---------------------------------------------------------------- seeds


def sample_plan():
    """The plan the window opens on at first start (app.ops.plans.ensure_sample_plan)."""
    from app.ops.plans import SAMPLE_AGENCY, SAMPLE_TEMPLATE, planning_year, sample_plan
    from app.templates import instantiate

    return sample_plan(instantiate(SAMPLE_TEMPLATE, planning_year(), SAMPLE_AGENCY))


def _small_plan(plan):
    """The sample cut to its first appendix and three tasks: the same shapes, read ten times faster."""
    first = plan.appendices[0]
    return replace(plan, appendices=(replace(first, tasks=first.tasks[:3]),))


def build_seeds(folder: Path) -> dict[str, list[Any]]:
    """Seeds per harness: the sample plan (whole and cut down) exported to JSON, DOCX and XLSX by
    the app's own writers, and its texts, as typed and in TCVN3 and VNI, for the converter."""
    from exporters.api import ExportRequest, export_plan

    folder.mkdir(parents=True, exist_ok=True)
    plans = {"sample": sample_plan()}
    plans["small"] = _small_plan(plans["sample"])
    seeds: dict[str, list[Any]] = {"plan_file": [], "docx": [], "xlsx": [], "legacy": []}
    for name, plan in plans.items():
        export_plan(plan, ExportRequest(docx=folder / f"{name}.docx", xlsx=folder / f"{name}.xlsx"))
        seeds["docx"].append((folder / f"{name}.docx").read_bytes())
        seeds["xlsx"].append((folder / f"{name}.xlsx").read_bytes())
        seeds["plan_file"].append(plan_file.dumps(plan).encode("utf-8"))
    texts = sorted({t for t in _strings(json.loads(seeds["plan_file"][0])) if len(t) > 3})
    seeds["legacy"] = texts + [from_unicode(t, enc) for t in texts for enc in (TCVN3, VNI)]
    return seeds


def _strings(node: Any):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


# ---------------------------------------------------------------- byte mutations

INTERESTING_BYTES = b'\x00\xff\x7f\x80"\\<>&{}[],:\n\r\t0-9e.'


def mutate_bytes(rng: Random, data: bytes, pool: list[bytes], rounds: int = 0) -> bytes:
    b = bytearray(data)
    for _ in range(rounds or rng.randint(1, 8)):
        if not b:
            b.extend(rng.choice(pool)[:64] or b"{")
        i = rng.randrange(len(b))
        op = rng.randrange(8)
        if op == 0:
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            b[i] = rng.choice(INTERESTING_BYTES)
        elif op == 2:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 3:
            del b[i : i + rng.randint(1, 64)]
        elif op == 4:
            j = rng.randrange(len(b))
            b[j:j] = b[i : i + rng.randint(1, 256)] * rng.choice((1, 2, 16))
        elif op == 5:
            other = rng.choice(pool)
            k = rng.randrange(len(other) + 1)
            b[i:i] = other[k : k + rng.randint(1, 512)]
        elif op == 6:
            del b[i:]
        else:
            b[i : i + 1] = rng.choice(INTERESTING_BYTES).to_bytes(1, "big") * rng.choice((2, 64, 4096))
    return bytes(b)


# ---------------------------------------------------------------- JSON (plan file) mutations

LONG = "Đ" * 30_000
INTERESTING_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    12,
    31,
    2027,
    1899,
    2100,
    2**31,
    2**63,
    -(2**63),
    1e308,
    -0.0,
    0.5,
    "",
    " ",
    "…",
    "2027",
    "\u202eđảo chiều",
    "\x00\x07",
    "\ud800",
    '=HYPERLINK("x")',
    "kehoach-cchc/1",
    "kehoach-cchc/99",
    "Cải cách thể chế",
    "content",
    LONG,
    [],
    {},
    [[]],
    {"": None},
    ["a", 1, None],
]


def _location(rng: Random, doc: Any) -> tuple[Any, Any] | None:
    """A random (container, key) pair of a JSON document, found by a random walk down from the
    top that stops at each level with a fixed chance (every place is reachable, at the cost of
    the depth, not of the size: listing every place of a 55 KB plan cost a millisecond)."""
    found, node = None, doc
    while isinstance(node, (dict, list)) and node:
        key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        found = (node, key)
        if rng.random() < 0.25:
            break
        node = node[key]
    return found


_GROWTH = 2_000_000  # what one change may add: files stay near the 20 MB a plan file may have


def _json_op(rng: Random, doc: Any) -> Any:
    loc = _location(rng, doc)
    if loc is None:
        return rng.choice(INTERESTING_VALUES)
    parent, key = loc
    op = rng.randrange(7)
    if op == 0:
        parent[key] = rng.choice(INTERESTING_VALUES)
    elif op == 1:  # a value from elsewhere (at most 2 MB of it): types and shapes confused
        other, okey = _location(rng, doc) or loc
        one = json.dumps(other[okey])
        if len(one) < _GROWTH:
            parent[key] = json.loads(one)
    elif op == 2:
        del parent[key]
    elif op == 3 and isinstance(parent, list):  # many copies (at most 2 MB more): big plans
        one = json.dumps(parent[key])
        copies = min(rng.choice((1, 5, 100)), _GROWTH // len(one))
        parent[key + 1 : key + 1] = [json.loads(one) for _ in range(copies)]
    elif op == 4:  # deep nesting
        value = parent[key]
        for _ in range(rng.choice((2, 50, 400))):
            value = [value] if rng.random() < 0.5 else {rng.choice(("subtasks", "sections")): [value]}
        parent[key] = value
    elif op == 5 and isinstance(parent, dict):
        parent[rng.choice(["unknown", "", "format", "year", "tasks", "columns", "headers", "period", "decision"])] = (
            rng.choice(INTERESTING_VALUES)
        )
    elif isinstance(parent[key], str):
        s = parent[key]
        parent[key] = s * min(rng.choice((2, 50)), max(1, _GROWTH // len(s))) if s else rng.choice(("1", "Đ"))
    return doc


# Number literals Python reads specially: the longest integer it converts (4,300 digits) and one
# beyond it, overflow, the names JSON forbids.
NUMBER_LITERALS = (b"9" * 4300, b"9" * 5000, b"1e999", b"-0", b"NaN", b"Infinity", b"-Infinity")
_NUMBER = re.compile(rb"(?<=[:\[, ])-?\d+(?:\.\d+)?(?=[,\]\n }])")


_PARSED: dict[bytes, str] = {}  # seed -> its JSON re-dumped compactly: parsed once, copied by the C decoder


def _parsed(data: bytes) -> Any:
    compact = _PARSED.get(data)
    if compact is None:
        doc = json.loads(data)
        compact = json.dumps(doc)
        if len(_PARSED) < 32:
            _PARSED[data] = compact
    return json.loads(compact)


def mutate_json(rng: Random, data: bytes, pool: list[bytes]) -> bytes:
    """A structural change of the plan file (values, types, copies, nesting), then sometimes a
    textual one (a number literal Python cannot hold, a few raw bytes). Indented like the app's
    own files one time in fifty (json's indenting encoder is pure Python, ten times slower)."""
    try:
        doc = _parsed(data)
    except (ValueError, RecursionError):
        return mutate_bytes(rng, data, pool)
    for _ in range(rng.randint(1, 4)):
        doc = _json_op(rng, doc)
    try:
        indent = 2 if rng.random() < 0.02 else None
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.2, indent=indent).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        return mutate_bytes(rng, data, pool)
    roll = rng.random()
    if roll < 0.1:
        numbers = list(_NUMBER.finditer(text))
        if numbers:
            m = rng.choice(numbers)
            text = text[: m.start()] + rng.choice(NUMBER_LITERALS) + text[m.end() :]
    elif roll < 0.2:
        text = mutate_bytes(rng, text, pool, rounds=rng.randint(1, 3))
    return text


# ---------------------------------------------------------------- zip/XML (docx, xlsx) mutations

ATTR_VALUES = [
    "",
    "0",
    "-1",
    "1",
    "2",
    "7",
    "64",
    "65",
    "1000",
    "16384",
    "1048576",
    "4294967297",
    "99999999999999999999",
    "abc",
    "A1",
    "XFD1048576",
    "A1:XFD1",
    "A1:A1048576",
    "A1:Z1000",
    "B2:A1",
    "restart",
    "continue",
    "true",
    "s",
    "str",
    "inlineStr",
    "n",
    "e",
    "NaN",
]
TEXTS = [
    "",
    " ",
    "1",
    "999",
    "1000",
    "1.1",
    "2.1.3.4",
    "a)",
    "b.",
    "I",
    "IV.3",
    "-",
    "…",
    "TT",
    "STT",
    "Nội dung",
    "Sản phẩm",
    "Thời gian thực hiện",
    "Đơn vị chủ trì",
    "Cải cách thể chế",
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "=HYPERLINK(&quot;http://x&quot;)",
    "\u202e",
    "&#1;",
    "&amp;&lt;",
    "<",
    "]]>",
    "Năm 2026, năm 2027",
    "x" * 100_000,
    "Đ" * 20_000,
    "𝕏🙂",
]
# Elements worth copying, dropping or moving (Word rows/cells/paragraphs/runs, Excel rows/cells/merges/sheets).
_ELEMENT = re.compile(
    r"<(w:tbl|w:tr|w:tc|w:p|w:r|w:t|w:tcPr|w:gridCol|w:gridSpan|w:vMerge|row|c|v|si|t|mergeCell|sheet|"
    r"dimension|col|Override|Relationship)\b[^>]*?(?:/>|>.*?</\1>)",
    re.S,
)
_ATTR = re.compile(r'(\s[\w:]+=")([^"]*)(")')
_TEXT = re.compile(r"(>)([^<>]{1,2000})(</(?:w:t|t|v)>)")
# Elements a reader gives meaning to, injected where the file had none.
INJECT = [
    '<w:gridSpan w:val="{n}"/>',
    '<w:vMerge w:val="restart"/>',
    "<w:vMerge/>",
    '<w:gridBefore w:val="{n}"/>',
    '<mergeCell ref="{ref}"/>',
    '<dimension ref="{ref}"/>',
    '<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>',
    '<row r="{n}"><c r="{cell}"><v>{n}</v></c></row>',
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/x" Target="{text}"/>',
]


def _member_weight(name: str) -> int:
    if name in ("word/document.xml", "xl/workbook.xml", "xl/sharedStrings.xml") or name.startswith("xl/worksheets/"):
        return 8
    return 1 if name.endswith((".xml", ".rels")) else 0


def _xml_op(rng: Random, text: str) -> str:
    op = rng.randrange(6)
    if op == 0:  # copy, drop or move an element
        found = list(_ELEMENT.finditer(text))
        if found:
            m = rng.choice(found)
            how = rng.randrange(3)
            if how == 0:
                copies = min(rng.choice((1, 2, 10, 300)), MAX_MEMBER // max(1, len(m.group())))
                return text[: m.end()] + m.group() * copies + text[m.end() :]
            if how == 1:
                return text[: m.start()] + text[m.end() :]
            to = rng.choice(found)
            if to.start() > m.end():
                return text[: m.start()] + text[m.end() : to.start()] + m.group() + text[to.start() :]
        return text
    if op == 1:  # an attribute's value
        found = list(_ATTR.finditer(text))
        if found:
            m = rng.choice(found)
            return text[: m.start(2)] + rng.choice(ATTR_VALUES) + text[m.end(2) :]
        return text
    if op == 2:  # a cell's or a run's text
        found = list(_TEXT.finditer(text))
        if found:
            m = rng.choice(found)
            return text[: m.start(2)] + rng.choice(TEXTS) + text[m.end(2) :]
        return text
    if op == 3:  # an element a reader gives meaning to, where it may not belong
        tags = [m.end() for m in re.finditer(r"<[\w:]+[^>]*?>", text)]
        at = rng.choice(tags) if tags else len(text)
        snippet = rng.choice(INJECT).format(
            n=rng.choice(ATTR_VALUES[1:13]),
            ref=rng.choice(ATTR_VALUES[14:20]),
            cell=rng.choice(("A1", "XFD1048576", "C7")),
            text=rng.choice(TEXTS[:29]),
        )
        return text[:at] + snippet * rng.choice((1, 1, 50)) + text[at:]
    raw = mutate_bytes(rng, text.encode("utf-8"), [text.encode("utf-8")], rounds=rng.randint(1, 4))
    return raw.decode("utf-8", "replace")


_MEMBERS: dict[bytes, list[tuple[zipfile.ZipInfo, bytes]]] = {}  # seed -> its members, unpacked once


def _read_zip(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    members = _MEMBERS.get(data)
    if members is None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(i, zf.read(i)) for i in zf.infolist()]
        if len(_MEMBERS) < 32:
            _MEMBERS[data] = members
    return list(members)  # the mutators replace items, never change them


_PACKED: dict[int, tuple[bytes, int]] = {}  # id of a seed member's bytes -> (raw deflate, crc32)
_DOS_TIME, _DOS_DATE = 0, (2026 - 1980) << 9 | 1 << 5 | 1  # 2026-01-01 00:00


def _pack(data: bytes, stored: bool) -> tuple[int, bytes, int]:
    """(method, bytes in the archive, crc32). A seed's unchanged members (most of a .docx: styles,
    numbering, theme…) are deflated once per worker, not once per input."""
    if stored:
        return 0, data, zlib.crc32(data)
    packed = _PACKED.get(id(data))
    if packed is None:
        c = zlib.compressobj(1, zlib.DEFLATED, -15)
        packed = (c.compress(data) + c.flush(), zlib.crc32(data))
        if any(data is m for seed in _MEMBERS.values() for _, m in seed):
            _PACKED[id(data)] = packed  # the seed's bytes live as long as _MEMBERS: the id stays theirs
    return 8, packed[0], packed[1]


def _write_zip(members: list[tuple[zipfile.ZipInfo, bytes]], rng: Random) -> bytes:
    """Deflated as Word and Excel write them, at the fastest level (what the reader inflates is
    the same), and stored one member in ten. Written here rather than by zipfile so unchanged
    members keep their deflated bytes; names as given (duplicates, empty, '../'), UTF-8 flagged."""
    out, central = bytearray(), bytearray()
    for info, data in members:
        name = info.filename.encode("utf-8", "surrogatepass")
        flags = 0x800 if not name.isascii() else 0
        method, packed, crc = _pack(data, rng.random() < 0.1)
        fields = (20, flags, method, _DOS_TIME, _DOS_DATE, crc, len(packed), len(data), len(name))
        central += struct.pack("<4s2H4H3L3H2H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, len(out)) + name
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + name + packed
    n = len(members)
    return bytes(out + central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, len(central), len(out), 0))


def _archive_op(rng: Random, members: list[tuple[zipfile.ZipInfo, bytes]]) -> None:
    i = rng.randrange(len(members))
    info, data = members[i]
    op = rng.randrange(5)
    if op == 0:
        del members[i]
    elif op == 1:
        members.append((zipfile.ZipInfo(info.filename), data))  # the same name twice
    elif op == 2:
        other = rng.choice(members)[0].filename
        members[i] = (zipfile.ZipInfo(rng.choice((other, "", "../" + info.filename, info.filename.upper()))), data)
    elif op == 3:
        members[i] = (info, data[: rng.randrange(len(data) + 1)])
    else:
        members.insert(rng.randrange(len(members) + 1), (zipfile.ZipInfo("xl/worksheets/sheet99.xml"), data))


def mutate_zip(rng: Random, data: bytes, pool: list[bytes]) -> bytes:
    """Mostly changes inside the XML members (structure, attributes, text), sometimes to the
    archive's list of members, rarely to the raw bytes of the file."""
    try:
        members = _read_zip(data)
    except Exception:
        return mutate_bytes(rng, data, pool)
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.8 or not members:
            weighted = [(k, _member_weight(info.filename)) for k, (info, _) in enumerate(members)]
            weighted = [(k, w) for k, w in weighted if w]
            if not weighted:
                break
            k = rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]
            info, raw = members[k]
            members[k] = (info, _xml_op(rng, raw.decode("utf-8", "replace")).encode("utf-8"))
        else:
            _archive_op(rng, members)
    out = _write_zip(members, rng)
    return mutate_bytes(rng, out, pool, rounds=rng.randint(1, 3)) if rng.random() < 0.05 else out


# ---------------------------------------------------------------- text (legacy encoding) mutations

_CHAR_POOLS = [
    "".join(chr(c) for c in range(0x80, 0x100)),  # where TCVN3 and VNI live
    "ùøûõïáàåãäéèúüëâêôöñíìæóòî",  # VNI marks and letters
    "".join(chr(c) for c in range(0x300, 0x324)),  # combining marks
    "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ",
    " \n\t.,;:()-–…\"'",
    "\x00\x1f\x7f\u202e\u200b\ufeff\ud800\udfff",
    "𝕏🙂\U0010ffff",
]


# insert, delete, splice, capitals, repeat (long texts: rare, they cost ~7 µs a character), legacy-encode
_TEXT_OP_WEIGHTS = (4, 3, 3, 1, 0.3, 2)


def mutate_text(rng: Random, text: str, pool: list[str]) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(chars) + 1)
        op = rng.choices(range(6), _TEXT_OP_WEIGHTS)[0]
        if op == 0:
            chars[i:i] = [rng.choice(rng.choice(_CHAR_POOLS)) for _ in range(rng.randint(1, 8))]
        elif op == 1:
            del chars[i : i + rng.randint(1, 8)]
        elif op == 2:
            other = rng.choice(pool)
            k = rng.randrange(len(other) + 1)
            chars[i:i] = list(other[k : k + rng.randint(1, 200)])
        elif op == 3:
            chars = [c.upper() if rng.random() < 0.5 else c for c in chars]
        elif op == 4:
            chars = chars * rng.choice((2, 10, 100))
        else:
            chars[i:i] = list(from_unicode(rng.choice(pool), rng.choice((TCVN3, VNI))))
        del chars[MAX_TEXT:]
    return "".join(chars)


# ---------------------------------------------------------------- targets


def run_plan_file(data: bytes, workdir: Path) -> str:
    path = workdir / "kế hoạch.json"
    path.write_bytes(data)
    try:
        plan = plan_file.read(path)
    except UserError as err:
        return refused(err)
    # What was accepted can be written back: `plan_file.dumps` is this with indent=2, which makes
    # json use its pure-Python encoder (most of the harness's time): same values, same failures.
    json.dumps(plan_file.to_dict(plan), ensure_ascii=False).encode("utf-8")
    return "ok"


def _run_table(data: bytes, workdir: Path, suffix: str) -> str:
    from app.importing import read_file

    path = workdir / f"phụ lục{suffix}"
    path.write_bytes(data)
    try:
        result = read_file(path)
    except UserError as err:
        return refused(err)
    result.counts()
    return "ok"


def run_docx(data: bytes, workdir: Path) -> str:
    return _run_table(data, workdir, ".docx")


def run_xlsx(data: bytes, workdir: Path) -> str:
    return _run_table(data, workdir, ".xlsx")


def run_legacy(text: str, workdir: Path) -> str:
    """The converter never refuses: any text gives Unicode text, at most a little longer."""
    out, enc = convert_if_legacy(text)
    if not isinstance(out, str) or enc not in (None, TCVN3, VNI) or (enc is None and out != text):
        raise RuleBroken(f"convert_if_legacy gave {type(out).__name__}, {enc!r}")
    for e in (TCVN3, VNI):
        converted = to_unicode(text, e)
        if len(converted) > 3 * len(text) + 16 or unicodedata.normalize("NFC", converted) != converted:
            raise RuleBroken(f"to_unicode({e}) is not NFC or grew too much")
        from_unicode(text, e)
    return "ok"


@dataclass(frozen=True)
class Harness:
    name: str
    mutate: Callable[[Random, Any, list[Any]], Any]
    run: Callable[[Any, Path], str]


HARNESSES = {
    h.name: h
    for h in (
        Harness("plan_file", mutate_json, run_plan_file),
        Harness("docx", mutate_zip, run_docx),
        Harness("xlsx", mutate_zip, run_xlsx),
        Harness("legacy", mutate_text, run_legacy),
    )
}


def save_input(folder: Path, name: str, value: Any) -> Path:
    """An input that broke a rule, kept to replay: bytes as they are, text as UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    path = folder / f"{name}{'.txt' if isinstance(value, str) else '.bin'}"
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- peak memory (Linux)


def reset_peak_rss() -> bool:
    """Start a new peak-RSS measurement (Linux: /proc/self/clear_refs); False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def rss_mb(field: str = "VmHWM") -> float | None:
    """The process's peak (VmHWM) or current (VmRSS) resident memory in MB; None off Linux."""
    try:
        with open("/proc/self/status") as f:
            status = f.read()
    except OSError:
        return None
    m = re.search(rf"{field}:\s+(\d+) kB", status)
    return int(m.group(1)) / 1024 if m else None


@contextlib.contextmanager
def address_space_cap(extra_mb: int):
    """While inside, the process may map at most `extra_mb` MB more than it has now (Linux), so a
    runaway input fails with MemoryError instead of taking the machine's memory. No-op elsewhere."""
    try:
        import resource
    except ImportError:
        yield
        return
    size = rss_mb("VmSize")
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if size is None:
        yield
        return
    cap = int((size + extra_mb) * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
