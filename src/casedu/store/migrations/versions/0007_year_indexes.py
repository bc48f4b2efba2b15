"""The indexes of a person's records as the year's sums read them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

An institute's year starts from its people (:mod:`casedu.store.aggregate`) and reads each
person's attendance and online records of the year. The index of ``person`` alone made the
database visit every record's row; the new ones hold what the sums read: a person's
attendance with its status and plan, and a person's online records by date with their course,
hours and seconds (PostgreSQL ``INCLUDE``s them; SQLite keys them; MariaDB keys the person and
the date, as a course of 1,000 characters passes its key's length), and the online records that
have a title by person and course (PostgreSQL and SQLite: a partial index), read for the
courses that come back. They replace the indexes of ``person`` alone, whose work they do.
"""

from alembic import context, op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from casedu.store.tables import Tables

    now = context.config.attributes["tables"]
    tables = Tables(prefix=now.prefix, schema=now.schema, dialect=now.dialect,
                    revision=revision)
    # the new ones first: MariaDB keeps an index of a reference's column while it exists
    for section, new in (("attendance", "attendance_person_status_plan"),
                         ("online_learning", "online_learning_person_date"),
                         ("online_learning", "online_learning_titled")):
        index = next((i for i in tables[section].indexes if i.name == tables.name(new)), None)
        if index is None:  # MariaDB has no partial index
            continue
        options = {key: value for key, value in index.kwargs.items() if value is not None}
        op.create_index(index.name, tables.name(section), [c.name for c in index.columns],
                        schema=tables.schema, **options)
    for section, old in (("attendance", "attendance_person"),
                         ("online_learning", "online_learning_person")):
        op.drop_index(tables.name(old), table_name=tables.name(section), schema=tables.schema)


def downgrade() -> None:  # pragma: no cover - casedu moves databases forward only
    raise NotImplementedError("casedu does not move a database back to an earlier revision")
