"""A dataset loaded into MariaDB by ``LOAD DATA LOCAL INFILE`` when the connection and the
server allow it, by multi-row ``INSERT``s when not: the same rows either way; a row the
server refuses (a warning under ``LOCAL``, where it would skip the row) refuses the whole
load, and nothing of the store is left."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa

from casedu.errors import CaseduError
from casedu.store import SqlStore
from casedu.store import writes as store_writes
from tests.builders import external, online
from tests.engines import isolated, table_names
from tests.services.world import world_dataset

#: A text a tab-separated file must carry whole: its escapes (the model refuses control
#: characters such as a tab in a title).
AWKWARD = "a\\backslash, \\N, \\t and 反斜杠 \\"


def _dataset():
    data = world_dataset()
    return attrs.evolve(
        data,
        external_learning=(*data.external_learning,
                           attrs.evolve(external("EW", "s1", "12.75"), title=AWKWARD)),
        online_learning=(*data.online_learning,
                         attrs.evolve(online("s1", "c9", "0.5", date=dt.date(2026, 2, 28)),
                                      title=AWKWARD),
                         online("s2", "c1", "1000")))


@pytest.fixture
def database(tmp_path):
    with isolated("mariadb", tmp_path) as url:
        yield url


def _load(url: str, monkeypatch, *, infile: bool):
    loads = []
    real = SqlStore._load_data

    def counted(self, conn, section, row_of, records):
        loads.append(section)
        real(self, conn, section, row_of, records)

    monkeypatch.setattr(SqlStore, "_load_data", counted)
    engine = sa.create_engine(sa.make_url(url).update_query_dict(
        {"local_infile": "1"} if infile else {}))
    store = SqlStore(engine, create=True, dataset=_dataset(), own_engine=True)
    return store, loads


@pytest.mark.parametrize("infile", [True, False], ids=["load data", "inserts"])
def test_either_path_loads_the_same_rows(database, monkeypatch, infile):
    store, loads = _load(database, monkeypatch, infile=infile)
    try:
        assert loads == (["attendance", "external_learning", "online_learning"] if infile
                         else [])
        state = store.state().dataset
        expected = _dataset()
        for section in ("attendance", "external_learning", "online_learning"):
            assert sorted(map(repr, getattr(state, section))) == \
                sorted(map(repr, getattr(expected, section))), section
        assert store.get("external_learning", ("EW",)).title == AWKWARD
        assert store.year_hours(2026, singles=False).of("s2").online_hours == Decimal(1000)
        assert store.stale_sums() == []
    finally:
        store.close()


def test_the_server_refusing_local_files_loads_by_inserts(database, monkeypatch):
    monkeypatch.setattr(store_writes, "local_infile", lambda conn: False)
    store, loads = _load(database, monkeypatch, infile=True)
    try:
        assert loads == []
        assert len(store.state().dataset.online_learning) == len(_dataset().online_learning)
    finally:
        store.close()


def test_a_row_the_server_refuses_refuses_the_whole_load(database, monkeypatch):
    """Under ``LOCAL`` MariaDB skips a row that breaks a CHECK constraint with a warning:
    casedu refuses the load instead, and the tables it made are gone."""
    real = SqlStore._flat_insert

    def one_bad_row(self, section):
        made = real(self, section)
        if made is None or section != "online_learning":
            return made
        statement, row_of = made

        def bad(record):  # negative hours: the model refuses them; the database too
            row = row_of(record)
            return (*row[:3], Decimal(-1), *row[4:]) if record.course == "c9" else row
        return statement, bad

    monkeypatch.setattr(SqlStore, "_flat_insert", one_bad_row)
    with pytest.raises(CaseduError, match=r"refused rows of online_learning \(1 of 2 loaded: "
                                          r"CONSTRAINT .online_learning_hours_range. failed"):
        _load(database, monkeypatch, infile=True)
    assert table_names(database) == []
