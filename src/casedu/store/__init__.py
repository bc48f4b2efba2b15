"""Where the workflow's data lives: the SQL store on SQLite (a workspace file), PostgreSQL or
MariaDB/MySQL.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = open_store(folder / "ws.casedu", create=True)
>>> type(store).__name__, store.find("institutes")
('SqliteStore', [])
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casedu.errors import WorkspaceError
from casedu.store.targets import is_url, mistyped_url

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from casedu.model import Account, Dataset
    from casedu.services.changes import AuditEvent
    from casedu.store.engines import safe_url
    from casedu.store.revisions import HEAD as REVISION
    from casedu.store.sql import SqlStore
    from casedu.store.sqlite import SqliteStore

__all__ = ["ENVIRONMENT", "READ_ENVIRONMENT", "REVISION", "SqlStore", "SqliteStore",
           "WorkspaceError", "is_url", "mistyped_url", "open_store", "safe_url"]

#: The environment variable that names the database when a command is given none.
ENVIRONMENT = "CASEDU_DATABASE_URL"
#: The environment variable that names a read replica of the database server a store is opened
#: on: the figures are read from it (docs/scaling.md).
READ_ENVIRONMENT = "CASEDU_DATABASE_READ_URL"

#: Imported on first use (PEP 562): SQLAlchemy alone costs more than reading a workspace's
#: figures (:mod:`casedu.store.reading`), which needs none of them.
_LAZY = {"REVISION": ("casedu.store.revisions", "HEAD"),
         "SqlStore": ("casedu.store.sql", "SqlStore"),
         "safe_url": ("casedu.store.engines", "safe_url"),
         "SqliteStore": ("casedu.store.sqlite", "SqliteStore")}


def __getattr__(name: str) -> Any:
    found = _LAZY.get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(found[0]), found[1])
    globals()[name] = value
    return value


def open_store(target: str | os.PathLike[str] | None, *, create: bool = False,
               check: bool | None = None, prefix: str = "", schema: str | None = None,
               migrate: bool | None = False,
               dataset: Dataset | None = None, accounts: Iterable[Account] = (),
               events: Sequence[AuditEvent] = (), read_url: str | None = None) -> SqlStore:
    """The store at ``target``: a workspace file, or a database URL (``sqlite:///ws.casedu``,
    ``postgresql+psycopg://user@host/db``, ``mysql+pymysql://root@127.0.0.1/test``); None takes
    the URL from :data:`ENVIRONMENT`. With ``create`` the tables are made (the file or the
    tables must not exist yet), holding ``dataset``, ``accounts`` and audit ``events`` when
    given: whole, or not at all. A database server's tables of an earlier casedu are migrated
    with ``migrate`` and refused without it (``casedu migrate``); a workspace file migrates
    itself after a backup beside it; ``migrate=None`` opens neither (only connects). On a
    database server, ``read_url`` (else :data:`READ_ENVIRONMENT`) names a read replica of it,
    which the figures are read from (a workspace file has none)."""
    if target is None or target == "":
        target = os.environ.get(ENVIRONMENT) or None
        if target is None:
            raise WorkspaceError(f"name a workspace or a database URL (or set {ENVIRONMENT})")
    from casedu.store.engines import safe_url
    from casedu.store.sql import SqlStore
    from casedu.store.sqlite import SqliteStore

    if not is_url(target):
        mistyped = mistyped_url(str(target))
        if mistyped is not None and not Path(target).exists():
            raise WorkspaceError(f"{mistyped} is neither a workspace file nor a database URL "
                                 "(a URL is written scheme://user:password@host/database)")
        return SqliteStore(Path(target), create=create, check=check, dataset=dataset,
                           accounts=accounts, events=events, migrate=_file(migrate))
    import sqlalchemy as sa

    text = str(target)
    try:
        url = sa.make_url(text)
    except (sa.exc.ArgumentError, ValueError):  # not a URL, or a port that is no number
        raise WorkspaceError(f"{safe_url(text)} is not a database URL (such as "
                             "postgresql+psycopg://user@host/database)") from None
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise WorkspaceError(f"{safe_url(url)}: a workspace is a file: name it "
                                 "(sqlite:///iop.casedu), or give its path alone")
        if prefix or schema:
            raise WorkspaceError("a workspace file takes no prefix or schema")
        return SqliteStore(Path(url.database), create=create, check=check, dataset=dataset,
                           accounts=accounts, events=events, migrate=_file(migrate))
    from casedu.store.urls import missing_driver, with_driver

    url = with_driver(url)
    read = read_url if read_url is not None else os.environ.get(READ_ENVIRONMENT) or None
    engines = []
    try:
        engine = sa.create_engine(url)
        engines.append(engine)
        if read:
            try:
                read_engine = sa.create_engine(with_driver(sa.make_url(read)))
            except (sa.exc.ArgumentError, ValueError):
                raise WorkspaceError(f"{READ_ENVIRONMENT}: {safe_url(read)} is not a database "
                                     "URL") from None
            engines.append(read_engine)
    except (sa.exc.NoSuchModuleError, ModuleNotFoundError, ImportError) as error:
        raise WorkspaceError(missing_driver(url, error)) from None
    # made here: closing the store disposes of them
    try:
        return SqlStore(engine, create=create, prefix=prefix, schema=schema, own_engine=True,
                        dataset=dataset, accounts=accounts, events=events, migrate=migrate,
                        read_engine=engines[1] if read else None)
    except BaseException:
        for made in engines:
            made.dispose()
        raise


def _file(migrate: bool | None) -> bool | None:
    """A workspace file migrates itself (after a backup) unless told to open nothing."""
    return None if migrate is None else True
