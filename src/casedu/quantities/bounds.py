"""The largest values casedu accepts (:data:`BOUNDS`), and the checks that refuse a value
beyond them where it is made, so every reader inherits them.

>>> check_count(12)
12
"""

from __future__ import annotations

from decimal import Decimal

import attrs

__all__ = ["BOUNDS", "Bounds", "check_count", "check_hours", "check_money", "check_seconds",
           "short"]


@attrs.frozen
class Bounds:
    """The largest values casedu accepts, the same for every institute.

    They are chosen so that every sum casedu makes is exact on every path: a person's year adds
    at most millions of records of at most ``record_hours`` with at most ``hours_places``
    decimals, which stays far inside the 28 digits of Python's decimal arithmetic and inside the
    64-bit integers a database sums scaled hours in (2,000 h × 10**6 × 3,000,000 records <
    2**63). A value beyond a bound is refused where it is made, so every reader inherits them.

    >>> BOUNDS.record_hours, BOUNDS.session_hours, BOUNDS.money
    (Decimal('2000'), Decimal('24'), Decimal('9999999999.99'))
    """

    #: Hours of any one record: a plan, a class, an external-learning record, an online record
    #: (one course's hours on a date).
    record_hours: Decimal = Decimal(2000)
    #: Hours of one xAPI session: the ``result.duration`` of one statement.
    session_hours: Decimal = Decimal(24)
    #: Decimals of an amount of hours (xAPI durations are rounded to 0.01 h).
    hours_places: int = 6
    #: Decimals of a session's duration in seconds (a microsecond; xAPI compares to 0.01 s).
    seconds_places: int = 6
    #: Yuan of any one amount (经费开支, 单位投入总经费), with at most two decimals.
    money: Decimal = Decimal("9999999999.99")
    #: Any head count (参会人数, 工作人数, 计划参加人数, 单位培训总人次).
    count: int = 10_000_000
    #: Characters of a one-line text: a name, a title, a place, a phone number.
    line_length: int = 1_000
    #: Characters of an id (a person's, a plan's, a username, an xAPI session): a key that
    #: every database indexes (MariaDB's index keys hold 3,072 bytes: two ids of 255
    #: four-byte characters and more).
    identifier_length: int = 255
    #: Characters of a long text (培训内容, 培训成效, ...): an xlsx cell holds no more.
    text_length: int = 32_767
    #: The first and last statistics year (a summary's, a backbone report's).
    first_year: int = 1900
    last_year: int = 9999


#: The bounds in force.
BOUNDS = Bounds()


def check_hours(value: Decimal, limit: Decimal | None = BOUNDS.record_hours) -> Decimal:
    """Hours are finite, not negative, at most ``limit`` and of at most
    :attr:`Bounds.hours_places` decimals.

    >>> check_hours(Decimal("-1"))
    Traceback (most recent call last):
    ...
    ValueError: hours must not be negative, got -1
    >>> check_hours(Decimal("2000.5"))
    Traceback (most recent call last):
    ...
    ValueError: hours must be at most 2000, got 2000.5
    """
    if not value.is_finite():
        raise ValueError(f"hours must be a finite number, got {value}")
    if value < 0:
        raise ValueError(f"hours must not be negative, got {short(value)}")
    if limit is not None and value > limit:
        raise ValueError(f"hours must be at most {limit}, got {short(value)}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -BOUNDS.hours_places:
        raise ValueError(f"hours have at most {BOUNDS.hours_places} decimals, got {short(value)}")
    return value


def check_count(value: int, limit: int = BOUNDS.count) -> int:
    """A head count is a whole number from 0 to ``limit``.

    >>> check_count(10_000_001)
    Traceback (most recent call last):
    ...
    ValueError: must be a whole number from 0 to 10000000, got 10000001
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise ValueError(f"must be a whole number from 0 to {limit}, got {short(value)}")
    return value


def short(value: object) -> str:
    """A value for a message, cut when it is very long (a 400-digit number)."""
    # Decimal turns an int of any size into text; str() refuses past 4,300 digits.
    text = str(Decimal(value) if type(value) is int else value)
    return text if len(text) <= 40 else f"{text[:20]}…({len(text)} characters)"


def check_money(value: Decimal) -> Decimal:
    """Money is yuan: finite, not negative, at most two decimals (R12).

    >>> check_money(Decimal("1.005"))
    Traceback (most recent call last):
    ...
    ValueError: money has at most two decimals (yuan and fen), got 1.005
    """
    if not value.is_finite():
        raise ValueError(f"money must be a finite number, got {value}")
    if value < 0:
        raise ValueError(f"money must not be negative, got {short(value)}")
    if value > BOUNDS.money:
        raise ValueError(f"money must be at most {BOUNDS.money} yuan, got {short(value)}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"money has at most two decimals (yuan and fen), got {short(value)}")
    return value


def check_seconds(value: Decimal) -> Decimal:
    """The duration of one xAPI session in seconds: not negative, at most
    :attr:`Bounds.session_hours`, to the microsecond.

    >>> check_seconds(Decimal(86401))
    Traceback (most recent call last):
    ...
    ValueError: a session lasts at most 24 h (86400 s), got 86401 s
    """
    if not value.is_finite():
        raise ValueError(f"a session's seconds must be a finite number, got {value}")
    if value < 0:
        raise ValueError(f"a session's seconds must not be negative, got {short(value)}")
    limit = BOUNDS.session_hours * 3600
    if value > limit:
        raise ValueError(f"a session lasts at most {BOUNDS.session_hours} h ({limit} s), "
                         f"got {short(value)} s")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -BOUNDS.seconds_places:
        raise ValueError(f"a session's seconds have at most {BOUNDS.seconds_places} decimals, "
                         f"got {short(value)}")
    return value
