"""The arguments every figure of an institute and a year takes, checked where they come in.

A web framework or a notebook hands a year over as text (``"2026"``): matched against the
integer years of the records it would silently give all-zero figures, so it is refused.

>>> from casedu.model import Dataset
>>> institute_year(Dataset(), "IOP", "2026")
Traceback (most recent call last):
...
casedu.errors.ArgumentTypeError: year must be a whole number such as 2026, got '2026' (str)
"""

from __future__ import annotations

from typing import Any

from casedu.errors import ArgumentTypeError, ArgumentValueError, shown
from casedu.model import Dataset

__all__ = ["institute_year", "year_argument"]


def year_argument(year: Any) -> int:
    """A statistics year: an ``int`` (not a bool, not text) from 1900 to 9999."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise ArgumentTypeError(f"year must be a whole number such as 2026, got {shown(year)} "
                                f"({type(year).__name__})")
    if not 1900 <= year <= 9999:
        raise ArgumentValueError(f"must be a year such as 2026, got {year}", field="year")
    return year


def institute_year(dataset: Any, institute: Any, year: Any) -> None:
    """Check the dataset, the institute's code and the year of a figure; an unknown institute
    is named as such."""
    if not isinstance(dataset, Dataset):
        raise ArgumentTypeError(f"dataset must be a casedu Dataset, got "
                                f"{type(dataset).__name__}: load one with casedu.load_dataset")
    if not isinstance(institute, str):
        raise ArgumentTypeError(f"institute must be an institute's code such as 'IOP', got "
                                f"{shown(institute)} ({type(institute).__name__})")
    year_argument(year)
    dataset.institute(institute)
