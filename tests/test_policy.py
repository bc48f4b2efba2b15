import datetime as dt
from decimal import Decimal

import attrs
import pytest

from casedu.policy import DEFAULT_POLICY, Policy, YearBasis


def test_defaults_are_the_manual_numbers():
    assert DEFAULT_POLICY.required_hours == 100
    assert DEFAULT_POLICY.backbone_total_hours == 100
    assert DEFAULT_POLICY.backbone_single_hours == 40
    assert DEFAULT_POLICY.backbone_quota == Decimal("0.04")
    assert DEFAULT_POLICY.year_basis is YearBasis.START
    assert DEFAULT_POLICY.percent_places == 2
    assert DEFAULT_POLICY.fraction_places == 4


def test_policy_is_frozen():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_POLICY.required_hours = Decimal(80)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("basis", "expected"), [(YearBasis.START, 2025), (YearBasis.END, 2026)]
)
def test_year_of_follows_the_basis(basis, expected):
    policy = Policy(year_basis=basis)
    assert policy.year_of(dt.date(2025, 12, 30), dt.date(2026, 1, 3)) == expected


@pytest.mark.parametrize(
    "kwargs",
    [{"required_hours": Decimal(-1)}, {"backbone_quota": Decimal(0)},
     {"backbone_quota": Decimal("1.5")}, {"percent_places": -1}],
)
def test_nonsense_policies_are_refused(kwargs):
    with pytest.raises(ValueError):
        Policy(**kwargs)
