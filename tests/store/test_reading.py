"""The figures' reading of a workspace file on the standard library (casedu.store.reading):
the same roster and hours as the store gives, its statements those SQLAlchemy compiles, and
everything it does not expect left to the store."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedu.errors import WorkspaceError
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.sample import sample_dataset
from casedu.store import SqliteStore
from casedu.store.reading import workspace_figures
from tests.strategies import datasets

POLICIES = st.sampled_from([
    DEFAULT_POLICY, Policy(year_basis=YearBasis.END),
    Policy(backbone_single_hours=Decimal("2.5"))])


def _workspace(folder: Path, data) -> Path:
    path = folder / "ws.casedu"
    with SqliteStore.open(path, create=True) as store:
        store.replace_all(data)
    return path


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=datasets(max_people=8), policy=POLICIES, year=st.sampled_from([2025, 2026]),
       scope=st.sampled_from([None, "IOP", "IOA", "NONE"]), singles=st.booleans())
def test_it_reads_what_the_store_reads(tmp_path_factory, data, policy, year, scope, singles):
    path = _workspace(tmp_path_factory.mktemp("ws"), data)
    found = workspace_figures(path, year, policy=policy, institute=scope, singles=singles)
    assert found is not None
    roster, hours = found
    with SqliteStore.open(path) as store:
        assert roster == store.roster(scope)
        assert hours == store.year_hours(year, policy=policy, institute=scope,
                                         singles=singles)
    if scope is None:
        assert roster.people == data.people and roster.plans == data.plans


def test_the_sample_year_is_read_with_its_figures(tmp_path):
    path = _workspace(tmp_path, sample_dataset())
    roster, hours = workspace_figures(path, 2026, policy=DEFAULT_POLICY, institute="DEMO")
    assert roster.people and roster.online_learning == () and roster.attendance == ()
    assert any(person.total > 0 for person in hours.by_person.values())
    assert any(person.singles for person in hours.by_person.values())


def test_the_kept_statements_are_those_sqlalchemy_compiles():
    """`python -m casedu.store.compile` rewrites the file when the tables or statements change."""
    from casedu.store import compile as compiler

    kept = compiler.STATEMENTS.read_text(encoding="utf-8")
    assert kept == compiler.statements_text()


def test_the_kept_statements_are_package_data():
    """The fast path reads them from the installed package: the wheel and the sdist carry them."""
    import tomllib

    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    with pyproject.open("rb") as stream:
        listed = tomllib.load(stream)["tool"]["setuptools"]["package-data"]["casedu"]
    assert "store/statements.json" in listed


def test_an_older_revision_is_left_to_the_store(tmp_path):
    path = _workspace(tmp_path, sample_dataset())
    with sqlite3.connect(path) as db:
        db.execute("UPDATE casedu_revision SET version_num = 'x'")
    db.close()
    assert workspace_figures(path, 2026, policy=DEFAULT_POLICY) is None
    with pytest.raises(WorkspaceError, match="revision 'x'"):
        SqliteStore.open(path)


def test_a_value_the_model_refuses_is_left_to_the_store(tmp_path):
    path = _workspace(tmp_path, sample_dataset())
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute("UPDATE people SET name = '' WHERE row_id = 1")
    db.close()
    assert workspace_figures(path, 2026, policy=DEFAULT_POLICY) is None
    with pytest.raises(WorkspaceError, match="table people row 1"):
        SqliteStore.open(path).roster()


@pytest.mark.parametrize("singles", [False, True])
@pytest.mark.parametrize("value", ["-1", "1.5", "'x'", "x'00'", "1e300"])
@pytest.mark.parametrize("column", ["class_hours", "online_longest"])
def test_a_kept_sum_past_the_constraints_is_left_to_the_store_which_names_it(tmp_path, value,
                                                                              column, singles):
    """The year read, with or without single trainings, guards the sums' rows as it reads
    them: a value that is no whole number of millionths of at least 0 (negative, real, text,
    bytes) goes to the store, whose guard names the row."""
    path = _workspace(tmp_path, sample_dataset())
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        row_id, = db.execute("SELECT min(row_id) FROM year_sums WHERE year = 2026 AND "
                             "basis = 'start'").fetchone()
        db.execute(f"UPDATE year_sums SET {column} = {value} WHERE row_id = ?", (row_id,))
    db.close()
    for scope in (None, "DEMO"):
        assert workspace_figures(path, 2026, policy=DEFAULT_POLICY, institute=scope,
                                 singles=singles) is None
        with SqliteStore.open(path) as store, pytest.raises(WorkspaceError,
                                                            match=f"row {row_id}"):
            store.year_hours(2026, institute=scope, singles=singles)
    if singles:  # the store's read with single trainings guards every row of the year
        return
    with sqlite3.connect(path) as db:  # a row of the other basis is not read, nor guarded
        db.execute("DELETE FROM year_sums WHERE basis = 'end' AND person = "
                   "(SELECT person FROM year_sums WHERE row_id = ?)", (row_id,))
        db.execute("UPDATE year_sums SET basis = 'end' WHERE row_id = ?", (row_id,))
    db.close()
    found = workspace_figures(path, 2026, policy=DEFAULT_POLICY, singles=singles)
    with SqliteStore.open(path) as store:
        assert found == (store.roster(), store.year_hours(2026, singles=singles))


def test_a_workspace_of_casedu_0_1_is_left_to_the_store(tmp_path):
    from casedu.store.legacy import LegacyWorkspace

    path = tmp_path / "old.casedu"
    LegacyWorkspace(path, create=True).replace_all(sample_dataset(), (), ())
    assert workspace_figures(path, 2026, policy=DEFAULT_POLICY) is None
    assert not (tmp_path / "old.casedu.schema2.bak").exists()  # untouched: the store moves it


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file"), (b"not sqlite at all", "not SQLite")])
def test_a_file_that_is_no_workspace_is_refused_as_the_store_refuses_it(tmp_path, content,
                                                                         message):
    path = tmp_path / "ws.casedu"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError, match=message):
        workspace_figures(path, 2026, policy=DEFAULT_POLICY)
