"""An institute's people in the order they were added.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

The pages of an institute's people (人员管理) and the roster read an institute's people in the
order they were added (``row_id``). With an index of ``institute`` alone the database found them
and sorted them, or walked the whole table by its key; the index ``(institute, row_id)`` gives
them in order. It replaces the index of ``institute`` alone, whose work it does (MariaDB keeps
it for the reference to the institute: the new one is made first).
"""

from alembic import context, op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from casedu.store.tables import Tables

    now = context.config.attributes["tables"]
    tables = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=revision)
    name = tables.name("people_institute_row_id")
    index = next(i for i in tables["people"].indexes if i.name == name)
    op.create_index(index.name, tables.name("people"), [c.name for c in index.columns],
                    schema=tables.schema)
    op.drop_index(tables.name("people_institute"), table_name=tables.name("people"),
                  schema=tables.schema)


def downgrade() -> None:  # pragma: no cover - casedu moves databases forward only
    raise NotImplementedError("casedu does not move a database back to an earlier revision")
