import datetime as dt
from decimal import Decimal

import pytest

from casedu.errors import InvalidValueError
from casedu.model import (
    Account,
    AnnualSummary,
    BackboneReport,
    ExternalStatus,
    Implementation,
    Institute,
    Role,
    RoleGrant,
)
from tests.builders import D, external, person, plan


@pytest.mark.parametrize("bad", ["", "  ", " p1", "p1 "])
def test_ids_must_be_real(bad):
    with pytest.raises(InvalidValueError) as info:
        person(bad)
    assert info.value.field == "id"


@pytest.mark.parametrize("code", ["IOP", "iop", "A1", "CAS_IOP"])
def test_institute_codes(code):
    assert Institute(code=code, name="x").code == code


@pytest.mark.parametrize("code", ["", "1OP", "I OP", "IOP-1", "物理所"])
def test_institute_codes_refused(code):
    with pytest.raises(InvalidValueError):
        Institute(code=code, name="x")


def test_new_hire_boundaries():
    assert person("a", hire_date=D(2026, 1, 1)).is_new_hire(2026)
    assert person("a", hire_date=D(2026, 12, 31)).is_new_hire(2026)
    assert not person("a", hire_date=D(2025, 12, 31)).is_new_hire(2026)
    assert not person("a", hire_date=None).is_new_hire(2026)


def test_plan_end_before_start_is_refused():
    with pytest.raises(InvalidValueError) as info:
        plan("tp", start=D(2026, 3, 2), end=D(2026, 3, 1))
    assert info.value.field == "end"


def test_plan_same_day_is_fine():
    assert plan("tp", start=D(2026, 3, 2), end=D(2026, 3, 2)).end == D(2026, 3, 2)


def test_implementation_dates_are_checked_against_the_plan():
    with pytest.raises(InvalidValueError) as info:
        plan("tp", start=D(2026, 3, 2), end=D(2026, 3, 6),
             implementation=Implementation(attendees=1, staff=0, start=D(2026, 3, 10)))
    assert info.value.field == "implementation.end"


def test_effectiveness_needs_an_implementation():
    base = plan("tp")
    with pytest.raises(InvalidValueError, match="implemented"):
        type(base)(**{**_fields(base), "effectiveness": "好"})


def _fields(obj):
    import attrs

    return {a.name: getattr(obj, a.name) for a in attrs.fields(type(obj))}


def test_figures_take_the_implementation_where_it_sets_them():
    p = plan("tp", hours=32, start=D(2026, 3, 2), end=D(2026, 3, 6),
             implementation=Implementation(attendees=38, staff=4, end=D(2026, 3, 7),
                                           expense=Decimal("11800.00")))
    f = p.figures
    assert (f.start, f.end, f.hours, f.expense) == (D(2026, 3, 2), D(2026, 3, 7), 32,
                                                    Decimal("11800.00"))
    assert (f.attendees, f.staff, f.implemented) == (38, 4, True)
    assert p.actual_end == D(2026, 3, 7)


def test_figures_of_a_plan_not_implemented_have_no_people():
    f = plan("tp", participants=40).figures
    assert (f.attendees, f.staff, f.implemented) == (0, 0, False)


@pytest.mark.parametrize("hours", ["-1", "-0.5"])
def test_negative_hours_refused(hours):
    with pytest.raises(InvalidValueError) as info:
        external("e", "p", hours)
    assert info.value.field == "hours"


def test_external_pending_is_not_approved():
    assert not external("e", "p", 3, status=ExternalStatus.PENDING).approved
    assert external("e", "p", 3).approved


@pytest.mark.parametrize("year", [0, 1899, 10000, True])
def test_years_are_checked(year):
    with pytest.raises(InvalidValueError):
        BackboneReport(institute="IOP", year=year, person="p")


def test_summary_money_is_checked():
    with pytest.raises(InvalidValueError):
        AnnualSummary(institute="IOP", year=2026, total_investment=Decimal("-1"))
    with pytest.raises(InvalidValueError):
        AnnualSummary(institute="IOP", year=2026, total_investment=Decimal("1.001"))


def test_accounts_hold_roles():
    with pytest.raises(InvalidValueError):
        Account(username="IOP", institute="IOP", grants=(), password_hash="x")
    with pytest.raises(InvalidValueError):
        RoleGrant(role=Role.DEPARTMENT_ADMIN, institute="IOP")
    account = Account(username="IOP", institute="IOP", password_hash="x",
                      grants=[RoleGrant(role=Role.INSTITUTE_ADMIN, institute="IOP")])
    assert account.grant(Role.INSTITUTE_ADMIN) is not None
    assert account.grant(Role.STAFF) is None
    assert "x" not in repr(account)


def test_dates_are_dates():
    assert isinstance(plan("tp").start, dt.date)


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "published"), ("kind", "project"), ("premium", 1), ("start", "2026-03-02"),
     ("start", dt.datetime(2026, 3, 2, 8, 0))],
)
def test_plan_values_must_have_their_types(field, value):
    good = plan("tp")
    with pytest.raises(InvalidValueError) as info:
        type(good)(**{**_fields(good), field: value})
    assert info.value.field == field


def test_people_flags_are_booleans():
    with pytest.raises(InvalidValueError, match="True or False"):
        person("p", in_service=1)
    with pytest.raises(InvalidValueError, match="must be a date"):
        person("p", hire_date="2015-07-01")
