"""What every group of workflow operations shares: the store, the clock, the policy, and the
authorize-then-change pattern of an operation."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING

from casedu.errors import ConflictError, PermissionDeniedError, UnknownRecordError, visible
from casedu.logs import logger
from casedu.model import Account, Person, TrainingPlan
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import BOUNDS
from casedu.services.authorization import Actor, Target, authorize
from casedu.services.changes import DENIED, AuditEvent
from casedu.services.passwords import PasswordHasher
from casedu.services.store import Store
from casedu.services.unit_of_work import UnitOfWork

_log = logger("services")

if TYPE_CHECKING:
    from casedu.services.session_types import SessionLimits

__all__ = ["WorkflowBase"]


class _Unset:
    """A keyword left out (distinct from None, which may be a value)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()

#: The workflow and account of :meth:`WorkflowBase.acting`, in the block's thread or task.
_ACTING: contextvars.ContextVar[tuple[WorkflowBase, Account] | None] = contextvars.ContextVar(
    "casedu acting", default=None)


def _default_limits() -> SessionLimits:
    from casedu.services.session_types import SessionLimits

    return SessionLimits()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WorkflowBase:
    """The shared state of the workflow's operations."""

    def __init__(self, store: Store, *, clock: Callable[[], dt.datetime] | None = None,
                 policy: Policy = DEFAULT_POLICY, hasher: PasswordHasher | None = None,
                 session_limits: SessionLimits | None = None) -> None:
        self.store = store
        #: The time of audit events and report dates: the current UTC time unless a clock is
        #: passed (tests and replays pass their own).
        self.clock: Callable[[], dt.datetime] = clock or _utc_now
        self.policy = policy
        self.hasher = hasher or PasswordHasher()
        #: How long a session lasts (:mod:`casedu.services.sessions`).
        self.session_limits = session_limits or _default_limits()

    @contextmanager
    def acting(self, actor: Actor) -> Iterator[None]:
        """The read-only operations called in this block by ``actor`` take its account as the
        current one instead of reading it again: the account as :meth:`resume_session` read
        it at the start of this request (a web page's visit), a moment before. Operations
        that change something read the account again all the same; outside the block,
        every operation reads it."""
        token = _ACTING.set((self, actor.account))
        try:
            yield
        finally:
            _ACTING.reset(token)

    @contextmanager
    def _operation(self, actor: Actor, operation: str, target: Target, *,
                   seen: UnitOfWork | None = None,
                   reading: bool = False) -> Iterator[UnitOfWork]:
        """Authorize ``operation`` against the current account, then collect its changes and
        commit them when the block ends without error. A refusal is audited and raised.
        ``seen``: the look (:meth:`_peek`) that found the target, whose records the operation
        takes as read instead of reading them again (the commit checks each changed one
        against the database under its row lock all the same)."""
        uow = UnitOfWork(self.store, actor=actor.username, role=actor.role, action=operation,
                         clock=self.clock, institute=target.institute)
        if seen is not None:
            uow.take_reads(seen)
        acting = _ACTING.get()
        if reading and acting is not None and acting[0] is self \
                and acting[1].username == actor.username:
            uow.take_account(acting[1])  # as read at the start of the request (acting)
        current = uow.account(actor.username)
        try:
            if current is None:
                raise PermissionDeniedError(f"no account {actor.username!r}")
            authorize(Actor(current, actor.role), operation, target)
        except PermissionDeniedError as error:
            _log.warning("refused %s by %s as %s on %s: %s", operation,
                         visible(actor.username, BOUNDS.identifier_length), actor.role.value,
                         visible(target.label or "?", BOUNDS.line_length),
                         visible(str(error), BOUNDS.text_length))
            self._audit_refusal(uow, current, target, error)
            raise
        yield uow
        try:
            uow.commit()
        except ConflictError as error:  # say which operation to run again
            error.operation = operation
            _log.info("conflict in %s by %s: nothing written", operation, actor.username)
            raise
        if uow.changes:
            _log.debug("done %s by %s as %s: %d records changed", operation, actor.username,
                       actor.role.value, len(uow.changes))

    def _audit_refusal(self, uow: UnitOfWork, account: Account | None, target: Target,
                       error: PermissionDeniedError) -> None:
        """Record a refused attempt in the audit of the acting account's institute (and of the
        target's, when that is another one). Its texts came from the caller: every control
        character is escaped and each is cut to what every engine's column holds, so that the
        attempt is audited the same on every engine, whatever it carried."""
        institutes = dict.fromkeys(i for i in (account.institute if account else None,
                                               target.institute) if i is not None)
        events = [AuditEvent(at=uow.now, actor=visible(uow.actor, BOUNDS.identifier_length),
                             role=uow.role, action=uow.action,
                             record=visible(target.label, BOUNDS.line_length), before=None,
                             after=None, institute=code, outcome=DENIED,
                             reason=visible(str(error), BOUNDS.text_length))
                  for code in institutes]
        self.store.commit([], events)

    def _read(self, actor: Actor, operation: str, target: Target) -> UnitOfWork:
        """Authorize a read-only operation and give its view of the workspace."""
        with self._operation(actor, operation, target, reading=True) as uow:
            return uow

    @staticmethod
    def _plan(uow: UnitOfWork, plan_id: str) -> TrainingPlan:
        plan: TrainingPlan | None = uow.get("plans", (plan_id,))
        if plan is None:
            raise UnknownRecordError(f"no plan {plan_id!r}")
        return plan

    @staticmethod
    def _person(uow: UnitOfWork, person_id: str) -> Person:
        person: Person | None = uow.get("people", (person_id,))
        if person is None:
            raise UnknownRecordError(f"no person {person_id!r}")
        return person

    def _plan_target(self, uow: UnitOfWork, plan_id: str) -> Target:
        plan = self._plan(uow, plan_id)
        return Target(institute=plan.institute, department=plan.department, plan=plan.id,
                      label=f"plan {plan.id}")

    def _person_target(self, uow: UnitOfWork, person_id: str) -> Target:
        person = self._person(uow, person_id)
        return Target(institute=person.institute, department=person.department,
                      person=person.id, label=f"person {person.id}")

    @staticmethod
    def _department_reference(uow: UnitOfWork, department_id: str | None) -> tuple[Target, ...]:
        """The department a record names, as a reference to authorize (none for None)."""
        if department_id is None:
            return ()
        department = uow.get("departments", (department_id,))
        if department is None:
            raise UnknownRecordError(f"no department {department_id!r}")
        return (Target(institute=department.institute, department=department.id,
                       label=f"department {department.id}"),)

    def _people_references(self, uow: UnitOfWork, person_ids: Iterable[str]) -> tuple[Target, ...]:
        """The people an operation names, as references to authorize; unknown ids are left to
        the operation, which says what it expected."""
        return tuple(self._person_target(uow, p) for p in person_ids
                     if uow.get("people", (p,)) is not None)

    @contextmanager
    def _looking(self) -> Iterator[UnitOfWork]:
        """A look (:meth:`_peek`) whose reads share one connection where the store offers it
        (``looking``: the SQL store), so that a look of a few records costs one transaction."""
        together = getattr(self.store, "looking", None)
        with together() if together is not None else nullcontext():
            yield self._peek()

    def _peek(self) -> UnitOfWork:
        """A look at the store, to find an operation's target before authorizing."""
        return UnitOfWork(self.store, actor="", role=None, action="", clock=self.clock)
