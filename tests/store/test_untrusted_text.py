"""Text from a caller never reaches the database unchecked: a NUL, a text longer than a column
or a field the records do not have gives the same answer on every engine as in memory (a
refusal audited the same way, no record found, an ArgumentValueError), never the database's
own error (PostgreSQL's "cannot contain NUL", "value too long for type character varying")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from casedu.errors import (
    ArgumentValueError,
    InvalidValueError,
    LoginFailedError,
    PermissionDeniedError,
    UnknownRecordError,
)
from casedu.model import Institute, Role, RoleGrant
from casedu.quantities import BOUNDS
from casedu.services import MemoryStore, Workflow
from tests.engines import ENGINES, new_store
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset


@pytest.fixture(params=("memory", *ENGINES))
def store(request, tmp_path):
    if request.param == "memory":
        store = MemoryStore(world_dataset())
        for account in accounts():
            from casedu.services.changes import Change

            store.commit([Change(None, account)], [])
        yield store
        return
    with new_store(request.param, tmp_path) as made:
        made.replace_all(world_dataset(), accounts=accounts())
        yield made


def _create_plan(flow, actor, plan_id):
    return flow.create_plan(actor, name="n", start=dt.date(2026, 1, 1),
                            end=dt.date(2026, 1, 2), planned_participants=1,
                            hours=Decimal(1), expense=Decimal(0), plan_id=plan_id)


HOSTILE = {
    "a NUL": "P\x00bad",
    "a 1,500-character plan id": "P" * 1500,
    "terminal escapes": "P\x1b[2J\x1b]0;owned\x07\r",
}


@pytest.mark.parametrize("plan_id", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_refused_attempt_is_audited_whatever_text_it_carries(store, plan_id):
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    staff = actor_of(flow, Role.STAFF)
    before = len(store.events())
    with pytest.raises(PermissionDeniedError):
        _create_plan(flow, staff, plan_id)
    with pytest.raises(PermissionDeniedError):
        flow.grant_role(staff, "u" * 3000 + plan_id, RoleGrant(role=Role.STAFF,
                                                               institute="IOP"))
    events = store.events()[before:]
    assert [(e.action, e.outcome, e.actor) for e in events] == [
        ("create_plan", "denied", "staff1"), ("grant_role", "denied", "staff1")]
    for event in events:  # cut to what every engine holds, every character visible
        assert len(event.record) <= BOUNDS.line_length
        assert len(event.reason) <= BOUNDS.text_length
        assert not any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in
                       event.record + event.reason)
    assert events[0].record.startswith("plan P")
    assert events[1].record.startswith("account uuu")
    if "\x00" in plan_id:
        assert "P\\x00bad" in events[0].record


def test_the_audit_of_a_refusal_is_the_same_on_every_engine(store):
    """The texts as the memory store keeps them: a reference every engine is compared to."""
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    staff = actor_of(flow, Role.STAFF)
    for plan_id in HOSTILE.values():
        with pytest.raises(PermissionDeniedError):
            _create_plan(flow, staff, plan_id)
    memory = MemoryStore(world_dataset())
    from casedu.services.changes import Change

    for account in accounts():
        memory.commit([Change(None, account)], [])
    reference = Workflow(memory, clock=lambda: NOW, hasher=HASHER)
    for plan_id in HOSTILE.values():
        with pytest.raises(PermissionDeniedError):
            _create_plan(reference, actor_of(reference, Role.STAFF), plan_id)
    assert [(e.record, e.reason) for e in store.events()] == [
        (e.record, e.reason) for e in memory.events()]


@pytest.mark.parametrize("text", ["IOP\x00", "s1\x00", "\x00", "E1\x00x"])
def test_a_nul_finds_nothing_and_fails_a_login(store, text):
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    with pytest.raises(LoginFailedError):
        flow.login(text, "correct-horse-9")
    assert store.get("people", (text,)) is None
    assert store.get("accounts", (text,)) is None
    assert store.get("attendance", ("P1", text)) is None
    assert store.find("people", institute=text) == []
    assert store.find("external_learning", person=text) == []
    assert store.find("online_learning", institute=text) == []
    assert store.ids("plans", text) == []
    assert store.pending_external(text) == ([], 0)
    assert store.pending_external("IOP", department=text) == ([], 0)
    assert store.audit_page(text) == ([], 0)
    assert store.audit_page("IOP", actor=text, record=text) == ([], 0)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    with pytest.raises(UnknownRecordError):
        flow.approve_external(admin, text)
    with pytest.raises(UnknownRecordError):
        flow.view_plan(admin, text)


def test_a_text_longer_than_any_column_finds_nothing(store):
    long = "s" * 3000
    assert store.get("people", (long,)) is None
    assert store.find("people", name=long) == []
    assert store.find("people", institute=long) == []


def test_find_refuses_a_field_the_records_do_not_have(store):
    for section, field in (("people", "row_id"), ("plans", "row_id"),
                           ("external_learning", "row_id"), ("accounts", "row_id"),
                           ("people", "salary")):
        with pytest.raises(ArgumentValueError, match=f"{section} have no field '{field}'"):
            store.find(section, **{field: 1})


def test_an_institute_code_is_bounded_as_every_id(store):
    """An institute code holds at most 255 characters, as every id and as every engine's
    column: 300 letters are refused by the model, before any database sees them."""
    longest = Institute(code="A" * BOUNDS.identifier_length, name="最长的代码")
    with pytest.raises(InvalidValueError, match=r"code: has 300 characters; an id has at "
                                                r"most 255"):
        Institute(code="A" * 300, name="x")
    from casedu.services.changes import Change

    store.commit([Change(None, longest)], [])
    assert store.find("institutes", code=longest.code) == [longest]
    assert store.get("institutes", (longest.code,)) == longest
