"""Learning hours of a year: who learned how much, from which source, in which single trainings.

R2 (hours) and R3 (single trainings) of SPEC section 3 live here and nowhere else.

>>> from decimal import Decimal
>>> py = PersonYear(person="p1", year=2026, class_hours=Decimal(32), online_hours=Decimal("2.5"))
>>> py.total
Decimal('34.5')
"""

from __future__ import annotations

import datetime as dt
import enum
import gc
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from casedu.errors import expect
from casedu.model import AttendanceStatus, Dataset, ExternalStatus, TrainingPlan
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import ZERO

__all__ = [
    "PersonYear",
    "SingleTraining",
    "Source",
    "YearHours",
    "plan_year",
    "year_hours",
]


class Source(enum.Enum):
    """Where hours come from (R2)."""

    CLASS = "class"  # 院内培训班, confirmed attendance
    EXTERNAL = "external"  # 外部学习, approved
    ONLINE = "online"  # 在线学习课件

    @property
    def label(self) -> str:
        """The source's name on paper."""
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {Source.CLASS: "培训班", Source.EXTERNAL: "外部学习", Source.ONLINE: "在线学习"}


class SingleTraining(NamedTuple):
    """One single training (R3): a class, an external-learning record, or one online course in a
    year (all its records together). ``start``/``end`` span its records.

    A named tuple: the year's hours make one per record, so they must be cheap.
    """

    source: Source
    key: str  # the plan id, the external-learning id, or the course id
    title: str
    start: dt.date
    end: dt.date
    hours: Decimal


@attrs.frozen(kw_only=True)
class PersonYear:
    """A person's credited hours in one statistics year, by source, with the single trainings.

    Online courses are kept as their sums (``online_courses``: course id → hours, first date,
    last date, title) and become :class:`SingleTraining` only when ``singles`` is read: at
    academy scale there are millions of them and most are never looked at one by one.
    """

    person: str
    year: int
    class_hours: Decimal = ZERO
    external_hours: Decimal = ZERO
    online_hours: Decimal = ZERO
    #: The classes and external-learning records of the year (and any other single given).
    fixed_singles: tuple[SingleTraining, ...] = attrs.field(default=(), alias="singles")
    online_courses: Mapping[str, Sequence[Any]] = attrs.field(factory=dict, repr=False)
    #: The longest single training's hours, when ``singles`` holds only some of them (a
    #: workspace aggregates in SQL and keeps only those over the backbone threshold).
    longest: Decimal | None = None

    @property
    def total(self) -> Decimal:
        """R2: all credited hours of the year."""
        return self.class_hours + self.external_hours + self.online_hours

    @property
    def singles(self) -> tuple[SingleTraining, ...]:
        """Every single training of the year (R3)."""
        online = tuple(
            SingleTraining(Source.ONLINE, course, values[3], values[1], values[2], values[0])
            for course, values in self.online_courses.items())
        return self.fixed_singles + online

    @property
    def has_singles(self) -> bool:
        """Whether the person had any single training in the year (a year that carries only
        the long ones, with ``longest``, had at least one: it has hours from a record)."""
        return bool(self.fixed_singles or self.online_courses) or self.longest is not None

    @property
    def max_single_hours(self) -> Decimal:
        """The hours of the longest single training, 0 when there is none."""
        if self.longest is not None:
            return self.longest
        longest = max((s.hours for s in self.fixed_singles), default=ZERO)
        for values in self.online_courses.values():
            if values[0] > longest:
                longest = values[0]
        return longest

    def singles_over(self, hours: Decimal) -> tuple[SingleTraining, ...]:
        """The single trainings strictly longer than ``hours``, longest first."""
        return tuple(sorted((s for s in self.singles if s.hours > hours),
                            key=lambda s: (-s.hours, s.start, s.key)))


@attrs.frozen(kw_only=True)
class YearHours:
    """Everybody's hours in ``year``; people with no credited record have none."""

    year: int
    policy: Policy
    by_person: Mapping[str, PersonYear]

    def of(self, person_id: str) -> PersonYear:
        """The person's hours; zero when they have no credited record in the year."""
        found = self.by_person.get(person_id)
        return found if found is not None else PersonYear(person=person_id, year=self.year)


def plan_year(plan: TrainingPlan, policy: Policy = DEFAULT_POLICY) -> int:
    """R1: the statistics year of a plan and its class: by its actual dates once implemented."""
    expect("plan", plan, TrainingPlan, what="a TrainingPlan")
    return policy.year_of(plan.actual_start, plan.actual_end)


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
    with _collector_paused():
        return _year_hours(dataset, year, policy)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a year is summed: it builds hundreds of
    thousands of acyclic containers, and each collection would walk the whole dataset again
    (half of the time at academy scale). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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

    # Online: all of a person's records of one course in the year are one single training.
    courses: dict[str, dict[str, list[Any]]] = {}  # person -> course -> [hours, first, last, title]
    for online in dataset.online_learning:
        day = online.date
        if day.year != year:
            continue
        person = online.person
        taken = courses.get(person)
        if taken is None:
            taken = courses[person] = {}
            totals(person)
        course = taken.get(online.course)
        if course is None:
            taken[online.course] = [online.hours, day, day, online.title or online.course]
        else:
            course[0] += online.hours
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
            online_hours += course[0]
            if course[0] > longest:
                longest = course[0]
        by_person[person] = PersonYear(
            person=person, year=year, class_hours=values[0], external_hours=values[1],
            online_hours=online_hours, singles=tuple(singles.get(person, ())),
            online_courses=taken, longest=longest)
    return YearHours(year=year, policy=policy, by_person=by_person)
