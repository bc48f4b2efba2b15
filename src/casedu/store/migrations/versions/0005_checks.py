"""A CHECK rule for every bound and enumeration; exact comparison on MariaDB.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Every bound of :data:`casedu.quantities.BOUNDS` and every enumeration of the model becomes a
``CHECK`` constraint on every engine (:mod:`casedu.store.checks`): lengths of ids and texts,
ids without spaces around them, real dates, a period's end not before its start, and the
audit's roles. On MariaDB the tables take ``utf8mb4_nopad_bin``, which compares trailing
spaces as any other character. A store holding a row these rules refuse was refused, unchanged
and naming the row, before the migration began (:func:`casedu.store.migrations.open_tables`).
"""

from alembic import context, op

from casedu.store.migrations.steps import sync_tables
from casedu.store.tables import Tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    now = context.config.attributes["tables"]
    tables = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=revision).checked()
    before = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=down_revision).checked()
    sync_tables(op, tables, before)
