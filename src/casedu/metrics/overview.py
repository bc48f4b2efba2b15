"""The staff learning overview (职工学习总体情况统计): every person's hours of a year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import UnknownRecordError
from casedu.metrics.arguments import institute_year
from casedu.metrics.hours import PersonYear, YearHours
from casedu.metrics.year_sums import year_hours
from casedu.model import Dataset, Person
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.results import RecordTuple

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

    def to_record(self) -> dict[str, Any]:
        """The row as plain values."""
        h = self.hours
        return {"person": self.person.id, "name": self.person.name,
                "department": self.department, "in_service": self.person.in_service,
                "hours_required": self.person.hours_required, "new_hire": self.new_hire,
                "class_hours": h.class_hours, "external_hours": h.external_hours,
                "online_hours": h.online_hours, "total_hours": h.total,
                "assessed": self.assessed, "completed": self.completed}


class StaffOverview(RecordTuple[OverviewRow]):
    """The rows of 职工学习总体情况统计, with ``to_records()`` and ``to_frame()``."""


def staff_overview(
    dataset: Dataset,
    institute: str,
    year: int,
    *,
    policy: Policy = DEFAULT_POLICY,
    hours: YearHours | None = None,
    department: str | None = None,
) -> StaffOverview:
    """Every person of the institute (of one ``department`` of it, when given: a department
    admin's 管理范围内), by department name then id, with their year's hours."""
    institute_year(dataset, institute, year)
    if department is not None:
        found = dataset.department_by_id.get(department)
        if found is None or found.institute != institute:
            raise UnknownRecordError(f"no department {department!r} in {institute}")
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    rows = []
    for person in dataset.people_by_institute.get(institute, ()):
        if department is not None and person.department != department:
            continue
        mine = hours.of(person.id)
        new_hire = person.is_new_hire(year)
        assessed = person.in_service_in(year) and person.hours_required and not new_hire
        rows.append(OverviewRow(
            person=person, department=dataset.department_name(person.department), hours=mine,
            new_hire=new_hire, assessed=assessed,
            completed=(mine.total >= policy.required_hours) if assessed else None,
        ))
    rows.sort(key=lambda r: (r.department, r.person.id))
    return StaffOverview(rows)
