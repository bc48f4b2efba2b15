"""Where a command finds its data: DATA or WORKSPACE, else ``CASEDU_DATABASE_URL`` (SPEC §9); and
casedu's tables under a prefix (``--prefix``, ``CASEDU_TABLE_PREFIX``) or in a PostgreSQL schema
(``--schema``, ``CASEDU_DATABASE_SCHEMA``) beside a portal's own."""

import argparse
import json
import uuid

import pytest

from casedu.cli import _parser, main
from casedu.dataset import save_dataset
from casedu.sample import sample_dataset
from tests.engines import server_url
from tests.importers.files import write_rows
from tests.test_cli_workspace import run

SCOPE = ("--institute", "DEMO", "--year", "2026")


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "dataset.json"
    save_dataset(sample_dataset(), path)
    return path


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    for name in ("CASEDU_DATABASE_URL", "CASEDU_TABLE_PREFIX", "CASEDU_DATABASE_SCHEMA"):
        monkeypatch.delenv(name, raising=False)


def _takes_data_or_workspace():
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(name for name, sub in action.choices.items()
                  if any(a.dest in ("data", "workspace", "people") for a in sub._actions))


@pytest.mark.parametrize("name", _takes_data_or_workspace())
def test_every_command_says_in_its_help_that_it_reads_the_environment(name, capsys):
    with pytest.raises(SystemExit):
        main([name, "--help"])
    assert "CASEDU_DATABASE_URL" in " ".join(capsys.readouterr().out.split())


def test_the_commands_run_on_the_database_of_the_environment(data, tmp_path, capsys,
                                                              monkeypatch):
    monkeypatch.setenv("CASEDU_DATABASE_URL", f"sqlite:///{tmp_path / 'env.casedu'}")
    assert run(capsys, "init", "--from", data)[0] == 0
    assert (tmp_path / "env.casedu").exists()
    code, out, err = run(capsys, "summary", *SCOPE, "--format", "json")
    assert code == 0 and json.loads(out)["institute"] == "DEMO", err
    assert run(capsys, "check", *SCOPE, "--today", "2026-12-31")[0] in (0, 1)
    assert run(capsys, "backbone", *SCOPE)[0] == 0
    assert run(capsys, "validate")[0] == 0
    roster = write_rows(tmp_path / "people.xlsx", [["人员编号", "姓名", "部门"],
                                                   ["N0001", "新人", None]])
    code, out, err = run(capsys, "import", "people", roster, "--institute", "DEMO")
    assert code == 0 and "1 records written" in out, err
    code, out, _ = run(capsys, "pending", "--institute", "DEMO")
    record = next(word for word in out.split() if word.startswith("EL"))
    assert run(capsys, "review", record, "--approve", "--institute", "DEMO")[0] == 0
    screen = json.loads(run(capsys, "backbone", *SCOPE, "--format", "json")[1])
    person = next(p["person"] for p in screen["eligible"] if p["reported"])
    code, out, err = run(capsys, "revoke-backbone", "--year", "2026", person,
                         "--institute", "DEMO")
    assert code == 0 and person in out, err
    code, out, err = run(capsys, "report-backbone", "--year", "2026", person,
                         "--institute", "DEMO")
    assert code == 0 and person in out, err
    assert run(capsys, "summary-refresh", "--year", "2026", "--institute", "DEMO")[0] == 0
    out = tmp_path / "stats.json"
    assert run(capsys, "export", "class-stats", *SCOPE, "--output", out)[0] == 0
    assert run(capsys, "dump", "--output", tmp_path / "dump.json")[0] == 0
    assert run(capsys, "backup", "--output", tmp_path / "copy.casedu")[0] == 0
    code, out, _ = run(capsys, "audit", "--institute", "DEMO")
    assert code == 0 and "review_external" in out and "report_backbone" in out


def test_a_workspace_named_is_taken_before_the_environment(data, tmp_path, capsys, monkeypatch):
    named = tmp_path / "named.casedu"
    assert run(capsys, "init", named, "--from", data)[0] == 0
    monkeypatch.setenv("CASEDU_DATABASE_URL", f"sqlite:///{tmp_path / 'absent.casedu'}")
    assert run(capsys, "summary", named, *SCOPE)[0] == 0
    code, _, err = run(capsys, "report-backbone", named, "--year", "2026", "NOBODY",
                         "--institute", "DEMO")
    assert code == 1 and "NOBODY" in err and not (tmp_path / "absent.casedu").exists()


@pytest.mark.parametrize("argv", [["summary", *SCOPE], ["dump", "--output", "x.json"],
                                  ["pending"], ["review", "EL-0001", "--approve"],
                                  ["report-backbone", "--year", "2026", "P1"], ["init"]])
def test_neither_a_workspace_nor_the_environment_is_a_usage_error(argv, capsys):
    code, _, err = run(capsys, *argv)
    assert code == 2 and "CASEDU_DATABASE_URL" in err and "Traceback" not in err


# -- a prefix and a schema ----------------------------------------------------------------------


@pytest.fixture
def drop_after():
    """Each (url, prefix, schema) made by a test, dropped afterwards."""
    made = []
    yield made
    import sqlalchemy as sa

    from casedu.store import SqlStore

    for url, prefix, schema in made:
        engine = sa.create_engine(url)
        try:
            SqlStore(engine, prefix=prefix, schema=schema, migrate=None).drop()
        finally:
            engine.dispose()


@pytest.mark.parametrize("kind", ["postgresql", "mariadb"])
def test_a_prefix_keeps_casedus_tables_beside_a_portals(kind, data, capsys, monkeypatch,
                                                         drop_after):
    import sqlalchemy as sa

    url = server_url(kind)
    prefix = f"c{uuid.uuid4().hex[:8]}_"
    drop_after.append((url, prefix, None))
    code, out, err = run(capsys, "init", url, "--prefix", prefix, "--from", data)
    assert code == 0, err
    engine = sa.create_engine(url)
    try:
        names = set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert f"{prefix}people" in names and f"{prefix}institutes" in names
    code, out, err = run(capsys, "summary", url, "--prefix", prefix, *SCOPE, "--format", "json")
    assert code == 0 and json.loads(out)["institute"] == "DEMO", err
    # the prefix from the environment, the URL too
    monkeypatch.setenv("CASEDU_DATABASE_URL", url)
    monkeypatch.setenv("CASEDU_TABLE_PREFIX", prefix)
    code, out, err = run(capsys, "pending", "--institute", "DEMO")
    assert code == 0 and "pending" in out, err
    # another prefix holds nothing of casedu's: refused, nothing made
    other = f"c{uuid.uuid4().hex[:8]}_"
    code, _, err = run(capsys, "summary", "--prefix", other, *SCOPE)
    assert code == 1 and "no casedu tables" in err


def test_a_postgresql_schema_holds_casedus_tables(data, capsys, monkeypatch, drop_after):
    import sqlalchemy as sa

    url = server_url("postgresql")
    schema = f"casedu_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        code, _, err = run(capsys, "init", url, "--schema", schema, "--from", data)
        assert code == 0, err
        assert "people" in sa.inspect(engine).get_table_names(schema=schema)
        assert "people" not in sa.inspect(engine).get_table_names()
        code, out, err = run(capsys, "summary", url, "--schema", schema, *SCOPE, "--format",
                             "json")
        assert code == 0 and json.loads(out)["institute"] == "DEMO", err
        monkeypatch.setenv("CASEDU_DATABASE_URL", url)
        monkeypatch.setenv("CASEDU_DATABASE_SCHEMA", schema)
        assert run(capsys, "backbone", *SCOPE)[0] == 0
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def test_a_workspace_file_takes_no_prefix_or_schema(data, tmp_path, capsys, monkeypatch):
    ws = tmp_path / "ws.casedu"
    for option in (["--prefix", "casedu_"], ["--schema", "casedu"]):
        code, _, err = run(capsys, "init", ws, *option, "--from", data)
        assert code == 2 and "workspace file" in err
        assert not ws.exists()
    # the environment's prefix is a database server's: a file named on the command line works
    monkeypatch.setenv("CASEDU_TABLE_PREFIX", "casedu_")
    assert run(capsys, "init", ws, "--from", data)[0] == 0


@pytest.mark.parametrize("prefix", ["casedu-", "表_", "a b", ""])
def test_a_prefix_is_letters_digits_and_underscores(prefix, capsys):
    with pytest.raises(SystemExit) as info:
        main(["summary", "postgresql+psycopg://u@h/db", "--prefix", prefix, *SCOPE])
    assert info.value.code == 2 and "--prefix" in capsys.readouterr().err


def test_the_environment_is_the_stores(monkeypatch):
    from casedu.cli.arguments import DATABASE_ENV
    from casedu.store import ENVIRONMENT

    assert DATABASE_ENV == ENVIRONMENT


def test_serve_takes_a_prefix(data, capsys, monkeypatch, drop_after):
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(app))
    url = server_url("postgresql")
    prefix = f"c{uuid.uuid4().hex[:8]}_"
    drop_after.append((url, prefix, None))
    assert run(capsys, "init", url, "--prefix", prefix, "--from", data)[0] == 0
    code, _, err = run(capsys, "serve", url, "--prefix", f"x{prefix}")
    assert code == 1 and "no casedu tables" in err and not served
    monkeypatch.setenv("CASEDU_DATABASE_URL", url)
    monkeypatch.setenv("CASEDU_TABLE_PREFIX", prefix)
    assert run(capsys, "serve")[0] == 0 and len(served) == 1
