"""The record makers a store compiles once in its process (``casedu.store.records``), asked for
by many threads at once: a server's first pages after its start run in a pool of threads, each
making the records of its page. Every thread gets its records; none meets a maker or a table of
checked values half made (a fault that answered a served page with the 500 page)."""

from __future__ import annotations

import threading
import time

import attrs
import pytest

from casedu.dataset import typed
from casedu.store import records
from tests.engines import new_store
from tests.services.world import world_dataset

THREADS = 8


@pytest.fixture
def store(tmp_path):
    with new_store("sqlite", tmp_path) as made:
        made.replace_all(world_dataset())
        yield made


@pytest.fixture
def fresh_process(monkeypatch):
    """The makers as a process that has made none yet has them, and a learner that takes its
    time (as cattrs does, compiling a field's hook the first time): a thread that looks at a
    table while another makes it would find it half made."""
    monkeypatch.setattr(records, "_MAKERS", {})
    monkeypatch.setattr(records, "_CHECKED", [])
    learner = typed.Makers.learner

    def slow_learner(self, cls, field):
        time.sleep(0.002)
        return learner(self, cls, field)

    monkeypatch.setattr(typed.Makers, "learner", slow_learner)


def _at_once(work):
    """``work()`` in :data:`THREADS` threads started together; what each gave or raised."""
    start = threading.Barrier(THREADS)
    results: list[object] = [None] * THREADS

    def run(i):
        start.wait()
        try:
            results[i] = work()
        except Exception as error:  # the fault under test: kept to be shown
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.usefixtures("fresh_process")
def test_the_first_reads_of_a_process_in_many_threads_all_get_their_records(store):
    expected = sorted(p.id for p in world_dataset().plans if p.institute == "IOP")
    assert expected  # the world has plans in IOP
    store._made["plans"].clear()  # the records made again, by the new makers
    results = _at_once(lambda: store.find("plans", institute="IOP"))
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert [sorted(p.id for p in r) for r in results] == [expected] * THREADS


@pytest.mark.usefixtures("fresh_process")
def test_a_table_of_checked_values_is_never_seen_half_made():
    from casedu.model import TrainingPlan

    makers = typed.Makers()
    attrs.resolve_types(TrainingPlan)  # as a maker does before it asks for its tables
    field = next(f for f in attrs.fields(TrainingPlan) if f.name == "name")

    def learned():
        table = makers.table(TrainingPlan, field)
        return table, table["培训班"]  # a value looked up learns it

    results = _at_once(learned)
    assert [r for r in results if isinstance(r, Exception)] == []
    # one table for the field, whichever thread made it, and the value learned in it
    tables = {id(table) for table, _value in results}
    assert tables == {id(makers.table(TrainingPlan, field))}
    assert [value for _table, value in results] == ["培训班"] * THREADS


def test_a_record_s_enumerations_are_never_seen_half_found(monkeypatch):
    """``records.make`` (the whole way, :func:`casedu.store.records.record_of`) finds a record
    type's enumerated fields once in the process: a thread that came while another was
    finding them took a plan's ``kind`` as the text stored ("project") and refused the row."""
    import enum

    from casedu.model import TrainingPlan

    monkeypatch.setattr(records, "_ENUMS", {})
    fields = attrs.fields

    def slow_fields(cls):
        time.sleep(0.002)
        return fields(cls)

    monkeypatch.setattr(records.attrs, "fields", slow_fields)
    plan = next(p for p in world_dataset().plans)
    stored = {k: v.value if isinstance(v, enum.Enum) else v
              for k, v in attrs.asdict(plan, recurse=False).items() if v is not None}
    results = _at_once(lambda: records.make(TrainingPlan, dict(stored)))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert results == [plan] * THREADS
