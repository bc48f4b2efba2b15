"""Backbone-talent screening (骨干人才筛选, R4), with the reasons behind every verdict.

>>> from decimal import Decimal
>>> from casedu.metrics.hours import PersonYear, SingleTraining, Source
>>> import datetime as dt
>>> long = SingleTraining(source=Source.CLASS, key="tp1", title="进修", start=dt.date(2026, 3, 1),
...                       end=dt.date(2026, 3, 9), hours=Decimal(38))
>>> year = PersonYear(person="p1", year=2026, class_hours=Decimal("96.5"), singles=(long,))
>>> verdict = assess(year, in_service=True)
>>> verdict.eligible
False
>>> print("; ".join(verdict.reasons))
96.5 h of 100 needed; longest single training 38 h, more than 40 needed
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import expect
from casedu.metrics.arguments import institute_year
from casedu.metrics.hours import PersonYear, SingleTraining, YearHours
from casedu.metrics.year_sums import year_hours
from casedu.model import Dataset, Person
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import ZERO, decimal_text
from casedu.results import Records, notebook_html, short_repr
from casedu.twins import quick_maker

__all__ = ["BackboneCandidate", "BackboneScreen", "BackboneVerdict", "assess", "screen_backbone"]


@attrs.frozen(kw_only=True)
class BackboneVerdict:
    """Whether one person's year meets R4, and why in plain words and numbers.

    The reasons and the long single trainings are worked out when asked for: a screen of the
    whole academy assesses tens of thousands of people and reads few of them.
    """

    in_service: bool
    total_hours: Decimal
    max_single_hours: Decimal
    year: PersonYear = attrs.field(repr=False)
    policy: Policy = attrs.field(repr=False)

    @property
    def meets_total(self) -> bool:
        """Total hours ≥ the required total (exactly 100 qualifies)."""
        return self.total_hours >= self.policy.backbone_total_hours

    @property
    def meets_single(self) -> bool:
        """One single training strictly longer than the threshold (exactly 40 does not)."""
        return self.max_single_hours > self.policy.backbone_single_hours

    @property
    def eligible(self) -> bool:
        """R4: in service, enough hours, and one single training long enough."""
        return self.in_service and self.meets_total and self.meets_single

    @property
    def long_singles(self) -> tuple[SingleTraining, ...]:
        """The single trainings over the threshold, longest first."""
        return self.year.singles_over(self.policy.backbone_single_hours)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The verdict in words, with the numbers."""
        need_total = _h(self.policy.backbone_total_hours)
        need_single = _h(self.policy.backbone_single_hours)
        total = _h(self.total_hours)
        reasons = []
        if not self.in_service:
            reasons.append("not in service (在职)")
        reasons.append(f"{total} h of {need_total} needed" if not self.meets_total
                       else f"{total} h, at least {need_total} needed")
        if not self.year.has_singles:
            reasons.append(f"no single training, one of more than {need_single} h needed")
        else:
            reasons.append(f"longest single training {_h(self.max_single_hours)} h, "
                           f"more than {need_single} needed")
        return tuple(reasons)


def assess(
    year: PersonYear, *, in_service: bool, policy: Policy = DEFAULT_POLICY
) -> BackboneVerdict:
    """R4 for one person's year: in service, total ≥ 100 h, one single training > 40 h."""
    expect("year", year, PersonYear, what="a PersonYear (year_hours(...).of(person))")
    return BackboneVerdict(in_service=in_service, total_hours=year.total,
                           max_single_hours=year.max_single_hours, year=year, policy=policy)


@attrs.frozen(kw_only=True, repr=False)
class BackboneCandidate(Records):
    """A person of the screen with their verdict and whether the institute reported them."""

    person: Person
    department: str  # the department's name
    verdict: BackboneVerdict
    reported: bool

    @property
    def eligible(self) -> bool:
        """R4 holds for the person."""
        return self.verdict.eligible

    def to_record(self) -> dict[str, Any]:
        """The candidate's figures and verdict as plain values."""
        return {"person": self.person.id, "name": self.person.name,
                "department": self.department, "in_service": self.verdict.in_service,
                "total_hours": self.verdict.total_hours,
                "max_single_hours": self.verdict.max_single_hours,
                "eligible": self.eligible, "reported": self.reported,
                "reasons": "; ".join(self.verdict.reasons)}

    def to_records(self) -> list[dict[str, Any]]:
        return [self.to_record()]

    def __repr__(self) -> str:
        return short_repr("BackboneCandidate", person=self.person.id, name=self.person.name,
                          eligible=self.eligible, total_hours=self.verdict.total_hours,
                          reported=self.reported)


@attrs.frozen(kw_only=True, repr=False, slots=False)
class BackboneScreen(Records):
    """骨干人才筛选上报表 of an institute and year.

    ``eligible``: everyone R4 admits. ``near_misses``: in-service people not eligible who are within
    ``policy.near_miss_hours`` of the total, or over it without a long enough single training.
    ``reported_ineligible``: people reported who no longer meet R4.
    """

    institute: str
    year: int
    policy: Policy
    eligible: tuple[BackboneCandidate, ...]
    near_misses: tuple[BackboneCandidate, ...]
    reported_ineligible: tuple[BackboneCandidate, ...]
    reported_count: int

    def _attach(self, people: dict[str, Person], made: dict[str, BackboneCandidate],
                make: Any) -> BackboneScreen:
        """The people screened, and their candidates as far as made: a candidate is made for
        everyone listed, and for anyone else only when asked for. Kept out of the fields, so
        that the screen's data (attrs, cattrs) is what it shows."""
        object.__setattr__(self, "_people", people)
        object.__setattr__(self, "_made", made)
        object.__setattr__(self, "_make", make)
        return self

    def to_records(self) -> list[dict[str, Any]]:
        """The eligible people, one record each (see :meth:`BackboneCandidate.to_record`)."""
        return [c.to_record() for c in self.eligible]

    def __repr__(self) -> str:
        return short_repr("BackboneScreen", institute=self.institute, year=self.year,
                          eligible=len(self.eligible), near_misses=len(self.near_misses),
                          reported=self.reported_count)

    def _repr_html_(self) -> str:
        return notebook_html(self)

    def candidate(self, person_id: str) -> BackboneCandidate | None:
        """The screen's view of one person of the institute, eligible or not."""
        people: dict[str, Person] = self.__dict__["_people"]
        made: dict[str, BackboneCandidate] = self.__dict__["_made"]
        found = made.get(person_id)
        if found is None and person_id in people:
            found = made[person_id] = self.__dict__["_make"](people[person_id])
        return found


def screen_backbone(
    dataset: Dataset,
    institute: str,
    year: int,
    *,
    policy: Policy = DEFAULT_POLICY,
    hours: YearHours | None = None,
    read: Collection[str] | None = None,
) -> BackboneScreen:
    """Screen every person of ``institute`` for ``year`` (R4), in id order.

    Pass ``hours`` when they are already computed for the year, to compute them once.
    ``read``: when ``hours`` holds the years of only some people (a page's read: those
    whose total reaches the near misses', and these), the people it was read for; the
    screen's lists are the same as from everybody's years, and :meth:`BackboneScreen.candidate`
    answers None for anyone neither listed nor read (rather than judge a year not read).
    """
    institute_year(dataset, institute, year)
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    reported = {r.person for r in dataset.reports_by_institute_year.get((institute, year), ())}
    near_total = policy.backbone_total_hours - policy.near_miss_hours
    need_total, need_single = policy.backbone_total_hours, policy.backbone_single_hours

    def make(person: Person) -> BackboneCandidate:
        verdict = assess(hours.of(person.id), in_service=person.in_service_in(year),
                         policy=policy)
        return BackboneCandidate(person=person,
                                 department=dataset.department_name(person.department),
                                 verdict=verdict, reported=person.id in reported)

    people = sorted(dataset.people_by_institute.get(institute, ()), key=lambda p: p.id)
    made: dict[str, BackboneCandidate] = {}
    department_name = dataset.department_name
    # most of an academy is listed: tens of thousands of each
    verdict_of, candidate_of = quick_maker(BackboneVerdict), quick_maker(BackboneCandidate)
    eligible, near, stale = [], [], []
    for person in people:
        # The numbers first; a candidate only for the people the screen lists.
        year_of = hours.by_person.get(person.id)
        total = year_of.total if year_of is not None else ZERO
        longest = year_of.max_single_hours if year_of is not None else ZERO
        serving = person.in_service_in(year)
        is_eligible = serving and total >= need_total and longest > need_single
        is_reported = person.id in reported
        is_near = serving and not is_eligible and total >= near_total
        if not (is_eligible or is_reported or is_near):
            continue
        # what make() gives, from the numbers at hand (most of an academy is listed)
        verdict = verdict_of(
            in_service=serving, total_hours=total, max_single_hours=longest,
            year=year_of if year_of is not None else hours.of(person.id), policy=policy)
        candidate = made[person.id] = candidate_of(
            person=person, department=department_name(person.department), verdict=verdict,
            reported=is_reported)
        if is_eligible:
            eligible.append(candidate)
        else:
            if is_reported:
                stale.append(candidate)
            if is_near:
                near.append(candidate)
    return BackboneScreen(
        institute=institute, year=year, policy=policy, eligible=tuple(eligible),
        near_misses=tuple(near), reported_ineligible=tuple(stale),
        reported_count=len(reported))._attach(
            {p.id: p for p in people if read is None or p.id in read or p.id in made},
            made, make)


def _h(value: Decimal) -> str:
    """Hours in reasons: exact, without trailing zeros (96.5, 40, 100)."""
    text = decimal_text(value)
    return text.rstrip("0").rstrip(".") if "." in text else text
