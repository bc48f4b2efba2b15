"""The numbers of the statistics rules, as one frozen object (SPEC section 3).

An institute that counts differently passes another :class:`Policy`; nothing else changes.

>>> DEFAULT_POLICY.required_hours, DEFAULT_POLICY.backbone_single_hours
(Decimal('100'), Decimal('40'))
>>> Policy(year_basis=YearBasis.END).year_basis.value
'end'
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from casedu.quantities import BOUNDS, Bounds, check_hours

__all__ = ["DEFAULT_POLICY", "Policy", "YearBasis"]


class YearBasis(enum.Enum):
    """Which date puts a plan or a record into a statistics year (R1)."""

    START = "start"
    END = "end"


def _non_negative(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    try:
        check_hours(value)
    except ValueError as error:
        raise ValueError(f"Policy.{attribute.name}: {error}") from None


def _fraction(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not (value.is_finite() and 0 < value <= 1):
        raise ValueError(f"Policy.{attribute.name} must be a fraction in (0, 1], got {value}")


def _places(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 0 <= value <= 10:
        raise ValueError(f"Policy.{attribute.name} must be between 0 and 10, got {value}")


def _time_zone(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(f"Policy.{attribute.name}: no time zone {value!r}") from None


@attrs.frozen
class Policy:
    """The rule set of the annual statistics.

    Every field has the default of the manual and SPEC section 3.
    """

    #: R6/R7 需完成100学时: hours an assessed person must reach to count as completed.
    required_hours: Decimal = attrs.field(default=Decimal(100), validator=_non_negative)
    #: R4 骨干人才: total hours in the year needed (reached at exactly this value).
    backbone_total_hours: Decimal = attrs.field(default=Decimal(100), validator=_non_negative)
    #: R4 骨干人才: one single training must be strictly longer than this.
    backbone_single_hours: Decimal = attrs.field(default=Decimal(40), validator=_non_negative)
    #: R9 骨干人才完训率: the share of in-service staff expected as backbone talents (4%).
    backbone_quota: Decimal = attrs.field(default=Decimal("0.04"), validator=_fraction)
    #: Near misses of the backbone screen: people this many hours short of the total.
    near_miss_hours: Decimal = attrs.field(default=Decimal(10), validator=_non_negative)
    #: R1: whether the start date or the end date puts a record into a year.
    year_basis: YearBasis = attrs.field(default=YearBasis.START)
    #: R15: decimals of a percentage on paper (66.67%).
    percent_places: int = attrs.field(default=2, validator=_places)
    #: SPEC section 7: decimals of a rate given as a fraction in JSON ("0.6667").
    fraction_places: int = attrs.field(default=4, validator=_places)
    #: R15: decimals of an average (average staff hours).
    average_places: int = attrs.field(default=2, validator=_places)
    #: The institute's time zone (an IANA name): online sessions from xAPI statements are dated
    #: in it, so a session at 01:30 on 1 January in Beijing counts in the new year.
    time_zone: str = attrs.field(default="Asia/Shanghai", validator=_time_zone)

    @property
    def bounds(self) -> Bounds:
        """The largest values casedu accepts (:data:`casedu.quantities.BOUNDS`). They are the
        same for every institute and not a choice of the policy: they keep every sum exact.

        >>> DEFAULT_POLICY.bounds.record_hours
        Decimal('2000')
        """
        return BOUNDS

    def year_of(self, start: dt.date, end: dt.date) -> int:
        """The statistics year of something that runs from ``start`` to ``end`` (R1).

        >>> DEFAULT_POLICY.year_of(dt.date(2025, 12, 29), dt.date(2026, 1, 2))
        2025
        """
        return (start if self.year_basis is YearBasis.START else end).year


DEFAULT_POLICY = Policy()
