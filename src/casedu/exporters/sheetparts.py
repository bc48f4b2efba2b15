"""What a printed sheet is made of, the same for xlsx and ods: cells with their role and span,
rows with their height in lines, and the places of the charts. :mod:`casedu.exporters.sheetrows`
makes them from a document's blocks; :mod:`casedu.exporters.sheetgrid` lays them out on pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, NamedTuple, TypeVar

import attrs

from casedu.exporters.sheetpage import BODY_SIZE, Size, row_height
from casedu.reports.document import CellValue, Chart, Kind, Mark

__all__ = ["CHART_HEIGHT_CM", "CHART_WIDTH_CM", "CM", "CONTINUED", "MARK", "MARK_TITLE", "Cell",
           "ChartAt", "ChartSpec", "GridRow", "Look", "LookOpenings"]

#: What a record's continuation rows say under its number, and the mark of a row not
#: implemented, in a cell of its own (the name cell holds the name alone).
CONTINUED = "（续）"
MARK = f"【{Mark.NOT_IMPLEMENTED.label}】"
#: The title of the column of marks.
MARK_TITLE = "标记"
#: The chart's size, in centimetres.
CHART_WIDTH_CM, CHART_HEIGHT_CM = 12.0, 6.5
#: Points in a centimetre.
CM = 72 / 2.54


class Cell(NamedTuple):
    """A cell as printed: its value and kind, its role (``title``, ``subtitle``, ``header``,
    ``cell``, ``note``, ``stamp``, ``mark``), and how many columns and rows it spans. (A
    named tuple: a sheet of the academy makes a million of them.)"""

    value: CellValue
    kind: Kind = Kind.TEXT
    role: str = "cell"
    red: bool = False
    bold: bool = False
    across: int = 1
    down: int = 1

    @property
    def size(self) -> float:
        """The cell's font size in points."""
        return _ROLE_SIZES.get(self.role, BODY_SIZE)


_ROLE_SIZES = {"title": Size.TITLE.value, "subtitle": Size.SUBTITLE.value,
               "header": Size.HEADER.value, "note": Size.NOTE.value, "stamp": Size.STAMP.value}


@attrs.define
class GridRow:
    """A row: its cells (None where a merged cell covers it or nothing is written), how many
    lines of which size it is tall, and whether a page starts with it."""

    _cells: tuple[Cell | None, ...] | None
    lines: int = 1
    size: float = BODY_SIZE
    page_break: bool = False
    titles: bool = False  # one of the header rows printed on every page
    chart: ChartSpec | None = None  # the header row of a chart's numbers
    #: Splits the row after so many lines into two rows (a long text's), where it can be.
    splitter: Callable[[int], tuple[GridRow, GridRow]] | None = None
    #: The row as it reads at the top of a page: under its record's number and （续）.
    resumed: Callable[[], GridRow] | None = None
    plain: bool = False  # no cell of it spans another (a record's row)
    #: A record's row as its values alone, each cell as ``look`` has it (no Cell made).
    values: tuple[CellValue, ...] | None = None
    look: Look | None = None

    @property
    def cells(self) -> tuple[Cell | None, ...]:
        """The row's cells (None where a merged cell covers it or nothing is written)."""
        cells = self._cells
        if cells is None:
            assert self.look is not None and self.values is not None
            cells = self._cells = self.look.cells(self.values)
        return cells

    @property
    def height(self) -> float:
        """The row's height in points."""
        return row_height(self.lines, self.size)


class Look:
    """How the cells of a record's rows look, shared by every row alike: each column's kind
    for a value and for an empty cell (a period's value is its text), its role and whether it
    is bold, and the row's red. A :class:`GridRow` of ``values`` with its look stands for its
    cells: the formats write the values without a :class:`Cell` made for each."""

    __slots__ = ("bolds", "empty_kinds", "kinds", "red", "roles")

    def __init__(self, kinds: tuple[Kind, ...], empty_kinds: tuple[Kind, ...],
                 roles: tuple[str, ...], bolds: tuple[bool, ...], red: bool) -> None:
        self.kinds = kinds
        self.empty_kinds = empty_kinds
        self.roles = roles
        self.bolds = bolds
        self.red = red

    def cells(self, values: tuple[CellValue, ...]) -> tuple[Cell, ...]:
        """The cells the ``values`` stand for."""
        red = self.red
        return tuple(Cell(v, empty if v is None else kind, role, red, bold)
                     for v, kind, empty, role, bold in zip(values, self.kinds, self.empty_kinds,
                                                          self.roles, self.bolds, strict=True))


_Full = TypeVar("_Full")
_Empty = TypeVar("_Empty")


class LookOpenings(Generic[_Full, _Empty]):
    """What a format writes before each column's value in the rows of a :class:`Look` (the
    xlsx its style's number, the ods its cell's opening), of a value and of an empty cell:
    two lists per look, a column's slot filled by the writer the first time a cell of that
    column asks for it (so the styles are noted in the order the cells first need them)."""

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[Look, tuple[list[_Full | None], list[_Empty | None]]] = {}

    def of(self, look: Look, count: int) -> tuple[list[_Full | None], list[_Empty | None]]:
        """The slots of ``look``'s ``count`` columns: of a value, and of an empty cell."""
        known = self._known.get(look)
        if known is None:
            known = self._known[look] = ([None] * count, [None] * count)
        return known


@attrs.frozen
class ChartAt:
    """A bar chart of the sheet: its labels in column ``column`` and values in the next, in rows
    ``first`` to ``last`` (1-based) under the header row ``header``; drawn from column
    ``at_column`` (0-based) of row ``header``."""

    chart: Chart
    column: int
    header: int
    first: int
    last: int
    at_column: int
    width_cm: float = CHART_WIDTH_CM
    height_cm: float = CHART_HEIGHT_CM


@attrs.frozen
class ChartSpec:
    """Where a chart's numbers are (``column``) and where it is drawn from (``at_column``),
    ``width_cm`` wide: what the row that heads its numbers carries to the layout."""

    chart: Chart
    column: int
    at_column: int
    width_cm: float
