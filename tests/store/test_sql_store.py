"""The SQL store, on every engine (a SQLite workspace file, PostgreSQL, MariaDB): lossless,
exact, targeted, and safe for several writers."""

import datetime as dt
import multiprocessing
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from casedu.errors import ConflictError
from casedu.model import ExternalStatus
from casedu.sample import sample_dataset
from casedu.services import Workflow
from casedu.services.changes import Change
from casedu.services.reads import find_records, get_record, institute_data
from tests.engines import ENGINES, new_store, reopen
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset
from tests.strategies import datasets

pytestmark = pytest.mark.parametrize("kind", ENGINES)


@pytest.fixture
def store(kind, tmp_path):
    with new_store(kind, tmp_path) as made:
        yield made


def test_a_dataset_goes_in_and_comes_back_equal(store, kind):
    data = sample_dataset()
    store.replace_all(data)
    assert store.state().dataset == data
    assert reopen(store, kind).state().dataset == data


@pytest.mark.slow
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(datasets(max_people=6))
def test_any_dataset_round_trips_and_reads_as_in_memory(kind, tmp_path_factory, data):
    """Every targeted read gives what :mod:`casedu.services.reads` defines over the dataset."""
    with new_store(kind, tmp_path_factory.mktemp("ws")) as store:
        store.replace_all(data)
        assert store.state().dataset == data
        for institute in data.institutes:
            assert store.institute_data(institute.code) == institute_data(data, institute.code)
            for section in ("people", "plans", "external_learning", "online_learning",
                            "attendance", "backbone_reports"):
                assert store.find(section, institute=institute.code) == find_records(
                    data, {}, section, {"institute": institute.code})
        for person in data.people[:3]:
            assert store.get("people", (person.id,)) == person
            assert store.find("external_learning", person=person.id,
                              status=ExternalStatus.PENDING) == find_records(
                data, {}, "external_learning", {"person": person.id, "status": "pending"})
        for plan in data.plans[:3]:
            assert store.get("plans", (plan.id,)) == plan
            assert store.find("attendance", plan=plan.id) == find_records(
                data, {}, "attendance", {"plan": plan.id})
        for record in data.external_learning[:3]:
            assert store.get("external_learning", (record.id,)) == get_record(
                data, {}, "external_learning", (record.id,))
        assert store.get("people", ("no such person",)) is None


def test_workflow_keeps_changes_and_audit(store, kind):
    store.replace_all(world_dataset())
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    for account in accounts():
        store.commit([Change(None, account)], [])
    admin = actor_of(flow, __import__("casedu").Role.INSTITUTE_ADMIN)
    flow.implement_plan(admin, "P2", attendees=9, staff=2)
    flow.approve_external(admin, "E2")
    reopened = reopen(store, kind)
    data = reopened.state().dataset
    assert data.plan_by_id["P2"].implementation.attendees == 9
    assert next(r for r in data.external_learning if r.id == "E2").status is \
        ExternalStatus.APPROVED
    events = reopened.events()
    assert [e.action for e in events] == ["implement_plan", "review_external"]
    assert events[0].at == NOW and events[1].before["status"] == "pending"
    assert reopened.state().accounts == store.state().accounts


def test_a_stale_change_is_refused_and_changes_nothing(store):
    store.replace_all(world_dataset())
    plan = store.state().dataset.plan_by_id["P1"]
    store.commit([Change(plan, attrs.evolve(plan, name="first"))], [])
    before = store.state()
    with pytest.raises(ConflictError, match="changed meanwhile"):
        store.commit([Change(attrs.evolve(plan, name="other"), attrs.evolve(plan, name="x")),
                      ], [])
    assert store.state() == before


def test_an_addition_of_an_existing_record_is_a_conflict(store):
    store.replace_all(world_dataset())
    plan = store.state().dataset.plan_by_id["P1"]
    with pytest.raises(ConflictError):
        store.commit([Change(None, plan)], [])


def _add_records(kind, path, prefix, who, count):
    from casedu.model import Role

    store = _open(kind, path, prefix)
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    for i in range(count):
        for _attempt in range(20):
            try:
                flow.create_external(admin, who, category="讲座", title=f"{who}-{i}",
                                     start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 1),
                                     hours=Decimal(1))
                break
            except ConflictError:
                continue  # the other process took the same new id first: try again


def _open(kind, path, prefix):
    from casedu.store import SqliteStore

    if kind == "sqlite":
        return SqliteStore.open(path)
    import sqlalchemy as sa

    from casedu.store import SqlStore
    from tests.engines import server_url

    return SqlStore(sa.create_engine(server_url(kind)), prefix=prefix)


def test_two_processes_writing_at_once_lose_nothing(store, kind):
    store.replace_all(world_dataset())
    for account in accounts():
        store.commit([Change(None, account)], [])
    context = multiprocessing.get_context("spawn")
    where = getattr(store, "path", None)
    workers = [context.Process(target=_add_records,
                               args=(kind, where, store.tables.prefix, who, 15))
               for who in ("s1", "s2")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    titles = {r.title for r in store.state().dataset.external_learning}
    assert {f"s1-{i}" for i in range(15)} <= titles
    assert {f"s2-{i}" for i in range(15)} <= titles
    assert len([e for e in store.events() if e.action == "create_external"]) == 30


@pytest.mark.slow
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(datasets(max_people=8))
def test_sql_sums_equal_the_python_sums(kind, tmp_path_factory, data):
    """One GROUP BY expression for every engine, equal to the figures summed in Python."""

    with new_store(kind, tmp_path_factory.mktemp("ws")) as store:
        store.replace_all(data)
        _same_sums(store, data)


def _same_sums(store, data):
    from casedu.metrics import year_hours

    for year in (2025, 2026):
        python = year_hours(data, year)
        sql = store.year_hours(year)
        for person in data.people:
            mine, theirs = python.of(person.id), sql.of(person.id)
            assert (theirs.class_hours, theirs.external_hours, theirs.online_hours) == (
                mine.class_hours, mine.external_hours, mine.online_hours)
            assert theirs.max_single_hours == mine.max_single_hours
            assert sorted((s.source.value, s.key, s.hours) for s in theirs.singles_over(
                Decimal(40))) == sorted((s.source.value, s.key, s.hours)
                                        for s in mine.singles_over(Decimal(40)))


def test_roster_leaves_out_the_records(store):
    store.replace_all(sample_dataset())
    roster = store.roster()
    assert roster.people == store.state().dataset.people
    assert roster.online_learning == () and roster.attendance == ()




def test_a_load_leaves_every_index_of_the_tables_and_fails_whole(store, kind):
    """The learning records go in before the indexes that only find rows are built (SQLite,
    PostgreSQL): after a load the database holds every index the tables declare; a load that
    breaks a key leaves the tables empty, with their indexes."""
    import sqlalchemy as sa

    from casedu.errors import CaseduError

    def indexes() -> dict[str, set[str]]:
        inspector = sa.inspect(store.engine)
        return {section: {i["name"] for i in inspector.get_indexes(
            store.tables[section].name, schema=store.tables[section].schema)}
            for section in ("attendance", "external_learning", "online_learning")}

    declared = {section: {i.name for i in store.tables[section].indexes}
                for section in ("attendance", "external_learning", "online_learning")}
    assert all(declared.values())
    data = sample_dataset()
    twice = attrs.evolve(data, attendance=(*data.attendance, data.attendance[0]))
    with pytest.raises(CaseduError):
        store.replace_all(twice)
    assert store.state().dataset.attendance == ()
    assert all(declared[s] <= found for s, found in indexes().items())
    store.replace_all(data)
    assert all(declared[s] <= found for s, found in indexes().items())
    assert store.state().dataset == data


def test_find_pages_and_refuses_what_records_do_not_have(store):
    from casedu.errors import InvalidValueError
    from casedu.services import MemoryStore

    data = sample_dataset()
    store.replace_all(data)
    memory = MemoryStore(data)
    everyone = store.find("people", institute="DEMO")
    assert everyone == memory.find("people", institute="DEMO") and len(everyone) > 20
    assert store.find("people", institute="DEMO", limit=10, offset=5) == everyone[5:15]
    assert memory.find("people", institute="DEMO", limit=10, offset=5) == everyone[5:15]
    assert store.find("people", institute="DEMO", offset=len(everyone)) == []
    for either in (store, memory):
        with pytest.raises(InvalidValueError, match="no field 'salary'"):
            either.find("people", salary=1)
        with pytest.raises(InvalidValueError, match="no section"):
            either.find("payroll")


def test_a_session_is_imported_once_and_records_without_one_are_many(store):
    from tests.builders import online

    store.replace_all(world_dataset())
    first = attrs.evolve(online("s1", "c1", "1"), session="stmt-1")
    store.commit([Change(None, first)], [])
    with pytest.raises(ConflictError):
        store.commit([Change(None, attrs.evolve(first, hours=Decimal(2)))], [])
    plain = [online("s1", "c1", "1"), online("s1", "c2", "1"), online("s2", "c1", "1")]
    store.commit([Change(None, r) for r in plain], [])
    assert store.find("online_learning", person="s1", course="c1") == [first, plain[0]]


def test_an_online_record_is_bounded_as_every_record(store, kind):
    """A course's hours on a date may be 30 h and more: the model and the database take up to
    2,000 h (the 24 h bound is one xAPI session's), and refuse beyond."""
    import sqlalchemy as sa

    from tests.builders import online

    store.replace_all(world_dataset())
    store.commit([Change(None, online("s1", "c1", "30")), Change(None, online("s1", "c2", "2000"))],
                 [])
    hours = store.year_hours(2026).of("s1")
    assert hours.online_hours == 2030 and hours.max_single_hours == 2000
    table = store.tables["online_learning"]
    row = {"person": "s1", "course": "c3", "date": dt.date(2026, 3, 1)}
    with store.engine.begin() as conn:  # behind casedu's back: the database checks too
        conn.execute(table.insert().values(**row, hours=Decimal("1999.5")))
    with pytest.raises(sa.exc.DBAPIError, match="online_learning_hours_range"), \
            store.engine.begin() as conn:
        conn.execute(table.insert().values(**row, hours=Decimal("2000.000001")))


def test_a_portal_keeps_casedu_in_a_schema_of_its_own(kind, tmp_path):
    """``SqlStore(engine, schema=…)``: the tables, their revision and the workflow there."""
    import uuid

    import sqlalchemy as sa

    from casedu.model import Role
    from casedu.store import SqlStore
    from tests.engines import server_url

    if kind == "sqlite":
        pytest.skip("a workspace file is a database of its own")
    name = f"s{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(server_url(kind))
    create = "SCHEMA" if kind == "postgresql" else "DATABASE"
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE {create} {name}"))
    try:
        store = SqlStore(engine, schema=name, create=True)
        store.replace_all(world_dataset(), accounts=accounts())
        flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
        flow.approve_external(actor_of(flow, Role.INSTITUTE_ADMIN), "E1")
        again = SqlStore(engine, schema=name)
        assert again.get("external_learning", ("E1",)).status is ExternalStatus.APPROVED
        assert [e.action for e in again.events()] == ["review_external"]
        with engine.connect() as conn:  # nothing of casedu's outside its schema
            assert not sa.inspect(conn).has_table("institutes")
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP {create} {name}" + (" CASCADE" if
                                                             kind == "postgresql" else "")))
        engine.dispose()


def test_reads_that_cannot_mean_anything_are_refused(store):
    from casedu.errors import ArgumentTypeError, InvalidValueError
    from casedu.services import MemoryStore

    store.replace_all(world_dataset())
    for either in (store, MemoryStore(world_dataset())):
        assert either.get("plans", ("P1",)).id == "P1"
        with pytest.raises(ArgumentTypeError, match=r"\('P1',\)"):
            either.get("plans", "P1")  # a text is no key: it would have read no record
        with pytest.raises(InvalidValueError, match="limit must be 0 or more"):
            either.find("people", limit=-1)
        with pytest.raises(InvalidValueError, match="offset must be 0 or more"):
            either.find("people", offset=-5)
        with pytest.raises(ArgumentTypeError, match="limit"):
            either.find("people", limit="10")
        assert either.find("people", limit=0) == []
