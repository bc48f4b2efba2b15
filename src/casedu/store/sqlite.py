"""The workspace: an institute's data in one SQLite file, behind the :class:`Store` protocol.

WAL mode and a busy timeout let two processes use one file; every commit is one transaction that
first checks each change's ``before`` against the file, so concurrent writers never overwrite each
other's work (the later one gets :class:`~casedu.errors.ConflictError` and nothing is written).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from casedu.dataset.converter import converter
from casedu.errors import ConflictError
from casedu.metrics.hours import YearHours, year_hours
from casedu.model import (
    Account,
    AnnualSummary,
    Attendance,
    BackboneReport,
    Dataset,
    Department,
    ExternalLearning,
    Institute,
    OnlineLearning,
    Person,
    Role,
    RoleGrant,
    TrainingPlan,
)
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.services.changes import AuditEvent, Change, record_key
from casedu.services.store import State
from casedu.store.aggregate import MAX_PLACES, places, sql_year_hours
from casedu.store.rows import (
    columns,
    insert_account,
    insert_many,
    json_text,
    raw,
    where,
)
from casedu.store.schema import WorkspaceError, migrate

__all__ = ["SqliteStore"]

_TABLES: dict[str, type] = {
    "institutes": Institute,
    "departments": Department,
    "people": Person,
    "plans": TrainingPlan,
    "attendance": Attendance,
    "external_learning": ExternalLearning,
    "online_learning": OnlineLearning,
    "backbone_reports": BackboneReport,
    "summaries": AnnualSummary,
}
_INSERT_ORDER = tuple(_TABLES)


class SqliteStore:
    """A workspace file. Open it with :meth:`open` (which creates or migrates it)."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._timeout = timeout
        with self._connect() as db:
            migrate(db, str(self.path))

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False) -> SqliteStore:
        """Open the workspace at ``path``; with ``create``, make it if it does not exist."""
        target = Path(path)
        if not create and not target.is_file():
            raise WorkspaceError(f"no workspace {target}: make one with `casedu init {target}`")
        if create and target.exists():
            raise WorkspaceError(f"{target} exists already: choose another name")
        if target.is_file():
            with target.open("rb") as stream:
                head = stream.read(16)
            if head and head != b"SQLite format 3\x00":
                raise WorkspaceError(f"{target} is not a casedu workspace (not SQLite)")
        return cls(target)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            db.execute("PRAGMA foreign_keys = ON")
            db.row_factory = sqlite3.Row
            yield db
        except sqlite3.DatabaseError as error:
            raise WorkspaceError(f"{self.path}: {error}") from error
        finally:
            db.close()

    # -- reading -----------------------------------------------------------------------------

    def state(self) -> State:
        """The whole workspace, read in one transaction."""
        with self._connect() as db:
            db.execute("BEGIN")
            try:
                dataset = self._dataset(db)
                accounts = {a.username: a for a in self._accounts(db)}
            finally:
                db.execute("COMMIT")
        return State(dataset, accounts)

    def roster(self) -> Dataset:
        """The workspace without its learning records: institutes, people, plans, backbone
        reports and summaries (what the figures need besides the hours)."""
        with self._connect() as db:
            db.execute("BEGIN")
            try:
                return self._dataset(db, with_records=False)
            finally:
                db.execute("COMMIT")

    def year_hours(self, year: int, *, policy: Policy = DEFAULT_POLICY) -> YearHours:
        """Everybody's hours of ``year``, summed by SQLite (see :mod:`casedu.store.aggregate`);
        falls back to summing in Python when the hours have more than 6 decimals."""
        with self._connect() as db:
            db.execute("BEGIN")
            try:
                k = places(db)
                if k <= MAX_PLACES:
                    return sql_year_hours(db, year, policy=policy, k=k)
                dataset = self._dataset(db)
            finally:
                db.execute("COMMIT")
        return year_hours(dataset, year, policy=policy)

    def _dataset(self, db: sqlite3.Connection, *, with_records: bool = True) -> Dataset:
        implementations = {
            row["plan"]: raw(row, skip="plan")
            for row in db.execute("SELECT * FROM implementations")
        }
        sections: dict[str, list[Any]] = {}
        for table, record_type in _TABLES.items():
            if not with_records and table in ("attendance", "external_learning",
                                              "online_learning"):
                continue
            # rowid keeps the order records were added in; an update keeps a record's place
            rows = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
            records: list[Any] = []
            for row in rows:
                values = raw(row, skip="rowid")
                if table == "plans" and values["id"] in implementations:
                    values["implementation"] = implementations[values["id"]]
                records.append(converter.structure(values, record_type))
            sections[table] = records
        return Dataset(**sections)

    def _accounts(self, db: sqlite3.Connection) -> list[Account]:
        accounts = []
        for row in db.execute("SELECT * FROM accounts ORDER BY username"):
            grants = tuple(
                RoleGrant(role=Role(g["role"]), institute=g["institute"],
                          department=g["department"], classes=frozenset(g["classes"]))
                for g in json.loads(row["grants"]))
            accounts.append(Account(
                username=row["username"], institute=row["institute"], person=row["person"],
                grants=grants, password_hash=row["password_hash"],
                must_change_password=bool(row["must_change_password"]),
                failed_logins=row["failed_logins"],
                locked_until=(dt.datetime.fromisoformat(row["locked_until"])
                              if row["locked_until"] else None),
            ))
        return accounts

    def events(self) -> tuple[AuditEvent, ...]:
        """Every audit event, oldest first."""
        with self._connect() as db:
            return tuple(
                AuditEvent(sequence=row["sequence"], at=dt.datetime.fromisoformat(row["at"]),
                           actor=row["actor"], role=Role(row["role"]) if row["role"] else None,
                           action=row["action"], record=row["record"],
                           before=json.loads(row["before"]) if row["before"] else None,
                           after=json.loads(row["after"]) if row["after"] else None)
                for row in db.execute("SELECT * FROM audit_events ORDER BY sequence"))

    # -- writing -----------------------------------------------------------------------------

    def commit(self, changes: Sequence[Change], events: Sequence[AuditEvent]) -> None:
        """Write the changes and events in one transaction, after checking every ``before``."""
        with self._transaction() as db:
            for change in changes:
                self._check(db, change)
                self._apply(db, change)
            _insert_events(db, events)

    def replace_all(self, dataset: Dataset, events: Sequence[AuditEvent] = ()) -> None:
        """Load a whole dataset into an empty workspace (``casedu init --from``)."""
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM institutes LIMIT 1").fetchone():
                raise WorkspaceError(f"{self.path} is not empty")
            for table in _INSERT_ORDER:
                insert_many(db, table, getattr(dataset, table))
            _insert_events(db, events)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the workspace (SQLite's online backup), written whole."""
        out = Path(target)
        temp = out.with_name(f".{out.name}.part")
        temp.unlink(missing_ok=True)
        try:
            with self._connect() as db:
                copy = sqlite3.connect(temp)
                try:
                    db.backup(copy)
                finally:
                    copy.close()
            os.replace(temp, out)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return out

    def _check(self, db: sqlite3.Connection, change: Change) -> None:
        current = self._current(db, change)
        if current != change.before:
            raise ConflictError(f"{change.section} {'/'.join(map(str, change.key))} changed "
                                "meanwhile; nothing was written, try again")

    def _current(self, db: sqlite3.Connection, change: Change) -> Any:
        if change.section == "accounts":
            found = [a for a in self._accountswhere(db, change.key[0])]
            return found[0] if found else None
        table = change.section
        condition, params = where(table, change.key)
        row = db.execute(f"SELECT * FROM {table} WHERE {condition} LIMIT 1", params).fetchone()
        if row is None:
            return None
        values = raw(row, skip="rowid")
        if table == "plans":
            impl = db.execute("SELECT * FROM implementations WHERE plan = ?",
                              (values["id"],)).fetchone()
            if impl is not None:
                values["implementation"] = raw(impl, skip="plan")
        return converter.structure(values, _TABLES[table])

    def _accountswhere(self, db: sqlite3.Connection, username: str) -> list[Account]:
        rows = db.execute("SELECT username FROM accounts WHERE username = ?", (username,))
        if rows.fetchone() is None:
            return []
        return [a for a in self._accounts(db) if a.username == username]

    def _apply(self, db: sqlite3.Connection, change: Change) -> None:
        if change.section == "accounts":
            db.execute("DELETE FROM accounts WHERE username = ?", (change.key[0],))
            if change.after is not None:
                insert_account(db, change.after)
            return
        table = change.section
        if change.before is not None:
            condition, params = where(table, change.key)
            if table == "online_learning":
                db.execute(f"DELETE FROM {table} WHERE rowid = (SELECT rowid FROM {table} "
                           f"WHERE {condition} LIMIT 1)", params)
            elif change.after is not None:
                self._update(db, table, change.after)
                return
            else:
                if table == "plans":
                    db.execute("DELETE FROM implementations WHERE plan = ?", params)
                db.execute(f"DELETE FROM {table} WHERE {condition}", params)
        if change.after is not None:
            self._insert(db, table, change.after)

    def _insert(self, db: sqlite3.Connection, table: str, record: Any) -> None:
        values = columns(record)
        implementation = values.pop("implementation", None)
        names = ", ".join(f'"{k}"' for k in values)
        marks = ", ".join("?" for _ in values)
        try:
            db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                       tuple(values.values()))
        except sqlite3.IntegrityError as error:
            raise ConflictError(f"{table} {'/'.join(map(str, record_key(record)))}: "
                                f"{error}") from error
        if implementation is not None:
            _insert_implementation(db, values["id"], implementation)

    def _update(self, db: sqlite3.Connection, table: str, record: Any) -> None:
        values = columns(record)
        implementation = values.pop("implementation", None)
        condition, params = where(table, record_key(record))
        assignments = ", ".join(f'"{k}" = ?' for k in values)
        db.execute(f"UPDATE {table} SET {assignments} WHERE {condition}",
                   (*values.values(), *params))
        if table == "plans":
            db.execute("DELETE FROM implementations WHERE plan = ?", (values["id"],))
            if implementation is not None:
                _insert_implementation(db, values["id"], implementation)




def _insert_events(db: sqlite3.Connection, events: Sequence[AuditEvent]) -> None:
    db.executemany(
        "INSERT INTO audit_events (at, actor, role, action, record, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(event.at.isoformat(), event.actor, event.role.value if event.role else None,
          event.action, event.record, json_text(event.before), json_text(event.after))
         for event in events])


def _insert_implementation(db: sqlite3.Connection, plan: str, implementation: Any) -> None:
    values = {"plan": plan, **columns(implementation)}
    names = ", ".join(f'"{k}"' for k in values)
    marks = ", ".join("?" for _ in values)
    db.execute(f"INSERT INTO implementations ({names}) VALUES ({marks})", tuple(values.values()))
