"""What every result offers: plain records, pandas DataFrames, a repr that fits on a screen,
and its HTML in a notebook.

Every result (the annual figures, a backbone screen and a candidate, an archive, the class
statistics, the staff overview, a document's tables) has ``to_records()``: a list of dicts of
plain values (``str``, ``int``, ``bool``, ``Decimal``, ``date``, ``None``), exact, and
``to_frame()``: a pandas DataFrame of them (:func:`frame_of`) whose columns stay exact: hours,
money and rates as pyarrow ``decimal128`` (``frame["hours"].sum()`` is a ``Decimal``), dates
as pyarrow ``date32``, whole numbers as ``Int64``, yes/no as ``boolean``, statuses as
categories. Results over people and years also give a wide frame, ``to_frame(wide=True)``:
a row a person, a column a year (docs/notebooks.md). pandas and pyarrow stay optional
(``pip install pandas pyarrow``): without them ``to_frame`` says how to install them.

The results (the figures, a screen, an archive, a dataset, a report's document) show themselves
in Jupyter through ``_repr_html_``, which asks :func:`notebook_html`: the display that draws
them, :mod:`casedu.notebook`, sits above every layer and is plugged in by ``import casedu``
(the package's ``__init__``, which runs before any of its modules), so no result imports it.

>>> from casedu.metrics import annual_figures
>>> from casedu.sample import sample_dataset
>>> records = annual_figures(sample_dataset(), "DEMO", 2026).to_records()
>>> records[1]["key"], records[1]["value"]
('plan_execution_rate', Decimal('0.7857142857142857142857142857'))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from casedu.errors import ArgumentValueError, CaseduError, expect

if TYPE_CHECKING:
    import pandas

__all__ = [
    "PLACES",
    "MissingPackageError",
    "RecordTuple",
    "Records",
    "frame_of",
    "notebook_html",
    "plug_display",
    "short_repr",
    "wide_frame",
]

T = TypeVar("T")


class MissingPackageError(CaseduError, ImportError):
    """An optional package casedu needs for this is not installed."""


class Records:
    """What every tabular result offers: ``to_records()`` and ``to_frame()``."""

    __slots__ = ()

    #: The columns of statuses, which become categories in :meth:`to_frame`.
    categories: ClassVar[tuple[str, ...]] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """The result as a list of dicts of plain values, exact."""
        raise NotImplementedError

    def to_frame(self, *, wide: bool = False) -> pandas.DataFrame:
        """The result as a pandas DataFrame with exact numeric columns (:func:`frame_of`);
        ``wide``: its hours as a row a person and a column a year, where the result has such
        a form (:class:`~casedu.metrics.HoursByYear`, a learning archive)."""
        expect("wide", wide, bool, what="True or False")
        if wide:
            return self._wide_frame()
        return frame_of(self.to_records(), categories=self.categories)

    def _wide_frame(self) -> pandas.DataFrame:
        raise ArgumentValueError(f"a {type(self).__name__} has no wide frame: its hours by "
                                 "person and year are casedu.metrics.hours_by_year's")


class RecordTuple(tuple[T, ...], Records):
    """A tuple of result rows (the class statistics, the staff overview) that also gives them
    as records and a frame; each row knows its record (``to_record()``)."""

    def to_records(self) -> list[dict[str, Any]]:
        return [row.to_record() for row in self]  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return short_repr(type(self).__name__, rows=len(self))


#: The decimal places every decimal column keeps at least: hours and money have two.
PLACES = 2
#: pyarrow's decimal128 holds 38 digits.
_DIGITS = 38


def frame_of(records: Iterable[dict[str, Any]], *,
             categories: Iterable[str] = ()) -> pandas.DataFrame:
    """A DataFrame of records, every column of a type that keeps its values exact:

    - decimals (hours, money, rates; with whole numbers among them) as pyarrow
      ``decimal128(38, s)``, ``s`` their most decimal places and at least two: sums, group
      sums and pivots are exact ``Decimal``;
    - dates as pyarrow ``date32`` (``.dt.year`` works; no time of day, no time zone);
    - whole numbers as ``Int64``, yes/no as ``boolean`` (both with ``<NA>`` for a missing
      value), the ``categories`` columns (statuses) as ``category``, text as pandas' strings;
    - anything else, or a decimal of more than 38 digits, as Python objects.

    Needs pandas and pyarrow (``pip install pandas pyarrow``)."""
    pd, pa = _frame_packages()
    rows = list(records)
    wanted = set(categories)
    names = list(dict.fromkeys(key for row in rows for key in row))
    return pd.DataFrame({name: _series(pd, pa, [row.get(name) for row in rows],
                                       category=name in wanted) for name in names},
                        index=pd.RangeIndex(len(rows)))


def wide_frame(index: dict[str, list[Any]], columns: dict[int, list[Decimal]], *,
               name: str = "year") -> pandas.DataFrame:
    """Hours in the wide form: a row a person (the ``index`` columns: id, name, department),
    a column a year (``name``), each of the years' decimals as in :func:`frame_of`."""
    pd, pa = _frame_packages()
    arrays = [_series(pd, pa, values, category=False) for values in index.values()]
    frame = pd.DataFrame({year: _series(pd, pa, values, category=False, decimal=True).array
                          for year, values in columns.items()},
                         index=pd.MultiIndex.from_arrays(arrays, names=list(index)))
    frame.columns.name = name
    return frame


def _frame_packages() -> tuple[Any, Any]:
    missing = []
    try:
        import pandas as pd
    except ImportError:
        missing.append("pandas")
    try:
        import pyarrow as pa
    except ImportError:
        missing.append("pyarrow")
    if missing:
        raise MissingPackageError(
            f"to_frame needs pandas and pyarrow ({' and '.join(missing)} missing): pip install "
            "pandas pyarrow (the records of to_records() need nothing)")
    return pd, pa


def _series(pd: Any, pa: Any, values: list[Any], *, category: bool,
            decimal: bool = False) -> Any:
    """One column of :func:`frame_of` (``decimal``: of decimals even when it is empty)."""
    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    if category:
        return pd.Series(values, dtype="category")
    if decimal and not present:
        return pd.Series(pd.arrays.ArrowExtensionArray(
            pa.array(values, type=pa.decimal128(_DIGITS, PLACES))))
    if not present or kinds - {str, int, bool, Decimal, dt.date}:
        return pd.Series(values, dtype=object)
    if kinds == {bool}:
        return pd.Series(values, dtype="boolean")
    if kinds == {int}:
        return pd.Series(values, dtype="Int64")
    if kinds == {dt.date}:
        return pd.Series(pd.arrays.ArrowExtensionArray(pa.array(values, type=pa.date32())))
    if kinds <= {int, Decimal} and Decimal in kinds:
        places = _places(present)
        if places is not None:
            return pd.Series(pd.arrays.ArrowExtensionArray(
                pa.array(values, type=pa.decimal128(_DIGITS, places))))
        return pd.Series(values, dtype=object)
    if kinds == {str}:
        return pd.Series(values)
    return pd.Series(values, dtype=object)


def _places(values: list[int | Decimal]) -> int | None:
    """The decimal places of a decimal128 column holding ``values`` exactly, at least
    :data:`PLACES`; None when they need more than 38 digits or one is not a finite number."""
    places, whole = PLACES, 1
    for value in values:
        if isinstance(value, int):
            whole = max(whole, len(str(abs(value))))
            continue
        if not value.is_finite():
            return None
        _, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # finite
        places = max(places, -exponent)
        whole = max(whole, len(digits) + exponent)
    return places if whole + places <= _DIGITS else None


def short_repr(kind: str, /, **fields: object) -> str:
    """A repr that fits on a screen: the name and a few counts or values, each cut short.

    >>> short_repr("AnnualFigures", institute="DEMO", year=2026, in_service=279)
    "AnnualFigures(institute='DEMO', year=2026, in_service=279)"
    """
    parts = []
    for key, value in fields.items():
        text = repr(value)
        parts.append(f"{key}={text if len(text) <= 80 else text[:77] + '...'}")
    return f"{kind}({', '.join(parts)})"


def ids(items: Sequence[Any], limit: int = 5) -> str:
    """The first few ids of people or plans, for a repr."""
    shown = [getattr(getattr(i, "person", i), "id", "?") for i in items[:limit]]
    more = f", … {len(items) - limit} more" if len(items) > limit else ""
    return f"[{', '.join(shown)}{more}]"


#: Draws a result as HTML for a notebook; ``import casedu`` plugs in :mod:`casedu.notebook`'s.
_draw_html: Callable[[object], str] | None = None


def plug_display(draw: Callable[[object], str]) -> None:
    """Have ``draw`` draw every result's ``_repr_html_`` (``casedu/__init__.py`` plugs in the
    notebook display: the results, below it, cannot import it)."""
    global _draw_html
    _draw_html = draw


def notebook_html(result: object) -> str:
    """``result`` as HTML for a notebook: what the results' ``_repr_html_`` return."""
    if _draw_html is None:  # pragma: no cover - casedu's __init__ runs before this module
        raise RuntimeError("no display is plugged in: import casedu")
    return _draw_html(result)
