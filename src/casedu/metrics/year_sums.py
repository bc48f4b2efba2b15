"""R2/R3: every person's credited hours of a year, summed from the records: :func:`year_hours`
on the Python engine here, or on the columnar one (:mod:`casedu.metrics.columnar`).

>>> from casedu.sample import sample_dataset
>>> year_hours(sample_dataset(), 2026).year
2026

The Python engine reads each record once and only groups it: a class's single training (one
per plan, shared) or an external-learning record goes to its person's list, an online
record's hours onto its course among its person's (a look-up of each, one ``Decimal``
addition). The sums by source and the longest single training are made once per person, by
``sum`` and ``max`` over those lists, in the records' order: the decimals are the same, digit
for digit, as adding record by record. What the figures do not read is made when it is read:
an external record's single training, and a course's title, first and last date (found for
everybody at once, the first time one is asked for: :class:`CourseDetails`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

from casedu.collector import collector_paused
from casedu.errors import expect
from casedu.metrics.hours import (
    PersonYear,
    SingleTraining,
    Source,
    YearHours,
    course_hours,
    plan_year,
)
from casedu.model import (
    AttendanceStatus,
    Dataset,
    ExternalLearning,
    ExternalStatus,
    OnlineLearning,
)
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import ZERO
from casedu.twins import quick_maker

__all__ = ["CourseDetails", "year_hours"]


def year_hours(dataset: Dataset, year: int, *, policy: Policy = DEFAULT_POLICY,
               engine: str = "python") -> YearHours:
    """R2/R3: every person's credited hours in ``year``, in one pass over the records.

    Confirmed attendance credits the class hours (the implementation's where set); approved
    external learning its hours; online courseware its hours, each course of the year summed into
    one single training. Classes of every institute count.

    ``engine="columnar"`` sums the same hours over numpy columns
    (:mod:`casedu.metrics.columnar`, ``pip install "casedu[fast]"``): faster at academy scale,
    each person carrying the totals, the longest single training and those over the backbone
    threshold (what the summary and the screen read), not every single training.
    """
    expect("dataset", dataset, Dataset, what="a casedu Dataset")
    from casedu.metrics.arguments import year_argument

    year_argument(year)
    if engine == "columnar":
        from casedu.metrics.columnar import YearColumns

        return YearColumns.of(dataset, year, policy=policy).year_hours()
    if engine != "python":
        from casedu.errors import InvalidValueError

        raise InvalidValueError(f"no engine {engine!r}: the engines are 'python' and "
                                "'columnar'", field="engine")
    with collector_paused():  # it builds hundreds of thousands of acyclic containers
        return _year_hours(dataset, year, policy)


class CourseDetails:
    """The title, first and last date of every person's online courses of a year (R3), found
    in one pass over the records the first time one is asked for."""

    def __init__(self, records: Sequence[OnlineLearning], year: int) -> None:
        self._records = records
        self._year = year
        self._found: dict[tuple[str, str], list[object]] | None = None

    def __call__(self, person: str, course: str) -> tuple[str, dt.date, dt.date]:
        """The course's title (its first record's, else its id), first and last date."""
        if self._found is None:
            with collector_paused():
                self._found = self._scan()
        title, first, last = self._found[(person, course)]
        return title, first, last  # type: ignore[return-value]

    def _scan(self) -> dict[tuple[str, str], list[object]]:
        found: dict[tuple[str, str], list[object]] = {}
        year = self._year
        for online in self._records:
            day = online.date
            if day.year != year:
                continue
            key = (online.person, online.course)
            course = found.get(key)
            if course is None:
                found[key] = [online.title or online.course, day, day]
            elif day < course[1]:  # type: ignore[operator]
                course[1] = day
            elif day > course[2]:  # type: ignore[operator]
                course[2] = day
        return found


def _days_of(year: int) -> frozenset[dt.date]:
    """Every date of ``year``."""
    first = dt.date(year, 1, 1)
    return frozenset(first + dt.timedelta(days)
                     for days in range((dt.date(year, 12, 31) - first).days + 1))


_SINGLE_HOURS = itemgetter(5)
_RECORD_HOURS = attrgetter("hours")


def _year_hours(dataset: Dataset, year: int, policy: Policy) -> YearHours:
    # Classes: one single training per plan of the year, shared by its attendees.
    class_single = {
        plan.id: SingleTraining(Source.CLASS, plan.id, plan.figures.name, plan.actual_start,
                                plan.actual_end, plan.class_hours)
        for plan in dataset.plans if plan_year(plan, policy) == year
    }
    classes: dict[str, list[SingleTraining]] = {}
    confirmed = AttendanceStatus.CONFIRMED
    for attendance in dataset.attendance:
        if attendance.status is confirmed:
            single = class_single.get(attendance.plan)
            if single is not None:
                mine = classes.get(attendance.person)
                if mine is None:
                    classes[attendance.person] = [single]
                else:
                    mine.append(single)

    by_start = policy.year_basis is YearBasis.START
    external: dict[str, list[ExternalLearning]] = {}
    approved = ExternalStatus.APPROVED
    for record in dataset.external_learning:
        if record.status is approved and (record.start if by_start else record.end).year == year:
            theirs = external.get(record.person)
            if theirs is None:
                external[record.person] = [record]
            else:
                theirs.append(record)

    # Online: all of a person's records of one course in the year are one single training.
    # person -> course -> the hours of its records (dicts of strings and decimals: the
    # collector leaves them be), grouped as read: no (person, course) tuple made and hashed
    # twice a record; its xAPI sessions' exact seconds apart, rounded once at the end
    # (course_hours).
    courses: dict[str, dict[str, Decimal]] = {}
    sessions: dict[tuple[str, str], Decimal] = {}
    days = _days_of(year)  # a look-up in a set: a date's .year makes an int each time
    for online in dataset.online_learning:
        if online.date not in days:
            continue
        person = online.person
        taken = courses.get(person)
        if taken is None:
            taken = courses[person] = {}
        course = online.course
        hours = taken.get(course)
        seconds = online.seconds
        if seconds is None:
            taken[course] = online.hours if hours is None else hours + online.hours
        else:
            if hours is None:
                taken[course] = ZERO
            key = (person, course)
            before = sessions.get(key)
            sessions[key] = seconds if before is None else before + seconds
    for (person, course), seconds in sessions.items():
        taken = courses[person]
        taken[course] = course_hours(taken[course], seconds)

    details = CourseDetails(dataset.online_learning, year)
    empty: dict[str, Decimal] = {}
    nothing: tuple[Any, ...] = ()
    by_person = {}
    person_year = quick_maker(PersonYear)  # one per person of the year
    # each person in the order of their first credited record: classes, external, online
    for person in dict.fromkeys(chain(classes, external, courses)):
        mine_classes = classes.get(person, nothing)
        mine_external = external.get(person, nothing)
        taken = courses.get(person, empty)
        by_person[person] = person_year(
            person=person, year=year,
            class_hours=sum(map(_SINGLE_HOURS, mine_classes), ZERO),
            external_hours=sum(map(_RECORD_HOURS, mine_external), ZERO),
            online_hours=sum(taken.values(), ZERO),
            singles=tuple(mine_classes), external_records=tuple(mine_external),
            online_courses=taken, course_details=details,
            # the first of the longest, as the records come (ZERO when every one is 0 h)
            longest=max(chain((ZERO,), map(_SINGLE_HOURS, mine_classes),
                              map(_RECORD_HOURS, mine_external), taken.values())))
    return YearHours(year=year, policy=policy, by_person=by_person)
