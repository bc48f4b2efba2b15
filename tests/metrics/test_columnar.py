"""The columnar engine (numpy) gives every figure the Python engine gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedu.errors import CaseduError, InvalidValueError
from casedu.metrics import annual_figures, screen_backbone, year_hours
from casedu.metrics.columnar import YearColumns
from casedu.model import OnlineLearning
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.sample import sample_dataset
from tests.builders import D, attend, dataset, external, online, person, plan
from tests.strategies import datasets

POLICIES = st.sampled_from([
    DEFAULT_POLICY, Policy(year_basis=YearBasis.END),
    Policy(backbone_single_hours=Decimal("2.5"), backbone_total_hours=Decimal("3"))])


def _singles(year_of, threshold):
    return [(s.source, s.key, s.title, s.start, s.end, s.hours)
            for s in year_of.singles_over(threshold)]


def assert_same_figures(data, year, policy):
    python = year_hours(data, year, policy=policy)
    columnar = year_hours(data, year, policy=policy, engine="columnar")
    assert set(columnar.by_person) == set(python.by_person)
    for someone in data.people:
        mine, theirs = columnar.of(someone.id), python.of(someone.id)
        assert (mine.class_hours, mine.external_hours, mine.online_hours, mine.total) == (
            theirs.class_hours, theirs.external_hours, theirs.online_hours, theirs.total)
        assert mine.max_single_hours == theirs.max_single_hours
        assert mine.has_singles == theirs.has_singles
        threshold = policy.backbone_single_hours
        assert _singles(mine, threshold) == _singles(theirs, threshold)
    for institute in data.institutes:
        code = institute.code
        ours = annual_figures(data, code, year, policy=policy, hours=columnar)
        reference = annual_figures(data, code, year, policy=policy, hours=python)
        assert ours.to_json() == reference.to_json()
        screens = [screen_backbone(data, code, year, policy=policy, hours=h)
                   for h in (columnar, python)]
        for attribute in ("eligible", "near_misses", "reported_ineligible"):
            mine, theirs = (getattr(s, attribute) for s in screens)
            assert [(c.person.id, c.verdict.reasons, c.verdict.long_singles) for c in mine] == [
                (c.person.id, c.verdict.reasons, c.verdict.long_singles) for c in theirs]
        for someone in data.people_by_institute.get(code, ()):
            assert screens[0].candidate(someone.id).verdict.reasons == \
                screens[1].candidate(someone.id).verdict.reasons


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasets(), year=st.sampled_from([2025, 2026, 2027]), policy=POLICIES)
def test_the_engines_agree_on_every_figure_of_every_institute(data, year, policy):
    assert_same_figures(data, year, policy)


def test_the_sample_year_agrees():
    assert_same_figures(sample_dataset(), 2026, DEFAULT_POLICY)


def test_boundaries_and_six_places():
    """Exactly 40 h is no long single training, 40.000001 is; exactly 100 h completes; hours
    to the sixth place are summed exactly; a course's title is its first record's."""
    people = [person(f"p{i}") for i in range(6)]
    data = dataset(
        people=people,
        plans=[plan("t40", hours=40), plan("t41", hours="40.000001"), plan("t60", hours=60)],
        attendance=[attend("t40", "p0"), attend("t60", "p0"), attend("t41", "p1"),
                    attend("t60", "p1")],
        external_learning=[external("e1", "p2", "99.999999"), external("e2", "p2", "0.000001")],
        online_learning=[
            OnlineLearning(person="p3", course="c1", date=D(2026, 3, 1), hours=Decimal(20),
                           title="第一次"),
            OnlineLearning(person="p3", course="c1", date=D(2026, 1, 5), hours=Decimal("20.5"),
                           title="第二次"),
            OnlineLearning(person="p3", course="c2", date=D(2026, 2, 1), hours=Decimal(0)),
            online("p4", "c1", "0"),  # a single training of 0 hours
            online("p4", "c2", "16"), online("p4", "c2", "24"),  # exactly 40: not long
            OnlineLearning(person="p5", course="c1", date=D(2025, 12, 31), hours=Decimal(9)),
        ])
    assert_same_figures(data, 2026, DEFAULT_POLICY)
    hours = year_hours(data, 2026, engine="columnar")
    assert hours.of("p0").total == 100 and hours.of("p0").max_single_hours == 60
    assert hours.of("p1").total == Decimal("100.000001")
    assert [s.key for s in hours.of("p1").singles_over(Decimal(40))] == ["t60", "t41"]
    assert hours.of("p2").total == 100
    course = hours.of("p3").singles_over(Decimal(40))[0]
    assert (course.title, course.start, course.end, course.hours) == (
        "第一次", D(2026, 1, 5), D(2026, 3, 1), Decimal("40.5"))
    assert hours.of("p4").max_single_hours == 40 and not hours.of("p4").singles_over(
        Decimal(40))
    assert "p5" not in hours.by_person and not hours.of("p5").has_singles
    zero = year_hours(dataset(people=people, online_learning=[online("p4", "c1", "0")]),
                      2026, engine="columnar").of("p4")
    assert zero.has_singles and zero.max_single_hours == 0


def test_an_empty_year_has_nobody():
    data = dataset(people=[person("p1")])
    columns = YearColumns.of(data, 2026)
    assert len(columns.online_person) == 0
    assert year_hours(data, 2026, engine="columnar").by_person == {}
    assert_same_figures(data, 2026, DEFAULT_POLICY)


def test_an_unknown_engine_is_refused():
    with pytest.raises(InvalidValueError, match="no engine 'pandas'"):
        year_hours(sample_dataset(), 2026, engine="pandas")


def test_without_numpy_it_says_what_to_install(monkeypatch):
    import casedu.metrics.columnar as columnar

    monkeypatch.setattr(columnar, "np", None)
    with pytest.raises(CaseduError, match=r"casedu\[fast\]"):
        year_hours(sample_dataset(), 2026, engine="columnar")


def test_the_longest_year_of_records_stays_exact():
    """The largest hours a record may hold, many times over, summed without rounding."""
    people = [person("p1")]
    records = [OnlineLearning(person="p1", course=f"c{i % 7}", date=dt.date(2026, 1, 1)
                              + dt.timedelta(days=i % 365), hours=Decimal("23.999999"))
               for i in range(20_000)]
    data = dataset(people=people, online_learning=records)
    assert year_hours(data, 2026, engine="columnar").of("p1").total == \
        Decimal("23.999999") * 20_000
