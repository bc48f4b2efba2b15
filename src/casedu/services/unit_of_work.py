"""One operation's changes, made against a working copy and written together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from casedu.model import Account, Dataset, Role
from casedu.services.changes import AuditEvent, Change, apply_changes, record_json, record_label
from casedu.services.store import Store

__all__ = ["UnitOfWork"]

R = TypeVar("R")


class UnitOfWork:
    """Reads the store once, records each change with its audit event, and commits them all or
    none. Reads inside the operation see its own earlier changes."""

    def __init__(self, store: Store, *, actor: str, role: Role | None, action: str,
                 clock: Callable[[], dt.datetime]) -> None:
        state = store.state()
        self.store = store
        self.dataset: Dataset = state.dataset
        self.accounts: dict[str, Account] = dict(state.accounts)
        self.actor = actor
        self.role = role
        self.action = action
        self.now = clock()
        self.changes: list[Change] = []
        self.events: list[AuditEvent] = []

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
        self.dataset, self.accounts = apply_changes(self.dataset, self.accounts, [change])
        self.changes.append(change)
        self.events.append(AuditEvent(
            at=self.now, actor=self.actor, role=self.role, action=self.action,
            record=record_label(change.record), before=record_json(change.before),
            after=record_json(change.after),
        ))

    def commit(self) -> None:
        """Write every change and event, or none."""
        if self.changes:
            self.store.commit(self.changes, self.events)
