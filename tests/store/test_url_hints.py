"""A database URL as a user writes it: ``postgres://`` (what hosting services hand out) and
``postgresql://`` are PostgreSQL through psycopg, the driver casedu[postgresql] installs;
``mysql://`` is told to write ``mysql+pymysql://``; a missing driver names the exact
``pip install`` line."""

import sys
import uuid

import pytest
import sqlalchemy as sa

from casedu.errors import WorkspaceError
from casedu.store import open_store
from tests.engines import server_url


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_postgres_without_a_driver_is_postgresql_through_psycopg(scheme):
    url = sa.make_url(server_url("postgresql")).set(drivername=scheme)
    text = url.render_as_string(hide_password=False)
    assert text.startswith(f"{scheme}://")
    prefix = f"u{uuid.uuid4().hex[:8]}_"
    store = open_store(text, create=True, prefix=prefix)
    try:
        assert store.dialect == "postgresql"
        assert store.engine.url.drivername == "postgresql+psycopg"
        assert store.find("institutes") == []
    finally:
        store.drop()


@pytest.mark.parametrize("scheme", ["mysql", "mariadb"])
def test_mysql_without_a_driver_is_told_to_name_pymysql(scheme, monkeypatch):
    monkeypatch.setitem(sys.modules, "MySQLdb", None)  # mysqlclient, SQLAlchemy's default
    with pytest.raises(WorkspaceError) as info:
        open_store(f"{scheme}://root:secret@127.0.0.1:3306/test")
    message = str(info.value)
    assert f"{scheme}+pymysql://root:***@127.0.0.1:3306/test" in message
    assert "secret" not in message and "pip install" not in message


@pytest.mark.parametrize(("url", "module", "line"), [
    ("postgresql+psycopg://u@h/db", "psycopg", "pip install 'casedu[postgresql]'"),
    ("postgres://u@h/db", "psycopg", "pip install 'casedu[postgresql]'"),
    ("mysql+pymysql://u@h/db", "pymysql", "pip install 'casedu[mysql]'"),
    ("mariadb+pymysql://u@h/db", "pymysql", "pip install 'casedu[mysql]'"),
])
def test_a_missing_driver_names_the_pip_install_line(url, module, line, monkeypatch):
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(WorkspaceError) as info:
        open_store(url)
    assert line in str(info.value)


def test_a_driver_casedu_does_not_install_is_named_as_it_is(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg2", None)
    with pytest.raises(WorkspaceError) as info:
        open_store("postgresql+psycopg2://u@h/db")
    message = str(info.value)
    assert "psycopg2" in message and "postgresql+psycopg://" in message
