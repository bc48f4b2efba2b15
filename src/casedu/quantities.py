"""Exact quantities: hours, money and rates as :class:`~decimal.Decimal`, never binary floats (R15).

This module is the one place where numbers are parsed, checked, rounded and written out.

>>> parse_decimal("12000.50")
Decimal('12000.50')
>>> round_half_up(Decimal("0.666666"), 4)
Decimal('0.6667')
>>> decimal_text(Decimal("2.50"))
'2.50'
"""

from __future__ import annotations

import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import attrs

from casedu.errors import shown

__all__ = [
    "BOUNDS",
    "HUNDREDTH_HOUR",
    "LONGEST_WHOLE",
    "ZERO",
    "Bounds",
    "RefusedNumber",
    "check_count",
    "check_hours",
    "check_money",
    "check_seconds",
    "decimal_text",
    "hours_of_millionths",
    "hours_of_seconds",
    "hours_text",
    "millionths",
    "money_text",
    "parse_decimal",
    "percent_text",
    "plain",
    "ratio",
    "round_half_up",
    "yuan",
]

ZERO = Decimal(0)

# Plain decimal notation of ASCII digits only: no exponent, no spaces, no NaN or Infinity, no
# other script's digits (``\d`` and Decimal() take them all).
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


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


class RefusedNumber(str):
    """A JSON number casedu does not take (``1e400``, ``NaN``, ``Infinity``, a whole number of
    thousands of digits), kept as its text so that the reader refuses it at its place: datasets
    hold finite decimals in plain notation, of sizes that counts and hours have."""

    __slots__ = ()

    def refusal(self, expected: str) -> str:
        """Why the number is refused where ``expected`` (``"a whole number"``) was."""
        if self.lstrip("-") in ("NaN", "Infinity"):
            return f"expected a finite decimal number, got {self}"
        if "e" in self or "E" in self:
            return ("write the number out in plain notation, not with an exponent: "
                    f"{shown(str(self))}")
        return f"expected {expected} of at most {LONGEST_WHOLE} digits, got {_short(self)}"


#: Digits of the longest whole number casedu's JSON readers turn into an ``int``: beyond any
#: count, year or hours, and far below the 4,300 digits past which Python refuses to convert
#: (with its own words, and after quadratic work).
LONGEST_WHOLE = 40


def json_number(text: str) -> Decimal | RefusedNumber:
    """``parse_float`` of casedu's JSON readers: exact decimals, exponents kept for refusal.

    >>> json_number("2.50"), json_number("1e400")
    (Decimal('2.50'), '1e400')
    """
    if "e" in text or "E" in text:
        return RefusedNumber(text)
    return _decimal_text_value(text)


def json_integer(text: str) -> int | RefusedNumber:
    """``parse_int`` of casedu's JSON readers: whole numbers of at most :data:`LONGEST_WHOLE`
    digits, longer ones kept for refusal at their place.

    >>> json_integer("2026"), json_integer("9" * 41)
    (2026, '99999999999999999999999999999999999999999')
    """
    if len(text.lstrip("-")) > LONGEST_WHOLE:
        return RefusedNumber(text)
    return int(text)


def parse_decimal(value: object) -> Decimal:
    """Turn a JSON number, a decimal string or a Decimal into a finite Decimal.

    Floats are read through their shortest text (``2.5`` becomes ``Decimal('2.5')``), booleans and
    anything else are refused with a ``ValueError`` saying what was expected.

    >>> parse_decimal(32), parse_decimal(2.5), parse_decimal("7.25")
    (Decimal('32'), Decimal('2.5'), Decimal('7.25'))
    >>> parse_decimal("NaN")
    Traceback (most recent call last):
    ...
    ValueError: expected a decimal number such as 12 or "12.50", got 'NaN'
    """
    if isinstance(value, bool):
        raise ValueError(f"expected a decimal number such as 12 or \"12.50\", got {shown(value)}")
    if isinstance(value, RefusedNumber):
        raise ValueError(value.refusal("a decimal number"))
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = _whole(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
        result = _decimal_text_value(str(value))
    else:
        raise ValueError(f"expected a decimal number such as 12 or \"12.50\", got {shown(value)}")
    if not result.is_finite():
        raise ValueError(f"expected a finite decimal number, got {shown(value)}")
    return result


# One Decimal for each distinct number read: a year's records repeat the same few hours, and a
# Decimal is 104 bytes. Decimals are immutable, so sharing them changes nothing else.


@functools.lru_cache(maxsize=1024)
def _whole(value: int) -> Decimal:
    return Decimal(value)


@functools.lru_cache(maxsize=4096)
def _decimal_text_value(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only decimals
        raise ValueError(f"not a decimal number: {text!r}") from error


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
        raise ValueError(f"hours must not be negative, got {_short(value)}")
    if limit is not None and value > limit:
        raise ValueError(f"hours must be at most {limit}, got {_short(value)}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -BOUNDS.hours_places:
        raise ValueError(f"hours have at most {BOUNDS.hours_places} decimals, got {_short(value)}")
    return value


def check_count(value: int, limit: int = BOUNDS.count) -> int:
    """A head count is a whole number from 0 to ``limit``.

    >>> check_count(10_000_001)
    Traceback (most recent call last):
    ...
    ValueError: must be a whole number from 0 to 10000000, got 10000001
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise ValueError(f"must be a whole number from 0 to {limit}, got {_short(value)}")
    return value


def _short(value: object) -> str:
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
        raise ValueError(f"money must not be negative, got {_short(value)}")
    if value > BOUNDS.money:
        raise ValueError(f"money must be at most {BOUNDS.money} yuan, got {_short(value)}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"money has at most two decimals (yuan and fen), got {_short(value)}")
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
        raise ValueError(f"a session's seconds must not be negative, got {_short(value)}")
    limit = BOUNDS.session_hours * 3600
    if value > limit:
        raise ValueError(f"a session lasts at most {BOUNDS.session_hours} h ({limit} s), "
                         f"got {_short(value)} s")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -BOUNDS.seconds_places:
        raise ValueError(f"a session's seconds have at most {BOUNDS.seconds_places} decimals, "
                         f"got {_short(value)}")
    return value


#: Microseconds in 0.01 h, the unit xAPI hours are rounded to.
HUNDREDTH_HOUR = 36_000_000


def hours_of_seconds(seconds: Decimal) -> Decimal:
    """Seconds (of at most six decimals) as hours rounded once, half up, to 0.01 h: in whole
    microseconds, so the rounding is exact however the seconds were summed.

    >>> hours_of_seconds(Decimal(1200)), hours_of_seconds(Decimal(300 * 1200))
    (Decimal('0.33'), Decimal('100.00'))
    >>> hours_of_seconds(Decimal(18)), hours_of_seconds(Decimal("17.999999"))
    (Decimal('0.01'), Decimal('0.00'))
    """
    microseconds = int(seconds.scaleb(BOUNDS.seconds_places))
    return Decimal((microseconds + HUNDREDTH_HOUR // 2) // HUNDREDTH_HOUR).scaleb(-2)


_FEN = Decimal("0.01")


def yuan(value: Decimal) -> Decimal:
    """Money as casedu holds it: yuan with their fen, two decimals whatever it was given with
    (R12). A value that two decimals cannot hold exactly is left as it is, for
    :func:`check_money` to refuse.

    >>> yuan(Decimal(1234567)), yuan(Decimal("5.5")), yuan(Decimal("1.005"))
    (Decimal('1234567.00'), Decimal('5.50'), Decimal('1.005'))
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        return value
    exponent = value.as_tuple().exponent
    if (isinstance(exponent, int) and exponent < -2) or value.adjusted() > 20:
        return value
    return value.quantize(_FEN) if value else _FEN * 0


def money_text(value: Decimal, *, grouped: bool = False) -> str:
    """Yuan as text with exactly two decimals, in plain notation (``1234567.00``), or with
    thousands grouped as on paper (``1,234,567.00``): the one way casedu writes money.

    >>> money_text(Decimal(1234567)), money_text(Decimal("1234.5"), grouped=True)
    ('1234567.00', '1,234.50')
    """
    amount = round_half_up(value, 2)
    amount = amount if amount else amount.copy_abs()  # never -0.00
    return f"{amount:,}" if grouped else decimal_text(amount)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round to ``places`` decimals, halves away from zero (R15).

    >>> round_half_up(Decimal("0.125"), 2), round_half_up(Decimal("2"), 2)
    (Decimal('0.13'), Decimal('2.00'))
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """An exact ratio, or ``None`` (not applicable) when the denominator is 0 (R14).

    >>> ratio(2, 3) is not None, ratio(5, 0)
    (True, None)
    """
    if denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def decimal_text(value: Decimal) -> str:
    """A Decimal in plain notation, never with an exponent.

    >>> decimal_text(Decimal("1E+2")), decimal_text(Decimal("0.50"))
    ('100', '0.50')
    """
    return format(value, "f")


def plain(value: Decimal) -> Decimal:
    """A decimal without trailing zeros and without an exponent: ``1.500000`` is ``1.5``,
    ``16.000000`` is ``16``; the same value however it was stored or summed.

    >>> plain(Decimal("1.500000")), plain(Decimal("1.6E+1"))
    (Decimal('1.5'), Decimal('16'))
    """
    value = value.normalize()
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        value = value.quantize(1)
    return value


def millionths(hours: Decimal) -> int:
    """Hours as whole millionths of an hour, as SQLite and the columnar engine keep them (hours
    hold at most six places; anything finer is cut off, which keeps ``>`` comparisons with
    whole millionths exact).

    >>> millionths(Decimal("2.5")), hours_of_millionths(2_500_000)
    (2500000, Decimal('2.5'))
    """
    return int(Decimal(hours).scaleb(BOUNDS.hours_places))


def hours_of_millionths(value: int) -> Decimal:
    """Whole millionths of an hour as canonical hours (:func:`plain`)."""
    return plain(Decimal(value).scaleb(-BOUNDS.hours_places))


def hours_text(value: Decimal) -> str:
    """Hours as exact text without trailing zeros, the same however they were summed.

    >>> hours_text(Decimal("24113.00")), hours_text(Decimal("58.50")), hours_text(Decimal(0))
    ('24113', '58.5', '0')
    """
    return decimal_text(value.normalize()) if value else "0"


def percent_text(value: Decimal | None, places: int = 2) -> str:
    """A fraction shown as a percentage rounded half-up, ``—`` when not applicable.

    >>> percent_text(Decimal(2) / Decimal(3)), percent_text(None)
    ('66.67%', '—')
    """
    if value is None:
        return "—"
    return f"{decimal_text(round_half_up(value * 100, places))}%"
