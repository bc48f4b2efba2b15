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
from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs

from casedu.model import Dataset, TrainingPlan
from casedu.policy import DEFAULT_POLICY, Policy
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


@attrs.frozen(kw_only=True)
class SingleTraining:
    """One single training (R3): a class, an external-learning record, or one online course in a
    year (all its records together). ``start``/``end`` span its records."""

    source: Source
    key: str  # the plan id, the external-learning id, or the course id
    title: str
    start: dt.date
    end: dt.date
    hours: Decimal


@attrs.frozen(kw_only=True)
class PersonYear:
    """A person's credited hours in one statistics year, by source, with the single trainings."""

    person: str
    year: int
    class_hours: Decimal = ZERO
    external_hours: Decimal = ZERO
    online_hours: Decimal = ZERO
    singles: tuple[SingleTraining, ...] = ()

    @property
    def total(self) -> Decimal:
        """R2: all credited hours of the year."""
        return self.class_hours + self.external_hours + self.online_hours

    @property
    def max_single_hours(self) -> Decimal:
        """The hours of the longest single training, 0 when there is none."""
        return max((s.hours for s in self.singles), default=ZERO)

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
    return policy.year_of(plan.actual_start, plan.actual_end)


def year_hours(dataset: Dataset, year: int, *, policy: Policy = DEFAULT_POLICY) -> YearHours:
    """R2/R3: every person's credited hours in ``year``, in one pass over the records.

    Confirmed attendance credits the class hours (the implementation's where set); approved
    external learning its hours; online courseware its hours, each course of the year summed into
    one single training. Classes of every institute count.
    """
    singles: dict[str, list[SingleTraining]] = {}
    sums: dict[str, list[Decimal]] = {}  # person -> [class, external, online]

    def account(person: str, source_index: int, single: SingleTraining) -> None:
        totals = sums.get(person)
        if totals is None:
            totals = sums[person] = [ZERO, ZERO, ZERO]
            singles[person] = []
        totals[source_index] += single.hours
        singles[person].append(single)

    for person, single in _class_singles(dataset, year, policy):
        account(person, 0, single)
    for person, single in _external_singles(dataset, year, policy):
        account(person, 1, single)
    for person, single in _online_singles(dataset, year):
        account(person, 2, single)

    by_person = {
        person: PersonYear(person=person, year=year, class_hours=totals[0],
                           external_hours=totals[1], online_hours=totals[2],
                           singles=tuple(singles[person]))
        for person, totals in sums.items()
    }
    return YearHours(year=year, policy=policy, by_person=by_person)


def _class_singles(
    dataset: Dataset, year: int, policy: Policy
) -> Iterator[tuple[str, SingleTraining]]:
    class_single: dict[str, SingleTraining | None] = {}  # plan id -> its single, None: other year
    plans = dataset.plan_by_id
    for attendance in dataset.attendance:
        if not attendance.confirmed:
            continue
        if attendance.plan in class_single:
            single = class_single[attendance.plan]
        else:
            plan = plans[attendance.plan]
            single = None
            if plan_year(plan, policy) == year:
                single = SingleTraining(
                    source=Source.CLASS, key=plan.id, title=plan.figures.name,
                    start=plan.actual_start, end=plan.actual_end, hours=plan.class_hours,
                )
            class_single[attendance.plan] = single
        if single is not None:
            yield attendance.person, single


def _external_singles(
    dataset: Dataset, year: int, policy: Policy
) -> Iterator[tuple[str, SingleTraining]]:
    for record in dataset.external_learning:
        if record.approved and policy.year_of(record.start, record.end) == year:
            yield record.person, SingleTraining(
                source=Source.EXTERNAL, key=record.id, title=record.title, start=record.start,
                end=record.end, hours=record.hours,
            )


class _Course:
    """One person's records of one online course in the year, being summed."""

    __slots__ = ("first", "hours", "last", "title")

    def __init__(self, hours: Decimal, day: dt.date, title: str) -> None:
        self.hours = hours
        self.first = self.last = day
        self.title = title


def _online_singles(dataset: Dataset, year: int) -> Iterator[tuple[str, SingleTraining]]:
    courses: dict[tuple[str, str], _Course] = {}
    for record in dataset.online_learning:
        if record.date.year != year:
            continue
        key = (record.person, record.course)
        course = courses.get(key)
        if course is None:
            courses[key] = _Course(record.hours, record.date, record.title or record.course)
        else:
            course.hours += record.hours
            course.first = min(course.first, record.date)
            course.last = max(course.last, record.date)
    for (person, course_id), course in courses.items():
        yield person, SingleTraining(
            source=Source.ONLINE, key=course_id, title=course.title, start=course.first,
            end=course.last, hours=course.hours,
        )
