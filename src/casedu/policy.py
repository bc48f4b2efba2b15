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
import os
from decimal import Decimal

import attrs

from casedu.errors import InvalidValueError
from casedu.quantities import BOUNDS, Bounds, check_hours

__all__ = ["DEFAULT_POLICY", "Policy", "YearBasis"]


class YearBasis(enum.Enum):
    """Which date puts a plan or a record into a statistics year (R1)."""

    START = "start"
    END = "end"


def _decimal(value: object) -> Decimal:
    """A number of the policy as an exact Decimal: an int, a Decimal, a decimal text ("0.04")
    or, from a TOML file, a float read through its shortest text; anything else is refused."""
    from casedu.quantities import parse_decimal

    try:
        return parse_decimal(value)
    except ValueError as error:
        raise InvalidValueError(str(error)) from None


def _year_basis(value: object) -> YearBasis:
    try:
        return YearBasis(value)
    except ValueError:
        raise InvalidValueError(f"must be 'start' or 'end', got {value!r}",
                                field="year_basis") from None


def _non_negative(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    try:
        check_hours(value, limit=None)
    except ValueError as error:
        raise InvalidValueError(str(error), field=attribute.name) from None


def _fraction(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not (value.is_finite() and 0 < value <= 1):
        raise InvalidValueError(f"must be a fraction in (0, 1], got {value}",
                                field=attribute.name)


def _places(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise InvalidValueError(f"must be a whole number from 0 to 10, got {value!r}",
                                field=attribute.name)


def _time_zone(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidValueError(f"no time zone {value!r}", field=attribute.name) from None


@attrs.frozen
class Policy:
    """The rule set of the annual statistics.

    Every field has the default of the manual and SPEC section 3.
    """

    #: R6/R7 需完成100学时: hours an assessed person must reach to count as completed.
    required_hours: Decimal = attrs.field(default=Decimal(100), converter=_decimal,
                                          validator=_non_negative)
    #: R4 骨干人才: total hours in the year needed (reached at exactly this value).
    backbone_total_hours: Decimal = attrs.field(default=Decimal(100), converter=_decimal,
                                                validator=_non_negative)
    #: R4 骨干人才: one single training must be strictly longer than this.
    backbone_single_hours: Decimal = attrs.field(default=Decimal(40), converter=_decimal,
                                                 validator=_non_negative)
    #: R9 骨干人才完训率: the share of in-service staff expected as backbone talents (4%).
    backbone_quota: Decimal = attrs.field(default=Decimal("0.04"), converter=_decimal,
                                          validator=_fraction)
    #: Near misses of the backbone screen: people this many hours short of the total.
    near_miss_hours: Decimal = attrs.field(default=Decimal(10), converter=_decimal,
                                           validator=_non_negative)
    #: R1: whether the start date or the end date puts a record into a year.
    year_basis: YearBasis = attrs.field(default=YearBasis.START, converter=_year_basis)
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

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Policy:
        """A policy from a TOML file of the fields that differ from the defaults:

        .. code-block:: toml

            required_hours = 80
            backbone_quota = "0.05"
            year_basis = "end"

        Unknown keys, values of the wrong kind and files that are not TOML are refused with
        the file and the key named (:class:`~casedu.errors.DatasetError`)."""
        import tomllib

        from casedu.errors import DatasetError, Problem

        source = os.fspath(path)
        try:
            with open(path, "rb") as stream:
                values = tomllib.load(stream)
        except OSError as error:
            raise DatasetError(source, [Problem("", f"cannot read it: {error.strerror}")]) \
                from None
        except tomllib.TOMLDecodeError as error:
            raise DatasetError(source, [Problem("", f"not TOML: {error}")]) from None
        known = {f.name for f in attrs.fields(cls)}
        problems = [Problem(key, f"unknown key; a policy holds {', '.join(sorted(known))}")
                    for key in values if key not in known]
        if problems:
            raise DatasetError(source, problems)
        try:
            return cls(**values)
        except (ValueError, TypeError) as error:
            raise DatasetError(source, [Problem("", str(error))]) from None

    def year_of(self, start: dt.date, end: dt.date) -> int:
        """The statistics year of something that runs from ``start`` to ``end`` (R1).

        >>> DEFAULT_POLICY.year_of(dt.date(2025, 12, 29), dt.date(2026, 1, 2))
        2025
        """
        return (start if self.year_basis is YearBasis.START else end).year


DEFAULT_POLICY = Policy()
