"""casedu's tables: the records, the accounts and the audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

The first revision made the tables as :class:`casedu.store.tables.Tables` declared them then
(casedu 0.2): ``Tables(revision=…)`` leaves out what later revisions add; their DDL on each
engine is kept in ``tests/store/revisions/0001-*.sql``. A store is made new at the newest
revision directly; the revisions bring an existing store forward, and a test holds a store of
this revision, migrated, equal to one made new, on every engine.
"""

from alembic import context, op

from casedu.store.migrations.steps import create_tables
from casedu.store.tables import Tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    now = context.config.attributes["tables"]
    tables = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=revision).checked()
    create_tables(op, tables.made_in(revision))
