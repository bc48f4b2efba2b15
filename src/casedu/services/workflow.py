"""The workflow: every operation a role performs, authorized, changed and audited.

>>> import datetime as dt
>>> from casedu.sample import sample_dataset
>>> from casedu.services import MemoryStore, PasswordHasher, Workflow
>>> clock = lambda: dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.timezone.utc)
>>> flow = Workflow(MemoryStore(sample_dataset()), clock=clock, hasher=PasswordHasher(n=2**4))
>>> _ = flow.bootstrap_institute_admin("DEMO")
>>> admin = flow.login("DEMO", "DEMO654321")
>>> admin = flow.change_password(admin, "DEMO654321", "a-Better-one-2026")
>>> summary = flow.refresh_summary(admin, 2026)
>>> summary.figures["plan_execution_rate"]
'0.7857'
>>> [e.action for e in flow.audit_events(admin)][-1]
'refresh_summary'
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Any

from casedu.errors import expect
from casedu.services.academy import AcademyOperations
from casedu.services.authorization import Actor, Target
from casedu.services.changes import AuditEvent
from casedu.services.imports import ImportOperations
from casedu.services.learning import LearningOperations
from casedu.services.listing import ListingOperations
from casedu.services.paging import PAGE_SIZE, Page, check_window
from casedu.services.plans import PlanOperations
from casedu.services.sessions import SessionOperations
from casedu.services.year_end import YearEndOperations

__all__ = ["Workflow"]


class Workflow(SessionOperations, ListingOperations, PlanOperations,
               LearningOperations, YearEndOperations, ImportOperations, AcademyOperations):
    """All the operations over one store. Pass the clock (for audit times and report dates),
    and optionally the policy, the password hasher and the session limits."""

    def audit_events(self, actor: Actor, *, actor_name: str | None = None,
                     action: str | None = None, record: str | None = None,
                     since: dt.datetime | None = None, until: dt.datetime | None = None,
                     outcome: str | None = None) -> Sequence[AuditEvent]:
        """The audit events of the actor's institute, filtered: by who acted, the action, a
        record label prefix (``plans:``, ``plans:tp001``), a time range (``since`` included,
        ``until`` not), and the outcome (``done``, or ``denied`` for refused attempts)."""
        institute = actor.grant.institute
        self._read(actor, "list_audit", Target(institute=institute, label="audit"))
        return [
            e for e in self.store.events(institute=institute)
            if (actor_name is None or e.actor == actor_name)
            and (action is None or e.action == action)
            and (record is None or e.record.startswith(record))
            and (since is None or e.at >= since)
            and (until is None or e.at < until)
            and (outcome is None or e.outcome == outcome)
        ]

    def audit_page(self, actor: Actor, *, actor_name: str | None = None,
                   action: str | None = None, record: str | None = None,
                   since: dt.datetime | None = None, until: dt.datetime | None = None,
                   outcome: str | None = None, limit: int = PAGE_SIZE,
                   offset: int = 0) -> Page[AuditEvent]:
        """审计日志: a page of the events of :meth:`audit_events`, newest first. The store
        filters and pages them; a time range is applied to what it finds (times are kept as
        written, in the clock's zone, so the store does not compare them)."""
        check_window(limit, offset)
        institute = actor.grant.institute
        self._read(actor, "list_audit", Target(institute=institute, label="audit"))
        if since is None and until is None:
            items, total = self.store.audit_page(
                institute, actor=actor_name, action=action, record=record, outcome=outcome,
                limit=limit, offset=offset)
            return Page(items=items, total=total, offset=offset, limit=limit)
        every, _ = self.store.audit_page(institute, actor=actor_name, action=action,
                                         record=record, outcome=outcome)
        found = [e for e in every
                 if (since is None or e.at >= since) and (until is None or e.at < until)]
        return Page(items=found[offset:offset + limit], total=len(found), offset=offset,
                    limit=limit)


def _checks_actor(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def checked(self: Workflow, actor: Actor, *args: Any, **kwargs: Any) -> Any:
        expect("actor", actor, Actor, what="an Actor (from Workflow.login or switch_role)")
        return method(self, actor, *args, **kwargs)

    return checked


# Every operation takes the acting Actor first: it is checked where it comes in, so a portal
# that passes a username or an account gets an ArgumentTypeError, not an AttributeError.
for _name, _method in inspect.getmembers(Workflow, inspect.isfunction):
    _parameters = list(inspect.signature(_method).parameters)
    if not _name.startswith("_") and _parameters[1:2] == ["actor"]:
        setattr(Workflow, _name, _checks_actor(_method))
