"""A table laid out across pages by casedu, not by reportlab's split of a long table.

casedu breaks every cell into lines itself (:mod:`casedu.exporters.linebreak`), so it knows each
row's height before anything is drawn; :class:`TableFlow` fills a page with whole rows and, when
the next row does not fit, splits it between two lines with at least :data:`MIN_LINES` lines on
each side (a row that cannot be split so goes to the next page whole). What goes on shows
which record continues: its first cell reads ``12（续）``. Each page's rows are drawn as one
reportlab ``Table`` under the repeated header, so a table of 10,000 rows takes time in
proportion to its rows. The last rows of the last table carry the signature block (the
*ending*): it is drawn under them, on their page, and when it does not fit there the last row
moves to the next page with it.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Any, overload

import attrs
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as PdfTable

from casedu.exporters.linebreak import MIN_LINES

__all__ = ["CONTINUED", "MIN_LINES", "Prepared", "TableFlow", "TableLayout"]

#: The label of the rest of a record continued on the next page (``12（续）``).
CONTINUED = "（续）"
_GRID = colors.HexColor("#808080")
_HEADER = colors.HexColor("#D9D9D9")
_TOP, _BOTTOM = 2.0, 2.0  # points of padding above and below a cell's text


@attrs.define
class Prepared:
    """A row as drawn: each cell's lines, the lines of its detail (a long text printed across
    the page under the row), its style commands (written for row 0), and the label its
    continuation starts with."""

    cells: list[list[str]]
    style: list[tuple[Any, ...]]
    label: str
    detail: list[str] = attrs.Factory(list)
    _tallest: int = attrs.field(init=False, default=-1)

    @property
    def record_lines(self) -> int:
        """The tallest cell's lines (none when only the rest of a detail is left)."""
        if self._tallest < 0:
            self._tallest = max((len(c) for c in self.cells), default=0)
        return self._tallest if self._tallest or self.detail else 1

    @property
    def lines(self) -> int:
        """The lines of the row and its detail."""
        return self.record_lines + len(self.detail)

    def split(self, lines: int) -> tuple[Prepared, Prepared]:
        """The first ``lines`` lines, and the rest under the continuation label."""
        record = self.record_lines
        label = [self.label, CONTINUED] if self.label else [CONTINUED]
        if lines < record:
            head = Prepared([c[:lines] for c in self.cells], self.style, self.label)
            cells = [c[lines:] for c in self.cells]
            cells[0] = [*label, *cells[0]]
            return head, Prepared(cells, self.style, self.label, self.detail)
        taken = lines - record
        head = Prepared(self.cells, self.style, self.label, self.detail[:taken])
        rest = Prepared([[] for _ in self.cells], self.style, self.label,
                        ["".join(label) + " " + self.detail[taken], *self.detail[taken + 1:]])
        return head, rest


@attrs.define
class TableLayout:
    """What every page of one table shares: widths, header rows, styles, the rows."""

    widths: list[float]
    header: list[list[str]]  # each header row's cells, lines joined by newlines
    header_heights: list[float]
    header_style: list[tuple[Any, ...]]
    common_style: list[tuple[Any, ...]]
    rows: Sequence[Prepared]
    leading: float
    #: The last rows kept on the page of what ends the document (the signature block): the
    #: last record and the totals.
    keep: int = 1
    _cumulative: list[float] | None = attrs.field(init=False, default=None)

    @property
    def cumulative(self) -> list[float]:
        """The rows' heights summed: ``cumulative[i]`` is the height of the first ``i`` rows
        (worked out once: every page's layout reads it)."""
        if self._cumulative is None:
            self._cumulative = [0.0, *itertools.accumulate(self.height(r) for r in self.rows)]
        return self._cumulative

    def height(self, row: Prepared) -> float:
        """A row's height on paper, with its detail's."""
        record = row.record_lines
        height = record * self.leading + _TOP + _BOTTOM if record else 0.0
        if row.detail:
            height += len(row.detail) * self.leading + _TOP + _BOTTOM
        return height

    def lines_within(self, row: Prepared, height: float) -> int:
        """How many of the row's lines (its own, then its detail's) fit in ``height``."""
        record = row.record_lines
        own = record * self.leading + _TOP + _BOTTOM if record else 0.0
        if height < own or not row.detail:
            return min(record, int((height - _TOP - _BOTTOM) // self.leading))
        return record + int((height - own - _TOP - _BOTTOM) // self.leading)

    @property
    def header_height(self) -> float:
        """The repeated header's height."""
        return sum(self.header_heights)

    def table(self, rows: Sequence[Prepared]) -> PdfTable:
        """These rows under the header, as one reportlab table that is never split."""
        commands = list(self.common_style) + list(self.header_style)
        data: list[list[str]] = list(self.header)
        heights = list(self.header_heights)
        blank = [""] * (len(self.widths) - 1)
        for row in rows:
            if row.record_lines:
                commands += [at_row(c, len(data)) for c in row.style]
                data.append(["\n".join(cell) for cell in row.cells])
                heights.append(row.record_lines * self.leading + _TOP + _BOTTOM)
            if row.detail:
                here = len(data)
                commands += [at_row(c, here) for c in row.style if c[0] != "ALIGN"]
                commands.append(("SPAN", (0, here), (-1, here)))
                data.append(["\n".join(row.detail), *blank])
                heights.append(len(row.detail) * self.leading + _TOP + _BOTTOM)
        return PdfTable(data, colWidths=self.widths, rowHeights=heights,
                        style=TableStyle(commands), hAlign="CENTER")


def common_style(font: str, size: float, leading: float, padding: float) -> list[tuple[Any, ...]]:
    """The style of every cell of a table's pages."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), _TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _BOTTOM),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]


def header_style(rows: int, size: float, leading: float) -> list[tuple[Any, ...]]:
    """The style of the header rows."""
    last = rows - 1
    return [("BACKGROUND", (0, 0), (-1, last), _HEADER),
            ("VALIGN", (0, 0), (-1, last), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, last), "CENTER"),
            ("FONTSIZE", (0, 0), (-1, last), size),
            ("LEADING", (0, 0), (-1, last), leading)]


def header_height(lines: int, leading: float) -> float:
    """A header row's height for its tallest title's lines."""
    return lines * leading + _TOP + _BOTTOM + 2


class TableFlow(Flowable):  # type: ignore[misc]
    """The rows of a table from ``first`` on (``lead`` in place of the first when it is the
    rest of a row split across pages), then the ``ending`` flowables. The ending's height at
    each width is measured once for the table and its continuations (``ending_heights``): its
    notes and signature block are as tall on any page, and laying them out again at every
    split cost a tenth of a small report's export."""

    def __init__(self, layout: TableLayout, first: int = 0, lead: Prepared | None = None,
                 ending: Sequence[Flowable] = (),
                 ending_heights: dict[float, float] | None = None) -> None:
        super().__init__()
        self.layout = layout
        self.first = first
        self.lead = lead
        self.ending = list(ending)
        delta = 0.0
        if lead is not None and layout.rows[first:]:
            delta = layout.height(lead) - layout.height(layout.rows[first])
        self._sums = _Sums(layout.cumulative, first, delta)  # rows' heights summed from first
        self._ending_heights = {} if ending_heights is None else ending_heights

    def _rows(self, count: int) -> list[Prepared]:
        rows = list(self.layout.rows[self.first:self.first + count])
        if rows and self.lead is not None:
            rows[0] = self.lead
        return rows

    def _ending_height(self, width: float, height: float) -> float:
        known = self._ending_heights.get(width)
        if known is None:
            # a paragraph's, a spacer's and the signature table's heights do not depend on
            # the height left on the page
            known = self._ending_heights[width] = sum(
                [part.wrapOn(self.canv, width, height)[1] + part.getSpaceBefore()
                 + part.getSpaceAfter() for part in self.ending])
        return known

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = sum(self.layout.widths)
        self.height = self.layout.header_height + self._sums[-1] \
            + self._ending_height(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        layout = self.layout
        left = len(self._sums) - 1
        room = available_height - layout.header_height
        whole = bisect.bisect_right(self._sums, room + 1e-6) - 1  # rows that fit whole
        if whole < 0:  # not even the header: the next page
            return []
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        page = getattr(frame, "_height", available_height)
        if whole == left:  # every row fits, the ending does not: the last rows go with it
            ending = self._ending_height(available_width, available_height)
            leave = page - layout.header_height - ending  # what rows the ending's page holds
            kept = self._sums[-1] - self._sums[max(0, left - layout.keep)]
            if leave < min(kept, MIN_LINES * layout.leading + _TOP + _BOTTOM):
                return [self._piece(left), *self.ending]  # too tall to keep together
            room = self._sums[-1] - min(kept, leave)
            whole = bisect.bisect_right(self._sums, room + 1e-6) - 1
            if whole == left:  # pragma: no cover - room is less than every row
                whole -= 1
        rows = self._rows(whole + 1)
        row = rows[-1]
        lines = layout.lines_within(row, room - self._sums[whole])
        if row.lines - lines < MIN_LINES:
            lines = row.lines - MIN_LINES
        if lines >= MIN_LINES:
            head, rest = row.split(lines)
            placed = self._piece(whole, tail=head)
            return [placed, TableFlow(layout, self.first + whole, rest, self.ending,
                                      self._ending_heights)]
        if whole == 0:
            if at_top:  # a row of fewer than six lines taller than a page: cut where it must
                head, rest = row.split(max(1, lines))
                return [self._piece(0, tail=head),
                        TableFlow(layout, self.first, rest, self.ending,
                                  self._ending_heights)]
            return []
        return [self._piece(whole), TableFlow(layout, self.first + whole, None, self.ending,
                                              self._ending_heights)]

    def _piece(self, count: int, tail: Prepared | None = None) -> Flowable:
        rows = self._rows(count)
        if tail is not None:
            rows.append(tail)
        return self.layout.table(rows)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        table = self.layout.table(self._rows(len(self._sums) - 1))
        _, height = table.wrapOn(canvas, self.width, self.height)
        table.drawOn(canvas, x, top - height, _sW)
        top -= height
        for part in self.ending:
            width, height = part.wrapOn(canvas, self.width, self.height)
            top -= part.getSpaceBefore()
            part.drawOn(canvas, x, top - height, _sW=self.width - width + _sW)
            top -= height + part.getSpaceAfter()


class _Sums(Sequence[float]):
    """The heights of the rows from ``first`` summed (``[i]``: the first ``i`` of them), the
    first one ``delta`` taller (the rest of a row split across pages), read from the table's
    sums without copying them."""

    def __init__(self, cumulative: list[float], first: int, delta: float) -> None:
        self._cumulative, self._first, self._delta = cumulative, first, delta
        self._base = cumulative[first]

    def __len__(self) -> int:
        return len(self._cumulative) - self._first

    @overload
    def __getitem__(self, index: int) -> float: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[float]: ...

    def __getitem__(self, index: int | slice) -> float | Sequence[float]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        value = self._cumulative[self._first + index] - self._base
        return value + self._delta if index else value


def at_row(command: tuple[Any, ...], row: int) -> tuple[Any, ...]:
    """A style command written for row 0, moved to ``row``."""
    name, (c0, r0), (c1, r1), *rest = command
    return (name, (c0, r0 + row), (c1, r1 + row), *rest)
