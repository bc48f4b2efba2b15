"""casedu's tables: the records, the accounts and the audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

The first revision makes the tables as :class:`casedu.store.tables.Tables` declares them, but
those a later revision adds (``ADDED_IN``). A later revision changes them with Alembic
operations and changes ``Tables`` with it, or makes the tables it adds; a test holds a database
migrated from this revision equal to one made new.
"""

from alembic import context, op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = context.config.attributes["tables"]
    tables.metadata.create_all(op.get_bind(), tables=tables.made_in(revision))
