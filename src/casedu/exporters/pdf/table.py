"""The flowables that lay a long table out across pages and keep its end with the stamp."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
)

__all__ = ["TAIL_ROWS", "WINDOWED", "Ending", "Tail", "Window", "at_row"]

#: The rows of the last table kept on the page of the signature block.
TAIL_ROWS = 2
#: The rows of a table handed to reportlab at a time (:class:`Window`), at first; then a
#: quarter more than the page before held, and twice as many while they do not fill the page.
_WINDOW_ROWS = 16
#: Tables are handed to reportlab in windows; False gives reportlab the whole table to split
#: (the tests and the benchmark compare the two).
WINDOWED = True


class Tail(Flowable):  # type: ignore[misc]
    """The last rows of a table, kept with the signature block: right under the rest of the
    table they go without the header; at the top of a page, under the header again."""

    def __init__(self, with_header: Flowable, without: Flowable) -> None:
        super().__init__()
        self._with_header = with_header
        self._without = without
        self._chosen = without

    def _choose(self) -> Flowable:
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        self._chosen = self._with_header if at_top else self._without
        return self._chosen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self._choose().wrapOn(self.canv, available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return list(self._choose().splitOn(self.canv, available_width, available_height))

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._chosen.drawOn(canvas, x, y, _sW)

    def split_pair(self, canvas: Canvas, available_width: float,
                   height: float) -> list[Flowable]:
        """Split where it stands (without the header when it is not at the top of a page) and
        continue on the next page under the header: the same rows and lines, since both tables
        share their widths."""
        first = self._choose()
        pieces = first.splitOn(canvas, available_width, height)
        if len(pieces) < 2 or first is self._with_header:
            return list(pieces)
        header = self._with_header
        header.wrapOn(canvas, available_width, 1e9)
        above = sum(header._rowHeights[:header.repeatRows])
        rest = header.splitOn(canvas, available_width, height + above)
        return [pieces[0], *rest[1:]] if len(rest) >= 2 else list(pieces)


class Window(Flowable):  # type: ignore[misc]
    """A long table handed to reportlab a page of rows at a time.

    Splitting a ``LongTable`` at the end of a page makes a new table of every row after the
    split (their cells copied, their styles applied again): a table of 10,000 rows over 500
    pages did that 500 times, so each page cost in proportion to the rows after it. The
    window's table holds only the rows from the top of the page until past its end; reportlab
    splits it where it would split the whole table (it measures the rows from the top until
    the page is full, and no further), and what it carries of a row split across pages
    starts the next window. The pages are the same, line for line
    (``tests/exporters/test_pdf_window.py``), but one: under the header of a page that starts
    with the rest of a row, reportlab's split leaves out the header's bottom line (it drops the
    line between the two halves of the row), which the window draws.
    """

    def __init__(self, make: Callable[..., LongTable], first: int, last: int,
                 lead: tuple[list[Any], float] | None = None, rows: int = 0) -> None:
        super().__init__()
        self._make = make
        self._first, self._last, self._lead = first, last, lead
        self._rows = max(rows, _WINDOW_ROWS)  # how many rows to try first
        self._probe: tuple[float, float, LongTable, int] | None = None

    def _table(self, available_width: float, available_height: float) -> tuple[LongTable, int]:
        """The window's table for this space, and how many rows it holds: every row left, or
        enough to reach past the end of the page."""
        probe = self._probe
        if probe is not None and probe[:2] == (available_width, available_height):
            return probe[2], probe[3]
        rows = self._rows
        while True:
            last = min(self._first + rows, self._last)
            table = self._make(self._first, last, lead=self._lead)
            _, height = table.wrapOn(self.canv, available_width, available_height)
            if last == self._last or height > available_height:
                break
            rows *= 2
        self._probe = (available_width, available_height, table, last - self._first)
        return table, last - self._first

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        table, _ = self._table(available_width, available_height)
        self.width, self.height = table._width, table._height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        table, rows = self._table(available_width, available_height)
        pieces = table.splitOn(self.canv, available_width, available_height)
        if len(pieces) != 2:
            return list(pieces)
        placed, carried = (len(piece._cellvalues) - piece.repeatRows for piece in pieces)
        hint = placed + placed // 4 + 2  # the next page holds about as many
        if placed + carried == rows:  # the split fell between two rows
            return [pieces[0], Window(self._make, self._first + placed, self._last, None, hint)]
        assert placed + carried == rows + 1  # a row split across the pages
        rest = pieces[1]  # its first row after the header: what is left of the row, as tall
        lead = (rest._cellvalues[rest.repeatRows], rest._argH[rest.repeatRows])  # as reportlab
        return [pieces[0], Window(self._make, self._first + placed - 1, self._last, lead, hint)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        assert self._probe is not None  # drawn whole: the window holds every row left
        self._probe[2].drawOn(canvas, x, y, _sW)


class Ending(Flowable):  # type: ignore[misc]
    """The last rows of the last table, the notes and the signature block, kept together: they
    move to the next page whole when they fit on one; when they are taller than a page (rows of
    thousands of characters) the rows split so that some of them stay on the signature's page.
    A signed and stamped page never carries the stamp alone."""

    #: What of the last rows at least stays with the signature, in points (a few lines).
    KEEP = 60

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self._parts = parts

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width = height = 0.0
        self._sizes: list[tuple[float, float]] = []
        for part in self._parts:
            part._frame = getattr(self, "_frame", None)
            w, h = part.wrapOn(self.canv, available_width, available_height)
            self._sizes.append((w, h))
            width, height = max(width, w), height + h + part.getSpaceBefore() \
                + part.getSpaceAfter()
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        page = getattr(frame, "_height", available_height)
        at_top = bool(getattr(frame, "_atTop", False))
        if self.height <= page and not at_top:
            return []  # it fits on a page: all of it goes to the next one
        head = self._parts[0]
        if not isinstance(head, (Tail, LongTable)):
            return []
        _, tall = head.wrapOn(self.canv, available_width, available_height)
        room = min(available_height, tall - self.KEEP)
        if room < 2 * self.KEEP and not at_top:
            return []
        pieces = (head.split_pair(self.canv, available_width, room) if isinstance(head, Tail)
                  else head.splitOn(self.canv, available_width, room))
        if len(pieces) < 2:
            return []
        return [pieces[0], Ending([*pieces[1:], *self._parts[1:]])]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for part, (w, h) in zip(self._parts, self._sizes, strict=True):
            top -= part.getSpaceBefore()
            part.drawOn(canvas, x, top - h, _sW=self.width - w + _sW)
            top -= h + part.getSpaceAfter()

def at_row(command: tuple[Any, ...], row: int) -> tuple[Any, ...]:
    """A style command written for row 0, moved to ``row``."""
    name, (c0, r0), (c1, r1), *rest = command
    return (name, (c0, r0 + row), (c1, r1 + row), *rest)
