"""An online record keeps the exact duration of its xAPI session: ``online_learning.seconds``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A course's sessions of a year are summed in exact seconds and rounded once (R3, SPEC section
9); an hour in millionths cannot hold a second or a third of an hour exactly, so the seconds
are a column of their own: ``NUMERIC(11, 6)`` (to the microsecond, at most a day), or whole
microseconds on SQLite. Records stored before have none: they count as the hours they hold.
"""

from alembic import context, op

from casedu.store.migrations.steps import added_constraint

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: The column and its constraint as the tables of this revision declare them.
BOUND = "seconds >= 0 AND seconds <= 86400"
SQLITE_BOUND = ("seconds IS NULL OR (seconds >= 0 AND seconds <= 86400000000 AND "
                "typeof(seconds) = 'integer')")


def upgrade() -> None:
    import sqlalchemy as sa

    tables = context.config.attributes["tables"]
    bind = op.get_context()  # its dialect: the database's, or --sql's without a connection
    name = tables.name("online_learning")
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table(name, schema=tables.schema, recreate="always") as batch:
            batch.add_column(sa.Column("seconds", sa.BigInteger(), nullable=True))
            batch.create_check_constraint(f"{name}_seconds_bounds1", SQLITE_BOUND)
        return
    preparer = bind.dialect.identifier_preparer
    table = preparer.format_table(tables["online_learning"])
    constraint = preparer.quote(f"{name}_seconds_bounds0")
    # one statement: MariaDB's DDL is not transactional
    op.execute(f"ALTER TABLE {table} ADD COLUMN seconds NUMERIC(11, 6), "
               f"ADD CONSTRAINT {constraint} CHECK ({BOUND})")
    added_constraint(op, name, f"{name}_seconds_bounds0")


def downgrade() -> None:  # pragma: no cover - casedu moves databases forward only
    raise NotImplementedError("casedu does not move a database back to an earlier revision")
