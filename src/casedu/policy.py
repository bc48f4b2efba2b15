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


#: What a policy file's value must be, by the kind of the field (said when it is not).
_HOURS = {"expected": 'hours, 0 or more, such as 100 or "80.5"'}
_PLACES = {"expected": "a whole number from 0 to 10"}


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
                                          validator=_non_negative, metadata=_HOURS)
    #: R4 骨干人才: total hours in the year needed (reached at exactly this value).
    backbone_total_hours: Decimal = attrs.field(default=Decimal(100), converter=_decimal,
                                                validator=_non_negative, metadata=_HOURS)
    #: R4 骨干人才: one single training must be strictly longer than this.
    backbone_single_hours: Decimal = attrs.field(default=Decimal(40), converter=_decimal,
                                                 validator=_non_negative, metadata=_HOURS)
    #: R9 骨干人才完训率: the share of in-service staff expected as backbone talents (4%).
    backbone_quota: Decimal = attrs.field(
        default=Decimal("0.04"), converter=_decimal, validator=_fraction,
        metadata={"expected": 'a fraction above 0 and at most 1, such as "0.04"'})
    #: Near misses of the backbone screen: people this many hours short of the total.
    near_miss_hours: Decimal = attrs.field(default=Decimal(10), converter=_decimal,
                                           validator=_non_negative, metadata=_HOURS)
    #: R1: whether the start date or the end date puts a record into a year.
    year_basis: YearBasis = attrs.field(default=YearBasis.START, converter=_year_basis,
                                        metadata={"expected": '"start" or "end"'})
    #: R15: decimals of a percentage on paper (66.67%).
    percent_places: int = attrs.field(default=2, validator=_places, metadata=_PLACES)
    #: SPEC section 7: decimals of a rate given as a fraction in JSON ("0.6667").
    fraction_places: int = attrs.field(default=4, validator=_places, metadata=_PLACES)
    #: R15: decimals of an average (average staff hours).
    average_places: int = attrs.field(default=2, validator=_places, metadata=_PLACES)
    #: The institute's time zone (an IANA name): online sessions from xAPI statements are dated
    #: in it, so a session at 01:30 on 1 January in Beijing counts in the new year.
    time_zone: str = attrs.field(
        default="Asia/Shanghai", validator=_time_zone,
        metadata={"expected": 'an IANA time zone such as "Asia/Shanghai"'})

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

        A file that is not TOML is refused; so is every unknown key, named with the nearest
        known one, and every wrong value, named with its key and what the key takes, all at
        once (:class:`~casedu.errors.DatasetError`, the file and each key its place)."""
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
        fields = {f.name: f for f in attrs.fields(cls)}
        problems = []
        for key, value in values.items():
            if key not in fields:
                problems.append(Problem(key, _unknown_key(key, sorted(fields))))
                continue
            try:
                cls(**{key: value})
            except (ValueError, TypeError):
                expected = fields[key].metadata["expected"]
                problems.append(Problem(key, f"got {_as_written(value)}, expected {expected}"))
        if problems:
            raise DatasetError(source, problems)
        return cls(**values)

    def year_of(self, start: dt.date, end: dt.date) -> int:
        """The statistics year of something that runs from ``start`` to ``end`` (R1).

        >>> DEFAULT_POLICY.year_of(dt.date(2025, 12, 29), dt.date(2026, 1, 2))
        2025
        """
        return (start if self.year_basis is YearBasis.START else end).year


DEFAULT_POLICY = Policy()


def _unknown_key(key: str, known: list[str]) -> str:
    """An unknown key's problem, with the known key it most likely means."""
    import difflib

    folded = {name.lower(): name for name in known}
    near = difflib.get_close_matches(key.lower(), list(folded), n=1, cutoff=0.6)
    if near:
        return f"unknown key; did you mean {folded[near[0]]}?"
    return f"unknown key; a policy holds {', '.join(known)}"


def _as_written(value: object) -> str:
    """A TOML value as the file wrote it, for a message (cut when long)."""
    from casedu.errors import shown

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # as TOML writes it: quoted, control characters escaped
        import json

        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 42 else shown(value)
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return shown(value)
