"""Every figure of an institute and a year checks its arguments where they come in: a year given
as text (as web frameworks and notebooks hand it over) is refused, never answered with zeros."""

import datetime as dt
from decimal import Decimal

import pytest

from casedu.errors import ArgumentTypeError, CaseduError, InvalidValueError
from casedu.metrics import (
    annual_figures,
    check_year,
    class_stats,
    screen_backbone,
    staff_overview,
    year_hours,
)
from casedu.reports import ReportContext
from casedu.sample import sample_dataset
from tests.builders import dataset, external, person

DATA = sample_dataset()
CALLS = {
    "annual_figures": lambda d, i, y: annual_figures(d, i, y),
    "screen_backbone": lambda d, i, y: screen_backbone(d, i, y),
    "staff_overview": lambda d, i, y: staff_overview(d, i, y),
    "class_stats": lambda d, i, y: class_stats(d, i, y),
    "check_year": lambda d, i, y: check_year(d, i, y, today=dt.date(2026, 12, 1)),
    "ReportContext": lambda d, i, y: ReportContext(d, i, y),
    "year_hours": lambda d, i, y: year_hours(d, y),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("year", ["2026", 2026.0, Decimal(2026), True, None, [2026]])
def test_a_year_of_the_wrong_type_is_refused(call, year):
    with pytest.raises(ArgumentTypeError, match="year must be a whole number") as info:
        CALLS[call](DATA, "DEMO", year)
    assert isinstance(info.value, TypeError) and isinstance(info.value, CaseduError)


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("year", [1899, 10000, -1])
def test_a_year_out_of_range_is_refused(call, year):
    with pytest.raises(InvalidValueError, match="a year such as 2026"):
        CALLS[call](DATA, "DEMO", year)


@pytest.mark.parametrize("call", sorted(set(CALLS) - {"year_hours"}))
def test_the_institute_and_the_dataset_are_checked(call):
    with pytest.raises(ArgumentTypeError, match="institute must be"):
        CALLS[call](DATA, 42, 2026)
    with pytest.raises(ArgumentTypeError, match="dataset must be a casedu Dataset"):
        CALLS[call]("data.json", "DEMO", 2026)
    with pytest.raises(LookupError, match="NOPE"):
        CALLS[call](DATA, "NOPE", 2026)


def test_people_hired_after_the_year_are_not_its_staff_anywhere():
    later = person("late", hire_date=dt.date(2027, 3, 1))
    records = [external(f"e{i}", "late", 60) for i in range(2)]
    data = dataset(people=[person("p1"), later], external_learning=records)
    figures = annual_figures(data, "IOP", 2026)
    assert [p.id for p in figures.in_service] == ["p1"]
    assert [p.id for p in figures.assessed] == ["p1"]
    screen = screen_backbone(data, "IOP", 2026)
    assert screen.eligible == ()  # 120 h in 2026, a single of 60 h: but not staff of 2026
    assert not screen.candidate("late").eligible
    rows = {r.person.id: r for r in staff_overview(data, "IOP", 2026)}
    assert not rows["late"].assessed
    assert [p.id for p in annual_figures(data, "IOP", 2027).in_service] == ["p1", "late"]
