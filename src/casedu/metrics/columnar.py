"""The year's hours summed over columns with numpy: the same figures as
:func:`casedu.metrics.year_hours`, exact, for academy-scale years (``pip install
"casedu[fast]"``).

The learning records of the year become columns once (:meth:`YearColumns.of`): each person,
plan and course a small integer, each day its ordinal, each hour count an integer of
millionths of an hour (hours have at most six places, so nothing is rounded). Each column is
one pass in C over the records (``map`` of an attribute getter and a dict look-up into
``numpy.fromiter``): no Python statement runs per online record, the year's records are found
from their day numbers, and an external record becomes a single training only when it is over
the backbone threshold. The sums are then a sort and a few ``numpy.add.reduceat`` calls over
those columns instead of a Python loop over millions of records
(:meth:`YearColumns.year_hours`).

>>> from casedu.sample import sample_dataset
>>> from casedu.metrics import year_hours
>>> data = sample_dataset()
>>> columnar = YearColumns.of(data, 2026).year_hours()
>>> python = year_hours(data, 2026)
>>> all(columnar.of(p.id).total == python.of(p.id).total for p in data.people)
True

Like the sums a database makes (:mod:`casedu.store.aggregate`), each person's
:class:`~casedu.metrics.PersonYear` carries the totals by source, the longest single training
and the single trainings over the backbone threshold: what the annual summary and the backbone
screen read. A person's whole list of single trainings (the learning archive) comes from
:func:`casedu.metrics.year_hours`. Sums are canonical decimals (``158.5``, not ``158.50``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

import attrs

from casedu.errors import CaseduError, expect
from casedu.metrics.hours import PersonYear, SingleTraining, Source, YearHours, plan_year
from casedu.model import (
    AttendanceStatus,
    Dataset,
    ExternalLearning,
    ExternalStatus,
    OnlineLearning,
)
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import BOUNDS, HUNDREDTH_HOUR, hours_of_millionths, millionths

try:
    import numpy as np
except ImportError:  # pragma: no cover - the fast extra is installed in the tests
    np = None  # type: ignore[assignment]

__all__ = ["YearColumns"]

#: Hours as integers: millionths of an hour.
SCALE = 10**BOUNDS.hours_places


class _Codes(dict[Any, int]):
    """Each distinct value's number, given on first sight (0, 1, 2, ...)."""

    def __missing__(self, key: Any) -> int:
        code = self[key] = len(self)
        return code


class _Millionths(dict[Decimal, int]):
    """Hours as integers of millionths, worked out once per distinct value."""

    def __missing__(self, key: Decimal) -> int:
        value = millionths(key)
        if value != key.scaleb(BOUNDS.hours_places):  # the model holds six places: never here
            raise CaseduError(f"hours {key} have more than {BOUNDS.hours_places} places")
        self[key] = value
        return value


class _Ordinals(dict[dt.date, int]):
    def __missing__(self, key: dt.date) -> int:
        value = self[key] = key.toordinal()
        return value


def _numpy() -> Any:
    if np is None:
        raise CaseduError("the columnar engine needs numpy: pip install 'casedu[fast]'")
    return np


@attrs.frozen(eq=False)
class YearColumns:
    """The credited learning records of one statistics year, as columns.

    Classes: one row per confirmed attendance of a plan of the year (the plan's hours as it
    was held); external learning: one row per approved record of the year; online learning:
    one row per record dated in the year. Persons are numbers into :attr:`people`.
    """

    year: int
    policy: Policy
    people: tuple[str, ...]
    class_person: Any  # int64 person numbers
    class_hours: Any  # int64 millionths
    class_single: tuple[SingleTraining, ...]  # each class row's single training
    external_person: Any
    external_hours: Any
    external_records: tuple[ExternalLearning, ...]  # each external row's record
    online_person: Any
    online_course: Any  # int64 course numbers into online_courses
    online_day: Any  # int64 day ordinals
    online_hours: Any  # int64 millionths of the records without a duration, 0 for sessions
    online_microseconds: Any  # int64 microseconds of the xAPI sessions, 0 for other records
    online_courses: tuple[str, ...]
    online_title: Callable[[int], str] = attrs.field(repr=False)  # a row's course title

    @classmethod
    def of(cls, dataset: Dataset, year: int, *, policy: Policy = DEFAULT_POLICY) -> YearColumns:
        """The columns of ``dataset``'s year ``year`` (one pass over each kind of record)."""
        numpy = _numpy()
        expect("dataset", dataset, Dataset, what="a casedu Dataset")
        from casedu.metrics.arguments import year_argument

        year_argument(year)
        people: _Codes = _Codes()

        def column(values: Any, count: int) -> Any:
            return numpy.fromiter(values, dtype=numpy.int64, count=count)

        millionths = _Millionths()
        micro = _Millionths()  # a session's seconds have six places too: microseconds

        classes = {plan.id: SingleTraining(Source.CLASS, plan.id, plan.figures.name,
                                           plan.actual_start, plan.actual_end,
                                           plan.class_hours)
                   for plan in dataset.plans if plan_year(plan, policy) == year}
        confirmed = AttendanceStatus.CONFIRMED
        attended = [a for a in dataset.attendance if a.status is confirmed and a.plan in classes]
        class_single = tuple(map(classes.__getitem__, map(_PLAN, attended)))

        by_start = policy.year_basis is YearBasis.START
        approved = ExternalStatus.APPROVED
        external = tuple(r for r in dataset.external_learning
                         if r.status is approved and (r.start if by_start else r.end).year == year)

        # Online: each column one pass in C over the records (map, dict look-ups, fromiter);
        # the year's records found by their day numbers, without a Python test each.
        online: Sequence[OnlineLearning] = dataset.online_learning
        ordinals = _Ordinals()
        online_day = column(map(ordinals.__getitem__, map(_DATE, online)), len(online))
        low, high = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
        in_year = (online_day >= low) & (online_day <= high)
        if not in_year.all():
            online = tuple(compress(online, in_year.tolist()))
            online_day = online_day[in_year]
        courses: _Codes = _Codes()

        seconds = list(map(_SECONDS, online))
        if seconds.count(None) == len(seconds):  # no xAPI session: the hours as they are
            online_hours = column(map(millionths.__getitem__, map(_HOURS, online)), len(online))
            online_microseconds = numpy.zeros(len(online), dtype=numpy.int64)
        else:
            online_hours = column((0 if s is not None else millionths[r.hours]
                                   for r, s in zip(online, seconds, strict=True)), len(online))
            online_microseconds = column((0 if s is None else micro[s] for s in seconds),
                                         len(online))

        return cls(
            year=year, policy=policy,
            # people are numbered as they come: classes, external learning, online
            class_person=column(map(people.__getitem__, map(_PERSON, attended)),
                                len(attended)),
            class_hours=column(map(millionths.__getitem__, map(_SINGLE_HOURS, class_single)),
                               len(attended)),
            class_single=class_single,
            external_person=column(map(people.__getitem__, map(_PERSON, external)),
                                   len(external)),
            external_hours=column(map(millionths.__getitem__, map(_HOURS, external)),
                                  len(external)),
            external_records=external,
            online_person=column(map(people.__getitem__, map(_PERSON, online)), len(online)),
            online_course=column(map(courses.__getitem__, map(_COURSE, online)), len(online)),
            online_day=online_day,
            online_hours=online_hours, online_microseconds=online_microseconds,
            online_courses=tuple(courses),
            online_title=lambda row: online[row].title or online[row].course,
            people=tuple(people),
        )

    def _external_single(self, row: int) -> SingleTraining:
        record = self.external_records[row]
        return SingleTraining(Source.EXTERNAL, record.id, record.title, record.start,
                              record.end, record.hours)

    def year_hours(self) -> YearHours:
        """Everybody's hours of the year, summed over the columns."""
        numpy = _numpy()
        count = len(self.people)
        threshold = millionths(self.policy.backbone_single_hours)
        totals = numpy.zeros((3, count), dtype=numpy.int64)
        longest = numpy.full(count, -1, dtype=numpy.int64)  # -1: no single training
        long: dict[int, list[SingleTraining]] = {}

        for source, person, hours, single in (
                (0, self.class_person, self.class_hours, self.class_single.__getitem__),
                (1, self.external_person, self.external_hours, self._external_single)):
            if len(person):
                numpy.add.at(totals[source], person, hours)
                numpy.maximum.at(longest, person, hours)
                rows = numpy.flatnonzero(hours > threshold)
                # as Python ints: indexing an array one element at a time makes numpy scalars
                for number, row in zip(person[rows].tolist(), rows.tolist(), strict=True):
                    long.setdefault(number, []).append(single(row))

        if len(self.online_person):
            # one single training per person and course: group the rows by both
            key = self.online_person * len(self.online_courses) + self.online_course
            order = numpy.argsort(key)  # not stable: a course's first record is found below
            key = key[order]
            starts = numpy.flatnonzero(numpy.concatenate(([True], key[1:] != key[:-1])))
            # R3 (casedu.metrics.hours.course_hours): the records' hours as given, and the
            # sessions' microseconds summed and rounded once to 0.01 h, in whole millionths
            micro = numpy.add.reduceat(self.online_microseconds[order], starts)
            sums = (numpy.add.reduceat(self.online_hours[order], starts)
                    + (micro + HUNDREDTH_HOUR // 2) // HUNDREDTH_HOUR * (SCALE // 100))
            first = numpy.minimum.reduceat(self.online_day[order], starts)
            last = numpy.maximum.reduceat(self.online_day[order], starts)
            person = key[starts] // len(self.online_courses)
            course = key[starts] % len(self.online_courses)
            numpy.add.at(totals[2], person, sums)
            numpy.maximum.at(longest, person, sums)
            first_row = numpy.minimum.reduceat(order, starts)  # a course's first record
            for group in numpy.flatnonzero(sums > threshold).tolist():
                row = int(first_row[group])  # its title is the course's
                long.setdefault(int(person[group]), []).append(SingleTraining(
                    Source.ONLINE, self.online_courses[course[group]], self.online_title(row),
                    dt.date.fromordinal(int(first[group])), dt.date.fromordinal(int(last[group])),
                    _hours(int(sums[group]))))

        present = numpy.flatnonzero(longest >= 0).tolist()
        by_person = {}
        class_h, external_h, online_h = (totals[i].tolist() for i in range(3))
        longest_h = longest.tolist()
        for number in present:
            person_id = self.people[number]
            by_person[person_id] = PersonYear(
                person=person_id, year=self.year, class_hours=_hours(class_h[number]),
                external_hours=_hours(external_h[number]),
                online_hours=_hours(online_h[number]), singles=tuple(long.get(number, ())),
                longest=_hours(longest_h[number]))
        return YearHours(year=self.year, policy=self.policy, by_person=by_person)


_PERSON, _HOURS, _COURSE, _DATE, _SECONDS, _PLAN = (
    attrgetter(name) for name in ("person", "hours", "course", "date", "seconds", "plan"))
_SINGLE_HOURS = itemgetter(5)
_DECIMALS: dict[int, Decimal] = {}


def _hours(millionths: int) -> Decimal:
    """Millionths of an hour as canonical hours (``1500000`` is ``1.5``)."""
    found = _DECIMALS.get(millionths)
    if found is None:
        found = hours_of_millionths(millionths)
        if len(_DECIMALS) < 100_000:
            _DECIMALS[millionths] = found
    return found

