"""A report's table as a page shows it: the same :class:`~casedu.reports.Document` the 导出
button renders, each cell written as on paper (:func:`casedu.exporters.cells.display`), so the
page and the file never differ.

>>> from decimal import Decimal
>>> from casedu.reports import Column, Kind, Mark, Row, Table
>>> table = Table(columns=(Column("name", "培训名称"), Column("expense", "经费开支", Kind.MONEY)),
...               rows=(Row(("讲座", Decimal("1200")), frozenset({Mark.NOT_IMPLEMENTED})),))
>>> [(c.text, c.number) for c in shown_rows(table)[0].cells]
[('讲座', False), ('1,200.00', True)]
>>> shown_rows(table)[0].not_implemented
True
"""

from __future__ import annotations

import attrs

from casedu.exporters.cells import display, typed_cells
from casedu.reports import Kind, Mark, Row, Table

__all__ = ["NUMBERS", "ShownCell", "ShownRow", "shown_rows"]

#: The kinds a page aligns to the right.
NUMBERS = frozenset({Kind.INTEGER, Kind.HOURS, Kind.MONEY, Kind.DECIMAL, Kind.PERCENT})


@attrs.frozen
class ShownCell:
    """A cell's text as printed, and whether it is a number (aligned right)."""

    text: str
    number: bool


@attrs.frozen
class ShownRow:
    """A row's cells with its marks: 未实施 (a red background and the word), 合计."""

    cells: tuple[ShownCell, ...]
    not_implemented: bool = False
    total: bool = False

    @property
    def mark(self) -> str:
        """The word a row not implemented carries, so colour is never the only sign."""
        return Mark.NOT_IMPLEMENTED.label if self.not_implemented else ""

    @property
    def mark_at(self) -> int:
        """The cell the word goes before: the first that is not a number (the name, not 序号)."""
        return next((i for i, c in enumerate(self.cells) if not c.number), 0)


def shown_rows(table: Table) -> list[ShownRow]:
    """The table's rows, then its totals row, as the page shows them (no totals of no rows)."""
    if not table.rows:
        return []
    rows = [*table.rows, *([table.totals] if table.totals is not None else [])]
    return [_shown(table, row) for row in rows]


def _shown(table: Table, row: Row) -> ShownRow:
    cells = tuple(ShownCell(display(value, kind), kind in NUMBERS)
                  for value, kind in typed_cells(table.columns, row))
    return ShownRow(cells, Mark.NOT_IMPLEMENTED in row.marks, Mark.TOTAL in row.marks)
