"""Each person's year kept summed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

The table ``year_sums`` of :mod:`casedu.store.year_sums`: per person, year and year basis (of
the records' start, of their end), each source's hours and its longest single training, which
the figures read instead of summing the records. It is made with its keys, its reference to
the person and its rules, and filled from the records the store holds, in the migration's
transaction.
"""

from alembic import context, op

from casedu.store.migrations.steps import create_tables
from casedu.store.tables import SUM_COLUMNS, Tables

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from casedu.store.year_sums import sums_select

    now = context.config.attributes["tables"]
    tables = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=revision).checked()
    create_tables(op, tables.made_in(revision))
    table = tables["year_sums"]
    op.execute(table.insert().from_select(["person", "year", "basis", *SUM_COLUMNS],
                                          sums_select(tables)))


def downgrade() -> None:  # pragma: no cover - casedu moves databases forward only
    raise NotImplementedError("casedu does not move a database back to an earlier revision")
