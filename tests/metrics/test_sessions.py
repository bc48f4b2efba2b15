"""Online hours from xAPI sessions are exact (R3, SPEC section 9): each session's duration is
kept to the microsecond, a person's sessions of one course in a year are summed exactly and
rounded once, half up, to 0.01 h, and that value is the course's hours on every engine: in
memory, the columnar engine, and the SQL store on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedu.metrics import learning_archive, screen_backbone, year_hours
from casedu.quantities import hours_of_seconds
from tests.builders import D, dataset, external, online, person, session
from tests.engines import ENGINES, new_store


@pytest.fixture(params=("python", "columnar", *ENGINES))
def hours_of(request, tmp_path):
    """The year's hours of a dataset as one engine sums them."""
    kind = request.param
    if kind in ("python", "columnar"):
        yield lambda data, year: year_hours(data, year, engine=kind)
        return
    stores = []

    def summed(data, year):
        made = new_store(kind, tmp_path)
        store = made.__enter__()
        stores.append(made)
        store.replace_all(data)
        return store.year_hours(year)

    yield summed
    for made in stores:
        made.__exit__(None, None, None)


def days(count: int, start: dt.date = D(2026, 1, 1)) -> list[dt.date]:
    return [start + dt.timedelta(days=i % 365) for i in range(count)]


def test_300_sessions_of_20_minutes_are_100_hours(hours_of):
    """Rounded one by one they were 0.33 h each: 99 h, and no backbone talent."""
    data = dataset(people=[person("p1")], online_learning=[
        session("p1", "c1", 1200, date=day, statement=f"s{i}") for i, day in enumerate(days(300))])
    mine = hours_of(data, 2026).of("p1")
    assert mine.online_hours == Decimal("100.00") and mine.total == 100
    assert mine.max_single_hours == 100
    (single,) = mine.singles_over(Decimal(40))
    assert (single.key, single.hours, single.start, single.end) == ("c1", 100, D(2026, 1, 1),
                                                                    D(2026, 10, 27))


def test_60_sessions_of_40_minutes_are_exactly_40_hours_not_over_40(hours_of):
    """Rounded one by one they were 0.67 h each: 40.2 h, a single training "over 40"."""
    data = dataset(people=[person("p1")], online_learning=[
        session("p1", "c1", 2400, date=day) for day in days(60)], external_learning=[
        external("e1", "p1", 60)])
    mine = hours_of(data, 2026).of("p1")
    assert mine.online_hours == 40 and mine.total == 100
    assert mine.max_single_hours == 60
    assert [s.key for s in mine.singles_over(Decimal(40))] == ["e1"]


def test_sessions_and_records_of_one_course_and_the_years_apart(hours_of):
    """A course's records without a duration count as given; its sessions of each year are
    summed and rounded once; another year's sessions are another single training."""
    data = dataset(people=[person("p1"), person("p2")], online_learning=[
        online("p1", "c1", "1.25", date=D(2026, 3, 1)),
        session("p1", "c1", 20, date=D(2026, 3, 2)),  # 0.0055… h
        session("p1", "c1", 20, date=D(2026, 3, 3)),  # with the other: 40 s, 0.0111… h
        session("p1", "c1", 17, date=D(2025, 12, 31)),  # 2025: 0.0047… h, rounds to 0.00
        session("p1", "c2", 18, date=D(2026, 4, 1)),  # exactly half of 0.01 h: up
        session("p1", "c3", "17.999999", date=D(2026, 4, 1)),  # just below: down
        session("p2", "c1", 20, date=D(2026, 3, 2)),  # another person's: apart
    ])
    year = hours_of(data, 2026)
    assert year.of("p1").online_hours == Decimal("1.25") + Decimal("0.01") + Decimal("0.01")
    assert year.of("p1").max_single_hours == Decimal("1.26")
    assert year.of("p2").online_hours == Decimal("0.01")
    assert hours_of(data, 2025).of("p1").online_hours == 0


@settings(max_examples=60, deadline=None)
@given(total=st.integers(0, 40 * 86_400 * 10**6), cuts=st.lists(st.integers(0, 10**6), max_size=40),
       engine=st.sampled_from(["python", "columnar"]))
def test_any_split_of_the_same_time_into_sessions_gives_the_same_hours(total, cuts, engine):
    """However the same microseconds are cut into sessions (each at most 24 h), the course has
    the hours of their sum, rounded once."""
    points = sorted({0, total, *(total * c // 10**6 for c in cuts)})
    parts = [b - a for a, b in itertools.pairwise(points)]
    pieces = []
    for part in parts:  # a session is at most a day
        while part > 86_400 * 10**6:
            pieces.append(86_400 * 10**6)
            part -= 86_400 * 10**6
        pieces.append(part)
    data = dataset(people=[person("p1")], online_learning=[
        session("p1", "c1", Decimal(micro).scaleb(-6), date=day)
        for micro, day in zip(pieces, days(len(pieces)), strict=True)])
    expected = hours_of_seconds(Decimal(total).scaleb(-6))
    mine = year_hours(data, 2026, engine=engine).of("p1")
    assert mine.online_hours == expected
    assert mine.max_single_hours == (expected if pieces else 0)


def test_any_split_gives_the_same_hours_in_the_database(hours_of):
    """The same on every engine, for splits whose one-by-one rounding would be off."""
    for pieces, expected in (([1200] * 3, Decimal("1.00")), ([1] * 18, Decimal("0.01")),
                             ([7, 11], Decimal("0.01")), ([17, Decimal("0.999999")],
                                                          Decimal("0.00")),
                             ([86400, 86400, 36], Decimal("48.01"))):
        data = dataset(people=[person("p1")], online_learning=[
            session("p1", "c1", seconds, date=day)
            for seconds, day in zip(pieces, days(len(pieces)), strict=True)])
        assert hours_of(data, 2026).of("p1").online_hours == expected, pieces


def test_the_backbone_screen_and_the_archive_read_each_course_as_one_value():
    """Decisions that one-by-one rounding flipped: p1 had 99 h, p2 a course "over 40"."""
    data = dataset(people=[person("p1"), person("p2")], online_learning=[
        *(session("p1", "c1", 1200, date=day) for day in days(300)),
        *(session("p2", "c1", 2400, date=day) for day in days(60)),
        *(session("p2", "c2", 2400, date=day) for day in days(60)),
        *(session("p2", "c3", 1200, date=day) for day in days(60))])
    for engine in ("python", "columnar"):
        screen = screen_backbone(data, "IOP", 2026, hours=year_hours(data, 2026, engine=engine))
        assert [c.person.id for c in screen.eligible] == ["p1"]
        assert screen.candidate("p2").verdict.reasons == (
            "100 h, at least 100 needed", "longest single training 40 h, more than 40 needed")
    archive = learning_archive(data, "p2")
    assert archive.total(2026) == 100
    courses = {e.key: e.hours for e in archive.of_year(2026)}
    assert courses == {"c1": 40, "c2": 40, "c3": 20}
    (course,) = learning_archive(data, "p1").of_year(2026)
    assert (course.hours, course.start, course.end) == (100, D(2026, 1, 1), D(2026, 10, 27))
