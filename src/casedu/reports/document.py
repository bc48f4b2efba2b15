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
    (a Chinese character counts two). ``group`` spans a header above neighbouring columns.
    A column that ``wrap``s its text holds at least ``least`` Chinese characters a line on
    paper (where its text is that long), however much text its neighbours hold. A ``spread``
    column holds long text (培训成效 of 2,000 characters): a format that lays out its own pages
    (PDF) prints it across the page under its row, labelled with its title, where a column
    would hold a few characters a line; the spreadsheets keep it a column."""

    key: str
    title: str
    kind: Kind = Kind.TEXT
    width: int = 10
    group: str | None = None
    wrap: bool = False
    least: int = 4
    spread: bool = False
    #: The column's cell leads to the row's ``link`` where a format has links (html).
    links: bool = False


@attrs.frozen
class Row:
    """One row of values in column order, with its marks, and where its linking column leads
    (``link``: a drill-down, such as ``#institute-IOP``; a format without links prints the
    text alone)."""

    cells: tuple[CellValue | Typed, ...]
    marks: frozenset[Mark] = frozenset()
    link: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Table(Records):
    """A table with its header, rows and an optional totals row; the header repeats on every
    printed page."""

    columns: tuple[Column, ...]
    rows: Sequence[Row]
    title: str | None = None
    totals: Row | None = None
    #: The table's name for a link to it (html: its ``id``).
    anchor: str | None = None

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


#: A blank's underscores are half as wide as the font is high, in every font casedu prints
#: with (WenQuanYi, SimSun, DejaVu, Liberation): a point is 1/72 inch.
_UNDERSCORE_EM = 0.5
_CM = 72 / 2.54


@attrs.frozen(kw_only=True)
class Stamp:
    """The block institutes sign and stamp (盖章): the filing unit (填报单位), the head's
    signature (负责人签字), the preparer and their phone (填表人, 联系电话), the unit's stamp and
    the date, each with a blank to write on by hand, of at least the width it names in
    centimetres (a name 2.5 cm, a phone number 3.5 cm, the year 2 cm, the month and day 1.2 cm).

    >>> stamp = Stamp()
    >>> print(stamp.preparer_line(11))
    填表人： _____________ 联系电话： ___________________
    >>> print(stamp.date_line(11))
    ___________ 年 _______ 月 _______ 日
    """

    unit_label: str = "单位（盖章）"
    signer_label: str = "负责人（签字）"
    filing_label: str = "填报单位"
    preparer_label: str = "填表人"
    phone_label: str = "联系电话"
    signer_cm: float = 3.0
    preparer_cm: float = 2.5
    phone_cm: float = 3.5
    year_cm: float = 2.0
    month_cm: float = 1.2
    day_cm: float = 1.2

    @staticmethod
    def blank(cm: float, size: float) -> str:
        """Underscores at least ``cm`` wide in a font of ``size`` points."""
        return "_" * -int(-(cm * _CM) // (_UNDERSCORE_EM * size))

    def signer_line(self, size: float) -> str:
        """负责人（签字） and a blank (each blank a word of its own, between spaces)."""
        return f"{self.signer_label}： {self.blank(self.signer_cm, size)}"

    def preparer_line(self, size: float) -> str:
        """填表人 and 联系电话, each with a blank."""
        return (f"{self.preparer_label}： {self.blank(self.preparer_cm, size)} "
                f"{self.phone_label}： {self.blank(self.phone_cm, size)}")

    def date_line(self, size: float) -> str:
        """The date with a blank before each of 年, 月 and 日."""
        return (f"{self.blank(self.year_cm, size)} 年 {self.blank(self.month_cm, size)} 月 "
                f"{self.blank(self.day_cm, size)} 日")


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
