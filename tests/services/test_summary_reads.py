"""The annual summaries as the pages read them: the institute's list and one year's, for its
admin alone, the same on every store."""

from __future__ import annotations

import pytest

from casedu.errors import PermissionDeniedError, UnknownRecordError
from casedu.model import Role
from tests.services.world import actor_of, new_flow


@pytest.mark.usefixtures("store_kind")
def test_the_institutes_summaries_latest_first_and_one_by_year():
    flow, _ = new_flow()
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    assert [s.year for s in flow.list_summaries(admin)] == [2025]
    flow.create_summary(admin, 2026)
    assert [s.year for s in flow.list_summaries(admin)] == [2026, 2025]
    assert flow.view_summary(admin, 2026).figures is not None
    assert str(flow.view_summary(admin, 2025).total_investment) == "1000.00"
    with pytest.raises(UnknownRecordError, match="no summary of 1999"):
        flow.view_summary(admin, 1999)
    other = flow.store.get("accounts", ("IOA",))
    from casedu.services import Actor

    assert flow.list_summaries(Actor(other, Role.INSTITUTE_ADMIN)) == []


@pytest.mark.parametrize("role", [Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN, Role.STAFF])
def test_only_the_institute_admin_reads_them_and_a_refusal_is_audited(role):
    flow, store = new_flow()
    actor = actor_of(flow, role)
    with pytest.raises(PermissionDeniedError, match="view_reports"):
        flow.list_summaries(actor)
    with pytest.raises(PermissionDeniedError, match="view_reports"):
        flow.view_summary(actor, 2025)
    assert [e.outcome for e in store.events()[-2:]] == ["denied", "denied"]


def test_a_year_that_is_not_a_number_is_refused_by_name():
    flow, _ = new_flow()
    with pytest.raises(TypeError, match="year"):
        flow.view_summary(actor_of(flow, Role.INSTITUTE_ADMIN), "2025")


@pytest.mark.usefixtures("store_kind")
def test_the_check_is_the_librarys_as_of_today_in_the_institutes_time_zone():
    import datetime as dt

    from casedu.metrics import check_year
    from tests.services.world import world_dataset

    flow, _ = new_flow()
    found = flow.check(actor_of(flow, Role.INSTITUTE_ADMIN), 2026)
    assert found == check_year(world_dataset(), "IOP", 2026, today=dt.date(2026, 12, 20))
    assert {f.code for f in found} >= {"plan-not-implemented", "no-investment"}
    with pytest.raises(PermissionDeniedError, match="view_reports"):
        flow.check(actor_of(flow, Role.DEPARTMENT_ADMIN), 2026)
