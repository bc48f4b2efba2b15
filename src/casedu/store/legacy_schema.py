"""The hand-written SQLite schema of casedu 0.1's workspaces, and its forward migrations (kept
to read such a workspace once, when it is moved into the SQL store's tables).

A workspace records its schema version; casedu migrates an older workspace forward when it opens
it, and refuses one made by a newer casedu.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from casedu.errors import WorkspaceError
from casedu.quantities import BOUNDS

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "WorkspaceError", "migrate", "schema_version"]


_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE institutes (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    institute TEXT NOT NULL REFERENCES institutes(code),
    name TEXT NOT NULL
);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    institute TEXT NOT NULL REFERENCES institutes(code),
    name TEXT NOT NULL,
    in_service INTEGER NOT NULL CHECK (in_service IN (0, 1)),
    hours_required INTEGER NOT NULL CHECK (hours_required IN (0, 1)),
    department TEXT REFERENCES departments(id),
    email TEXT,
    hire_date TEXT,
    category TEXT
);
CREATE INDEX people_institute ON people(institute);
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    institute TEXT NOT NULL REFERENCES institutes(code),
    name TEXT NOT NULL,
    premium INTEGER NOT NULL CHECK (premium IN (0, 1)),
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    planned_participants INTEGER NOT NULL,
    hours TEXT NOT NULL,
    expense TEXT NOT NULL,
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    department TEXT REFERENCES departments(id),
    audience TEXT, content TEXT, objectives TEXT, location TEXT, contact TEXT, phone TEXT,
    effectiveness TEXT
);
CREATE TABLE implementations (
    plan TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    attendees INTEGER NOT NULL,
    staff INTEGER NOT NULL,
    name TEXT, premium INTEGER, audience TEXT, content TEXT, objectives TEXT,
    start TEXT, "end" TEXT, location TEXT, hours TEXT, expense TEXT, contact TEXT, phone TEXT
);
CREATE TABLE attendance (
    plan TEXT NOT NULL REFERENCES plans(id),
    person TEXT NOT NULL REFERENCES people(id),
    status TEXT NOT NULL,
    PRIMARY KEY (plan, person)
);
CREATE INDEX attendance_person ON attendance(person);
CREATE TABLE external_learning (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES people(id),
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    hours TEXT NOT NULL,
    status TEXT NOT NULL,
    reviewer TEXT,
    review_note TEXT
);
CREATE INDEX external_person ON external_learning(person);
CREATE TABLE online_learning (
    rowid INTEGER PRIMARY KEY,
    person TEXT NOT NULL REFERENCES people(id),
    course TEXT NOT NULL,
    date TEXT NOT NULL,
    hours TEXT NOT NULL,
    title TEXT
);
CREATE INDEX online_person_course ON online_learning(person, course);
CREATE TABLE backbone_reports (
    institute TEXT NOT NULL REFERENCES institutes(code),
    year INTEGER NOT NULL,
    person TEXT NOT NULL REFERENCES people(id),
    reported_on TEXT,
    PRIMARY KEY (institute, year, person)
);
CREATE TABLE summaries (
    institute TEXT NOT NULL REFERENCES institutes(code),
    year INTEGER NOT NULL,
    total_investment TEXT,
    total_person_times INTEGER,
    status TEXT NOT NULL,
    figures TEXT,
    submitted_on TEXT,
    PRIMARY KEY (institute, year)
);
CREATE TABLE accounts (
    username TEXT PRIMARY KEY,
    institute TEXT NOT NULL REFERENCES institutes(code),
    person TEXT REFERENCES people(id),
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL,
    failed_logins INTEGER NOT NULL,
    locked_until TEXT,
    grants TEXT NOT NULL
);
CREATE TABLE audit_events (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT,
    action TEXT NOT NULL,
    record TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_record ON audit_events(record);
"""

def _hours_unsound(column: str, limit: Decimal) -> str:
    """SQL that is true when ``column`` holds no plain decimal of hours within the bounds."""
    return (f"({column} IS NOT NULL AND ({column} NOT GLOB '[0-9]*' "
            f"OR {column} GLOB '*[^0-9.]*' OR {column} GLOB '*.*.*' OR {column} GLOB '*.' "
            f"OR CAST({column} AS REAL) > {limit} "
            f"OR (instr({column}, '.') > 0 "
            f"AND length({column}) - instr({column}, '.') > {BOUNDS.hours_places})))")


def _date_unsound(column: str) -> str:
    """SQL that is true when ``column`` holds no real YYYY-MM-DD (through julianday(),
    2026-02-30 comes back as 2026-03-02)."""
    return (f"({column} IS NOT NULL AND (length({column}) != 10 "
            f"OR date(julianday({column})) IS NOT {column}))")


_DATES = {"plans": ("start", '"end"'), "implementations": ("start", '"end"'),
          "external_learning": ("start", '"end"'), "online_learning": ("date",)}


def _unsound(table: str, row: str = "NEW") -> str:
    """SQL true for a row of ``table`` whose hours or dates the model would refuse: the SQL
    sums of the year's figures read these columns without making records, so the database
    itself refuses what they could not sum exactly."""
    parts = [_hours_unsound(f"{row}.hours", BOUNDS.record_hours)]
    parts += [_date_unsound(f"{row}.{column}") for column in _DATES[table]]
    return " OR ".join(parts)


def unsound_rows(db: sqlite3.Connection) -> list[str]:
    """The stored rows whose hours or dates the model would refuse, as ``table row N``."""
    found = []
    for table in _DATES:
        condition = _unsound(table, row=table)
        for (rowid,) in db.execute(f"SELECT rowid FROM {table} WHERE {condition} LIMIT 5"):
            found.append(f"{table} row {rowid}")
    return found


# Version 2: each audit event names the institute whose audit shows it, and whether it was
# done or denied (with the reason); an online record keeps the xAPI statement id of its session;
# triggers refuse hours and dates the model refuses, whoever writes them. Events written before
# know their institute through their actor's account, or the account they made.
_V2 = """
ALTER TABLE audit_events ADD COLUMN institute TEXT;
ALTER TABLE audit_events ADD COLUMN outcome TEXT NOT NULL DEFAULT 'done';
ALTER TABLE audit_events ADD COLUMN reason TEXT;
UPDATE audit_events SET institute = (
    SELECT a.institute FROM accounts a WHERE a.username = audit_events.actor);
UPDATE audit_events SET institute = (
    SELECT a.institute FROM accounts a WHERE 'accounts:' || a.username = audit_events.record)
    WHERE institute IS NULL;
CREATE INDEX audit_institute ON audit_events(institute, sequence);
ALTER TABLE online_learning ADD COLUMN session TEXT;
CREATE UNIQUE INDEX online_session ON online_learning(session) WHERE session IS NOT NULL;
""" + "".join(
    f"""CREATE TRIGGER {table}_checked_{event.lower()} BEFORE {event} ON {table}
    WHEN {_unsound(table)}
    BEGIN SELECT RAISE(ABORT, '{table}: hours or a date that casedu does not store'); END;
"""
    for table in ("plans", "implementations", "external_learning", "online_learning")
    for event in ("INSERT", "UPDATE"))

#: The schema version this casedu writes.
SCHEMA_VERSION = 2

#: version -> the step that brings a workspace from version - 1 to it.
MIGRATIONS: dict[int, str] = {
    1: _V1,
    2: _V2,
}


def schema_version(db: sqlite3.Connection, path: str) -> int:
    """The schema version of the workspace at ``db`` (0 for an empty database), or
    :class:`WorkspaceError` when it is no casedu workspace."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return 0
    if "meta" not in tables:
        raise WorkspaceError(f"{path} is a SQLite file but not a casedu workspace")
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise WorkspaceError(f"{path} is not a casedu workspace (no schema version)")
    text = str(row[0])
    if not text.isdigit() or len(text) > 6:
        raise WorkspaceError(f"{path}: the schema version {text[:20]!r} is not a number; the "
                             "workspace was changed outside casedu: restore its backup")
    return int(text)


def migrate(db: sqlite3.Connection, path: str, *, create: bool = False) -> None:
    """Bring the workspace at ``db`` to :data:`SCHEMA_VERSION`, or refuse it. An empty database
    becomes a workspace only with ``create``."""
    version = schema_version(db, path)
    if version == 0 and not create:
        raise WorkspaceError(f"{path} is an empty database, not a casedu workspace")
    if version > SCHEMA_VERSION:
        raise WorkspaceError(
            f"{path} was made by a newer casedu (workspace schema {version}, this casedu "
            f"knows up to {SCHEMA_VERSION}): upgrade casedu to open it")
    for step in range(version + 1, SCHEMA_VERSION + 1):
        # Each step and its new version number are one transaction.
        db.executescript(
            "BEGIN IMMEDIATE;" + MIGRATIONS[step]
            + f"INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '{step}');"
            + "COMMIT;")
