"""R2/R3: every person's credited hours of a year, summed from the records: :func:`year_hours`
on the Python engine here, or on the columnar one (:mod:`casedu.metrics.columnar`).

>>> from casedu.sample import sample_dataset
>>> year_hours(sample_dataset(), 2026).year
2026
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
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
from casedu.model import AttendanceStatus, Dataset, ExternalStatus
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import ZERO

__all__ = ["year_hours"]


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


def _year_hours(dataset: Dataset, year: int, policy: Policy) -> YearHours:
    by_start = policy.year_basis is YearBasis.START
    sums: dict[str, list[Decimal]] = {}  # person -> [class, external, online, longest single]
    singles: dict[str, list[SingleTraining]] = defaultdict(list)

    def totals(person: str) -> list[Decimal]:
        found = sums.get(person)
        if found is None:
            found = sums[person] = [ZERO, ZERO, ZERO, ZERO]
        return found

    # Classes: one single training per plan of the year, shared by its attendees.
    class_single = {
        plan.id: SingleTraining(Source.CLASS, plan.id, plan.figures.name, plan.actual_start,
                                plan.actual_end, plan.class_hours)
        for plan in dataset.plans if plan_year(plan, policy) == year
    }
    confirmed = AttendanceStatus.CONFIRMED
    for attendance in dataset.attendance:
        if attendance.status is confirmed:
            single = class_single.get(attendance.plan)
            if single is not None:
                person = attendance.person
                mine = totals(person)
                mine[0] += single.hours
                if single.hours > mine[3]:
                    mine[3] = single.hours
                singles[person].append(single)

    approved = ExternalStatus.APPROVED
    for record in dataset.external_learning:
        if record.status is approved and (record.start if by_start else record.end).year == year:
            person = record.person
            mine = totals(person)
            mine[1] += record.hours
            if record.hours > mine[3]:
                mine[3] = record.hours
            singles[person].append(SingleTraining(
                Source.EXTERNAL, record.id, record.title, record.start, record.end, record.hours))

    # Online: all of a person's records of one course in the year are one single training;
    # its xAPI sessions are summed in exact seconds and rounded once (course_hours).
    # person -> course -> [hours, first, last, title, seconds of its sessions or None]
    courses: dict[str, dict[str, list[Any]]] = {}
    for online in dataset.online_learning:
        day = online.date
        if day.year != year:
            continue
        person = online.person
        taken = courses.get(person)
        if taken is None:
            taken = courses[person] = {}
            totals(person)
        seconds = online.seconds
        course = taken.get(online.course)
        if course is None:
            taken[online.course] = [online.hours if seconds is None else ZERO, day, day,
                                    online.title or online.course, seconds]
        else:
            if seconds is None:
                course[0] += online.hours
            else:
                course[4] = seconds if course[4] is None else course[4] + seconds
            if day < course[1]:
                course[1] = day
            elif day > course[2]:
                course[2] = day

    empty: dict[str, list[Any]] = {}
    by_person = {}
    for person, values in sums.items():
        taken = courses.get(person, empty)
        online_hours = ZERO
        longest = values[3]
        for course in taken.values():
            if course[4] is not None:
                course[0] = course_hours(course[0], course.pop())
            else:
                course.pop()
            online_hours += course[0]
            if course[0] > longest:
                longest = course[0]
        by_person[person] = PersonYear(
            person=person, year=year, class_hours=values[0], external_hours=values[1],
            online_hours=online_hours, singles=tuple(singles.get(person, ())),
            online_courses=taken, longest=longest)
    return YearHours(year=year, policy=policy, by_person=by_person)
