"""Sessions: a login that lasts across requests (a browser's), kept on the server.

A session is opened by a successful login and named by a random token (256 bits from
:mod:`secrets`) that the client carries, in a cookie for the web pages; the store keeps only the
token's SHA-256, so a copy of the database opens no session. Each session holds its active role
and a CSRF token of its own. It ends at logout, after :attr:`SessionLimits.idle` without use or
:attr:`SessionLimits.absolute` after the login whatever the use, when the account's password is
changed (every session of the account), and when the account is locked or removed (OWASP ASVS
5.0 V7; the limits follow NIST SP 800-63B's AAL2 re-authentication).

>>> import datetime as dt
>>> from casedu.sample import sample_dataset
>>> from casedu.services import MemoryStore, PasswordHasher, Workflow
>>> now = [dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)]
>>> flow = Workflow(MemoryStore(sample_dataset()), clock=lambda: now[0],
...                 hasher=PasswordHasher(n=2**4))
>>> _ = flow.bootstrap_institute_admin("DEMO")
>>> opened = flow.start_session("DEMO", "DEMO654321")
>>> flow.resume_session(opened.token).actor.username
'DEMO'
>>> now[0] += dt.timedelta(minutes=31)
>>> flow.resume_session(opened.token)
Traceback (most recent call last):
...
casedu.errors.SessionEndedError: the session has timed out after 30 minutes without use: ...
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Sequence

import attrs

from casedu.errors import SessionEndedError, WorkspaceError, expect
from casedu.model import Role
from casedu.services.accounts import AccountOperations
from casedu.services.authorization import Actor
from casedu.services.changes import AuditEvent
from casedu.services.session_types import (
    Session,
    SessionLimits,
    SessionStore,
    session_key,
    stamp,
)

__all__ = ["Opened", "Session", "SessionLimits", "SessionOperations", "SessionStore",
           "session_key", "stamp"]


@attrs.frozen
class Opened:
    """A session and who acts in it; ``token`` is set only when the session was just opened
    (it is given out once, to be carried by the client)."""

    session: Session
    actor: Actor
    token: str | None = attrs.field(default=None, repr=False)


class SessionOperations(AccountOperations):
    """登录 for a client that comes back: open, resume, switch role, change password, end."""

    def start_session(self, username: str, password: str) -> Opened:
        """Log in (:meth:`login`: its failures and lockout) and open a new session under the
        account's highest role; sessions past their limits are cleared on the way."""
        sessions = self._sessions()
        actor = self.login(username, password)
        now = self.clock()
        sessions.end_sessions(seen_before=now - self.session_limits.idle,
                              started_before=now - self.session_limits.absolute)
        return self._open(sessions, actor, now)

    def resume_session(self, token: str) -> Opened:
        """The session named by ``token`` and who acts in it, or :class:`SessionEndedError`
        (and the session is removed) when it is unknown, past a limit, or its account is locked,
        gone or no longer holds the role."""
        expect("token", token, str, what="a session token")
        sessions = self._sessions()
        key = session_key(token)
        both = getattr(sessions, "session_with_account", None)
        if both is not None:  # one read instead of two (SessionStore)
            pair = both(key)
            found, account = pair if pair is not None else (None, None)
        else:
            found = sessions.session(key)
            account = None if found is None else self.store.get("accounts", (found.username,))
        if found is None or not hmac.compare_digest(found.key, key):
            raise SessionEndedError("no such session (logged out or ended): log in again")
        now = self.clock()
        limits = self.session_limits
        reason = None
        if now - found.started >= limits.absolute:
            reason = (f"the session has ended {_duration(limits.absolute)} after the login: "
                      "log in again")
        elif now - found.seen >= limits.idle:
            reason = (f"the session has timed out after {_duration(limits.idle)} without use: "
                      "log in again")
        elif account is None:
            reason = "the account of this session no longer exists"
        elif account.locked_until is not None and now < account.locked_until:
            reason = "the account is locked after failed logins: log in again later"
        elif account.grant(found.role) is None:
            reason = "the account no longer holds the session's role: log in again"
        if reason is not None:
            sessions.end_sessions(key=key)
            raise SessionEndedError(reason)
        assert account is not None
        if now - found.seen >= limits.touch:
            sessions.update_session(key, seen=now, role=found.role)
            found = attrs.evolve(found, seen=now)
        return Opened(found, Actor(account, found.role))

    def switch_session_role(self, token: str, role: Role) -> Opened:
        """切换角色: the session goes on under another role the account holds."""
        current = self.resume_session(token)
        actor = self.switch_role(current.actor, role)
        self._sessions().update_session(current.session.key, seen=current.session.seen,
                                        role=role)
        return Opened(attrs.evolve(current.session, role=role), actor)

    def change_session_password(self, token: str, old: str, new: str) -> Opened:
        """修改密码 in a session: every session of the account ends (a stolen one too), and a
        new session is opened for this client, under the same role."""
        current = self.resume_session(token)
        actor = self.change_password(current.actor, old, new)
        sessions = self._sessions()
        sessions.end_sessions(username=actor.username)
        self._audit_session(actor, "end_sessions", "password changed: every session ended")
        return self._open(sessions, actor, self.clock())

    def end_session(self, token: str) -> None:
        """退出: the session ends (an unknown token is ended already)."""
        expect("token", token, str, what="a session token")
        sessions = self._sessions()
        key = session_key(token)
        found = sessions.session(key)
        if found is None:
            return
        sessions.end_sessions(key=key)
        account = self.store.get("accounts", (found.username,))
        if account is not None:
            self._audit_session(Actor(account, found.role), "end_session", None)

    # -- helpers ---------------------------------------------------------------------------

    def _sessions(self) -> SessionStore:
        if not isinstance(self.store, SessionStore):
            raise WorkspaceError(f"{type(self.store).__name__} keeps no sessions: use casedu's "
                                 "SQL store or MemoryStore, or add the SessionStore methods")
        return self.store

    def _open(self, sessions: SessionStore, actor: Actor, now: dt.datetime) -> Opened:
        token = secrets.token_urlsafe(32)
        session = Session(key=session_key(token), username=actor.username, role=actor.role,
                          csrf=secrets.token_urlsafe(32), started=now, seen=now)
        sessions.add_session(session)
        self._audit_session(actor, "start_session", None)
        return Opened(session, actor, token)

    def _audit_session(self, actor: Actor, action: str, reason: str | None) -> None:
        events: Sequence[AuditEvent] = [AuditEvent(
            at=self.clock(), actor=actor.username, role=actor.role, action=action,
            record=f"accounts:{actor.username}", before=None, after=None,
            institute=actor.account.institute, reason=reason)]
        self.store.commit([], events)


def _duration(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
