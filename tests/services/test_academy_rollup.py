"""The academy's roll-up and check through the library: from a dataset or any store, the same;
for the academy admin alone through the workflow (the matrix: test_permissions)."""

import pytest

from casedu.errors import PermissionDeniedError
from casedu.metrics import academy_rollup as of_dataset
from casedu.metrics import check_academy as check_of_dataset
from casedu.model import Role
from casedu.services import academy_rollup, check_academy
from tests.engines import ENGINES, new_store
from tests.services.world import actor_of, new_flow, world_dataset


def test_the_academy_admin_rolls_up_every_institute():
    flow, store = new_flow()
    flow.submit_summary(actor_of(flow, Role.INSTITUTE_ADMIN), 2025)
    rollup = flow.academy_rollup(actor_of(flow, Role.ACADEMY_ADMIN), 2025)
    assert [(r.institute, r.status.value) for r in rollup.rows] == [
        ("IOP", "submitted"), ("IOA", "missing"), ("CAS", "missing")]
    iop = store.get("summaries", ("IOP", 2025))
    assert (rollup.rows[0].plans_count, rollup.rows[0].implemented_count) == (
        iop.figures["plans_count"], iop.figures["implemented_count"])
    findings = flow.check_academy(actor_of(flow, Role.ACADEMY_ADMIN), 2025)
    assert [(f.institute, f.code) for f in findings] == [("IOA", "not-created"),
                                                         ("CAS", "not-created")]


@pytest.mark.parametrize("role", [Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN,
                                  Role.CLASS_ADMIN, Role.STAFF])
def test_no_other_role_sees_the_academy(role):
    flow, store = new_flow()
    before = store.events()
    with pytest.raises(PermissionDeniedError, match="view_academy"):
        flow.academy_rollup(actor_of(flow, role), 2026)
    with pytest.raises(PermissionDeniedError, match="view_academy"):
        flow.check_academy(actor_of(flow, role), 2026)
    assert [e.outcome for e in store.events()[len(before):]] == ["denied"] * 2


def test_a_submitted_summary_whose_data_changed_is_found():
    flow, store = new_flow()
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    flow.submit_summary(admin, 2025)
    flow.create_summary(admin, 2026)
    flow.edit_summary(admin, 2026, total_investment="10.00")
    flow.submit_summary(admin, 2026)
    flow.approve_external(admin, "E1")  # s1's hours of 2026 change after the submission
    findings = check_academy(store, 2026)
    (outdated,) = [f for f in findings if f.institute == "IOP"]
    assert outdated.code == "submitted-summary-outdated" and "total_hours" in outdated.message


@pytest.mark.parametrize("kind", ENGINES)
def test_a_sql_store_gives_what_the_dataset_gives(kind, tmp_path):
    data = world_dataset()
    with new_store(kind, tmp_path) as store:
        store.replace_all(data)
        assert academy_rollup(store, 2026) == of_dataset(data, 2026)
        assert academy_rollup(store, 2026, below="0.9") == of_dataset(data, 2026, below="0.9")
        assert check_academy(store, 2026) == check_of_dataset(data, 2026)


def test_the_library_takes_nothing_else():
    from casedu.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError, match="source"):
        academy_rollup("academy.casedu", 2026)
