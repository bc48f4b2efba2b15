"""The service layer: operations a role performs, checked against its scope, each change audited.

A portal authenticates its users, then calls :class:`Workflow` on their behalf; the store behind
it is a :class:`MemoryStore`, casedu's SQL store (a SQLite workspace, PostgreSQL, MariaDB), or the
portal's own :class:`Store`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casedu.services.authorization import OPERATIONS, Actor, Target, authorize
    from casedu.services.changes import AuditEvent, Change
    from casedu.services.passwords import PasswordHasher
    from casedu.services.retry import retry
    from casedu.services.store import MemoryStore, State, Store
    from casedu.services.workflow import Workflow

#: Each name from its module on first use: the workspace reads its audit events and state
#: without loading the workflow, the password checks and the reports behind it.
_HOMES = {
    "OPERATIONS": "authorization", "Actor": "authorization", "Target": "authorization",
    "authorize": "authorization", "AuditEvent": "changes", "Change": "changes",
    "PasswordHasher": "passwords", "retry": "retry", "MemoryStore": "store", "State": "store",
    "Store": "store", "Workflow": "workflow",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'casedu.services' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"casedu.services.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "OPERATIONS",
    "Actor",
    "AuditEvent",
    "Change",
    "MemoryStore",
    "PasswordHasher",
    "State",
    "Store",
    "Target",
    "Workflow",
    "authorize",
    "retry",
]
