"""One operation: what it reads from the store, its changes, written together."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Collection, Iterable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from casedu.errors import ConflictError
from casedu.metrics.hours import YearHours
from casedu.model import Account, Dataset, Role
from casedu.policy import Policy
from casedu.services.changes import AuditEvent, Change, record_json, record_key, record_label
from casedu.services.reads import LEARNING, ROSTER, matches
from casedu.services.store import Store

__all__ = ["UnitOfWork"]

R = TypeVar("R")


class UnitOfWork:
    """Reads what the operation touches from the store as it asks for it (each record once),
    records each change with its audit event, and commits them all or none. Reads inside the
    operation see its own earlier changes."""

    def __init__(self, store: Store, *, actor: str, role: Role | None, action: str,
                 clock: Callable[[], dt.datetime], institute: str | None = None) -> None:
        self.store = store
        self._read: dict[str, dict[tuple[Any, ...], Any]] = {}  # what was read, by section
        self._changed: dict[str, dict[tuple[Any, ...], Any]] = {}  # key -> after (None: gone)
        self.actor = actor
        self.role = role
        self.action = action
        self.institute = institute
        self.now = clock()
        self.changes: list[Change] = []
        self.events: list[AuditEvent] = []

    # -- reading -----------------------------------------------------------------------------

    def get(self, section: str, key: tuple[Any, ...]) -> Any:
        """The record of ``section`` with ``key`` as it stands in this operation, or None."""
        changed = self._changed.get(section)
        if changed is not None and key in changed:
            return changed[key]
        read = self._read.setdefault(section, {})
        if key not in read:
            read[key] = self.store.get(section, key)
        return read[key]

    current = get

    def take_reads(self, other: UnitOfWork) -> None:
        """Take the records ``other`` read (a look before the operation) as read here."""
        for section, read in other._read.items():
            self._read.setdefault(section, {}).update(read)

    def take_account(self, account: Account) -> None:
        """Take ``account`` as read here (just read by the caller)."""
        self._read.setdefault("accounts", {})[(account.username,)] = account

    def account(self, username: str) -> Account | None:
        """The account ``username``, or None."""
        found: Account | None = self.get("accounts", (username,))
        return found

    def find(self, section: str, **where: Any) -> list[Any]:
        """The records of ``section`` matching ``where`` (see :meth:`Store.find`), with this
        operation's changes."""
        found = self.store.find(section, **where)
        changed = self._changed.get(section)
        if not changed:
            return found
        keys = {record_key(r) for r in found}
        result = [changed.get(record_key(r), r) for r in found]
        result += [r for k, r in changed.items() if k not in keys and r is not None]
        return [r for r in result if r is not None and matches(r, where, self._institute_of)]

    def _institute_of(self, person: str) -> str | None:
        return getattr(self.get("people", (person,)), "institute", None)

    def ids(self, section: str, prefix: str) -> set[str]:
        """The ids of ``section`` starting with ``prefix``, with this operation's changes."""
        found = set(self.store.ids(section, prefix))
        for (key, *_), after in self._changed.get(section, {}).items():
            if after is None:
                found.discard(key)
            elif key.startswith(prefix):
                found.add(key)
        return found

    def institute_data(self, institute: str) -> Dataset:
        """The institute's share of the data (see :meth:`Store.institute_data`), with this
        operation's changes."""
        return self._with_changes(self.store.institute_data(institute))

    def roster(self, institute: str) -> Dataset:
        """The institute's roster (see :meth:`Store.roster`), with this operation's
        changes."""
        return self._with_changes(self.store.roster(institute), ROSTER)

    def year_hours(self, year: int, institute: str, policy: Policy, *,
                   singles: bool = True, people: Collection[str] | None = None,
                   total_at_least: Decimal | None = None) -> YearHours:
        """The year's hours of the institute's people, summed by the store (see
        :meth:`Store.year_hours`; ``singles=False`` for figures that need only the hours).
        Read before this operation changes a learning record."""
        changed = LEARNING & self._changed.keys()
        assert not changed, f"the store's sums do not hold this operation's {changed}"
        narrowed: dict[str, Any] = {}
        if people is not None:
            narrowed["people"] = people
        if total_at_least is not None:
            narrowed["total_at_least"] = total_at_least
        if not narrowed or _narrows(self.store):
            return self.store.year_hours(year, policy=policy, institute=institute,
                                         singles=singles, **narrowed)
        # a portal's store of the protocol before these keywords: read whole, then narrowed
        whole = self.store.year_hours(year, policy=policy, institute=institute,
                                      singles=singles)
        wanted = None if people is None else set(people)
        return attrs.evolve(whole, by_person={
            person: mine for person, mine in whole.by_person.items()
            if (wanted is None or person in wanted)
            and (total_at_least is None or mine.total >= total_at_least)})

    def _with_changes(self, dataset: Dataset, sections: Iterable[str] | None = None) -> Dataset:
        """``dataset`` with this operation's changes to its ``sections`` (all but the
        accounts when None)."""
        kept = None if sections is None else set(sections)
        changes = {}
        for section, changed in self._changed.items():
            if section == "accounts" or (kept is not None and section not in kept):
                continue
            records = {record_key(r): r for r in getattr(dataset, section)}
            for key, after in changed.items():
                if after is None:
                    records.pop(key, None)
                else:
                    records[key] = after
            changes[section] = tuple(records.values())
        return attrs.evolve(dataset, **changes) if changes else dataset

    # -- changing ----------------------------------------------------------------------------

    def add(self, record: R) -> R:
        """Add a new record."""
        self._change(Change(None, record))
        return record

    def replace(self, before: R, after: R) -> R:
        """Replace ``before`` with ``after`` (same kind and key); nothing if they are equal."""
        if before != after:
            self._change(Change(before, after))
        return after

    def remove(self, record: Any) -> None:
        """Remove a record."""
        self._change(Change(record, None))

    def _change(self, change: Change) -> None:
        if self.get(change.section, change.key) != change.before:
            raise ConflictError(f"{record_label(change.record)} is not as expected")
        self._changed.setdefault(change.section, {})[change.key] = change.after
        self.changes.append(change)
        self.events.append(AuditEvent(
            at=self.now, actor=self.actor, role=self.role, action=self.action,
            record=record_label(change.record), before=record_json(change.before),
            after=record_json(change.after), institute=self.institute or _institute_of(change),
        ))

    def commit(self) -> None:
        """Write every change and event, or none."""
        if self.changes:
            self.store.commit(self.changes, self.events)


def _institute_of(change: Change) -> str | None:
    """The institute a changed record belongs to, where the record says it."""
    return getattr(change.record, "institute", None)


@functools.cache
def _narrows_type(kind: type[Any]) -> bool:
    try:
        parameters = inspect.signature(kind.year_hours).parameters
    except (AttributeError, TypeError, ValueError):
        return False
    return {"people", "total_at_least"} <= parameters.keys() or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())


def _narrows(store: Store) -> bool:
    """Whether ``store.year_hours`` takes ``people`` and ``total_at_least`` (a portal's
    store written before them does not)."""
    return _narrows_type(type(store))
