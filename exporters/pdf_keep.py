"""Keep-with-next in the PDF as Word does it: a paragraph breaks across pages, only its ends are kept."""

# reportlab gathers a run of flowables marked keepWithNext and the flowable after them into one
# KeepTogether (BaseDocTemplate.keepTogetherClass), which moves to the next page whole when it
# does not fit: a heading took its whole paragraph along and left up to a third of the page
# blank. Word's keep with next keeps a paragraph's last line on the page of the next one's first
# line, and its widow/orphan control splits a paragraph with at least two lines on each side
# (pdf_text.pdf_styles sets the same for the body): so a heading goes to the foot of the page
# with the first two lines of its paragraph, and the paragraph before the signature block breaks
# with its last lines on the signature's page.

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph


class KeepWithFirstLines(KeepTogether):
    """A keep-with-next group: headings, a paragraph and what that paragraph is kept with (the
    signature block) are split as Word splits them; anything else stays together, as before."""

    def split(self, aW: float, aH: float) -> list:  # noqa: N803 (reportlab API)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH:
            pieces = _split_as_word(list(self._content), aW, aH)
            if pieces:
                return pieces
        return super().split(aW, aH)


def _split_as_word(content: list[Flowable], aW: float, aH: float) -> list[Flowable] | None:  # noqa: N803
    """[headings…, paragraph] or [headings…, paragraph, kept with] broken inside the paragraph,
    with its first lines in aH (the room under the first flowable's space before); None when
    the group is of another kind or the paragraph cannot break there."""
    tail = [] if isinstance(content[-1], Paragraph) else content[-1:]
    *heads, body = content[: len(content) - len(tail)] or [None]
    if not isinstance(body, Paragraph) or not (heads or tail) or not all(isinstance(h, Paragraph) for h in heads):
        return None
    room = aH - body.getSpaceBefore()
    for i, head in enumerate(heads):
        _, h = head.wrap(aW, aH)
        room -= h + head.getSpaceAfter() + (head.getSpaceBefore() if i else 0.0)
    parts = body.split(aW, room) if room > 0 else []
    if len(parts) < 2:
        return None
    if not tail:
        return content  # the frame places the headings, then breaks the paragraph where they end
    # its last lines go to the next page with what they are kept with
    return [*heads, parts[0], KeepTogether([*parts[1:], *tail])]
