"""The workspace: an institute's data in one SQLite file, behind the :class:`Store` protocol.

WAL mode and a busy timeout let two processes use one file; every commit is one transaction that
first checks each change's ``before`` against the file, so concurrent writers never overwrite each
other's work (the later one gets :class:`~casedu.errors.ConflictError` and nothing is written).

A file is looked at read-only before anything is written to it: an empty file, a file that is not
SQLite, a SQLite database that is not a workspace, and a damaged workspace (``PRAGMA
quick_check``) are refused untouched. Values read back are checked like any other input: a value
changed outside casedu is refused with its table, row and field.
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
from casedu.errors import CaseduError, ConflictError
from casedu.files import part_file, same_file
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
from casedu.store.schema import WorkspaceError, migrate, schema_version, unsound_rows

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

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0,
                 create: bool = False, check: bool = True) -> None:
        self.path = Path(path)
        self._timeout = timeout
        if create:
            if self.path.exists():
                raise WorkspaceError(f"{self.path} exists already: choose another name")
        else:
            _inspect(self.path, check=check)
        with self._connect() as db:
            migrate(db, str(self.path), create=create)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False,
             check: bool = True) -> SqliteStore:
        """Open the workspace at ``path``; with ``create``, make it (it must not exist). An
        existing file is checked read-only first (``check``: its integrity too) and refused
        untouched when it is not a sound workspace."""
        return cls(path, create=create, check=check)

    def check_integrity(self) -> None:
        """Refuse a damaged workspace (SQLite's ``quick_check``), saying what to do."""
        _inspect(self.path, check=True)

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
        except (ValueError, TypeError, KeyError) as error:  # a stored value the model refuses
            raise WorkspaceError(
                f"{self.path}: a stored value cannot be read ({error}); the workspace was "
                "changed outside casedu or is damaged: restore its backup") from None
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
        try:
            return self._structured(db, implementations, with_records)
        except _StoredValueError as error:
            raise WorkspaceError(
                f"{self.path}: {error}; the workspace was changed outside casedu or is "
                "damaged: restore its backup") from None

    def _structured(self, db: sqlite3.Connection, implementations: dict[str, Any],
                    with_records: bool) -> Dataset:
        sections: dict[str, list[Any]] = {}
        for table, record_type in _TABLES.items():
            if not with_records and table in ("attendance", "external_learning",
                                              "online_learning"):
                continue
            # rowid keeps the order records were added in; an update keeps a record's place
            rows = db.execute(f"SELECT rowid AS rowid_, * FROM {table} ORDER BY rowid")
            records: list[Any] = []
            for row in rows:
                values = raw(row, skip="rowid")
                number = values.pop("rowid_")
                if table == "plans" and values["id"] in implementations:
                    values["implementation"] = implementations[values["id"]]
                try:
                    records.append(converter.structure(values, record_type))
                except Exception as error:  # every structuring failure is a stored bad value
                    from casedu.dataset.format import structuring_problems
                    problems = "; ".join(str(p) for p in structuring_problems(
                        error, f"table {table} row {number}"))
                    raise _StoredValueError(problems) from None
            sections[table] = records
        try:
            return Dataset(**sections)
        except (CaseduError, ValueError) as error:
            raise _StoredValueError(str(error)) from None

    def _accounts(self, db: sqlite3.Connection) -> list[Account]:
        try:
            return [self._account(row)
                    for row in db.execute("SELECT * FROM accounts ORDER BY username")]
        except (CaseduError, ValueError, TypeError, KeyError) as error:
            raise WorkspaceError(
                f"{self.path}: table accounts: a stored value cannot be read ({error}); the "
                "workspace was changed outside casedu or is damaged: restore its backup") \
                from None

    @staticmethod
    def _account(row: sqlite3.Row) -> Account:
        grants = tuple(
            RoleGrant(role=Role(g["role"]), institute=g["institute"],
                      department=g["department"], classes=frozenset(g["classes"]))
            for g in json.loads(row["grants"]))
        return Account(
            username=row["username"], institute=row["institute"], person=row["person"],
            grants=grants, password_hash=row["password_hash"],
            must_change_password=bool(row["must_change_password"]),
            failed_logins=row["failed_logins"],
            locked_until=(dt.datetime.fromisoformat(row["locked_until"])
                          if row["locked_until"] else None),
        )

    def events(self) -> tuple[AuditEvent, ...]:
        """Every audit event, oldest first."""
        with self._connect() as db:
            try:
                return self._events(db)
            except (CaseduError, ValueError, TypeError, KeyError) as error:
                raise WorkspaceError(
                    f"{self.path}: table audit_events: a stored value cannot be read ({error});"
                    " the workspace was changed outside casedu or is damaged: restore its "
                    "backup") from None

    @staticmethod
    def _events(db: sqlite3.Connection) -> tuple[AuditEvent, ...]:
        return tuple(
            AuditEvent(sequence=row["sequence"], at=dt.datetime.fromisoformat(row["at"]),
                       actor=row["actor"], role=Role(row["role"]) if row["role"] else None,
                       action=row["action"], record=row["record"],
                       before=json.loads(row["before"]) if row["before"] else None,
                       after=json.loads(row["after"]) if row["after"] else None,
                       institute=row["institute"], outcome=row["outcome"],
                       reason=row["reason"])
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
        """A consistent copy of the workspace (SQLite's online backup), written whole, after
        checking the workspace's integrity (a damaged one is not copied over a good backup)."""
        out = Path(target)
        if same_file(out, self.path):
            raise WorkspaceError(f"{out} is the workspace itself: back it up to another file")
        self.check_integrity()
        fd, temp = part_file(out)
        os.close(fd)
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




class _StoredValueError(ValueError):
    """A value read from the workspace that the model refuses."""


def _inspect(path: Path, *, check: bool) -> None:
    """Look at an existing file read-only and refuse it, untouched, unless it is a sound
    workspace: it exists, is not empty, is SQLite, holds casedu's schema version, and (with
    ``check``) passes SQLite's ``quick_check``."""
    if not path.is_file():
        raise WorkspaceError(f"no workspace {path}: make one with `casedu init {path}`")
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError as error:
        raise WorkspaceError(f"{path}: cannot read it ({error.strerror})") from None
    if not head:
        raise WorkspaceError(f"{path} is an empty file, not a casedu workspace")
    if head != b"SQLite format 3\x00":
        raise WorkspaceError(f"{path} is not a casedu workspace (not SQLite)")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0)
    except sqlite3.Error as error:
        raise WorkspaceError(f"{path}: cannot open it ({error})") from None
    try:
        version = schema_version(db, str(path))
        if version == 0:
            raise WorkspaceError(f"{path} is an empty database, not a casedu workspace")
        if version == 1:  # version 2's triggers guard new rows; the old ones are checked once
            bad = unsound_rows(db)
            if bad:
                raise WorkspaceError(
                    f"{path}: stored values that casedu does not store ({', '.join(bad)}); "
                    "the workspace was changed outside casedu: restore its backup")
        if check:
            problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise WorkspaceError(
                    f"{path} is damaged ({'; '.join(str(p) for p in problems)[:300]}): nothing "
                    "was read or written; restore the backup (`casedu backup` makes one)")
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(
            f"{path} is damaged or not a workspace ({error}): nothing was read or written; "
            "restore the backup (`casedu backup` makes one)") from None
    finally:
        db.close()


def _insert_events(db: sqlite3.Connection, events: Sequence[AuditEvent]) -> None:
    db.executemany(
        "INSERT INTO audit_events (at, actor, role, action, record, before, after, institute, "
        "outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(event.at.isoformat(), event.actor, event.role.value if event.role else None,
          event.action, event.record, json_text(event.before), json_text(event.after),
          event.institute, event.outcome, event.reason)
         for event in events])


def _insert_implementation(db: sqlite3.Connection, plan: str, implementation: Any) -> None:
    values = {"plan": plan, **columns(implementation)}
    names = ", ".join(f'"{k}"' for k in values)
    marks = ", ".join("?" for _ in values)
    db.execute(f"INSERT INTO implementations ({names}) VALUES ({marks})", tuple(values.values()))
