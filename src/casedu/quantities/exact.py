"""Exact arithmetic on hours and money: rounding half up, ratios that are None for a zero
denominator, yuan with their fen, hours as whole millionths (as SQLite and the columnar engine
keep them) and back, an xAPI session's seconds as hours.

>>> round_half_up(Decimal("0.666666"), 4)
Decimal('0.6667')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from casedu.quantities.bounds import BOUNDS

__all__ = ["HUNDREDTH_HOUR", "ZERO", "hours_of_millionths", "hours_of_seconds", "millionths",
           "plain", "ratio", "round_half_up", "yuan"]

ZERO = Decimal(0)

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


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round to ``places`` decimals, halves away from zero (R15).

    >>> round_half_up(Decimal("0.125"), 2), round_half_up(Decimal("2"), 2)
    (Decimal('0.13'), Decimal('2.00'))
    """
    quantum = _QUANTA[places] if 0 <= places < len(_QUANTA) else Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


#: The quanta of the usual places (1, 0.1, 0.01, ...), made once.
_QUANTA = tuple(Decimal(1).scaleb(-places) for places in range(10))


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """An exact ratio, or ``None`` (not applicable) when the denominator is 0 (R14).

    >>> ratio(2, 3) is not None, ratio(5, 0)
    (True, None)
    """
    if denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def plain(value: Decimal) -> Decimal:
    """A decimal without trailing zeros and without an exponent: ``1.500000`` is ``1.5``,
    ``16.000000`` is ``16``; the same value however it was stored or summed.

    >>> plain(Decimal("1.500000")), plain(Decimal("1.6E+1"))
    (Decimal('1.5'), Decimal('16'))
    """
    # a whole number at exponent 0 (normalize() would write 16 as 1.6E+1); anything else
    # without its trailing zeros. Two C calls: as_tuple() made a tuple of every digit, and
    # the stores make millions of these
    if value == value.to_integral_value():
        return value.quantize(1)
    return value.normalize()


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

