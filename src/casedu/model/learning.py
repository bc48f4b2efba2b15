"""The three sources of a person's hours: class attendance, external learning, online courseware."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from casedu.errors import InvalidValueError
from casedu.model import _fields
from casedu.model.enums import AttendanceStatus, ExternalStatus
from casedu.quantities import decimal_text, hours_of_seconds

__all__ = ["Attendance", "ExternalLearning", "OnlineLearning"]


@attrs.frozen(kw_only=True)
class Attendance:
    """实际参会人员: a person added to a class.

    Confirmed attendance (确认参加) credits the class hours to the person.
    """

    plan: str = attrs.field(validator=_fields.identifier)
    person: str = attrs.field(validator=_fields.identifier)
    status: AttendanceStatus = attrs.field(validator=_fields.one_of(AttendanceStatus))

    @property
    def confirmed(self) -> bool:
        """确认参加: the class hours are credited."""
        return self.status is AttendanceStatus.CONFIRMED


@attrs.frozen(kw_only=True)
class ExternalLearning:
    """外部学习: learning outside the academy's classes, credited once approved.

    >>> import datetime as dt
    >>> ExternalLearning(id="el1", person="p1", category="学术会议", title="年会",
    ...     start=dt.date(2026, 5, 3), end=dt.date(2026, 5, 1), hours=Decimal(24),
    ...     status=ExternalStatus.APPROVED)
    Traceback (most recent call last):
    ...
    casedu.errors.InvalidValueError: end: ends 2026-05-01 before it starts 2026-05-03
    """

    id: str = attrs.field(validator=_fields.identifier)
    person: str = attrs.field(validator=_fields.identifier)
    category: str = attrs.field(validator=_fields.text)
    title: str = attrs.field(validator=_fields.text)
    start: dt.date = attrs.field(validator=_fields.date)
    end: dt.date = attrs.field(validator=_fields.date)
    hours: Decimal = attrs.field(validator=_fields.hours)
    status: ExternalStatus = attrs.field(validator=_fields.one_of(ExternalStatus))
    #: The username of the admin who approved or rejected it (审核人).
    reviewer: str | None = attrs.field(default=None,
                                       validator=_fields.optional(_fields.identifier))
    #: The reason of a rejection (the workflow requires one; datasets of format v1 have none).
    review_note: str | None = attrs.field(default=None, validator=_fields.long_text)

    def __attrs_post_init__(self) -> None:
        _fields.date_order(self.start, self.end)

    @property
    def approved(self) -> bool:
        """审核通过: the hours are credited."""
        return self.status is ExternalStatus.APPROVED


@attrs.frozen(kw_only=True)
class OnlineLearning:
    """在线学习课件: hours recorded by the portal when a person studies a course online: one
    course's hours on a date (an xAPI session, or what a portal sums per course), bounded as
    any record."""

    person: str = attrs.field(validator=_fields.identifier)
    course: str = attrs.field(validator=_fields.identifier)
    date: dt.date = attrs.field(validator=_fields.date)
    hours: Decimal = attrs.field(validator=_fields.hours)
    title: str | None = attrs.field(default=None, validator=_fields.line)
    #: The xAPI statement id of the session, when the record came from a learning record store:
    #: it tells two sessions apart and keeps a statement from being imported twice.
    session: str | None = attrs.field(default=None, validator=_fields.optional(_fields.identifier))
    #: The exact duration of an xAPI session in seconds (its ``result.duration``, to the
    #: microsecond). A course's sessions of a year are summed in seconds and rounded once
    #: (R3); ``hours`` is then the session alone, rounded to 0.01 h, as shown on its own.
    seconds: Decimal | None = attrs.field(default=None,
                                          validator=_fields.optional(_fields.seconds))

    def __attrs_post_init__(self) -> None:
        if self.seconds is not None and self.hours != hours_of_seconds(self.seconds):
            raise InvalidValueError(
                f"a session of {decimal_text(self.seconds)} s is "
                f"{hours_of_seconds(self.seconds)} h, got {decimal_text(self.hours)}",
                field="hours")
