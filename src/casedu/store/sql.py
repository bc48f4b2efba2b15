"""The SQL store: casedu's data in SQLite, PostgreSQL or MariaDB/MySQL, through SQLAlchemy Core.

:class:`SqlStore` opens (or makes, or migrates) casedu's tables in a database and puts its
parts together, each in a module of its own:

- :mod:`casedu.store.tables`: the tables, declared once for every engine;
- :mod:`casedu.store.transactions`: the transactions, and the database's errors as casedu's;
- :mod:`casedu.store.reads`: every read, targeted, and how a row becomes a record;
- :mod:`casedu.store.writes`: a commit under row locks, a whole dataset loaded in batches;
- :mod:`casedu.store.listings` and :mod:`casedu.store.sessions`: the lists' paged reads, the
  logins;
- :mod:`casedu.store.migrations`: making the tables whole or not at all, and migrating them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from casedu.logs import logger
from casedu.model import Account, Dataset
from casedu.services.changes import AuditEvent
from casedu.store.engines import engine_name, safe_url
from casedu.store.listings import SqlListings
from casedu.store.migrations import open_tables
from casedu.store.migrations.printed import migration_sql, migration_status
from casedu.store.reads import account_of, roster_statement, select_records
from casedu.store.revisions import REVISION_TABLE
from casedu.store.sessions import SqlSessions
from casedu.store.tables import Tables
from casedu.store.transactions import sqlite_transactions
from casedu.store.writes import SqlWrites

# account_of, roster_statement and select_records are the reads' (casedu.store.reads), named
# here too for the modules that import them from the store itself
__all__ = ["SqlStore", "account_of", "roster_statement", "safe_url", "select_records"]

_log = logger("store")


class SqlStore(SqlWrites, SqlListings, SqlSessions):
    """casedu's tables in a database, reached through a SQLAlchemy ``engine``.

    >>> import sqlalchemy as sa
    >>> store = SqlStore(sa.create_engine("sqlite://"), create=True)
    >>> store.find("people")
    []

    A portal passes its own engine; ``prefix`` (``casedu_``) or ``schema`` keep casedu's tables
    apart from its own. The tables are created with ``create`` (on an empty database). Tables
    made by an earlier casedu are migrated forward with ``migrate=True`` (what ``casedu
    migrate`` does) and refused otherwise, naming the command; with ``migrate=None`` the
    tables are not looked at (:meth:`migration_sql`, :meth:`drop`). A database made by a
    newer casedu is refused. With ``own_engine`` the store disposes of the engine when it is
    closed (:func:`casedu.store.open_store` makes its own); a portal's engine stays the portal's.
    With ``read_engine`` (a read replica of the same database) the figures (:meth:`roster`,
    :meth:`year_hours`) are read from it; everything else, the workflow's reads and every
    write, stays on ``engine``.
    """

    def __init__(self, engine: sa.Engine, *, prefix: str = "", schema: str | None = None,
                 create: bool = False, migrate: bool | None = False, name: str | None = None,
                 own_engine: bool = False, dataset: Dataset | None = None,
                 accounts: Iterable[Account] = (), events: Sequence[AuditEvent] = (),
                 read_engine: sa.Engine | None = None) -> None:
        self.engine = engine
        self._owns_engine = own_engine
        self.name = name or safe_url(engine.url)
        if read_engine is not None:  # the figures' reads; its tables are the primary's
            self.read_engine, self.read_name = read_engine, safe_url(read_engine.url)
            if read_engine.dialect.name == "sqlite":
                sqlite_transactions(read_engine)
        with self._errors():
            self.tables = Tables(prefix=prefix, schema=schema, dialect=engine_name(engine))
        if engine.dialect.name == "sqlite":
            sqlite_transactions(engine)
        if create:
            contents = (dataset, tuple(accounts), tuple(events))
            filled = contents != (None, (), ())

            def fill(conn: sa.Connection) -> None:
                self._load(conn, dataset or Dataset(), contents[2], contents[1])

            open_tables(self, create=True, fill=fill if filled else None)
            if filled:
                self.analyze()
        elif migrate is not None:
            #: The revision migrated from when the store was opened (None: none).
            self.migrated_from = open_tables(self, create=False, migrate=migrate,
                                             before_migrating=self._before_migrating)
        _log.info("opened %s (%s%s)", self.name, self.dialect,
                  "".join(f", {k} {v}" for k, v in (("prefix", prefix), ("schema", schema)) if v))

    migrated_from: str | None = None

    def _before_migrating(self, revision: str) -> None:
        """What is done before tables of ``revision`` are migrated (a workspace's backup)."""

    def migration_status(self) -> tuple[str, bool]:
        """The revision of the store's tables and whether ``casedu migrate`` has work to do; a
        store that is not casedu's, or of a newer casedu, is refused."""
        with self._errors():
            return migration_status(self)

    def migration_sql(self) -> tuple[str, str]:
        """The store's revision and the SQL that brings it to this casedu's tables, printed
        and not run ("" when it is there already): ``casedu migrate --sql``."""
        with self._errors():
            return migration_sql(self)

    def close(self) -> None:
        """Close the store's connections (an engine passed in by a portal is the portal's to
        dispose of; its pool gives back what casedu took)."""
        if self._owns_engine:
            self.engine.dispose()
            if self.read_engine is not None:
                self.read_engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def drop(self) -> None:
        """Remove casedu's tables and their revision (the portal's own tables are not
        touched), and close the store."""
        with self._errors():
            self.tables.metadata.drop_all(self.engine)
            version = sa.Table(self.tables.name(REVISION_TABLE), sa.MetaData(),
                               sa.Column("version_num", sa.String(32)),
                               schema=self.tables.schema)
            version.drop(self.engine, checkfirst=True)
        self.engine.dispose()
