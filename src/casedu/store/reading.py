"""Reading a workspace file with the standard library alone: its inspection, and the data of
the figures.

``casedu summary WORKSPACE`` and ``casedu backbone WORKSPACE`` read an institute's roster and
let SQLite sum the year's hours. Importing SQLAlchemy costs more than everything else the
command does, so for a workspace file that is already at this casedu's revision the figures'
statements run on :mod:`sqlite3`, read-only. They are SQLAlchemy's own statements, compiled
for SQLite and kept as data, ``statements.json`` beside this module (``python -m
casedu.store.compile`` writes it; a test compiles them again and compares), and their rows
become records through the same functions as the store's (:mod:`casedu.store.records`), so
both give the same data.
Anything else (an older workspace to migrate, a value the model refuses, a database error)
goes through the store, which migrates, reads or refuses it with its own message.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casedu.errors import WorkspaceError
from casedu.model import Dataset
from casedu.policy import YearBasis
from casedu.quantities import millionths
from casedu.store import records

if TYPE_CHECKING:
    from casedu.metrics.hours import YearHours
    from casedu.policy import Policy

__all__ = ["inspect_file", "left_by_a_crash", "read_only", "sqlite_words", "workspace_figures"]

#: SQLite's words for a text that is no UTF-8 (a flipped bit): they quote the bytes, which
#: are a damaged piece of someone's data.
_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '([^']*)' with text .*", re.DOTALL)


def sqlite_words(error: BaseException) -> str:
    """A SQLite error in its own words, but for a text that is no UTF-8, named by its column
    without the bytes.

    >>> sqlite_words(sqlite3.OperationalError("Could not decode to UTF-8 column 'name' with "
    ...                                       "text 'Zh\ufffd'"))
    "column 'name' holds a text that is not UTF-8"
    """
    return _UNDECODABLE.sub(r"column '\1' holds a text that is not UTF-8", str(error))


def inspect_file(path: Path, *, check: bool | None) -> bool:
    """Look at an existing file read-only and refuse it, untouched, unless it is a sound SQLite
    database: it exists, is not empty, is SQLite, and passes ``quick_check`` when ``check`` is
    True, or when it is None and the file was left by a crash (:func:`left_by_a_crash`).
    Whether it holds casedu's current tables is the store's to say (its revision table:
    ``casedu_revision``, or casedu 0.2's ``alembic_version``); True when it is a workspace of
    casedu 0.1 (its ``meta`` table)."""
    if check is None:
        check = left_by_a_crash(path)
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
    with read_only(path) as db:
        tables = {row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            raise WorkspaceError(f"{path} is an empty database, not a casedu workspace")
        if not tables & {"meta", "casedu_revision", "alembic_version"}:
            raise WorkspaceError(f"{path} is a SQLite file but not a casedu workspace")
        if check:
            problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise WorkspaceError(
                    f"{path} is damaged ({'; '.join(str(p) for p in problems)[:300]}): nothing "
                    "was read or written; restore the backup (`casedu backup` makes one)")
    return "meta" in tables


def left_by_a_crash(path: Path) -> bool:
    """Whether the workspace's write-ahead log holds writes beside it: SQLite folds it into the
    file and removes it when the last connection closes, so it holds some after a process that
    wrote ended without closing the file (a crash, a kill), or while another process has it
    open. Either way the file is checked before it is read; a file closed cleanly is not
    (``quick_check`` reads every page: 0.4 s for the academy's year, on every command). An
    empty log is what a read-only reader leaves (it may not remove the file): nothing to
    fold in."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


@contextmanager
def read_only(path: Path, name: str | None = None) -> Iterator[sqlite3.Connection]:
    """The SQLite file at ``path`` opened read-only; any database error inside the block is a
    :class:`WorkspaceError` saying the file is damaged or no workspace (named ``name`` when
    ``path`` is a copy of it)."""
    shown = name or str(path)
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0)
    except sqlite3.Error as error:
        raise WorkspaceError(f"{shown}: cannot open it ({sqlite_words(error)})") from None
    try:
        yield db
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(
            f"{shown} is damaged or not a workspace ({sqlite_words(error)}): nothing was read "
            "or written; "
            "restore the backup (`casedu backup` makes one)") from None
    finally:
        db.close()


def workspace_figures(path: Path, year: int, *, policy: Policy, institute: str | None = None,
                      singles: bool = True) -> tuple[Dataset, YearHours] | None:
    """The roster (:meth:`casedu.store.SqlStore.roster`) and the year's hours
    (:meth:`casedu.store.SqlStore.year_hours`, ``singles`` as there) of the workspace file at
    ``path``, of ``institute`` when given, read in one read-only transaction; None when the
    file must be opened by the store instead (see the module). A file that is no sound
    workspace is refused as the store refuses it."""
    if inspect_file(path, check=None):  # casedu 0.1's workspace: the store moves it first
        return None
    from casedu.store.revisions import HEAD

    kept = json.loads(Path(__file__).with_name("statements.json").read_text(encoding="utf-8"))
    parameters, statements = kept["parameters"], kept["statements"]
    basis = "start" if policy.year_basis is YearBasis.START else "end"
    scope = "" if institute is None else " of institute"
    values = records.year_parameters(year, policy, institute)
    binds = {name: _BIND[kind](values[name]) if kind else values[name]
             for name, kind in parameters.items() if name in values}
    try:
        with _snapshot(path) as db:
            if db.execute("SELECT version_num FROM casedu_revision").fetchall() != [(HEAD,)]:
                return None

            def stored(name: str) -> Iterator[Sequence[Any]]:
                """The rows of the statement ``name`` as SQLite gives them."""
                statement = statements[name]
                constants = statement["constants"]
                return db.execute(statement["sql"], [constants[p] if p in constants
                                                     else binds[p]
                                                     for p in statement["parameters"]])

            def read(name: str, found: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
                """The rows of the statement ``name``, each column read as its type reads
                it."""
                converting = [(i, _RESULT[kind])
                              for i, kind in enumerate(statements[name]["readings"]) if kind]
                for row in found:
                    values = list(row)
                    for i, convert in converting:
                        values[i] = convert(values[i])
                    yield values

            def rows(name: str) -> Iterator[Sequence[Any]]:
                return read(name, stored(name))

            # a row past the constraints: the store says which (the records are guarded
            # where they are read, the sums' own rows always: docs/database.md)
            summed = f"sums {basis}{scope}"
            if singles:
                guards = [name for name in statements if name.startswith("guard ")
                          and name.endswith(scope)
                          and (scope or not name.endswith(" of institute"))]
                if any(next(rows(name), None) for name in guards):
                    return None
                sums = list(rows(summed))
            else:
                # the sums' rows guarded as they are read: each is the row of one of the
                # scope's people, of the year and basis asked for, so what the sums' guard
                # (`sums guard`) would find wrong in it is an hours' column that is not whole
                # millionths of at least 0; such a row goes to the store, whose guard names
                # it (one read of the rows instead of two: docs/performance.md, "Start-up")
                kept_rows = list(stored(summed))
                columns = [i for i, kind in enumerate(statements[summed]["readings"])
                           if kind == "hours"]
                if not all(type(row[i]) is int and row[i] >= 0
                           for row in kept_rows for i in columns):
                    return None
                sums = list(read(summed, kept_rows))
            sections = {}
            for section in records.ROSTER:
                name = f"roster {section}{scope}"
                columns = statements[name]["columns"]
                sections[section] = [records.record_of(section, dict(zip(columns, row,
                                                                         strict=True)))
                                     for row in rows(name)]
            hours = records.year_hours_of(
                sums, [list(rows(f"singles {basis} {source}{scope}")) for source in range(3)]
                if singles else None, year, policy)
    except (sqlite3.Error, records.StoredValueError, KeyError, ValueError, TypeError,
            ArithmeticError):
        return None  # the store reads it again and says what is wrong
    return Dataset(**sections), hours


@contextmanager
def _snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """One read-only transaction on the file: every query inside sees the same data."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0,
                         isolation_level=None)
    try:
        db.execute("BEGIN")
        yield db
    finally:
        db.close()


#: How a parameter's value is bound (as the tables' types bind it on SQLite).
_BIND: dict[str, Callable[[Any], Any]] = {"day": lambda day: day.isoformat(),
                                          "hours": millionths}
#: How a column's stored value is read (as the tables' types read it on SQLite).
_RESULT: dict[str, Callable[[Any], Any]] = {
    "day": records.day_value, "hours": records.hours_value, "money": records.money_value,
    "bool": records.flag_value}
