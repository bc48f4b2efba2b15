"""What every result offers: plain records, pandas DataFrames, a repr that fits on a screen,
and its HTML in a notebook.

Every result (the annual figures, a backbone screen and a candidate, an archive, the class
statistics, the staff overview, a document's tables) has ``to_records()``: a list of dicts of
plain values (``str``, ``int``, ``bool``, ``Decimal``, ``date``, ``None``), exact, and
``to_frame()``: a pandas DataFrame of them, with decimals as ``float64`` and dates as
``datetime64`` so that the columns are numeric. pandas stays optional: without it ``to_frame``
says how to install it.

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
from typing import TYPE_CHECKING, Any, TypeVar

from casedu.errors import CaseduError

if TYPE_CHECKING:
    import pandas

__all__ = [
    "MissingPackageError",
    "RecordTuple",
    "Records",
    "frame_of",
    "notebook_html",
    "plug_display",
    "short_repr",
]

T = TypeVar("T")


class MissingPackageError(CaseduError, ImportError):
    """An optional package casedu needs for this is not installed."""


class Records:
    """What every tabular result offers: ``to_records()`` and ``to_frame()``."""

    __slots__ = ()

    def to_records(self) -> list[dict[str, Any]]:
        """The result as a list of dicts of plain values, exact."""
        raise NotImplementedError

    def to_frame(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame with numeric columns (pandas is optional)."""
        return frame_of(self.to_records())


class RecordTuple(tuple[T, ...], Records):
    """A tuple of result rows (the class statistics, the staff overview) that also gives them
    as records and a frame; each row knows its record (``to_record()``)."""

    def to_records(self) -> list[dict[str, Any]]:
        return [row.to_record() for row in self]  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return short_repr(type(self).__name__, rows=len(self))


def frame_of(records: Iterable[dict[str, Any]]) -> pandas.DataFrame:
    """A DataFrame of records: decimal columns as ``float64``, date columns as ``datetime64``.

    For exact figures keep the records; a frame is for looking, plotting and joining."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingPackageError("to_frame needs pandas: pip install pandas (the records of "
                                  "to_records() need nothing)") from None
    rows = list(records)
    frame = pd.DataFrame.from_records(rows)
    for column in frame.columns:
        values = [v for v in frame[column] if v is not None]
        if values and all(isinstance(v, Decimal) for v in values):
            frame[column] = pd.to_numeric([None if v is None else float(v)
                                           for v in frame[column]], errors="coerce")
        elif values and all(isinstance(v, dt.date) for v in values):
            frame[column] = pd.to_datetime(frame[column])
    return frame


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
