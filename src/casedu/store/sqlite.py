"""The workspace: casedu's tables in one SQLite file, the embedded default of the SQL store.

WAL mode and a busy timeout let several processes use one file; a write is one ``BEGIN
IMMEDIATE`` transaction, so two writers queue instead of failing halfway.

A file is looked at read-only before anything is written to it: an empty file, a file that is not
SQLite, a SQLite database that is not a workspace, and a damaged workspace (``PRAGMA
quick_check``) are refused untouched. A workspace of casedu 0.1 (its hand-written schema) is
moved into the current tables once, its old file kept beside it as ``NAME.schema2.bak``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from casedu.errors import WorkspaceError
from casedu.files import part_file, same_file
from casedu.store.reading import inspect_file as _inspect
from casedu.store.reading import read_only
from casedu.store.sql import SqlStore

__all__ = ["SqliteStore", "read_only"]


class SqliteStore(SqlStore):
    """A workspace file. Open it with :meth:`open` (which creates or migrates it)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False,
                 check: bool = True) -> None:
        import sqlalchemy as sa

        self.path = Path(path)
        if create:
            if self.path.exists():
                raise WorkspaceError(f"{self.path} exists already: choose another name")
        elif _inspect(self.path, check=check):  # a workspace of casedu 0.1
            _move_legacy(self.path, check=check)
        engine = sa.create_engine(f"sqlite:///{self.path}", connect_args={"timeout": 30.0})
        super().__init__(engine, create=create, name=str(self.path), own_engine=True)

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

    def drop(self) -> None:
        """Remove the workspace file (``casedu init`` undoing what it just made)."""
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


def _move_legacy(path: Path, *, check: bool) -> None:
    """Move a casedu 0.1 workspace into the current tables: read it whole (refusing it untouched
    when it is unsound), write a new workspace beside it, then put the new one in its place and
    keep the old one as ``NAME.schema2.bak``."""
    from casedu.store.legacy import LegacyWorkspace

    old = LegacyWorkspace(path, check=check)
    state = old.state()
    events = old.events()
    backup = path.with_name(path.name + ".schema2.bak")
    if backup.exists():
        raise WorkspaceError(f"{path} is a workspace of casedu 0.1 to be moved to the current "
                             f"tables, but {backup} is in the way: move it elsewhere")
    fd, temp = part_file(path)
    os.close(fd)
    temp.unlink()
    try:
        new = SqliteStore(temp, create=True)
        new.replace_all(state.dataset, events, accounts=state.accounts.values())
        new.engine.dispose()
        _leave_wal(path)  # a write-ahead log must never meet another database file
        _leave_wal(temp)
        try:
            os.link(path, backup)
        except OSError:
            shutil.copy2(path, backup)
        os.replace(temp, path)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
        raise


def _leave_wal(path: Path) -> None:
    """Fold the write-ahead log into the file and stop using one (removes ``-wal``)."""
    db = sqlite3.connect(path, timeout=30.0)
    try:
        db.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()
