"""What a session is and how long it lasts: the types the workflow's sessions
(:mod:`casedu.services.sessions`) and the stores that keep them share."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Protocol, runtime_checkable

import attrs

from casedu.errors import expect
from casedu.model import Role

__all__ = ["Session", "SessionLimits", "SessionStore", "session_key", "stamp"]


@attrs.frozen(kw_only=True)
class SessionLimits:
    """How long a session lasts: ``idle`` without a request, ``absolute`` after the login.
    ``touch`` is how stale the last-seen time may get before it is written again (a request
    does not write the database every time)."""

    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=12)
    touch: dt.timedelta = dt.timedelta(minutes=1)

    def __attrs_post_init__(self) -> None:
        for name in ("idle", "absolute", "touch"):
            expect(name, getattr(self, name), dt.timedelta, what="a datetime.timedelta")
        if not dt.timedelta(0) < self.touch < self.idle <= self.absolute:
            raise ValueError("session limits need 0 < touch < idle <= absolute")


@attrs.frozen(kw_only=True)
class Session:
    """A session as the store keeps it: the token's SHA-256 (``key``), never the token."""

    key: str
    username: str
    role: Role
    csrf: str = attrs.field(repr=False)
    started: dt.datetime
    seen: dt.datetime


@runtime_checkable
class SessionStore(Protocol):
    """What a store offers to keep sessions (:class:`~casedu.services.MemoryStore` and the SQL
    store do). Times are timezone-aware."""

    def add_session(self, session: Session) -> None:
        """Keep a new session."""
        ...

    def session(self, key: str) -> Session | None:
        """The session with ``key``, or None."""
        ...

    def update_session(self, key: str, *, seen: dt.datetime, role: Role) -> None:
        """Set a session's last-seen time and active role."""
        ...

    # A store may also offer ``session_with_account(key) -> tuple[Session, Account | None] |
    # None``: the session and its account in one read (the SQL store: one query, where two
    # reads are two round trips at every request). :meth:`resume_session` uses it when it is
    # there, and ``session`` and ``get("accounts", ...)`` otherwise.

    def end_sessions(self, *, key: str | None = None, username: str | None = None,
                     seen_before: dt.datetime | None = None,
                     started_before: dt.datetime | None = None) -> None:
        """Remove the session ``key``, every session of ``username``, or every session seen last
        before ``seen_before`` or started before ``started_before`` (any that matches one)."""
        ...


def session_key(token: str) -> str:
    """What the store keeps of a token: its SHA-256, in hex.

    >>> session_key("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def stamp(moment: dt.datetime) -> str:
    """A time as the SQL store keeps a session's: UTC, to the microsecond, so that the text
    sorts as the times do.

    >>> stamp(dt.datetime(2026, 12, 20, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    '2026-12-20T09:00:00.000000+00:00'
    """
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")
