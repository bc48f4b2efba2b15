"""The SQL store's connection to its database: one read or write transaction at a time, SQLite
set up as a workspace wants it, and the database's errors turned into casedu's.

A read transaction gives a consistent view for every query inside it; a write transaction is
committed when its block ends and rolled back on any error. An error of the database becomes a
:class:`~casedu.errors.CaseduError` naming the database (never its password): a refused value or
key a :class:`~casedu.errors.ConflictError`, a lock held by another writer one too (try again),
a value stored outside casedu that the model refuses a :class:`~casedu.errors.WorkspaceError`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa

from casedu.errors import CaseduError, ConflictError, WorkspaceError
from casedu.store.engines import reason
from casedu.store.records import StoredValueError
from casedu.store.tables import Tables

__all__ = ["SqlConnection", "is_contention", "sqlite_transactions"]


#: The store and connection of the look in progress (:meth:`SqlConnection.looking`).
_LOOK: ContextVar[tuple[Any, sa.Connection, dict[Any, Any]] | None] = ContextVar(
    "casedu_look", default=None)


class SqlConnection:
    """What every part of :class:`~casedu.store.SqlStore` stands on: the ``engine``, the
    ``tables``, the ``name`` messages give the database, and its transactions."""

    engine: sa.Engine
    tables: Tables
    #: How messages name the database: the URL without its password.
    name: str

    @property
    def dialect(self) -> str:
        """``sqlite``, ``postgresql``, ``mysql`` or ``mariadb``."""
        return str(self.engine.dialect.name)

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """One read transaction (a consistent view for every query inside it), rolled back
        when it ends: a read changes nothing, and a connection closed in its transaction
        sends one ``ROLLBACK``, where a ``COMMIT`` is followed by the pool's own reset (on
        MariaDB two round trips to the server)."""
        with self._errors(), self.engine.connect() as conn:
            conn.begin()
            yield conn

    @contextmanager
    def _reading_one(self) -> Iterator[sa.Connection]:
        """A connection for one statement that reads: a single statement sees one consistent
        state by itself, so on PostgreSQL it runs outside a transaction (autocommit: one round
        trip to the server instead of three, with ``BEGIN`` and ``COMMIT``); elsewhere as
        :meth:`_reading` (MariaDB's driver would spend a round trip switching autocommit on,
        and SQLite's is in process)."""
        shared = _LOOK.get()
        if shared is not None and shared[0] is self:
            with self._errors():
                yield shared[1]
            return
        if self.engine.dialect.name != "postgresql":
            with self._reading() as conn:
                yield conn
            return
        with self._errors(), self.engine.connect().execution_options(
                isolation_level="AUTOCOMMIT") as conn:
            yield conn

    @contextmanager
    def looking(self) -> Iterator[None]:
        """The reads of one record each (``get``) inside the block share one connection: the
        look an operation takes before it authorizes (its record, the record's person, the
        account). On PostgreSQL each still runs by itself (autocommit); on MariaDB they run in
        one transaction, so that the look pays one end (a round trip to the server) instead of
        one a read, and a write inside the look carries it on (:meth:`_writing`). SQLite
        reads in process, as without a look. Nested, the outer block's connection serves.
        An external-learning record read in a look comes with its person, in one statement,
        and the look keeps the person for its next read of them."""
        if _LOOK.get() is not None or self.dialect == "sqlite":  # in process: nothing to
            yield  # spare, and its writer must begin on a connection of its own
            return
        with self._reading_one() as conn:
            token = _LOOK.set((self, conn, {}))
            try:
                yield
            finally:
                _LOOK.reset(token)

    #: The read replica the figures are read from (None: the database itself), and how
    #: messages name it.
    read_engine: sa.Engine | None = None
    read_name: str | None = None

    @contextmanager
    def _figures_reading(self) -> Iterator[sa.Connection]:
        """One read transaction for the figures (the roster and the year's sums): on the read
        replica when the store has one, else as :meth:`_reading`. A replica applies the
        primary's changes a moment later, so the figures may lag behind the last write; the
        workflow reads and writes on the primary."""
        if self.read_engine is None:
            with self._reading() as conn:
                yield conn
            return
        with self._errors(name=f"{self.read_name} (the read replica of {self.name})"), \
                self.read_engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """One write transaction: committed when the block ends, rolled back on any error.
        Inside a look (:meth:`looking`) on MariaDB, the look's connection carries on into the
        write: its reads and the write are one transaction (every statement of the write that
        decides locks and reads the rows as they are, not the look's view), which spares the
        look's end and a connection's reset, two round trips to the server."""
        shared = _LOOK.get()
        if shared is not None and shared[0] is self and self.dialect in ("mysql", "mariadb"):
            conn = shared[1]
            with self._errors():
                try:
                    yield conn
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            return
        with self._errors(), \
                self.engine.connect().execution_options(casedu_write=True) as conn, \
                conn.begin():
            yield conn

    @contextmanager
    def _errors(self, name: str | None = None) -> Iterator[None]:
        name = name or self.name
        try:
            yield
        except CaseduError:
            raise
        except sa.exc.IntegrityError as error:
            raise ConflictError(f"{name}: the database refused the change "
                                f"({reason(error)}); nothing was written") from None
        except sa.exc.OperationalError as error:
            if is_contention(error):
                raise ConflictError(f"{name}: another writer holds these records "
                                    f"({reason(error)}); nothing was written, try again") \
                    from None
            raise WorkspaceError(f"{name}: {reason(error)}") from None
        except sa.exc.SQLAlchemyError as error:
            raise WorkspaceError(f"{name}: {reason(error)}") from None
        except StoredValueError as error:
            raise WorkspaceError(
                f"{name}: {error}; the data was changed outside casedu or is damaged: "
                "restore its backup") from None
        except (ValueError, TypeError, ArithmeticError) as error:  # a value summed or read
            raise WorkspaceError(                                   # before it became a record
                f"{name}: a stored value cannot be read ({error}); the data was changed "
                "outside casedu or is damaged: restore its backup") from None


def is_contention(error: sa.exc.OperationalError) -> bool:
    """A deadlock, a lock wait that timed out, a serialization failure, a busy SQLite file."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    args = getattr(getattr(error, "orig", None), "args", ())
    mysql_code = args[0] if args and isinstance(args[0], int) else None
    text = str(error).lower()
    return (code in ("40001", "40P01", "55P03") or mysql_code in (1205, 1213)
            or "database is locked" in text)


_PREPARED: weakref.WeakSet[sa.Engine] = weakref.WeakSet()


def sqlite_transactions(engine: sa.Engine) -> None:
    """SQLite as a workspace wants it: WAL, foreign keys, a busy timeout, and transactions that
    casedu begins itself (``BEGIN IMMEDIATE`` for a write, so two writers queue instead of
    failing halfway)."""
    if engine in _PREPARED:
        return
    _PREPARED.add(engine)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # casedu says BEGIN itself
        cursor = dbapi_connection.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("casedu_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
