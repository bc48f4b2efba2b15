"""Field validators shared by the model's classes; each raises with the field's name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import INVISIBLE, InvalidValueError, shown
from casedu.quantities import BOUNDS, check_count, check_hours, check_money, check_seconds, yuan

__all__ = [
    "count",
    "date",
    "date_order",
    "fen",
    "flag",
    "hours",
    "identifier",
    "identifiers_pass",
    "line",
    "long_text",
    "money",
    "one_of",
    "optional",
    "seconds",
    "text",
    "year",
]


# Characters no text may hold: C0 and C1 controls (tab and newline are allowed in long text
# only), and the invisible format characters that reorder or hide what a printed report shows
# (casedu.errors.INVISIBLE).
_REFUSED_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}]")
_REFUSED_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{INVISIBLE}]")


def check_text(value: str, field: str, *, long: bool = False) -> None:
    """Refuse control and invisible format characters and over-long text, naming the field
    and the character's position.

    >>> check_text("张\u202e伟", "name")
    Traceback (most recent call last):
    ...
    casedu.errors.InvalidValueError: name: holds the invisible or control character U+202E at \
position 2; remove it
    """
    refused = (_REFUSED_IN_TEXT if long else _REFUSED_IN_LINE).search(value)
    if refused is not None:
        raise InvalidValueError(
            f"holds the invisible or control character U+{ord(refused.group()):04X} at "
            f"position {refused.start() + 1}; remove it", field=field)
    limit = BOUNDS.text_length if long else BOUNDS.line_length
    if len(value) > limit:
        raise InvalidValueError(f"has {len(value)} characters; at most {limit}", field=field)


def identifier(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A record id: a non-empty one-line string without surrounding spaces."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("must be a non-empty string", field=attribute.name)
    if value != value.strip():
        raise InvalidValueError(f"must not start or end with spaces: {value!r}",
                                field=attribute.name)
    if len(value) > BOUNDS.identifier_length:
        raise InvalidValueError(f"has {len(value)} characters; an id has at most "
                                f"{BOUNDS.identifier_length}", field=attribute.name)
    check_text(value, attribute.name)


def identifiers_pass(values: Sequence[Any]) -> bool:
    """True only when :func:`identifier` accepts every one of ``values``: the batch form of
    its check (False says nothing; each value is then checked alone). Each is a text of 1 to
    ``BOUNDS.identifier_length`` printable ASCII characters other than the space: not empty,
    with no space to strip, no control or invisible character, within both lengths.

    >>> identifiers_pass(["P002670", "E0000001"]), identifiers_pass(["p1", " p2"])
    (True, False)
    """
    if set(map(type, values)) - {str}:
        return False
    joined = "".join(values)
    longest = min(BOUNDS.identifier_length, BOUNDS.line_length)
    return joined.isascii() and joined.isprintable() and " " not in joined and \
        "" not in values and max(map(len, values), default=0) <= longest


def text(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A required one-line text: a string with something in it."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("must be a non-empty string", field=attribute.name)
    check_text(value, attribute.name)


def _optional_text(long: bool) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            raise InvalidValueError(f"must be text, got {shown(value)}", field=attribute.name)
        check_text(value, attribute.name, long=long)

    return check


#: An optional one-line text (None allowed): an email, a place, a phone number.
line = _optional_text(long=False)
#: An optional long text (None allowed) that may hold tabs and line breaks.
long_text = _optional_text(long=True)


def hours(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Hours of a record: a finite, non-negative Decimal within the bounds."""
    if not isinstance(value, Decimal):
        raise InvalidValueError(f"must be a Decimal, got {shown(value)}", field=attribute.name)
    try:
        check_hours(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=attribute.name) from None


def seconds(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The duration of one xAPI session: a Decimal of seconds within a day, to the
    microsecond."""
    if not isinstance(value, Decimal):
        raise InvalidValueError(f"must be a Decimal, got {shown(value)}", field=attribute.name)
    try:
        check_seconds(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=attribute.name) from None


def fen(value: Any) -> Any:
    """Money held with its fen (``1234567`` is ``1234567.00``), so that every path writes it
    so; anything else is left for the validator to refuse."""
    return yuan(value) if isinstance(value, Decimal) else value


def money(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Money: a finite, non-negative Decimal of yuan with at most two decimals."""
    if not isinstance(value, Decimal):
        raise InvalidValueError(f"must be a Decimal, got {shown(value)}", field=attribute.name)
    try:
        check_money(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=attribute.name) from None


def count(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A head count: a whole number (not a bool) from 0 to the bound."""
    try:
        check_count(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=attribute.name) from None


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
    if isinstance(value, bool) or not isinstance(value, int) or \
            not BOUNDS.first_year <= value <= BOUNDS.last_year:
        raise InvalidValueError(f"must be a year such as 2026, got {shown(value)}",
                                field=attribute.name)


def date(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A calendar date (not a datetime, not text)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValueError(f"must be a date, got {shown(value)}", field=attribute.name)


def flag(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """True or False (not 1, not "是")."""
    if not isinstance(value, bool):
        raise InvalidValueError(f"must be True or False, got {shown(value)}", field=attribute.name)


def one_of(kind: type) -> Any:
    """A member of the enumeration ``kind`` (not its value as text)."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidValueError(f"must be a {kind.__name__}, got {shown(value)}",
                                    field=attribute.name)

    return check
