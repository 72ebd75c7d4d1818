"""PDF/A-2b made while reportlab writes the file: XMP identification, the sRGB output intent, EOL-framed streams."""

# reportlab (open-source 5.1) has no PDF/A switch, but its document model takes a Metadata stream
# (pdfdoc.XMP) and extra Catalog keys, so the file is written once, complete, by reportlab itself:
# no second pass, nothing rewritten after the fact (a signing service may hash it as it is).
# What ISO 19005-2 asks of our files that reportlab does not do by itself:
#  - 6.6.2/6.6.4: an XMP packet with pdfaid:part 2 and pdfaid:conformance B, and the document
#    information dictionary's values in it (title, author, subject, keywords, dates, tools);
#  - 6.2.3/6.2.4.3: a PDF/A output intent with an ICC profile, since we draw in DeviceRGB;
#  - 6.1.7: an end-of-line marker before every "endstream" (reportlab writes compressed data
#    straight into the keyword; the Length must stay the data's length, without that EOL).
# Fonts are already TrueType subsets embedded by reportlab (FontFile2), no standard-14 font is
# drawn, nothing is transparent or encrypted, and the trailer carries an /ID.

from __future__ import annotations

import re
import zlib
from functools import lru_cache

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from app.errors import InvalidInput
from app.paths import resource_dir

PART, CONFORMANCE = 2, "B"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
REGISTRY = "http://www.color.org"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARK = "_kehoach_pdfa"  # set on a reportlab PDFDocument that is to be PDF/A


def icc_profile() -> bytes:
    """The shipped sRGB profile (resources/icc, licence beside it)."""
    return _icc_bytes()


@lru_cache(maxsize=1)
def _icc_bytes() -> bytes:
    path = resource_dir() / "icc" / "sRGB.icc"
    try:
        return path.read_bytes()
    except OSError:  # else the officer would read "cannot write <her PDF>"
        raise InvalidInput(f"Thiếu tệp hồ sơ màu «{path}» để tạo PDF/A; hãy cài lại chương trình.") from None


def canvas(*args, **kwargs) -> Canvas:
    """A reportlab Canvas whose document is saved as PDF/A-2b: BaseDocTemplate.build(canvasmaker=…)."""
    canv = Canvas(*args, **kwargs)
    make_pdfa(canv._doc)
    return canv


def make_pdfa(doc: pdfdoc.PDFDocument) -> None:
    """Mark a reportlab document (before anything is saved) to be written as PDF/A-2b."""
    setattr(doc, _MARK, True)
    info = _Info()
    info.__dict__.update(doc.info.__dict__)  # what the canvas has set so far; setTitle & co. follow
    doc.info = info
    catalog = doc.Catalog
    catalog.Metadata = pdfdoc.XMP(creator=xmp_packet)  # made at save time, from the final Info values
    catalog.OutputIntents = pdfdoc.PDFArray([_output_intent(doc)])
    # PDFCatalog writes only the keys it declares; this one document declares one more.
    catalog.__NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]


def _output_intent(doc: pdfdoc.PDFDocument) -> pdfdoc.PDFDictionary:
    profile = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"N": 3, "Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}),
        zlib.compress(icc_profile()),
    )
    return pdfdoc.PDFDictionary(
        {
            "Type": pdfdoc.PDFName("OutputIntent"),
            "S": pdfdoc.PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": pdfdoc.PDFString(OUTPUT_CONDITION),
            "RegistryName": pdfdoc.PDFString(REGISTRY),
            "Info": pdfdoc.PDFString(OUTPUT_CONDITION),
            "DestOutputProfile": doc.Reference(profile),
        }
    )


class _Info(pdfdoc.PDFInfo):
    """The document information dictionary without /Trapped, the one entry our XMP has no
    property for (the rest are mirrored in xmp_packet)."""

    def format(self, document) -> bytes:
        date = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries = {
            "Title": pdfdoc.PDFString(self.title),
            "Author": pdfdoc.PDFString(self.author),
            "Subject": pdfdoc.PDFString(self.subject),
            "Keywords": pdfdoc.PDFString(self.keywords),
            "Creator": pdfdoc.PDFString(self.creator),
            "Producer": pdfdoc.PDFString(self.producer),
            "CreationDate": date,
            "ModDate": date,
        }
        return pdfdoc.PDFDictionary(entries).format(document)


def xmp_date(doc: pdfdoc.PDFDocument) -> str:
    """The instant of the Info dictionary's CreationDate and ModDate, written the XMP way."""
    ts = doc._timeStamp
    y, mo, d, h, mi, s = ts.YMDhms
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{ts.dhh:+03d}:{ts.dmm:02d}"


def _text(value) -> str:
    """XML character data (xml.sax.saxutils.escape would import urllib and http.client)."""
    text = _XML_INVALID.sub("", str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(doc: pdfdoc.PDFDocument) -> bytes:
    """The document's XMP metadata: PDF/A identification, then the Info dictionary's values."""
    info, date = doc.info, xmp_date(doc)
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="{rdf}">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>{PART}</pdfaid:part>
<pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{_text(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_text(info.subject)}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<xmp:CreatorTool>{_text(info.creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{_text(info.producer)}</pdf:Producer>
<pdf:Keywords>{_text(info.keywords)}</pdf:Keywords>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return body.encode("utf-8")


# ---------------------------------------------------------------- streams framed by end-of-line markers
_ENDSTREAM = b"endstream\n"


def _stream_format(self: pdfdoc.PDFStream, document) -> bytes:
    """reportlab's stream, with an EOL before "endstream" when the document is PDF/A; the Length
    (the data's) stays what it was. A stream that ends in CR gets CR LF, so that the CR stays data."""
    out = self._plain_format(document)  # type: ignore[attr-defined]
    if not getattr(document, _MARK, False) or not out.endswith(_ENDSTREAM):
        return out
    data = out[: -len(_ENDSTREAM)]
    return data + (b"\r\n" if data.endswith(b"\r") else b"\n") + _ENDSTREAM


# Installed once on the class, as every stream reportlab writes goes through PDFStream.format; a
# document that is not marked is written byte for byte as before.
if not hasattr(pdfdoc.PDFStream, "_plain_format"):
    pdfdoc.PDFStream._plain_format = pdfdoc.PDFStream.format  # type: ignore[attr-defined]
    pdfdoc.PDFStream.format = _stream_format  # type: ignore[method-assign]
