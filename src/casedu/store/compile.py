"""Compile the figures' statements for SQLite into :mod:`casedu.store.statements`, which
:mod:`casedu.store.reading` runs without importing SQLAlchemy.

    python -m casedu.store.compile          # rewrite src/casedu/store/statements.py

A test compiles them again and compares them with the file, so a change to the tables or to
the statements that is not written there fails the tests.
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from casedu.store.aggregate import guard_statements, year_statements
from casedu.store.records import ROSTER
from casedu.store.sql import roster_statement
from casedu.store.tables import Day, Flag, Hours, Money, Tables

__all__ = ["compile_statements", "module_text"]

#: The parameters the statements are given when they run (casedu.store.records.year_parameters
#: and the roster's institute); how each is bound comes from its type.
RUNTIME = ("low", "high", "threshold", "institute")

_HEADER = '''"""The figures' statements compiled for SQLite by SQLAlchemy (casedu.store.reading).

Written by ``python -m casedu.store.compile``; do not edit. Each statement: its SQL, the names
of its parameters in order, the values of its constant parameters, the names of its columns,
and how each column's stored value is read (None: as it is).
"""

# fmt: off
from typing import Any

'''


def _kind(type_: Any, dialect: sa.Dialect) -> str | None:
    """How a value of ``type_`` is bound or read on SQLite, as a name of casedu.store.reading."""
    if isinstance(type_, Money):
        return "money"
    if isinstance(type_, Hours):
        return "hours"
    if isinstance(type_, Day):
        return "day"
    if isinstance(type_, Flag | sa.Boolean):
        return "bool"
    if type_.result_processor(dialect, None) is not None:
        raise TypeError(f"no reading on the standard library for {type_!r}")
    return None


def _compiled(statement: sa.Select[Any], parameters: dict[str, str | None]) -> tuple[Any, ...]:
    """The statement's SQL, parameter order, constants, columns and their readings; the kinds
    of its runtime parameters go into ``parameters``."""
    dialect = sqlite.dialect()
    compiled = statement.compile(dialect=dialect)
    order = tuple(compiled.positiontup or ())
    constants = {}
    for name in order:
        bind = compiled.binds[name]
        if name in RUNTIME:
            parameters[name] = _kind(bind.type, dialect)
            continue
        processor = bind.type.bind_processor(dialect)
        constants[name] = processor(bind.value) if processor else bind.value
    columns = tuple(column.key for column in statement.selected_columns)
    results = tuple(_kind(column.type, dialect) for column in statement.selected_columns)
    return str(compiled), order, constants, columns, results


def compile_statements(parameters: dict[str, str | None] | None = None
                       ) -> dict[str, tuple[Any, ...]]:
    """Every statement of :func:`casedu.store.reading.workspace_figures`, by name (the kinds of
    their runtime parameters go into ``parameters``)."""
    parameters = {} if parameters is None else parameters
    tables = Tables(dialect="sqlite")
    statements: dict[str, tuple[Any, ...]] = {}
    for by_institute, scope in ((False, ""), (True, " of institute")):
        for section in ROSTER:
            statements[f"roster {section}{scope}"] = _compiled(
                roster_statement(tables, section, by_institute=by_institute), parameters)
        for section, statement in guard_statements(tables, by_institute=by_institute).items():
            statements[f"guard {section}{scope}"] = _compiled(statement, parameters)
        for basis in ("start", "end"):
            for source, statement in enumerate(year_statements(
                    tables, basis=basis, by_institute=by_institute)):
                statements[f"year {basis} {source}{scope}"] = _compiled(statement, parameters)
    return statements


def module_text() -> str:
    """The text of :mod:`casedu.store.statements`."""
    parameters: dict[str, str | None] = {}
    statements = compile_statements(parameters)
    kinds = {name: parameters[name] for name in RUNTIME}
    parts = [_HEADER, f"PARAMETERS: dict[str, str | None] = (\n    {kinds!r}\n)\n\n",
             "SQLITE: dict[str, tuple[Any, ...]] = {}\n"]
    for name, statement in sorted(statements.items()):
        printed = pprint.pformat(statement, width=96).replace("\n ", "\n    ")
        parts.append(f"\nSQLITE[{name!r}] = (\n    {printed[1:-1]},\n)\n")
    return "".join(parts)


def main() -> int:
    target = Path(__file__).with_name("statements.py")
    target.write_text(module_text(), encoding="utf-8")
    print(f"wrote {target.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
