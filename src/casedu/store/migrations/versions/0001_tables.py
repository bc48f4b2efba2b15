"""casedu's tables: the records, the accounts and the audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

The first revision made the tables as :class:`casedu.store.tables.Tables` declared them then,
but those a later revision adds (``ADDED_IN``); their DDL on each engine is kept in
``tests/store/revisions/0001-*.sql``. casedu makes a new database's tables from ``Tables`` and
stamps it with the newest revision; a later revision changes existing databases with Alembic
operations and ``Tables`` with it, or makes the tables it adds. A test holds a database of this
revision, migrated, equal to one made new, on every engine.
"""

from alembic import context, op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = context.config.attributes["tables"]
    tables.metadata.create_all(op.get_bind(), tables=tables.made_in(revision))
