"""A database URL as users write it, and what to do when its driver is missing.

``postgres://`` (what hosting services hand out; SQLAlchemy knows only ``postgresql``) and
``postgresql://`` without a driver are PostgreSQL through psycopg, the driver
``casedu[postgresql]`` installs. ``mysql://`` and ``mariadb://`` keep SQLAlchemy's default
driver (mysqlclient), and when it is missing the message says to write ``mysql+pymysql://``,
the driver ``casedu[mysql]`` installs: installing the extra alone would not change the URL.

>>> import sqlalchemy as sa
>>> with_driver(sa.make_url("postgres://casedu@db.example/portal")).drivername
'postgresql+psycopg'
>>> with_driver(sa.make_url("mysql+pymysql://root@127.0.0.1/test")).drivername
'mysql+pymysql'
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["missing_driver", "with_driver"]

#: casedu's extra of each driver it installs.
_EXTRAS = {"psycopg": "postgresql", "pymysql": "mysql"}
#: The URL's scheme with casedu's driver.
_OURS = {"postgresql": "postgresql+psycopg", "mysql": "mysql+pymysql",
         "mariadb": "mariadb+pymysql"}


def with_driver(url: sa.URL) -> sa.URL:
    """``url`` with psycopg for a PostgreSQL URL that names no driver (``postgres://`` too),
    and a password given in the query string (``?password=``) moved to its place, where
    SQLAlchemy hides it whenever the URL or its engine is shown (both drivers take it there).
    """
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    given = url.query.get("password")
    if isinstance(given, str) and url.password is None:
        url = url.set(password=given).difference_update_query(["password"])
    return url


def missing_driver(url: sa.URL, error: BaseException) -> str:
    """What a message says of ``url`` whose driver is not installed (``error``): the URL with
    casedu's driver, or the ``pip install`` line of the extra that brings it."""
    from casedu.store.engines import safe_url

    backend, _, driver = url.drivername.partition("+")  # the dialect is what may not load
    driver = driver or {"mysql": "mysqldb", "mariadb": "mysqldb"}.get(backend, "")
    shown = safe_url(url)
    extra = _EXTRAS.get(driver)
    if extra is not None:
        return (f"{shown}: its driver {driver} is not installed: "
                f"pip install 'casedu[{extra}]'")
    ours = _OURS.get(backend)
    if ours is None:
        return f"{shown}: no driver for this database ({error})"
    written = safe_url(url.set(drivername=ours))
    return (f"{shown}: its driver {driver} is not installed ({error}): write the URL as "
            f"{written}, for the driver casedu[{_EXTRAS[ours.split('+')[1]]}] installs")
