"""What a store's target is: a workspace file or a database URL, and a URL whose ``://`` was
mistyped, shown without its password (no SQLAlchemy here: the command line asks before it
opens anything).
"""

from __future__ import annotations

import os
import re

__all__ = ["is_url", "mistyped_url"]


def is_url(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` is a database URL (``postgresql+psycopg://…``) rather than a file."""
    return isinstance(target, str) and "://" in target


#: A URL whose ``://`` was mistyped, with a password: scheme, user, password, the rest.
_MISTYPED = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*:?/{0,2})([^/:@]*):([^@]*)@(.*)", re.DOTALL)


def mistyped_url(text: str) -> str | None:
    """``text`` with its password hidden when it looks like a database URL whose ``://`` was
    mistyped (``postgresql//user:secret@host/db``), or None: such a text would otherwise be
    shown whole as a file name.

    >>> mistyped_url("postgresql+psycopg:/casedu:secret@db.example/portal")
    'postgresql+psycopg:/casedu:***@db.example/portal'
    >>> mistyped_url("iop.casedu") is None
    True
    """
    found = _MISTYPED.fullmatch(text)
    if found is None or "://" in text:
        return None
    scheme, user, _, rest = found.groups()
    return f"{scheme}{user}:***@{rest}"
