"""An online record is bounded as every record: 0 to 2,000 h, not 24 h.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

An online record holds one course's hours on a date, and portals that sum their courseware per
course hold records of 30 h and more; only one xAPI session is bounded by 24 h, which the reader
checks (SPEC section 9). The CHECK constraint on ``online_learning.hours`` changes in one
statement where the engine has ALTER TABLE (MariaDB's DDL is not transactional: one statement is
all or nothing), and by copying the table on SQLite (Alembic's batch mode).
"""

from alembic import context, op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: The constraint as the tables of this revision declare it, in each engine's units (SQLite
#: keeps hours as whole millionths).
BOUND = "hours >= 0 AND hours <= 2000"
SQLITE_BOUND = ("hours IS NULL OR (hours >= 0 AND hours <= 2000000000 AND "
                "typeof(hours) = 'integer')")


def upgrade() -> None:
    tables = context.config.attributes["tables"]
    bind = op.get_context()  # its dialect: the database's, or --sql's without a connection
    name = tables.name("online_learning")
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table(name, schema=tables.schema) as batch:
            batch.drop_constraint(f"{name}_hours_bounds1", type_="check")
            batch.create_check_constraint(f"{name}_hours_bounds1", SQLITE_BOUND)
        return
    preparer = bind.dialect.identifier_preparer
    table = preparer.format_table(tables["online_learning"])
    constraint = preparer.quote(f"{name}_hours_bounds0")
    op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {constraint}, "
               f"ADD CONSTRAINT {constraint} CHECK ({BOUND})")


def downgrade() -> None:  # pragma: no cover - casedu moves databases forward only
    raise NotImplementedError("casedu does not move a database back to an earlier revision")
