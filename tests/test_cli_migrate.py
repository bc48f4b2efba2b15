"""``casedu migrate``: migrations are explicit on a database server (a store of an earlier casedu
is refused with the command to run), ``--sql`` prints the statements and runs nothing,
``--check`` exits 1 when the tables are behind; a workspace file migrates itself after a
backup."""

import subprocess
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casedu.store import REVISION, SqlStore
from tests.engines import new_store
from tests.store.test_migrations import old_database, rows_0001, structure
from tests.test_cli_workspace import run


def _url(engine):
    return engine.url.render_as_string(hide_password=False)


def _revision(engine, prefix):
    return SqlStore(engine, prefix=prefix, migrate=None).migration_status()[0]


@pytest.fixture(params=["postgresql", "mariadb"])
def old_server(request, tmp_path):
    """A database of revision 0001 on a server, with a row, dropped afterwards."""
    engine, prefix = old_database(request.param, tmp_path)
    with engine.begin() as conn:
        rows_0001(conn, prefix, request.param, Decimal(24))
    yield request.param, engine, prefix
    SqlStore(engine, prefix=prefix, migrate=None).drop()
    with engine.begin() as conn:  # the revision table of 0001's time, when it was not moved
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {prefix}alembic_version"))
    engine.dispose()


def test_a_server_store_of_an_earlier_casedu_is_refused_with_the_command(old_server, capsys):
    _, engine, prefix = old_server
    url = _url(engine)
    code, _, err = run(capsys, "summary", url, "--prefix", prefix, "--institute", "IOP",
                       "--year", "2026")
    assert code == 1
    assert f"casedu migrate {engine.url.render_as_string()} --prefix {prefix}" in err
    assert "revision 0001" in err and f"needs {REVISION}" in err
    assert _revision(engine, prefix) == "0001"  # nothing was migrated implicitly
    with pytest.raises(Exception, match="casedu migrate"):
        SqlStore(engine, prefix=prefix)  # a portal's own engine: the same refusal


def test_check_sql_and_migrate_on_a_server(old_server, capsys):
    _, engine, prefix = old_server
    url = _url(engine)
    code, out, _ = run(capsys, "migrate", url, "--prefix", prefix, "--check")
    assert code == 1 and "revision 0001" in out and "run casedu migrate" in out
    code, out, err = run(capsys, "migrate", url, "--prefix", prefix, "--sql")
    assert code == 0, err
    assert f"{prefix}sessions" in out and "ALTER TABLE" in out and "CHECK" in out
    assert f"'{REVISION}'" in out  # the revision written last
    assert _revision(engine, prefix) == "0001"  # --sql ran nothing
    code, out, _ = run(capsys, "migrate", url, "--prefix", prefix)
    assert code == 0 and f"from revision 0001 to {REVISION}" in out
    assert run(capsys, "migrate", url, "--prefix", prefix, "--check")[0] == 0
    code, out, _ = run(capsys, "migrate", url, "--prefix", prefix)
    assert code == 0 and "nothing to do" in out
    code, out, _ = run(capsys, "migrate", url, "--prefix", prefix, "--sql")
    assert code == 0 and "nothing to run" in out


def test_the_printed_sql_run_by_the_database_client_makes_the_tables_of_a_new_store(
        old_server, capsys, tmp_path):
    """What a DBA does: review the statements, run them with psql or mariadb, and the store is
    exactly a new store's, its rows kept."""
    kind, engine, prefix = old_server
    url = engine.url
    code, out, _ = run(capsys, "migrate", _url(engine), "--prefix", prefix, "--sql")
    assert code == 0
    script = tmp_path / "migrate.sql"
    script.write_text(out, encoding="utf-8")
    if kind == "postgresql":
        client = ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", url.host, "-p", str(url.port),
                  "-U", url.username, "-d", url.database, "-f", str(script)]
    else:
        client = ["mariadb", "--protocol=tcp", "-h", url.host, "-P", str(url.port),
                  "-u", url.username, url.database, "-e", f"source {script}"]
    done = subprocess.run(client, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert run(capsys, "migrate", _url(engine), "--prefix", prefix, "--check")[0] == 0
    migrated = SqlStore(engine, prefix=prefix)
    assert [p.id for p in migrated.find("people")] == ["p1"]
    with new_store(kind, tmp_path) as new:
        assert structure(migrated) == structure(new)


def test_a_workspace_file_migrates_itself_after_a_backup(tmp_path, capsys):
    engine, _ = old_database("sqlite", tmp_path)
    with engine.begin() as conn:
        rows_0001(conn, "", "sqlite", Decimal(24))
    path = engine.url.database
    engine.dispose()
    code, out, _ = run(capsys, "migrate", path, "--check")
    assert code == 1 and "revision 0001" in out
    code, _, err = run(capsys, "migrate", path, "--sql")
    assert code == 3 and "migrates itself" in err
    code, out, err = run(capsys, "summary", path, "--institute", "IOP", "--year", "2026",
                         "--format", "json")
    assert code == 0, err
    backup = tmp_path / f"{path.rsplit('/', 1)[1]}.rev0001.bak"
    assert backup.exists()
    kept = sa.create_engine(f"sqlite:///{backup}")
    try:
        assert _revision(kept, "") == "0001"  # the workspace as it was
    finally:
        kept.dispose()
    assert run(capsys, "migrate", path, "--check")[0] == 0


def test_migrate_a_store_that_is_not_casedus_exits_3(tmp_path, capsys):
    other = tmp_path / "other.db"
    engine = sa.create_engine(f"sqlite:///{other}")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE people (id TEXT)"))
    engine.dispose()
    code, _, err = run(capsys, "migrate", other, "--check")
    assert code == 3 and "Traceback" not in err
