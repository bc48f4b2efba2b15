"""Sessions of logins (the web pages' and any client's that comes back).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04

The table ``sessions`` of :mod:`casedu.services.sessions`: the SHA-256 of each session's token,
its account, active role, CSRF token, and its start and last-seen times.
"""

from alembic import context, op

from casedu.store.migrations.steps import create_tables
from casedu.store.tables import Tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    now = context.config.attributes["tables"]
    tables = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=revision).checked()
    create_tables(op, tables.made_in(revision))
