"""An operation reads only what it touches: never the whole store (approving one record read
every record of every institute, 2 min 16 s on the academy's workspace)."""


import contextlib

import pytest

from casedu.errors import CaseduError
from casedu.model import Role
from casedu.services import MemoryStore, Workflow
from tests.services.test_permissions import CALLS, CASES
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset


class Spy(MemoryStore):
    """A store in memory that notes every read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.reads = []

    def state(self):
        self.reads.append(("state",))
        return super().state()

    def get(self, section, key):
        self.reads.append(("get", section, key))
        return super().get(section, key)

    def find(self, section, /, **where):
        self.reads.append(("find", section, tuple(sorted(where.items()))))
        return super().find(section, **where)

    def institute_data(self, institute):
        self.reads.append(("institute_data", institute))
        return super().institute_data(institute)

    def ids(self, section, prefix):
        self.reads.append(("ids", section, prefix))
        return super().ids(section, prefix)

    def events(self, *, institute=None):
        self.reads.append(("events", institute))
        return super().events(institute=institute)


def spied(role):
    store = Spy(world_dataset(), accounts())
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    actor = actor_of(flow, role)
    store.reads.clear()
    return flow, store, actor


@pytest.mark.parametrize(("operation", "role", "where"), CASES,
                         ids=[f"{o}-{r.value}-{w}" for o, r, w in CASES])
def test_no_operation_reads_the_whole_store(operation, role, where):
    flow, store, actor = spied(role)
    with contextlib.suppress(CaseduError):  # allowed or refused: the reads are looked at
        CALLS[operation](flow, actor, where)
    if operation == "view_academy" and role is Role.ACADEMY_ADMIN:
        # the academy's roll-up reads every institute: that is what it is for
        assert ("state",) in store.reads
        return
    assert ("state",) not in store.reads
    # what an operation reads of an institute in bulk is its own institute's, never another's
    own = actor.grant.institute
    assert {r[1] for r in store.reads if r[0] in ("institute_data", "events")} <= {own}
    assert all(dict(r[2]).get("institute", own) == own
               for r in store.reads if r[0] == "find")


def test_an_approval_reads_the_records_it_touches_and_nothing_else():
    flow, store, actor = spied(Role.INSTITUTE_ADMIN)
    flow.approve_external(actor, "E1")
    kinds = {read[:2] for read in store.reads}
    assert kinds <= {("get", "accounts"), ("get", "external_learning"), ("get", "people")}
    assert len(store.reads) <= 6, store.reads


def test_the_figures_read_the_institutes_share_once():
    flow, store, actor = spied(Role.INSTITUTE_ADMIN)
    flow.create_summary(actor, 2026)
    assert [r for r in store.reads if r[0] == "institute_data"] == [("institute_data", "IOP")]
