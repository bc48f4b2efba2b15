"""Exact quantities: hours, money and rates as :class:`~decimal.Decimal`, never binary floats (R15).

This package is the one place where numbers are parsed (:mod:`~casedu.quantities.parsing`),
checked against casedu's bounds (:mod:`~casedu.quantities.bounds`), rounded and converted
(:mod:`~casedu.quantities.exact`) and written out (:mod:`~casedu.quantities.text`); every name
is taken from here.

>>> parse_decimal("12000.50")
Decimal('12000.50')
>>> from decimal import Decimal
>>> round_half_up(Decimal("0.666666"), 4)
Decimal('0.6667')
>>> decimal_text(Decimal("2.50"))
'2.50'
"""

from casedu.quantities.bounds import (
    BOUNDS,
    Bounds,
    check_count,
    check_hours,
    check_money,
    check_seconds,
)
from casedu.quantities.exact import (
    HUNDREDTH_HOUR,
    ZERO,
    hours_of_millionths,
    hours_of_seconds,
    millionths,
    plain,
    ratio,
    round_half_up,
    yuan,
)
from casedu.quantities.parsing import LONGEST_WHOLE, RefusedNumber, parse_decimal
from casedu.quantities.parsing import json_integer as json_integer
from casedu.quantities.parsing import json_number as json_number
from casedu.quantities.text import decimal_text, hours_text, money_text, percent_text

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
