"""Learning hours of a year: who learned how much, from which source, in which single trainings.

R2 (hours) and R3 (single trainings) of SPEC section 3: what a year's hours are, and a plan's
statistics year; :mod:`casedu.metrics.year_sums` sums them from the records.

>>> from decimal import Decimal
>>> py = PersonYear(person="p1", year=2026, class_hours=Decimal(32), online_hours=Decimal("2.5"))
>>> py.total
Decimal('34.5')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from itertools import chain
from typing import NamedTuple

import attrs

from casedu.errors import ArgumentError, expect
from casedu.model import ExternalLearning, TrainingPlan
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import ZERO, hours_of_seconds

__all__ = [
    "PersonYear",
    "SingleTraining",
    "Source",
    "YearHours",
    "course_hours",
    "plan_year",
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


@attrs.frozen(kw_only=True, eq=False)
class PersonYear:
    """A person's credited hours in one statistics year, by source, with the single trainings.

    Online courses are kept as their hours (``online_courses``: course id → hours) and become
    :class:`SingleTraining` only when ``singles`` is read, their title and dates then coming
    from ``course_details``: at academy scale there are millions of them and most are never
    looked at one by one.
    """

    person: str
    year: int
    class_hours: Decimal = ZERO
    external_hours: Decimal = ZERO
    online_hours: Decimal = ZERO
    #: The classes and external-learning records of the year (and any other single given).
    fixed_singles: tuple[SingleTraining, ...] = attrs.field(default=(), alias="singles")
    #: Approved external learning of the year, made single trainings when read (after
    #: ``fixed_singles``): a year of the academy has hundreds of thousands.
    external_records: tuple[ExternalLearning, ...] = attrs.field(default=(), repr=False)
    online_courses: Mapping[str, Decimal] = attrs.field(factory=dict, repr=False)
    #: (person, course) → the course's title, first and last date; needed with online_courses.
    course_details: Callable[[str, str], tuple[str, dt.date, dt.date]] | None = attrs.field(
        default=None, repr=False, eq=False)
    #: The longest single training's hours, when ``singles`` holds only some of them (a
    #: workspace aggregates in SQL and keeps only those over the backbone threshold).
    longest: Decimal | None = None
    #: True when the single trainings were not read (a store's year read with
    #: ``singles=False``: one row a person, for figures that need only the hours and
    #: ``longest``); ``singles`` then refuses to answer rather than answer "none".
    unread_singles: bool = attrs.field(default=False, repr=False)
    _total: Decimal | None = attrs.field(init=False, default=None, repr=False, eq=False)

    @property
    def total(self) -> Decimal:
        """R2: all credited hours of the year."""
        total = self._total
        if total is None:  # a summary and a screen read it several times
            total = self.class_hours + self.external_hours + self.online_hours
            object.__setattr__(self, "_total", total)
        return total

    @property
    def singles(self) -> tuple[SingleTraining, ...]:
        """Every single training of the year (R3)."""
        if self.unread_singles:
            raise ArgumentError(f"the single trainings of {self.person}'s year were not read: "
                                "read the year with its single trainings (year_hours(..., "
                                "singles=True))")
        external = tuple(
            SingleTraining(Source.EXTERNAL, r.id, r.title, r.start, r.end, r.hours)
            for r in self.external_records)
        if not self.online_courses:
            return self.fixed_singles + external
        details = self.course_details
        if details is None:
            raise ValueError("a PersonYear with online courses needs their course_details")
        online = tuple(
            SingleTraining(Source.ONLINE, course, *details(self.person, course), hours)
            for course, hours in self.online_courses.items())
        return self.fixed_singles + external + online

    @property
    def has_singles(self) -> bool:
        """Whether the person had any single training in the year (a year that carries only
        the long ones, with ``longest``, had at least one: it has hours from a record)."""
        return (bool(self.fixed_singles or self.external_records or self.online_courses)
                or self.longest is not None)

    @property
    def max_single_hours(self) -> Decimal:
        """The hours of the longest single training, 0 when there is none."""
        if self.longest is not None:
            return self.longest
        return max(chain((ZERO,), (s.hours for s in self.fixed_singles),  # the first of equals
                         (r.hours for r in self.external_records), self.online_courses.values()))

    def singles_over(self, hours: Decimal) -> tuple[SingleTraining, ...]:
        """The single trainings strictly longer than ``hours``, longest first."""
        return tuple(sorted((s for s in self.singles if s.hours > hours),
                            key=lambda s: (-s.hours, s.start, s.key)))

    def _compared(self) -> tuple[object, ...]:
        # what the year says, however its single trainings are held (made before or when read)
        return (self.person, self.year, self.class_hours, self.external_hours,
                self.online_hours, None if self.unread_singles else self.singles,
                self.longest)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())


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


def course_hours(hours: Decimal, seconds: Decimal | None) -> Decimal:
    """R3 for an online course of a year: the hours of its records as given, and its xAPI
    sessions' exact seconds summed, then rounded once, half up, to 0.01 h
    (:func:`casedu.quantities.hours_of_seconds`). The columnar engine and the SQL store sum the
    same in whole units (:mod:`casedu.metrics.columnar`, :mod:`casedu.store.aggregate`).

    >>> course_hours(Decimal(0), Decimal(300 * 1200)), course_hours(Decimal("1.5"), None)
    (Decimal('100.00'), Decimal('1.5'))
    """
    return hours if seconds is None else hours + hours_of_seconds(seconds)


def plan_year(plan: TrainingPlan, policy: Policy = DEFAULT_POLICY) -> int:
    """R1: the statistics year of a plan and its class: by its actual dates once implemented."""
    expect("plan", plan, TrainingPlan, what="a TrainingPlan")
    return policy.year_of(plan.actual_start, plan.actual_end)
