"""Field validators shared by the model's classes; each raises with the field's name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import InvalidValueError
from casedu.quantities import check_hours, check_money

__all__ = [
    "count",
    "date",
    "date_order",
    "flag",
    "hours",
    "identifier",
    "money",
    "one_of",
    "optional",
    "text",
    "year",
]


def identifier(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A record id: a non-empty string without surrounding spaces."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("must be a non-empty string", field=attribute.name)
    if value != value.strip():
        raise InvalidValueError(f"must not start or end with spaces: {value!r}",
                                field=attribute.name)


def text(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A required text: a string with something in it."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("must be a non-empty string", field=attribute.name)


def hours(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Hours: a finite, non-negative Decimal."""
    if not isinstance(value, Decimal):
        raise InvalidValueError(f"must be a Decimal, got {value!r}", field=attribute.name)
    try:
        check_hours(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=attribute.name) from None


def money(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Money: a finite, non-negative Decimal of yuan with at most two decimals."""
    if not isinstance(value, Decimal):
        raise InvalidValueError(f"must be a Decimal, got {value!r}", field=attribute.name)
    try:
        check_money(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=attribute.name) from None


def count(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A head count: a non-negative int (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(f"must be a whole number ≥ 0, got {value!r}", field=attribute.name)


def optional(validator: Any) -> Any:
    """Apply ``validator`` unless the value is None."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def date_order(start: dt.date, end: dt.date, *, field: str = "end") -> None:
    """The end of a period is not before its start."""
    if end < start:
        raise InvalidValueError(f"ends {end.isoformat()} before it starts {start.isoformat()}",
                                field=field)


def year(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A statistics year such as 2026."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 9999:
        raise InvalidValueError(f"must be a year such as 2026, got {value!r}", field=attribute.name)


def date(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A calendar date (not a datetime, not text)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValueError(f"must be a date, got {value!r}", field=attribute.name)


def flag(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """True or False (not 1, not "是")."""
    if not isinstance(value, bool):
        raise InvalidValueError(f"must be True or False, got {value!r}", field=attribute.name)


def one_of(kind: type) -> Any:
    """A member of the enumeration ``kind`` (not its value as text)."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidValueError(f"must be a {kind.__name__}, got {value!r}",
                                    field=attribute.name)

    return check
