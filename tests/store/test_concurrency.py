"""Eight processes at once on one database: imports, reviews and summary edits. Nothing is lost,
no two writes mix, and a conflict is reported and never half-applied."""

import itertools
import json
import multiprocessing

import attrs
import pytest

from casedu.model import ExternalStatus
from tests.builders import external
from tests.engines import ENGINES, new_store
from tests.services.world import accounts, world_dataset

WORKERS = 8
BATCHES = 4  # online-learning imports of each worker, three records each
PENDING = 24  # external records to review; each worker tries six, every one by two workers
EDITS = 4  # summary edits of each worker


def _work(kind, path, prefix, worker, out):
    import datetime as dt
    from decimal import Decimal

    from casedu.errors import ConflictError, WorkflowError
    from casedu.model import OnlineLearning, Role
    from casedu.services import Workflow, retry
    from tests.services.world import HASHER, actor_of
    from tests.store.test_sql_store import _open

    store = _open(kind, path, prefix)
    flow = Workflow(store, clock=lambda: dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                    hasher=HASHER)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    done = {"imported": [], "approved": [], "edits": [], "conflicts": 0}
    for step in range(max(BATCHES, EDITS, PENDING * 2 // WORKERS)):
        if step < BATCHES:
            batch = [OnlineLearning(person="s1", course=f"w{worker}", date=dt.date(2026, 6, 1),
                                    hours=Decimal(1),
                                    session=f"w{worker}-b{step}-{k}") for k in range(3)]
            retry(flow.import_online, attempts=50)(admin, batch)
            done["imported"].append([r.session for r in batch])
        if step < PENDING * 2 // WORKERS:
            record = f"Q{(worker * 3 + step) % PENDING:02d}"
            try:
                flow.approve_external(admin, record)
                done["approved"].append(record)
            except WorkflowError:  # the other worker approved it first
                pass
            except ConflictError:  # both at once: this one is told, nothing was written
                done["conflicts"] += 1
        if step < EDITS:
            value = worker * 100 + step
            retry(flow.edit_summary, attempts=50)(admin, 2025, total_person_times=value)
            done["edits"].append(value)
    store.close()
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(done, stream)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ENGINES)
def test_eight_processes_lose_nothing_and_mix_nothing(kind, tmp_path):
    with new_store(kind, tmp_path) as store:
        data = world_dataset()
        pending = [external(f"Q{i:02d}", ("s1", "s2")[i % 2], 2,
                            status=ExternalStatus.PENDING) for i in range(PENDING)]
        store.replace_all(attrs.evolve(data, external_learning=(*data.external_learning,
                                                                  *pending)),
                          accounts=accounts())
        context = multiprocessing.get_context("spawn")
        outs = [tmp_path / f"w{i}.json" for i in range(WORKERS)]
        workers = [context.Process(target=_work, args=(
            kind, getattr(store, "path", None), store.tables.prefix, i, outs[i]))
            for i in range(WORKERS)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=300)
            assert worker.exitcode == 0
        results = [json.loads(out.read_text(encoding="utf-8")) for out in outs]

        state = store.state()
        sessions = {r.session for r in state.dataset.online_learning if r.session}
        for result in results:  # every import is whole
            for batch in result["imported"]:
                assert set(batch) <= sessions
        assert len(sessions) == WORKERS * BATCHES * 3

        approved = [r for result in results for r in result["approved"]]
        assert sorted(approved) == sorted(set(approved))  # each approved by one worker only
        by_id = {r.id: r for r in state.dataset.external_learning}
        assert {r for r in by_id if r.startswith("Q")
                and by_id[r].status is ExternalStatus.APPROVED} == set(approved)
        events = store.events()
        reviews = [e.record for e in events if e.action == "review_external"]
        assert sorted(reviews) == sorted(f"external_learning:{r}" for r in approved)

        # the summary's edits form one history: each starts from what the one before left
        edits = [e for e in events if e.action == "edit_summary"]
        assert len(edits) == WORKERS * EDITS
        for earlier, later in itertools.pairwise(edits):
            assert later.before["total_person_times"] == earlier.after["total_person_times"]
        final = state.dataset.summary("IOP", 2025).total_person_times
        assert final == edits[-1].after["total_person_times"]
        assert {e.after["total_person_times"] for e in edits} == {
            v for result in results for v in result["edits"]}
