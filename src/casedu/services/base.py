"""What every group of workflow operations shares: the store, the clock, the policy, and the
authorize-then-change pattern of an operation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from casedu.errors import PermissionDeniedError, UnknownRecordError
from casedu.model import Person, TrainingPlan
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.services.authorization import Actor, Target, authorize
from casedu.services.passwords import PasswordHasher
from casedu.services.store import Store
from casedu.services.unit_of_work import UnitOfWork

__all__ = ["WorkflowBase"]


class _Unset:
    """A keyword left out (distinct from None, which may be a value)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


class WorkflowBase:
    """The shared state of the workflow's operations."""

    def __init__(self, store: Store, *, clock: Callable[[], dt.datetime],
                 policy: Policy = DEFAULT_POLICY, hasher: PasswordHasher | None = None) -> None:
        self.store = store
        self.clock = clock
        self.policy = policy
        self.hasher = hasher or PasswordHasher()

    @contextmanager
    def _operation(self, actor: Actor, operation: str, target: Target) -> Iterator[UnitOfWork]:
        """Authorize ``operation`` against the current account, then collect its changes and
        commit them when the block ends without error."""
        uow = UnitOfWork(self.store, actor=actor.username, role=actor.role, action=operation,
                         clock=self.clock)
        current = uow.accounts.get(actor.username)
        if current is None:
            raise PermissionDeniedError(f"no account {actor.username!r}")
        authorize(Actor(current, actor.role), operation, target)
        yield uow
        uow.commit()

    def _read(self, actor: Actor, operation: str, target: Target) -> UnitOfWork:
        """Authorize a read-only operation and give its view of the workspace."""
        with self._operation(actor, operation, target) as uow:
            return uow

    @staticmethod
    def _plan(uow: UnitOfWork, plan_id: str) -> TrainingPlan:
        plan = uow.dataset.plan_by_id.get(plan_id)
        if plan is None:
            raise UnknownRecordError(f"no plan {plan_id!r}")
        return plan

    @staticmethod
    def _person(uow: UnitOfWork, person_id: str) -> Person:
        person = uow.dataset.person_by_id.get(person_id)
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

    def _peek(self) -> UnitOfWork:
        """A look at the current state, to find an operation's target before authorizing."""
        return UnitOfWork(self.store, actor="", role=None, action="", clock=self.clock)
