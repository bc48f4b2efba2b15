"""Numbers as casedu reads them: a JSON number, a decimal string or a Decimal into a finite
Decimal; JSON's exponents and whole numbers of thousands of digits kept as text, to be refused
at their place (:class:`RefusedNumber`).

>>> parse_decimal("12000.50")
Decimal('12000.50')
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

from casedu.errors import shown
from casedu.quantities.bounds import short

__all__ = ["LONGEST_WHOLE", "RefusedNumber", "json_integer", "json_number", "parse_decimal"]

# Plain decimal notation of ASCII digits only: no exponent, no spaces, no NaN or Infinity, no
# other script's digits (``\d`` and Decimal() take them all).
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class RefusedNumber(str):
    """A JSON number casedu does not take (``1e400``, ``NaN``, ``Infinity``, a whole number of
    thousands of digits), kept as its text so that the reader refuses it at its place: datasets
    hold finite decimals in plain notation, of sizes that counts and hours have."""

    __slots__ = ()

    # Never equal to a text, so that no table of texts takes one for the other (a JSON number
    # 1e5 is not the id "1e5": casedu.dataset.typed looks values up in such tables).
    def __eq__(self, other: object) -> bool:
        return type(other) is RefusedNumber and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((RefusedNumber, str(self)))

    def refusal(self, expected: str) -> str:
        """Why the number is refused where ``expected`` (``"a whole number"``) was."""
        if self.lstrip("-") in ("NaN", "Infinity"):
            return f"expected a finite decimal number, got {self}"
        if "e" in self or "E" in self:
            return ("write the number out in plain notation, not with an exponent: "
                    f"{shown(str(self))}")
        return f"expected {expected} of at most {LONGEST_WHOLE} digits, got {short(self)}"


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

