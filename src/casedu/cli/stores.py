"""Which store a command opens: its DATA or WORKSPACE, else the database of
``CASEDU_DATABASE_URL`` (SPEC §9); casedu's tables under a table prefix or in a schema of a
database server (``--prefix``, ``--schema``, or ``CASEDU_TABLE_PREFIX`` and
``CASEDU_DATABASE_SCHEMA``), as a portal keeps them beside its own.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casedu.cli.arguments import (
    DATABASE_ENV,
    PREFIX_ENV,
    SCHEMA_ENV,
    UsageError,
    location,
    table_prefix,
)

if TYPE_CHECKING:  # the store is imported by the commands that open one
    from casedu.store import SqlStore

__all__ = ["closing_stores", "open_target", "resolve_target", "store_options"]


def resolve_target(args: argparse.Namespace) -> None:
    """Fill a DATA or WORKSPACE left out from ``CASEDU_DATABASE_URL``, or refuse the command
    line; refuse ``--prefix`` and ``--schema`` on a workspace file."""
    dest = getattr(args, "target", None)
    if dest is None:
        return
    if dest == "people":  # [WORKSPACE] PERSON...
        args.people = _take_workspace(args, args.people)
        dest = args.target = "workspace"
    elif getattr(args, dest) is None:
        setattr(args, dest, _from_environment(dest))
    store_options(args, getattr(args, dest))


def _take_workspace(args: argparse.Namespace, words: list[str]) -> list[str]:
    """The first word is the workspace when there are more and it is a URL, an ``env:NAME``
    or an existing file, or when ``CASEDU_DATABASE_URL`` is not set; else every word is a
    person and the workspace is the environment's."""
    first = words[0]
    if len(words) > 1 and (not os.environ.get(DATABASE_ENV) or "://" in first
                           or first.startswith("env:") or Path(first).exists()):
        try:
            args.workspace = location(first)
        except argparse.ArgumentTypeError as error:
            raise UsageError(str(error)) from None
        return words[1:]
    args.workspace = _from_environment("workspace")
    return words


def _from_environment(dest: str) -> Path | str:
    value = os.environ.get(DATABASE_ENV, "")
    if not value:
        raise UsageError(f"name the {dest.upper()} (a file or a database URL), or set "
                         f"{DATABASE_ENV} to a database URL")
    try:
        return location(value)
    except argparse.ArgumentTypeError as error:
        raise UsageError(f"{DATABASE_ENV}: {error}") from None


def store_options(args: argparse.Namespace, target: Path | str) -> dict[str, Any]:
    """The ``prefix`` and ``schema`` of ``open_store`` for ``target``: the options, else the
    environment's on a database server; a workspace file takes none."""
    prefix, schema = getattr(args, "prefix", None), getattr(args, "schema", None)
    server = isinstance(target, str) and not target.startswith("sqlite")
    if not server:
        if prefix or schema:
            raise UsageError("a workspace file takes no --prefix or --schema (they place "
                             "casedu's tables in a database server's)")
        return {}
    prefix = os.environ.get(PREFIX_ENV, "") if prefix is None else prefix
    schema = (os.environ.get(SCHEMA_ENV) or None) if schema is None else schema
    options: dict[str, Any] = {}
    if prefix:
        options["prefix"] = _environment_value(PREFIX_ENV, prefix)
    if schema:
        options["schema"] = schema
    return options


def _environment_value(name: str, prefix: str) -> str:
    try:
        return table_prefix(prefix)
    except argparse.ArgumentTypeError as error:
        raise UsageError(f"{name}: {error}") from None


def open_target(args: argparse.Namespace, *, create: bool = False, **made: Any) -> SqlStore:
    """The store of the command's DATA or WORKSPACE, with its prefix and schema (``made``: what
    ``open_store`` makes it with)."""
    from casedu.store import open_store

    target = getattr(args, args.target)
    store = open_store(target, create=create, **store_options(args, target), **made)
    _OPENED.append(store)
    return store


#: The stores the command opened, closed when it ends (:func:`closing_stores`).
_OPENED: list[SqlStore] = []


@contextlib.contextmanager
def closing_stores() -> Iterator[None]:
    """Close every store the command opened when it ends: a workspace's connections are
    closed by the command, not whenever the interpreter collects them."""
    try:
        yield
    finally:
        while _OPENED:
            _OPENED.pop().close()
