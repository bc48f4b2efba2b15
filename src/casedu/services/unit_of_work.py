"""One operation's changes, made against a working copy and written together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from casedu.errors import ConflictError
from casedu.model import Account, Dataset, Role
from casedu.services.changes import (
    AuditEvent,
    Change,
    apply_changes,
    record_json,
    record_key,
    record_label,
)
from casedu.services.store import Store

__all__ = ["UnitOfWork"]

R = TypeVar("R")


class UnitOfWork:
    """Reads the store once, records each change with its audit event, and commits them all or
    none. Reads inside the operation see its own earlier changes."""

    def __init__(self, store: Store, *, actor: str, role: Role | None, action: str,
                 clock: Callable[[], dt.datetime], institute: str | None = None) -> None:
        state = store.state()
        self.store = store
        self._dataset: Dataset = state.dataset
        self._sections: dict[str, dict[tuple[Any, ...], Any]] = {}  # the changed sections
        self._stale = False
        self.accounts: dict[str, Account] = dict(state.accounts)
        self.actor = actor
        self.role = role
        self.action = action
        self.institute = institute
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

    @property
    def dataset(self) -> Dataset:
        """The dataset with this operation's changes so far."""
        if self._stale:
            self._dataset = attrs.evolve(self._dataset, **{
                name: tuple(records.values()) for name, records in self._sections.items()})
            self._stale = False
        return self._dataset

    def current(self, section: str, key: tuple[Any, ...]) -> Any:
        """The record of ``section`` with ``key`` as it stands in this operation, or None."""
        return self._section(section).get(key)

    def _section(self, name: str) -> dict[tuple[Any, ...], Any]:
        records = self._sections.get(name)
        if records is None:
            records = self._sections[name] = {
                record_key(r): r for r in getattr(self._dataset, name)}
        return records

    def _change(self, change: Change) -> None:
        if change.section == "accounts":
            _, self.accounts = apply_changes(Dataset(), self.accounts, [change])
        else:
            records = self._section(change.section)
            if records.get(change.key) != change.before:
                raise ConflictError(f"{record_label(change.record)} is not as expected")
            if change.after is None:
                del records[change.key]
            else:
                records[change.key] = change.after
            self._stale = True
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
