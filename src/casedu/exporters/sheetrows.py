"""The rows of a printed sheet (:mod:`casedu.exporters.sheetparts`) and how each is made from a
document's blocks: titles, the header of a table, a record (continued under its number and （续）
when its text is taller than a row may be), a long text across the page, the chart's numbers,
the signature block (the columns' widths are :mod:`casedu.exporters.sheetwidths`').
:mod:`casedu.exporters.sheetgrid` lays them out on pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from casedu.exporters.cells import (
    cell_of,
    display,
    header_spans,
    typed_cells,
)
from casedu.exporters.linebreak import MIN_LINES, line_spans
from casedu.exporters.sheetpage import (
    BODY_SIZE,
    HEADER_SIZE,
    LINE,
    MAX_ROW_HEIGHT,
    ROW_PADDING,
    Paper,
    Size,
    measure,
    text_width,
)
from casedu.exporters.sheetparts import (
    CHART_HEIGHT_CM,
    CHART_WIDTH_CM,
    CM,
    CONTINUED,
    MARK,
    MARK_TITLE,
    Cell,
    ChartSpec,
    GridRow,
    Look,
)
from casedu.exporters.sheetwidths import sheet_widths
from casedu.exporters.titles import title_lines
from casedu.reports.document import (
    CellValue,
    Chart,
    Document,
    Kind,
    Mark,
    Row,
    Table,
    Typed,
)

__all__ = ["RowMaker"]

_NUMERIC = {Kind.INTEGER, Kind.HOURS, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL, Kind.DATE,
            Kind.YES_NO}
_NUMERIC_IDS = frozenset(map(id, _NUMERIC))
_PERIOD = Kind.DATE_RANGE  # an enum's hash is Python code: ids are faster
#: The narrowest character of the text model, in ems: a text longer than a line at this
#: width is not measured whole.
_NARROWEST = 0.35
_REMEMBERED = 200  # texts up to this long have their lines remembered (names, departments)


class RowMaker:
    """Makes the rows of one sheet: its columns' widths in points, its paper, and the height
    of the header printed above every page's rows (``above``)."""

    def __init__(self, document: Document, paper: Paper) -> None:
        self.document = document
        self.paper = paper
        self._marked: dict[int, bool] = {}
        self.widths = sheet_widths(document, paper.width, self.marked)  # (each table read once)
        self.count = len(self.widths)
        self.above = 0.0
        self._rooms = [paper.room(w, BODY_SIZE) for w in self.widths]
        self._lines: dict[tuple[str, float, float], int] = {}
        self._most: dict[float, int] = {}  # a record's most lines, by the titles' height
        self._shapes: dict[int, _Shape] = {}
        self._detail_room: float | None = None
        self._views: list[Table] = []

    def view(self, table: Table, spread: int | None) -> Table:
        """The columns of ``table`` as its records are printed: without its ``spread``
        column, printed under each record instead (:meth:`record` is given each record's cells
        without it, :meth:`detail` the whole record). Its marks are the whole table's."""
        if spread is None:
            return table
        columns = table.columns[:spread] + table.columns[spread + 1:]
        view = Table(columns=columns, rows=(), title=table.title)
        self._marked[id(view)] = self.marked(table)
        self._views.append(view)  # (kept: the marks are remembered by its id)
        return view

    def marked(self, table: Table) -> bool:
        """Whether ``table`` has a column 标记 (asked once a table: it reads every row)."""
        found = self._marked.get(id(table))
        if found is None:
            found = self._marked[id(table)] = table.has_marks
        return found

    def most_lines(self, size: float) -> int:
        """The most lines of ``size`` a row may hold: 409 pt, and a page under its titles."""
        tallest = min(MAX_ROW_HEIGHT, self.paper.height - self.above)
        return max(2, int((tallest - ROW_PADDING - 0.25) // (size * LINE)))

    def spacer(self) -> GridRow:
        return GridRow((), 1, Size.SPACER.value)

    def text_row(self, text: str, role: str, span: int) -> GridRow:
        cell = Cell(text, role=role, across=span)
        width = sum(self.widths[:span])
        return GridRow((cell,), self.lines(text, width, cell.size), cell.size)

    def text_rows(self, text: str, role: str, span: int) -> list[GridRow]:
        """A text across the page, in as many rows as keep each within the tallest row."""
        size = Cell("", role=role).size
        width = sum(self.widths[:span])
        room = self.paper.room(width, size)
        spans = line_spans(text, room, measure(size))
        most = self.most_lines(size)
        return [GridRow((Cell(_lines_of(text, spans[first:first + most]), role=role,
                              across=span),), min(most, len(spans) - first), size)
                for first in range(0, len(spans), most)]

    def lines(self, text: str, width: float, size: float) -> int:
        """How many lines ``text`` takes in a cell ``width`` points wide."""
        return self.lines_in(text, self.paper.room(width, size), size)

    def lines_in(self, text: str, room: float, size: float) -> int:
        """How many lines ``text`` takes where a line is ``room`` points long."""
        if not text:
            return 1
        if "\n" not in text and len(text) * size <= room:  # no character is wider than 1 em
            return 1
        key = (text, room, size)
        found = self._lines.get(key)  # a department's name is on many rows
        if found is not None:
            return found
        if "\n" not in text and (len(text) * size * _NARROWEST <= room
                                 and text_width(text, size) <= room):  # (an id, a name)
            found = 1
        else:
            found = len(line_spans(text, room, measure(size)))
        if len(text) <= _REMEMBERED and len(self._lines) < 4096:
            self._lines[key] = found
        return found

    def detail(self, table: Table, row: Row, index: int) -> list[GridRow]:
        """A ``spread`` column's text across the page under its record (from the second
        column), labelled with its title; what a row cannot hold goes on in the rows below,
        each under the record's number and （续）."""
        value, kind = cell_of(table.columns, row, index)
        text = value if value.__class__ is str and kind is _TEXT else display(value, kind)
        if not text:
            return []
        red = Mark.NOT_IMPLEMENTED in row.marks if row.marks else False
        text = f"{table.columns[index].title}：{text}"
        start = 1 if self.count > 2 else 0
        across = self.count - start
        room = self._detail_room
        if room is None:
            room = self._detail_room = self.paper.room(sum(self.widths[start:]), BODY_SIZE)
        if len(text) * BODY_SIZE <= room and "\n" not in text and not text[-1].isspace():
            spans = [(0, len(text))]  # one line (no character is wider than one em)
        else:
            spans = line_spans(text, room, measure(BODY_SIZE))
        most = self._most.get(self.above)
        if most is None:
            most = self._most[self.above] = self.most_lines(BODY_SIZE)
        parts = -(-len(spans) // most)
        per = -(-len(spans) // parts)
        first = row.cells[0]
        label = display(first, Kind.INTEGER) if isinstance(first, int) else ""

        def piece(lines: Sequence[tuple[int, int]], continued: bool) -> GridRow:
            lead = [Cell(f"{label}{CONTINUED}" if continued else None, red=red)] if start else []
            cells = (*lead, Cell(_lines_of(text, lines), red=red, across=across),
                     *([None] * (across - 1)))
            made = GridRow(cells, len(lines))
            if len(lines) >= 2 * MIN_LINES:
                made.splitter = lambda k: (piece(lines[:k], continued), piece(lines[k:], True))
            if not continued:
                made.resumed = lambda: piece(lines, True)
            return made

        rows = [piece(spans[part * per:(part + 1) * per], part > 0) for part in range(parts)]
        return rows

    def header(self, table: Table) -> list[GridRow]:
        """The header rows: a group's title over its columns, and the columns' titles (each
        whole, or in two lines broken between its words)."""
        marked = self.marked(table)
        titles = [c.title for c in table.columns] + ([MARK_TITLE] if marked else [])
        # broken where casedu chooses (培训 / 起止时间), not where a program would
        broken = ["\n".join(title_lines(t, self.paper.room(self.widths[i], HEADER_SIZE),
                                        measure(HEADER_SIZE))) for i, t in enumerate(titles)]
        lines = [t.count("\n") + 1 for t in broken]
        if not table.has_groups:
            cells = tuple(Cell(t, role="header") for t in broken)
            return [GridRow(cells, max(lines), HEADER_SIZE)]
        top: list[Cell | None] = []
        for s in header_spans(table):
            top.append(Cell(s.title if s.group else broken[s.first], role="header",
                            across=s.last - s.first + 1, down=1 if s.group else 2))
            top.extend([None] * (s.last - s.first))
        if marked:
            top.append(Cell(MARK_TITLE, role="header", down=2))
        bottom = tuple(Cell(broken[i], role="header") if c.group else None
                       for i, c in enumerate(table.columns))
        bottom += (None,) if marked else ()
        return [GridRow(tuple(top), 1, HEADER_SIZE),
                GridRow(bottom, max(lines), HEADER_SIZE)]

    def record(self, table: Table, cells: tuple[CellValue | Typed, ...],
               marks: frozenset[Mark]) -> list[GridRow]:
        """A record's rows (its ``cells`` as ``table``'s columns have them, and its
        ``marks``): one, or more when its text is taller than a row may be, each
        continuation under its number and （续）."""
        red = Mark.NOT_IMPLEMENTED in marks if marks else False  # (an enum's hash is slow)
        bold = Mark.TOTAL in marks if marks else False
        shape = self._shapes.get(id(table))
        if shape is None:
            shape = self._shapes[id(table)] = _Shape(table, self.marked(table))
        kinds: Sequence[Kind]
        plain: tuple[CellValue, ...]
        own = _TYPED in map(type, cells)  # a cell of its own kind (the summary's values)
        if own:
            typed = list(typed_cells(table.columns, Row(cells)))
            kinds, plain = [k for _, k in typed], tuple([v for v, _ in typed])
        else:
            kinds, plain = shape.kinds, cast(tuple[CellValue, ...], cells)
        # a number is one line: only text is shown and measured here
        texts = [v if v.__class__ is str and k is _TEXT else
                 "" if id(k) in _NUMERIC_IDS else _shown(v, k)
                 for v, k in zip(plain, kinds, strict=True)]
        rooms, lines_in = self._rooms, self.lines_in
        lines = [1 if len(t) * BODY_SIZE <= room and "\n" not in t  # no character is wider
                 else lines_in(t, room, BODY_SIZE)  # than one em
                 for t, room in zip(texts, rooms, strict=False)]
        mark = ((_MARKED if red else _UNMARKED,) if shape.marked else ())
        most = self._most.get(self.above)
        if most is None:
            most = self._most[self.above] = self.most_lines(BODY_SIZE)
        tallest = max(lines, default=1)
        if tallest <= most:
            if not own:  # the values as they are, with the table's look
                look = shape.looks.get((red, bold))
                if look is None:
                    look = shape.looks[red, bold] = shape.look(red, bold)
                values = plain if not shape.periods else tuple(
                    [t if k is _PERIOD and v is not None else v
                     for v, k, t in zip(plain, kinds, texts, strict=True)])
                if shape.marked:
                    values = (*values, MARK if red else None)
                return [GridRow(None, tallest, plain=True, values=values, look=look)]
            return [GridRow(tuple([_new(Cell, (v, k, "cell", red, bold, 1, 1))
                                   if k is not _PERIOD or v is None
                                   else _new(Cell, (t, _TEXT, "cell", red, bold, 1, 1))
                                   for v, k, t in zip(plain, kinds, texts, strict=True)]) + mark,
                            tallest, plain=True)]
        pairs = list(zip(plain, kinds, strict=True))
        parts = -(-tallest // most)
        per = -(-tallest // parts)  # balanced: every row of the record holds about as much
        rows: list[GridRow] = []
        label = display(*pairs[0]) if pairs and pairs[0][1] is Kind.INTEGER else ""
        spans = {i: line_spans(text, self.paper.room(self.widths[i], BODY_SIZE),
                               measure(BODY_SIZE))
                 for i, text in enumerate(texts) if lines[i] > per}
        for part in range(parts):
            row: list[Cell | None] = []
            for i, ((value, kind), text) in enumerate(zip(pairs, texts, strict=True)):
                if lines[i] <= per:
                    row.append(_value(value, kind, red, bold) if part == 0 else
                               Cell(None, kind, red=red))
                    continue
                piece = _slice(text, spans[i], part * per, (part + 1) * per)
                row.append(Cell(piece or None, Kind.TEXT, red=red, bold=bold))
            if part:
                row[0] = Cell(f"{label}{CONTINUED}", Kind.TEXT, red=red)
                row += [Cell(None, role="mark", red=red)] if mark else []
            else:
                row += mark
            used = max(min(per, max(0, n - part * per)) for n in lines)
            rows.append(GridRow(tuple(row), max(used, 2 if part else 1)))
        return rows

    def chart(self, chart: Chart) -> list[GridRow]:
        """The chart's numbers as a small table, and room beside and under it for the chart."""
        column = 1 if self.count >= 4 else 0  # beside the narrow 序号 column
        before = [None] * column
        rows = [self.text_row(chart.title, "subtitle", self.count)]
        rows.append(GridRow((*before, Cell("学时", role="header"),
                             Cell(chart.value_label, role="header")), 1, HEADER_SIZE))
        for label, value in zip(chart.labels, chart.values, strict=True):
            rows.append(GridRow((*before, Cell(label), Cell(value, Kind.INTEGER))))
        width = min(CHART_WIDTH_CM, sum(self.widths[column + 2:]) / CM) \
            if self.count > column + 2 else CHART_WIDTH_CM
        rows[1].chart = ChartSpec(chart, column, min(column + 2, self.count - 1),
                                   max(width, 8.0))
        while sum(r.height for r in rows[1:]) < CHART_HEIGHT_CM * CM + 6:
            rows.append(GridRow((), 2, BODY_SIZE))
        return rows

    def stamp(self) -> list[GridRow]:
        """The signature block: 填报单位; 负责人（签字） and 单位（盖章）; room for the stamp;
        填表人 and 联系电话, and the date, each with a blank to write on."""
        stamp, size = self.document.stamp, Size.STAMP.value
        n = self.count
        split = _split_at(self.widths)
        left, right = sum(self.widths[:split]), sum(self.widths[split:])

        def pair(a: str, b: str) -> GridRow:
            cells: tuple[Cell | None, ...]
            if split >= n:
                cells = (Cell(f"{a}\n{b}", role="stamp", across=n),)
                return GridRow(cells, self.lines(a, left, size) + self.lines(b, left, size),
                               size)
            cells = (Cell(a, role="stamp", across=split), *([None] * (split - 1)),
                     Cell(b, role="stamp", across=n - split))
            return GridRow(cells, max(self.lines(a, left, size), self.lines(b, right, size)),
                           size)

        return [self.spacer(),
                self.text_row(f"{stamp.filing_label}：{self.document.institute}", "stamp", n),
                pair(stamp.signer_line(size), f"{stamp.unit_label}："),
                GridRow((), 3, size),
                pair(stamp.preparer_line(size), stamp.date_line(size))]


_MARKED = Cell(MARK, role="mark", red=True)
_UNMARKED = Cell(None, role="mark")
_TYPED, _TEXT = Typed, Kind.TEXT
_new = tuple.__new__  # a Cell made in C (a named tuple's own __new__ is Python)


class _Shape:
    """What :meth:`RowMaker.record` asks of a table once, not for each row: its columns'
    kinds, and whether it has a column 标记."""

    __slots__ = ("kinds", "looks", "marked", "periods")

    def __init__(self, table: Table, marked: bool) -> None:
        self.kinds = tuple(c.kind for c in table.columns)
        self.marked = marked
        self.periods = _PERIOD in self.kinds
        self.looks: dict[tuple[bool, bool], Look] = {}  # by red and bold

    def look(self, red: bool, bold: bool) -> Look:
        """How a record's row looks: a period is shown as text (its empty cell keeps its
        kind); the column 标记 is neither bold nor a value."""
        count = len(self.kinds)
        mark = 1 if self.marked else 0
        return Look(tuple(_TEXT if k is _PERIOD else k for k in self.kinds) + (_TEXT,) * mark,
                    self.kinds + (_TEXT,) * mark, ("cell",) * count + ("mark",) * mark,
                    (bold,) * count + (False,) * mark, red)




def _value(value: CellValue, kind: Kind, red: bool, bold: bool) -> Cell:
    if kind is Kind.DATE_RANGE and value is not None:
        return Cell(_shown(value, kind), Kind.TEXT, red=red, bold=bold)
    return Cell(value, kind, red=red, bold=bold)


def _shown(value: CellValue, kind: Kind) -> str:
    """A value as the sheet shows it: a period in two lines (2026-03-02 / 至 2026-03-08),
    each whole, as a program breaking at a hyphen would not keep it."""
    if isinstance(value, str) and kind is Kind.TEXT:  # most cells: shown as they are
        return value
    text = display(value, kind)
    return text.replace(" 至 ", "\n至 ") if kind is Kind.DATE_RANGE else text


def _lines_of(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The lines of ``text`` at ``spans``, each on a line of its own: a text across the page
    (a 培训成效 under its row, a note) is layout, not a value, and carries casedu's line
    breaks, so that no program breaks it where Chinese print would not (an xlsx cannot ask
    for strict line breaking as an ods does)."""
    return "\n".join([text[a:b] for a, b in spans])


def _slice(text: str, spans: Sequence[tuple[int, int]], first: int, last: int) -> str:
    """The text of lines ``first`` to ``last`` (exclusive) of ``spans``."""
    if first >= len(spans):
        return ""
    end = spans[min(last, len(spans)) - 1][1]
    return text[spans[first][0]:end]


def _split_at(widths: list[float]) -> int:
    """Where the signature block's right part (单位（盖章）, the date) starts: the column
    boundary that leaves it closest to 42 % of the width.

    >>> _split_at([40, 40, 40, 480, 60]), _split_at([100, 100, 100]), _split_at([300])
    (4, 2, 1)
    """
    if len(widths) < 2:
        return len(widths)
    total = sum(widths)
    return min(range(1, len(widths)), key=lambda k: abs(sum(widths[k:]) / total - 0.42))
