"""No secret of a database URL reaches output or the log: not a password in its place, not
``?password=`` in the query string, not a URL whose ``://`` was mistyped (given directly or
through ``env:NAME``). Each is looked for in the error's str() and repr(), its traceback, the
store's str() and repr(), its engine's repr(), what the command line prints and casedu's
log."""

from __future__ import annotations

import logging
import traceback

import pytest
import sqlalchemy as sa

from casedu.errors import CaseduError
from casedu.store import open_store, safe_url
from tests.engines import server_url
from tests.test_cli_workspace import run

SECRET = "hunter2-Zq9"


def _server(kind: str, **parts) -> sa.URL:
    return sa.make_url(server_url(kind)).set(**parts)


def _refused_urls() -> dict[str, str]:
    pg = _server("postgresql")
    mariadb = _server("mariadb")
    return {
        "password in the query, no such database": pg.set(database="no_such_db_store")
        .update_query_dict({"password": SECRET}).render_as_string(hide_password=False),
        "password in its place, a closed port": pg.set(password=SECRET, port=1)
        .render_as_string(hide_password=False),
        "MariaDB, wrong password in the query": mariadb.update_query_dict(
            {"password": SECRET}).render_as_string(hide_password=False),
        "'://' without its ':'": f"postgresql+psycopg//postgres:{SECRET}@127.0.0.1/test",
        "'://' without its '//'": f"postgresql+psycopg:/postgres:{SECRET}@127.0.0.1/test",
        "'://' without a '/'": f"mysql+pymysql:/root:{SECRET}@127.0.0.1/test",
    }


@pytest.fixture
def log(caplog):
    with caplog.at_level(logging.DEBUG, logger="casedu"):
        yield caplog


@pytest.mark.parametrize("what", [
    "password in the query, no such database", "password in its place, a closed port",
    "MariaDB, wrong password in the query", "'://' without its ':'",
    "'://' without its '//'", "'://' without a '/'"])
def test_a_refused_url_keeps_its_secret(what, log, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a mistyped URL is a file name: none is made
    url = _refused_urls()[what]
    with pytest.raises(CaseduError) as info:
        open_store(url)
    shown = [str(info.value), repr(info.value),
             "".join(traceback.format_exception(info.value)), log.text]
    for text in shown:
        assert SECRET not in text, text
    assert list(tmp_path.iterdir()) == []


def test_an_open_store_keeps_the_password_of_its_query(log):
    """PostgreSQL's trust authentication takes the password and ignores it."""
    url = _server("postgresql").update_query_dict({"password": SECRET})
    text = url.render_as_string(hide_password=False)
    with open_store(text, create=True, prefix="secrets_store_") as store:
        try:
            for shown in (str(store), repr(store), store.name, repr(store.engine),
                          str(store.engine.url), log.text):
                assert SECRET not in shown, shown
        finally:
            store.drop()
    assert SECRET not in safe_url(text) and "password=***" in safe_url(text)


@pytest.mark.parametrize("how", ["argument", "env"])
def test_the_command_line_keeps_every_secret(how, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for url in _refused_urls().values():
        target = url
        if how == "env":
            monkeypatch.setenv("CASEDU_SECRET_URL", url)
            target = "env:CASEDU_SECRET_URL"
        try:
            code, out, err = run(capsys, "-vv", "summary", target, "--institute", "IOP",
                                 "--year", "2026")
        except SystemExit as usage:  # refused as an argument
            code, (out, err) = usage.code, capsys.readouterr()
        assert code != 0
        assert SECRET not in out + err, err
        assert "Traceback" not in err
