"""The academy admin (院级管理员): granted by the system alone, reads every institute, changes
nothing of theirs (the role × scope matrix is in test_permissions)."""

import pytest

from casedu import parse_dataset
from casedu.errors import (
    DatasetError,
    InvalidValueError,
    PermissionDeniedError,
    UnknownRecordError,
    WorkflowError,
)
from casedu.model import Role, RoleGrant
from tests.services.world import actor_of, new_flow

ACADEMY = Role.ACADEMY_ADMIN


def test_a_new_account_gets_the_role_and_a_random_password_to_change():
    flow, store = new_flow()
    account, password = flow.grant_academy("office", institute="IOA")
    _, other = new_flow()[0].grant_academy("office", institute="IOA")
    assert password and other and password != other and len(password) >= 16
    assert account.must_change_password and account.institute == "IOA"
    assert [(g.role, g.institute) for g in account.grants] == [(ACADEMY, "IOA")]
    actor = flow.login("office", password)
    assert actor.role is ACADEMY
    (event,) = [e for e in store.events() if e.action == "grant_academy"]
    assert (event.actor, event.role, event.record, event.outcome) == (
        "system", None, "accounts:office", "done")


def test_an_existing_account_keeps_its_password_and_its_roles():
    flow, store = new_flow()
    before = store.get("accounts", ("dept1",))
    account, password = flow.grant_academy("dept1")
    assert password is None and account.password_hash == before.password_hash
    assert [g.role for g in account.grants] == [Role.DEPARTMENT_ADMIN, ACADEMY]
    assert flow.grant_academy("dept1")[0] == account  # granted twice: the same
    revoked, _ = flow.grant_academy("dept1", revoke=True)
    assert revoked.grants == before.grants


def test_what_the_grant_refuses():
    flow, store = new_flow()
    before = store.state()
    with pytest.raises(InvalidValueError, match="--institute"):
        flow.grant_academy("newcomer")
    with pytest.raises(UnknownRecordError, match="no institute 'XYZ'"):
        flow.grant_academy("newcomer", institute="XYZ")
    with pytest.raises(UnknownRecordError, match="no account"):
        flow.grant_academy("newcomer", revoke=True)
    with pytest.raises(WorkflowError, match="at least one role"):
        flow.grant_academy("cas", revoke=True)
    assert store.state() == before


def test_no_institute_admin_gives_the_role_and_the_attempt_is_audited():
    flow, store = new_flow()
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    before = store.state()
    with pytest.raises(PermissionDeniedError, match=r"grant_academy.*casedu grant"):
        flow.grant_role(admin, "staff1", RoleGrant(role=ACADEMY, institute="IOP"))
    assert store.state() == before
    assert store.events()[-1].outcome == "denied"


def test_no_dataset_file_holds_an_account_or_a_role():
    text = ('{"format": "casedu.dataset", "version": 1, "institutes": [], "accounts": '
            '[{"username": "x", "grants": [{"role": "academy_admin"}]}]}')
    with pytest.raises(DatasetError, match="accounts"):
        parse_dataset(text)


def test_the_academy_admin_reads_another_institutes_records():
    flow, _ = new_flow()
    academy = actor_of(flow, ACADEMY)
    assert flow.view_plan(academy, "PX").institute == "IOA"
    assert flow.archive(academy, "x1").person.id == "x1"
    with pytest.raises(PermissionDeniedError, match="academy admin"):
        flow.implement_plan(academy, "PX", attendees=1, staff=1)
