"""The revisions of casedu's tables and the table that records a store's revision (below the
tables and the migrations, which both name them).

>>> HEAD == REVISIONS[-1], revision_table_names("casedu_")
(True, ('casedu_casedu_revision', 'casedu_casedu_revision_pkc'))
"""

from __future__ import annotations

__all__ = [
    "HEAD",
    "OLD_REVISIONS",
    "OLD_REVISION_TABLE",
    "PEOPLE_IN_ORDER",
    "REVISIONS",
    "REVISION_TABLE",
    "YEAR_INDEXES",
    "YEAR_SUMS",
    "revision_table_names",
]

#: Every revision, oldest first (a test holds it equal to Alembic's script directory).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
#: The revision this casedu writes.
HEAD = REVISIONS[-1]
#: The revision of the indexes the year's sums read (casedu.store.tables).
YEAR_INDEXES = "0007"
#: The revision of the table of each person's year summed (casedu.store.year_sums).
YEAR_SUMS = "0008"
#: The revision of the index of an institute's people in the order they were added.
PEOPLE_IN_ORDER = "0009"
#: The table that holds the revision of casedu's tables (with the store's prefix).
REVISION_TABLE = "casedu_revision"
#: Where casedu 0.2 kept its revision (Alembic's default name), and the revisions found there:
#: 0.2 wrote 0001; a later one when a migration's move of the revision was cut short.
OLD_REVISION_TABLE = "alembic_version"
OLD_REVISIONS = REVISIONS


def revision_table_names(prefix: str) -> tuple[str, str]:
    """The names the revision table makes: the table and its primary key (Alembic's
    ``<table>_pkc``)."""
    name = f"{prefix}{REVISION_TABLE}"
    return name, f"{name}_pkc"
