"""PDF footnotes: the frame of each page keeps room at its foot for the notes of the marks it holds."""

# A flowable that holds note marks (a paragraph, a table or a piece of one) reports its notes
# (`_fn`); the page's frame (NoteFrame) raises its bottom by the notes' height when it places such
# a flowable, and splits it so that the part kept on the page fits together with the notes of the
# marks in that part. The notes are drawn at the foot of the page under a short rule when the page
# ends. Flowables without notes take the ordinary reportlab path.

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import ActionFlowable, Flowable, Frame, PageBreak, Paragraph
from reportlab.platypus.doctemplate import NullActionFlowable

from exporters.document import Row, Run
from exporters.layout import NOTES
from exporters.pdf_text import SINGLE, Fonts, markup, note_mark

NOTE_PT = NOTES.text.size
NOTE_SEP = NOTES.space_above_pt + NOTES.rule_width_pt + NOTES.space_below_pt  # body -> rule -> first note
Note = tuple[int, str]  # (number, text)


def run_notes(runs: tuple[Run, ...]) -> tuple[Note, ...]:
    """The footnotes referenced in runs, in order."""
    return tuple((int(r.note_number or 0), r.note) for r in runs if r.note is not None)


def row_notes(row: Row) -> tuple[Note, ...]:
    """The footnotes referenced in a table row's cells, in order."""
    return tuple(n for cell in row.rich or () for n in run_notes(cell))


def _marks(frags) -> set[str]:
    """The superscript texts (note marks) in a Paragraph's fragments, before or after wrapping
    (reportlab then keeps them as words: [width, (frag, text), …])."""
    out: set[str] = set()
    for f in frags or ():
        if isinstance(f, list):
            out.update(t for g, t in f[1:] if getattr(g, "rise", 0) > 0)
        elif getattr(f, "rise", 0) > 0:
            out.add(f.text)
    return out


def cell_marks(cells) -> set[str]:
    """The note marks printed in a row's cells (strings, flowables or lists of them)."""
    out: set[str] = set()
    for value in cells:
        items = value if isinstance(value, (list, tuple)) else [value]
        for f in items:
            if isinstance(f, Paragraph):
                out |= _marks(f.frags)
            elif isinstance(getattr(f, "pieces", None), list):  # a long cell in pieces (pdf_long.Stack)
                out |= cell_marks([f.pieces])
    return out


class NotePara(Paragraph):
    """A paragraph with footnote marks; `_fn` gives the notes whose marks are in this piece of it."""

    _fn_all: tuple[Note, ...] = ()

    @property
    def _fn(self) -> tuple[Note, ...]:
        marks = _marks(self.frags)
        return tuple(x for x in self._fn_all if str(x[0]) in marks)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        pieces = super().split(availWidth, availHeight)
        for k, piece in enumerate(pieces):
            if isinstance(piece, Paragraph) and piece is not self:
                piece.__class__ = NotePara
                piece._fn_all = self._fn_all
                piece._continued = k > 0
        return pieces

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab API)
        # the rest of a split paragraph follows on without a gap (when notes keep it on the page)
        return 0.0 if getattr(self, "_continued", False) else super().getSpaceBefore()


def notes_of(f: Flowable) -> tuple[Note, ...]:
    """The footnotes a flowable carries: its own, or those of its content (KeepTogether)."""
    fn = getattr(f, "_fn", None)
    if fn is not None:
        return fn
    content = getattr(f, "_content", None)
    if content:
        return tuple(x for c in content for x in notes_of(c))
    return ()


class NoteState:
    """The footnotes of the page being laid out, shared by the frames of all templates."""

    def __init__(self, fonts: Fonts, style: ParagraphStyle) -> None:
        self.fonts, self.style = fonts, style
        self.items: list[tuple[Flowable, float]] = []  # note paragraphs (or continued pieces) on this page
        self.numbers: set[int] = set()
        self.overflow: list[Flowable] = []  # what did not fit: continues at the foot of the next page
        self._cache: dict[tuple[int, str, float], tuple[Paragraph, float]] = {}

    def para(self, note: Note, width: float) -> tuple[Paragraph, float]:
        key = (note[0], note[1], width)
        hit = self._cache.get(key)
        if hit is None:
            p = Paragraph(f"{note_mark(note[0], NOTE_PT)} {markup(note[1], self.fonts)}", self.style)
            hit = (p, p.wrap(width, 1e6)[1])
            self._cache[key] = hit
        return hit

    def reserve(self) -> float:
        return NOTE_SEP + sum(h for _, h in self.items) if self.items else 0.0

    def new(self, notes: tuple[Note, ...]) -> tuple[Note, ...]:
        return tuple(x for x in notes if x[0] not in self.numbers)

    def need(self, notes: tuple[Note, ...], width: float) -> float:
        """Extra height for notes not yet on the page (with the rule if they are the first)."""
        if not notes:
            return 0.0
        h = sum(self.para(x, width)[1] for x in notes)
        return h + (0.0 if self.items else NOTE_SEP)

    def place(self, flowables: list[Flowable], width: float, room: float) -> None:
        """Put notes on the page in order while they fit in room (the rule included); the note
        that straddles the limit is split between lines; everything after goes to the next page."""
        for i, f in enumerate(flowables):
            sep = 0.0 if self.items else NOTE_SEP
            _, h = f.wrap(width, 1e6)
            if sep + h <= room + 0.01:
                self.items.append((f, h))
                room -= sep + h
                continue
            rest = flowables[i:]
            if room - sep >= NOTE_PT * SINGLE:
                pieces = f.split(width, room - sep)
                if len(pieces) >= 2:
                    self.items.append((pieces[0], pieces[0].wrap(width, 1e6)[1]))
                    rest = [*pieces[1:], *flowables[i + 1 :]]
            self.overflow.extend(rest)
            return


class NoteFrame(Frame):
    """The body frame of a page that keeps room at its foot for the footnotes of what it holds."""

    def __init__(self, notes: NoteState, *args, **kwargs) -> None:
        self._notes = notes
        super().__init__(*args, **kwargs)

    def _reset(self) -> None:
        super()._reset()
        n = self._notes
        self._base = self._y1 + self._bottomPadding
        n.items, n.numbers = [], set()
        carried, n.overflow = n.overflow, []
        if carried:  # notes continued from the previous page: at most half of this one
            n.place(carried, self._aW, self._aH / 2)
        self._y1p = self._base + n.reserve()

    def fill_notes(self) -> None:
        """Continued notes take all the room left on the page (the part's body has ended)."""
        n = self._notes
        carried, n.overflow = n.overflow, []
        if carried:
            n.place(carried, self._aW, self._y - self._y1p)
            self._y1p = self._base + n.reserve()

    def _commit(self, notes: tuple[Note, ...]) -> None:
        n = self._notes
        for x in notes:
            n.items.append(n.para(x, self._aW))
            n.numbers.add(x[0])
        self._y1p = self._base + n.reserve()

    def _add(self, flowable: Flowable, canv, trySplit: int = 0) -> int:  # noqa: N803 (reportlab API)
        notes = self._new_notes(flowable)
        if not notes:
            return Frame._add(self, flowable, canv, trySplit)
        if getattr(flowable, "_fn_force", False):
            return self._add_forced(flowable, canv, notes, trySplit)
        need = self._notes.need(notes, self._aW)
        self._y1p += need
        ok = Frame._add(self, flowable, canv, trySplit)
        if ok:
            self._commit(notes)
        else:
            self._y1p -= need
        return ok

    add = _add

    def _add_forced(self, flowable: Flowable, canv, notes: tuple[Note, ...], trySplit: int) -> int:  # noqa: N803
        """A piece too tall to sit with all its notes even on an empty page: it is placed, and the
        notes fill what is left of the page and continue at the foot of the next one."""
        flowable._fn_force = False
        n = self._notes
        s = 0.0 if self._atTop else flowable.getSpaceBefore()
        avail = self._y - self._y1p - s
        _, h = flowable.wrap(self._getAvailableWidth(), avail)
        n.numbers.update(x[0] for x in notes)
        n.place([n.para(x, self._aW)[0] for x in notes], self._aW, max(0.0, avail - h))
        self._y1p = self._base + n.reserve()
        return Frame._add(self, flowable, canv, trySplit)

    def _split_at(self, flowable: Flowable, canv, reserve: float, base: float) -> list[Flowable]:
        self._y1p = base + reserve
        try:
            return Frame.split(self, flowable, canv)
        finally:
            self._y1p = base

    def split(self, flowable: Flowable, canv) -> list[Flowable]:
        notes = self._new_notes(flowable)
        if not notes:
            return Frame.split(self, flowable, canv)
        if getattr(flowable, "_content", None) is not None:
            return self._split_kept(flowable, canv, notes)
        pieces, reserve = self._split_stepping(flowable, canv)
        return pieces or self._split_searching(flowable, canv, reserve)

    def _new_notes(self, flowable: Flowable) -> tuple[Note, ...]:
        """The notes of a flowable's marks that are not on this page yet."""
        notes = notes_of(flowable)
        return self._notes.new(notes) if notes else notes

    def _need_of(self, pieces: list[Flowable]) -> float:
        """The room the notes of a split's first piece take."""
        return self._notes.need(self._notes.new(notes_of(pieces[0])), self._aW)

    def _split_kept(self, flowable: Flowable, canv, notes: tuple[Note, ...]) -> list[Flowable]:
        """KeepTogether: moves on when it does not fit with its notes; at the top of a page it
        falls apart into its content, whose pieces then find room for their own notes."""
        if not self._atTop:
            return self._split_at(flowable, canv, self._notes.need(notes, self._aW), self._y1p)
        return [NullActionFlowable(), *flowable._content]  # each placed (and split) on its own

    def _split_stepping(self, flowable: Flowable, canv) -> tuple[list[Flowable], float]:
        """Split so that the first piece fits with the notes of the marks it holds, growing the
        reserve to what the last first piece needs: (pieces, reserve); pieces is empty when no
        piece fits with the last reserve tried."""
        base, reserve = self._y1p, 0.0
        while True:  # usually one or two steps
            pieces = self._split_at(flowable, canv, reserve, base)
            if not pieces or isinstance(pieces[0], ActionFlowable):
                return pieces, reserve
            need = self._need_of(pieces)
            if need <= reserve + 0.01:
                return pieces, reserve
            reserve = need

    def _split_searching(self, flowable: Flowable, canv, high: float) -> list[Flowable]:
        """The steps jumped over (a piece with many marks): search the reserve between 0 and high;
        too small a reserve leaves notes out, too large leaves no line."""
        base, lo, hi = self._y1p, 0.0, high
        found, smallest = None, None
        for _ in range(16):
            mid = (lo + hi) / 2
            pieces = self._split_at(flowable, canv, mid, base)
            if not pieces or isinstance(pieces[0], ActionFlowable):
                hi = mid
            elif self._need_of(pieces) <= mid + 0.01:
                found, hi = pieces, mid
            else:
                smallest, lo = pieces, mid
        if found:
            return found
        return self._split_without_room(smallest or self._split_at(flowable, canv, 0.0, base))

    def _split_without_room(self, smallest: list[Flowable]) -> list[Flowable]:
        """Nothing fits here with its notes. If the smallest first piece fits with its notes on an
        empty page, everything moves on; if not (notes longer than a page), it is placed here and
        its notes continue at the foot of the next page."""
        if not smallest or isinstance(smallest[0], ActionFlowable):
            return [] if not self._atTop else smallest
        first = smallest[0]
        if not self._atTop:
            alone = NOTE_SEP + sum(self._notes.para(x, self._aW)[1] for x in notes_of(first))
            if first.wrap(self._getAvailableWidth(), self._aH)[1] + alone <= self._aH:
                return []
        first._fn_force = True
        return smallest

    def draw_notes(self, canv) -> None:
        """The page's footnotes at the foot of the frame, under a short rule at the left edge."""
        items = self._notes.items
        if not items:
            return
        x = self._x1 + self._leftPadding
        y = self._base + self._notes.reserve() - NOTES.space_above_pt - NOTES.rule_width_pt / 2
        canv.saveState()
        canv.setLineWidth(NOTES.rule_width_pt)
        canv.line(x, y, x + min(NOTES.rule_mm * mm, self._aW), y)
        canv.restoreState()
        y -= NOTES.rule_width_pt / 2 + NOTES.space_below_pt
        for f, h in items:
            y -= h
            f.drawOn(canv, x, y)


class NotesFlush(Flowable):
    """At the end of a part: notes still waiting (continued) get their own page before the next part."""

    _ZEROSIZE = True

    def __init__(self, notes: NoteState) -> None:
        super().__init__()
        self.notes = notes

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        if self.notes.overflow and isinstance(frame, NoteFrame):
            frame.fill_notes()
        return (0, ah + 1e6) if self.notes.overflow else (0, 0)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return [PageBreak(), NotesFlush(self.notes)] if self.notes.overflow else []

    def draw(self) -> None:
        pass
