"""Changes to the workspace and the audit events they leave.

A change names a record by its section and key, with the record before and after (``None`` for
an addition or a removal). Stores apply changes only when every ``before`` is still current.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from casedu.errors import ConflictError
from casedu.model import (
    Account,
    AnnualSummary,
    Attendance,
    BackboneReport,
    Dataset,
    Department,
    ExternalLearning,
    Institute,
    OnlineLearning,
    Person,
    Role,
    TrainingPlan,
)

__all__ = [
    "DENIED",
    "DONE",
    "SECTION_TYPES",
    "AuditEvent",
    "Change",
    "apply_changes",
    "record_json",
    "record_key",
    "record_label",
    "section_of",
]

_SECTIONS: dict[type, str] = {
    Institute: "institutes",
    Department: "departments",
    Person: "people",
    TrainingPlan: "plans",
    Attendance: "attendance",
    ExternalLearning: "external_learning",
    OnlineLearning: "online_learning",
    BackboneReport: "backbone_reports",
    AnnualSummary: "summaries",
    Account: "accounts",
}


#: The record type of each section.
SECTION_TYPES: dict[str, type] = {section: kind for kind, section in _SECTIONS.items()}


def section_of(record: Any) -> str:
    """The section a record belongs to (``plans``, ``accounts``, ...)."""
    return _SECTIONS[type(record)]


def record_key(record: Any) -> tuple[Any, ...]:
    """What identifies a record within its section."""
    if isinstance(record, Institute):
        return (record.code,)
    if isinstance(record, Attendance):
        return (record.plan, record.person)
    if isinstance(record, BackboneReport):
        return (record.institute, record.year, record.person)
    if isinstance(record, AnnualSummary):
        return (record.institute, record.year)
    if isinstance(record, OnlineLearning):
        if record.session is not None:
            return (record.session,)
        return (record.person, record.course, record.date, record.hours, record.title)
    if isinstance(record, Account):
        return (record.username,)
    return (record.id,)


def record_label(record: Any) -> str:
    """A short name of a record for audit events: ``plans:tp001``, ``attendance:tp001/p1``."""
    return f"{section_of(record)}:{'/'.join(str(k) for k in record_key(record))}"


def record_json(record: Any) -> dict[str, Any] | None:
    """A record as JSON for the audit; an account without its password hash."""
    if record is None:
        return None
    if isinstance(record, Account):
        value = {
            "username": record.username, "institute": record.institute,
            "person": record.person, "must_change_password": record.must_change_password,
            "grants": [{"role": g.role.value, "institute": g.institute,
                        "department": g.department, "classes": sorted(g.classes)}
                       for g in record.grants],
            "failed_logins": record.failed_logins,
            "locked_until": record.locked_until.isoformat() if record.locked_until else None,
        }
        return value
    from casedu.dataset.converter import unstructure_record  # cattrs: only when writing

    return unstructure_record(record)


@attrs.frozen
class Change:
    """One record added (``before`` None), replaced, or removed (``after`` None)."""

    before: Any
    after: Any

    def __attrs_post_init__(self) -> None:
        if self.before is None and self.after is None:
            raise ValueError("a change has a record before or after")
        if self.before is not None and self.after is not None and (
                record_key(self.before) != record_key(self.after)
                or type(self.before) is not type(self.after)):
            raise ValueError("a replacement keeps the record's kind and key")

    @property
    def record(self) -> Any:
        """The record the change is about."""
        return self.after if self.after is not None else self.before

    @property
    def section(self) -> str:
        """The section of the record."""
        return section_of(self.record)

    @property
    def key(self) -> tuple[Any, ...]:
        """The key of the record."""
        return record_key(self.record)


#: The outcome of an audited attempt: it was carried out, or refused by the authorization.
DONE, DENIED = "done", "denied"


@attrs.frozen(kw_only=True)
class AuditEvent:
    """Who, acting as which role, did what, to which record, when, with the values before and
    after. ``sequence`` is given by the store, in the order events were written.

    ``institute`` is the institute whose audit shows the event; ``outcome`` is ``done``, or
    ``denied`` for an attempt the authorization refused (OWASP ASVS V7), with the ``reason``.
    """

    at: dt.datetime
    actor: str
    role: Role | None
    action: str
    record: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    sequence: int = 0
    institute: str | None = None
    outcome: str = DONE
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The event as JSON."""
        return {"sequence": self.sequence, "at": self.at.isoformat(), "actor": self.actor,
                "role": self.role.value if self.role else None, "action": self.action,
                "record": self.record, "before": self.before, "after": self.after,
                "institute": self.institute, "outcome": self.outcome, "reason": self.reason}


def apply_changes(
    dataset: Dataset, accounts: Mapping[str, Account], changes: Sequence[Change]
) -> tuple[Dataset, dict[str, Account]]:
    """The dataset and accounts with ``changes`` applied, or :class:`ConflictError` when a
    change's ``before`` is not what is there now."""
    sections: dict[str, dict[tuple[Any, ...], Any]] = {}
    new_accounts = dict(accounts)
    for change in changes:
        if change.section == "accounts":
            current: Any = new_accounts.get(change.key[0])
            _expect(current, change)
            if change.after is None:
                del new_accounts[change.key[0]]
            else:
                new_accounts[change.key[0]] = change.after
            continue
        records = sections.get(change.section)
        if records is None:
            records = sections[change.section] = {
                record_key(r): r for r in getattr(dataset, change.section)}
        current = records.get(change.key)
        _expect(current, change)
        if change.after is None:
            del records[change.key]
        else:
            records[change.key] = change.after
    if sections:
        dataset = attrs.evolve(dataset, **{name: tuple(records.values())
                                           for name, records in sections.items()})
    return dataset, new_accounts


def _expect(current: Any, change: Change) -> None:
    if current != change.before:
        what = record_label(change.record)
        raise ConflictError(f"{what} changed meanwhile; nothing was written, try again")
