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

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "ZERO",
    "check_hours",
    "check_money",
    "decimal_text",
    "hours_text",
    "parse_decimal",
    "percent_text",
    "ratio",
    "round_half_up",
]

ZERO = Decimal(0)

# Plain decimal notation only: no exponent, no spaces, no NaN or Infinity.
_DECIMAL_TEXT = re.compile(r"-?\d+(\.\d+)?")


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
        raise ValueError(f"expected a decimal number such as 12 or \"12.50\", got {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
        try:
            result = Decimal(value)
        except InvalidOperation as error:  # pragma: no cover - the pattern admits only decimals
            raise ValueError(f"not a decimal number: {value!r}") from error
    else:
        raise ValueError(f"expected a decimal number such as 12 or \"12.50\", got {value!r}")
    if not result.is_finite():
        raise ValueError(f"expected a finite decimal number, got {value!r}")
    return result


def check_hours(value: Decimal) -> Decimal:
    """Hours are finite and not negative.

    >>> check_hours(Decimal("-1"))
    Traceback (most recent call last):
    ...
    ValueError: hours must not be negative, got -1
    """
    if not value.is_finite():
        raise ValueError(f"hours must be a finite number, got {value}")
    if value < 0:
        raise ValueError(f"hours must not be negative, got {value}")
    return value


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
        raise ValueError(f"money must not be negative, got {value}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"money has at most two decimals (yuan and fen), got {value}")
    return value


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
