"""The SQLite workspace: lossless, versioned, safe for two processes."""

import datetime as dt
import multiprocessing
import sqlite3
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from casedu.errors import ConflictError
from casedu.model import ExternalStatus
from casedu.sample import sample_dataset
from casedu.services import Workflow
from casedu.services.changes import Change
from casedu.store import SCHEMA_VERSION, SqliteStore, WorkspaceError
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset
from tests.strategies import datasets


def fresh(tmp_path, name="ws.casedu"):
    return SqliteStore.open(tmp_path / name, create=True)


def test_a_dataset_goes_in_and_comes_back_equal(tmp_path):
    store = fresh(tmp_path)
    data = sample_dataset()
    store.replace_all(data)
    assert store.state().dataset == data
    assert SqliteStore.open(tmp_path / "ws.casedu").state().dataset == data


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(datasets(max_people=6))
def test_any_dataset_round_trips(tmp_path_factory, data):
    store = fresh(tmp_path_factory.mktemp("ws"))
    store.replace_all(data)
    assert store.state().dataset == data


def test_workflow_over_sqlite_keeps_changes_and_audit(tmp_path):
    store = fresh(tmp_path)
    store.replace_all(world_dataset())
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    for account in accounts():
        store.commit([Change(None, account)], [])
    admin = actor_of(flow, __import__("casedu").Role.INSTITUTE_ADMIN)
    flow.implement_plan(admin, "P2", attendees=9, staff=2)
    flow.approve_external(admin, "E2")
    reopened = SqliteStore.open(tmp_path / "ws.casedu")
    data = reopened.state().dataset
    assert data.plan_by_id["P2"].implementation.attendees == 9
    assert next(r for r in data.external_learning if r.id == "E2").status is \
        ExternalStatus.APPROVED
    events = reopened.events()
    assert [e.action for e in events] == ["implement_plan", "review_external"]
    assert events[0].at == NOW and events[1].before["status"] == "pending"
    assert reopened.state().accounts == store.state().accounts


def test_a_stale_change_is_refused_and_changes_nothing(tmp_path):
    store = fresh(tmp_path)
    store.replace_all(world_dataset())
    plan = store.state().dataset.plan_by_id["P1"]
    store.commit([Change(plan, attrs.evolve(plan, name="first"))], [])
    before = store.state()
    with pytest.raises(ConflictError, match="changed meanwhile"):
        store.commit([Change(attrs.evolve(plan, name="other"), attrs.evolve(plan, name="x")),
                      ], [])
    assert store.state() == before


def test_an_addition_of_an_existing_record_is_a_conflict(tmp_path):
    store = fresh(tmp_path)
    store.replace_all(world_dataset())
    plan = store.state().dataset.plan_by_id["P1"]
    with pytest.raises(ConflictError):
        store.commit([Change(None, plan)], [])


def test_newer_workspaces_and_other_files_are_refused(tmp_path):
    store = fresh(tmp_path)
    db = sqlite3.connect(store.path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
               (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(WorkspaceError, match="newer casedu"):
        SqliteStore.open(store.path)
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(WorkspaceError, match="not a casedu workspace"):
        SqliteStore.open(other)
    text = tmp_path / "notes.casedu"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="not SQLite"):
        SqliteStore.open(text)
    with pytest.raises(WorkspaceError, match="casedu init"):
        SqliteStore.open(tmp_path / "missing.casedu")
    with pytest.raises(WorkspaceError, match="exists already"):
        SqliteStore.open(store.path, create=True)


def test_backup_is_a_workspace(tmp_path):
    store = fresh(tmp_path)
    store.replace_all(sample_dataset())
    copy = store.backup(tmp_path / "copy.casedu")
    assert SqliteStore.open(copy).state().dataset == store.state().dataset
    assert not list(tmp_path.glob("*.part"))


def _add_records(path, who, count):
    from casedu.model import Role

    store = SqliteStore.open(path)
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


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    store = fresh(tmp_path)
    store.replace_all(world_dataset())
    for account in accounts():
        store.commit([Change(None, account)], [])
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_records, args=(store.path, who, 15))
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


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(datasets(max_people=8))
def test_sql_sums_equal_the_python_sums(tmp_path_factory, data):
    from casedu.metrics import year_hours

    store = fresh(tmp_path_factory.mktemp("ws"))
    store.replace_all(data)
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


def test_roster_leaves_out_the_records(tmp_path):
    store = fresh(tmp_path)
    store.replace_all(sample_dataset())
    roster = store.roster()
    assert roster.people == store.state().dataset.people
    assert roster.online_learning == () and roster.attendance == ()


@settings(max_examples=40, deadline=None)
@given(datasets(max_people=6))
def test_the_learning_records_fast_rows_are_their_columns(data):
    """``casedu init --from`` makes the learning records' rows without cattrs: the same values."""
    from casedu.store.rows import columns, flat_rows

    for records in (data.attendance, data.external_learning, data.online_learning):
        for record in records:
            made = flat_rows(type(record))
            assert made is not None
            names, row_of = made
            expected = columns(record)
            assert set(names) == set(expected)
            assert row_of(record) == tuple(expected[name] for name in names)


def test_records_that_nest_go_through_their_columns():
    from casedu.model import AnnualSummary, Person, TrainingPlan
    from casedu.store.rows import flat_rows

    assert flat_rows(TrainingPlan) is None and flat_rows(AnnualSummary) is None
    assert flat_rows(Person) is None
