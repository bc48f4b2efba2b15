"""The steps the revisions are made of, each safe to run again (MariaDB commits DDL as it goes:
a migration killed half-way is run again from its start).

>>> from casedu.store.tables import Tables
>>> tables = Tables(dialect="postgresql", revision="0005").checked()
>>> clauses = check_clauses(tables, "online_learning", "postgresql")
>>> clauses[0].startswith("ADD CONSTRAINT online_learning_person_id CHECK")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from casedu.errors import WorkspaceError
from casedu.store.checks import guard_statement, refusal
from casedu.store.tables import Tables

__all__ = ["added_constraint", "check_clauses", "create_tables", "refuse_broken_rows",
           "sync_tables"]


def added_constraint(op: Any, table: str, name: str) -> None:
    """Note that a step added the CHECK constraint ``name`` to ``table``: printed (``--sql``),
    the database does not have it yet, and a later step that drops it must know of it."""
    op.get_context().config.attributes.setdefault("added", []).append((table, name))


def create_tables(op: Any, made: list[sa.Table]) -> None:
    """Make ``made`` with their indexes, through Alembic (printed by ``--sql``)."""
    for table in made:
        op.execute(sa.schema.CreateTable(table))
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            op.execute(sa.schema.CreateIndex(index))


def refuse_broken_rows(conn: sa.Connection, tables: Tables, name: str) -> None:
    """Refuse, before anything changes, a store holding a row that a rule of ``tables`` (the
    newest) refuses: the migration would end refused by the constraints it adds, after the
    steps before it had changed a MariaDB. Rules of columns a later step adds are left out, and
    so are the tables a later step makes."""
    inspector = sa.inspect(conn)
    dialect = tables.engine_rules()
    for section, table in tables.by_name.items():
        if not inspector.has_table(table.name, schema=tables.schema):
            continue
        present = {c["name"] for c in inspector.get_columns(table.name, schema=tables.schema)}
        rules = [rule for rule in tables.rules[section]
                 if _columns(rule.build(table, dialect)) <= present]
        statement = guard_statement(table, rules, dialect)
        row = conn.execute(statement).first() if statement is not None else None
        if row is not None:
            raise WorkspaceError(
                f"{name}: {refusal(section, row)}. The store cannot be brought to this "
                "casedu's tables until it is corrected (or its backup restored); nothing was "
                "changed")


def _columns(expression: Any) -> set[str]:
    return {element.name for element in sa.sql.visitors.iterate(expression)
            if isinstance(element, sa.Column)}


def check_clauses(tables: Tables, section: str, dialect: str) -> list[str]:
    """``ADD CONSTRAINT … CHECK (…)`` of each rule of a table, as ``ALTER TABLE`` takes them."""
    table = tables[section]
    engine = _dialect(dialect)
    clauses = []
    for constraint in sorted(table.constraints, key=lambda c: str(c.name)):
        if isinstance(constraint, sa.CheckConstraint):
            clauses.append(_clause(sa.schema.AddConstraint(constraint), engine))
    return clauses


def _clause(statement: sa.schema.AddConstraint, engine: sa.Dialect) -> str:
    """``ADD CONSTRAINT …`` of an ``ALTER TABLE … ADD CONSTRAINT …`` statement."""
    text = str(statement.compile(dialect=engine))
    return text[text.index(" ADD CONSTRAINT ") + 1:].strip()


def _dialect(name: str) -> sa.Dialect:
    from sqlalchemy.dialects import mysql, postgresql, sqlite

    dialects: dict[str, Any] = {"sqlite": sqlite.dialect, "postgresql": postgresql.dialect,
                                "mysql": lambda: mysql.dialect(is_mariadb=True)}
    return dialects[name]()  # type: ignore[no-any-return]


def sync_tables(op: Any, tables: Tables, before: Tables) -> None:
    """Bring each of casedu's tables to ``tables``' CHECK rules (and, on MariaDB, collation):
    every CHECK constraint the table has is dropped and every declared one added, in one
    ``ALTER TABLE`` a table (one pass over its rows); on MariaDB the references are dropped
    first and made again last, since it changes no key's collation while one names it; on
    SQLite, which cannot alter a constraint, each table is made again and its rows copied.
    The statements go through Alembic (``op``), which runs them or prints them; printed
    (``--sql``, where the revisions before this one have not run yet), the constraints dropped
    are those the database has (read through the connection ``--sql`` was given) and those
    the tables ``before`` declare (the revision before, as casedu made it), each dropped only
    if it exists."""
    context = op.get_context()
    name = context.dialect.name
    dialect = "mysql" if name == "mariadb" else name
    if dialect == "sqlite":
        _rebuild_sqlite(op.get_bind(), tables)
        return
    quote = context.dialect.identifier_preparer
    printed = context.as_sql
    attributes = context.config.attributes
    present: Any = _Present(before, attributes.get("reader"), attributes.get("added", ())) \
        if printed else sa.inspect(op.get_bind())
    exists = " IF EXISTS" if printed else ""
    if dialect == "mysql":  # MariaDB changes no key's collation while a reference names it
        for table in tables.by_name.values():
            clauses = [f"DROP FOREIGN KEY{exists} {quote.quote(str(k['name']))}" for k in
                       present.get_foreign_keys(table.name, schema=tables.schema)]
            if clauses:
                op.execute(f"ALTER TABLE {quote.format_table(table)} "
                                     f"{', '.join(clauses)}")
    for section, table in tables.by_name.items():
        existing = present.get_check_constraints(table.name, schema=tables.schema)
        clauses = [f"DROP CONSTRAINT{exists} {quote.quote(c['name'])}" for c in existing
                   if c["name"]]
        clauses += check_clauses(tables, section, dialect)
        if dialect == "mysql":
            clauses.append(f"CONVERT TO CHARACTER SET utf8mb4 COLLATE {tables.collation()}")
        op.execute(f"ALTER TABLE {quote.format_table(table)} {', '.join(clauses)}")
    if dialect == "mysql":
        engine = _dialect(dialect)
        for table in tables.by_name.values():
            clauses = [_clause(sa.schema.AddConstraint(key), engine)
                       for key in sorted(table.foreign_key_constraints, key=lambda k: str(k.name))]
            if clauses:
                op.execute(f"ALTER TABLE {quote.format_table(table)} "
                                     f"{', '.join(clauses)}")


def _rebuild_sqlite(conn: sa.Connection, tables: Tables) -> None:
    """SQLite's way to change a table's constraints: each table renamed aside, made again as
    declared, its rows copied (the new constraints refuse a row that breaks them), the old one
    dropped. Foreign keys are off for the connection (the migration turns them off before its
    transaction) and ``legacy_alter_table`` keeps the other tables' references naming the
    table, not the one renamed aside; they are checked at the end."""
    conn.exec_driver_sql("PRAGMA legacy_alter_table = ON")
    inspector = sa.inspect(conn)
    for table in tables.metadata.sorted_tables:
        aside = f"{table.name}__before"
        for index in inspector.get_indexes(table.name):
            conn.exec_driver_sql(f'DROP INDEX "{index["name"]}"')
        conn.exec_driver_sql(f'ALTER TABLE "{table.name}" RENAME TO "{aside}"')
        table.create(conn)
        columns = ", ".join(f'"{c.name}"' for c in table.columns)
        conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} '
                             f'FROM "{aside}"')
        conn.exec_driver_sql(f'DROP TABLE "{aside}"')
    conn.exec_driver_sql("PRAGMA legacy_alter_table = OFF")
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise WorkspaceError(f"table {broken[0][0]} row {broken[0][1]} names a record that "
                             "does not exist; nothing was changed: restore the backup")


class _Present:
    """What an inspector says of a table's references and CHECK constraints, for ``--sql``:
    those the tables ``before`` declare, and those the database has (``reader``, a
    connection), by name."""

    def __init__(self, before: Tables, reader: sa.Connection | None,
                 added: Iterable[tuple[str, str]]) -> None:
        self._tables = {table.name: table for table in before.metadata.sorted_tables}
        self._added = list(added)
        self._inspector = sa.inspect(reader) if reader is not None else None

    def _found(self, kind: str, name: str, schema: str | None) -> list[str]:
        if self._inspector is None or not self._inspector.has_table(name, schema=schema):
            return []
        method = getattr(self._inspector, f"get_{kind}")
        return [str(item["name"]) for item in method(name, schema=schema) if item["name"]]

    def get_foreign_keys(self, name: str, schema: str | None = None) -> list[dict[str, Any]]:
        table = self._tables.get(name)
        declared = [] if table is None else [str(k.name) for k in table.foreign_key_constraints]
        names = sorted({*declared, *self._found("foreign_keys", name, schema)})
        return [{"name": n} for n in names]

    def get_check_constraints(self, name: str,
                              schema: str | None = None) -> list[dict[str, Any]]:
        table = self._tables.get(name)
        declared = [] if table is None else [str(c.name) for c in table.constraints
                                             if isinstance(c, sa.CheckConstraint)]
        names = sorted({*declared, *self._found("check_constraints", name, schema),
                        *(n for table_, n in self._added if table_ == name)})
        return [{"name": n} for n in names]
