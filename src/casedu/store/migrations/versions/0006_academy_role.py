"""The academy admin (院级管理员) among the roles the audit and the sessions hold.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

The role CHECK rules of ``audit_events.role`` and ``sessions.role`` take the value
``academy_admin`` (:data:`casedu.store.tables.ROLES_ADDED_IN`): the academy admin's logins and
the refusals of what it may not do are recorded like any other role's. Every CHECK constraint
is made again as :func:`~casedu.store.migrations.steps.sync_tables` does (on SQLite, each table
made again and its rows copied).
"""

from alembic import context, op

from casedu.store.migrations.steps import sync_tables
from casedu.store.tables import Tables

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    now = context.config.attributes["tables"]
    tables = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=revision).checked()
    before = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=down_revision).checked()
    sync_tables(op, tables, before)
