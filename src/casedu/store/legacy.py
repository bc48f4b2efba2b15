"""Workspaces made by casedu 0.1 (schema versions 1 and 2 of the hand-written SQLite store),
read once to be moved into the SQL store's tables (:mod:`casedu.store.sqlite`).

The file is looked at read-only first: an empty file, a file that is not SQLite, a database that
is not a workspace, a damaged workspace (``PRAGMA quick_check``) and stored values the model
refuses are refused untouched.
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
from casedu.errors import CaseduError
from casedu.model import (
    Account,
    Dataset,
    Role,
)
from casedu.services.changes import AuditEvent
from casedu.services.store import State
from casedu.store.legacy_rows import (
    insert_account,
    insert_many,
    json_text,
    raw,
)
from casedu.store.legacy_schema import WorkspaceError, migrate, schema_version, unsound_rows
from casedu.store.reads import account_of
from casedu.store.records import RECORD_TABLES

__all__ = ["LegacyWorkspace"]

_TABLES = RECORD_TABLES
_INSERT_ORDER = tuple(_TABLES)


class LegacyWorkspace:
    """A workspace file of schema 1 or 2, for reading."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0,
                 create: bool = False, check: bool = True, name: str | None = None) -> None:
        self.path = Path(path)
        #: How messages name the workspace (its own name when ``path`` is a copy of it).
        self.name = name or str(path)
        self._timeout = timeout
        if create:
            if self.path.exists():
                raise WorkspaceError(f"{self.path} exists already: choose another name")
        else:
            _inspect(self.path, check=check, name=self.name)
        with self._connect() as db:
            migrate(db, self.name, create=create)

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
            from casedu.store.reading import sqlite_words

            raise WorkspaceError(f"{self.name}: {sqlite_words(error)}") from None
        except (ValueError, TypeError, KeyError) as error:  # a stored value the model refuses
            raise WorkspaceError(
                f"{self.name}: a stored value cannot be read ({error}); the workspace was "
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

    def _dataset(self, db: sqlite3.Connection, *, with_records: bool = True) -> Dataset:
        implementations = {
            row["plan"]: raw(row, skip="plan")
            for row in db.execute("SELECT * FROM implementations")
        }
        try:
            return self._structured(db, implementations, with_records)
        except _StoredValueError as error:
            raise WorkspaceError(
                f"{self.name}: {error}; the workspace was changed outside casedu or is "
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
                    from casedu.dataset.reading import structuring_problems
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
            return [account_of(row)
                    for row in db.execute("SELECT * FROM accounts ORDER BY username")]
        except (CaseduError, ValueError, TypeError, KeyError) as error:
            raise WorkspaceError(
                f"{self.name}: table accounts: a stored value cannot be read ({error}); the "
                "workspace was changed outside casedu or is damaged: restore its backup") \
                from None

    def events(self) -> tuple[AuditEvent, ...]:
        """Every audit event, oldest first."""
        with self._connect() as db:
            try:
                return self._events(db)
            except (CaseduError, ValueError, TypeError, KeyError) as error:
                raise WorkspaceError(
                    f"{self.name}: table audit_events: a stored value cannot be read ({error});"
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

    # -- writing, to make workspaces of the old format (the migration's tests) ----------------

    def replace_all(self, dataset: Dataset, events: Sequence[AuditEvent] = (),
                    accounts: Sequence[Account] = ()) -> None:
        """Load a whole dataset into an empty workspace of the old format."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                for table in _INSERT_ORDER:
                    insert_many(db, table, getattr(dataset, table))
                for account in accounts:
                    insert_account(db, account)
                db.executemany(
                    "INSERT INTO audit_events (at, actor, role, action, record, before, after, "
                    "institute, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(e.at.isoformat(), e.actor, e.role.value if e.role else None, e.action,
                      e.record, json_text(e.before), json_text(e.after), e.institute,
                      e.outcome, e.reason) for e in events])
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")


class _StoredValueError(ValueError):
    """A value read from the workspace that the model refuses."""


def _inspect(path: Path, *, check: bool, name: str) -> None:
    """Refuse, untouched, a workspace of casedu 0.1 whose schema version is unknown or whose
    version-1 rows hold values casedu does not store. The file itself (SQLite, not empty, and
    with ``check`` SQLite's ``quick_check``) was looked at by :mod:`casedu.store.sqlite`."""
    from casedu.store.reading import read_only

    with read_only(path, name) as db:
        version = schema_version(db, name)
        if version == 0:
            raise WorkspaceError(f"{name} is an empty database, not a casedu workspace")
        if version == 1:  # version 2's triggers guard new rows; the old ones are checked once
            bad = unsound_rows(db)
            if bad:
                raise WorkspaceError(
                    f"{name}: stored values that casedu does not store ({', '.join(bad)}); "
                    "the workspace was changed outside casedu: restore its backup")
