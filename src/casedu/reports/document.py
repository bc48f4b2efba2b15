"""The format-neutral report document that every exporter renders.

A report is built once as a :class:`Document`; exporters only render it and compute nothing. Cell
values are typed by their column (or by a :class:`Typed` cell where one column mixes kinds), so
that every format can store numbers as numbers with the right display format.

>>> table = Table(columns=(Column("name", "姓名"), Column("hours", "学时", Kind.HOURS)),
...               rows=(Row(("张伟", Decimal("12.5"))),))
>>> doc = Document(title="示例", institute="中国科学院物理研究所", year=2026, blocks=(table,))
>>> doc.subtitle
'中国科学院物理研究所 · 2026年度'
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from casedu.results import Records, notebook_html, short_repr

__all__ = [
    "Chart",
    "Column",
    "Document",
    "Kind",
    "Mark",
    "Orientation",
    "Paragraph",
    "Row",
    "Stamp",
    "Table",
    "Typed",
]


class Kind(enum.Enum):
    """How a cell's value is typed and shown."""

    TEXT = "text"
    INTEGER = "integer"
    HOURS = "hours"  # Decimal, shown 0.0
    MONEY = "money"  # Decimal yuan, shown #,##0.00
    DECIMAL = "decimal"  # Decimal, shown 0.00 (averages)
    PERCENT = "percent"  # Decimal fraction or None, shown 0.00%
    DATE = "date"  # datetime.date
    DATE_RANGE = "date_range"  # (start, end) dates, shown 2026-03-02 至 2026-03-06
    YES_NO = "yes_no"  # bool, shown 是/否


class Mark(enum.Enum):
    """A mark on a row that every format must make visible."""

    NOT_IMPLEMENTED = "not_implemented"  # 未实施: red fill in spreadsheets, marked in PDF
    TOTAL = "total"  # a totals row: bold

    @property
    def label(self) -> str:
        """The mark's word on paper."""
        return {"not_implemented": "未实施", "total": "合计"}[self.value]


class Orientation(enum.Enum):
    """Page orientation on A4."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


CellValue = str | int | Decimal | dt.date | tuple[dt.date, dt.date] | bool | None


@attrs.frozen
class Typed:
    """A cell whose kind differs from its column's (the summary's value column mixes kinds)."""

    value: CellValue
    kind: Kind


@attrs.frozen
class Column:
    """A column: its key (for csv/json), its printed title, kind, and width in Latin characters
    (a Chinese character counts two). ``group`` spans a header above neighbouring columns."""

    key: str
    title: str
    kind: Kind = Kind.TEXT
    width: int = 10
    group: str | None = None
    wrap: bool = False


@attrs.frozen
class Row:
    """One row of values in column order, with its marks."""

    cells: tuple[CellValue | Typed, ...]
    marks: frozenset[Mark] = frozenset()


@attrs.frozen(kw_only=True, repr=False)
class Table(Records):
    """A table with its header, rows and an optional totals row; the header repeats on every
    printed page."""

    columns: tuple[Column, ...]
    rows: Sequence[Row]
    title: str | None = None
    totals: Row | None = None

    @property
    def has_groups(self) -> bool:
        """Whether a group header row stands above the column titles."""
        return any(c.group for c in self.columns)

    @property
    def has_marks(self) -> bool:
        """Whether any row carries a mark (the csv and json then carry a mark column)."""
        return any(r.marks - {Mark.TOTAL} for r in self.rows)

    def to_records(self) -> list[dict[str, Any]]:
        """The rows (not the totals) keyed by column: exact values, a period as its ``_start``
        and ``_end``, and the marks (``未实施``) where the table has any."""
        records = []
        for row in self.rows:
            record: dict[str, Any] = {}
            for column, cell in zip(self.columns, row.cells, strict=True):
                value = cell.value if isinstance(cell, Typed) else cell
                if isinstance(value, tuple):
                    record[f"{column.key}_start"], record[f"{column.key}_end"] = value
                else:
                    record[column.key] = value
            if self.has_marks:
                labels = sorted(m.label for m in row.marks - {Mark.TOTAL})
                record["marks"] = "、".join(labels) or None
            records.append(record)
        return records

    def __repr__(self) -> str:
        return short_repr("Table", title=self.title, columns=[c.key for c in self.columns],
                          rows=len(self.rows))


@attrs.frozen
class Paragraph:
    """A note under or between tables."""

    text: str


@attrs.frozen(kw_only=True)
class Chart:
    """A small bar chart: labelled counts (the summary's hours distribution)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    value_label: str = "人数"


@attrs.frozen(kw_only=True)
class Stamp:
    """The block institutes sign and stamp (盖章): the filing unit (填报单位), the head's
    signature (负责人签字), the preparer and their phone (填表人, 联系电话), the unit's stamp and
    the date, with room to write by hand."""

    unit_label: str = "单位（盖章）"
    date_label: str = "日期：　　　　年　　　月　　　日"
    signer_label: str = "负责人（签字）"
    filing_label: str = "填报单位"
    preparer_label: str = "填表人"
    phone_label: str = "联系电话"

    @property
    def preparer_line(self) -> str:
        """填表人 and 联系电话 with room to write."""
        blank = "\u3000" * 6
        return f"{self.preparer_label}：{blank}{self.phone_label}：{blank}"


Block = Table | Paragraph | Chart


@attrs.frozen(kw_only=True, repr=False)
class Document:
    """A print-ready report: title, institute and year, blocks, notes, stamp and footer."""

    title: str
    institute: str  # the institute's full name
    year: int
    blocks: tuple[Block, ...]
    orientation: Orientation = Orientation.PORTRAIT
    notes: tuple[str, ...] = ()
    stamp: Stamp = Stamp()
    footer: str = ""
    name: str = "report"  # a short name for files and sheets

    @property
    def subtitle(self) -> str:
        """The line under the title: the institute and the year."""
        return f"{self.institute} · {self.year}年度"

    @property
    def tables(self) -> tuple[Table, ...]:
        """The document's tables in order."""
        return tuple(b for b in self.blocks if isinstance(b, Table))

    def __repr__(self) -> str:
        return short_repr("Document", name=self.name, title=self.title,
                          institute=self.institute, year=self.year,
                          tables=[len(t.rows) for t in self.tables])

    def _repr_html_(self) -> str:
        return notebook_html(self)
