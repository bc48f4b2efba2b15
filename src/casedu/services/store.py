"""Where the workflow keeps its state: a small protocol, and a store in memory.

A portal puts its own database behind :class:`Store`; casedu ships :class:`MemoryStore` and the
SQLite workspace. A store hands out the current state and writes a batch of changes with their
audit events atomically, refusing the batch when any change's ``before`` is no longer current.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

import attrs

from casedu.model import Account, Dataset
from casedu.services.changes import AuditEvent, Change, apply_changes

__all__ = ["MemoryStore", "State", "Store"]


@attrs.frozen
class State:
    """Everything the workflow reads: the dataset and the accounts by username."""

    dataset: Dataset
    accounts: Mapping[str, Account]


@runtime_checkable
class Store(Protocol):
    """The persistence the workflow needs."""

    def state(self) -> State:
        """The current dataset and accounts."""
        ...

    def commit(self, changes: Sequence[Change], events: Sequence[AuditEvent]) -> None:
        """Write all ``changes`` and ``events`` or none (:class:`~casedu.errors.ConflictError`
        when a change's ``before`` is not current)."""
        ...

    def events(self) -> Sequence[AuditEvent]:
        """Every audit event, oldest first, numbered by ``sequence``."""
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
        self._lock = threading.Lock()

    def state(self) -> State:
        """The current state (immutable: later commits do not change it)."""
        return self._state

    def commit(self, changes: Sequence[Change], events: Sequence[AuditEvent]) -> None:
        """Apply the changes and keep the events, all or nothing."""
        with self._lock:
            dataset, accounts = apply_changes(self._state.dataset, self._state.accounts,
                                              changes)
            numbered = [attrs.evolve(e, sequence=len(self._events) + i + 1)
                        for i, e in enumerate(events)]
            self._state = State(dataset, accounts)
            self._events.extend(numbered)

    def events(self) -> tuple[AuditEvent, ...]:
        """Every audit event, oldest first."""
        return tuple(self._events)
