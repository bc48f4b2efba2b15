"""The workspace: casedu's tables in one SQLite file, the embedded default of the SQL store.

WAL mode and a busy timeout let several processes use one file; a write is one ``BEGIN
IMMEDIATE`` transaction, so two writers queue instead of failing halfway.

A file is looked at read-only before anything is written to it: an empty file, a file that is not
SQLite and a SQLite database that is not a workspace are refused untouched. Its integrity
(``PRAGMA quick_check``, which reads every page) is checked when it matters, not on every
command: before a backup is written (:meth:`SqliteStore.backup`), by ``casedu check-store``
(:meth:`SqliteStore.check_integrity`), and when the file is opened after a crash (its
write-ahead log left beside it); a damaged page that a command reads is refused when it is
read, with what to do. A workspace of casedu 0.1 (its hand-written schema) is
moved into the current tables once, its old file kept beside it as ``NAME.schema2.bak``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from casedu.errors import ConflictError, WorkspaceError
from casedu.files import part_file, same_file
from casedu.store.reading import inspect_file as _inspect
from casedu.store.reading import read_only
from casedu.store.sql import SqlStore

if TYPE_CHECKING:
    import sqlalchemy as sa

    from casedu.model import Account, Dataset
    from casedu.services.changes import AuditEvent

__all__ = ["SqliteStore", "read_only"]


class SqliteStore(SqlStore):
    """A workspace file. Open it with :meth:`open` (which creates or migrates it: a workspace
    of an earlier revision is copied beside itself as ``NAME.revNNNN.bak`` first, unless
    ``migrate`` is False or None)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False,
                 check: bool | None = None, dataset: Dataset | None = None,
                 accounts: Iterable[Account] = (), events: Sequence[AuditEvent] = (),
                 migrate: bool | None = True) -> None:
        self.path = Path(path)
        if create:
            if self.path.exists():
                raise WorkspaceError(f"{self.path} exists already: choose another name")
            made = _make_file(self.path, dataset, accounts, events)
            try:
                os.link(made, self.path)  # never over a file another process just made
            except FileExistsError:
                raise WorkspaceError(f"{self.path} exists already: choose another name") \
                    from None
            except OSError:  # a file system without links
                if self.path.exists():
                    raise WorkspaceError(f"{self.path} exists already: choose another "
                                         "name") from None
                os.replace(made, self.path)
            finally:
                made.unlink(missing_ok=True)
        else:
            if _inspect(self.path, check=check):  # a workspace of casedu 0.1
                _move_legacy(self.path, check=check is not False)
            _refuse_unless_casedus(self.path)
        super().__init__(_engine(self.path), name=str(self.path), own_engine=True,
                         migrate=migrate)

    def _before_migrating(self, revision: str) -> None:
        """A copy of the workspace as it is, beside it, before its tables are migrated."""
        copy = self.path.with_name(f"{self.path.name}.rev{revision}.bak")
        if copy.exists():
            raise WorkspaceError(f"{self.path} has the tables of revision {revision}, to be "
                                 f"migrated after a backup to {copy}, which is in the way: "
                                 "move it elsewhere")
        self.backup(copy)
        self.migration_backup = copy

    @contextmanager
    def _errors(self, name: str | None = None) -> Iterator[None]:
        """The store's errors, a page that SQLite finds damaged saying what to do."""
        try:
            with super()._errors(name):
                yield
        except WorkspaceError as error:
            text = str(error)
            if any(words in text for words in _DAMAGED) and "restore" not in text:
                raise WorkspaceError(f"{text}: the workspace is damaged; nothing was written: "
                                     "restore the backup (`casedu backup` makes one)") from None
            raise

    #: The copy made before the tables were migrated (None: nothing was migrated).
    migration_backup: Path | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False,
             check: bool | None = None) -> SqliteStore:
        """Open the workspace at ``path``; with ``create``, make it (it must not exist). An
        existing file is looked at read-only first and refused untouched when it is not a
        workspace; its integrity is checked with ``check`` True, or (None) when a crash left
        its write-ahead log (:func:`casedu.store.reading.left_by_a_crash`)."""
        return cls(path, create=create, check=check)

    def check_integrity(self, *, full: bool = False) -> None:
        """Refuse a damaged workspace (SQLite's ``quick_check``; ``full``: its
        ``integrity_check``, which also compares every index with its table), saying what to
        do."""
        _inspect(self.path, check=True)
        if full:
            with read_only(self.path) as db:
                problems = [row[0] for row in db.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise WorkspaceError(
                    f"{self.path} is damaged ({'; '.join(map(str, problems))[:300]}): restore "
                    "the backup (`casedu backup` makes one)")

    def drop(self) -> None:
        """Remove the workspace file."""
        self.engine.dispose()
        for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            path.unlink(missing_ok=True)

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
            source = sqlite3.connect(self.path, timeout=30.0)
            try:
                copy = sqlite3.connect(temp)
                try:
                    source.backup(copy)
                finally:
                    copy.close()
            finally:
                source.close()
            os.replace(temp, out)
        except sqlite3.DatabaseError as error:
            temp.unlink(missing_ok=True)
            raise WorkspaceError(f"{self.path}: {error}") from None
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return out


#: What SQLite says of a damaged file when it reads a damaged page.
_DAMAGED = ("database disk image is malformed", "file is not a database")


def _engine(path: Path) -> sa.Engine:
    import sqlalchemy as sa

    return sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 30.0})


def _make_file(path: Path, dataset: Dataset | None, accounts: Iterable[Account],
               events: Sequence[AuditEvent]) -> Path:
    """A new workspace with ``dataset``, made whole in a temporary file beside ``path`` (a
    command killed half-way leaves only that, which the next write beside ``path`` removes);
    its path is returned, for the caller to put in place."""
    fd, temp = part_file(path)
    os.close(fd)
    temp.unlink()
    try:
        made = SqlStore(_engine(temp), create=True, dataset=dataset, accounts=accounts,
                        events=events, name=str(path), own_engine=True)
        made.close()
        _leave_wal(temp)  # one file, whole, before it takes its name
    except BaseException:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return temp


def _refuse_unless_casedus(path: Path) -> None:
    """Refuse, reading only, a file whose tables are not a workspace of casedu's: one that
    holds none of them, tables of a `casedu init` that did not finish, or tables of casedu's
    names beside no revision of casedu's."""
    import sqlalchemy as sa

    from casedu.store.engines import reason
    from casedu.store.migrations import open_tables_refusal, survey
    from casedu.store.tables import Tables

    engine = sa.create_engine(f"sqlite:///{path.resolve().as_uri()}?mode=ro&uri=true",
                              connect_args={"timeout": 30.0})
    try:
        found = survey(engine, Tables(dialect="sqlite"), str(path))
    except sa.exc.SQLAlchemyError as error:
        raise WorkspaceError(f"{path} is damaged or not a workspace ({reason(error)}): "
                             "nothing was read or written; restore the backup (`casedu "
                             "backup` makes one)") from None
    finally:
        engine.dispose()
    if found.state == "empty":
        raise WorkspaceError(f"{path} is a SQLite file but not a casedu workspace (it holds "
                             "none of casedu's tables)")
    refusal = open_tables_refusal(found, str(path), path=path)
    if refusal is not None:
        raise WorkspaceError(refusal)


def _move_legacy(path: Path, *, check: bool) -> None:
    """Move a casedu 0.1 workspace into the current tables without changing it: a copy of the
    file is read whole (a refused one leaves the file as it was, byte for byte), a new
    workspace is made beside it, and then put in its place; the old file stays whole as
    ``NAME.schema2.bak``."""
    from casedu.store.legacy import LegacyWorkspace

    backup = path.with_name(path.name + ".schema2.bak")
    if backup.exists():
        raise WorkspaceError(f"{path} is a workspace of casedu 0.1 to be moved to the current "
                             f"tables, but {backup} is in the way: move it elsewhere")
    fd, copy = part_file(path)
    os.close(fd)
    made: Path | None = None
    try:
        _copy_database(path, copy)
        old = LegacyWorkspace(copy, check=check, name=str(path))
        state = old.state()
        events = old.events()
        _refuse_dangling(path, state.dataset)
        try:
            made = _make_file(path, state.dataset, state.accounts.values(), events)
        except ConflictError as error:  # a rule of the tables the old schema did not have
            raise WorkspaceError(f"{path} is a workspace of casedu 0.1 that cannot be moved to "
                                 f"the current tables ({error}); it was left as it was") \
                from None
        try:
            os.link(path, backup)
        except OSError:
            shutil.copy2(path, backup)
        os.replace(made, path)
    finally:
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm"), made):
            if leftover is not None:
                leftover.unlink(missing_ok=True)


def _refuse_dangling(path: Path, data: Dataset) -> None:
    """Refuse a casedu 0.1 workspace whose records name records it does not hold (its tables
    did not always enforce their references), naming the first place, before anything is
    made."""
    from casedu.dataset.references import reference_problems
    from casedu.model import Dataset

    sections = {field.name: list(enumerate(getattr(data, field.name)))
                for field in attrs.fields(Dataset)}
    problem = next(iter(reference_problems(sections)), None)
    if problem is not None:
        raise WorkspaceError(f"{path} is a workspace of casedu 0.1 whose {problem}: it was left "
                             "as it was; correct it with casedu 0.1, or dump it and init anew")


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file (its write-ahead log folded in), read-only on the
    source."""
    try:
        with read_only(source) as db:
            copy = sqlite3.connect(target)
            try:
                db.backup(copy)
            finally:
                copy.close()
    except sqlite3.Error as error:
        raise WorkspaceError(f"{source}: cannot read it ({error})") from None


def _leave_wal(path: Path) -> None:
    """Fold the write-ahead log into the file and stop using one (removes ``-wal``)."""
    db = sqlite3.connect(path, timeout=30.0)
    try:
        db.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()
