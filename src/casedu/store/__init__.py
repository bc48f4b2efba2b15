"""Workspace persistence: an institute's data in one SQLite file."""

from casedu.store.schema import SCHEMA_VERSION, WorkspaceError
from casedu.store.sqlite import SqliteStore

__all__ = ["SCHEMA_VERSION", "SqliteStore", "WorkspaceError"]
