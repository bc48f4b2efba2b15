"""The SQL store: casedu's data in SQLite, PostgreSQL or MariaDB/MySQL, through SQLAlchemy Core.

Every read is targeted (a record by key, the records matching a few fields, an institute's
share), so an operation costs what it touches, not what the database holds. A commit is one
transaction under the engine's own locking: each changed record is read again ``FOR UPDATE``
(PostgreSQL, MariaDB) or inside ``BEGIN IMMEDIATE`` (SQLite), compared with what the operation
saw, and written; a record changed meanwhile refuses the whole batch with
:class:`~casedu.errors.ConflictError`, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs
import sqlalchemy as sa

from casedu.errors import (
    ArgumentValueError,
    CaseduError,
    ConflictError,
    WorkspaceError,
    expect,
)
from casedu.metrics.hours import YearHours
from casedu.model import (
    Account,
    AnnualSummary,
    Dataset,
    Role,
    RoleGrant,
    TrainingPlan,
)
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import millionths
from casedu.services.changes import AuditEvent, Change
from casedu.services.reads import LEARNING, check_read, check_section
from casedu.services.store import State
from casedu.store.engines import engine_name, reason, safe_url
from casedu.store.pages import SqlPages
from casedu.store.records import (
    IMPLEMENTATION,
    RECORD_TABLES,
    ROSTER,
    StoredValueError,
    record_of,
)
from casedu.store.sessions import SqlSessions
from casedu.store.tables import KEYS, Tables

__all__ = ["SqlStore", "safe_url"]

_BATCH = 5_000

_log = logging.getLogger("casedu.store")


class SqlStore(SqlPages, SqlSessions):
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
    """

    def __init__(self, engine: sa.Engine, *, prefix: str = "", schema: str | None = None,
                 create: bool = False, migrate: bool | None = False, name: str | None = None,
                 own_engine: bool = False, dataset: Dataset | None = None,
                 accounts: Iterable[Account] = (), events: Sequence[AuditEvent] = ()) -> None:
        from casedu.store.migrations import open_tables

        self.engine = engine
        self._owns_engine = own_engine
        #: How messages name the database: the URL without its password.
        self.name = name or safe_url(engine.url)
        with self._errors():
            self.tables = Tables(prefix=prefix, schema=schema, dialect=engine_name(engine))
        if engine.dialect.name == "sqlite":
            _sqlite_transactions(engine)
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
        from casedu.store.migrations.printed import migration_status

        with self._errors():
            return migration_status(self)

    def migration_sql(self) -> tuple[str, str]:
        """The store's revision and the SQL that brings it to this casedu's tables, printed
        and not run ("" when it is there already): ``casedu migrate --sql``."""
        from casedu.store.migrations.printed import migration_sql

        with self._errors():
            return migration_sql(self)

    def close(self) -> None:
        """Close the store's connections (an engine passed in by a portal is the portal's to
        dispose of; its pool gives back what casedu took)."""
        if self._owns_engine:
            self.engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        """``sqlite``, ``postgresql``, ``mysql`` or ``mariadb``."""
        return str(self.engine.dialect.name)

    # -- transactions ------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """One read transaction (a consistent view for every query inside it)."""
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        with self._errors(), \
                self.engine.connect().execution_options(casedu_write=True) as conn, \
                conn.begin():
            yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except CaseduError:
            raise
        except sa.exc.IntegrityError as error:
            raise ConflictError(f"{self.name}: the database refused the change "
                                f"({reason(error)}); nothing was written") from None
        except sa.exc.OperationalError as error:
            if _is_contention(error):
                raise ConflictError(f"{self.name}: another writer holds these records "
                                    f"({reason(error)}); nothing was written, try again") \
                    from None
            raise WorkspaceError(f"{self.name}: {reason(error)}") from None
        except sa.exc.SQLAlchemyError as error:
            raise WorkspaceError(f"{self.name}: {reason(error)}") from None
        except StoredValueError as error:
            raise WorkspaceError(
                f"{self.name}: {error}; the data was changed outside casedu or is damaged: "
                "restore its backup") from None
        except (ValueError, TypeError, ArithmeticError) as error:  # a value summed or read
            raise WorkspaceError(                                   # before it became a record
                f"{self.name}: a stored value cannot be read ({error}); the data was changed "
                "outside casedu or is damaged: restore its backup") from None

    # -- targeted reads ----------------------------------------------------------------------

    def get(self, section: str, key: tuple[Any, ...]) -> Any:
        """The record of ``section`` with ``key``, or None."""
        check_read(section, key)
        with self._reading() as conn:
            return self._get(conn, section, key)

    def _get(self, conn: sa.Connection, section: str, key: tuple[Any, ...], *,
             lock: bool = False) -> Any:
        condition = self._key_condition(section, key)
        if condition is None:
            return None
        query = self._select(section).where(condition).limit(1)
        if lock:  # PostgreSQL locks the record's own row, not the outer-joined one
            of = self.tables[section] if self.dialect == "postgresql" else None
            query = query.with_for_update(of=of)
        row = conn.execute(query).mappings().first()
        return None if row is None else self._record(section, row)

    def find(self, section: str, /, *, limit: int | None = None, offset: int = 0,
             **where: Any) -> list[Any]:
        """The records of ``section`` matching ``where``, in the order they were added."""
        check_read(section, limit=limit, offset=offset)
        table = self.tables[section]
        query = self._select(section)
        for name, value in where.items():
            if name == "institute" and section in LEARNING:
                people = self.tables["people"]
                query = query.where(table.c.person.in_(
                    sa.select(people.c.id).where(people.c.institute == value)))
                continue
            if name not in table.c:
                raise ArgumentValueError(f"{section} have no field {name!r}", field=name)
            column = table.c[name]
            value = value.value if isinstance(value, enum.Enum) else value
            query = query.where(column.is_(None) if value is None else column == value)
        order = table.c.username if section == "accounts" else table.c.row_id
        query = query.order_by(order).offset(offset or None).limit(limit)
        with self._reading() as conn:
            return [self._record(section, row) for row in conn.execute(query).mappings()]

    def ids(self, section: str, prefix: str) -> list[str]:
        """The ids of ``section`` that start with ``prefix``."""
        check_section(section)
        column = self.tables[section].c.id
        with self._reading() as conn:
            return list(conn.scalars(sa.select(column).where(
                column.startswith(prefix, autoescape=True))))

    def institute_data(self, institute: str) -> Dataset:
        """An institute's share of the data (:func:`casedu.services.reads.institute_data`),
        read in one transaction."""
        t = self.tables
        people, plans, attendance = t["people"], t["plans"], t["attendance"]
        own_people = sa.select(people.c.id).where(people.c.institute == institute)
        own_plans = sa.select(plans.c.id).where(plans.c.institute == institute)
        with self._reading() as conn:
            def rows(section: str, condition: Any) -> list[Any]:
                query = self._select(section).where(condition)
                return [self._record(section, row) for row in
                        conn.execute(query.order_by(t[section].c.row_id)).mappings()]

            sections: dict[str, Any] = {
                "attendance": rows("attendance", attendance.c.person.in_(own_people)
                                   | attendance.c.plan.in_(own_plans)),
                "people": rows("people", (people.c.institute == institute) | people.c.id.in_(
                    sa.select(attendance.c.person).where(attendance.c.plan.in_(own_plans)))),
                "plans": rows("plans", (plans.c.institute == institute) | plans.c.id.in_(
                    sa.select(attendance.c.plan).where(attendance.c.person.in_(own_people)))),
            }
            for section in ("external_learning", "online_learning"):
                sections[section] = rows(section, t[section].c.person.in_(own_people))
            for section in ("backbone_reports", "summaries"):
                sections[section] = rows(section, t[section].c.institute == institute)
            named = sorted({r.department for r in (*sections["people"], *sections["plans"])
                            if r.department is not None})
            codes = sorted({institute} | {r.institute for r in sections["people"]}
                           | {r.institute for r in sections["plans"]})
            departments = t["departments"]
            sections["departments"] = rows("departments", (departments.c.institute == institute)
                                           | departments.c.id.in_(named))
            sections["institutes"] = rows("institutes", t["institutes"].c.code.in_(codes))
        return Dataset(**sections)

    def roster(self, institute: str | None = None) -> Dataset:
        """Institutes, departments, people, plans, backbone reports and summaries without the
        learning records (what the figures read besides the hours), of one institute or all
        (every institute's code and name either way)."""
        parameters = {} if institute is None else {"institute": institute}
        with self._reading() as conn:
            sections = {section: [self._record(section, row) for row in conn.execute(
                roster_statement(self.tables, section, by_institute=institute is not None),
                parameters).mappings()] for section in ROSTER}
        return Dataset(**sections)

    def year_hours(self, year: int, *, policy: Policy = DEFAULT_POLICY,
                   institute: str | None = None) -> YearHours:
        """Everybody's hours of ``year`` (of one institute's people), summed by the database
        (see :mod:`casedu.store.aggregate`). A year out of range or an institute that is not a
        code is the caller's mistake (:class:`~casedu.errors.ArgumentError`)."""
        from casedu.metrics.arguments import year_argument
        from casedu.store.aggregate import sql_year_hours

        year_argument(year)
        if institute is not None:
            expect("institute", institute, str, what="an institute's code such as 'IOP'")

        with self._reading() as conn:
            return sql_year_hours(conn, self.tables, year, policy=policy, institute=institute)

    # -- whole reads -------------------------------------------------------------------------

    def state(self) -> State:
        """Everything, read in one transaction (for dumps and tests, not for operations)."""
        with self._reading() as conn:
            sections = {section: [self._record(section, row) for row in conn.execute(
                self._select(section).order_by(self.tables[section].c.row_id)).mappings()]
                for section in RECORD_TABLES}
            accounts = {a.username: a for a in (
                self._record("accounts", row) for row in conn.execute(
                    self._select("accounts").order_by(
                        self.tables["accounts"].c.username)).mappings())}
        _log.debug("read all of %s: %s", self.name,
                   ", ".join(f"{len(rows)} {section}" for section, rows in sections.items()))
        return State(Dataset(**sections), accounts)

    def events(self, *, institute: str | None = None) -> tuple[AuditEvent, ...]:
        """The audit events (of one institute's audit), oldest first."""
        table = self.tables["audit_events"]
        query = sa.select(table)
        if institute is not None:
            query = query.where(table.c.institute == institute)
        with self._reading() as conn:
            try:
                return tuple(_event(row) for row in conn.execute(
                    query.order_by(table.c.row_id)).mappings())
            except (CaseduError, ValueError, TypeError, KeyError) as error:
                raise StoredValueError(f"table audit_events: a stored value cannot be read "
                                        f"({error})") from None

    # -- writing -----------------------------------------------------------------------------

    def commit(self, changes: Sequence[Change], events: Sequence[AuditEvent]) -> None:
        """Write the changes and events in one transaction, after checking every ``before``
        under a row lock."""
        with self._writing() as conn:
            # locks taken in one order everywhere, so two writers never wait on each other
            for change in sorted(changes, key=lambda c: (c.section, repr(c.key))):
                current = self._get(conn, change.section, change.key, lock=True)
                if current != change.before:
                    raise ConflictError(
                        f"{change.section} {'/'.join(map(str, change.key))} changed "
                        "meanwhile; nothing was written, try again")
            for change in changes:
                self._apply(conn, change)
            self._insert_events(conn, events)

    def replace_all(self, dataset: Dataset, events: Sequence[AuditEvent] = (),
                    accounts: Iterable[Account] = ()) -> None:
        """Load a whole dataset into empty tables, in batches. (``casedu init --from`` makes
        the tables and loads them in one step: ``SqlStore(engine, create=True,
        dataset=…)``, so that a store is never seen made but not filled.)"""
        with self._writing() as conn:
            if conn.execute(sa.select(self.tables["institutes"].c.code).limit(1)).first():
                raise WorkspaceError(f"{self.name} is not empty")
            self._load(conn, dataset, events, accounts)
        self.analyze()

    def _load(self, conn: sa.Connection, dataset: Dataset, events: Sequence[AuditEvent],
              accounts: Iterable[Account]) -> None:
        for section in RECORD_TABLES:
            self._insert_many(conn, section, getattr(dataset, section))
        self._insert_many(conn, "accounts", list(accounts))
        self._insert_events(conn, events)

    def analyze(self) -> None:
        """Have the database gather its statistics of casedu's tables (after a large import:
        without them PostgreSQL plans an institute's sums as scans of every record)."""
        quote = self.engine.dialect.identifier_preparer
        with self._errors(), self.engine.connect() as conn:
            if self.dialect == "sqlite":  # sampled: seconds, not a scan of every index
                conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                conn.exec_driver_sql("ANALYZE")
            else:
                for table in self.tables.metadata.sorted_tables:
                    statement = "ANALYZE" if self.dialect == "postgresql" else "ANALYZE TABLE"
                    conn.exec_driver_sql(f"{statement} {quote.format_table(table)}")
            conn.commit()

    def _insert_many(self, conn: sa.Connection, section: str, records: Sequence[Any]) -> None:
        table = self.tables[section]
        fast = self._flat_insert(section)
        if fast is not None:  # the learning records: millions of flat rows
            statement, row_of = fast
            if self.dialect == "postgresql" and self.engine.dialect.driver == "psycopg":
                self._copy(conn, section, row_of, records)
                return
            for start in range(0, len(records), _BATCH):
                conn.exec_driver_sql(statement, [row_of(r) for r in
                                                 records[start:start + _BATCH]])
            return
        implementations = []
        batch: list[dict[str, Any]] = []
        for record in records:
            values = _values(record)
            if section == "plans" and record.implementation is not None:
                implementations.append({"plan": record.id, **_values(record.implementation)})
            batch.append(values)
            if len(batch) >= _BATCH:
                conn.execute(table.insert(), batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
        for start in range(0, len(implementations), _BATCH):
            conn.execute(self.tables["implementations"].insert(),
                         implementations[start:start + _BATCH])

    def _copy(self, conn: sa.Connection, section: str, row_of: Any,
              records: Sequence[Any]) -> None:
        """PostgreSQL's COPY, in the operation's own transaction: ten times the rows a second
        of batched inserts."""
        table, columns = self._columns(section)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(row_of(record))
        finally:
            cursor.close()

    def _flat_insert(self, section: str) -> tuple[str, Any] | None:
        """The driver's own INSERT and a compiled row maker for the learning records, values made
        as the tables' types make them (scaled integers and ISO dates on SQLite): going through
        SQLAlchemy's parameters costs two thirds of an import of three million records. None
        for the other tables, and for a driver whose parameter style is not known here."""
        if section not in LEARNING:
            return None
        mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(
            str(self.engine.dialect.paramstyle))
        if mark is None:
            return None
        from casedu.store.rows import compile_rows

        record_type = RECORD_TABLES[section]
        converters: dict[Any, Any] = {str: None, int: None, bool: None, Decimal: None,
                                      dt.date: None}
        if self.dialect == "sqlite":
            converters[Decimal] = millionths  # as :class:`Hours` binds them
            converters[dt.date] = dt.date.isoformat
        _, row_of = compile_rows(record_type, converters)
        table, columns = self._columns(section)
        marks = ", ".join(mark for _ in columns)
        return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", row_of

    def _columns(self, section: str) -> tuple[str, list[str]]:
        """A learning table's quoted name and its columns in the order of the record's fields
        (the order :func:`~casedu.store.rows.compile_rows` makes rows in)."""
        quote = self.engine.dialect.identifier_preparer
        names = [f.name for f in attrs.fields(RECORD_TABLES[section])]
        return quote.format_table(self.tables[section]), [quote.quote(n) for n in names]

    def _apply(self, conn: sa.Connection, change: Change) -> None:
        section = change.section
        table = self.tables[section]
        condition = self._key_condition(section, change.key)
        if change.before is not None and change.after is not None and section != \
                "online_learning":
            conn.execute(table.update().where(condition).values(_values(change.after)))
            if section == "plans":
                self._put_implementation(conn, change.after)
            return
        if change.before is not None:
            if section == "online_learning":  # look-alike records without a session: one
                row_id = conn.execute(sa.select(table.c.row_id).where(condition).limit(1)) \
                    .scalar_one()
                conn.execute(table.delete().where(table.c.row_id == row_id))
            else:
                if section == "plans":
                    implementations = self.tables["implementations"]
                    conn.execute(implementations.delete().where(
                        implementations.c.plan == change.key[0]))
                conn.execute(table.delete().where(condition))
        if change.after is not None:
            conn.execute(table.insert().values(_values(change.after)))
            if section == "plans":
                self._put_implementation(conn, change.after)

    def _put_implementation(self, conn: sa.Connection, plan: TrainingPlan) -> None:
        table = self.tables["implementations"]
        conn.execute(table.delete().where(table.c.plan == plan.id))
        if plan.implementation is not None:
            conn.execute(table.insert().values(plan=plan.id, **_values(plan.implementation)))

    def _insert_events(self, conn: sa.Connection, events: Sequence[AuditEvent]) -> None:
        if not events:
            return
        conn.execute(self.tables["audit_events"].insert(), [
            {"at": e.at.isoformat(), "actor": e.actor, "role": e.role.value if e.role else None,
             "action": e.action, "record": e.record, "before": _json_text(e.before),
             "after": _json_text(e.after), "institute": e.institute, "outcome": e.outcome,
             "reason": e.reason}
            for e in events])

    def drop(self) -> None:
        """Remove casedu's tables and their revision (the portal's own tables are not
        touched), and close the store."""
        from casedu.store.revisions import REVISION_TABLE

        with self._errors():
            self.tables.metadata.drop_all(self.engine)
            version = sa.Table(self.tables.name(REVISION_TABLE), sa.MetaData(),
                               sa.Column("version_num", sa.String(32)),
                               schema=self.tables.schema)
            version.drop(self.engine, checkfirst=True)
        self.engine.dispose()

    # -- rows and records --------------------------------------------------------------------

    def _select(self, section: str) -> sa.Select[Any]:
        return select_records(self.tables, section)

    def _key_condition(self, section: str, key: tuple[Any, ...]) -> Any:
        table = self.tables[section]
        if section == "online_learning" and len(key) != 1:
            names: tuple[str, ...] = ("person", "course", "date", "hours", "title")
        else:
            names = KEYS[section]
        if len(key) != len(names):
            return None
        parts = []
        if len(names) > 1 and section == "online_learning":  # a record without a session
            parts.append(table.c.session.is_(None))
        for name, value in zip(names, key, strict=True):
            column = table.c[name]
            parts.append(column.is_(None) if value is None else column == value)
        return sa.and_(*parts)

    def _record(self, section: str, row: sa.RowMapping) -> Any:
        if section == "accounts":
            try:
                return account_of(row)
            except Exception as error:  # every failure to make a record is a stored bad value
                raise StoredValueError(f"table accounts row {row.get('row_id')}: a stored "
                                       f"value cannot be read ({error})") from None
        return record_of(section, row)


# -- helpers -----------------------------------------------------------------------------------


def select_records(tables: Tables, section: str) -> sa.Select[Any]:
    """The rows of ``section``'s records (a plan's with its implementation's columns, labelled
    ``implementation.NAME``)."""
    table = tables[section]
    if section != "plans":
        return sa.select(table)
    implementations = tables["implementations"]
    labelled = [c.label(f"{IMPLEMENTATION}{c.name}") for c in implementations.c
                if c.name not in ("row_id", "plan")]
    return sa.select(table, *labelled).select_from(table.outerjoin(
        implementations, implementations.c.plan == table.c.id))


def roster_statement(tables: Tables, section: str, *, by_institute: bool) -> sa.Select[Any]:
    """The query of one section of :meth:`SqlStore.roster` (``by_institute``: of the institute
    given as the parameter ``institute``). The institutes are every institute, of one or all:
    the academy's list of codes and names, which a message about an unknown code shows."""
    table = tables[section]
    query = select_records(tables, section)
    if by_institute and section != "institutes":
        query = query.where(table.c.institute == sa.bindparam("institute", type_=sa.String()))
    return query.order_by(table.c.row_id)



def _values(record: Any) -> dict[str, Any]:
    """A record's column values."""
    if isinstance(record, Account):
        return {
            "username": record.username, "institute": record.institute,
            "person": record.person, "password_hash": record.password_hash,
            "must_change_password": record.must_change_password,
            "failed_logins": record.failed_logins,
            "locked_until": record.locked_until.isoformat() if record.locked_until else None,
            "grants": json.dumps([{"role": g.role.value, "institute": g.institute,
                                   "department": g.department, "classes": sorted(g.classes)}
                                  for g in record.grants], ensure_ascii=False),
        }
    values = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name == "implementation":
            continue
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(record, AnnualSummary) and field.name == "figures" and value is not None:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        values[field.name] = value
    return values


def account_of(row: Any) -> Account:
    """An account from its row (``grants`` as JSON), in any of casedu's workspaces."""
    grants = tuple(
        RoleGrant(role=Role(g["role"]), institute=g["institute"], department=g["department"],
                  classes=frozenset(g["classes"]))
        for g in json.loads(row["grants"]))
    return Account(
        username=row["username"], institute=row["institute"], person=row["person"],
        grants=grants, password_hash=row["password_hash"],
        must_change_password=bool(row["must_change_password"]),
        failed_logins=row["failed_logins"],
        locked_until=(dt.datetime.fromisoformat(row["locked_until"])
                      if row["locked_until"] else None))


def _event(row: sa.RowMapping) -> AuditEvent:
    return AuditEvent(
        sequence=row["row_id"], at=dt.datetime.fromisoformat(row["at"]), actor=row["actor"],
        role=Role(row["role"]) if row["role"] else None, action=row["action"],
        record=row["record"], before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        institute=row["institute"], outcome=row["outcome"], reason=row["reason"])


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _is_contention(error: sa.exc.OperationalError) -> bool:
    """A deadlock, a lock wait that timed out, a serialization failure, a busy SQLite file."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    args = getattr(getattr(error, "orig", None), "args", ())
    mysql_code = args[0] if args and isinstance(args[0], int) else None
    text = str(error).lower()
    return (code in ("40001", "40P01", "55P03") or mysql_code in (1205, 1213)
            or "database is locked" in text)


_PREPARED: weakref.WeakSet[sa.Engine] = weakref.WeakSet()


def _sqlite_transactions(engine: sa.Engine) -> None:
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

