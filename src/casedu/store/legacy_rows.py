"""How records mapped to the rows of casedu 0.1's workspace and back: booleans as 0/1, decimals
and dates as text, nested JSON as text (:mod:`casedu.store.legacy` reads such a workspace once,
when it is moved into the SQL store's tables)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from casedu.dataset.converter import converter
from casedu.model import Account, Attendance, ExternalLearning, OnlineLearning
from casedu.quantities import decimal_text
from casedu.store.row_makers import FlatRows, compile_rows

__all__ = ["BOOLEAN", "JSON", "KEYS", "NOT_IN_0_1", "columns", "flat_rows", "insert_account",
           "insert_many", "json_text", "raw", "where"]

KEYS = {
    "institutes": ("code",), "departments": ("id",), "people": ("id",), "plans": ("id",),
    "attendance": ("plan", "person"), "external_learning": ("id",),
    "online_learning": ("person", "course", "date", "hours", "title"),
    "backbone_reports": ("institute", "year", "person"), "summaries": ("institute", "year"),
}
BOOLEAN = {"in_service", "hours_required", "premium"}
JSON = {"figures"}


def insert_many(db: sqlite3.Connection, table: str, records: Sequence[Any]) -> None:
    """Insert many records of one table with one statement (``casedu init --from``), each row
    made as SQLite asks for it: no list of millions of rows is built first."""
    if not records:
        return
    made = flat_rows(type(records[0]))
    if made is not None:  # the learning records: millions of them, flat fields only
        flat_names, row_of = made
        db.executemany(f"INSERT INTO {table} ({_column_list(flat_names)}) "
                       f"VALUES ({', '.join('?' for _ in flat_names)})", map(row_of, records))
        return
    names = [name for name in columns(records[0]) if name != "implementation"]
    implementations: list[tuple[str, Any]] = []

    def rows() -> Iterator[tuple[Any, ...]]:
        for record in records:
            row = columns(record)
            implementation = row.pop("implementation", None)
            if implementation is not None:
                implementations.append((row["id"], implementation))
            yield tuple(row[name] for name in names)

    db.executemany(
        f"INSERT INTO {table} ({_column_list(names)}) VALUES ({', '.join('?' for _ in names)})",
        rows())
    done = [(plan, columns(impl)) for plan, impl in implementations]
    if done:
        impl_names = list(done[0][1])
        db.executemany(
            f"INSERT INTO implementations (plan, {_column_list(impl_names)}) "
            f"VALUES (?, {', '.join('?' for _ in impl_names)})",
            [(plan, *(values[n] for n in impl_names)) for plan, values in done])


#: How a flat field's value becomes its column, by the field's type (as :func:`columns` does
#: through the converter; a test holds the two equal on generated datasets).
_FLAT: dict[Any, Callable[[Any], Any] | None] = {
    str: None, int: None, bool: int, Decimal: decimal_text, dt.date: dt.date.isoformat,
}


def flat_rows(record_type: type) -> FlatRows | None:
    """The column names and a row maker for the learning records (their fields are all flat:
    text, numbers, dates, enums, each maybe None); None for the other types, which go through
    :func:`columns`.

    :func:`columns` goes through cattrs and a dictionary for each record: right for one record,
    a third of ``casedu init --from`` for the academy's three million."""
    if record_type not in _LEARNING:
        return None
    found = _FLAT_ROWS.get(record_type)
    if found is None:
        found = _FLAT_ROWS[record_type] = _flat_rows(record_type)
    return found


#: Fields casedu 0.1's tables do not have (always None in what they held).
NOT_IN_0_1: dict[type, frozenset[str]] = {OnlineLearning: frozenset({"seconds"})}


def _flat_rows(record_type: type) -> FlatRows:
    return compile_rows(record_type, _FLAT, skip=NOT_IN_0_1.get(record_type, frozenset()))


_LEARNING = (Attendance, ExternalLearning, OnlineLearning)
_FLAT_ROWS: dict[type, FlatRows] = {}


def _column_list(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def where(table: str, key: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    columns = ("session",) if table == "online_learning" and len(key) == 1 else KEYS[table]
    values = tuple(_column_value(k, v) for k, v in zip(columns, key, strict=True))
    parts = [f'"{c}" IS ?' for c in columns]
    return " AND ".join(parts), values


def _column_value(name: str, value: Any) -> Any:
    raw = converter.unstructure(value)
    if name in BOOLEAN and raw is not None:
        return int(raw)
    return raw


def columns(record: Any) -> dict[str, Any]:
    """A record as column values: booleans as 0/1, decimals and dates as text, JSON as text."""
    raw = converter.unstructure(record)
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name == "implementation":
            values[name] = record.implementation
        elif name in BOOLEAN and value is not None:
            values[name] = int(value)
        elif name in JSON and value is not None:
            values[name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            values[name] = value
    return values


def raw(row: sqlite3.Row, *, skip: str) -> dict[str, Any]:
    """A row as the JSON value the converter reads: booleans and JSON back from their columns,
    empty columns left out."""
    values: dict[str, Any] = {}
    for name in row.keys():  # noqa: SIM118 - a sqlite3.Row iterates over values
        value = row[name]
        if name == skip or value is None:
            continue
        if name in BOOLEAN:
            value = bool(value)
        elif name in JSON:
            value = json.loads(value)
        values[name] = value
    return values


def insert_account(db: sqlite3.Connection, account: Account) -> None:
    grants = json.dumps([{"role": g.role.value, "institute": g.institute,
                          "department": g.department, "classes": sorted(g.classes)}
                         for g in account.grants], ensure_ascii=False)
    db.execute(
        "INSERT INTO accounts (username, institute, person, password_hash, "
        "must_change_password, failed_logins, locked_until, grants) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (account.username, account.institute, account.person, account.password_hash,
         int(account.must_change_password), account.failed_logins,
         account.locked_until.isoformat() if account.locked_until else None, grants))


def json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)
