"""The commands on a database URL give exactly what they give on a workspace file."""

import json
import uuid

import pytest

from casedu.dataset import save_dataset
from casedu.sample import sample_dataset
from tests.engines import server_url
from tests.importers.files import write_rows
from tests.test_cli_workspace import run


@pytest.fixture
def databases():
    """A PostgreSQL schema and a MariaDB database of their own, as URLs, dropped afterwards."""
    import sqlalchemy as sa

    name = f"cli_{uuid.uuid4().hex[:10]}"
    postgresql, mariadb = sa.make_url(server_url("postgresql")), sa.make_url(
        server_url("mariadb"))
    pg = sa.create_engine(postgresql)
    maria = sa.create_engine(mariadb)
    with pg.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    with maria.begin() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
    urls = {
        "postgresql": postgresql.update_query_dict({"options": f"-csearch_path={name}"})
        .render_as_string(hide_password=False),
        "mariadb": mariadb.set(database=name).render_as_string(hide_password=False),
    }
    try:
        yield urls
    finally:
        with pg.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        with maria.begin() as conn:
            conn.execute(sa.text(f"DROP DATABASE {name}"))
        pg.dispose()
        maria.dispose()


def _session(capsys, target, data, roster, tmp_path, tag):
    """The administrator's year on ``target``: every command's exit status and output."""
    institute, year = "DEMO", "2026"
    scope = ["--institute", institute]
    seen = []

    def step(*argv):
        code, out, err = run(capsys, *argv)
        seen.append((argv[0], code, out.replace(str(target), "TARGET").replace(f"{tag}-", ""),
                     err))
        assert code == 0, (argv[0], err)
        return out

    step("init", target, "--from", data)
    step("summary", target, "--institute", institute, "--year", year, "--format", "json")
    step("backbone", target, "--institute", institute, "--year", year, "--format", "json")
    step("import", target, "people", roster, *scope)
    pending = step("pending", target, *scope)
    record = next(word for word in pending.split() if word.startswith("EL"))
    step("review", target, record, "--approve", *scope)
    step("summary-refresh", target, "--year", year, *scope)
    step("summary-edit", target, "--year", year, "--investment", "88000.00", *scope)
    step("summary-submit", target, "--year", year, *scope)
    step("summary", target, "--institute", institute, "--year", year, "--format", "json")
    out = tmp_path / f"{tag}-stats.json"
    step("export", "class-stats", target, "--institute", institute, "--year", year,
         "--output", out)
    dump = tmp_path / f"{tag}-dump.json"
    step("dump", target, "--output", dump)
    audit = step("audit", target, *scope)
    return seen, json.loads(out.read_text(encoding="utf-8")), dump.read_text("utf-8"), audit


@pytest.mark.slow
def test_every_command_on_a_url_gives_what_it_gives_on_a_file(databases, tmp_path, capsys,
                                                               monkeypatch):
    import datetime as dt

    from casedu.cli import acting

    # one moment for every run: a submission's date is part of the data (and of the report's
    # fingerprint), and the runs must not straddle midnight
    monkeypatch.setattr(acting, "now", lambda: dt.datetime(2026, 12, 20, 9, tzinfo=dt.UTC))
    data = tmp_path / "dataset.json"
    save_dataset(sample_dataset(), data)
    roster = write_rows(tmp_path / "arp.xlsx", [["人员编号", "姓名", "部门"],
                                                 ["N0001", "新人", None]])
    file_run = _session(capsys, tmp_path / "ws.casedu", data, roster, tmp_path, "file")
    assert all(code == 0 for _, code, _, _ in file_run[0]), file_run[0]
    for kind, url in databases.items():
        url_run = _session(capsys, url, data, roster, tmp_path, kind)
        for (name, code, out, err), (_, code0, out0, err0) in zip(
                url_run[0], file_run[0], strict=True):
            assert (code, err) == (code0, err0), name
            if name not in ("init", "audit"):
                assert out == out0, name
        assert url_run[1] == file_run[1]  # the exported report
        assert url_run[2] == file_run[2]  # the dump
        assert _without_times(url_run[3]) == _without_times(file_run[3])


def test_a_password_is_never_printed(databases, tmp_path, capsys, monkeypatch):
    import sqlalchemy as sa

    url = sa.make_url(databases["postgresql"]).set(password="s3cret-Pw")
    code, out, err = run(capsys, "summary", url.render_as_string(hide_password=False),
                         "--institute", "DEMO", "--year", "2026")
    assert code == 1 and "s3cret" not in out + err and "***" in err
    monkeypatch.setenv("CASEDU_DATABASE_URL", databases["mariadb"])
    data = tmp_path / "dataset.json"
    save_dataset(sample_dataset(), data)
    code, out, err = run(capsys, "init", "env:CASEDU_DATABASE_URL", "--from", data)
    assert code == 0, err
    code, out, _ = run(capsys, "summary", "env:CASEDU_DATABASE_URL", "--institute", "DEMO",
                       "--year", "2026", "--format", "json")
    assert code == 0 and json.loads(out)["in_service_total"] > 0
    code, _, err = run(capsys, "backup", "env:CASEDU_DATABASE_URL", "--output", tmp_path / "b")
    assert code == 1 and "mariadb-dump" in err and not (tmp_path / "b").exists()
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "dump", "env:NO_SUCH_VARIABLE", "--output", tmp_path / "x")
    assert exit_.value.code == 2 and "NO_SUCH_VARIABLE" in capsys.readouterr().err


def _without_times(audit: str) -> list[str]:
    """The audit's lines without their times."""
    return [" ".join(line.split()[2:]) for line in audit.splitlines()]
