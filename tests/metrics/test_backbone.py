"""R4 at its boundaries, the reasons, and the near misses."""

from decimal import Decimal

import pytest

from casedu.metrics import screen_backbone
from casedu.model import BackboneReport
from casedu.policy import Policy
from tests.builders import attend, dataset, external, online, person, plan


def screen_one(single: str, rest: str, *, in_service: bool = True, policy=None):
    """A person with one single training of ``single`` hours and ``rest`` hours of small ones."""
    data = dataset(
        people=[person("p1", in_service=in_service)],
        plans=[plan("tp1", hours=single)],
        attendance=[attend("tp1", "p1")],
        online_learning=[online("p1", f"c{i}", "10") for i in range(int(Decimal(rest)) // 10)]
        + ([online("p1", "cx", str(Decimal(rest) % 10))] if Decimal(rest) % 10 else []),
    )
    kwargs = {"policy": policy} if policy else {}
    return screen_backbone(data, "IOP", 2026, **kwargs).candidate("p1")


@pytest.mark.parametrize(
    ("single", "rest", "eligible"),
    [
        ("40.5", "59.5", True),   # total exactly 100, single over 40
        ("40", "60", False),      # single exactly 40 does not qualify
        ("40.01", "59.99", True),
        ("41", "58.9", False),    # 99.9 h
        ("100", "0", True),       # one training gives everything
        ("120", "0", True),
        ("39.99", "80", False),
    ],
)
def test_r4_boundaries(single, rest, eligible):
    candidate = screen_one(single, rest)
    assert candidate is not None
    assert candidate.eligible is eligible
    assert candidate.verdict.total_hours == Decimal(single) + Decimal(rest)


def test_not_in_service_is_never_eligible():
    candidate = screen_one("60", "60", in_service=False)
    assert not candidate.eligible
    assert candidate.verdict.reasons[0].startswith("not in service")


def test_reasons_say_the_numbers():
    candidate = screen_one("38", "58.5")
    assert candidate.verdict.reasons == (
        "96.5 h of 100 needed",
        "longest single training 38 h, more than 40 needed",
    )


def test_reasons_of_someone_with_nothing():
    data = dataset(people=[person("p1")])
    candidate = screen_backbone(data, "IOP", 2026).candidate("p1")
    assert candidate.verdict.reasons == (
        "0 h of 100 needed", "no single training, one of more than 40 h needed")


def test_long_singles_are_those_over_the_threshold():
    data = dataset(people=[person("p1")],
                   external_learning=[external("e1", "p1", 40), external("e2", "p1", "40.5"),
                                      external("e3", "p1", 60)])
    candidate = screen_backbone(data, "IOP", 2026).candidate("p1")
    assert [s.key for s in candidate.verdict.long_singles] == ["e3", "e2"]


def test_policy_changes_the_thresholds():
    policy = Policy(backbone_total_hours=Decimal(80), backbone_single_hours=Decimal(30))
    assert screen_one("31", "49", policy=policy).eligible
    assert not screen_one("30", "50", policy=policy).eligible


def test_screen_lists_the_eligible_near_misses_and_stale_reports():
    data = dataset(
        people=[person("a"), person("b"), person("c"), person("d"), person("e", in_service=False)],
        external_learning=[
            external("e1", "a", 101),                        # eligible
            external("e2", "b", 45), external("e3", "b", 46),  # 91 h: near miss by total
            external("e4", "c", 40), external("e5", "c", 40), external("e6", "c", 30),  # 110 h,
            # no single over 40: near miss by single
            external("e7", "d", 50),                         # far off
            external("e8", "e", 120),                        # not in service
        ],
        backbone_reports=[BackboneReport(institute="IOP", year=2026, person="a"),
                          BackboneReport(institute="IOP", year=2026, person="d")],
    )
    screen = screen_backbone(data, "IOP", 2026)
    assert [c.person.id for c in screen.eligible] == ["a"]
    assert [c.person.id for c in screen.near_misses] == ["b", "c"]
    assert [c.person.id for c in screen.reported_ineligible] == ["d"]
    assert screen.reported_count == 2
    assert screen.eligible[0].reported


def test_reports_of_another_year_do_not_count():
    data = dataset(people=[person("a")], external_learning=[external("e1", "a", 101)],
                   backbone_reports=[BackboneReport(institute="IOP", year=2025, person="a")])
    screen = screen_backbone(data, "IOP", 2026)
    assert not screen.eligible[0].reported
    assert screen.reported_count == 0


def test_people_of_other_institutes_are_not_screened():
    from tests.builders import institute

    data = dataset(institutes=[institute("IOP"), institute("IOA")],
                   people=[person("a", institute="IOA")],
                   external_learning=[external("e1", "a", 101)])
    assert screen_backbone(data, "IOP", 2026).eligible == ()
    assert screen_backbone(data, "IOA", 2026).candidate("a").eligible
