"""Compile the figures' statements for SQLite into ``statements.json`` beside this module, the
data :mod:`casedu.store.reading` runs without importing SQLAlchemy.

    python -m casedu.store.compile          # rewrite src/casedu/store/statements.json

A test compiles them again and compares them with the file, so a change to the tables or to
the statements that is not written there fails the tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from casedu.store.aggregate import guard_statements, sums_guard
from casedu.store.records import ROSTER
from casedu.store.sql import roster_statement
from casedu.store.tables import Day, Flag, Hours, Money, Tables
from casedu.store.year_sums import singles_statements, sums_statement

__all__ = ["STATEMENTS", "compile_statements", "statements_text"]

#: The file the statements are kept in, package data of casedu.store.
STATEMENTS = Path(__file__).with_name("statements.json")

#: The parameters the statements are given when they run (casedu.store.records.year_parameters
#: and the roster's institute); how each is bound comes from its type.
RUNTIME = ("year", "low", "high", "threshold", "institute")

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


def _compiled(statement: sa.Select[Any], parameters: dict[str, str | None]) -> dict[str, Any]:
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
    return {"sql": str(compiled), "parameters": order, "constants": constants,
            "columns": columns, "readings": results}


def compile_statements(parameters: dict[str, str | None] | None = None
                       ) -> dict[str, dict[str, Any]]:
    """Every statement of :func:`casedu.store.reading.workspace_figures`, by name (the kinds of
    their runtime parameters go into ``parameters``)."""
    parameters = {} if parameters is None else parameters
    tables = Tables(dialect="sqlite")
    statements: dict[str, dict[str, Any]] = {}
    for by_institute, scope in ((False, ""), (True, " of institute")):
        for section in ROSTER:
            statements[f"roster {section}{scope}"] = _compiled(
                roster_statement(tables, section, by_institute=by_institute), parameters)
        for section, statement in guard_statements(tables, by_institute=by_institute).items():
            statements[f"guard {section}{scope}"] = _compiled(statement, parameters)
        for basis in ("start", "end"):
            statements[f"sums {basis}{scope}"] = _compiled(
                sums_statement(tables, basis=basis, by_institute=by_institute), parameters)
            statements[f"sums guard {basis}{scope}"] = _compiled(
                sums_guard(tables, basis=basis, by_institute=by_institute), parameters)
            for source, statement in enumerate(singles_statements(
                    tables, basis=basis, by_institute=by_institute)):
                statements[f"singles {basis} {source}{scope}"] = _compiled(statement,
                                                                          parameters)
    return statements


def statements_text() -> str:
    """The text of ``statements.json``: an object of ``parameters`` (how each runtime
    parameter is bound: a name of casedu.store.reading, or null) and ``statements``, by name:
    its ``sql``, the names of its ``parameters`` in order, the values of its ``constants``
    (the parameters it always gets), the names of its ``columns``, and their ``readings`` (how
    each column's stored value is read: a name of casedu.store.reading, or null: as it is)."""
    parameters: dict[str, str | None] = {}
    statements = compile_statements(parameters)
    kept = {"written by": "python -m casedu.store.compile; do not edit",
            "parameters": {name: parameters[name] for name in RUNTIME},
            "statements": dict(sorted(statements.items()))}
    return json.dumps(kept, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    STATEMENTS.write_text(statements_text(), encoding="utf-8")
    print(f"wrote {STATEMENTS.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
