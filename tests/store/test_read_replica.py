"""A read replica (``CASEDU_DATABASE_READ_URL``): the figures are read from it, the workflow's
reads and every write stay on the primary. A second database, given one more online record
than the primary, stands for the replica, so that where each read went shows in its answer."""

from __future__ import annotations

import attrs
import pytest
import sqlalchemy as sa

from casedu.errors import WorkspaceError
from casedu.model import ExternalStatus, Role
from casedu.services import Actor, Workflow
from casedu.store import READ_ENVIRONMENT, SqlStore, open_store
from tests.builders import online
from tests.engines import isolated, server_url
from tests.services.world import HASHER, NOW, accounts, world_dataset

SERVERS = ("postgresql", "mariadb")
PRIMARY = world_dataset()
#: The replica holds a record the primary does not (a write not yet applied, the other way
#: round): figures read from it show s1's 7 online hours.
REPLICA = attrs.evolve(PRIMARY, online_learning=[online("s1", "c1", "7")])


def _approve(store, record="E1"):
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    admin = next(a for a in accounts() if a.username == "IOP")
    return flow.approve_external(Actor(admin, Role.INSTITUTE_ADMIN), record)


def _check(store, replica_store):
    """The figures come from the replica; the workflow reads and writes the primary."""
    assert store.year_hours(2026, institute="IOP").of("s1").online_hours == 7
    assert store.year_hours(2026).of("s1").online_hours == 7
    assert store.roster("IOP").people == replica_store.roster("IOP").people
    assert store.find("online_learning") == []  # the workflow's reads: the primary's
    assert _approve(store).status is ExternalStatus.APPROVED
    assert store.get("external_learning", ("E1",)).status is ExternalStatus.APPROVED
    assert replica_store.get("external_learning", ("E1",)).status is ExternalStatus.PENDING


def test_a_portal_engine_with_a_replica_engine(tmp_path):
    primary = SqlStore(sa.create_engine(f"sqlite:///{tmp_path / 'primary.db'}"), create=True,
                       dataset=PRIMARY, accounts=accounts())
    replica = SqlStore(sa.create_engine(f"sqlite:///{tmp_path / 'replica.db'}"), create=True,
                       dataset=REPLICA, accounts=accounts())
    store = SqlStore(primary.engine, read_engine=replica.engine)
    assert store.year_hours(2026).of("s1").online_hours == 7
    assert primary.year_hours(2026).of("s1").online_hours == 0
    _check(store, replica)
    for made in (store, primary, replica):
        made.close()


@pytest.mark.parametrize("kind", SERVERS)
def test_the_figures_read_the_replica_url(kind, tmp_path, monkeypatch):
    with isolated(kind, tmp_path) as primary_url, isolated(kind, tmp_path) as replica_url:
        open_store(primary_url, create=True, dataset=PRIMARY, accounts=accounts()).close()
        replica = open_store(replica_url, create=True, dataset=REPLICA, accounts=accounts())
        monkeypatch.setenv(READ_ENVIRONMENT, replica_url)
        store = open_store(primary_url)
        try:
            _check(store, replica)
        finally:
            store.close()
            replica.close()
        monkeypatch.delenv(READ_ENVIRONMENT)
        with open_store(primary_url) as alone:  # no replica: the primary's own figures
            assert alone.year_hours(2026).of("s1").online_hours == 0


@pytest.mark.parametrize("kind", SERVERS)
def test_a_replica_that_does_not_answer_is_named_and_the_workflow_goes_on(kind, tmp_path):
    with isolated(kind, tmp_path) as primary_url:
        open_store(primary_url, create=True, dataset=PRIMARY, accounts=accounts()).close()
        down = sa.make_url(server_url(kind)).set(host="127.0.0.1", port=9, password="secret")
        store = open_store(primary_url, read_url=down.render_as_string(hide_password=False))
        try:
            with pytest.raises(WorkspaceError, match="the read replica of") as refused:
                store.year_hours(2026, institute="IOP")
            assert "secret" not in str(refused.value)
            assert _approve(store).status is ExternalStatus.APPROVED
        finally:
            store.close()


def test_a_read_url_that_is_no_url_is_refused(tmp_path):
    refused = pytest.raises(WorkspaceError, match=f"{READ_ENVIRONMENT}: .* is not a database")
    with isolated("postgresql", tmp_path) as primary_url, refused:
        open_store(primary_url, read_url="no url at all")
