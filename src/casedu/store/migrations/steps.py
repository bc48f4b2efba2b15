"""The steps the revisions are made of, each safe to run again (MariaDB commits DDL as it goes:
a migration killed half-way is run again from its start).

>>> from casedu.store.tables import Tables
>>> tables = Tables(dialect="postgresql", revision="0005").checked()
>>> clauses = check_clauses(tables, "online_learning", "postgresql")
>>> clauses[0].startswith("ADD CONSTRAINT online_learning_person_id CHECK")
True
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from casedu.errors import WorkspaceError
from casedu.store.checks import guard_statement, refusal
from casedu.store.tables import Tables

__all__ = ["check_clauses", "refuse_broken_rows", "sync_tables"]


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


def sync_tables(conn: sa.Connection, tables: Tables) -> None:
    """Bring each of casedu's tables to ``tables``' CHECK rules (and, on MariaDB, collation):
    every CHECK constraint the table has is dropped and every declared one added, in one
    ``ALTER TABLE`` a table (one pass over its rows); on MariaDB the references are dropped
    first and made again last, since it changes no key's collation while one names it; on
    SQLite, which cannot alter a constraint, each table is made again and its rows copied."""
    dialect = "mysql" if conn.dialect.name == "mariadb" else conn.dialect.name
    if dialect == "sqlite":
        _rebuild_sqlite(conn, tables)
        return
    quote = conn.dialect.identifier_preparer
    inspector = sa.inspect(conn)
    if dialect == "mysql":  # MariaDB changes no key's collation while a reference names it
        for table in tables.by_name.values():
            clauses = [f"DROP FOREIGN KEY {quote.quote(str(k['name']))}" for k in
                       inspector.get_foreign_keys(table.name, schema=tables.schema)]
            if clauses:
                conn.exec_driver_sql(f"ALTER TABLE {quote.format_table(table)} "
                                     f"{', '.join(clauses)}")
    for section, table in tables.by_name.items():
        existing = inspector.get_check_constraints(table.name, schema=tables.schema)
        clauses = [f"DROP CONSTRAINT {quote.quote(c['name'])}" for c in existing if c["name"]]
        clauses += check_clauses(tables, section, dialect)
        if dialect == "mysql":
            clauses.append(f"CONVERT TO CHARACTER SET utf8mb4 COLLATE {tables.collation()}")
        conn.exec_driver_sql(f"ALTER TABLE {quote.format_table(table)} {', '.join(clauses)}")
    if dialect == "mysql":
        engine = _dialect(dialect)
        for table in tables.by_name.values():
            clauses = [_clause(sa.schema.AddConstraint(key), engine)
                       for key in sorted(table.foreign_key_constraints, key=lambda k: str(k.name))]
            if clauses:
                conn.exec_driver_sql(f"ALTER TABLE {quote.format_table(table)} "
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
