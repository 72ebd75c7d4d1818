"""Vietnamese typed in the pre-Unicode font encodings, found and converted to Unicode.

Two encodings are still met in files sent between offices:

* **TCVN3 (ABC)**, TCVN 5712:1993 "VN3", fonts .VnTime / .VnArial (lower case and the seven
  capital base letters) and .VnTimeH / .VnArialH (capitals, drawn from the lower-case codes).
  One byte per letter, in the Latin-1 range: "Céng hoµ x· héi chñ nghÜa ViÖt Nam".
* **VNI** (VNI-Windows), fonts VNI-Times / VNI-Helve: a base letter followed by a mark
  character: "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".

Word and Excel store such text as the Latin-1 characters the font draws over, so after reading
a file the text looks like the examples above. `detect_legacy` decides from the text alone
(the share of characters these encodings use and Unicode Vietnamese never does, and how many
words become real Vietnamese syllables once converted); `to_unicode` converts.
`from_unicode` goes the other way, for tests.
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"
ENCODING_NAMES = {TCVN3: "TCVN3 (ABC, phông .VnTime)", VNI: "VNI (phông VNI-Times)"}

# ---------------------------------------------------------------- TCVN3 (TCVN 5712:1993, VN3)

# Per vowel, the five tones in TCVN3's order: huyền, hỏi, ngã, sắc, nặng.
_TCVN3_ROWS: tuple[tuple[str, str], ...] = (
    ("\xb5\xb6\xb7\xb8\xb9", "àảãáạ"),
    ("\xbb\xbc\xbd\xbe\xc6", "ằẳẵắặ"),
    ("\xc7\xc8\xc9\xca\xcb", "ầẩẫấậ"),
    ("\xcc\xce\xcf\xd0\xd1", "èẻẽéẹ"),
    ("\xd2\xd3\xd4\xd5\xd6", "ềểễếệ"),
    ("\xd7\xd8\xdc\xdd\xde", "ìỉĩíị"),
    ("\xdf\xe1\xe2\xe3\xe4", "òỏõóọ"),
    ("\xe5\xe6\xe7\xe8\xe9", "ồổỗốộ"),
    ("\xea\xeb\xec\xed\xee", "ờởỡớợ"),
    ("\xef\xf1\xf2\xf3\xf4", "ùủũúụ"),
    ("\xf5\xf6\xf7\xf8\xf9", "ừửữứự"),
    ("\xfa\xfb\xfc\xfd\xfe", "ỳỷỹýỵ"),
    # The letters with a hat, a breve, a horn or a bar, capital then small.
    ("\xa1\xa2\xa3\xa4\xa5\xa6\xa7", "ĂÂÊÔƠƯĐ"),
    ("\xa8\xa9\xaa\xab\xac\xad\xae", "ăâêôơưđ"),
)
TCVN3_TO_UNICODE: dict[str, str] = {
    src: dst for codes, letters in _TCVN3_ROWS for src, dst in zip(codes, letters, strict=True)
}
UNICODE_TO_TCVN3: dict[str, str] = {v: k for k, v in TCVN3_TO_UNICODE.items()}

# ---------------------------------------------------------------- VNI (VNI-Windows)

_TONES = ("sac", "huyen", "hoi", "nga", "nang")
# Mark characters after a base letter, lower-case form (the capital form is .upper()).
_VNI_TONE = dict(zip(_TONES, "ùøûõï", strict=True))  # on a, e, i-less vowels o u y and on ơ ư
_VNI_HAT_TONE = dict(zip(_TONES, "áàåãä", strict=True))  # â ê ô with a tone
_VNI_BREVE_TONE = dict(zip(_TONES, "éèúüë", strict=True))  # ă with a tone
_VNI_HAT, _VNI_BREVE = "â", "ê"
# Letters written as a single character in VNI.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}

_UNICODE_TONE_MARK = {"sac": "\u0301", "huyen": "\u0300", "hoi": "\u0309", "nga": "\u0303", "nang": "\u0323"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _build_vni() -> dict[str, str]:
    """VNI sequence (1 or 2 characters) -> Unicode letter, lower and upper case."""
    table: dict[str, str] = {}
    low: dict[str, str] = dict(_VNI_SINGLE)
    for base in "aeouy":
        for tone, mark in _VNI_TONE.items():
            low[base + mark] = _compose(base, _UNICODE_TONE_MARK[tone])
    for base in "aeo":
        low[base + _VNI_HAT] = _compose(base, "\u0302")
        for tone, mark in _VNI_HAT_TONE.items():
            low[base + mark] = _compose(base, "\u0302", _UNICODE_TONE_MARK[tone])
    low["a" + _VNI_BREVE] = "ă"
    for tone, mark in _VNI_BREVE_TONE.items():
        low["a" + mark] = _compose("a", "\u0306", _UNICODE_TONE_MARK[tone])
    for base, horned in (("ô", "ơ"), ("ö", "ư")):
        for tone, mark in _VNI_TONE.items():
            low[base + mark] = _compose(horned, _UNICODE_TONE_MARK[tone])
    # ỵ is its own character ("î"); "yï" is not used by the font but is read the same way.
    for seq, letter in low.items():
        table[seq] = letter
        table[seq.upper()] = letter.upper()
        if len(seq) == 2:
            # Title case: a capital base letter with the lower-case mark, and the other way round.
            table[seq[0].upper() + seq[1]] = letter.upper()
            table[seq[0] + seq[1].upper()] = letter
    return table


VNI_TO_UNICODE: dict[str, str] = _build_vni()
UNICODE_TO_VNI: dict[str, str] = {}
for _seq, _letter in VNI_TO_UNICODE.items():
    # Canonical spelling: same case for base and mark; "yï" is written "î".
    if len(_seq) == 2 and (_seq[0].isupper() != _seq[1].isupper()):
        continue
    if _seq.lower() == "yï":
        continue
    UNICODE_TO_VNI.setdefault(_letter, _seq)
_VNI_SEQ = re.compile("|".join(sorted((re.escape(s) for s in VNI_TO_UNICODE), key=len, reverse=True)))

# ---------------------------------------------------------------- detection

# Characters of Latin-1 that Unicode Vietnamese uses itself (à á â ã è é ê ì í ò ó ô õ ù ú ý).
_UNICODE_VI_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Characters proper to each encoding: Latin-1 characters that Unicode Vietnamese never writes.
_TCVN3_PROPER = {c for c in TCVN3_TO_UNICODE if c not in _UNICODE_VI_LATIN1}
_VNI_PROPER = {c for seq in VNI_TO_UNICODE for c in seq if ord(c) > 0x7F and c not in _UNICODE_VI_LATIN1}
# Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the whole U+1EA0 block, or combining tones).
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0323]"
)

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu yêu oai oao oay oeo uây uôi ươi ươu uyê uya uyu uơi"
).split()
_FINALS = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(rf"(?:{_INITIALS})?(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:{_FINALS})?")
_TONE_MARKS = set(_UNICODE_TONE_MARK.values())
_EDGE_PUNCT = "\"'“”‘’()[]{}.,;:!?-–—/…*+"


def is_vietnamese_syllable(word: str) -> bool:
    """True for a possible Vietnamese syllable ('người', 'Việt', 'khuya'); at most one tone mark."""
    d = unicodedata.normalize("NFD", word.lower())
    if sum(1 for ch in d if ch in _TONE_MARKS) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in d if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def _syllable_score(words: list[str]) -> int:
    return sum(1 for w in words if w and is_vietnamese_syllable(w))


def _candidate_words(text: str) -> list[str]:
    return [w for w in text.split() if any(ord(c) > 0x7F for c in w)]


def legacy_share(text: str, encoding: str) -> float:
    """The share of non-ASCII characters that only `encoding` would write."""
    proper = _TCVN3_PROPER if encoding == TCVN3 else _VNI_PROPER
    high = [c for c in text if ord(c) > 0x7F]
    if not high:
        return 0.0
    return sum(1 for c in high if c in proper) / len(high)


def detect_legacy(text: str) -> str | None:
    """'tcvn3', 'vni' or None (Unicode or plain ASCII, or too little text to tell).

    A legacy encoding is reported when it writes characters Unicode Vietnamese never uses and
    converting with it turns clearly more words into Vietnamese syllables than reading the text
    as it is. Text holding letters only Unicode has (ă, ơ, ư, đ, ạ…) is Unicode.
    """
    if not text:
        return None
    words = _candidate_words(text)
    if not words:
        return None
    unicode_only = len(_UNICODE_ONLY.findall(unicodedata.normalize("NFC", text)))
    high = sum(1 for c in text if ord(c) > 0x7F)
    if unicode_only and unicode_only >= 0.3 * high:
        return None
    stripped = [w.strip(_EDGE_PUNCT) for w in words]
    as_is = _syllable_score(stripped)
    best, best_score = None, as_is
    for enc in (TCVN3, VNI):
        if legacy_share(text, enc) < 0.15:
            continue
        score = _syllable_score([to_unicode(w, enc, fix_case=False).strip(_EDGE_PUNCT) for w in words])
        if score > best_score:
            best, best_score = enc, score
    if best is None:
        return None
    n = len(words)
    if best_score - as_is >= max(1, 0.2 * n) and best_score >= 0.5 * n:
        return best
    return None


# ---------------------------------------------------------------- conversion

_ASCII_LETTERS = re.compile(r"[A-Za-z]")


def _upper_if_capital_context(converted: str, original: str) -> str:
    """TCVN3 capitals (.VnTimeH) reuse the small-letter codes: 'KÕ HO¹CH' reads 'Kế HOạCH'.
    A line whose ASCII letters are all capitals (three or more), or a word with two or more
    ASCII letters all capital, is put in capitals."""
    out_lines = []
    for conv_line, orig_line in zip(converted.split("\n"), original.split("\n"), strict=False):
        letters = _ASCII_LETTERS.findall(orig_line)
        if len(letters) >= 3 and all(c.isupper() for c in letters) and conv_line != orig_line:
            out_lines.append(conv_line.upper())
            continue
        words = []
        for conv_w, orig_w in zip(conv_line.split(" "), orig_line.split(" "), strict=False):
            w_letters = _ASCII_LETTERS.findall(orig_w)
            if len(w_letters) >= 2 and all(c.isupper() for c in w_letters) and conv_w != orig_w:
                conv_w = conv_w.upper()
            words.append(conv_w)
        out_lines.append(" ".join(words))
    return "\n".join(out_lines)


def to_unicode(text: str, encoding: str | None, fix_case: bool = True) -> str:
    """Text typed in `encoding` ('tcvn3' or 'vni') as Unicode (NFC); None returns it unchanged.

    With TCVN3, `fix_case` puts words typed with a capital font (.VnTimeH) in capitals.
    """
    if not text or encoding is None:
        return text
    if encoding == TCVN3:
        out = "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in text)
        if fix_case:
            out = _upper_if_capital_context(out, text)
    elif encoding == VNI:
        out = _VNI_SEQ.sub(lambda m: VNI_TO_UNICODE[m.group()], text)
    else:
        raise ValueError(encoding)
    return unicodedata.normalize("NFC", out)


def from_unicode(text: str, encoding: str) -> str:
    """Unicode Vietnamese written the legacy way (for tests and sample files).

    TCVN3 has no capital letters with a tone: they come out as the small letter, as the
    .VnTimeH font stores them."""
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        out = []
        for ch in text:
            if ch in UNICODE_TO_TCVN3:
                out.append(UNICODE_TO_TCVN3[ch])
            elif ch.lower() in UNICODE_TO_TCVN3 and ch.lower() != ch:
                out.append(UNICODE_TO_TCVN3[ch.lower()])
            else:
                out.append(ch)
        return "".join(out)
    if encoding == VNI:
        return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in text)
    raise ValueError(encoding)


def convert_if_legacy(text: str) -> tuple[str, str | None]:
    """(Unicode text, encoding found or None): what the paste handler calls."""
    enc = detect_legacy(text)
    return (to_unicode(text, enc), enc) if enc else (text, None)
