"""Where the workflow keeps its state: a small protocol, and a store in memory.

A portal puts its own database behind :class:`Store`; casedu ships :class:`MemoryStore` and the
SQL store (:class:`casedu.store.SqlStore`: a SQLite workspace file, PostgreSQL, MariaDB). An
operation reads only what it touches (a record by key, the records matching a few fields, an
institute's share) and writes its changes with their audit events atomically, refusing the batch
when any change's ``before`` is no longer current.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from casedu.errors import ConflictError
from casedu.metrics.hours import YearHours
from casedu.model import (
    Account,
    Attendance,
    AttendanceStatus,
    Dataset,
    ExternalLearning,
    Person,
    Role,
)
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.services.changes import AuditEvent, Change, apply_changes
from casedu.services.reads import (
    attendance_counts,
    audit_page,
    class_attendees,
    find_records,
    get_record,
    institute_data,
    institute_hours,
    pending_external,
    people_data,
    record_ids,
    roster_data,
    search_people,
)

if TYPE_CHECKING:
    from casedu.services.session_types import Session

__all__ = ["MemoryStore", "State", "Store"]


@attrs.frozen
class State:
    """Everything the workflow reads: the dataset and the accounts by username."""

    dataset: Dataset
    accounts: Mapping[str, Account]


@runtime_checkable
class Store(Protocol):
    """The persistence the workflow needs. :mod:`casedu.services.reads` defines what each read
    returns, over a dataset in memory."""

    def get(self, section: str, key: tuple[Any, ...]) -> Any:
        """The record of ``section`` (``plans``, ``accounts``, ...) with ``key``, or None."""
        ...

    def find(self, section: str, /, *, limit: int | None = None, offset: int = 0,
             **where: Any) -> list[Any]:
        """The records of ``section`` whose fields have the values of ``where``, in the order
        they were added (accounts by username), ``limit`` of them after ``offset``. On learning
        records ``institute`` is their person's institute."""
        ...

    def institute_data(self, institute: str) -> Dataset:
        """An institute's share of the data (:func:`casedu.services.reads.institute_data`)."""
        ...

    def ids(self, section: str, prefix: str) -> list[str]:
        """The ids of ``section`` that start with ``prefix`` (to number a new record)."""
        ...

    def people_data(self, people: Sequence[str]) -> Dataset:
        """A few people's share of the data (:func:`casedu.services.reads.people_data`): what
        a page of people, or one person's archive, reads."""
        ...

    def search_people(self, institute: str, *, department: str | None = None,
                      text: str | None = None, limit: int | None = None,
                      offset: int = 0) -> tuple[list[Person], int]:
        """A page of an institute's people and how many match in all
        (:func:`casedu.services.reads.search_people`)."""
        ...

    def class_attendees(self, plan: str, *, limit: int | None = None,
                        offset: int = 0) -> tuple[list[tuple[Attendance, Person]], int]:
        """A page of a class's attendance with its people, and how many in all
        (:func:`casedu.services.reads.class_attendees`)."""
        ...

    def pending_external(self, institute: str, *, department: str | None = None,
                         year: int | None = None, policy: Policy = DEFAULT_POLICY,
                         limit: int | None = None, offset: int = 0,
                         ) -> tuple[list[tuple[ExternalLearning, Person]], int]:
        """A page of the external learning pending review of an institute's people (of one
        department, of one statistics year), with their people, and how many in all
        (:func:`casedu.services.reads.pending_external`)."""
        ...

    def attendance_counts(self, plans: Sequence[str]) -> dict[str, dict[AttendanceStatus, int]]:
        """How many attendance records each plan has in each status
        (:func:`casedu.services.reads.attendance_counts`)."""
        ...

    def roster(self, institute: str | None = None) -> Dataset:
        """The roster the figures read besides the hours: every institute, and one
        institute's (or all) departments, people, plans, backbone reports and summaries
        (:func:`casedu.services.reads.roster_data`)."""
        ...

    def year_hours(self, year: int, *, policy: Policy = DEFAULT_POLICY,
                   institute: str | None = None, singles: bool = True,
                   people: Collection[str] | None = None,
                   total_at_least: Decimal | None = None) -> YearHours:
        """Everybody's hours of ``year`` (those of one institute's people), summed where the
        data is (:func:`casedu.services.reads.institute_hours`). ``singles=False``: the
        single trainings may be left unread (a SQL store reads one row a person; each
        person's year then gives its hours and the longest single training's hours, and
        refuses to list the single trainings), for figures that need only those.
        ``people``: only these people's years (a page's); ``total_at_least``: only the years
        whose total reaches it (the database leaves out the others)."""
        ...

    def state(self) -> State:
        """The whole dataset and every account (for dumps and tests, not for operations)."""
        ...

    def commit(self, changes: Sequence[Change], events: Sequence[AuditEvent]) -> None:
        """Write all ``changes`` and ``events`` or none (:class:`~casedu.errors.ConflictError`
        when a change's ``before`` is not current)."""
        ...

    def events(self, *, institute: str | None = None) -> Sequence[AuditEvent]:
        """The audit events (those of one institute's audit, when given), oldest first,
        numbered by ``sequence``."""
        ...

    def audit_page(self, institute: str, *, actor: str | None = None,
                   action: str | None = None, record: str | None = None,
                   outcome: str | None = None, limit: int | None = None,
                   offset: int = 0) -> tuple[list[AuditEvent], int]:
        """A page of an institute's audit, newest first, filtered by who acted, the action, a
        prefix of the record's label and the outcome, and how many match in all
        (:func:`casedu.services.reads.audit_page`)."""
        ...


class MemoryStore:
    """A store in memory, for tests, notebooks and portals that persist elsewhere.

    >>> from casedu.model import Dataset
    >>> store = MemoryStore(Dataset())
    >>> store.state().dataset.people, store.events()
    ((), ())
    """

    def __init__(self, dataset: Dataset, accounts: Iterable[Account] = ()) -> None:
        self._state = State(dataset, {a.username: a for a in accounts})
        self._events: list[AuditEvent] = []
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def state(self) -> State:
        """The current state (immutable: later commits do not change it)."""
        return self._state

    def get(self, section: str, key: tuple[Any, ...]) -> Any:
        """The record of ``section`` with ``key``, or None."""
        state = self._state
        return get_record(state.dataset, state.accounts, section, key)

    def find(self, section: str, /, *, limit: int | None = None, offset: int = 0,
             **where: Any) -> list[Any]:
        """The records of ``section`` matching ``where``."""
        state = self._state
        return find_records(state.dataset, state.accounts, section, where, limit, offset)

    def institute_data(self, institute: str) -> Dataset:
        """An institute's share of the data."""
        return institute_data(self._state.dataset, institute)

    def ids(self, section: str, prefix: str) -> list[str]:
        """The ids of ``section`` that start with ``prefix``."""
        return record_ids(self._state.dataset, section, prefix)

    def people_data(self, people: Sequence[str]) -> Dataset:
        """A few people's share of the data."""
        return people_data(self._state.dataset, people)

    def search_people(self, institute: str, *, department: str | None = None,
                      text: str | None = None, limit: int | None = None,
                      offset: int = 0) -> tuple[list[Person], int]:
        """A page of an institute's people and how many match in all."""
        return search_people(self._state.dataset, institute, department=department, text=text,
                             limit=limit, offset=offset)

    def class_attendees(self, plan: str, *, limit: int | None = None,
                        offset: int = 0) -> tuple[list[tuple[Attendance, Person]], int]:
        """A page of a class's attendance with its people, and how many in all."""
        return class_attendees(self._state.dataset, plan, limit=limit, offset=offset)

    def pending_external(self, institute: str, *, department: str | None = None,
                         year: int | None = None, policy: Policy = DEFAULT_POLICY,
                         limit: int | None = None, offset: int = 0,
                         ) -> tuple[list[tuple[ExternalLearning, Person]], int]:
        """A page of the external learning pending review in a scope, and how many in all."""
        return pending_external(self._state.dataset, institute, department=department,
                                year=year, policy=policy, limit=limit, offset=offset)

    def attendance_counts(self, plans: Sequence[str]) -> dict[str, dict[AttendanceStatus, int]]:
        """How many attendance records each plan has in each status."""
        return attendance_counts(self._state.dataset, plans)

    def roster(self, institute: str | None = None) -> Dataset:
        """The roster of one institute (or all), without the learning records."""
        return roster_data(self._state.dataset, institute)

    def year_hours(self, year: int, *, policy: Policy = DEFAULT_POLICY,
                   institute: str | None = None, singles: bool = True,
                   people: Collection[str] | None = None,
                   total_at_least: Decimal | None = None) -> YearHours:
        """Everybody's hours of ``year`` (those of one institute's people, of ``people``,
        those whose total reaches ``total_at_least``); with their single trainings either
        way (``singles=False`` may leave them out: here they cost nothing more)."""
        return institute_hours(self._state.dataset, year, policy=policy, institute=institute,
                               people=people, total_at_least=total_at_least)

    def commit(self, changes: Sequence[Change], events: Sequence[AuditEvent]) -> None:
        """Apply the changes and keep the events, all or nothing."""
        with self._lock:
            dataset, accounts = apply_changes(self._state.dataset, self._state.accounts,
                                              changes)
            numbered = [attrs.evolve(e, sequence=len(self._events) + i + 1)
                        for i, e in enumerate(events)]
            self._state = State(dataset, accounts)
            self._events.extend(numbered)

    def events(self, *, institute: str | None = None) -> tuple[AuditEvent, ...]:
        """The audit events (of one institute's audit), oldest first."""
        if institute is None:
            return tuple(self._events)
        return tuple(e for e in self._events if e.institute == institute)

    def audit_page(self, institute: str, *, actor: str | None = None,
                   action: str | None = None, record: str | None = None,
                   outcome: str | None = None, limit: int | None = None,
                   offset: int = 0) -> tuple[list[AuditEvent], int]:
        """A page of an institute's audit, newest first, filtered, and how many in all."""
        return audit_page(self.events(institute=institute), actor=actor, action=action,
                          record=record, outcome=outcome, limit=limit, offset=offset)

    # -- sessions (casedu.services.sessions.SessionStore) ---------------------------------------

    def add_session(self, session: Session) -> None:
        """Keep a new session."""
        with self._lock:
            if session.key in self._sessions:
                raise ConflictError("a session with this key exists already")
            self._sessions[session.key] = session

    def session(self, key: str) -> Session | None:
        """The session with ``key``, or None."""
        return self._sessions.get(key)

    def session_with_account(self, key: str) -> tuple[Session, Account | None] | None:
        """The session with ``key`` and its account (None: gone), or None."""
        found = self._sessions.get(key)
        return None if found is None else (found, self.get("accounts", (found.username,)))

    def update_session(self, key: str, *, seen: dt.datetime, role: Role) -> None:
        """Set a session's last-seen time and active role."""
        with self._lock:
            found = self._sessions.get(key)
            if found is not None:
                self._sessions[key] = attrs.evolve(found, seen=seen, role=role)

    def end_sessions(self, *, key: str | None = None, username: str | None = None,
                     seen_before: dt.datetime | None = None,
                     started_before: dt.datetime | None = None) -> None:
        """Remove the sessions that match any of the conditions given."""
        with self._lock:
            self._sessions = {k: s for k, s in self._sessions.items() if not (
                k == key or s.username == username
                or (seen_before is not None and s.seen < seen_before)
                or (started_before is not None and s.started < started_before))}
