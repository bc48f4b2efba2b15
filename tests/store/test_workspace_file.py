"""The workspace file: SQLite's own checks, backups, revisions, and workspaces of casedu 0.1."""

import sqlite3
from decimal import Decimal

import pytest
from hypothesis import given, settings

from casedu.sample import sample_dataset
from casedu.services import Workflow
from casedu.services.changes import Change
from casedu.store import REVISION, SqliteStore, WorkspaceError
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset
from tests.strategies import datasets


def fresh(tmp_path, name="ws.casedu"):
    return SqliteStore.open(tmp_path / name, create=True)


def test_newer_workspaces_and_other_files_are_refused(tmp_path):
    store = fresh(tmp_path)
    db = sqlite3.connect(store.path)
    assert db.execute("SELECT version_num FROM casedu_revision").fetchall() == [(REVISION,)]
    db.execute("UPDATE casedu_revision SET version_num = '9999'")
    db.commit()
    db.close()
    with pytest.raises(WorkspaceError, match="made by a newer casedu"):
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


def _legacy(path, data, events=(), accounts_=()):
    from casedu.store.legacy import LegacyWorkspace

    LegacyWorkspace(path, create=True).replace_all(data, events, accounts_)


def test_a_workspace_of_casedu_0_1_is_moved_to_the_tables_once(tmp_path):
    """Its records, accounts and audit come over whole; the old file stays beside it."""
    from casedu.model import Role

    old = tmp_path / "old.casedu"
    memory = Workflow(__import__("casedu").services.MemoryStore(world_dataset(), accounts()),
                      clock=lambda: NOW, hasher=HASHER)
    admin = actor_of(memory, Role.INSTITUTE_ADMIN)
    memory.approve_external(admin, "E2")
    memory.implement_plan(admin, "P2", attendees=9, staff=2)
    state, events = memory.store.state(), memory.store.events()
    _legacy(old, state.dataset, events, list(state.accounts.values()))

    store = SqliteStore.open(old)
    assert store.state() == state
    assert store.events() == events
    backup = tmp_path / "old.casedu.schema2.bak"
    assert backup.is_file() and not list(tmp_path.glob("*.part*"))
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    flow.approve_external(actor_of(flow, Role.INSTITUTE_ADMIN), "E1")  # works on, as before
    assert SqliteStore.open(old).get("external_learning", ("E1",)).reviewer == "IOP"
    with sqlite3.connect(backup) as db:  # the old file, untouched
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() \
            == ("2",)


@settings(max_examples=10)
@given(datasets(max_people=6, sessions=False))  # casedu 0.1 kept no session's seconds
def test_any_workspace_of_casedu_0_1_moves_losslessly(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("legacy")
    _legacy(folder / "ws.casedu", data)
    assert SqliteStore.open(folder / "ws.casedu").state().dataset == data


def test_an_unsound_workspace_of_casedu_0_1_is_refused_untouched(tmp_path):
    old = tmp_path / "old.casedu"
    _legacy(old, sample_dataset())
    with sqlite3.connect(old) as db:
        db.execute("UPDATE people SET name = '' WHERE rowid = 1")
    before = old.read_bytes()
    with pytest.raises(WorkspaceError, match="table people row 1"):
        SqliteStore.open(old)
    assert old.read_bytes() == before
    assert not (tmp_path / "old.casedu.schema2.bak").exists()


def test_alembic_knows_the_revisions_casedu_names():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from casedu.store.migrations import HEAD, REVISIONS

    config = Config()
    config.set_main_option("script_location", "casedu.store:migrations")
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD]
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(REVISIONS)


def test_a_migrated_workspace_has_exactly_the_declared_tables(tmp_path):
    """The tables made by the revisions are the tables ``Tables`` declares (Alembic's own
    comparison finds no difference)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = fresh(tmp_path)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": "casedu_revision"})
        assert compare_metadata(context, store.tables.metadata) == []


def test_the_workflow_runs_on_a_workspace(tmp_path):
    from casedu.model import Role

    store = fresh(tmp_path)
    store.replace_all(world_dataset())
    store.commit([Change(None, a) for a in accounts()], [])
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    assert flow.approve_external(actor_of(flow, Role.INSTITUTE_ADMIN), "E2").reviewer == "IOP"
@settings(max_examples=40)
@given(datasets(max_people=6))
def test_the_learning_records_fast_rows_are_their_columns(data):
    """casedu 0.1's workspace is written without cattrs: the same values."""
    from casedu.store.legacy_rows import NOT_IN_0_1, columns, flat_rows

    for records in (data.attendance, data.external_learning, data.online_learning):
        for record in records:
            made = flat_rows(type(record))
            assert made is not None
            names, row_of = made
            expected = columns(record)
            for absent in NOT_IN_0_1.get(type(record), ()):
                del expected[absent]
            assert set(names) == set(expected)
            assert row_of(record) == tuple(expected[name] for name in names)


def test_records_that_nest_go_through_their_columns():
    from casedu.model import AnnualSummary, Person, TrainingPlan
    from casedu.store.legacy_rows import flat_rows

    assert flat_rows(TrainingPlan) is None and flat_rows(AnnualSummary) is None
    assert flat_rows(Person) is None


def version_1_workspace(path, hours, more=""):
    """A workspace of casedu 0.1's first schema: one person with one external record."""
    from casedu.store.legacy_schema import MIGRATIONS

    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[1] + "INSERT INTO meta VALUES ('schema_version', '1');"
                     "INSERT INTO institutes VALUES ('IOP', '物理所');"
                     "INSERT INTO people (id, institute, name, in_service, hours_required) "
                     "VALUES ('p1', 'IOP', '张伟', 1, 1);"
                     "INSERT INTO external_learning VALUES ('e1', 'p1', '会', '会', "
                     f"'2026-01-01', '2026-01-02', '{hours}', 'approved', NULL, NULL);" + more)
    db.close()
    return path


def test_a_version_1_workspace_moves_through_version_2_to_the_tables(tmp_path):
    path = version_1_workspace(
        tmp_path / "v1.casedu", "1.50",
        "INSERT INTO audit_events (at, actor, role, action, record) VALUES "
        "('2026-01-03T00:00:00+00:00', 'IOP', NULL, 'x', 'people:p1');")
    store = SqliteStore.open(path)
    (record,) = store.find("external_learning", person="p1")
    assert record.hours == Decimal("1.5") and store.get("people", ("p1",)).name == "张伟"
    (event,) = store.events()
    assert event.sequence == 1 and event.outcome == "done" and event.record == "people:p1"
    assert (tmp_path / "v1.casedu.schema2.bak").is_file()
