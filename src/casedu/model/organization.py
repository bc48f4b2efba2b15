"""Institutes, departments and people (研究所, 部门, 人员)."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from casedu.errors import InvalidValueError, shown
from casedu.model import _fields
from casedu.quantities import BOUNDS

__all__ = ["Department", "Institute", "Person"]

_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _institute_code(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise InvalidValueError(
            "must be an institute code of Latin letters and digits such as 'IOP', got "
            f"{shown(value)}",
            field=attribute.name,
        )
    if len(value) > BOUNDS.identifier_length:  # as every id: what every engine's column holds
        raise InvalidValueError(f"has {len(value)} characters; an id has at most "
                                f"{BOUNDS.identifier_length}", field=attribute.name)


@attrs.frozen(kw_only=True)
class Institute:
    """研究所: an institute of the academy, known by its code (所级简称).

    >>> Institute(code="IOP", name="中国科学院物理研究所").code
    'IOP'
    """

    code: str = attrs.field(validator=_institute_code)
    name: str = attrs.field(validator=_fields.text)


@attrs.frozen(kw_only=True)
class Department:
    """部门: a department of an institute."""

    id: str = attrs.field(validator=_fields.identifier)
    institute: str = attrs.field(validator=_fields.identifier)
    name: str = attrs.field(validator=_fields.text)


@attrs.frozen(kw_only=True)
class Person:
    """人员: someone on an institute's roster.

    ``in_service`` is 在职 (as in ARP); ``hours_required`` is 是否有学时要求 (no for students,
    factory staff and the like); ``hire_date`` is 入职时间.

    >>> p = Person(id="p1", institute="IOP", name="张伟", in_service=True, hours_required=True,
    ...            hire_date=dt.date(2026, 3, 1))
    >>> p.is_new_hire(2026), p.is_new_hire(2027)
    (True, False)
    """

    id: str = attrs.field(validator=_fields.identifier)
    institute: str = attrs.field(validator=_fields.identifier)
    name: str = attrs.field(validator=_fields.text)
    in_service: bool = attrs.field(validator=_fields.flag)
    hours_required: bool = attrs.field(validator=_fields.flag)
    department: str | None = attrs.field(
        default=None, validator=_fields.optional(_fields.identifier)
    )
    email: str | None = attrs.field(default=None, validator=_fields.line)
    hire_date: dt.date | None = attrs.field(default=None,
                                            validator=_fields.optional(_fields.date))
    category: str | None = attrs.field(default=None, validator=_fields.line)

    def in_service_in(self, year: int) -> bool:
        """在职 in ``year``: in service, and not hired after the year's end (someone hired in
        2027 was nobody's staff in 2026, whatever the roster says today). Without a hire date,
        the roster's flag decides.

        >>> p = Person(id="p1", institute="IOP", name="张伟", in_service=True,
        ...            hours_required=True, hire_date=dt.date(2027, 1, 1))
        >>> p.in_service_in(2026), p.in_service_in(2027)
        (False, True)
        """
        return self.in_service and (self.hire_date is None or self.hire_date.year <= year)

    def is_new_hire(self, year: int) -> bool:
        """R5 新入职: hired in ``year``. Without a hire date nobody is a new hire."""
        return self.hire_date is not None and self.hire_date.year == year
