"""One store, many threads: a Workflow and its stores may be shared by the threads of a web
server. A conflict loses nothing and says which operation to run again; retry runs it again."""

import itertools
import threading

import pytest

from casedu.errors import ConflictError
from casedu.model import Role
from casedu.services import retry
from casedu.services.reads import get_record, institute_data
from casedu.services.store import MemoryStore
from casedu.store import SqliteStore
from tests.services.world import HASHER, accounts, actor_of, world_dataset


def run_at_once(count, work):
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def one(i):
        start.wait()
        try:
            work(i)
        except BaseException as error:  # collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def make_store(kind, tmp_path):
    if kind == "memory":
        return MemoryStore(world_dataset(), accounts())
    store = SqliteStore.open(tmp_path / "ws.casedu", create=True)
    store.replace_all(world_dataset())
    from casedu.services.changes import Change

    store.commit([Change(None, a) for a in accounts()], [])
    return store


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_twenty_threads_editing_one_summary_lose_nothing_with_retry(kind, tmp_path):
    from casedu.services import Workflow

    flow = Workflow(make_store(kind, tmp_path), hasher=HASHER)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    errors = run_at_once(20, lambda i: retry(flow.edit_summary, attempts=60)(
        admin, 2025, total_person_times=100 + i))
    assert errors == []
    edits = [e for e in flow.store.events() if e.action == "edit_summary"]
    assert len(edits) == 20  # each thread's change written once, none lost
    # each edit was made against the value the one before left
    for before, after in itertools.pairwise(edits):
        assert after.before["total_person_times"] == before.after["total_person_times"]
    final = flow.store.state().dataset.summary("IOP", 2025)
    assert final.total_person_times == edits[-1].after["total_person_times"]


def test_a_conflict_names_the_operation_to_run_again():
    from casedu.services import Workflow

    store = MemoryStore(world_dataset(), accounts())
    flow = Workflow(store, hasher=HASHER)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    seen = store.state()

    class Stale(MemoryStore):
        """Hands out the records as they were before another writer's change."""

        def get(self, section, key):
            return get_record(seen.dataset, seen.accounts, section, key)

        def institute_data(self, institute):
            return institute_data(seen.dataset, institute)

    flow.edit_summary(admin, 2025, total_person_times=1)  # another writer, first
    stale = Stale(world_dataset(), accounts())
    stale._state = store.state()
    stale_flow = Workflow(stale, hasher=HASHER)
    with pytest.raises(ConflictError) as info:
        stale_flow.edit_summary(admin, 2025, total_person_times=2)
    assert info.value.operation == "edit_summary"
    assert stale._state.dataset.summary("IOP", 2025).total_person_times == 1  # not half-done
    with pytest.raises(ConflictError):
        retry(stale_flow.edit_summary, attempts=2)(admin, 2025, total_person_times=2)
    with pytest.raises(ValueError, match="attempts"):
        retry(flow.edit_summary, attempts=0)
