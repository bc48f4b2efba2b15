"""Hours, money and percentages as text: the one way casedu writes each, in plain notation.

>>> decimal_text(Decimal("2.50"))
'2.50'
"""

from __future__ import annotations

from decimal import Decimal

from casedu.quantities.exact import round_half_up

__all__ = ["decimal_text", "hours_text", "money_text", "percent_text"]


def money_text(value: Decimal, *, grouped: bool = False) -> str:
    """Yuan as text with exactly two decimals, in plain notation (``1234567.00``), or with
    thousands grouped as on paper (``1,234,567.00``): the one way casedu writes money.

    >>> money_text(Decimal(1234567)), money_text(Decimal("1234.5"), grouped=True)
    ('1234567.00', '1,234.50')
    """
    amount = round_half_up(value, 2)
    amount = amount if amount else amount.copy_abs()  # never -0.00
    return f"{amount:,}" if grouped else decimal_text(amount)


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
