"""The database engines as casedu names and shows them: which engine, a URL without its secrets,
a database's error in its own words.

>>> safe_url("postgresql+psycopg://casedu:secret@db.example/portal")
'postgresql+psycopg://casedu:***@db.example/portal'
>>> safe_url("postgresql+psycopg://casedu@db.example/portal?password=secret")
'postgresql+psycopg://casedu@db.example/portal?password=***'
>>> safe_url("postgresql+psycopg:/casedu:secret@db.example/portal")
'postgresql+psycopg:/casedu:***@db.example/portal'
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from casedu.store.targets import mistyped_url

__all__ = ["engine_name", "reason", "safe_url"]

#: The query parameters whose value is a secret (libpq's password and sslpassword, a token).
_SECRET_PARAMETER = re.compile(r"pass|pwd|secret|token", re.IGNORECASE)



def engine_name(engine: sa.Engine) -> str:
    """``sqlite``, ``postgresql``, ``mariadb`` or ``mysql``: MariaDB told from MySQL, which
    SQLAlchemy learns on the first connection (``mysql+pymysql://`` names both)."""
    name = str(engine.dialect.name)
    if name == "mysql" and not getattr(engine.dialect, "server_version_info", None):
        with engine.connect():
            pass
    return "mariadb" if getattr(engine.dialect, "is_mariadb", False) else name


def safe_url(url: sa.URL | str) -> str:
    """A database URL as messages show it: never with its password.

    """
    if isinstance(url, str):
        if "://" not in url:
            return mistyped_url(url) or "the database URL given"
        try:
            url = sa.make_url(url)
        except (sa.exc.ArgumentError, ValueError):  # not a URL, or a port that is no number
            return "the database URL given"
    secret = {name: "@@" for name in url.query if _SECRET_PARAMETER.search(name)}
    text = str(url.update_query_dict(secret).render_as_string(hide_password=True))
    return text.replace("=%40%40", "=***")


def reason(error: sa.exc.SQLAlchemyError) -> str:
    """The database's own words, without the statement and parameters SQLAlchemy adds (they
    may hold personal data)."""
    from casedu.store.reading import sqlite_words

    original = getattr(error, "orig", None)
    text = sqlite_words(original if original is not None else error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]


