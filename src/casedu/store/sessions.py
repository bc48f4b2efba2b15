"""The SQL store's sessions (:class:`casedu.services.sessions.SessionStore`): one row each in
``sessions``, written outside the records' transactions and never audited row by row (the
workflow audits logins and logouts)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from casedu.model import Account, Role
from casedu.services.reads import matches_nothing
from casedu.services.session_types import Session, stamp
from casedu.store.reads import account_of
from casedu.store.records import StoredValueError

if TYPE_CHECKING:
    from casedu.store.tables import Tables

__all__ = ["SqlSessions"]

#: The prefix of the account's columns in the query of a session with its account.
_ACCOUNT = "account."


class SqlSessions:
    """Sessions in the table ``sessions`` (a part of :class:`~casedu.store.SqlStore`)."""

    if TYPE_CHECKING:
        tables: Tables

        def _reading(self) -> AbstractContextManager[sa.Connection]: ...

        def _reading_one(self) -> AbstractContextManager[sa.Connection]: ...

        def _writing(self) -> AbstractContextManager[sa.Connection]: ...

    def add_session(self, session: Session) -> None:
        """Keep a new session."""
        with self._writing() as conn:
            conn.execute(self.tables["sessions"].insert().values(
                token_hash=session.key, username=session.username, role=session.role.value,
                csrf=session.csrf, started=stamp(session.started), seen=stamp(session.seen)))

    def session(self, key: str) -> Session | None:
        """The session with ``key``, or None."""
        if matches_nothing([key]):
            return None
        table = self.tables["sessions"]
        with self._reading_one() as conn:
            row = conn.execute(sa.select(table).where(table.c.token_hash == key)).mappings() \
                .first()
            return None if row is None else _session(row)

    def session_with_account(self, key: str) -> tuple[Session, Account | None] | None:
        """The session with ``key`` and its account (None: gone), or None: one query, the
        accounts' row outer-joined to the session's (each request resumes its session)."""
        if matches_nothing([key]):
            return None
        with self._reading_one() as conn:
            row = conn.execute(self._session_query, {"key": key}).mappings().first()
            if row is None:
                return None
            session = _session(row)
            if row[f"{_ACCOUNT}username"] is None:
                return session, None
            values = {name[len(_ACCOUNT):]: value for name, value in row.items()
                      if name.startswith(_ACCOUNT)}
            try:
                return session, account_of(values)
            except Exception as error:  # every failure to make a record is a stored bad value
                raise StoredValueError(f"table accounts row {values.get('row_id')}: a stored "
                                       f"value cannot be read ({error})") from None

    @functools.cached_property
    def _session_query(self) -> sa.Select[Any]:
        """The query of :meth:`session_with_account` (made once: its key is a parameter)."""
        sessions, accounts = self.tables["sessions"], self.tables["accounts"]
        return (sa.select(sessions, *[c.label(f"{_ACCOUNT}{c.name}") for c in accounts.c])
                .select_from(sessions.outerjoin(
                    accounts, accounts.c.username == sessions.c.username))
                .where(sessions.c.token_hash == sa.bindparam("key", type_=sa.String()))
                .limit(1))

    def update_session(self, key: str, *, seen: dt.datetime, role: Role) -> None:
        """Set a session's last-seen time and active role."""
        table = self.tables["sessions"]
        with self._writing() as conn:
            conn.execute(table.update().where(table.c.token_hash == key)
                         .values(seen=stamp(seen), role=role.value))

    def end_sessions(self, *, key: str | None = None, username: str | None = None,
                     seen_before: dt.datetime | None = None,
                     started_before: dt.datetime | None = None) -> None:
        """Remove the sessions that match any of the conditions given."""
        table = self.tables["sessions"]
        conditions = list(_conditions(table, key, username, seen_before, started_before))
        if not conditions:
            return
        with self._writing() as conn:
            conn.execute(table.delete().where(sa.or_(*conditions)))


def _conditions(table: sa.Table, key: str | None, username: str | None,
                seen_before: dt.datetime | None,
                started_before: dt.datetime | None) -> Iterator[Any]:
    if key is not None:
        yield table.c.token_hash == key
    if username is not None:
        yield table.c.username == username
    if seen_before is not None:
        yield table.c.seen < stamp(seen_before)
    if started_before is not None:
        yield table.c.started < stamp(started_before)


def _session(row: sa.RowMapping) -> Session:
    try:
        started, seen = (dt.datetime.fromisoformat(row[name]) for name in ("started", "seen"))
        if started.tzinfo is None or seen.tzinfo is None:
            raise ValueError("a time without its time zone")
        return Session(key=row["token_hash"], username=row["username"], role=Role(row["role"]),
                       csrf=row["csrf"], started=started, seen=seen)
    except (ValueError, TypeError) as error:
        raise StoredValueError(f"table sessions row {row.get('row_id')}: a stored value "
                               f"cannot be read ({error})") from None
