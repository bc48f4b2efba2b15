"""Reading a posted form: each value as the library takes it, or an
:class:`~casedu.errors.InvalidValueError` naming the field by its label. Numbers and dates are
read as the import templates read their cells (:mod:`casedu.importers.fields`), so a value typed
in a form and one typed in a spreadsheet mean the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from starlette.datastructures import FormData, UploadFile

from casedu.errors import InvalidValueError
from casedu.importers.fields import read_bool, read_count, read_date, read_decimal

T = TypeVar("T")

__all__ = ["count", "day", "decimal", "flag", "maybe", "required", "text", "upload", "values"]


def text(form: FormData, name: str, *, strip: bool = True) -> str | None:
    """A text field; empty (or missing) is None."""
    value = form.get(name)
    if not isinstance(value, str):
        return None
    value = value.strip() if strip else value
    return value or None


def required(form: FormData, name: str, label: str) -> str:
    """A text field that must be filled."""
    value = text(form, name)
    if value is None:
        raise InvalidValueError("请填写", field=label)
    return value


def day(form: FormData, name: str, label: str) -> dt.date:
    """A date that must be filled (2026-03-02, 2026/3/2 or 2026年3月2日)."""
    return _read(form, name, label, read_date)


def decimal(form: FormData, name: str, label: str) -> Decimal:
    """Hours or yuan that must be filled: a number of at least 0."""
    return _read(form, name, label, read_decimal)


def count(form: FormData, name: str, label: str) -> int:
    """A whole number of at least 0 that must be filled."""
    return _read(form, name, label, read_count)


def maybe(reader: Callable[[FormData, str, str], T], form: FormData, name: str,
          label: str) -> T | None:
    """A value that may be left empty (None), read by ``reader`` (:func:`day`, :func:`count`,
    :func:`decimal`) when filled."""
    return None if text(form, name) is None else reader(form, name, label)


def flag(form: FormData, name: str, label: str) -> bool:
    """A check box (``value="1"``) or a 是/否 choice: ticked, or 是; missing is 否."""
    value = text(form, name)
    if value is None:
        return False
    try:
        return read_bool(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=label) from None


def values(form: FormData, name: str) -> list[str]:
    """Every value of a field that repeats (the ticked check boxes), in order, once each."""
    return list(dict.fromkeys(v.strip() for v in form.getlist(name)
                              if isinstance(v, str) and v.strip()))


def upload(form: FormData, name: str, label: str) -> UploadFile:
    """An uploaded file that must be there."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        raise InvalidValueError("请选择文件", field=label)
    return value


def _read(form: FormData, name: str, label: str, reader: Callable[[Any], T]) -> T:
    value = text(form, name)
    if value is None:
        raise InvalidValueError("请填写", field=label)
    try:
        return reader(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=label) from None
