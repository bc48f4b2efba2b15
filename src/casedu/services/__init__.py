"""The service layer: operations a role performs, checked against its scope, each change audited.

A portal authenticates its users, then calls :class:`Workflow` on their behalf; the store behind
it is a :class:`MemoryStore`, casedu's SQL store (a SQLite workspace, PostgreSQL, MariaDB), or the
portal's own :class:`Store`.
"""

from casedu.services.academy import academy_rollup, check_academy
from casedu.services.authorization import OPERATIONS, Actor, Target, authorize
from casedu.services.changes import AuditEvent, Change
from casedu.services.passwords import PasswordHasher
from casedu.services.retry import retry
from casedu.services.store import MemoryStore, State, Store
from casedu.services.workflow import Workflow

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
    "academy_rollup",
    "authorize",
    "check_academy",
    "retry",
]
