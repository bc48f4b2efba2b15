"""Sessions on every store: opened by a login, ended by logout, timeouts, a password change, a
locked account or a role taken away; the store keeps only the token's hash."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import attrs
import pytest

from casedu.errors import LoginFailedError, PermissionDeniedError, SessionEndedError, WorkspaceError
from casedu.model import Role, RoleGrant
from casedu.services import Workflow
from casedu.services.changes import Change
from casedu.services.sessions import SessionLimits, session_key
from tests.services.world import HASHER, NOW, PASSWORD, new_flow

IDLE, ABSOLUTE = dt.timedelta(minutes=30), dt.timedelta(hours=12)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def world(store_kind):
    _flow, store = new_flow()
    clock = Clock()
    return Workflow(store, clock=clock, hasher=HASHER), store, clock


def test_a_login_opens_a_session_that_the_store_keeps_by_the_tokens_hash_only(world):
    flow, store, _ = world
    opened = flow.start_session("dept1", PASSWORD)
    assert opened.token is not None and len(opened.token) >= 43  # 256 bits, base64
    assert opened.actor.username == "dept1" and opened.actor.role is Role.DEPARTMENT_ADMIN
    kept = store.session(session_key(opened.token))
    assert kept == opened.session and kept.key != opened.token
    assert store.session(opened.token) is None
    again = flow.resume_session(opened.token)
    assert again.token is None and again.actor == opened.actor
    other = flow.start_session("dept1", PASSWORD)
    assert other.token != opened.token and other.session.csrf != opened.session.csrf
    if hasattr(store, "engine"):
        import sqlalchemy as sa

        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(store.tables["sessions"])).all()
        assert not any(opened.token in str(value) for row in rows for value in row)


def test_a_failed_login_opens_no_session(world):
    flow, _store, _ = world
    with pytest.raises(LoginFailedError):
        flow.start_session("dept1", "wrong-password")
    with pytest.raises(SessionEndedError, match="no such session"):
        flow.resume_session("made-up-token")


@pytest.mark.parametrize(("after", "ends"), [
    (IDLE - dt.timedelta(microseconds=1), False), (IDLE, True)])
def test_a_session_times_out_after_thirty_minutes_without_use(world, after, ends):
    flow, store, clock = world
    opened = flow.start_session("IOP", PASSWORD)
    clock.now += after
    if ends:
        with pytest.raises(SessionEndedError, match="30 minutes without use"):
            flow.resume_session(opened.token)
        assert store.session(opened.session.key) is None
    else:
        assert flow.resume_session(opened.token).actor.username == "IOP"


def test_a_session_in_use_ends_twelve_hours_after_the_login(world):
    flow, _store, clock = world
    opened = flow.start_session("IOP", PASSWORD)
    step = dt.timedelta(minutes=20)
    while clock.now + step < NOW + ABSOLUTE:
        clock.now += step
        flow.resume_session(opened.token)
    clock.now = NOW + ABSOLUTE - dt.timedelta(microseconds=1)
    flow.resume_session(opened.token)
    clock.now = NOW + ABSOLUTE
    with pytest.raises(SessionEndedError, match="12 hours after the login"):
        flow.resume_session(opened.token)


def test_the_last_seen_time_is_written_once_a_minute_at_most(world):
    flow, store, clock = world
    opened = flow.start_session("IOP", PASSWORD)
    clock.now += dt.timedelta(seconds=59)
    flow.resume_session(opened.token)
    assert store.session(opened.session.key).seen == NOW
    clock.now += dt.timedelta(seconds=1)
    assert flow.resume_session(opened.token).session.seen == clock.now
    assert store.session(opened.session.key).seen == clock.now


def test_logout_ends_the_session_and_is_audited(world):
    flow, store, _ = world
    opened = flow.start_session("staff1", PASSWORD)
    flow.end_session(opened.token)
    with pytest.raises(SessionEndedError):
        flow.resume_session(opened.token)
    flow.end_session(opened.token)  # ended already: nothing to do
    actions = [(e.action, e.actor) for e in store.events(institute="IOP")][-2:]
    assert actions == [("start_session", "staff1"), ("end_session", "staff1")]


def test_a_password_change_ends_every_session_of_the_account_and_opens_a_new_one(world):
    flow, _store, _ = world
    here = flow.start_session("staff1", PASSWORD)
    elsewhere = flow.start_session("staff1", PASSWORD)
    bystander = flow.start_session("staff2", PASSWORD)
    renewed = flow.change_session_password(here.token, PASSWORD, "zhe-shi-xin-mima-7")
    for token in (here.token, elsewhere.token):
        with pytest.raises(SessionEndedError):
            flow.resume_session(token)
    assert renewed.token not in (here.token, elsewhere.token)
    assert flow.resume_session(renewed.token).actor.username == "staff1"
    assert flow.resume_session(bystander.token).actor.username == "staff2"
    with pytest.raises(LoginFailedError):
        flow.start_session("staff1", PASSWORD)


def test_a_wrong_current_password_changes_nothing_and_keeps_the_session(world):
    flow, _store, _ = world
    here = flow.start_session("staff1", PASSWORD)
    with pytest.raises(LoginFailedError):
        flow.change_session_password(here.token, "not-it", "zhe-shi-xin-mima-7")
    assert flow.resume_session(here.token).actor.username == "staff1"


def test_the_session_of_an_account_locked_by_failed_logins_is_refused(world):
    flow, store, _clock = world
    opened = flow.start_session("dept1", PASSWORD)
    for _ in range(5):
        with pytest.raises(LoginFailedError):
            flow.login("dept1", "guessing")
    with pytest.raises(SessionEndedError, match="locked"):
        flow.resume_session(opened.token)
    assert store.session(opened.session.key) is None


def test_a_role_switch_lasts_and_a_role_not_held_is_refused(world):
    flow, store, _ = world
    account = store.get("accounts", ("dept1",))
    both = attrs.evolve(account, grants=(*account.grants,
                                         RoleGrant(role=Role.STAFF, institute="IOP")))
    store.commit([Change(account, both)], [])
    opened = flow.start_session("dept1", PASSWORD)
    assert opened.actor.role is Role.DEPARTMENT_ADMIN
    switched = flow.switch_session_role(opened.token, Role.STAFF)
    assert switched.actor.role is Role.STAFF
    assert flow.resume_session(opened.token).actor.role is Role.STAFF
    with pytest.raises(PermissionDeniedError):
        flow.switch_session_role(opened.token, Role.INSTITUTE_ADMIN)
    assert flow.resume_session(opened.token).actor.role is Role.STAFF
    # the role taken away: the session ends
    store.commit([Change(both, account)], [])
    with pytest.raises(SessionEndedError, match="no longer holds"):
        flow.resume_session(opened.token)


def test_sessions_past_their_limits_are_cleared_at_the_next_login(world):
    flow, store, clock = world
    old = flow.start_session("staff1", PASSWORD)
    clock.now += IDLE + dt.timedelta(seconds=1)
    fresh = flow.start_session("staff2", PASSWORD)
    assert store.session(old.session.key) is None
    assert store.session(fresh.session.key) is not None


def test_session_limits_are_checked():
    with pytest.raises(ValueError, match="touch < idle <= absolute"):
        SessionLimits(idle=dt.timedelta(hours=13))
    with pytest.raises(TypeError, match=r"idle must be a datetime\.timedelta"):
        SessionLimits(idle=30)


def test_a_store_without_sessions_is_named():
    class Bare:
        def get(self, section, key):
            return None

    flow = Workflow(Bare(), hasher=HASHER)  # type: ignore[arg-type]
    with pytest.raises(WorkspaceError, match="Bare keeps no sessions"):
        flow.resume_session("token")


def test_a_session_used_within_a_minute_and_then_left_ends_idle_after_its_written_time(world):
    """The last-seen time written once a minute at most: a session ends ``idle`` after the
    time written, never later than ``idle`` after its last use and at most a minute before."""
    flow, _store, clock = world
    opened = flow.start_session("IOP", PASSWORD)
    clock.now = NOW + dt.timedelta(seconds=59)  # used, not written
    flow.resume_session(opened.token)
    clock.now = NOW + IDLE - dt.timedelta(microseconds=1)
    flow.resume_session(opened.token)  # used again: 59 s past the written time, so written
    clock.now = NOW + IDLE - dt.timedelta(microseconds=1) + IDLE
    with pytest.raises(SessionEndedError, match="30 minutes without use"):
        flow.resume_session(opened.token)


def test_a_resumed_session_reads_its_account_with_it(world):
    """The session and its account in one read where the store offers it
    (``session_with_account``: the SQL store's one query), the same as two reads give."""
    flow, store, _clock = world
    opened = flow.start_session("dept1", PASSWORD)
    session, account = store.session_with_account(opened.session.key)
    assert session == store.session(opened.session.key)
    assert account == store.get("accounts", ("dept1",))
    assert store.session_with_account(session_key("made-up")) is None
    assert store.session_with_account("") is None
    with _reads_counted(store) as reads:
        assert flow.resume_session(opened.token).actor == opened.actor
    if hasattr(store, "engine"):  # the SQL store: one query, not a second read
        assert "accounts" not in reads


def test_a_session_whose_account_is_locked_ends(world):
    flow, store, _clock = world
    opened = flow.start_session("dept1", PASSWORD)
    account = store.get("accounts", ("dept1",))
    store.commit([Change(account, attrs.evolve(account, locked_until=NOW + IDLE))], [])
    with pytest.raises(SessionEndedError, match="locked"):
        flow.resume_session(opened.token)
    assert store.session(opened.session.key) is None


def test_acting_reads_take_the_resumed_account_and_changes_read_it_again(world):
    """Inside ``flow.acting(actor)`` (a web page's request, after its session was resumed) a
    read-only operation takes the actor's account as read by the resume; an operation that
    changes something reads it again, and so does everything outside the block."""
    flow, store, _clock = world
    opened = flow.start_session("IOP", PASSWORD)
    actor = flow.resume_session(opened.token).actor
    get = store.get
    with _reads_counted(store) as reads:
        with flow.acting(actor):
            flow.list_plans(actor, 2026)
        assert "accounts" not in reads
        flow.list_plans(actor, 2026)
        assert reads.count("accounts") == 1
        # the account taken away its role meanwhile: a change inside the block is refused
        reads.clear()
        account = get("accounts", ("IOP",))
        store.commit([Change(account, attrs.evolve(account, grants=(RoleGrant(
            role=Role.STAFF, institute="IOP"),)))], [])
        with flow.acting(actor), pytest.raises(PermissionDeniedError):
            flow.create_plan(actor, name="新计划", start=dt.date(2026, 5, 1),
                             end=dt.date(2026, 5, 2), planned_participants=1,
                             hours=Decimal(8), expense=Decimal(100))
        assert "accounts" in reads


@contextmanager
def _reads_counted(store):
    """``store.get`` counting, for the block, the sections it reads (the list yielded)."""
    reads: list[str] = []
    get = store.get

    def counting(section, key):
        reads.append(section)
        return get(section, key)

    store.get = counting
    try:
        yield reads
    finally:
        del store.get
