"""The table of sessions: made by its own revision, checked by the database, read back exactly."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casedu.errors import ConflictError
from casedu.model import Role
from casedu.services.sessions import Session
from casedu.store import WorkspaceError
from tests.engines import ENGINES, new_store
from tests.services.world import NOW, accounts, world_dataset


def _session(key="k" * 64, username="IOP", role=Role.INSTITUTE_ADMIN, **times):
    return Session(key=key, username=username, role=role, csrf="c" * 43,
                   started=times.get("started", NOW), seen=times.get("seen", NOW))


@pytest.mark.parametrize("kind", ENGINES)
def test_a_database_of_revision_0001_gains_the_sessions_table_and_nothing_else(tmp_path, kind):
    """Migrated step by step, a database of revision 0001 (made from the DDL that revision
    made) holds what a new one holds."""
    from tests.store.test_migrations import old_database, opened, structure

    engine, prefix = old_database(kind, tmp_path)
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table(f"{prefix}sessions")
    store = opened(kind, engine, prefix)
    try:
        with store.engine.connect() as conn:
            assert sa.inspect(conn).has_table(f"{prefix}sessions")
        with new_store(kind, tmp_path) as fresh:
            assert structure(store) == structure(fresh)
    finally:
        store.drop()


@pytest.mark.parametrize("kind", ENGINES)
def test_sessions_keep_their_times_to_the_microsecond_and_their_zone(tmp_path, kind):
    with new_store(kind, tmp_path) as store:
        store.replace_all(world_dataset(), accounts=accounts())
        later = NOW + dt.timedelta(minutes=5, microseconds=7)
        china = dt.timezone(dt.timedelta(hours=8))
        store.add_session(_session(seen=later.astimezone(china)))
        found = store.session("k" * 64)
        assert found.seen == later and found.started == NOW and found.role is Role.INSTITUTE_ADMIN
        store.update_session("k" * 64, seen=NOW + dt.timedelta(hours=1), role=Role.STAFF)
        assert store.session("k" * 64).role is Role.STAFF
        store.add_session(_session(key="m" * 64, username="staff1", role=Role.STAFF))
        store.end_sessions(seen_before=NOW + dt.timedelta(minutes=1))
        assert store.session("m" * 64) is None and store.session("k" * 64) is not None
        store.end_sessions(username="IOP")
        assert store.session("k" * 64) is None


@pytest.mark.parametrize("kind", ENGINES)
def test_the_database_refuses_a_session_of_no_account_or_of_no_role(tmp_path, kind):
    with new_store(kind, tmp_path) as store:
        store.replace_all(world_dataset(), accounts=accounts())
        with pytest.raises(ConflictError, match="the database refused"):
            store.add_session(_session(username="nobody"))
        table = store.tables["sessions"]
        with pytest.raises((sa.exc.IntegrityError, sa.exc.OperationalError)), \
                store.engine.begin() as conn:
            conn.execute(table.insert().values(
                token_hash="z" * 64, username="IOP", role="emperor", csrf="c",
                started="2026-12-20T09:30:00.000000+00:00",
                seen="2026-12-20T09:30:00.000000+00:00"))
        store.add_session(_session())
        with pytest.raises(ConflictError, match="the database refused"):
            store.add_session(_session())


@pytest.mark.parametrize("kind", ENGINES)
def test_a_damaged_session_time_is_named(tmp_path, kind):
    with new_store(kind, tmp_path) as store:
        store.replace_all(world_dataset(), accounts=accounts())
        with store.engine.begin() as conn:
            conn.execute(store.tables["sessions"].insert().values(
                token_hash="z" * 64, username="IOP", role="staff", csrf="c",
                started="2026-12-20T09:30:00", seen="yesterday"))
        with pytest.raises(WorkspaceError, match="table sessions row"):
            store.session("z" * 64)
