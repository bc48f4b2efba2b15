"""The Python engine's sums (grouped once, summed per person, a course's dates found when read)
against R2/R3 written out record by record: the same decimals, digit for digit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedu.metrics import year_hours
from casedu.metrics.hours import PersonYear, Source, plan_year
from casedu.model import AttendanceStatus, Dataset, ExternalStatus, OnlineLearning
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import ZERO, hours_of_seconds
from tests.builders import D, attend, dataset, external, online, person, plan, session
from tests.strategies import datasets

POLICIES = st.sampled_from([DEFAULT_POLICY, Policy(year_basis=YearBasis.END)])


def reference(data: Dataset, year: int, policy: Policy) -> dict[str, dict[str, Any]]:
    """R2/R3 record by record: each person's sums by source (added in the records' order,
    from 0), the longest single training (the first of equals) and every single training as
    (source, key, title, start, end, hours): classes, external learning, then online courses
    in the order of their first record."""
    people: dict[str, dict[str, Any]] = {}

    def mine(who: str) -> dict[str, Any]:
        return people.setdefault(who, {"class": ZERO, "external": ZERO, "singles": [],
                                       "courses": {}})

    plans = {p.id: p for p in data.plans if plan_year(p, policy) == year}
    for a in data.attendance:
        if a.status is AttendanceStatus.CONFIRMED and a.plan in plans:
            p = plans[a.plan]
            me = mine(a.person)
            me["class"] += p.class_hours
            me["singles"].append((Source.CLASS, p.id, p.figures.name, p.actual_start,
                                  p.actual_end, p.class_hours))
    for r in data.external_learning:
        day = r.start if policy.year_basis is YearBasis.START else r.end
        if r.status is ExternalStatus.APPROVED and day.year == year:
            me = mine(r.person)
            me["external"] += r.hours
            me["singles"].append((Source.EXTERNAL, r.id, r.title, r.start, r.end, r.hours))
    for o in data.online_learning:
        if o.date.year == year:
            course = mine(o.person)["courses"].setdefault(
                o.course, {"hours": None, "seconds": None, "days": [],
                           "title": o.title or o.course})
            course["days"].append(o.date)
            if o.seconds is None:
                course["hours"] = o.hours if course["hours"] is None else course["hours"] + o.hours
            else:
                course["hours"] = ZERO if course["hours"] is None else course["hours"]
                course["seconds"] = (o.seconds if course["seconds"] is None
                                     else course["seconds"] + o.seconds)
    for me in people.values():
        online_hours = ZERO
        for key, course in me["courses"].items():
            hours = course["hours"]
            if course["seconds"] is not None:
                hours += hours_of_seconds(course["seconds"])
            online_hours += hours
            me["singles"].append((Source.ONLINE, key, course["title"], min(course["days"]),
                                  max(course["days"]), hours))
        me["online"] = online_hours
        longest = ZERO
        for single in me["singles"]:
            if single[5] > longest:
                longest = single[5]
        me["longest"] = longest
    return people


def digits(year: PersonYear) -> tuple[Any, ...]:
    """What a person's year says, each decimal as written (``repr``: 40.0 is not 40)."""
    return (repr(year.class_hours), repr(year.external_hours), repr(year.online_hours),
            repr(year.total), repr(year.max_single_hours), year.has_singles,
            [(s.source, s.key, s.title, s.start, s.end, repr(s.hours)) for s in year.singles])


def assert_as_written(data: Dataset, year: int, policy: Policy = DEFAULT_POLICY) -> None:
    expected = reference(data, year, policy)
    hours = year_hours(data, year, policy=policy)
    assert list(hours.by_person) == list(expected)  # in the order of their first record
    for who, me in expected.items():
        total = me["class"] + me["external"] + me["online"]
        assert digits(hours.of(who)) == (
            repr(me["class"]), repr(me["external"]), repr(me["online"]), repr(total),
            repr(me["longest"]), bool(me["singles"]),
            [(*s[:5], repr(s[5])) for s in me["singles"]])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasets(), year=st.sampled_from([2025, 2026, 2027]), policy=POLICIES)
def test_the_sums_are_the_records_added_one_by_one(data, year, policy):
    assert_as_written(data, year, policy)


#: Hours written differently with the same value: a sum keeps the finest places it adds.
WRITTEN = st.sampled_from(["0", "0.0", "0.000000", "40", "40.0", "4E+1", "40.000001", "60",
                           "60.00", "99.999999", "100", "1E+2", "0.5", "2.50", "0.000001"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["class", "external", "online", "session"]),
                          st.sampled_from(["p1", "p2"]), st.sampled_from(["c1", "c2"]),
                          WRITTEN, st.integers(0, 400)), max_size=25))
def test_decimals_written_differently_sum_as_written(records):
    """Ties between 40 and 40.0 keep the first; 0.0 + 4E+1 is 40.0; sessions round once."""
    plans, attendance, external_learning, online_learning = [], [], [], []
    for i, (kind, who, course, hours, day) in enumerate(records):
        date = D(2026, 1, 1) + dt.timedelta(days=day)  # some fall in 2027
        if kind == "class":
            plans.append(plan(f"t{i}", hours=hours, start=date))
            attendance.append(attend(f"t{i}", who))
        elif kind == "external":
            external_learning.append(external(f"e{i}", who, hours, start=date))
        elif kind == "online":
            online_learning.append(OnlineLearning(person=who, course=course, date=date,
                                                  hours=Decimal(hours), title=f"第{i}次"))
        else:
            online_learning.append(session(who, course, day * 97, date=date))
    data = dataset(people=[person("p1"), person("p2")], plans=plans, attendance=attendance,
                   external_learning=external_learning, online_learning=online_learning)
    assert_as_written(data, 2026)
    assert_as_written(data, 2027)


def test_the_boundaries():
    """Exactly 100 h with one single of exactly 40 h; a course of 0 h is a single training;
    a year with no record has nobody; the title and dates of a course are its records'."""
    people = [person(f"p{i}") for i in range(4)]
    data = dataset(
        people=people, plans=[plan("t40", hours=40), plan("t60", hours="60.0")],
        attendance=[attend("t40", "p0"), attend("t60", "p0"), attend("t40", "p1")],
        external_learning=[external("e1", "p1", "40.0"), external("e2", "p1", 20)],
        online_learning=[
            OnlineLearning(person="p2", course="c1", date=D(2026, 5, 1), hours=Decimal("0"),
                           title="入门"),
            OnlineLearning(person="p2", course="c1", date=D(2026, 2, 1), hours=Decimal(0)),
            online("p2", "c2", "0.50", date=D(2026, 9, 9)),
            online("p3", "c1", 100, date=D(2025, 12, 31))])
    assert_as_written(data, 2026)
    hours = year_hours(data, 2026)
    assert hours.of("p0").total == 100 and repr(hours.of("p0").total) == "Decimal('100.0')"
    assert hours.of("p1").max_single_hours == 40 and repr(
        hours.of("p1").max_single_hours) == "Decimal('40')"  # the class, met first
    course = hours.of("p2").singles[0]
    assert (course.title, course.start, course.end, course.hours) == (
        "入门", D(2026, 2, 1), D(2026, 5, 1), 0)
    assert hours.of("p2").has_singles and hours.of("p2").max_single_hours == Decimal("0.50")
    assert "p3" not in hours.by_person and not hours.of("p3").singles
    assert year_hours(dataset(people=people), 2026).by_person == {}
    assert_as_written(dataset(people=people), 2026)
