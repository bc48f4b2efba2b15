"""R1-R3 at their boundaries."""

from decimal import Decimal

import pytest

from casedu.metrics import Source, year_hours
from casedu.model import ExternalStatus, Implementation
from casedu.policy import Policy, YearBasis
from tests.builders import D, attend, dataset, external, institute, online, person, plan


def total(data, year=2026, pid="p1", policy=None):
    return year_hours(data, year, **({"policy": policy} if policy else {})).of(pid).total


def test_nobody_has_hours_in_an_empty_dataset():
    data = dataset(people=[person("p1")])
    assert total(data) == 0
    assert year_hours(data, 2026).of("p1").singles == ()
    assert year_hours(data, 2026).of("p1").max_single_hours == 0


def test_confirmed_attendance_credits_the_class_hours():
    data = dataset(people=[person("p1")], plans=[plan("tp1", hours="32.5")],
                   attendance=[attend("tp1", "p1")])
    assert total(data) == Decimal("32.5")


def test_added_but_unconfirmed_attendance_gives_nothing():
    data = dataset(people=[person("p1")], plans=[plan("tp1", hours=32)],
                   attendance=[attend("tp1", "p1", confirmed=False)])
    assert total(data) == 0


def test_implementation_hours_win_over_the_plan():
    impl = Implementation(attendees=10, staff=1, hours=Decimal(45))
    data = dataset(people=[person("p1")], plans=[plan("tp1", hours=32, implementation=impl)],
                   attendance=[attend("tp1", "p1")])
    assert total(data) == 45


def test_implementation_without_hours_keeps_the_plan_hours():
    impl = Implementation(attendees=10, staff=1)
    data = dataset(people=[person("p1")], plans=[plan("tp1", hours=32, implementation=impl)],
                   attendance=[attend("tp1", "p1")])
    assert total(data) == 32


@pytest.mark.parametrize(
    ("status", "credited"),
    [(ExternalStatus.APPROVED, 24), (ExternalStatus.PENDING, 0), (ExternalStatus.REJECTED, 0)],
)
def test_only_approved_external_learning_counts(status, credited):
    data = dataset(people=[person("p1")], external_learning=[external("e1", "p1", 24,
                                                                      status=status)])
    assert total(data) == credited


def test_online_records_of_one_course_are_one_single_training():
    data = dataset(people=[person("p1")], online_learning=[
        online("p1", "c1", "20", date=D(2026, 2, 1)),
        online("p1", "c1", "20.5", date=D(2026, 9, 1)),
        online("p1", "c2", "3"),
    ])
    mine = year_hours(data, 2026).of("p1")
    assert mine.online_hours == Decimal("43.5")
    singles = {s.key: s for s in mine.singles}
    assert singles["c1"].hours == Decimal("40.5")
    assert (singles["c1"].start, singles["c1"].end) == (D(2026, 2, 1), D(2026, 9, 1))
    assert mine.max_single_hours == Decimal("40.5")


def test_online_records_of_one_course_in_two_years_are_two_singles():
    data = dataset(people=[person("p1")], online_learning=[
        online("p1", "c1", "24", date=D(2025, 12, 30)),
        online("p1", "c1", "6", date=D(2025, 12, 31)),
        online("p1", "c1", "24", date=D(2026, 1, 1)),
        online("p1", "c1", "6", date=D(2026, 1, 2)),
    ])
    assert year_hours(data, 2026).of("p1").max_single_hours == 30
    assert year_hours(data, 2025).of("p1").max_single_hours == 30


def test_records_across_the_year_boundary_count_by_start_date():
    data = dataset(
        people=[person("p1")],
        plans=[plan("tp1", hours=10, start=D(2025, 12, 29), end=D(2026, 1, 2))],
        attendance=[attend("tp1", "p1")],
        external_learning=[external("e1", "p1", 5, start=D(2025, 12, 31), end=D(2026, 1, 1))],
    )
    assert total(data, 2025) == 15
    assert total(data, 2026) == 0


def test_policy_may_count_by_end_date():
    data = dataset(
        people=[person("p1")],
        plans=[plan("tp1", hours=10, start=D(2025, 12, 29), end=D(2026, 1, 2))],
        attendance=[attend("tp1", "p1")],
        external_learning=[external("e1", "p1", 5, start=D(2025, 12, 31), end=D(2026, 1, 1))],
    )
    by_end = Policy(year_basis=YearBasis.END)
    assert total(data, 2026, policy=by_end) == 15
    assert total(data, 2025, policy=by_end) == 0


def test_a_plan_implemented_in_another_year_counts_in_its_actual_year():
    impl = Implementation(attendees=3, staff=1, start=D(2027, 1, 10), end=D(2027, 1, 12))
    data = dataset(
        people=[person("p1")],
        plans=[plan("tp1", hours=8, start=D(2026, 12, 20), end=D(2026, 12, 22),
                    implementation=impl)],
        attendance=[attend("tp1", "p1")],
    )
    assert total(data, 2026) == 0
    assert total(data, 2027) == 8


def test_classes_of_other_institutes_count_for_the_person():
    data = dataset(
        institutes=[institute("IOP"), institute("IOA")],
        people=[person("p1", institute="IOP")],
        plans=[plan("tp1", hours=12, institute="IOA")],
        attendance=[attend("tp1", "p1")],
    )
    assert total(data) == 12


def test_sources_and_singles_are_kept_apart():
    data = dataset(people=[person("p1")], plans=[plan("tp1", hours=32)],
                   attendance=[attend("tp1", "p1")],
                   external_learning=[external("e1", "p1", 24)],
                   online_learning=[online("p1", "c1", "2.5")])
    mine = year_hours(data, 2026).of("p1")
    assert (mine.class_hours, mine.external_hours, mine.online_hours) == (32, 24, Decimal("2.5"))
    assert {s.source for s in mine.singles} == {Source.CLASS, Source.EXTERNAL, Source.ONLINE}
    assert len(mine.singles) == 3
    assert mine.singles_over(Decimal(24)) == tuple(
        s for s in mine.singles if s.source is Source.CLASS)


def test_hours_are_exact_decimals():
    data = dataset(people=[person("p1")], online_learning=[
        online("p1", f"c{i}", "0.1") for i in range(3)])
    assert total(data) == Decimal("0.3")
