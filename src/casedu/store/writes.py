"""The SQL store's writes: an operation's changes and audit events in one transaction, a whole
dataset loaded in batches, and a record's column values.

:meth:`SqlWrites.commit` reads each changed record again ``FOR UPDATE`` (PostgreSQL, MariaDB)
or inside ``BEGIN IMMEDIATE`` (SQLite), compares it with what the operation saw, and writes; a
record changed meanwhile refuses the whole batch with :class:`~casedu.errors.ConflictError`, and
nothing is written. Locks are taken in one order everywhere, so two writers never wait on each
other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs
import sqlalchemy as sa

from casedu.errors import ConflictError, WorkspaceError
from casedu.model import Account, AnnualSummary, Dataset, TrainingPlan
from casedu.progress import advance, task
from casedu.quantities import millionths
from casedu.services.changes import AuditEvent, Change
from casedu.services.reads import LEARNING
from casedu.store.reads import SqlReads, key_condition
from casedu.store.records import RECORD_TABLES
from casedu.store.tables import KEYS
from casedu.store.year_sums import add_approved, adds_only, refresh

__all__ = ["SqlWrites", "json_text", "values_of"]

#: How many rows one INSERT statement takes.
_BATCH = 5_000
#: SQLite's page cache while a dataset is loaded, in KiB.
_LOAD_CACHE_KIB = 256 * 1024


class SqlWrites(SqlReads):
    """The writes of :class:`~casedu.store.SqlStore` (a writer reads again what it changes)."""

    def commit(self, changes: Sequence[Change], events: Sequence[AuditEvent]) -> None:
        """Write the changes and events in one transaction, after checking every ``before``
        under a row lock."""
        with self._writing() as conn, task(f"writing {self.name}", total=2 * len(changes),
                                           unit="records"):
            # locks taken in one order everywhere, so two writers never wait on each other;
            # one learning record's person is locked with it (for the sums of their year)
            alone = len(changes) == 1 and changes[0].section in LEARNING \
                and changes[0].before is not None and self.dialect != "sqlite"
            for change in sorted(changes, key=lambda c: (c.section, repr(c.key))):
                current = self._get(conn, change.section, change.key, lock=True,
                                    with_person=alone)
                if current != change.before:
                    raise ConflictError(
                        f"{change.section} {'/'.join(map(str, change.key))} changed "
                        "meanwhile; nothing was written, try again")
                advance()
            people = self._summed_people(conn, changes)
            for change in changes:
                self._apply(conn, change)
                advance()
            if len(changes) == 1 and adds_only(changes[0].section, changes[0].before,
                                               changes[0].after):
                # an approval: the record alone added to its person's sums, as read under its
                # lock (the model checked it there) and as written; no other record is read
                add_approved(conn, self.tables, changes[0].after, locked=alone)
            elif people:
                from casedu.store.aggregate import guard_summed

                # a record written past the constraints is refused before it is summed
                guard_summed(conn, self.tables, people)
                locked = frozenset({changes[0].before.person}) if alone else frozenset()
                refresh(conn, self.tables, people, locked=locked)
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
        accounts = list(accounts)
        total = sum(len(getattr(dataset, section)) for section in RECORD_TABLES) + len(accounts)
        with task(f"writing {self.name}", total=total, unit="records"):
            with self._indexes_after(conn):
                for section in RECORD_TABLES:
                    self._insert_many(conn, section, getattr(dataset, section))
            self._insert_many(conn, "accounts", accounts)
            self._insert_events(conn, events)
            refresh(conn, self.tables, None)  # everybody's year, summed once

    @contextlib.contextmanager
    def _indexes_after(self, conn: sa.Connection) -> Iterator[None]:
        """Load the learning records into their tables without the indexes that only find
        rows, and build those after the rows, in the load's transaction (SQLite, PostgreSQL:
        building an index from all the rows at once takes a third less than keeping it row by
        row). The keys, unique indexes and every other constraint are checked row by row as
        always. MariaDB keeps them (its DDL would commit the load half-way). On SQLite the
        load's pages are cached in 256 MiB instead of 2 (docs/performance.md)."""
        later = [index for section in LEARNING for index in self.tables[section].indexes
                 if not index.unique] if self.dialect in ("sqlite", "postgresql") else []
        for index in later:
            index.drop(conn)
        if self.dialect == "sqlite":
            conn.exec_driver_sql(f"PRAGMA cache_size = {-_LOAD_CACHE_KIB}")
        try:
            yield
            for index in later:
                index.create(conn)
        finally:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size = -2000")  # SQLite's default

    def _summed_people(self, conn: sa.Connection, changes: Sequence[Change]) -> set[str]:
        """The people whose sums of their years (:mod:`casedu.store.year_sums`) the changes
        alter: those of each learning record changed, and the confirmed attendees of each
        plan whose class changes its hours or dates (read before the changes are written)."""
        people: set[str] = set()
        plans = []
        for change in changes:
            if change.section in LEARNING:
                people.update(record.person for record in (change.before, change.after)
                              if record is not None)
            elif change.section == "plans" and change.before is not None and (
                    change.after is None or _held(change.before) != _held(change.after)):
                plans.append(change.before.id)
        if plans:
            attendance = self.tables["attendance"]
            people.update(conn.scalars(sa.select(attendance.c.person).where(
                attendance.c.plan.in_(plans), attendance.c.status == "confirmed")))
        return people

    def sum_again(self) -> None:
        """Sum every person's year again from the records (``casedu check-store
        --sum-again``), in one transaction: after records were written beside casedu."""
        from casedu.store.aggregate import guard_summed

        with self._writing() as conn:
            guard_summed(conn, self.tables, None)  # a row past the constraints is not summed
            refresh(conn, self.tables, None)

    def stale_sums(self) -> list[str]:
        """The people whose sums of their years are not their records summed again
        (:mod:`casedu.store.year_sums`; ``casedu check-store``)."""
        from casedu.store.year_sums import stale_people

        with self._reading() as conn:
            return stale_people(conn, self.tables)

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
            if self.dialect in ("mysql", "mariadb") and records and local_infile(conn):
                self._load_data(conn, section, row_of, records)
                return
            for start in range(0, len(records), _BATCH):
                conn.exec_driver_sql(statement, [row_of(r) for r in
                                                 records[start:start + _BATCH]])
                advance(min(_BATCH, len(records) - start))
            return
        implementations = []
        batch: list[dict[str, Any]] = []
        for record in records:
            values = values_of(record)
            if section == "plans" and record.implementation is not None:
                implementations.append({"plan": record.id, **values_of(record.implementation)})
            batch.append(values)
            if len(batch) >= _BATCH:
                conn.execute(table.insert(), batch)
                advance(len(batch))
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
            advance(len(batch))
        for start in range(0, len(implementations), _BATCH):
            conn.execute(self.tables["implementations"].insert(),
                         implementations[start:start + _BATCH])

    def _copy(self, conn: sa.Connection, section: str, row_of: Any,
              records: Sequence[Any]) -> None:
        """PostgreSQL's COPY, in the operation's own transaction: ten times the rows a second
        of batched inserts."""
        import psycopg

        table, columns = self._columns(section)
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor.copy(statement) as copy:
                for number, record in enumerate(records, start=1):
                    copy.write_row(row_of(record))
                    if number % _BATCH == 0:
                        advance(_BATCH)
                advance(len(records) % _BATCH)
        except psycopg.Error as error:  # the driver's own: as SQLAlchemy raises it elsewhere
            raise sa.exc.DBAPIError.instance(statement, None, error, psycopg.Error,
                                             hide_parameters=True) from None
        finally:
            cursor.close()

    def _load_data(self, conn: sa.Connection, section: str, row_of: Any,
                   records: Sequence[Any]) -> None:
        """MariaDB's ``LOAD DATA LOCAL INFILE`` of a tab-separated file of the rows, in the
        load's transaction: the server checks every key, reference and CHECK constraint of
        each row as an ``INSERT`` does. With ``LOCAL`` it skips a row it refuses with a
        warning instead of an error (it cannot stop the file half-sent), so a load that
        leaves any warning, or fewer rows than were sent, is refused whole: a
        :class:`~casedu.errors.ConflictError` naming the first refusals, and nothing is
        written (docs/database.md)."""
        import pymysql  # type: ignore[import-untyped]

        table, columns = self._columns(section)
        statement = (f"LOAD DATA LOCAL INFILE %s INTO TABLE {table} CHARACTER SET utf8mb4 "
                     "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' "
                     f"LINES TERMINATED BY '\\n' ({', '.join(columns)})")
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            with tempfile.TemporaryDirectory(prefix="casedu-load-") as folder:
                path = os.path.join(folder, f"{section}.tsv")
                with open(path, "w", encoding="utf-8", newline="") as stream:
                    for number, record in enumerate(records, start=1):
                        stream.write("\t".join(map(_tsv_field, row_of(record))) + "\n")
                        if number % _BATCH == 0:
                            advance(_BATCH)
                loaded = cursor.execute(statement, (path,))
            advance(len(records) % _BATCH)
            cursor.execute("SHOW WARNINGS LIMIT 3")
            refused = "; ".join(str(row[2]) for row in cursor.fetchall())
            if loaded != len(records) or refused:
                raise ConflictError(
                    f"{self.name}: the database refused rows of {section} ({loaded} of "
                    f"{len(records)} loaded: {refused or 'no reason given'}); nothing was "
                    "written")
        except pymysql.Error as error:  # the driver's own: as SQLAlchemy raises it elsewhere
            raise sa.exc.DBAPIError.instance(statement, None, error, pymysql.Error,
                                             hide_parameters=True) from None
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
        from casedu.store.row_makers import compile_rows

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
        (the order :func:`~casedu.store.row_makers.compile_rows` makes rows in)."""
        quote = self.engine.dialect.identifier_preparer
        names = [f.name for f in attrs.fields(RECORD_TABLES[section])]
        return quote.format_table(self.tables[section]), [quote.quote(n) for n in names]

    def _apply(self, conn: sa.Connection, change: Change) -> None:
        section = change.section
        table = self.tables[section]
        condition = key_condition(self.tables, section, change.key)
        if change.before is not None and change.after is not None and section != \
                "online_learning":
            after = values_of(change.after)
            if section != "plans" and len(KEYS[section]) == 1:  # the columns that changed
                before = values_of(change.before)
                changed = tuple(name for name, value in after.items() if before[name] != value)
                if changed:
                    conn.execute(self._update(section, changed), {
                        "key": change.key[0], **{f"new_{n}": after[n] for n in changed}})
                return
            conn.execute(table.update().where(condition).values(after))
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
            conn.execute(table.insert().values(values_of(change.after)))
            if section == "plans":
                self._put_implementation(conn, change.after)

    def _update(self, section: str, columns: tuple[str, ...]) -> Any:
        """The update of ``columns`` of one record of ``section`` by its one-column key
        (parameters ``key`` and ``new_NAME``), made once for the store: building it cost
        about what running it did (an approval changes three columns)."""
        made = self.__dict__.setdefault("_updates", {})
        if (section, columns) not in made:
            table = self.tables[section]
            key = table.c[KEYS[section][0]]
            made[section, columns] = table.update().where(
                key == sa.bindparam("key", type_=key.type)).values(
                {name: sa.bindparam(f"new_{name}", type_=table.c[name].type)
                 for name in columns})
        return made[section, columns]

    def _put_implementation(self, conn: sa.Connection, plan: TrainingPlan) -> None:
        table = self.tables["implementations"]
        conn.execute(table.delete().where(table.c.plan == plan.id))
        if plan.implementation is not None:
            conn.execute(table.insert().values(plan=plan.id, **values_of(plan.implementation)))

    def _insert_events(self, conn: sa.Connection, events: Sequence[AuditEvent]) -> None:
        if not events:
            return
        conn.execute(self.tables["audit_events"].insert(), [
            {"at": e.at.isoformat(), "actor": e.actor, "role": e.role.value if e.role else None,
             "action": e.action, "record": e.record, "before": json_text(e.before),
             "after": json_text(e.after), "institute": e.institute, "outcome": e.outcome,
             "reason": e.reason}
            for e in events])


def local_infile(conn: sa.Connection) -> bool:
    """Whether ``LOAD DATA LOCAL INFILE`` may load rows on this MariaDB connection: its driver
    is PyMySQL, whose connection was opened with ``local_infile`` (the URL's
    ``?local_infile=1``: casedu never turns it on by itself, since a client that allows it
    sends a server any file the server asks for), and the server allows it
    (``@@local_infile``). Otherwise the rows go in by multi-row ``INSERT``s."""
    if conn.dialect.driver != "pymysql":
        return False
    from pymysql.constants import CLIENT  # type: ignore[import-untyped]

    raw = conn.connection.dbapi_connection
    if not getattr(raw, "client_flag", 0) & CLIENT.LOCAL_FILES:
        return False
    return bool(conn.exec_driver_sql("SELECT @@local_infile").scalar())


def _tsv_field(value: Any) -> str:
    """A value in ``LOAD DATA``'s default escaping: NULL as ``\\N``; a backslash, tab,
    newline, carriage return and NUL escaped; decimals as plain digits, dates in ISO form."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text or "\0" in text:
        text = (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r").replace("\0", "\\0"))
    return text


def _held(plan: TrainingPlan) -> tuple[Any, ...]:
    """What a class gives its attendees' year: its hours and the dates that count (R1, R2)."""
    return plan.class_hours, plan.actual_start, plan.actual_end


def values_of(record: Any) -> dict[str, Any]:
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


def json_text(value: Any) -> str | None:
    """A value of an audit event as JSON text (None stays None)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)

