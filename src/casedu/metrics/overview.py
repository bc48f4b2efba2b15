"""The staff learning overview (职工学习总体情况统计): every person's hours of a year."""

from __future__ import annotations

from decimal import Decimal

import attrs

from casedu.metrics.hours import PersonYear, YearHours, year_hours
from casedu.model import Dataset, Person
from casedu.policy import DEFAULT_POLICY, Policy

__all__ = ["OverviewRow", "staff_overview"]


@attrs.frozen(kw_only=True)
class OverviewRow:
    """One person of the overview: hours by source, whether assessed (R6) and completed (R7)."""

    person: Person
    department: str
    hours: PersonYear
    new_hire: bool
    assessed: bool
    completed: bool | None  # None when the person is not assessed

    @property
    def total(self) -> Decimal:
        """The person's hours in the year (R2)."""
        return self.hours.total


def staff_overview(
    dataset: Dataset,
    institute: str,
    year: int,
    *,
    policy: Policy = DEFAULT_POLICY,
    hours: YearHours | None = None,
) -> tuple[OverviewRow, ...]:
    """Every person of the institute, by department name then id, with their year's hours."""
    dataset.institute(institute)
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    rows = []
    for person in dataset.people_by_institute.get(institute, ()):
        mine = hours.of(person.id)
        new_hire = person.is_new_hire(year)
        assessed = person.in_service and person.hours_required and not new_hire
        rows.append(OverviewRow(
            person=person, department=dataset.department_name(person.department), hours=mine,
            new_hire=new_hire, assessed=assessed,
            completed=(mine.total >= policy.required_hours) if assessed else None,
        ))
    rows.sort(key=lambda r: (r.department, r.person.id))
    return tuple(rows)
