"""Every person's credited hours (R2) in each of several years: what a notebook pivots by hand
from the year sums, in the long form (``to_records``, ``to_frame``) and the wide one
(``to_frame(wide=True)``: a row a person, a column a year).

>>> from casedu.sample import sample_dataset
>>> table = hours_by_year(sample_dataset(), [2025, 2026], institute="DEMO")
>>> table
HoursByYear(institute='DEMO', years=(2025, 2026), people=320)
>>> table.to_records()[1]["year"], table.to_records()[1]["hours"], table.of("P0001", 2026)
(2026, Decimal('58'), Decimal('58'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from casedu.errors import ArgumentTypeError, ArgumentValueError, expect
from casedu.metrics.year_sums import year_hours
from casedu.model import Dataset, Person
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.results import Records, short_repr, wide_frame

if TYPE_CHECKING:
    import pandas

__all__ = ["HoursByYear", "hours_by_year"]


@attrs.frozen(kw_only=True, repr=False)
class HoursByYear(Records):
    """The credited hours of ``people`` in each of ``years`` (zero where a person has none)."""

    institute: str | None
    years: tuple[int, ...]
    people: tuple[Person, ...]
    #: A person's department, by name.
    departments: Mapping[str, str]
    #: (person id, year) → credited hours; a pair left out has none.
    hours: Mapping[tuple[str, int], Decimal]

    def of(self, person_id: str, year: int) -> Decimal:
        """The person's credited hours in ``year``."""
        return self.hours.get((person_id, year), Decimal(0))

    def to_records(self) -> list[dict[str, Any]]:
        """A record a person and year: person, name, department, year, hours."""
        return [{"person": p.id, "name": p.name, "department": self.departments[p.id],
                 "year": year, "hours": self.of(p.id, year)}
                for p in self.people for year in self.years]

    def _wide_frame(self) -> pandas.DataFrame:
        return wide_frame({"person": [p.id for p in self.people],
                           "name": [p.name for p in self.people],
                           "department": [self.departments[p.id] for p in self.people]},
                          {year: [self.of(p.id, year) for p in self.people]
                           for year in self.years})

    def __repr__(self) -> str:
        return short_repr("HoursByYear", institute=self.institute, years=self.years,
                          people=len(self.people))


def hours_by_year(dataset: Dataset, years: Iterable[int], *, institute: str | None = None,
                  policy: Policy = DEFAULT_POLICY, engine: str = "python") -> HoursByYear:
    """Every person's credited hours (R2, as :func:`~casedu.metrics.year_hours` sums them) in
    each of ``years``, oldest first; the people of ``institute``, or of every institute."""
    expect("dataset", dataset, Dataset, what="a casedu Dataset")
    chosen = sorted(set(_years(years)))
    if not chosen:
        raise ArgumentValueError("years: name one year or more, such as [2025, 2026]")
    if institute is not None:
        expect("institute", institute, str, what="an institute's code such as 'IOP'")
        dataset.institute(institute)
    people = tuple(sorted((p for p in dataset.people
                           if institute is None or p.institute == institute),
                          key=lambda p: p.id))
    wanted = {p.id for p in people}
    hours: dict[tuple[str, int], Decimal] = {}
    for year in chosen:
        summed = year_hours(dataset, year, policy=policy, engine=engine)
        for person, credited in summed.by_person.items():
            if person in wanted and credited.total:
                hours[person, year] = credited.total
    return HoursByYear(institute=institute, years=tuple(chosen), people=people,
                       departments={p.id: dataset.department_name(p.department) for p in people},
                       hours=hours)


def _years(years: Iterable[int]) -> list[int]:
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise ArgumentTypeError(f"years: a list of years such as [2025, 2026], not {years!r}")
    return list(years)
